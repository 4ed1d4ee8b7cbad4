"""Who may join a workshop and answer: closing, closing joining, removing, the cap, too many wrong codes."""

from __future__ import annotations

import pytest

from checklist.domain.assessment import Answer, AnswerValue
from checklist.domain.workshop import (
    WorkshopError,
    create_workshop,
    join_workshop,
    remove_participant,
    remove_silent_participants,
    too_many_wrong_codes,
    with_participant_answer,
)
from tests.builders import make_bank, question

BANK = make_bank({"alpha": [question("a1"), question("a2")]})
MET = Answer(answer=AnswerValue.MET)


def test_a_closed_workshop_takes_no_one_new_and_no_more_answers() -> None:
    workshop, person = join_workshop(create_workshop(BANK))
    closed = workshop.model_copy(update={"closed": True})
    with pytest.raises(WorkshopError, match="closed this workshop"):
        join_workshop(closed)
    with pytest.raises(WorkshopError, match="closed this workshop"):
        with_participant_answer(BANK, closed, person.id, "a1", MET)


def test_closed_joining_refuses_newcomers_but_those_in_the_room_still_answer() -> None:
    workshop, person = join_workshop(create_workshop(BANK))
    shut = workshop.model_copy(update={"joining_open": False})
    with pytest.raises(WorkshopError, match="closed joining"):
        join_workshop(shut)
    assert with_participant_answer(BANK, shut, person.id, "a1", MET).answers_of(person.id) == {"a1": MET}


def test_the_cap_is_the_limit_given() -> None:
    workshop, _ = join_workshop(create_workshop(BANK), limit=2)
    workshop, _ = join_workshop(workshop, limit=2)
    with pytest.raises(WorkshopError, match=r"full \(2 participants\)"):
        join_workshop(workshop, limit=2)


def test_a_removed_participant_and_their_answers_leave_the_room_and_cannot_answer_again() -> None:
    workshop, person = join_workshop(create_workshop(BANK), "Sam")
    workshop = with_participant_answer(BANK, workshop, person.id, "a1", MET)
    workshop = remove_participant(workshop, person.id)
    assert (workshop.participants, workshop.answers, workshop.removed) == ({}, {}, (person.id,))
    with pytest.raises(WorkshopError, match="removed you"):
        with_participant_answer(BANK, workshop, person.id, "a2", MET)


def test_removing_the_silent_keeps_everyone_who_answered() -> None:
    workshop, talker = join_workshop(create_workshop(BANK))
    workshop = with_participant_answer(BANK, workshop, talker.id, "a1", MET)
    for _ in range(3):
        workshop, _ = join_workshop(workshop)
    assert list(remove_silent_participants(workshop).participants) == [talker.id]


@pytest.mark.parametrize(("wrong", "refused"), [(0, False), (9, False), (10, True), (82, True)])
def test_ten_wrong_codes_in_the_window_refuse_every_code(wrong: int, refused: bool) -> None:
    assert too_many_wrong_codes(wrong) is refused
