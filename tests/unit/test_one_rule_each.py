"""One rule for which questions apply, and one for the order of bank versions, used by every caller."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from checklist.domain.assessment import BankRef, PreviousAssessment, Service
from checklist.domain.bank import applicable, changed_since, version_key
from checklist.domain.compare import compare_assessments
from checklist.domain.plan import compare_with_previous
from checklist.domain.scoring import score_assessment
from checklist.domain.workshop import create_workshop, workshop_questions
from tests.builders import make_assessment, make_bank, question

BANK = make_bank({"alpha": [question("a1"), question("a2", applies_if={"groups": ["yes"]})], "beta": [question("b1")]})
CHANGED = make_bank({"alpha": [question("a1"), question("a2", changed_in="1.1.0")]}, version="1.1.0")


@pytest.mark.parametrize(
    "profile",
    [{"groups": "weekly"}, {"retired": "yes"}, {"groups": "weekly", "retired": "no"}, {}],
    ids=["unknown value", "question the bank does not ask", "both", "empty"],
)
def test_a_profile_value_the_bank_does_not_know_counts_as_unanswered_so_every_question_applies(
    profile: dict[str, str],
) -> None:
    assert applicable(BANK, profile) == {"a1", "a2", "b1"}


def test_a_known_profile_answer_leaves_out_the_questions_it_rules_out() -> None:
    assert applicable(BANK, {"groups": "no"}) == {"a1", "b1"}


def test_scoring_and_workshops_ask_the_same_questions_for_a_profile_with_an_unknown_value() -> None:
    """Scoring once dropped unknown values and the Themes page and workshops did not, so they disagreed."""
    profile = {"groups": "weekly"}
    scored = score_assessment(
        BANK, make_assessment(BANK, {"a1": "met", "a2": "met", "b1": "met"}, service=Service(profile=profile))
    )
    workshop = create_workshop(BANK, service=Service(profile=profile), title="Day")

    assert (scored.completion, [q.id for _, q in workshop_questions(BANK, workshop)]) == (1.0, ["a1", "a2", "b1"])


@pytest.mark.parametrize(
    ("older", "newer"),
    [("1.9.0", "1.10.0"), ("1.0.0", "1.0.1"), ("draft", "0.0.1"), ("0.9", "1.0.0"), ("", "1.0.0")],
)
def test_versions_are_ordered_by_their_numbers_and_a_version_in_words_is_the_oldest(older: str, newer: str) -> None:
    assert version_key(older) < version_key(newer)


def test_a_short_version_is_the_same_as_its_three_part_form() -> None:
    assert version_key("1.0") == version_key("1.0.0")


@pytest.mark.parametrize(("version", "changed"), [("1.0.0", ["a2"]), ("1.0", ["a2"]), ("draft", ["a2"]), ("1.1.0", [])])
def test_the_questions_changed_since_a_version(version: str, changed: list[str]) -> None:
    assert [q.id for q in changed_since(CHANGED, version)] == changed


@pytest.mark.parametrize("version", ["1.0", "draft", "1.0.0"])
def test_the_reassessment_and_the_comparison_leave_out_the_same_changed_questions(version: str) -> None:
    """They once disagreed: '1.0' or 'draft' meant 'nothing changed' to one and 'everything' to the other."""
    ref = BankRef(id=CHANGED.id, version=version)
    previous = PreviousAssessment(bank=ref, answers=make_assessment(CHANGED, {"a1": "met", "a2": "met"}).answers)
    current = make_assessment(CHANGED, {"a1": "met", "a2": "met"}, previous=previous)
    submitted = make_assessment(CHANGED, {"a1": "met", "a2": "met"}).model_copy(update={"bank": ref})

    delta = compare_with_previous(CHANGED, current, date(2024, 3, 1))
    comparison = compare_assessments(CHANGED, [submitted], today=date(2024, 3, 1))

    assert delta is not None
    assert (list(delta.not_compared), [x.question_id for x in comparison.left_out]) == (["a2"], ["a2"])


def test_a_question_is_shown_by_its_text_or_by_its_id_when_the_bank_lacks_it() -> None:
    assert [BANK.text_of("a1"), BANK.text_of("retired-question")] == ["Question a1?", "retired-question"]


def test_no_module_but_the_bank_writes_its_own_question_text_or_id_rule() -> None:
    """One helper, QuestionBank.text_of: about a dozen pages and renderers once each wrote `q.text if q else id`."""
    checklist = Path(__file__).resolve().parents[2] / "checklist"
    own_rule = re.compile(r"\bquestion\.text\b.*\bif question else (?!\"\")")
    found = [
        f"{path.relative_to(checklist)}:{number}"
        for path in sorted(checklist.rglob("*.py"))
        if path.name != "bank.py"
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if own_rule.search(line)
    ]
    assert found == []
