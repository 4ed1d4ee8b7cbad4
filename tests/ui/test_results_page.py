"""Results page: figures from the core, gaps in order, how it was scored, change since last time."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from streamlit.testing.v1 import AppTest

from checklist.domain.assessment import ActionStatus, Answer, AnswerValue, PlannedAction
from checklist.domain.bank import QuestionBank
from checklist.domain.plan import start_reassessment
from checklist.storage import AssessmentStore
from tests.builders import make_assessment

RESULTS = "checklist/ui/app_pages/results.py"


def open_results(new_app: Callable[..., AppTest], assessment_id: str) -> AppTest:
    return new_app(a=assessment_id).switch_page(RESULTS).run()


def test_results_show_the_overall_score_and_completion_from_the_core(
    new_app: Callable[..., AppTest], store: AssessmentStore, bank: QuestionBank
) -> None:
    """a1 met (weight 2 × 1) and a2 not met (3 × 0): 2 / 5 = 40.0; 2 of the 4 questions (a1, a2, b1, b2): 50%."""
    assessment = make_assessment(bank, {"a1": "met", "a2": "not_met"})
    store.create(assessment)

    at = open_results(new_app, assessment.id)

    assert [(m.label, m.value) for m in at.metric] == [
        ("Overall score (out of 100)", "40.0"),
        ("Completion", "50%"),
        ("Gaps", "1"),
    ]


def test_results_list_the_gaps_in_the_cores_order_with_their_kind(
    new_app: Callable[..., AppTest], store: AssessmentStore, bank: QuestionBank
) -> None:
    assessment = make_assessment(bank, {"a1": "partly", "a2": "not_met", "b1": "unknown"})
    store.create(assessment)

    at = open_results(new_app, assessment.id)

    gaps = next(t.value for t in at.table if "Marks" in t.value.columns)
    # Escaped, because st.table reads cells as Markdown: the page shows "Question a2?".
    assert list(gaps["Question"]) == ["Question a2\\?", "Question a1\\?", "Question b1\\?"]
    assert list(gaps["Marks"]) == [
        "Quick win; importance 3 of 3, cost low",
        "Quick win; importance 2 of 3, cost low",
        "to check; importance 1 of 3, cost low",
    ]
    assert list(gaps["Rank"]) == ["1", "2", "3"]


def test_user_text_in_a_not_applicable_reason_is_shown_literally(
    new_app: Callable[..., AppTest], store: AssessmentStore, bank: QuestionBank
) -> None:
    assessment = make_assessment(bank, {"a1": "met"}).with_answer(
        "b1", Answer(answer=AnswerValue.NA, na_reason="**No** <b>groups</b>")
    )
    store.create(assessment)

    at = open_results(new_app, assessment.id)

    reasons = [list(t.value["Reason"]) for t in at.table if "Reason" in t.value.columns]
    assert reasons == [["\\*\\*No\\*\\* \\<b\\>groups\\<\\/b\\>"]]


def test_a_reassessment_shows_the_change_and_what_happened_to_the_old_plan(
    new_app: Callable[..., AppTest], store: AssessmentStore, bank: QuestionBank
) -> None:
    old = make_assessment(
        bank,
        {"a1": "not_met", "b1": "met"},
        assessed_on=date(2025, 1, 1),
        actions=[PlannedAction(question_id="a1", text="Done it.", status=ActionStatus.DONE)],
    )
    new = start_reassessment(bank, old, prefill=True, today=date.today())
    new = new.with_answer("a1", Answer(answer=AnswerValue.MET))
    store.create(new)

    at = open_results(new_app, new.id)

    assert "Since the previous assessment (1 January 2025)" in [s.value for s in at.header]
    assert "The previous plan: 1 done, 0 overdue, 0 dropped, 0 still open." in [m.value for m in at.markdown]


def test_starting_a_reassessment_opens_a_new_assessment_that_remembers_this_one(
    new_app: Callable[..., AppTest], store: AssessmentStore, bank: QuestionBank
) -> None:
    assessment = make_assessment(bank, {"a1": "met"})
    store.create(assessment)
    at = open_results(new_app, assessment.id)

    at.radio(key="results-reassess-prefill").set_value("Start from these answers")
    at.button(key="results-reassess").click().run()

    opened = at.session_state["assessment"]
    assert (opened.id != assessment.id, opened.answers, opened.previous.answers) == (
        True,
        assessment.answers,
        assessment.answers,
    )


def test_a_draft_is_marked_as_a_draft_above_its_scores(
    new_app: Callable[..., AppTest], store: AssessmentStore, bank: QuestionBank
) -> None:
    """a1 answered of a1, a2, b1, b2: 1 of 4, below the 80% draft line."""
    assessment = make_assessment(bank, {"a1": "met"})
    store.create(assessment)

    at = open_results(new_app, assessment.id)

    assert [w.value for w in at.warning] == [
        "Draft: 1 of 4 questions answered. Below 80% answered, these scores are a draft, not a result."
    ]
    assert at.metric[0].help == "Draft: 1 of 4 questions answered"


def test_a_finished_assessment_is_not_marked_as_a_draft(
    new_app: Callable[..., AppTest], store: AssessmentStore, bank: QuestionBank
) -> None:
    assessment = make_assessment(bank, {"a1": "met", "a2": "not_met", "b1": "partly", "b2": "met"})
    store.create(assessment)

    at = open_results(new_app, assessment.id)

    assert [w.value for w in at.warning if "Draft" in w.value] == []
    assert at.metric[0].help == ""


def test_the_gaps_are_counted_by_importance_and_cost_in_a_grid(
    new_app: Callable[..., AppTest], store: AssessmentStore, bank: QuestionBank
) -> None:
    """The small bank's questions all cost "low"; a2 weighs 3, a1 2 and b1 1."""
    assessment = make_assessment(bank, {"a1": "partly", "a2": "not_met", "b1": "unknown"})
    store.create(assessment)

    at = open_results(new_app, assessment.id)

    grid = next(t.value for t in at.table if "Cost: low" in t.value.columns)
    assert grid.to_dict("list") == {
        "Importance": ["3 of 3", "2 of 3", "1 of 3"],
        "Cost: none": ["–", "–", "–"],
        "Cost: low": ["1", "1", "1"],
        "Cost: medium": ["–", "–", "–"],
        "Cost: high": ["–", "–", "–"],
    }
