"""A file the loader accepts opens on every page: the loader repairs what a page could not show."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from streamlit.testing.v1 import AppTest

from checklist.domain.assessment import (
    ActionStatus,
    Answer,
    AnswerValue,
    Assessment,
    PlannedAction,
    PreviousAssessment,
    Service,
    bank_ref,
    new_id,
)
from checklist.domain.bank import QuestionBank
from checklist.domain.errors import AssessmentFileError
from checklist.domain.loading import dump_assessment, load_assessment
from checklist.storage import AssessmentStore
from tests.ui.conftest import EVERY_PAGE
from tests.ui.test_upload_corpus import upload

CORPUS = Path(__file__).parents[1] / "corpus" / "files"
# Ids from a tiny alphabet, so that two actions often share one; question ids the bank has and has not.
ids = st.sampled_from(["act1", "act2", "x"])
question_ids = st.sampled_from(["a1", "a2", "b1", "b2", "gone"])
text = st.text(max_size=30)
dates = st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 12, 31))


@st.composite
def answers(draw: st.DrawFn) -> Answer:
    value = draw(st.sampled_from(AnswerValue))
    reason = draw(st.sampled_from(["We run no groups.", "n/a here"])) if value is AnswerValue.NA else None
    return Answer(answer=value, note=draw(st.none() | text), na_reason=reason)


actions = st.builds(
    PlannedAction,
    id=ids,
    question_id=question_ids,
    text=text,
    owner=text,
    due=st.none() | dates,
    status=st.sampled_from(ActionStatus),
)
# Profile answers the bank knows, one it does not ("weekly"), and a question it does not ask.
profiles = st.dictionaries(st.sampled_from(["groups", "retired"]), st.sampled_from(["yes", "no", "weekly"]))


def assessments(bank: QuestionBank) -> st.SearchStrategy[Assessment]:
    return st.builds(
        Assessment,
        bank=st.just(bank_ref(bank)),
        service=st.builds(Service, name=text, profile=profiles),
        answers=st.dictionaries(question_ids, answers(), max_size=5),
        actions=st.lists(actions, max_size=4),
        previous=st.none()
        | st.builds(
            PreviousAssessment,
            bank=st.just(bank_ref(bank)),
            answers=st.dictionaries(question_ids, answers(), max_size=3),
            actions=st.lists(actions, max_size=3),
        ),
    )


def accepted(data: bytes, bank: QuestionBank) -> Assessment | None:
    try:
        return load_assessment(data, "drawn.json", bank).assessment
    except AssessmentFileError:
        return None


def test_a_file_with_two_actions_sharing_an_id_loads_with_a_warning_and_the_plan_shows_both(
    new_app: Callable[..., AppTest],
) -> None:
    at = upload(new_app(), CORPUS / "duplicate_action_id.json")
    at = at.switch_page(EVERY_PAGE["plan"]).run()

    assert not at.exception
    assert sorted(t.value for t in at.text_area if t.label == "Action") == [
        "Add a crèche.",
        "Start a women-only group.",
    ]


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_every_file_the_loader_accepts_opens_on_every_page(
    data: st.DataObject, bank: QuestionBank, store: AssessmentStore, new_app: Callable[..., AppTest]
) -> None:
    assessment = accepted(dump_assessment(data.draw(assessments(bank)), tool_version="t"), bank)
    if assessment is None:
        return
    stored = store.create(assessment.model_copy(update={"id": new_id()}))

    at = new_app(a=stored.assessment.id)
    failed = [page for page, path in EVERY_PAGE.items() if at.switch_page(path).run().exception]

    assert failed == []
