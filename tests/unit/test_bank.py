"""The question bank format: what loads, and the plain-words message for every way to break it."""

from __future__ import annotations

import copy
import os
from pathlib import Path
from typing import Any

import pytest
import yaml

from checklist.domain.bank import MAX_BANK_BYTES, QuestionBank, load_bank, parse_bank
from checklist.domain.errors import BankError
from tests.builders import bank_document, question

NAME = "my-bank.yaml"
PLACE = "theme 'alpha', question 'a1'"


def to_yaml(document: dict[str, Any]) -> bytes:
    # A deep copy stops PyYAML writing anchors for shared dicts, which the loader refuses.
    return yaml.safe_dump(copy.deepcopy(document), sort_keys=False, allow_unicode=True).encode()


def one_question_document(**overrides: Any) -> dict[str, Any]:
    return bank_document({"alpha": [question("a1", **overrides)]})


def problems(data: bytes) -> list[str]:
    with pytest.raises(BankError) as caught:
        parse_bank(data, NAME)
    assert caught.value.name == NAME
    assert caught.value.message.startswith(NAME)
    return caught.value.problems


def only_problem(data: bytes) -> str:
    found = problems(data)
    assert len(found) == 1, found
    return found[0]


def test_a_valid_bank_loads_with_the_sha256_of_its_bytes() -> None:
    data = to_yaml(bank_document())
    bank = parse_bank(data, NAME)
    assert isinstance(bank, QuestionBank)
    assert len(bank.sha256) == 64
    assert bank.question_count == 3


def test_the_content_hash_changes_when_one_byte_changes() -> None:
    data = to_yaml(bank_document())
    edited = data.replace(b"A tiny bank for tests.", b"A tiny bank for tests!")
    assert parse_bank(data).sha256 != parse_bank(edited).sha256


def test_the_same_bytes_always_give_the_same_content_hash() -> None:
    data = to_yaml(bank_document())
    assert parse_bank(data).sha256 == parse_bank(data).sha256


def test_load_bank_reads_a_file_and_names_it_in_errors(tmp_path: Path) -> None:
    path = tmp_path / "bank.yaml"
    path.write_bytes(to_yaml(bank_document()))
    assert load_bank(path).id == "test-bank"


def test_a_missing_bank_file_gives_a_plain_message(tmp_path: Path) -> None:
    path = tmp_path / "nowhere.yaml"
    with pytest.raises(BankError) as caught:
        load_bank(path)
    assert str(path) in caught.value.message
    assert "cannot be read" in caught.value.message


def test_a_duplicate_question_id_is_rejected() -> None:
    document = bank_document({"alpha": [question("a1")], "beta": [question("a1")]})
    assert only_problem(to_yaml(document)) == "the question id 'a1' is used more than once"


def test_a_duplicate_source_id_is_rejected() -> None:
    document = bank_document()
    document["sources"] = [copy.deepcopy(document["sources"][0]) for _ in range(2)]
    assert only_problem(to_yaml(document)) == "the source id 'src' is used more than once"


def test_a_cited_source_that_does_not_exist_is_rejected() -> None:
    message = only_problem(to_yaml(one_question_document(sources=["src", "nope"])))
    assert message == f"{PLACE}: cites the source 'nope', which is not in sources"


def test_theme_evidence_citing_a_missing_source_is_rejected() -> None:
    document = bank_document()
    document["themes"][0]["evidence"] = [{"text": "A fact.", "sources": ["ghost"]}]
    message = only_problem(to_yaml(document))
    assert message == "theme 'alpha': its evidence cites the source 'ghost', which is not in sources"


def test_applies_if_on_a_profile_question_that_does_not_exist_is_rejected() -> None:
    message = only_problem(to_yaml(one_question_document(applies_if={"setting": ["residential"]})))
    assert message == f"{PLACE}: applies_if refers to the profile question 'setting', which does not exist"


