"""Fictional example services: valid against any bank, clearly practice, realistic."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import pytest

from checklist.domain.assessment import AnswerValue
from checklist.domain.bank import QuestionBank, load_bank
from checklist.domain.errors import ChecklistError
from checklist.domain.examples import EXAMPLES, ORGANISATION, example_assessment, example_ids
from checklist.domain.loading import dump_assessment, load_assessment
from checklist.domain.scoring import experience_gaps
from checklist.paths import default_bank_path
from tests.builders import make_bank, question


def _profile(pid: str, *options: str) -> dict[str, Any]:
    return {"id": pid, "text": f"{pid}?", "options": [{"id": o, "label": o.title()} for o in options]}


BANK = make_bank(
    {
        "access": [question(f"access-{i}") for i in range(12)],
        "groups": [question(f"group-{i}", applies_if={"groups": ["yes"]}) for i in range(6)],
        "maternity": [question("midwife-link", text="Is there a named link with a specialist midwife?")],
    },
    profile=[
        _profile("setting", "community", "residential", "outreach"),
        _profile("groups", "yes", "no"),
        _profile("parents", "yes", "no"),
    ],
)


@pytest.mark.parametrize("example_id", example_ids())
def test_example_loads_with_no_warnings(example_id: str) -> None:
    data = dump_assessment(example_assessment(BANK, example_id), tool_version="test", now=datetime(2025, 1, 1))
    assert load_assessment(data, f"{example_id}.json", BANK).warnings == []


@pytest.mark.parametrize("example_id", example_ids())
def test_example_loads_with_no_warnings_against_the_shipped_bank(example_id: str) -> None:
    bank = load_bank(default_bank_path())
    data = dump_assessment(example_assessment(bank, example_id), tool_version="test", now=datetime(2025, 1, 1))
    assert load_assessment(data, f"{example_id}.json", bank).warnings == []


@pytest.mark.parametrize("example_id", example_ids())
def test_example_is_practice_and_labelled_fictional(example_id: str) -> None:
    assessment = example_assessment(BANK, example_id)
    assert (assessment.practice, "(fictional)" in assessment.service.name, assessment.service.organisation) == (
        True,
        True,
        ORGANISATION,
    )


def test_there_are_at_least_four_examples_with_different_profiles() -> None:
    assert len({tuple(sorted(e.profile.items())) for e in EXAMPLES}) >= 4


def test_example_is_the_same_every_time_apart_from_its_id() -> None:
    first, second = (example_assessment(BANK, "city-hub").model_dump(exclude={"id"}) for _ in range(2))
    assert first == second


def test_each_try_of_an_example_gets_its_own_id() -> None:
    assert example_assessment(BANK, "city-hub").id != example_assessment(BANK, "city-hub").id


def test_examples_between_them_use_every_kind_of_answer() -> None:
    shipped = load_bank(default_bank_path())
    given = {a.answer for e in EXAMPLES for a in example_assessment(shipped, e.id).answers.values()}
    assert given == set(AnswerValue)


def test_examples_say_not_applicable_only_with_a_reason_written_for_that_question() -> None:
    """A generic reason on a random question reads as nonsense in a workshop."""
    shipped = load_bank(default_bank_path())
    reasons = [a.na_reason for e in EXAMPLES for a in example_assessment(shipped, e.id).answers.values() if a.na_reason]
    assert len(reasons) == len(set(reasons)) >= len(EXAMPLES)


def test_example_answers_only_questions_its_profile_keeps() -> None:
    outreach = example_assessment(BANK, "rural-outreach")  # runs no groups
    assert not any(qid.startswith("group-") for qid in outreach.answers)


def test_hand_written_answer_is_chosen_by_part_of_the_question_id() -> None:
    answer = example_assessment(BANK, "midwife-link").answers["midwife-link"]
    assert answer.answer == AnswerValue.MET
    assert answer.note == "A named specialist midwife runs a joint clinic here every other Wednesday."


def test_example_plan_has_owners_dates_and_mixed_progress() -> None:
    actions = example_assessment(BANK, "city-hub").actions
    assert [a for a in actions if not (a.owner and a.due)] == []
    assert sorted({a.status.value for a in actions}) == ["done", "in_progress", "planned"]


def test_profile_options_the_bank_does_not_have_are_left_out() -> None:
    assert "prescribing" not in example_assessment(BANK, "city-hub").service.profile


def test_unknown_example_is_refused_with_the_names_to_choose_from() -> None:
    with pytest.raises(ChecklistError, match="no example called 'nowhere'; try one of city-hub, rural-outreach"):
        example_assessment(BANK, "nowhere")


def test_every_example_has_practice_survey_results_and_one_has_womens_experience_differing(
    shipped_bank: QuestionBank,
) -> None:
    made = [example_assessment(shipped_bank, e) for e in example_ids()]
    assert [a.survey is not None and a.survey.practice for a in made] == [True] * len(made)
    differing = [a.service.name for a in made if a.survey and experience_gaps(shipped_bank, a, a.survey)]
    assert len(differing) >= 1
