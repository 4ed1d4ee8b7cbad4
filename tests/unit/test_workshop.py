"""Workshop core: joining, the spread of answers, the consensus assessment."""

from __future__ import annotations

import csv
import io
import json
from random import Random

import pytest
from hypothesis import given
from hypothesis import strategies as st

from checklist.domain.assessment import Answer, AnswerValue, Service
from checklist.domain.workshop import (
    JOIN_ALPHABET,
    Workshop,
    WorkshopError,
    answer_spread,
    consensus_assessment,
    create_workshop,
    join_workshop,
    new_join_code,
    normalise_join_code,
    participant_progress,
    progress,
    question_spread,
    with_consensus,
    with_participant_answer,
    workshop_questions,
)
from checklist.render.spread_export import spread_csv, spread_json
from tests.builders import make_bank, question

BANK = make_bank(
    {
        "alpha": [question("a1"), question("a2", applies_if={"groups": ["yes"]})],
        "beta": [question("b1"), question("b2")],
    }
)
ANSWERABLE = [v for v in AnswerValue if v is not AnswerValue.NA]


def answer(value: AnswerValue | str) -> Answer:
    value = AnswerValue(value)
    return Answer(answer=value, na_reason="Not run here." if value is AnswerValue.NA else None)


def room(answers: list[dict[str, str]], workshop: Workshop | None = None) -> Workshop:
    """A workshop where participant i gave answers[i]."""
    workshop = workshop or create_workshop(BANK)
    for own in answers:
        workshop, person = join_workshop(workshop)
        for qid, value in own.items():
            workshop = with_participant_answer(BANK, workshop, person.id, qid, answer(value))
    return workshop


def spread_of(workshop: Workshop, qid: str) -> dict[str, object]:
    found = next(s for s in answer_spread(BANK, workshop) if s.question_id == qid)
    return {"counts": {k.value: v for k, v in found.counts.items() if v}, "disagreement": found.disagreement}


def test_join_code_is_six_unambiguous_characters() -> None:
    codes = {new_join_code() for _ in range(200)}
    assert all(len(c) == 6 and set(c) <= set(JOIN_ALPHABET) for c in codes)
    assert not set("01OIL") & set(JOIN_ALPHABET)


def test_join_code_typed_in_lower_case_with_spaces_is_read() -> None:
    assert normalise_join_code(" ab3-x7k ") == "AB3X7K"


def test_workshop_id_is_long_enough_to_be_unguessable() -> None:
    assert len(create_workshop(BANK).id) >= 22


def test_workshop_without_chosen_themes_covers_every_theme() -> None:
    assert create_workshop(BANK).theme_ids == ("alpha", "beta")


def test_chosen_themes_are_kept_in_bank_order() -> None:
    assert create_workshop(BANK, theme_ids=["beta", "alpha"]).theme_ids == ("alpha", "beta")


def test_unknown_theme_is_refused_in_plain_words() -> None:
    with pytest.raises(WorkshopError, match="no theme 'gamma'"):
        create_workshop(BANK, theme_ids=["gamma"])


def test_questions_ruled_out_by_the_profile_are_not_asked() -> None:
    workshop = create_workshop(BANK, service=Service(profile={"groups": "no"}))
    assert [q.id for _, q in workshop_questions(BANK, workshop)] == ["a1", "b1", "b2"]


def test_only_chosen_themes_are_asked() -> None:
    workshop = create_workshop(BANK, theme_ids=["beta"])
    assert [q.id for _, q in workshop_questions(BANK, workshop)] == ["b1", "b2"]


def test_participant_without_a_name_is_shown_as_anonymous() -> None:
    _, person = join_workshop(create_workshop(BANK), "  ")
    assert person.shown_name == "Anonymous"


def test_answer_from_someone_who_has_not_joined_is_refused() -> None:
    with pytest.raises(WorkshopError, match="has not joined"):
        with_participant_answer(BANK, create_workshop(BANK), "stranger", "a1", answer("met"))


def test_answer_to_a_question_outside_the_workshop_is_refused() -> None:
    workshop, person = join_workshop(create_workshop(BANK, theme_ids=["alpha"]))
    with pytest.raises(WorkshopError, match="'b1' is not part"):
        with_participant_answer(BANK, workshop, person.id, "b1", answer("met"))


def test_participant_can_clear_an_answer() -> None:
    workshop, person = join_workshop(create_workshop(BANK))
    workshop = with_participant_answer(BANK, workshop, person.id, "a1", answer("met"))
    workshop = with_participant_answer(BANK, workshop, person.id, "a1", None)
    assert workshop.answers_of(person.id) == {}


def test_spread_counts_each_answer_given() -> None:
    workshop = room([{"a1": "met"}, {"a1": "met"}, {"a1": "not_met"}])
    assert spread_of(workshop, "a1") == {"counts": {"met": 2, "not_met": 1}, "disagreement": 0.333}


def test_question_nobody_answered_has_no_disagreement() -> None:
    assert spread_of(room([{}, {}]), "b2") == {"counts": {}, "disagreement": 0.0}


