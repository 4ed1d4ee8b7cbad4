"""Page rerun time: each page of the menu, rerun in AppTest, against an empty Streamlit page.

Every page is opened with an assessment started on the shipped bank, so it has
real content to draw; Review, Results and Action plan are measured again with a
finished example assessment ("Try an example"), which gives them the most to
draw. The ratio to an empty page measured in the same run says how much our
code costs, whatever the machine. Target: under 30 ms a rerun.

    python -m benchmarks page_rerun
"""

from __future__ import annotations

import logging
import os
import tempfile
from pathlib import Path

from benchmarks.protocol import BenchResult, median_seconds

ROOT = Path(__file__).resolve().parents[1]
APP = ROOT / "app.py"
RERUNS = 20
TARGET_SECONDS = 0.030
FILLED_BY_EXAMPLE = ("review", "results", "plan")


def run() -> list[BenchResult]:
    from streamlit.testing.v1 import AppTest

    from checklist.ui.navigation import PAGES

    # Every AppTest logs a harmless "missing ScriptRunContext" warning; keep the table readable.
    # A filter, not a level: Streamlit resets its loggers' levels when it reads its config.
    logging.getLogger("streamlit.runtime.scriptrunner_utils.script_run_context").addFilter(
        lambda record: "missing ScriptRunContext" not in record.getMessage()
    )
    with tempfile.TemporaryDirectory(prefix="checklist-bench-") as scratch:
        os.environ["CHECKLIST_DATA_DIR"] = scratch
        empty_script = Path(scratch) / "empty_page.py"
        empty_script.write_text("import streamlit as st\n", encoding="utf-8")
        empty = AppTest.from_file(str(empty_script), default_timeout=60).run()
        baseline = median_seconds(empty.run, RERUNS)
        results = [BenchResult("Empty Streamlit page (baseline)", baseline, RERUNS, None, "AppTest rerun")]
        for spec in PAGES:
            results.append(page_result(spec.title, spec.path, baseline))
        # A blank assessment leaves these pages nearly empty; a finished example fills them.
        for spec in PAGES:
            if spec.url_path in FILLED_BY_EXAMPLE:
                results.append(page_result(f"{spec.title}, finished example", spec.path, baseline, start="try-example"))
    return results


def page_result(title: str, page: Path, baseline: float, start: str = "start-new") -> BenchResult:
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(APP), default_timeout=60).run()
    started = [b for b in at.button if b.key == start]
    if started:
        started[0].click().run()
    at.switch_page(str(page.relative_to(ROOT))).run()
    problem = f"; the page raised {at.exception[0].message[:60]!r}" if at.exception else ""
    median = median_seconds(at.run, RERUNS)
    note = f"{median / baseline:.1f} × empty{problem}"
    return BenchResult(f"Page rerun: {title}", median, RERUNS, TARGET_SECONDS, note)
