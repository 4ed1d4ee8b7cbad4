"""NUL characters are dropped from an assessment's text (PostgreSQL cannot store them); nothing else changes."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from checklist.domain.assessment import Answer, AnswerValue, Assessor, PlannedAction, Service
from tests.hostile import HOSTILE


def test_nul_is_dropped_from_service_and_assessor_text() -> None:
    service = Service(name="Harbour\x00 House", organisation="\x00Trust", area="Leeds\x00")
    assessor = Assessor(name="Sam\x00", role="Manager")

    shown = (service.name, service.organisation, service.area, assessor.name)
    assert shown == ("Harbour House", "Trust", "Leeds", "Sam")


def test_nul_is_dropped_from_notes_reasons_and_actions() -> None:
    answer = Answer(answer=AnswerValue.NA, note="see\x00 policy", na_reason="no\x00 groups")
    action = PlannedAction(question_id="a1", text="Write\x00 it", owner="Jo\x00")

    assert (answer.note, answer.na_reason, action.text, action.owner) == ("see policy", "no groups", "Write it", "Jo")


def test_a_reason_that_is_only_nul_is_no_reason() -> None:
    with pytest.raises(ValidationError, match="needs a reason"):
        Answer(answer=AnswerValue.NA, na_reason="\x00\x00")


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_every_other_hostile_text_is_kept_exactly(name: str) -> None:
    assert Answer(answer=AnswerValue.MET, note=HOSTILE[name]).note == HOSTILE[name]


def test_the_length_limit_counts_the_text_without_its_nul() -> None:
    assert Service(name="x" * 500 + "\x00").name == "x" * 500
