"""Re-assessment: starting from a previous assessment and seeing what moved."""

from __future__ import annotations

from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from checklist.domain.assessment import ActionStatus, Assessor, PlannedAction, Service
from checklist.domain.plan import (
    ActionOutcome,
    compare_with_previous,
    start_reassessment,
    update_action,
)
from checklist.domain.scoring import score_assessment
from tests.builders import make_assessment, make_bank, question

TODAY = date(2026, 6, 1)
BANK = make_bank(
    {
        "alpha": [question("a1", weight=1), question("a2", weight=3), question("grp", applies_if={"groups": ["yes"]})],
        "beta": [question("b1", weight=2)],
    },
    version="1.1.0",
)


def previous_assessment(answers: dict[str, str] | None = None, **overrides: object):
    return make_assessment(
        BANK,
        answers if answers is not None else {"a1": "met", "a2": "not_met", "b1": "partly"},
        service=Service(name="Riverside", organisation="Org", area="North", profile={"groups": "no"}),
        assessor=Assessor(name="Jo", role="Manager"),
        assessed_on=date(2025, 12, 1),
        practice=True,
        **overrides,
    )


def test_a_reassessment_has_a_new_id_and_todays_date_and_keeps_the_service():
    old = previous_assessment()
    new = start_reassessment(BANK, old, prefill=False, today=TODAY)
    assert (new.id != old.id, new.assessed_on, new.service, new.practice, new.assessor) == (
        True,
        TODAY,
        old.service,
        True,
        old.assessor,
    )


def test_a_reassessment_without_prefill_starts_with_no_answers():
    assert start_reassessment(BANK, previous_assessment(), prefill=False, today=TODAY).answers == {}


def test_a_reassessment_with_prefill_copies_the_answers():
    old = previous_assessment()
    assert start_reassessment(BANK, old, prefill=True, today=TODAY).answers == old.answers


def test_a_reassessment_remembers_the_previous_date_bank_answers_and_actions():
    action = PlannedAction(question_id="a2", text="Do it.", status=ActionStatus.IN_PROGRESS)
    old = previous_assessment(actions=[action])
    remembered = start_reassessment(BANK, old, prefill=False, today=TODAY).previous
    assert remembered is not None
    assert (remembered.assessed_on, remembered.bank, remembered.answers, remembered.actions) == (
        old.assessed_on,
        old.bank,
        old.answers,
        [action],
    )


def test_a_reassessment_carries_the_old_actions_over_with_their_status():
    action = PlannedAction(question_id="a2", text="Do it.", status=ActionStatus.DONE)
    new = start_reassessment(BANK, previous_assessment(actions=[action]), prefill=False, today=TODAY)
    assert new.actions == [action]


def test_compare_is_none_for_a_first_assessment():
    assert compare_with_previous(BANK, previous_assessment(), TODAY) is None


def test_compare_shows_the_change_overall_and_per_theme():
    # Before: alpha = (1*1 + 3*0) / 4 = 25.0; beta = 50.0; overall = (1 + 0 + 1) / 6 = 33.3
    # Now:    alpha = (1*1 + 3*1) / 4 = 100.0; beta = 0.0;  overall = 4 / 6 = 66.7
    new = start_reassessment(BANK, previous_assessment(), prefill=False, today=TODAY)
    new = make_assessment(BANK, {"a1": "met", "a2": "met", "b1": "not_met"}, service=new.service, previous=new.previous)
    delta = compare_with_previous(BANK, new, TODAY)
    assert delta is not None
    assert [(t.theme_id, t.previous, t.current, t.change) for t in delta.themes] == [
        ("alpha", 25.0, 100.0, 75.0),
        ("beta", 50.0, 0.0, -50.0),
    ]
    assert (delta.overall.previous, delta.overall.current, delta.overall.change) == (33.3, 66.7, 33.4)


def test_a_theme_without_answers_on_one_side_has_no_change():
    new = start_reassessment(BANK, previous_assessment({"a1": "met"}), prefill=False, today=TODAY)
    new = new.model_copy(update={"answers": make_assessment(BANK, {"b1": "met"}).answers})
    delta = compare_with_previous(BANK, new, TODAY)
    assert delta is not None
    assert [(t.previous, t.current, t.change) for t in delta.themes] == [(100.0, None, None), (None, 100.0, None)]