def test_most_disagreed_question_comes_first() -> None:
    workshop = room([{"a1": "met", "b1": "met"}, {"a1": "met", "b1": "partly"}, {"a1": "met", "b1": "unknown"}])
    assert answer_spread(BANK, workshop)[0].question_id == "b1"


def test_opposite_answers_come_before_neighbouring_answers_at_equal_disagreement() -> None:
    workshop = room([{"a1": "met", "b1": "met"}, {"a1": "partly", "b1": "not_met"}])
    assert [s.question_id for s in answer_spread(BANK, workshop)][:2] == ["b1", "a1"]


def test_progress_lists_questions_in_bank_order_with_answer_counts() -> None:
    workshop = room([{"b2": "met"}, {"b2": "met", "a1": "partly"}])
    assert [(s.question_id, s.answered) for s in progress(BANK, workshop)] == [
        ("a1", 1),
        ("a2", 0),
        ("b1", 0),
        ("b2", 2),
    ]


def test_participant_progress_counts_only_their_own_answers() -> None:
    workshop = room([{"a1": "met", "b1": "met"}, {"a1": "met"}])
    first = next(iter(workshop.participants))
    assert participant_progress(BANK, workshop, first) == (2, 4)


def test_spread_never_names_who_answered() -> None:
    workshop = room([{"a1": "met"}])
    workshop, _ = join_workshop(workshop, "Priya Shah")
    dumped = json.dumps([s.model_dump(mode="json") for s in answer_spread(BANK, workshop)])
    assert "Priya" not in dumped


def test_consensus_becomes_a_practice_assessment_with_the_workshop_service() -> None:
    workshop = create_workshop(BANK, service=Service(name="Example hub (fictional)", profile={"groups": "yes"}))
    workshop = with_consensus(BANK, workshop, "a1", answer("partly"))
    assessment = consensus_assessment(BANK, workshop)
    assert (assessment.practice, assessment.service.name, assessment.answers) == (
        True,
        "Example hub (fictional)",
        {"a1": answer("partly")},
    )


def test_consensus_for_questions_outside_the_workshop_is_left_out() -> None:
    workshop = create_workshop(BANK, theme_ids=["alpha"])
    assessment = consensus_assessment(BANK, workshop, {"a1": answer("met"), "b1": answer("met")})
    assert set(assessment.answers) == {"a1"}


def test_spread_csv_has_one_row_per_question_most_disagreed_first() -> None:
    workshop = room([{"b2": "met"}, {"b2": "not_met"}])
    workshop = with_consensus(BANK, workshop, "b2", answer("partly"))
    rows = list(csv.DictReader(io.StringIO(spread_csv(BANK, workshop).decode("utf-8-sig"))))
    assert (len(rows), rows[0]["question_id"], rows[0]["met"], rows[0]["not_met"], rows[0]["consensus"]) == (
        4,
        "b2",
        "1",
        "1",
        "partly",
    )


def test_spread_json_names_the_assessment_the_consensus_became() -> None:
    workshop = create_workshop(BANK).model_copy(update={"consensus_assessment_id": "abc"})
    assert json.loads(spread_json(BANK, workshop))["consensus_assessment_id"] == "abc"


answers_strategy = st.lists(st.sampled_from(list(AnswerValue)), max_size=30)


@given(answers_strategy)
def test_spread_counts_sum_to_the_number_answered(given_answers: list[AnswerValue]) -> None:
    spread = question_spread("t", "q", given_answers, participants=30)
    assert sum(spread.counts.values()) == spread.answered == len(given_answers)


@given(st.sampled_from(list(AnswerValue)), st.integers(min_value=1, max_value=30))
def test_unanimous_room_has_zero_disagreement(value: AnswerValue, people: int) -> None:
    assert question_spread("t", "q", [value] * people, participants=people).disagreement == 0.0


@given(answers_strategy, st.randoms())
def test_spread_does_not_depend_on_answer_order(given_answers: list[AnswerValue], random: Random) -> None:
    shuffled = list(given_answers)
    random.shuffle(shuffled)
    assert question_spread("t", "q", given_answers, 30) == question_spread("t", "q", shuffled, 30)


@given(answers_strategy.filter(bool))
def test_disagreement_stays_between_zero_and_four_fifths(given_answers: list[AnswerValue]) -> None:
    # With five possible answers the most common one is given by at least a fifth of the room.
    assert 0.0 <= question_spread("t", "q", given_answers, 30).disagreement <= 0.8


@given(
    st.lists(st.fixed_dictionaries({"a1": st.sampled_from(ANSWERABLE), "b1": st.sampled_from(ANSWERABLE)}), max_size=6),
    st.randoms(),
)
def test_order_participants_join_in_never_changes_the_spread(people: list[dict[str, str]], random: Random) -> None:
    shuffled = list(people)
    random.shuffle(shuffled)
    assert answer_spread(BANK, room(people)) == answer_spread(BANK, room(shuffled))
