"""Scoring by hand-worked examples: the arithmetic is in each docstring."""

from __future__ import annotations

from typing import Any

import pytest

from checklist.domain.assessment import AnswerValue, Service
from checklist.domain.bank import QuestionBank
from checklist.domain.scoring import SCORING_RULES, ScoreResult, ThemeScore, score_assessment
from tests.builders import make_assessment, make_bank, question


def score(bank: QuestionBank, answers: dict[str, str], profile: dict[str, str] | None = None) -> ScoreResult:
    service = Service(name="Riverside", profile=profile or {})
    return score_assessment(bank, make_assessment(bank, answers, service=service))


def theme(result: ScoreResult, theme_id: str) -> ThemeScore:
    found = result.theme(theme_id)
    assert found is not None
    return found


def two_theme_bank() -> QuestionBank:
    """alpha: a1 (weight 2), a2 (weight 3); beta: b1 (weight 1)."""
    return make_bank()


def gap_order(*questions: dict[str, Any]) -> list[str]:
    """The gap order for one theme of these questions; `_answer` (default not_met) is each one's answer."""
    answers = {q["id"]: q.pop("_answer", "not_met") for q in questions}
    result = score(make_bank({"alpha": list(questions)}), answers)
    return [g.question_id for g in result.gaps]


def test_a_theme_score_is_the_weighted_share_of_its_answers() -> None:
    """a1 met (2 × 1) + a2 partly (3 × 0.5) = 3.5 out of weights 2 + 3 = 5, so 100 × 3.5 / 5 = 70."""
    result = score(two_theme_bank(), {"a1": "met", "a2": "partly"})
    assert theme(result, "alpha").score == 70.0


def test_the_overall_score_is_the_weighted_sum_over_all_answers_not_the_mean_of_themes() -> None:
    """alpha: a1 met 2 × 1, a2 not met 3 × 0 → 2 / 5 = 40. beta: b1 met 1 × 1 → 1 / 1 = 100.

    The mean of the themes would be (40 + 100) / 2 = 70; the overall score is (2 + 0 + 1) / (2 + 3 + 1) = 3 / 6 = 50.
    """
    result = score(two_theme_bank(), {"a1": "met", "a2": "not_met", "b1": "met"})
    assert [t.score for t in result.themes] == [40.0, 100.0]
    assert result.overall == 50.0


def test_completion_is_the_share_of_applicable_questions_answered() -> None:
    """Three applicable questions, two answered: 2 / 3 = 0.667 (rounded to three places)."""
    result = score(two_theme_bank(), {"a1": "met", "b1": "not_met"})
    assert (result.answered, result.applicable, result.completion) == (2, 3, 0.667)


def test_unanswered_questions_are_out_of_the_score_but_listed() -> None:
    """a1 met and a2 unanswered: alpha is 2 / 2 = 100, not 2 / 5 = 40."""
    result = score(two_theme_bank(), {"a1": "met"})
    assert (result.overall, result.unanswered) == (100.0, ("a2", "b1"))


def test_a_theme_with_no_answers_has_no_score_rather_than_zero() -> None:
    """beta has no answers: its score is None. alpha: a1 partly 2 × 0.5 = 1 out of 2, so 50."""
    result = score(two_theme_bank(), {"a1": "partly"})
    assert [t.score for t in result.themes] == [50.0, None]


def test_an_assessment_with_no_answers_has_no_overall_score() -> None:
    result = score(two_theme_bank(), {})
    assert (result.overall, result.completion, result.gaps) == (None, 0.0, ())


def test_dont_know_scores_zero_and_is_a_gap_marked_to_check() -> None:
    """a1 unknown 2 × 0 + a2 met 3 × 1 = 3 out of 5, so 60; a1 is a gap, flagged to check."""
    result = score(two_theme_bank(), {"a1": "unknown", "a2": "met"})
    assert result.overall == 60.0
    assert [(g.question_id, g.answer, g.to_check) for g in result.gaps] == [("a1", AnswerValue.UNKNOWN, True)]
    assert [g.question_id for g in result.to_check] == ["a1"]


def test_not_met_and_partly_are_gaps_but_not_to_check() -> None:
    result = score(two_theme_bank(), {"a1": "partly", "a2": "not_met", "b1": "met"})
    assert sorted((g.question_id, g.to_check) for g in result.gaps) == [("a1", False), ("a2", False)]


def test_a_not_applicable_answer_is_out_of_the_score_and_keeps_its_reason() -> None:
    """a1 na is left out: alpha is a2 met 3 × 1 = 3 out of 3, so 100 (not 3 / 5 = 60)."""
    result = score(two_theme_bank(), {"a1": "na", "a2": "met"})
    assert theme(result, "alpha").score == 100.0
    assert [(e.question_id, e.reason) for e in result.not_applicable] == [("a1", "We do not do this.")]


def test_a_not_applicable_answer_counts_as_answered_for_completion() -> None:
    """a1 na and a2 met are both answered; b1 is not: 2 / 3 = 0.667."""
    result = score(two_theme_bank(), {"a1": "na", "a2": "met"})
    assert result.completion == 0.667


def test_a_not_applicable_answer_is_never_a_gap() -> None:
    assert score(two_theme_bank(), {"a1": "na"}).gaps == ()


