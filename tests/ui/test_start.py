"""Start page: new assessment, resume by link or list, upload a saved copy."""

from __future__ import annotations

import json
import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from checklist.domain.assessment import Answer, AnswerValue
from checklist.domain.bank import QuestionBank
from checklist.domain.loading import MAX_FILE_BYTES, dump_assessment
from checklist.storage import AssessmentStore
from tests.builders import make_assessment
from tests.ui.conftest import go, started


def test_starting_an_assessment_saves_it_and_puts_its_id_in_the_url(
    new_app: Callable[..., AppTest], store: AssessmentStore
) -> None:
    at = started(new_app)

    assessment_id = at.query_params["a"]
    assert len(assessment_id) >= 22  # 128 bits in URL-safe base64
    assert store.get(assessment_id) is not None


def test_opening_the_resume_link_in_a_new_session_restores_answers_and_theme(
    new_app: Callable[..., AppTest], store: AssessmentStore, bank: QuestionBank
) -> None:
    assessment = make_assessment(bank, {"b1": "partly"})
    store.create(assessment, ui_state={"theme": "beta"})

    at = go(new_app(a=assessment.id), "themes")

    assert at.radio(key="answer-b1").value == "partly"
    assert at.selectbox(key="theme-picker").value == "beta"
    assert at.query_params["t"] == "beta"


def test_the_theme_in_the_link_wins_over_the_last_saved_one(
    new_app: Callable[..., AppTest], store: AssessmentStore, bank: QuestionBank
) -> None:
    assessment = make_assessment(bank)
    store.create(assessment, ui_state={"theme": "beta"})

    at = go(new_app(a=assessment.id, t="alpha"), "themes")

    assert at.selectbox(key="theme-picker").value == "alpha"


def test_a_link_to_an_assessment_that_does_not_exist_says_so(new_app: Callable[..., AppTest]) -> None:
    at = new_app(a="NoSuchAssessmentXXXXXX")

    assert not at.exception
    assert "No saved assessment has this link" in at.error[0].value


def test_a_pasted_resume_link_opens_the_assessment(
    new_app: Callable[..., AppTest], store: AssessmentStore, bank: QuestionBank
) -> None:
    assessment = make_assessment(bank)
    store.create(assessment)
    at = new_app()

    at.text_input(key="resume-text").input(f"http://localhost:8501/themes?a={assessment.id}")
    at.button[1].click().run()  # the form's Resume button

    assert at.session_state["assessment"].id == assessment.id


def test_the_list_of_saved_assessments_opens_one(
    new_app: Callable[..., AppTest], store: AssessmentStore, bank: QuestionBank
) -> None:
    assessment = make_assessment(bank, {"a1": "met"})
    store.create(assessment)
    at = new_app()

    at.button(key=f"open-{assessment.id}").click().run()

    assert at.session_state["assessment"] == assessment


def test_the_list_of_saved_assessments_can_be_switched_off(
    new_app: Callable[..., AppTest], store: AssessmentStore, bank: QuestionBank, monkeypatch: pytest.MonkeyPatch
) -> None:
    assessment = make_assessment(bank)
    store.create(assessment)
    monkeypatch.setenv("CHECKLIST_LIST_ASSESSMENTS", "0")

    at = new_app()

    assert f"open-{assessment.id}" not in [b.key for b in at.button]
    assert "Assessments saved on this server" not in [h.value for h in at.header]


def test_an_uploaded_file_is_imported_as_a_new_assessment(
    new_app: Callable[..., AppTest], store: AssessmentStore, bank: QuestionBank
) -> None:
    original = make_assessment(bank, {"a1": "met", "b1": "na"})
    at = new_app()

    copy = dump_assessment(original, tool_version="test")
    at.file_uploader(key="upload").upload("copy.json", copy, "application/json")
    at.run()

    imported = at.session_state["assessment"]
    assert imported.id != original.id
    assert imported.answers == original.answers
    assert store.get(imported.id) is not None
    assert at.success[0].value == "The file was loaded as a new assessment."


def test_a_bad_upload_gets_a_plain_message_and_the_app_carries_on(new_app: Callable[..., AppTest]) -> None:
    at = new_app()

    at.file_uploader(key="upload").upload("notes.json", b'{"hello": "world"}', "application/json")
    at.run()

    assert not at.exception
    assert at.error[0].value == "This file cannot be used."
    assert "this is not an assessment file" in at.text[-1].value
    assert at.session_state["assessment"] is None


def test_a_file_over_the_size_limit_is_refused_in_code(new_app: Callable[..., AppTest], bank: QuestionBank) -> None:
    at = new_app()
    padded = json.dumps({"padding": "x" * MAX_FILE_BYTES}).encode()

    at.file_uploader(key="upload").upload("huge.json", padded, "application/json")
    at.run()

    assert "larger than 5 MB" in at.text[-1].value
    assert at.session_state["assessment"] is None


def test_user_text_in_the_list_is_shown_literally(
    new_app: Callable[..., AppTest], store: AssessmentStore, bank: QuestionBank
) -> None:
    assessment = make_assessment(bank).with_answer("a1", Answer(answer=AnswerValue.MET))
    service = assessment.service.model_copy(update={"name": "**Hub** <b>x</b>"})
    named = assessment.model_copy(update={"service": service})
    store.create(named)

    at = new_app()

    assert "**Hub** <b>x</b>" in [t.value for t in at.text]


def test_the_start_page_shows_the_resume_link_of_the_open_assessment(new_app: Callable[..., AppTest]) -> None:
    at = go(started(new_app), "start")

    assert at.code[0].value.endswith(f"/themes?a={at.query_params['a']}")


def test_an_uploaded_file_is_never_written_to_disk_outside_the_database(
    new_app: Callable[..., AppTest],
    bank: QuestionBank,
    app_env: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Temporary files and HOME point into tmp_path, so any copy of the upload would be found there."""
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    monkeypatch.setenv("TMPDIR", str(scratch))
    monkeypatch.setenv("HOME", str(scratch))
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    marker = "upload-marker-7f3a9c"
    original = make_assessment(bank, {"a1": "met"}).with_answer("a1", Answer(answer=AnswerValue.MET, note=marker))
    at = new_app()

    at.file_uploader(key="upload").upload(
        "copy.json", dump_assessment(original, tool_version="test"), "application/json"
    )
    at.run()

    assert at.success[0].value == "The file was loaded as a new assessment."
    database = {p for p in app_env.iterdir() if p.name.startswith("checklist.sqlite3")}
    holding_it = [
        p for p in tmp_path.rglob("*") if p.is_file() and p not in database and marker.encode() in p.read_bytes()
    ]
    assert holding_it == []
    assert any(marker.encode() in p.read_bytes() for p in database), "the marker must be findable where it is kept"
