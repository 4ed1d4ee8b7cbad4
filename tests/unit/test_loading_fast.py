"""The one-pass read of a current assessment file agrees with the careful path, or steps aside for it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from benchmarks.generator import generate_files
from checklist.domain import loading
from checklist.domain.assessment import Assessment
from checklist.domain.errors import AssessmentFileError
from checklist.domain.loading import dump_assessment, load_assessment, validated_at_once
from checklist.domain.submissions import canonical_digest
from tests.builders import make_assessment, make_bank

CORPUS = Path(__file__).resolve().parents[1] / "corpus" / "files"


def careful(data: bytes) -> Assessment:
    """The path every file took before the one-pass read: json.loads with its checks, then the model."""
    return loading.parse_document(loading._parse_json(data, "file.json"), "file.json")


def a_file(**overrides: object) -> dict[str, object]:
    bank = make_bank()
    doc = json.loads(dump_assessment(make_assessment(bank, {"a1": "met", "a2": "partly"}), tool_version="test"))
    return {**doc, **overrides}


def sample_files() -> list[tuple[str, bytes]]:
    bank = make_bank()
    made = [(name, data) for name, data in generate_files(bank, 40, seed=3)]
    corpus = [(p.name, p.read_bytes()) for p in sorted(CORPUS.glob("*.json"))]
    return made + corpus


@pytest.mark.parametrize(("name", "data"), sample_files(), ids=lambda v: v if isinstance(v, str) else "")
def test_whatever_the_one_pass_read_accepts_the_careful_path_reads_the_same(name: str, data: bytes) -> None:
    fast = validated_at_once(data)
    if fast is not None:
        slow = careful(data)
        assert (canonical_digest(fast), fast.id in data.decode()) == (canonical_digest(slow), True)
        assert fast.model_dump(exclude={"id", "actions"}) == slow.model_dump(exclude={"id", "actions"})


def test_an_ordinary_current_file_is_read_in_one_pass() -> None:
    data = json.dumps(a_file(), indent=2).encode()
    assert validated_at_once(data) == careful(data)


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        # pydantic keeps the last of two equal keys; the file must be refused, as the careful path does.
        ('{"a1": {"answer": "met"}, "a1": {"answer": "not_met"}}', "appears twice"),
        ('{"a1": {"answer": "met", "answer": "not_met"}}', "appears twice"),
        # A space before the colon hides a key from the count: the careful path still finds it.
        ('{"a1": {"answer": "met"}, "a1" : {"answer": "not_met"}}', "appears twice"),
        # A text holding \": adds to the count, which then cannot prove anything.
        ('{"a1": {"answer": "met", "note": "\\"x\\": 1"}, "a1": {"answer": "met"}}', "appears twice"),
    ],
)
def test_a_key_given_twice_is_refused_as_before(text: str, phrase: str) -> None:
    base = json.dumps(a_file(answers={}))
    data = base.replace('"answers": {}', f'"answers": {text}').encode()
    assert validated_at_once(data) is None
    with pytest.raises(AssessmentFileError, match=phrase):
        load_assessment(data, "file.json", make_bank())


@pytest.mark.parametrize(
    ("doc", "phrase"),
    [
        (a_file(format_version=2.0), "it should be the whole number 2"),
        ({k: v for k, v in a_file().items() if k != "format"}, "this is not an assessment file"),
        ({k: v for k, v in a_file().items() if k != "format_version"}, "format_version null is not one"),
    ],
)
def test_what_the_model_would_take_but_the_format_refuses_is_still_refused(doc: dict[str, object], phrase: str) -> None:
    data = json.dumps(doc).encode()
    assert validated_at_once(data) is None
    with pytest.raises(AssessmentFileError, match=phrase):
        load_assessment(data, "file.json", make_bank())


def test_a_file_with_a_byte_order_mark_takes_the_careful_path_and_loads() -> None:
    bom = b"\xef\xbb\xbf" + json.dumps(a_file()).encode()
    assert (validated_at_once(bom), load_assessment(bom, "f.json", make_bank()).assessment.answers.keys()) == (
        None,
        {"a1", "a2"},
    )
