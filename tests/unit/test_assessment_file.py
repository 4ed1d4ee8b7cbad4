"""The assessment file: its published schema, dump then load, upgrades of old files, and drafts."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from typing import Any

import jsonschema  # type: ignore[import-untyped]  # altair brings it; no stubs needed for one call
from hypothesis import given
from hypothesis import strategies as st

from checklist.domain.assessment import (
    FORMAT,
    FORMAT_VERSION,
    ActionStatus,
    Answer,
    AnswerValue,
    Assessment,
    Assessor,
    PlannedAction,
    PreviousAssessment,
    Service,
    bank_ref,
    has_visible_text,
    start_assessment,
)
from checklist.domain.bank import QuestionBank
from checklist.domain.loading import dump_assessment, load_assessment
from checklist.domain.scoring import score_assessment
from checklist.domain.upgrades import UPGRADES, v1_to_v2
from tests.builders import make_assessment, make_bank, question

BANK = make_bank()
NOW = datetime(2024, 3, 1, 9, 30, tzinfo=UTC)

# Any Unicode a user may type, including Welsh, emoji, quotes, brackets and control characters.
text = st.text(max_size=60)
short_text = st.text(max_size=40)
keys = st.text(min_size=1, max_size=20)
dates = st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 12, 31))


@st.composite
def answers(draw: st.DrawFn) -> Answer:
    value = draw(st.sampled_from(AnswerValue))
    reason = draw(text.filter(has_visible_text)) if value is AnswerValue.NA else draw(st.none() | text)
    return Answer(answer=value, note=draw(st.none() | text), na_reason=reason)


actions = st.builds(
    PlannedAction,
    id=keys,
    question_id=st.sampled_from(["a1", "a2", "b1"]) | keys,
    text=text,
    owner=short_text,
    due=st.none() | dates,
    status=st.sampled_from(ActionStatus),
)

assessments = st.builds(
    Assessment,
    bank=st.just(bank_ref(BANK)),
    practice=st.booleans(),
    service=st.builds(
        Service,
        name=short_text,
        organisation=short_text,
        area=short_text,
        profile=st.dictionaries(keys, keys, max_size=3),
    ),
    assessor=st.none() | st.builds(Assessor, name=short_text, role=short_text),
    assessed_on=st.none() | dates,
    answers=st.dictionaries(st.sampled_from(["a1", "a2", "b1"]) | keys, answers(), max_size=6),
    # Distinct ids: the loader gives a repeated one a new id (tests/ui/test_accepted_files_open_everywhere.py).
    actions=st.lists(actions, max_size=4, unique_by=lambda a: a.id),
    previous=st.none()
    | st.builds(
        PreviousAssessment,
        assessed_on=st.none() | dates,
        bank=st.just(bank_ref(BANK)),
        answers=st.dictionaries(keys, answers(), max_size=3),
        actions=st.lists(actions, max_size=2, unique_by=lambda a: a.id),
    ),
)


def dumped(assessment: Assessment) -> bytes:
    return dump_assessment(assessment, tool_version="9.9.9", now=NOW)


def v1_document() -> dict[str, Any]:
    """A file as version 1 of the tool wrote it: no assessment id, practice flag, action ids or previous."""
    return {
        "format": FORMAT,
        "format_version": 1,
        "bank": {"id": BANK.id, "version": BANK.version, "sha256": BANK.sha256},
        "service": {"name": "Riverside Recovery", "organisation": "Example Trust", "area": "Leeds", "profile": {}},
        "assessor": {"name": "Sam", "role": "Service manager"},
        "assessed_on": "2023-06-01",
        "answers": {
            "a1": {"answer": "met", "note": "Policy dated 2022."},
            "a2": {"answer": "na", "na_reason": "We run no groups."},
            "b1": {"answer": "unknown"},
        },
        "actions": [
            {"question_id": "b1", "text": "Find out.", "owner": "Sam", "due": "2023-09-01", "status": "planned"},
            {"question_id": "a1", "text": "Review policy.", "owner": "", "due": None, "status": "done"},
        ],
        "saved_at": "2023-06-01T10:00:00Z",
        "created_with": "checklist 0.0.1",
    }


@given(assessments)
def test_dump_then_load_gives_an_equal_assessment(assessment: Assessment) -> None:
    loaded = load_assessment(dumped(assessment), "a.json", BANK).assessment
    assert loaded.model_copy(update={"saved_at": None, "created_with": ""}) == assessment


def test_dump_stamps_the_time_saved_and_the_tool_version() -> None:
    loaded = load_assessment(dumped(make_assessment(BANK)), "a.json", BANK).assessment
    assert (loaded.saved_at, loaded.created_with) == (NOW, "checklist 9.9.9")


def test_a_dumped_file_is_valid_against_the_published_json_schema() -> None:
    assessment = make_assessment(BANK, {"a1": "met", "a2": "na"}, actions=[PlannedAction(question_id="a2", text="Do")])
    jsonschema.validate(json.loads(dumped(assessment)), Assessment.model_json_schema())


def test_the_json_schema_pins_the_format_name_and_version() -> None:
    properties = Assessment.model_json_schema()["properties"]
    assert properties["format"]["const"] == FORMAT
    assert properties["format_version"]["const"] == FORMAT_VERSION


def test_a_new_assessment_names_its_bank_and_has_an_unguessable_id() -> None:
    first, second = start_assessment(BANK), start_assessment(BANK)
    assert first.bank == bank_ref(BANK)
    assert first.id != second.id
    assert len(first.id) >= 22  # 16 random bytes, base64


def test_a_version_1_file_is_upgraded_by_the_named_step_v1_to_v2() -> None:
    assert UPGRADES[1] is v1_to_v2
    loaded = load_assessment(json.dumps(v1_document()).encode(), "old.json", BANK)
    assert loaded.assessment.format_version == FORMAT_VERSION
    assert loaded.warnings == []


def test_upgrading_a_version_1_file_keeps_every_answer() -> None:
    document = v1_document()
    assessment = load_assessment(json.dumps(document).encode(), "old.json", BANK).assessment
    assert {qid: a.model_dump(exclude_none=True) for qid, a in assessment.answers.items()} == document["answers"]


def test_upgrading_a_version_1_file_keeps_every_action_and_gives_each_an_id() -> None:
    document = v1_document()
    assessment = load_assessment(json.dumps(document).encode(), "old.json", BANK).assessment
    kept = [a.model_dump(mode="json", exclude={"id"}) for a in assessment.actions]
    assert kept == document["actions"]
    assert len({a.id for a in assessment.actions}) == 2


def test_the_upgrade_step_does_not_change_the_document_it_is_given() -> None:
    document = v1_document()
    v1_to_v2(document)
    assert document == v1_document()


def test_a_question_whose_condition_is_on_an_unanswered_profile_question_counts_as_applicable() -> None:
    bank = make_bank({"alpha": [question("g1", applies_if={"groups": ["yes"]})]})
    draft = make_assessment(bank, service=Service(name="Draft", profile={}))
    result = score_assessment(bank, draft)
    assert (result.applicable, result.unanswered, result.excluded_by_profile) == (1, ("g1",), ())


def test_a_profile_answer_that_rules_a_question_out_makes_it_not_applicable() -> None:
    bank = make_bank({"alpha": [question("g1", applies_if={"groups": ["yes"]}), question("a1")]})
    assessment = make_assessment(bank, service=Service(profile={"groups": "no"}))
    assert score_assessment(bank, assessment).applicable == 1


def test_applies_to_treats_a_missing_profile_answer_as_met() -> None:
    bank: QuestionBank = make_bank({"alpha": [question("g1", applies_if={"groups": ["yes"]})]})
    condition = bank.question("g1")
    assert condition is not None
    profiles: list[dict[str, str]] = [{}, {"groups": "yes"}, {"groups": "no"}]
    assert [condition.applies_to(p) for p in profiles] == [True, True, False]


def test_a_draft_with_no_answers_and_no_profile_saves_and_loads() -> None:
    draft = start_assessment(BANK)
    loaded = load_assessment(dumped(draft), "draft.json", BANK)
    assert (loaded.assessment.answers, loaded.assessment.service.profile, loaded.warnings) == ({}, {}, [])
