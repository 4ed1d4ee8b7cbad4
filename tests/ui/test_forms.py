"""Turning typed input into domain values (no Streamlit involved)."""

from __future__ import annotations

from datetime import date

import pytest

from checklist.domain.assessment import AnswerValue
from checklist.ui.forms import (
    NA_NEEDS_REASON,
    NOTE_NEEDS_ANSWER,
    UNREADABLE_ANSWER,
    answer_from_inputs,
    assessment_id_from,
    download_name,
    first_valid_theme,
    neighbours,
    switch_is_on,
)
from checklist.ui.text import literal
from tests.builders import make_assessment, make_bank


def test_not_applicable_without_a_reason_is_not_an_answer_yet() -> None:
    assert answer_from_inputs("na", "", "  ").waiting_for == NA_NEEDS_REASON


def test_not_applicable_with_a_reason_is_an_answer() -> None:
    built = answer_from_inputs("na", None, "We run no groups.")

    assert built.answer is not None
    assert (built.answer.answer, built.answer.na_reason) == (AnswerValue.NA, "We run no groups.")


def test_a_reason_left_in_the_box_is_dropped_when_the_answer_is_not_na() -> None:
    built = answer_from_inputs("met", "Policy 4.2", "old reason")

    assert built.answer is not None
    assert (built.answer.note, built.answer.na_reason) == ("Policy 4.2", None)


def test_a_note_without_an_answer_waits_for_the_answer() -> None:
    assert answer_from_inputs(None, "A note", None).waiting_for == NOTE_NEEDS_ANSWER


@pytest.mark.parametrize("sent", ["yes", "MET", "7", ""])
def test_an_answer_no_radio_offers_is_not_saved_and_says_so(sent: str) -> None:
    made = answer_from_inputs(sent, "A note", None)
    assert (made.answer, made.waiting_for) == (None, UNREADABLE_ANSWER)


@pytest.mark.parametrize(
    "pasted",
    [
        "Am3aFWF8Vj-pINpXNQQnXQ",
        "  Am3aFWF8Vj-pINpXNQQnXQ\n",
        "http://localhost:8501/themes?a=Am3aFWF8Vj-pINpXNQQnXQ&t=alpha",
    ],
)
def test_the_id_is_found_in_a_bare_id_or_a_resume_link(pasted: str) -> None:
    assert assessment_id_from(pasted) == "Am3aFWF8Vj-pINpXNQQnXQ"


@pytest.mark.parametrize("pasted", ["", "hello", "http://localhost:8501/themes?t=alpha", "https://x/?a=short"])
def test_text_without_an_id_gives_none(pasted: str) -> None:
    assert assessment_id_from(pasted) is None


def test_an_unknown_theme_falls_back_to_the_next_candidate_then_the_first_theme() -> None:
    bank = make_bank()

    assert (first_valid_theme(bank, ["nope", "beta"]), first_valid_theme(bank, [None, "nope"])) == ("beta", "alpha")


def test_the_first_and_last_themes_have_no_theme_before_and_after() -> None:
    bank = make_bank()

    assert (neighbours(bank, "alpha"), neighbours(bank, "beta")) == ((None, "beta"), ("alpha", None))


def test_the_download_name_is_the_service_and_date_in_safe_characters() -> None:
    bank = make_bank()
    assessment = make_assessment(bank, assessed_on=date(2026, 3, 1))
    assessment = assessment.model_copy(
        update={"service": assessment.service.model_copy(update={"name": "Women's Hub / Tŷ Menywod"})}
    )

    assert download_name(assessment) == "women-s-hub-t-menywod-2026-03-01.json"


@pytest.mark.parametrize(("value", "expected"), [(None, True), ("", True), ("1", True), ("0", False), ("off", False)])
def test_an_environment_switch_is_on_unless_turned_off(value: str | None, expected: bool) -> None:
    assert switch_is_on(value) is expected


def test_literal_escapes_every_markdown_and_streamlit_marker() -> None:
    assert literal("**bold** :red[x] $y$ <b>") == r"\*\*bold\*\* \:red\[x\] \$y\$ \<b\>"


@pytest.mark.parametrize("invisible", ["\u200b", "\u200b\u200c\u200d", "\ufeff \u2060", "\u200e\u200f", "\u3164\u2800"])
def test_a_reason_of_invisible_characters_only_is_no_reason(invisible: str) -> None:
    assert answer_from_inputs("na", None, invisible).waiting_for == NA_NEEDS_REASON
