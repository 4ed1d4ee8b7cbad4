"""Cold start: the first page imports only what it needs, and `make run` imports that early."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# Heavy libraries the Start page does not use: charts, tables, PDFs, and reading PDFs.
# SQLAlchemy's ORM too: the stores use its Core alone (about a tenth of a second to import); and httpx.
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
    "httpx",  # only a sign-in checks the provider with it
)


def printed_by(code: str, data: Path) -> object:
    """What `code`, run in a fresh interpreter whose database lives in `data`, prints last, as JSON."""
    script = f"import json, sys\n{code}"
    env = {k: v for k, v in os.environ.items() if not k.startswith("CHECKLIST_")} | {"CHECKLIST_DATA_DIR": str(data)}
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT, check=True, env=env
    )
    return json.loads(result.stdout.splitlines()[-1])


def modules_after(code: str, data: Path) -> set[str]:
    """The modules loaded after running `code` in a fresh interpreter whose database lives in `data`."""
    return set(printed_by(f"{code}\nprint(json.dumps(sorted(sys.modules)))", data))  # type: ignore[call-overload]


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


# Models whose validators are made on first use (defer_build): the Start page's first run needs none of them.
DEFERRED_MODULES = (
    "checklist.domain.assessment",
    "checklist.domain.scoring",
    "checklist.domain.plan",
    "checklist.domain.survey",
    "checklist.domain.workshop",
    "checklist.domain.people",
    "checklist.domain.sent",
)


def test_the_warm_up_builds_no_validator_for_assessments_scores_surveys_or_workshops(tmp_path: Path) -> None:
    code = (
        "from checklist.ui import serve\n"
        "serve.warm()\n"
        "import pydantic\n"
        "def models(cls):\n"
        "    for sub in cls.__subclasses__():\n"
        "        yield sub\n"
        "        yield from models(sub)\n"
        "built = sorted({f'{m.__module__}.{m.__name__}' for m in models(pydantic.BaseModel) "
        "if m.__module__.startswith('checklist') and m.__pydantic_complete__})\n"
        "print(json.dumps(built))"
    )
    built = printed_by(code, tmp_path)
    assert isinstance(built, list)

    assert "checklist.domain.bank.QuestionBank" in built
    assert [name for name in built if name.rsplit(".", 1)[0] in DEFERRED_MODULES] == []


def test_a_deferred_model_still_validates_on_first_use(tmp_path: Path) -> None:
    code = (
        "from checklist.domain.assessment import Answer\n"
        "from pydantic import ValidationError\n"
        "try:\n"
        "    Answer.model_validate({'answer': 'na'})\n"
        "except ValidationError as exc:\n"
        "    print(json.dumps(['refused', exc.errors()[0]['msg']]))\n"
    )
    assert printed_by(code, tmp_path) == [
        "refused",
        "Value error, a 'not applicable' answer needs a reason (na_reason) with visible text",
    ]


def test_with_no_server_listening_the_warm_up_waits_its_limit_then_warms_anyway(tmp_path: Path) -> None:
    code = (
        "import time\n"
        "from checklist.ui import serve\n"
        "start = time.monotonic()\n"
        "serve.warm_once_serving(limit=0.3)\n"
        "print(json.dumps([time.monotonic() - start, 'checklist.ui.start_page' in sys.modules]))"
    )
    waited, warmed = printed_by(code, tmp_path)  # type: ignore[misc]

    assert waited >= 0.3
    assert warmed is True