def test_the_previous_answers_are_scored_under_the_current_profile():
    # The old profile said groups "no"; the re-assessment says "yes", so "grp" now counts on both sides.
    old = previous_assessment({"a1": "met", "a2": "met", "grp": "not_met"})
    new = start_reassessment(BANK, old, prefill=True, today=TODAY).with_profile({"groups": "yes"})
    delta = compare_with_previous(BANK, new, TODAY)
    assert delta is not None
    assert delta.themes[0].previous == delta.themes[0].current == score_assessment(BANK, new).themes[0].score


def test_answers_to_questions_changed_since_the_previous_bank_are_not_compared():
    newer = make_bank(
        {"alpha": [question("a1", weight=1), question("a2", weight=3, changed_in="1.1.0")], "beta": [question("b1")]},
        version="1.1.0",
    )
    old = previous_assessment({"a1": "met", "a2": "not_met"}).model_copy(
        update={"bank": previous_assessment().bank.model_copy(update={"version": "1.0.0"})}
    )
    delta = compare_with_previous(newer, start_reassessment(newer, old, prefill=False, today=TODAY), TODAY)
    assert delta is not None
    assert (delta.not_compared, delta.themes[0].previous) == (("a2",), 100.0)


def test_previous_actions_are_classified_done_overdue_dropped_or_open():
    actions = [
        PlannedAction(id="d", question_id="a2", text="Done.", status=ActionStatus.DONE, due=date(2026, 1, 1)),
        PlannedAction(id="o", question_id="a2", text="Late.", due=date(2026, 5, 31)),
        PlannedAction(id="x", question_id="b1", text="Dropped.", status=ActionStatus.DROPPED, due=date(2026, 1, 1)),
        PlannedAction(id="p", question_id="b1", text="Due today.", status=ActionStatus.IN_PROGRESS, due=TODAY),
        PlannedAction(id="n", question_id="b1", text="No date."),
    ]
    new = start_reassessment(BANK, previous_assessment(actions=actions), prefill=True, today=TODAY)
    delta = compare_with_previous(BANK, new, TODAY)
    assert delta is not None
    assert [(r.action.id, r.outcome) for r in delta.actions] == [
        ("d", ActionOutcome.DONE),
        ("o", ActionOutcome.OVERDUE),
        ("x", ActionOutcome.DROPPED),
        ("p", ActionOutcome.OPEN),
        ("n", ActionOutcome.OPEN),
    ]


def test_an_action_marked_done_during_the_reassessment_counts_as_done():
    late = PlannedAction(id="o", question_id="a2", text="Late.", due=date(2026, 1, 1))
    new = start_reassessment(BANK, previous_assessment(actions=[late]), prefill=True, today=TODAY)
    new = update_action(new, "o", status=ActionStatus.DONE)
    delta = compare_with_previous(BANK, new, TODAY)
    assert delta is not None
    assert [r.action.id for r in delta.with_outcome(ActionOutcome.DONE)] == ["o"]


answer_values = st.sampled_from(["met", "partly", "not_met", "unknown", "na"])
answer_sets = st.dictionaries(st.sampled_from(["a1", "a2", "grp", "b1"]), answer_values)


@given(answer_sets)
def test_a_prefilled_reassessment_shows_no_change_anywhere(answers):
    new = start_reassessment(BANK, previous_assessment(answers), prefill=True, today=TODAY)
    delta = compare_with_previous(BANK, new, TODAY)
    assert delta is not None
    assert {t.change for t in [delta.overall, *delta.themes]} <= {0.0, None}


@given(answer_sets, answer_sets)
def test_the_scores_in_a_comparison_are_the_scores_of_each_assessment(before, after):
    new = start_reassessment(BANK, previous_assessment(before), prefill=False, today=TODAY)
    new = new.model_copy(update={"answers": make_assessment(BANK, after).answers})
    delta = compare_with_previous(BANK, new, TODAY)
    old_result = score_assessment(BANK, previous_assessment(before).with_profile(new.service.profile))
    assert delta is not None
    assert (delta.overall.previous, delta.overall.current) == (old_result.overall, score_assessment(BANK, new).overall)
