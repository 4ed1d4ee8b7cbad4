"""Counts read as English: no message puts an s in brackets after a count."""

from __future__ import annotations

import ast
import re
from datetime import date
from pathlib import Path

import pytest

from checklist.domain.wording import agrees, counted, long_date, question_words, score_text
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


def test_a_date_reads_day_month_in_words_and_year() -> None:
    assert (long_date(date(2026, 3, 3)), long_date(date(2025, 12, 25))) == ("3 March 2026", "25 December 2025")


def test_no_date_gives_the_text_asked_for() -> None:
    assert (long_date(None), long_date(None, empty="undated")) == ("", "undated")


def test_a_score_has_one_decimal_place_and_says_when_there_is_none() -> None:
    assert (score_text(28.94), score_text(None), score_text(None, empty="–")) == ("28.9", "no score yet", "–")


def test_a_question_is_shown_by_its_words_or_by_its_id_when_the_bank_no_longer_has_it() -> None:
    texts = {"a1": "Do you offer women-only groups?"}
    assert (question_words(texts, "a1"), question_words(texts, "gone")) == ("Do you offer women-only groups?", "gone")


# strftime codes, and isoformat() or str() of a date, are how a date ends up written another way.
DATE_FORMATS = re.compile(r"strftime|\{[^}]*:%|%[bBY]|\.isoformat\(\)")
# Machine-read dates, not shown to people: the store's column, file names, the assessment file.
MACHINE_DATES = {
    "checklist/storage/store.py",
    "checklist/ui/forms.py",
    "checklist/domain/loading.py",
    "checklist/render/audit_csv.py",  # the CSV's times, for spreadsheets to sort
}


def test_the_product_writes_dates_for_people_only_through_long_date() -> None:
    found = [
        f"{path.relative_to(PROJECT_ROOT)}:{number}: {line.strip()}"
        for path in sorted((PROJECT_ROOT / "checklist").rglob("*.py"))
        if str(path.relative_to(PROJECT_ROOT)) not in MACHINE_DATES | {"checklist/domain/wording.py"}
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if DATE_FORMATS.search(line)
    ]
    assert found == []
