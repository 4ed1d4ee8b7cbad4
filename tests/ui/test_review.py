"""Review: what is left to do, each with a way back to its question, and a score summary."""

from __future__ import annotations

from collections.abc import Callable

from streamlit.testing.v1 import AppTest

from checklist.domain.assessment import Answer, AnswerValue
from checklist.domain.bank import QuestionBank
from checklist.storage import AssessmentStore
from tests.builders import make_assessment
from tests.ui.conftest import go


def test_review_lists_unanswered_dont_know_and_not_applicable_with_its_reason(
    new_app: Callable[..., AppTest], store: AssessmentStore, bank: QuestionBank
) -> None:
    assessment = make_assessment(bank, {"a1": "unknown", "a2": "met"}).with_answer(
        "b1", Answer(answer=AnswerValue.NA, na_reason="No *groups* <here>")
    )
    store.create(assessment)

    at = go(new_app(a=assessment.id), "review")

    assert [h.value for h in at.header][:3] == ["Not answered yet (1)", "Don't know (1)", "Not applicable (1)"]
    assert "Reason given: No *groups* <here>" in [t.value for t in at.text]


def test_each_listed_question_links_back_to_its_theme(
    new_app: Callable[..., AppTest], store: AssessmentStore, bank: QuestionBank
) -> None:
    assessment = make_assessment(bank, {"a1": "met", "a2": "met", "b1": "met"})
    store.create(assessment)

    at = go(new_app(a=assessment.id), "review")

    links = [link for link in at.main.get("page_link") if link.proto.page == "themes"]
    assert len(links) == 1
    assert [link.proto.query_string for link in links] == [f"a={assessment.id}&t=beta"]


def test_review_shows_the_scores_from_the_core(
    new_app: Callable[..., AppTest], store: AssessmentStore, bank: QuestionBank
) -> None:
    assessment = make_assessment(bank, {"a1": "met", "a2": "not_met"})
    store.create(assessment)

    at = go(new_app(a=assessment.id), "review")

    assert "Overall: 40 out of 100. Completion: 50% (2 of 4 questions that apply)." in [m.value for m in at.markdown]
