"""Words the whole product shares: counts ("1 gap", "2 gaps"), scores, dates and questions.

One formatter each, so the app, the PDFs, the exports and the CLI never say the same thing two ways.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime, timedelta

NO_SCORE = "no score yet"
# A table cell with no score; every table that uses it says what it means.
NO_SCORE_CELL = "–"


def counted(n: int, noun: str, plural: str | None = None) -> str:
    """'1 gap', '2 gaps'; `plural` for nouns that do not just take an s."""
    return f"{n} {noun}" if n == 1 else f"{n} {plural or noun + 's'}"


def agrees(n: int, singular: str, plural: str) -> str:
    """The verb that agrees with a count: agrees(1, 'is', 'are') == 'is'."""
    return singular if n == 1 else plural


def score_text(value: float | None, *, empty: str = NO_SCORE) -> str:
    """A score out of 100 to one decimal place; `empty` (by default 'no score yet') when there is none."""
    return empty if value is None else f"{value:.1f}"


# How a day is typed on the command line (`--since 2026-12-01`): read by machines, never shown to people.
TYPED_DAY = "%Y-%m-%d"


def long_date(day: date | None, *, empty: str = "") -> str:
    """'3 March 2026': the one way the product writes a date for people to read."""
    return empty if day is None else f"{day.day} {day:%B %Y}"


def clock_time(moment: datetime) -> str:
    """'14:05 UTC', or '14:05 (UTC+0100)': in the moment's own zone, so year 1 and 9999 never overflow."""
    offset = moment.utcoffset()
    zone = " UTC" if offset in (None, timedelta(0)) else f" (UTC{moment:%z})"
    return f"{moment:%H:%M}{zone}"


def long_moment(moment: datetime) -> str:
    """'3 March 2026 at 14:05 UTC'."""
    return f"{long_date(moment.date())} at {clock_time(moment)}"


def question_words(texts: Mapping[str, str], question_id: str) -> str:
    """A question as people read it: its text, or its id when the bank no longer has it."""
    return texts.get(question_id) or question_id
