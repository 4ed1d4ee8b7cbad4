"""One consensus assessment per workshop: making it again brings the same one up to date."""

from __future__ import annotations

from checklist.domain.assessment import Answer, AnswerValue, PlannedAction
from checklist.domain.workshop import consensus_assessment, create_workshop, with_consensus
from tests.builders import make_bank, question

BANK = make_bank({"alpha": [question("a1"), question("a2")], "beta": [question("b1")]})


def answer(value: str) -> Answer:
    return Answer(answer=AnswerValue(value))


def test_remaking_the_consensus_keeps_the_same_assessment_and_its_plan() -> None:
    workshop = with_consensus(BANK, create_workshop(BANK, theme_ids=["alpha"]), "a1", answer("met"))
    first = consensus_assessment(BANK, workshop)
    planned = PlannedAction(id="act-1", question_id="a2", text="Name a women's lead")
    first = first.model_copy(update={"actions": [planned]})

    workshop = with_consensus(BANK, workshop, "a2", answer("not_met"))
    again = consensus_assessment(BANK, workshop, existing=first)
    assert (again.id, again.actions, again.answers) == (
        first.id,
        [planned],
        {"a1": answer("met"), "a2": answer("not_met")},
    )


def test_an_answer_the_room_no_longer_agrees_leaves_the_consensus_but_other_answers_stay() -> None:
    workshop = with_consensus(BANK, create_workshop(BANK, theme_ids=["alpha"]), "a1", answer("met"))
    first = consensus_assessment(BANK, workshop).with_answer("b1", answer("partly"))
    workshop = with_consensus(BANK, workshop, "a1", None)
    workshop = with_consensus(BANK, workshop, "a2", answer("met"))
    assert consensus_assessment(BANK, workshop, existing=first).answers == {
        "b1": answer("partly"),
        "a2": answer("met"),
    }
