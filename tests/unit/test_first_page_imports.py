"""Cold start: the first page imports only what it needs, and `make run` imports that early."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# Heavy libraries the Start page does not use: charts, tables, PDFs, and reading PDFs.
# SQLAlchemy's ORM too: the stores use its Core alone (about a tenth of a second to import).
NOT_FOR_THE_FIRST_PAGE = (
    "pandas",
    "altair",
    "numpy",
    "pyarrow",
    "fpdf",
    "pypdf",
    "vl_convert",
    "fontTools",
    "sqlalchemy.orm",
)


def modules_after(code: str, data: Path) -> set[str]:
    """The modules loaded after running `code` in a fresh interpreter whose database lives in `data`."""
    script = f"import json, sys\n{code}\nprint(json.dumps(sorted(sys.modules)))"
    env = {k: v for k, v in os.environ.items() if not k.startswith("CHECKLIST_")} | {"CHECKLIST_DATA_DIR": str(data)}
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT, check=True, env=env
    )
    return set(json.loads(result.stdout.splitlines()[-1]))


def test_the_frame_and_the_start_page_load_no_chart_table_or_pdf_library(tmp_path: Path) -> None:
    loaded = modules_after("import checklist.ui.main, checklist.ui.start_page", tmp_path)

    assert sorted(set(NOT_FOR_THE_FIRST_PAGE) & loaded) == []


def test_make_runs_warm_up_imports_the_start_page_and_the_database_dialect_it_opens(tmp_path: Path) -> None:
    loaded = modules_after("from checklist.ui import serve\nserve.warm()", tmp_path)

    assert {"checklist.ui.main", "checklist.ui.start_page", "sqlalchemy.dialects.sqlite"} <= loaded
    assert sorted(set(NOT_FOR_THE_FIRST_PAGE) & loaded) == []


def test_after_the_warm_up_the_first_page_neither_reads_the_bank_nor_makes_a_store_again(tmp_path: Path) -> None:
    """The bank and the store are cached for every session: once warmed, asking for them must not make them again."""
    code = (
        "from checklist.ui import resources, serve\n"
        "serve.warm()\n"
        "def again(*args): raise AssertionError('made a second time')\n"
        "resources.load_bank = resources.AssessmentStore = again\n"
        "assert resources.bank() is not None and resources.store() is not None"
    )

    assert "checklist.ui.start_page" in modules_after(code, tmp_path)


def test_make_run_starts_the_server_through_the_warm_up() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    recipe = makefile.split("\nrun:", 1)[1].split("\n\n", 1)[0]

    assert "-m checklist.ui.serve" in recipe
