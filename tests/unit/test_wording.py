"""Counts read as English: no message puts an s in brackets after a count."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from checklist.domain.wording import agrees, counted
from checklist.paths import PROJECT_ROOT


@pytest.mark.parametrize(("n", "expected"), [(0, "0 files"), (1, "1 file"), (2, "2 files"), (1000, "1000 files")])
def test_a_count_takes_the_singular_only_for_one(n: int, expected: str) -> None:
    assert counted(n, "file") == expected


def test_an_irregular_plural_can_be_given() -> None:
    assert (counted(1, "person", "people"), counted(3, "person", "people")) == ("1 person", "3 people")


def test_the_verb_agrees_with_the_count() -> None:
    assert [agrees(n, "is", "are") for n in (0, 1, 2)] == ["are", "is", "are"]


def string_constants(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [n.value for n in ast.walk(tree) if isinstance(n, ast.Constant) and isinstance(n.value, str)]


def test_no_message_in_the_product_says_something_in_brackets_s() -> None:
    found = [
        f"{path.relative_to(PROJECT_ROOT)}: {text!r}"
        for path in sorted((PROJECT_ROOT / "checklist").rglob("*.py"))
        for text in string_constants(path)
        if "(s)" in text
    ]
    assert found == []
