"""One broken file never stops the rest, on the Compare and Start pages: the corpus, and an injected failure."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from checklist.domain import loading
from checklist.ui.state import COMPARE_DRAFTS
from tests.integration.test_bad_input_corpus import ENTRIES, corpus_file
from tests.ui.test_compare_page import COMPARE, frame, upload
from tests.ui.test_upload_corpus import shown_text
from tests.ui.test_upload_corpus import upload as upload_on_start

UPLOADS = [e for e in ENTRIES if e["kind"] == "assessment"]


def failing_on(monkeypatch: pytest.MonkeyPatch, bad_name: str) -> None:
    """Make one reading step raise something no one planned for, for one file only."""
    real = loading._sniff

    def sniff(data: bytes, name: str) -> bytes:
        if name.endswith(bad_name):
            raise ZeroDivisionError("division by zero")
        return real(data, name)

    monkeypatch.setattr(loading, "_sniff", sniff)


def test_the_whole_corpus_uploaded_at_once_gets_a_line_per_file_and_the_comparison_goes_on(
    new_app: Callable[..., AppTest], tmp_path: Path
) -> None:
    files = [corpus_file(e, tmp_path) for e in UPLOADS]
    at = upload(new_app().switch_page(COMPARE).run(), [(p.name, p.read_bytes()) for p in files])
    at = at.checkbox(key=COMPARE_DRAFTS).check().run()  # the corpus's good files are drafts

    assert not at.exception
    report: pd.DataFrame = frame(at, "report")
    assert len(report) == len(files)
    reasons = dict(zip(report["File"], report["Reason"], strict=True))
    for entry in UPLOADS:
        if entry.get("expect", "error") == "error":
            assert entry["phrase"] in reasons[corpus_file(entry, tmp_path).name]
    assert "Services × themes" in [t.label for t in at.tabs]


def test_an_unexpected_failure_reading_one_file_on_the_compare_page_rejects_only_that_file(
    new_app: Callable[..., AppTest], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    good = (Path(__file__).parents[1] / "corpus" / "files" / "utf8_bom.json").read_bytes()
    failing_on(monkeypatch, "bad.json")

    at = upload(new_app().switch_page(COMPARE).run(), [("bad.json", good), ("good.json", good)])

    assert not at.exception
    report = frame(at, "report")
    assert report["Status"].tolist() == ["Rejected", "Accepted"]
    assert report["Reason"].tolist()[0] == (
        "the file could not be read (an unexpected problem inside the tool (ZeroDivisionError); "
        "please report it with the file)"
    )


def test_an_unexpected_failure_reading_an_upload_on_the_start_page_is_a_plain_message(
    new_app: Callable[..., AppTest], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "bad.json"
    path.write_bytes((Path(__file__).parents[1] / "corpus" / "files" / "utf8_bom.json").read_bytes())
    failing_on(monkeypatch, "bad.json")

    at = upload_on_start(new_app(), path)

    assert not at.exception
    assert [e.value for e in at.error] == ["This file cannot be used."]
    assert "bad.json: the file could not be read (an unexpected problem inside the tool (ZeroDivisionError)" in (
        shown_text(at)
    )