def test_applies_if_allowing_a_value_the_profile_question_lacks_is_rejected() -> None:
    message = only_problem(to_yaml(one_question_document(applies_if={"groups": ["sometimes"]})))
    assert message == f"{PLACE}: applies_if allows 'sometimes' for 'groups', but 'groups' only has ['no', 'yes']"


def test_an_unknown_key_such_as_a_typo_is_rejected() -> None:
    document = one_question_document()
    document["themes"][0]["questions"][0]["wieght"] = 2
    message = only_problem(to_yaml(document))
    assert message == f"{PLACE}, wieght: this key is not part of the bank format"


@pytest.mark.parametrize("weight", [0, 4])
def test_a_weight_outside_one_to_three_is_rejected(weight: int) -> None:
    message = only_problem(to_yaml(one_question_document(weight=weight)))
    assert message == f"{PLACE}, weight: Input should be 1, 2 or 3"


def test_a_weight_written_as_text_is_rejected() -> None:
    data = to_yaml(one_question_document(weight="2"))
    assert b"weight: '2'" in data
    assert only_problem(data) == f"{PLACE}, weight: Input should be 1, 2 or 3"


def test_a_bare_yes_for_a_weight_is_rejected_not_read_as_one() -> None:
    text = to_yaml(one_question_document(weight="PLACEHOLDER")).decode()
    data = text.replace("weight: PLACEHOLDER", "weight: yes").encode()
    assert b"weight: yes" in data
    message = only_problem(data)
    assert message.startswith("the YAML cannot be read: the value yes would be read as True (YAML 1.1 rules)")


def test_an_unknown_cost_band_is_rejected() -> None:
    message = only_problem(to_yaml(one_question_document(cost="cheap")))
    assert message == f"{PLACE}, cost: Input should be 'none', 'low', 'medium' or 'high'"


def test_a_bare_yes_where_text_is_needed_gets_a_hint_to_quote_it() -> None:
    text = to_yaml(one_question_document(applies_if={"groups": ["PLACEHOLDER"]})).decode()
    data = text.replace("- PLACEHOLDER", "- yes").encode()
    assert b"- yes" in data
    message = only_problem(data)
    assert message.startswith("the YAML cannot be read: the value yes would be read as True (YAML 1.1 rules)")
    assert "put the value in quotes if it is text" in message


def test_a_missing_required_key_is_named() -> None:
    document = one_question_document()
    del document["themes"][0]["questions"][0]["why"]
    assert only_problem(to_yaml(document)) == f"{PLACE}, why: this required key is missing"


def test_a_question_without_actions_is_rejected() -> None:
    message = only_problem(to_yaml(one_question_document(actions=[])))
    assert message.startswith(f"{PLACE}, actions:")
    assert "at least 1 item" in message


def test_a_bad_question_reports_its_own_problem_and_no_follow_on_noise() -> None:
    """Pydantic also counts the failed question's list as too short; users should see only the real problem."""
    found = problems(to_yaml(one_question_document(weight=9)))
    assert found == [f"{PLACE}, weight: Input should be 1, 2 or 3"]


@pytest.mark.parametrize(("version", "shown"), [(2, "2"), ("1", "'1'"), (None, "None"), (True, "True")])
def test_a_wrong_schema_version_is_rejected(version: object, shown: str) -> None:
    document = bank_document(schema_version=version)
    message = only_problem(to_yaml(document))
    assert message == f"schema_version is {shown}; this tool reads schema_version 1"


def test_a_duplicate_yaml_key_is_rejected_with_its_line() -> None:
    data = to_yaml(bank_document()) + b"id: another-bank\n"
    message = only_problem(data)
    assert "the key 'id' appears twice" in message
    assert "line" in message


def test_yaml_aliases_are_refused_so_a_billion_laughs_cannot_expand() -> None:
    laughs = "a: &a [lol, lol, lol]\nb: &b [*a, *a, *a]\nc: &c [*b, *b, *b]\nschema_version: 1\n"
    message = only_problem(laughs.encode())
    assert "aliases (*name) are not allowed in a question bank" in message


