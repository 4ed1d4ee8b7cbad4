"""The 1.1 bank fields: where a source applies, what kind of evidence a question rests on, suggested standards."""

from __future__ import annotations

import pytest

from checklist.domain.bank import EvidenceKind, Jurisdiction, evidence_words
from checklist.domain.bank_changes import changes_in
from checklist.domain.errors import BankError
from tests.builders import bank_document, make_bank, question
from tests.unit.test_bank import only_problem, to_yaml

PLACE = "theme 'alpha', question 'a1'"


def sourced(kinds: list[str]) -> list[dict[str, object]]:
    return [
        {
            "id": "src",
            "title": "A source",
            "publisher": "Someone",
            "year": 2021,
            "url": "https://example.org/",
            "jurisdiction": "scotland",
            "kinds": kinds,
        }
    ]


def test_a_source_says_where_it_applies_and_what_kind_of_document_it_is() -> None:
    bank = make_bank({"alpha": [question("a1", evidence=["guidance"])]}, sources=sourced(["guidance"]))
    source = bank.source("src")
    assert source is not None
    assert (source.jurisdiction, source.kinds, source.jurisdiction.label) == (
        Jurisdiction.SCOTLAND,
        (EvidenceKind.GUIDANCE,),
        "Scotland",
    )


def test_a_bank_without_the_new_fields_still_loads() -> None:
    """Banks written for 1.0 have no jurisdiction, kinds or evidence: they stay valid."""
    bank = make_bank()
    q = bank.question("a1")
    assert q is not None
    assert (q.evidence, q.suggested_standards, bank.sources[0].jurisdiction) == ((), (), None)


def test_an_unknown_jurisdiction_is_refused_with_the_allowed_values() -> None:
    sources = sourced(["guidance"])
    sources[0]["jurisdiction"] = "wessex"
    problem = only_problem(to_yaml(bank_document(sources=sources)))
    assert problem.startswith("source 'src', jurisdiction: ")
    assert "'england'" in problem


def test_a_question_cannot_claim_a_kind_of_evidence_its_sources_are_not() -> None:
    document = bank_document({"alpha": [question("a1", evidence=["research"])]}, sources=sourced(["guidance"]))
    assert only_problem(to_yaml(document)) == (
        f"{PLACE}: evidence says 'research', but none of its sources is of that kind"
    )


def test_a_suggested_standard_must_appear_in_the_question_it_labels() -> None:
    document = bank_document({"alpha": [question("a1", suggested_standards=["every fortnight"])]})
    assert only_problem(to_yaml(document)) == (
        f"{PLACE}: the suggested standard 'every fortnight' does not appear in the question, "
        "what met looks like, or its actions"
    )


def test_a_suggested_standard_found_in_an_action_is_accepted() -> None:
    bank = make_bank({"alpha": [question("a1", suggested_standards=["fix A1"])]})
    q = bank.question("a1")
    assert q is not None
    assert q.suggested_standards == ("fix A1",)


def test_evidence_words_follow_a_fixed_order_and_name_womens_accounts_plainly() -> None:
    kinds = (EvidenceKind.LIVED_EXPERIENCE, EvidenceKind.GUIDANCE)
    assert evidence_words(kinds) == "guidance, women's own accounts"


def test_changes_in_a_version_lists_new_changed_and_retired_questions_from_the_bank_itself() -> None:
    bank = make_bank(
        {
            "alpha": [
                question("a1", added_in="1.1.0", change_note="New topic."),
                question("a2", changed_in="1.1.0", change_note="Made sex-neutral."),
                question("a3", changed_in="1.0.1"),
            ]
        },
        version="1.1.0",
        retired=[{"id": "old", "retired_in": "1.1.0", "reason": "Split in two."}],
    )
    changes = changes_in(bank)
    assert (
        [(c.question_id, c.note) for c in changes.added],
        [(c.question_id, c.note) for c in changes.changed],
        [(r.question_id, r.reason) for r in changes.retired],
    ) == ([("a1", "New topic.")], [("a2", "Made sex-neutral.")], [("old", "Split in two.")])


def test_a_bank_with_no_changes_in_its_version_says_so() -> None:
    assert changes_in(make_bank()).empty


def test_a_retired_id_reused_for_a_question_is_still_refused() -> None:
    with pytest.raises(BankError) as caught:
        make_bank(retired=[{"id": "a1", "retired_in": "1.1.0", "reason": "Gone."}])
    assert caught.value.problems == ["theme 'alpha', question 'a1': this id was retired and must not be used again"]
