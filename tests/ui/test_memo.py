"""Reruns with nothing changed reuse the score and the charts; a saved change is scored afresh."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from streamlit.testing.v1 import AppTest

from checklist.domain import scoring
from checklist.domain.bank import QuestionBank
from checklist.storage import AssessmentStore
from checklist.ui import memo, state
from tests.builders import make_assessment
from tests.ui.conftest import go

RESULTS = "checklist/ui/app_pages/results.py"


@pytest.fixture
def scorings(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The id of every assessment the pages score from now on."""
    seen: list[str] = []

    def counted(bank: QuestionBank, assessment: object) -> scoring.ScoreResult:
        seen.append(assessment.id)  # type: ignore[attr-defined]
        return scoring.score_assessment(bank, assessment)  # type: ignore[arg-type]

    monkeypatch.setattr(memo, "score_assessment", counted)
    return seen


def test_rerunning_the_results_page_scores_the_assessment_once(
    new_app: Callable[..., AppTest], store: AssessmentStore, bank: QuestionBank, scorings: list[str]
) -> None:
    assessment = make_assessment(bank, {"a1": "met", "b1": "not_met"})
    store.create(assessment)
    at = new_app(a=assessment.id).switch_page(RESULTS).run()

    at.run()
    at.run()

    assert scorings == [assessment.id]


def test_a_saved_answer_is_scored_afresh_on_the_next_page(
    new_app: Callable[..., AppTest], store: AssessmentStore, bank: QuestionBank, scorings: list[str]
) -> None:
    assessment = make_assessment(bank, {"a1": "met"})
    store.create(assessment)
    at = go(new_app(a=assessment.id), "themes")

    at.radio(key=state.answer_key("a1")).set_value("not_met").run()
    at.switch_page(RESULTS).run()

    assert at.metric[2].value == "1"  # the answer just changed is a gap now
    assert len(scorings) == 2


def test_the_results_charts_are_built_once_per_result(
    new_app: Callable[..., AppTest], store: AssessmentStore, bank: QuestionBank
) -> None:
    assessment = make_assessment(bank, {"a1": "met", "b1": "not_met"})
    store.create(assessment)
    at = new_app(a=assessment.id).switch_page(RESULTS).run()
    first = at.session_state[state.MEMO]["chart-theme-scores"][1]

    at.run()

    assert at.session_state[state.MEMO]["chart-theme-scores"][1] is first
