"""The action plan: building, editing and ordering actions."""

from __future__ import annotations

from datetime import date

import pytest

from checklist.domain.assessment import ActionStatus, PlannedAction
from checklist.domain.plan import (
    PlanError,
    add_action,
    ordered_plan,
    plan_from_quick_wins,
    remove_action,
    suggested_actions,
    update_action,
)
from checklist.domain.scoring import score_assessment
from tests.builders import make_assessment, make_bank, question


def quick_win_bank():
    return make_bank(
        {
            "alpha": [
                question(
                    "cheap",
                    weight=3,
                    cost="none",
                    actions=[{"text": "Put up a poster.", "cost": "none"}, {"text": "Ask women.", "cost": "low"}],
                ),
                question("dear", weight=3, cost="high"),
                question("safe", weight=1, cost="medium", safety=True),
            ],
            "beta": [question("light", weight=1, cost="none"), question("low", weight=2, cost="low")],
        }
    )


def test_suggested_actions_are_the_banks_actions_for_the_gap_in_order():
    bank = quick_win_bank()
    gap = score_assessment(bank, make_assessment(bank, {"cheap": "not_met"})).gaps[0]
    assert [a.text for a in suggested_actions(bank, gap)] == ["Put up a poster.", "Ask women."]


def test_plan_from_quick_wins_adds_the_first_suggestion_for_each_quick_win():
    bank = quick_win_bank()
    assessment = make_assessment(bank, dict.fromkeys(("cheap", "dear", "safe", "light", "low"), "not_met"))
    planned = plan_from_quick_wins(
        bank, assessment, score_assessment(bank, assessment), owner="Sam", due=date(2026, 9, 1)
    )
    assert [(a.question_id, a.text, a.owner, a.due) for a in planned.actions] == [
        ("cheap", "Put up a poster.", "Sam", date(2026, 9, 1)),
        ("low", "Fix low.", "Sam", date(2026, 9, 1)),
    ]


def test_plan_from_quick_wins_skips_questions_that_already_have_an_action():
    bank = quick_win_bank()
    assessment = add_action(
        make_assessment(bank, {"cheap": "not_met", "low": "partly"}), bank, "cheap", "Our own idea."
    )
    planned = plan_from_quick_wins(bank, assessment, score_assessment(bank, assessment))
    assert [(a.question_id, a.text) for a in planned.actions] == [("cheap", "Our own idea."), ("low", "Fix low.")]


def test_plan_from_quick_wins_twice_adds_nothing_the_second_time():
    bank = quick_win_bank()
    assessment = make_assessment(bank, {"cheap": "not_met", "low": "partly"})
    result = score_assessment(bank, assessment)
    once = plan_from_quick_wins(bank, assessment, result)
    assert plan_from_quick_wins(bank, once, result).actions == once.actions


def test_add_action_keeps_the_text_owner_due_date_and_status():
    bank = quick_win_bank()
    assessment = add_action(
        make_assessment(bank),
        bank,
        "dear",
        "  Build a crèche.  ",
        owner=" Ana ",
        due=date(2027, 1, 31),
        status=ActionStatus.IN_PROGRESS,
    )
    action = assessment.actions[0]
    assert (action.question_id, action.text, action.owner, action.due, action.status) == (
        "dear",
        "Build a crèche.",
        "Ana",
        date(2027, 1, 31),
        ActionStatus.IN_PROGRESS,
    )


def test_an_action_needs_some_text():
    bank = quick_win_bank()
    with pytest.raises(PlanError, match="needs some text"):
        add_action(make_assessment(bank), bank, "dear", "   ")


def test_an_action_must_be_for_a_question_in_the_bank():
    bank = quick_win_bank()
    with pytest.raises(PlanError, match="no question 'nope'"):
        add_action(make_assessment(bank), bank, "nope", "Do it.")


def test_an_owner_that_is_too_long_is_refused_in_words():
    bank = quick_win_bank()
    with pytest.raises(PlanError, match="the owner is too long"):
        add_action(make_assessment(bank), bank, "dear", "Do it.", owner="x" * 501)


def test_update_action_changes_only_what_is_given():
    bank = quick_win_bank()
    assessment = add_action(make_assessment(bank), bank, "dear", "Do it.", owner="Ana", due=date(2027, 1, 1))
    action_id = assessment.actions[0].id
    updated = update_action(assessment, action_id, status=ActionStatus.DONE).actions[0]
    assert (updated.id, updated.text, updated.owner, updated.due, updated.status) == (
        action_id,
        "Do it.",
        "Ana",
        date(2027, 1, 1),
        ActionStatus.DONE,
    )


def test_update_action_can_clear_the_due_date():
    bank = quick_win_bank()
    assessment = add_action(make_assessment(bank), bank, "dear", "Do it.", due=date(2027, 1, 1))
    assert update_action(assessment, assessment.actions[0].id, due=None).actions[0].due is None


def test_updating_an_action_that_is_not_there_says_so():
    bank = quick_win_bank()
    with pytest.raises(PlanError, match="no action with id 'gone'"):
        update_action(make_assessment(bank), "gone", text="x")


def test_remove_action_removes_only_that_action():
    bank = quick_win_bank()
    assessment = add_action(add_action(make_assessment(bank), bank, "dear", "One."), bank, "cheap", "Two.")
    assert [a.text for a in remove_action(assessment, assessment.actions[0].id).actions] == ["Two."]


def test_ordered_plan_follows_the_gap_ranking_with_non_gaps_last():
    bank = quick_win_bank()
    assessment = make_assessment(bank, {"cheap": "partly", "dear": "not_met", "safe": "not_met", "light": "met"})
    for qid in ("light", "cheap", "dear", "safe"):
        assessment = add_action(assessment, bank, qid, f"Action for {qid}.")
    assessment = add_action(assessment, bank, "dear", "Second action for dear.")
    plan = ordered_plan(bank, assessment, score_assessment(bank, assessment))
    assert [a.text for a in plan] == [
        "Action for safe.",
        "Action for dear.",
        "Second action for dear.",
        "Action for cheap.",
        "Action for light.",
    ]


def test_a_plan_at_its_limit_refuses_one_more_action_with_a_plain_message() -> None:
    from checklist.domain.assessment import MAX_ACTIONS

    bank = make_bank()
    full = make_assessment(bank).model_copy(
        update={"actions": [PlannedAction(question_id="a1", text="Act.") for _ in range(MAX_ACTIONS)]}
    )

    with pytest.raises(PlanError) as refused:
        add_action(full, bank, "a1", "One more.")

    assert refused.value.message.endswith(
        "a plan may have at most 1,000 actions; remove or merge some before adding more"
    )


def test_the_same_action_cannot_be_planned_twice_for_one_question() -> None:
    bank = quick_win_bank()
    once = add_action(make_assessment(bank, {"cheap": "not_met"}), bank, "cheap", "Put up a poster.")

    with pytest.raises(PlanError) as refused:
        add_action(once, bank, "cheap", "  put up a   POSTER. ")

    assert refused.value.message == "Action plan: this action is already planned for this question"


def test_the_same_action_text_may_be_planned_for_two_different_questions() -> None:
    bank = quick_win_bank()
    once = add_action(make_assessment(bank), bank, "cheap", "Ask women.")

    twice = add_action(once, bank, "dear", "Ask women.")

    assert [a.question_id for a in twice.actions] == ["cheap", "dear"]
