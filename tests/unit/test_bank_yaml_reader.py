"""The bank's YAML is read by libyaml when it can, and always exactly as the careful pure-Python reader reads it."""

from __future__ import annotations

from collections.abc import Callable

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from checklist.domain import bank as bank_module
from checklist.domain.bank import BankError, parse_bank
from checklist.paths import default_bank_path

pytestmark = pytest.mark.skipif(bank_module._QuickLoader is None, reason="PyYAML was built without libyaml")


def careful(text: str) -> object:
    return yaml.load(text, Loader=bank_module._AliasCountingLoader)  # noqa: S506 - a SafeLoader subclass


def outcome(read: Callable[[str], object], text: str) -> tuple[str, object]:
    try:
        return "read", read(text)
    # Broad on purpose: comparing what each reader does with anything at all.
    except Exception as exc:
        return "refused", type(exc).__name__


def test_the_shipped_bank_reads_the_same_with_libyaml_as_with_the_careful_reader() -> None:
    text = default_bank_path().read_text(encoding="utf-8")

    assert bank_module._read_yaml(text) == careful(text)


def test_the_shipped_bank_is_read_without_the_careful_reader(monkeypatch: pytest.MonkeyPatch) -> None:
    def slow(*args: object, **kwargs: object) -> object:
        raise AssertionError("the pure-Python reader was used")

    monkeypatch.setattr(bank_module.yaml, "load", slow)

    assert parse_bank(default_bank_path().read_bytes()).question_count > 0


@pytest.mark.parametrize(
    "text",
    [
        "a: &x [1, 2]\nb: *x\n",  # an alias to a list
        "a: &x one\nb: *x\n",  # an alias to a text
        "a: 1\na: 2\n",  # a repeated key
        "a: yes\n",  # YAML 1.1's true
        "a: 1_000\n",  # YAML 1.1's thousand
        "a: 1.5\n",  # a decimal
        "a: [1, 2\n",  # cut short
        "--- 1\n--- 2\n",  # two documents
        "a:\t1\n",  # a tab, where the two readers differ
    ],
)
def test_what_libyaml_refuses_the_careful_reader_refuses_in_its_own_words(text: str) -> None:
    with pytest.raises(yaml.YAMLError) as careful_error:
        careful(text)
    with pytest.raises(yaml.YAMLError) as read_error:
        bank_module._read_yaml(text)

    assert str(read_error.value) == str(careful_error.value)


def test_nesting_past_libyamls_limit_is_refused_as_the_careful_reader_refuses_it() -> None:
    text = "[" * 5000 + "]" * 5000

    assert outcome(bank_module._read_yaml, text) == outcome(careful, text) == ("refused", "RecursionError")


def test_a_bank_with_an_alias_is_refused_in_plain_words() -> None:
    with pytest.raises(BankError, match=r"aliases \(\*name\) are not allowed in a question bank"):
        parse_bank(b"schema_version: 1\nid: &x bank\nversion: *x\n")


@pytest.mark.parametrize("text", ["{0?}", "[0 ?]", "[-?]", "{?0?}", "{\n0?}", "[a,\n b?]"])
def test_a_question_mark_inside_a_flow_list_or_map_is_read_as_the_careful_reader_reads_it(text: str) -> None:
    assert outcome(bank_module._read_yaml, text) == outcome(careful, text)


TEXTS = st.text(
    alphabet=st.sampled_from(list("ab:- \n\r[]{},'\"&*!#|>?%@`~0123456789.\t\\\u00e9\u2028\x85\ufeff")), max_size=60
)


@settings(max_examples=3000, deadline=None)
@given(TEXTS)
def test_any_text_reads_or_is_refused_the_same_by_both_readers(text: str) -> None:
    assert outcome(bank_module._read_yaml, text) == outcome(careful, text)


VALUES = st.recursive(
    st.none() | st.booleans() | st.integers(-1000, 1000) | st.text(max_size=12),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=20,
)


@given(VALUES, st.booleans())
def test_any_dumped_document_reads_the_same_by_both_readers(value: object, flow: bool) -> None:
    text = yaml.safe_dump(value, default_flow_style=flow, allow_unicode=True)

    assert outcome(bank_module._read_yaml, text) == outcome(careful, text)


BANK_OPENING = default_bank_path().read_text(encoding="utf-8")[:4000]


@settings(max_examples=300, deadline=None)
@given(
    st.integers(0, len(BANK_OPENING) - 1), st.integers(0, 40), st.sampled_from([" ", "\n", ":", "-", "'", '"', "#", ""])
)
def test_a_slip_in_a_bank_reads_or_is_refused_the_same_by_both_readers(at: int, cut: int, typed: str) -> None:
    text = BANK_OPENING[:at] + typed + BANK_OPENING[at + cut :]

    assert outcome(bank_module._read_yaml, text) == outcome(careful, text)