def test_a_python_object_tag_is_refused() -> None:
    data = b"schema_version: 1\nid: !!python/object/apply:os.system ['echo hacked']\n"
    message = only_problem(data)
    assert message.startswith("the YAML cannot be read:")
    assert "python/object" in message


def test_a_file_that_is_not_utf8_is_rejected() -> None:
    data = to_yaml(bank_document()).replace(b"Someone", b"Caf\xe9")
    assert only_problem(data).startswith("the file is not UTF-8 text")


def test_invalid_yaml_is_rejected_with_its_line() -> None:
    message = only_problem(b"schema_version: 1\nthemes: [\n")
    assert message.startswith("the YAML cannot be read:")
    assert "(line 3)" in message


@pytest.mark.parametrize("data", [b"- a list\n- not a mapping\n", b"just words\n", b""])
def test_a_file_that_is_not_a_mapping_is_rejected(data: bytes) -> None:
    assert only_problem(data).startswith("the file must be a YAML mapping")


def test_a_retired_question_id_cannot_be_used_again() -> None:
    document = one_question_document()
    document["retired"] = [{"id": "a1", "retired_in": "0.9.0", "reason": "Split into two questions."}]
    assert only_problem(to_yaml(document)) == f"{PLACE}: this id was retired and must not be used again"


def test_an_oversized_bank_is_refused_before_parsing() -> None:
    message = only_problem(b"#" * (MAX_BANK_BYTES + 1))
    assert f"a bank may be at most {MAX_BANK_BYTES:,}" in message


def test_every_reference_problem_is_listed_at_once() -> None:
    document = bank_document({"alpha": [question("a1", sources=["nope"]), question("a1", applies_if={"x": ["y"]})]})
    assert problems(to_yaml(document)) == [
        "the question id 'a1' is used more than once",
        f"{PLACE}: cites the source 'nope', which is not in sources",
        f"{PLACE}: applies_if refers to the profile question 'x', which does not exist",
    ]


def test_a_message_with_several_problems_names_the_file_and_counts_them() -> None:
    document = bank_document({"alpha": [question("a1", weight=5), question("a2", cost="free")]})
    with pytest.raises(BankError) as caught:
        parse_bank(to_yaml(document), NAME)
    assert caught.value.message.splitlines() == [
        f"{NAME}: 2 problems",
        f"  - {PLACE}, weight: Input should be 1, 2 or 3",
        "  - theme 'alpha', question 'a2', cost: Input should be 'none', 'low', 'medium' or 'high'",
    ]


def test_a_bank_path_that_is_a_fifo_is_refused_without_waiting_for_a_writer(tmp_path: Path) -> None:
    fifo = tmp_path / "bank.yaml"
    os.mkfifo(fifo)

    with pytest.raises(BankError) as caught:
        load_bank(fifo)

    assert caught.value.message == f"{fifo}: is a named pipe (FIFO), not a file, so it is not read"


def test_a_survey_question_must_check_questions_and_cite_sources_that_exist() -> None:
    document = bank_document()
    document["survey"] = {
        "version": "1.0.0",
        "introduction": "A few questions.",
        "overall": "Overall, how was it?",
        "comment": "Anything else?",
        "questions": [
            {"id": "safe", "text": "Did you feel safe?", "checks": ["nowhere"], "sources": ["ghost"]},
            {"id": "safe", "text": "Were you asked?", "checks": ["a1"], "sources": ["src"]},
        ],
    }
    assert problems(to_yaml(document)) == [
        "the survey question id 'safe' is used more than once",
        "survey question 'safe': checks the question 'nowhere', which is not in the themes",
        "survey question 'safe': cites the source 'ghost', which is not in sources",
    ]


def test_a_bank_without_a_survey_loads_as_before() -> None:
    assert parse_bank(to_yaml(bank_document())).survey is None
