"""The bad-input corpus through the app's upload: a message for each file, and the app carries on."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

from tests.integration.test_bad_input_corpus import ENTRIES, corpus_file, entry_name

# Banks are not uploaded in the app; every assessment file is.
UPLOADS = [pytest.param(e, id=entry_name(e)) for e in ENTRIES if e["kind"] == "assessment"]


def upload(at: AppTest, path: Path) -> AppTest:
    mime = "application/pdf" if path.suffix == ".pdf" else "application/json"
    at.file_uploader(key="upload").upload(path.name, path.read_bytes(), mime)
    return at.run()


def shown_text(at: AppTest) -> str:
    return "\n".join(t.value for t in at.text)


@pytest.mark.parametrize("entry", UPLOADS)
def test_uploading_a_corpus_file_shows_its_message_and_the_app_carries_on(
    entry: dict[str, Any], new_app: Callable[..., AppTest], tmp_path: Path
) -> None:
    at = upload(new_app(), corpus_file(entry, tmp_path))
    expect = entry.get("expect", "error")

    assert not at.exception
    if expect == "error":
        assert [e.value for e in at.error] == ["This file cannot be used."]
        assert entry.get("app_phrase", entry["phrase"]) in shown_text(at)
        assert at.session_state["assessment"] is None
    else:
        assert at.success[0].value == "The file was loaded as a new assessment."
        assert expect == "loads" or entry["phrase"] in shown_text(at)


def test_after_a_bad_upload_a_good_one_still_loads(new_app: Callable[..., AppTest], tmp_path: Path) -> None:
    files = Path(__file__).parents[1] / "corpus" / "files"
    at = upload(new_app(), files / "truncated.json")

    at = upload(at, files / "utf8_bom.json")

    assert not at.exception
    assert at.session_state["assessment"] is not None
