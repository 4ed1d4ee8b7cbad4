"""Loading an assessment file never crashes: each bad file gives one plain message, odd ones a warning."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

import pytest
from fpdf import FPDF

from checklist.domain.assessment import FORMAT, Service
from checklist.domain.errors import AssessmentFileError
from checklist.domain.loading import MAX_FILE_BYTES, LoadedAssessment, dump_assessment, load_assessment
from tests.builders import make_assessment, make_bank, question

BANK = make_bank()
NAME = "riverside.json"


def good_document() -> dict[str, Any]:
    assessment = make_assessment(BANK, {"a1": "met", "a2": "partly"})
    dumped = dump_assessment(assessment, tool_version="1.0.0", now=datetime(2024, 1, 1, tzinfo=UTC))
    document: dict[str, Any] = json.loads(dumped)
    return document


def with_changes(**changes: Any) -> bytes:
    return json.dumps({**good_document(), **changes}).encode()


def load(data: bytes) -> LoadedAssessment:
    return load_assessment(data, NAME, BANK)


def problem(data: bytes) -> str:
    with pytest.raises(AssessmentFileError) as caught:
        load(data)
    assert caught.value.message.startswith(f"{NAME}: ")
    assert len(caught.value.problems) == 1, caught.value.problems
    return caught.value.problems[0]


def test_a_good_file_loads_without_warnings() -> None:
    assert load(with_changes()).warnings == []


def test_a_file_of_another_format_is_rejected() -> None:
    assert problem(with_changes(format="spreadsheet")) == (
        f'this is not an assessment file: \'format\' should be "{FORMAT}", found "spreadsheet"'
    )


@pytest.mark.parametrize(("version", "shown"), [(3, "3"), ("2", '"2"'), (True, "true"), (0, "0"), (None, "null")])
def test_an_unknown_format_version_is_rejected(version: object, shown: str) -> None:
    assert problem(with_changes(format_version=version)) == (
        f"format_version {shown} is not one this tool reads (1 to 2); a newer version of the tool may be needed"
    )


def test_a_field_of_the_wrong_type_is_named() -> None:
    assert problem(with_changes(answers=["met", "met"])) == "answers Input should be a valid dictionary"


def test_a_nested_field_of_the_wrong_type_is_named_by_its_path() -> None:
    assert problem(with_changes(service={"name": 42})) == "service.name Input should be a valid string"


def test_an_answer_out_of_range_is_rejected_listing_the_allowed_answers() -> None:
    message = problem(with_changes(answers={"a1": {"answer": "maybe"}}))
    assert message == (
        "answers.a1.answer is \"maybe\", which is not allowed ('met', 'partly', 'not_met', 'unknown' or 'na')"
    )


@pytest.mark.parametrize("reason", [None, "", "   ", "\u200b\u200d\ufeff", "\u200e \u3164"])
def test_a_not_applicable_answer_without_a_reason_is_rejected(reason: str | None) -> None:
    message = problem(with_changes(answers={"a1": {"answer": "na", "na_reason": reason}}))
    assert message == "answers.a1 a 'not applicable' answer needs a reason (na_reason) with visible text"


def test_an_impossible_date_is_rejected() -> None:
    message = problem(with_changes(assessed_on="2023-02-30"))
    assert message.startswith("assessed_on ")
    assert "date" in message.removeprefix("assessed_on ")


def test_an_unknown_top_level_key_is_rejected() -> None:
    assert problem(with_changes(secret_field=1)) == "secret_field is not part of the assessment format"


def test_a_file_that_is_not_json_is_rejected() -> None:
    message = problem(b"Service: Riverside\nAnswers: all met\n")
    assert message == (
        "the file is not valid JSON: a value is missing or is not JSON (text must be in double quotes) "
        "(line 1, column 1)"
    )


def test_truncated_json_is_rejected_as_possibly_cut_short() -> None:
    data = with_changes()
    message = problem(data[: len(data) // 2])
    assert message.startswith("the file is not valid JSON")
    assert message.endswith("it stops in the middle (line 1); it may have been cut short")


@pytest.mark.parametrize("data", [b"", b"   \n\t"])
def test_an_empty_file_is_rejected(data: bytes) -> None:
    assert problem(data) == "the file is not valid JSON: it is empty"


def test_a_file_that_is_not_utf8_is_rejected() -> None:
    assert problem(b'{"format": "\xff"}') == "the file is not UTF-8 text (bad byte at position 12)"


def test_a_utf8_byte_order_mark_is_accepted() -> None:
    loaded = load(b"\xef\xbb\xbf" + with_changes())
    assert loaded.assessment.answers.keys() == {"a1", "a2"}


def test_json_that_is_not_an_object_is_rejected() -> None:
    assert problem(b"[1, 2, 3]") == "this is JSON, but not an assessment (it should be a JSON object)"


def test_deeply_nested_json_is_rejected_before_parsing() -> None:
    message = problem(b"[" * 100_000 + b"]" * 100_000)
    assert message == "the JSON is nested more than 20 levels deep; it is not an assessment"


def test_brackets_inside_notes_do_not_count_as_nesting() -> None:
    note = '[[[[[[[[[[[[[[[[[[[[[[[[[ {{{{{{{{{{{{{{{{{{{{{{{ \\" [[['
    data = with_changes(answers={"a1": {"answer": "met", "note": note}})
    assert load(data).assessment.answers["a1"].note == note


def test_a_file_over_the_size_limit_is_rejected_without_reading_it() -> None:
    message = problem(b" " * (MAX_FILE_BYTES + 1))
    assert message == (
        f"the file is {MAX_FILE_BYTES + 1:,} bytes; an assessment file may be at most {MAX_FILE_BYTES:,} bytes"
    )


def test_answers_for_unknown_question_ids_load_with_a_warning_listing_them() -> None:
    answers = {"a1": {"answer": "met"}, "zz9": {"answer": "met"}, "old-q": {"answer": "partly"}}
    loaded = load(with_changes(answers=answers))
    assert loaded.assessment.answers.keys() == {"a1", "zz9", "old-q"}
    assert loaded.warnings == [
        "2 answers are for questions this bank does not have, and are kept but not scored: old-q, zz9"
    ]


def test_a_file_from_another_bank_version_loads_with_a_warning_naming_both_versions() -> None:
    loaded = load(with_changes(bank={"id": BANK.id, "version": "0.9.0", "sha256": "0" * 64}))
    assert loaded.warnings == [
        "this file was made with question bank version 0.9.0; this tool has version 1.0.0: "
        "answers are matched by question id"
    ]


def test_a_file_from_another_edit_of_the_same_bank_version_loads_with_a_warning() -> None:
    loaded = load(with_changes(bank={"id": BANK.id, "version": BANK.version, "sha256": "0" * 64}))
    assert loaded.warnings == [
        "this file was made with a different edit of question bank version 1.0.0; this tool has version 1.0.0: "
        "answers are matched by question id"
    ]


def test_a_file_from_another_bank_loads_with_a_warning_naming_both_banks() -> None:
    loaded = load(with_changes(bank={"id": "trainers-bank", "version": "2.1.0", "sha256": ""}))
    assert loaded.warnings == [
        "this file was made with the question bank 'trainers-bank' 2.1.0; it is being read with "
        "'test-bank' 1.0.0, so many answers may not match"
    ]


def test_a_profile_answer_the_bank_does_not_know_loads_with_a_warning() -> None:
    loaded = load(with_changes(service={"name": "X", "profile": {"groups": "weekly", "pets": "yes"}}))
    assert loaded.warnings == [
        "the service profile answer 'weekly' for 'groups' is not one of this bank's options; it is ignored",
        "the service profile has 'pets', which this bank does not ask about; it is ignored",
    ]


def test_a_pdf_without_an_attached_assessment_is_rejected() -> None:
    pdf = FPDF()
    pdf.add_page()
    message = problem(bytes(pdf.output()))
    assert message.startswith("this PDF has no assessment attached")


def test_a_damaged_pdf_is_rejected() -> None:
    assert problem(b"%PDF-1.7\n garbage") == "this PDF cannot be read; it may be damaged or cut short"


def test_a_pdf_carrying_the_assessment_loads_it() -> None:
    pdf = FPDF()
    pdf.add_page()
    pdf.embed_file(bytes=with_changes(), basename="assessment.json", desc="answers")
    loaded = load(bytes(pdf.output()))
    assert loaded.assessment.answers.keys() == {"a1", "a2"}


def test_each_bank_is_checked_against_its_own_questions_and_profile_even_when_read_one_after_another() -> None:
    full = make_bank()
    smaller = make_bank({"alpha": [question("a1")]}, profile=[])
    data = dump_assessment(
        make_assessment(full, {"a1": "met", "a2": "met"}, service=Service(name="S", profile={"groups": "yes"})),
        tool_version="t",
    )

    assert load_assessment(data, "f.json", full).warnings == []
    assert load_assessment(data, "f.json", smaller).warnings[1:] == [
        "1 answer is for questions this bank does not have, and is kept but not scored: a2",
        "the service profile has 'groups', which this bank does not ask about; it is ignored",
    ]
    assert load_assessment(data, "f.json", full).warnings == []
