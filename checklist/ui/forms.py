"""Turning what a user typed into domain values. No streamlit here, so it is tested directly."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import parse_qs, urlparse

from checklist.domain.assessment import Answer, AnswerValue, Assessment, has_visible_text
from checklist.domain.bank import QuestionBank

NA_NEEDS_REASON = "'Not applicable' is saved only once you say why it does not apply to your service."
NOTE_NEEDS_ANSWER = "Choose an answer first: the note is saved with the answer."
# A value no radio on the page offers (only a hand-made websocket message can send one).
UNREADABLE_ANSWER = "That answer could not be read, so it was not saved; choose it again."
_ID = re.compile(r"^[A-Za-z0-9_-]{16,64}$")


@dataclass(frozen=True)
class AnswerInput:
    """An answer ready to save, or the reason it cannot be saved yet."""

    answer: Answer | None
    waiting_for: str | None = None


def answer_from_inputs(value: str | None, note: str | None, na_reason: str | None) -> AnswerInput:
    """Build an Answer from the radio, note and reason boxes of one question."""
    note = (note or "").strip() or None
    # A reason made only of invisible characters would remove a gap while saying nothing.
    reason = (na_reason or "").strip() if has_visible_text(na_reason) else None
    if value is None:
        return AnswerInput(None, NOTE_NEEDS_ANSWER if note else None)
    try:
        answer = AnswerValue(value)
    except ValueError:
        return AnswerInput(None, UNREADABLE_ANSWER)
    if answer is AnswerValue.NA and reason is None:
        return AnswerInput(None, NA_NEEDS_REASON)
    return AnswerInput(Answer(answer=answer, note=note, na_reason=reason if answer is AnswerValue.NA else None))


def assessment_id_from(text: str) -> str | None:
    """The assessment id in a pasted resume link (…?a=<id>) or a bare id; None if there is none."""
    text = text.strip()
    if _ID.match(text):
        return text
    found = parse_qs(urlparse(text).query).get("a", [])
    return found[0] if found and _ID.match(found[0]) else None


def first_valid_theme(bank: QuestionBank, candidates: Iterable[str | None]) -> str:
    """The first candidate that is a theme of this bank, else the bank's first theme."""
    ids = [t.id for t in bank.themes]
    return next((c for c in candidates if c in ids), ids[0])


def neighbours(bank: QuestionBank, theme_id: str) -> tuple[str | None, str | None]:
    """The themes before and after `theme_id`, None at either end."""
    ids = [t.id for t in bank.themes]
    at = ids.index(theme_id)
    return (ids[at - 1] if at > 0 else None, ids[at + 1] if at + 1 < len(ids) else None)


def download_name(assessment: Assessment) -> str:
    """A file name that says whose assessment it is and when, safe on every system."""
    slug = re.sub(r"[^a-z0-9]+", "-", assessment.service.name.lower()).strip("-")[:40] or "assessment"
    day = assessment.assessed_on.isoformat() if assessment.assessed_on else "undated"
    return f"{slug}-{day}.json"


def switch_is_on(value: str | None, *, default: bool = True) -> bool:
    """Read an on/off environment switch: 0, false, no and off turn it off."""
    if value is None or not value.strip():
        return default
    return value.strip().lower() not in {"0", "false", "no", "off"}
