"""Hostile text in every field is kept byte for byte and never changes a score."""

from __future__ import annotations

import pytest

from checklist.domain.assessment import Assessment
from checklist.domain.loading import dump_assessment, load_assessment
from checklist.domain.scoring import ScoreResult, score_assessment
from tests.builders import make_bank
from tests.hostile import HOSTILE, HOSTILE_SHORT, LONG_LINE, hostile_assessment

BANK = make_bank()


def round_trip(assessment: Assessment) -> Assessment:
    return load_assessment(dump_assessment(assessment, tool_version="test"), "hostile.json", BANK).assessment


def free_text(assessment: Assessment) -> list[str]:
    """Every free-text value a user typed, in a fixed order."""
    service, assessor = assessment.service, assessment.assessor
    assert assessor is not None
    texts = [service.name, service.organisation, service.area, assessor.name, assessor.role]
    for _, answer in sorted(assessment.answers.items()):
        texts += [answer.note or "", answer.na_reason or ""]
    for action in assessment.actions:
        texts += [action.text, action.owner]
    return texts


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_text_in_every_field_survives_saving_and_loading_unchanged(name: str) -> None:
    original = hostile_assessment(BANK, HOSTILE[name])

    loaded = round_trip(original)

    assert free_text(loaded) == free_text(original)


@pytest.mark.parametrize("name", sorted(HOSTILE_SHORT))
def test_hostile_text_reaches_short_fields_whole(name: str) -> None:
    loaded = round_trip(hostile_assessment(BANK, HOSTILE_SHORT[name]))

    assert loaded.service.name == HOSTILE_SHORT[name]


def without_reasons(result: ScoreResult) -> ScoreResult:
    """The result with the not-applicable reasons (user text, shown as typed) left out."""
    return result.model_copy(update={"not_applicable": tuple(e.question_id for e in result.not_applicable)})


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_text_does_not_change_the_scores(name: str) -> None:
    plain = hostile_assessment(BANK, "A plain note.", "Plain name")
    hostile = hostile_assessment(BANK, HOSTILE[name])

    assert without_reasons(score_assessment(BANK, round_trip(hostile))) == without_reasons(
        score_assessment(BANK, plain)
    )


def test_a_hostile_not_applicable_reason_is_kept_in_the_scores_as_typed() -> None:
    result = score_assessment(BANK, round_trip(hostile_assessment(BANK, HOSTILE["script"])))

    assert [e.reason for e in result.not_applicable] == [HOSTILE["script"]]


def test_a_ten_thousand_character_line_fits_in_a_note() -> None:
    loaded = round_trip(hostile_assessment(BANK, LONG_LINE, "Short name"))

    assert {a.note for a in loaded.answers.values()} == {LONG_LINE}


def test_the_saved_file_holds_invisible_characters_as_they_were_typed() -> None:
    text = HOSTILE["rtl_override"] + HOSTILE["zero_width"]

    saved = dump_assessment(hostile_assessment(BANK, text), tool_version="test")

    assert text.encode("utf-8") in saved
