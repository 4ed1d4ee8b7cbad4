"""An assessment made with bank 1.0.0, read, compared and re-assessed with the shipped bank (1.2.0).

`tests/fixtures/recommendations-1.0.0.yaml` is the bank as released in 1.0.0,
kept byte for byte so these tests use the real old questions.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest

from checklist.domain.assessment import Answer, AnswerValue, Assessment, Service, bank_ref
from checklist.domain.bank import QuestionBank, load_bank
from checklist.domain.compare import compare_assessments
from checklist.domain.loading import dump_assessment, load_assessment
from checklist.domain.plan import compare_with_previous, start_reassessment

OLD_BANK = Path(__file__).resolve().parents[1] / "fixtures" / "recommendations-1.0.0.yaml"
TODAY = date(2026, 12, 2)
PROFILE = {"setting": "community", "groups": "yes", "prescribing": "yes", "parents": "yes", "premises": "yes"}
# In 1.1.0 these three changed meaning and reach-older-women was retired.
CHANGED = ("abuse-perpetrator-response", "reach-sex-work", "reach-lgbtq")
RETIRED = "reach-older-women"
ADDED = (
    "women-only-access-policy",
    "safety-testing-examinations",
    "abuse-stalking-honour",
    "access-digital-safety",
    "access-keyworker-continuity",
    "parents-contraception",
    "links-housing",
    "reach-harm-reduction",
    "reach-young-women",
    "reach-older-women-menopause",
    "reach-older-women-medicines",
)


@pytest.fixture(scope="module")
def old_bank() -> QuestionBank:
    return load_bank(OLD_BANK)


def assessed(bank: QuestionBank, name: str, *, not_met: tuple[str, ...] = ()) -> Assessment:
    """Every question that applies answered met, except `not_met`."""
    service = Service(name=name, profile=PROFILE)
    answers = {
        q.id: Answer(answer=AnswerValue.NOT_MET if q.id in not_met else AnswerValue.MET)
        for _, q in bank.questions()
        if q.applies_to(PROFILE)
    }
    return Assessment(bank=bank_ref(bank), service=service, assessed_on=date(2026, 1, 15), answers=answers)


@pytest.fixture(scope="module")
def old_assessment(old_bank: QuestionBank) -> Assessment:
    """Met everywhere except on exactly the questions 1.1.0 changed or retired."""
    return assessed(old_bank, "Old service", not_met=(*CHANGED, RETIRED))


def test_the_fixture_is_the_released_1_0_0_bank(old_bank: QuestionBank) -> None:
    assert (old_bank.version, old_bank.question_count, len(old_bank.sources)) == ("1.0.0", 66, 29)


def test_a_1_0_0_file_loads_under_1_1_0_with_plain_warnings(
    old_assessment: Assessment, shipped_bank: QuestionBank
) -> None:
    data = dump_assessment(old_assessment, tool_version="test", now=datetime(2026, 1, 15))
    loaded = load_assessment(data, "old.json", shipped_bank)
    assert loaded.assessment.answers == old_assessment.answers
    assert loaded.warnings == [
        "this file was made with question bank version 1.0.0; this tool has version 1.2.0: "
        "answers are matched by question id",
        "1 answer is for questions this bank does not have, and is kept but not scored: reach-older-women",
    ]


def test_a_1_0_0_assessment_is_compared_like_for_like_under_1_1_0(
    old_assessment: Assessment, shipped_bank: QuestionBank
) -> None:
    """Its only not-met answers are on changed or retired questions, so compared like for like it scores 100."""
    new = assessed(shipped_bank, "New service")
    comparison = compare_assessments(shipped_bank, [old_assessment, new], today=TODAY)
    rows = {r.name: (r.bank_version, r.overall, r.completion) for r in comparison.rows}
    assert rows == {"Old service": ("1.0.0", 100.0, 1.0), "New service": ("1.2.0", 100.0, 1.0)}


def test_the_changed_retired_and_new_questions_are_listed_as_left_out_and_counted(
    old_assessment: Assessment, shipped_bank: QuestionBank
) -> None:
    new = assessed(shipped_bank, "New service")
    comparison = compare_assessments(shipped_bank, [old_assessment, new], today=TODAY)
    left_out = {(x.question_id, x.bank_version, x.services, x.reason.split(":")[0]) for x in comparison.left_out}
    expected = {(qid, "1.0.0", 1, "its meaning changed in version 1.1.0, after version 1.0.0") for qid in CHANGED}
    expected |= {(qid, "1.0.0", 1, "added in version 1.1.0, after version 1.0.0") for qid in ADDED}
    expected.add((RETIRED, "1.0.0", 1, "retired in version 1.1.0"))
    assert left_out == expected


def test_re_assessing_a_1_0_0_assessment_under_1_1_0_compares_only_what_did_not_change(
    old_assessment: Assessment, shipped_bank: QuestionBank
) -> None:
    again = start_reassessment(shipped_bank, old_assessment, prefill=True, today=TODAY)
    assert again.bank.version == "1.2.0"
    # The copied answers leave out the changed and retired questions: they asked something else.
    assert sorted(set(old_assessment.answers) - set(again.answers)) == sorted([*CHANGED, RETIRED])
    delta = compare_with_previous(shipped_bank, again, TODAY)
    assert delta is not None
    assert delta.not_compared == ("abuse-perpetrator-response", "reach-sex-work", "reach-lgbtq")
    assert (delta.overall.previous, delta.overall.current) == (100.0, 100.0)