def test_a_question_excluded_by_the_profile_is_out_of_everything() -> None:
    """g1 only applies to services that run groups; this one does not, so its not_met answer is ignored.

    Left: a1 met 2 × 1 = 2 out of 2, so 100; one applicable question, answered, so completion 1.
    """
    bank = make_bank({"alpha": [question("a1"), question("g1", applies_if={"groups": ["yes"]})]})
    result = score(bank, {"a1": "met", "g1": "not_met"}, profile={"groups": "no"})
    assert (result.overall, result.completion, result.applicable, result.gaps, result.unanswered) == (
        100.0,
        1.0,
        1,
        (),
        (),
    )
    assert theme(result, "alpha").excluded_by_profile == 1


def test_excluded_by_profile_lists_the_reason_in_words() -> None:
    bank = make_bank({"alpha": [question("g1", applies_if={"groups": ["yes"]})]})
    result = score(bank, {}, profile={"groups": "no"})
    assert [(e.question_id, e.reason) for e in result.excluded_by_profile] == [
        ("g1", "'Do you run groups?' was answered 'No'")
    ]


def test_a_profile_value_the_bank_does_not_know_counts_as_unanswered() -> None:
    bank = make_bank({"alpha": [question("g1", applies_if={"groups": ["yes"]})]})
    assert score(bank, {}, profile={"groups": "weekly"}).applicable == 1


def test_answers_to_questions_the_bank_does_not_have_are_ignored() -> None:
    assert score(two_theme_bank(), {"a1": "met", "gone": "not_met"}).gaps == ()


def test_safety_gaps_come_first() -> None:
    """s1 is a weight-1 partly safety gap (priority 0.5); n1 a weight-3 not met gap (priority 3): s1 still leads."""
    order = gap_order(
        question("n1", weight=3, safety=False, _answer="not_met"),
        question("s1", weight=1, safety=True, _answer="partly"),
    )
    assert order == ["s1", "n1"]


def test_among_equal_safety_a_larger_weight_times_shortfall_comes_first() -> None:
    """p1: weight 1, not met → 1 × (1 − 0) = 1. p2: weight 3, partly → 3 × (1 − 0.5) = 1.5. So p2 first."""
    order = gap_order(question("p1", weight=1, _answer="not_met"), question("p2", weight=3, _answer="partly"))
    assert order == ["p2", "p1"]


def test_among_equal_priority_the_cheaper_gap_comes_first() -> None:
    """Both weight 2, not met (priority 2); c2 costs nothing to fix, c1 a lot: c2 first."""
    order = gap_order(question("c1", cost="high"), question("c2", cost="none"))
    assert order == ["c2", "c1"]


def test_among_equal_cost_gaps_keep_bank_order() -> None:
    """Same safety, priority and cost: the bank's own order decides, across themes too."""
    bank = make_bank({"zeta": [question("z1"), question("z2")], "alpha": [question("a1")]})
    result = score(bank, {"a1": "not_met", "z2": "not_met", "z1": "not_met"})
    assert [g.question_id for g in result.gaps] == ["z1", "z2", "a1"]


@pytest.mark.parametrize(
    ("cost", "weight", "quick"),
    [("none", 2, True), ("low", 3, True), ("low", 1, False), ("medium", 3, False), ("high", 2, False)],
)
def test_a_quick_win_is_a_gap_costing_none_or_low_with_weight_two_or_more(cost: str, weight: int, quick: bool) -> None:
    bank = make_bank({"alpha": [question("q1", cost=cost, weight=weight)]})
    gap = score(bank, {"q1": "partly"}).gaps[0]
    assert gap.quick_win is quick


def test_quick_wins_are_the_gaps_marked_quick_win_in_gap_order() -> None:
    bank = make_bank({"alpha": [question("q1", cost="high"), question("q2", cost="none"), question("q3", cost="low")]})
    result = score(bank, {"q1": "not_met", "q2": "not_met", "q3": "not_met"})
    assert [g.question_id for g in result.quick_wins] == ["q2", "q3"]


def test_the_summary_has_exactly_the_documented_keys() -> None:
    summary = score(two_theme_bank(), {"a1": "unknown"}).summary()
    assert summary == {
        "overall": 0.0,
        "completion": 0.333,
        "themes": {"alpha": 0.0, "beta": None},
        "gaps": [
            {
                "question_id": "a1",
                "theme_id": "alpha",
                "answer": "unknown",
                "weight": 2,
                "safety": False,
                "cost": "low",
                "quick_win": True,
            }
        ],
    }


def test_the_scoring_rules_in_words_state_every_answer_value() -> None:
    rules = " ".join(SCORING_RULES)
    for words in ("met 1", "partly met 0.5", "not met 0", "don't know 0", "not an average"):
        assert words in rules


def test_an_assessment_with_fewer_than_80_percent_answered_is_a_draft_and_says_how_far_it_got() -> None:
    """Five questions of one theme: 3 answered is 60% (a draft), 4 answered is exactly 80% (a result)."""
    bank = make_bank({"alpha": [question(f"q{i}") for i in range(5)]})
    draft = score(bank, {"q0": "met", "q1": "met", "q2": "not_met"})
    assert draft.is_draft
    assert draft.draft_label == "Draft: 3 of 5 questions answered"
    result = score(bank, {"q0": "met", "q1": "met", "q2": "not_met", "q3": "na"})
    assert result.is_draft is False
    assert result.draft_label is None
