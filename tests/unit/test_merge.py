"""Merging two people's changes to one assessment, part by part."""

from __future__ import annotations

from datetime import date

from checklist.domain.assessment import Answer, AnswerValue, PlannedAction, Service
from checklist.domain.merge import apply_changes, clashes, merge
from checklist.domain.survey import SurveyCounts, SurveySummary
from tests.builders import make_assessment, make_bank

BANK = make_bank()
MET, NOT_MET = Answer(answer=AnswerValue.MET), Answer(answer=AnswerValue.NOT_MET)


def test_answers_to_different_questions_are_both_kept() -> None:
    base = make_assessment(BANK)
    merged = merge(base, base.with_answer("a1", MET), base.with_answer("b1", NOT_MET))
    assert merged is not None
    assert merged.answers == {"a1": MET, "b1": NOT_MET}


def test_different_answers_to_the_same_question_clash() -> None:
    base = make_assessment(BANK)
    assert merge(base, base.with_answer("a1", MET), base.with_answer("a1", NOT_MET)) is None
    assert clashes(base, base.with_answer("a1", MET), base.with_answer("a1", NOT_MET)) == {"answer:a1"}


def test_the_same_answer_given_by_both_is_no_clash() -> None:
    base = make_assessment(BANK)
    assert merge(base, base.with_answer("a1", MET), base.with_answer("a1", MET)) == base.with_answer("a1", MET)


def test_a_cleared_answer_and_another_question_answered_both_hold() -> None:
    base = make_assessment(BANK, {"a1": "met"})
    merged = merge(base, base.with_answer("a1", None), base.with_answer("b1", NOT_MET))
    assert merged is not None
    assert merged.answers == {"b1": NOT_MET}


def test_a_profile_field_and_an_answer_changed_at_once_are_both_kept() -> None:
    base = make_assessment(BANK, service=Service(name="Hub"))
    mine = base.model_copy(
        update={"service": Service(name="Hub", organisation="Trust"), "assessed_on": date(2026, 1, 5)}
    )
    merged = merge(base, mine, base.with_answer("a1", MET))
    assert merged is not None
    assert (merged.service.organisation, merged.assessed_on, merged.answers) == ("Trust", date(2026, 1, 5), {"a1": MET})


def test_the_same_profile_field_changed_two_ways_clashes() -> None:
    base = make_assessment(BANK, service=Service(name="Hub"))
    mine = base.model_copy(update={"service": Service(name="Hub North")})
    theirs = base.model_copy(update={"service": Service(name="Hub South")})
    assert clashes(base, mine, theirs) == {"service:name"}


def test_actions_added_by_each_side_are_all_kept_theirs_first() -> None:
    base = make_assessment(BANK)
    mine = base.model_copy(update={"actions": [PlannedAction(id="m", question_id="a1", text="Mine.")]})
    theirs = base.model_copy(update={"actions": [PlannedAction(id="t", question_id="b1", text="Theirs.")]})
    merged = merge(base, mine, theirs)
    assert merged is not None
    assert [a.id for a in merged.actions] == ["t", "m"]


def test_an_owner_given_to_one_action_and_a_status_to_another_are_both_kept() -> None:
    one, two = PlannedAction(id="one", question_id="a1", text="x"), PlannedAction(id="two", question_id="b1", text="y")
    base = make_assessment(BANK, actions=[one, two])
    mine = base.model_copy(update={"actions": [one.model_copy(update={"owner": "Ana"}), two]})
    theirs = base.model_copy(update={"actions": [one, two.model_copy(update={"owner": "Sam"})]})
    merged = merge(base, mine, theirs)
    assert merged is not None
    assert [a.owner for a in merged.actions] == ["Ana", "Sam"]


def test_keeping_my_change_after_a_clash_puts_mine_over_theirs_and_keeps_their_other_changes() -> None:
    base = make_assessment(BANK)
    mine = base.with_answer("a1", MET)
    theirs = base.with_answer("a1", NOT_MET).with_answer("b1", NOT_MET)
    assert apply_changes(base, mine, theirs).answers == {"a1": MET, "b1": NOT_MET}


def test_an_owner_and_a_due_date_given_to_the_same_action_at_once_are_both_kept() -> None:
    one = PlannedAction(id="one", question_id="a1", text="x")
    base = make_assessment(BANK, actions=[one])
    mine = base.model_copy(update={"actions": [one.model_copy(update={"owner": "Ana"})]})
    theirs = base.model_copy(update={"actions": [one.model_copy(update={"due": date(2027, 1, 31)})]})
    merged = merge(base, mine, theirs)
    assert merged is not None
    assert [(a.owner, a.due) for a in merged.actions] == [("Ana", date(2027, 1, 31))]


def test_an_action_removed_while_the_other_named_its_owner_clashes() -> None:
    one = PlannedAction(id="one", question_id="a1", text="x")
    base = make_assessment(BANK, actions=[one])
    mine = base.model_copy(update={"actions": []})
    theirs = base.model_copy(update={"actions": [one.model_copy(update={"owner": "Sam"})]})
    assert clashes(base, mine, theirs) == {"action:one:owner"}


def test_survey_results_put_beside_it_and_a_colleagues_answer_are_both_kept() -> None:
    base = make_assessment(BANK)
    summary = SurveySummary(
        survey_version="1.0.0", responses=5, questions=(SurveyCounts(question_id="s1", yes=1, partly=0, no=4),)
    )
    merged = merge(base, base.model_copy(update={"survey": summary}), base.with_answer("a1", MET))
    assert merged is not None
    assert (merged.survey, merged.answers) == (summary, {"a1": MET})
