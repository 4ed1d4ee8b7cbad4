"""Fuzzing the loaders: whatever comes in, only their own documented error comes out."""

from __future__ import annotations

import copy
import json
from datetime import date, datetime
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from checklist.domain.bank import parse_bank
from checklist.domain.errors import AssessmentFileError, BankError
from checklist.domain.loading import load_assessment
from tests.builders import bank_document, make_bank
from tests.corpus.make_corpus import VALID_ASSESSMENT

BANK = make_bank()
EXAMPLES = settings(max_examples=200)

json_scalars = st.none() | st.booleans() | st.integers() | st.floats() | st.text()
json_values = st.recursive(
    json_scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=20,
)
# Everything yaml.safe_dump can write, keys included: dates, bytes (!!binary) and sets (!!set) too.
yaml_scalars = json_scalars | st.dates() | st.datetimes() | st.binary(max_size=16)
yaml_keys = st.none() | st.booleans() | st.integers() | st.text(max_size=8) | st.dates()
yaml_values = st.recursive(
    yaml_scalars,
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(yaml_keys, inner, max_size=4)
        | st.frozensets(st.integers() | st.text(max_size=4), max_size=3).map(set)
    ),
    max_leaves=20,
)


def assessment_refusal(data: bytes) -> str | None:
    """None if the bytes load; the message if they raise AssessmentFileError. Any other error escapes."""
    try:
        load_assessment(data, "fuzz.json", BANK)
    except AssessmentFileError as exc:
        return exc.message
    return None


def bank_refusal(data: bytes) -> str | None:
    """None if the bytes parse; the message if they raise BankError. Any other error escapes."""
    try:
        parse_bank(data, "fuzz.yaml")
    except BankError as exc:
        return exc.message
    return None


def loads_or_is_refused_by_name(message: str | None, name: str) -> bool:
    return message is None or message.startswith(f"{name}: ")


def replace_somewhere(document: Any, value: Any, data: st.DataObject) -> Any:
    """`document` with one place in it, chosen by hypothesis, holding `value` instead."""
    document = copy.deepcopy(document)
    node = document
    while True:
        keys: list[Any] = list(node) if isinstance(node, dict) else list(range(len(node)))
        if not keys:
            return value if node is document else document
        key = data.draw(st.sampled_from(keys))
        child = node[key]
        if not isinstance(child, dict | list) or not child or data.draw(st.booleans()):
            node[key] = value
            return document
        node = child


@given(st.binary(max_size=2000))
@EXAMPLES
def test_any_bytes_give_an_assessment_or_an_assessment_file_error(data: bytes) -> None:
    assert loads_or_is_refused_by_name(assessment_refusal(data), "fuzz.json")


@given(st.binary(max_size=2000))
@EXAMPLES
def test_any_bytes_after_a_pdf_header_give_an_assessment_file_error(data: bytes) -> None:
    with pytest.raises(AssessmentFileError):
        load_assessment(b"%PDF-1.7\n" + data, "fuzz.pdf", BANK)


@given(json_values)
@EXAMPLES
def test_any_json_value_gives_an_assessment_or_an_assessment_file_error(value: Any) -> None:
    assert loads_or_is_refused_by_name(assessment_refusal(json.dumps(value).encode()), "fuzz.json")


@given(json_values, st.data())
@EXAMPLES
def test_any_json_value_anywhere_in_a_valid_assessment_gives_an_assessment_or_an_error(
    value: Any, data: st.DataObject
) -> None:
    document = replace_somewhere(VALID_ASSESSMENT, value, data)
    assert loads_or_is_refused_by_name(assessment_refusal(json.dumps(document).encode()), "fuzz.json")


@given(st.binary(max_size=2000))
@EXAMPLES
def test_any_bytes_give_a_bank_or_a_bank_error(data: bytes) -> None:
    assert loads_or_is_refused_by_name(bank_refusal(data), "fuzz.yaml")


@given(st.text(max_size=2000))
@EXAMPLES
def test_any_text_gives_a_bank_or_a_bank_error(text: str) -> None:
    assert loads_or_is_refused_by_name(bank_refusal(text.encode("utf-8", "surrogatepass")), "fuzz.yaml")


@given(yaml_values)
@EXAMPLES
def test_any_yaml_value_gives_a_bank_or_a_bank_error(value: Any) -> None:
    assert loads_or_is_refused_by_name(bank_refusal(yaml.safe_dump(value).encode()), "fuzz.yaml")


@given(yaml_values, st.data())
@EXAMPLES
def test_any_yaml_value_anywhere_in_a_valid_bank_gives_a_bank_or_a_bank_error(value: Any, data: st.DataObject) -> None:
    document = replace_somewhere(bank_document(), value, data)
    assert loads_or_is_refused_by_name(bank_refusal(yaml.safe_dump(document).encode()), "fuzz.yaml")


@pytest.mark.parametrize("key", [date(2024, 3, 1), datetime(2024, 3, 1, 12, 0), 1.5, None, True])
def test_a_bank_with_a_key_that_is_not_text_gives_a_bank_error(key: Any) -> None:
    document = {**bank_document(), key: "surprise"}

    with pytest.raises(BankError):
        parse_bank(yaml.safe_dump(document).encode(), "keys.yaml")
