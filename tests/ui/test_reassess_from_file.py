"""Start page: a re-assessment started from an uploaded JSON or PDF of a previous assessment."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime
from typing import Any

from streamlit.testing.v1 import AppTest

from checklist.domain.assessment import ActionStatus, Assessment, PlannedAction
from checklist.domain.bank import QuestionBank
from checklist.domain.loading import dump_assessment
from checklist.domain.scoring import score_assessment
from checklist.render.pdf import build_action_plan_pdf
from checklist.storage import AssessmentStore
from tests.builders import make_assessment


def previous(bank: QuestionBank) -> Assessment:
    old = make_assessment(
        bank,
        {"a1": "not_met", "b1": "met", "b2": "partly"},
        assessed_on=date(2025, 1, 1),
        actions=[
            PlannedAction(question_id="a1", text="Run a women-only group.", owner="Sam", status=ActionStatus.DONE),
            PlannedAction(question_id="b2", text="Add a crèche.", status=ActionStatus.DROPPED),
        ],
    )
    service = old.service.model_copy(
        update={"name": "Hillside", "organisation": "Hill Trust", "profile": {"groups": "yes"}}
    )
    return old.model_copy(update={"service": service})


def as_pdf(bank: QuestionBank, assessment: Assessment) -> bytes:
    result = score_assessment(bank, assessment)
    created = datetime(2025, 1, 2, tzinfo=UTC)
    return build_action_plan_pdf(bank, assessment, result, tool_version="test", creation_date=created)


def reassess_upload(at: AppTest, name: str, data: bytes, mime: str, answers: str = "Answers start blank") -> AppTest:
    at.radio(key="upload-choice").set_value("Start a re-assessment from it").run()
    at.radio(key="upload-prefill").set_value(answers)
    at.file_uploader(key="upload").upload(name, data, mime)
    return at.run()


def carried(new: Assessment) -> dict[str, Any]:
    assert new.previous is not None
    return {
        "profile": new.service.profile,
        "previous answers": new.previous.answers,
        "actions": [(a.text, a.status) for a in new.actions],
    }


def expected_carry(old: Assessment) -> dict[str, Any]:
    return {
        "profile": old.service.profile,
        "previous answers": old.answers,
        "actions": [(a.text, a.status) for a in old.actions],
    }


def test_a_reassessment_from_a_json_file_carries_profile_and_plan_with_blank_answers(
    new_app: Callable[..., AppTest], store: AssessmentStore, bank: QuestionBank
) -> None:
    old = previous(bank)

    at = reassess_upload(new_app(), "old.json", dump_assessment(old, tool_version="test"), "application/json")

    new = at.session_state["assessment"]
    assert new.id != old.id
    assert new.answers == {}
    assert carried(new) == expected_carry(old)
    assert store.get(new.id) is not None


def test_a_reassessment_from_a_json_file_can_start_from_the_files_answers(
    new_app: Callable[..., AppTest], bank: QuestionBank
) -> None:
    old = previous(bank)
    data = dump_assessment(old, tool_version="test")

    at = reassess_upload(new_app(), "old.json", data, "application/json", "Answers start from the file's answers")

    new = at.session_state["assessment"]
    assert (new.answers, carried(new)) == (old.answers, expected_carry(old))


def test_a_reassessment_from_a_pdf_action_plan_carries_profile_and_plan(
    new_app: Callable[..., AppTest], bank: QuestionBank
) -> None:
    old = previous(bank)

    at = reassess_upload(new_app(), "plan.pdf", as_pdf(bank, old), "application/pdf")

    new = at.session_state["assessment"]
    assert (new.answers, carried(new)) == ({}, expected_carry(old))


def test_a_reassessment_from_a_clean_file_opens_the_service_profile_like_a_new_assessment(
    new_app: Callable[..., AppTest], bank: QuestionBank
) -> None:
    old = previous(bank)

    at = reassess_upload(new_app(), "old.json", dump_assessment(old, tool_version="test"), "application/json")

    assert not at.exception
    assert at.text_input(key="service-name").value == "Hillside"


def test_opening_a_file_as_it_is_stays_the_default(new_app: Callable[..., AppTest], bank: QuestionBank) -> None:
    old = previous(bank)
    at = new_app()

    at.file_uploader(key="upload").upload("old.json", dump_assessment(old, tool_version="test"), "application/json")
    at.run()

    opened = at.session_state["assessment"]
    assert (opened.answers, opened.previous) == (old.answers, None)


def test_a_bad_file_for_a_reassessment_gets_the_plain_message(new_app: Callable[..., AppTest]) -> None:
    at = reassess_upload(new_app(), "notes.json", b'{"hello": "world"}', "application/json")

    assert not at.exception
    assert at.error[0].value == "This file cannot be used."
    assert "this is not an assessment file" in at.text[-1].value
    assert at.session_state["assessment"] is None
