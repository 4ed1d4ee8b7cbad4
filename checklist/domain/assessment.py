"""The assessment: one service's answers and plan, saved as one JSON document.

The file format is versioned (`format_version`); older files are brought up to
date by the named steps in `checklist.domain.upgrades` before validation.
"""

from __future__ import annotations

import json
import re
import secrets
import unicodedata
from collections.abc import Mapping
from datetime import UTC, date, datetime
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StrictBool,
    StringConstraints,
    model_validator,
)

from checklist.domain.bank import QuestionBank
from checklist.domain.survey import SurveySummary

FORMAT = "checklist.assessment"
FORMAT_VERSION = 2

# Generous enough for a long note pasted from a policy, small enough that one
# file cannot fill a commissioner's memory.
MAX_TEXT = 20_000
# Far more than any bank asks (the shipped one has about 60 questions), far fewer than
# would make the plan, the PDF or the browser crawl.
MAX_ANSWERS = 1_000
MAX_ACTIONS = 1_000

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_ISO_DATE_TIME = re.compile(r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}")


def _shown(value: object) -> str:
    text = json.dumps(value, default=str)
    return text if len(text) <= 40 else text[:37] + "..."


def iso_date(value: object) -> object:
    """A date exactly as the README says: 2024-03-31, never a number, never with a time."""
    if isinstance(value, datetime):
        raise ValueError(f"is {_shown(value)}, a date with a time: write the date only, like 2024-03-31")
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        if _ISO_DATE.fullmatch(value):
            return value
        if _ISO_DATE_TIME.match(value):
            raise ValueError(f"is {_shown(value)}, a date with a time: write the date only, like 2024-03-31")
    kind = "a number, not a date" if isinstance(value, int | float) else "not a real date"
    raise ValueError(f"is {_shown(value)}, which is {kind} (dates are written like 2024-03-31)")


def iso_date_time(value: object) -> object:
    """A date and time in ISO 8601 (2024-03-31T14:05:00+00:00); a Unix time or a bare date is refused."""
    if isinstance(value, datetime) or (isinstance(value, str) and _ISO_DATE_TIME.match(value)):
        return value
    kind = "a number, not a date and time" if isinstance(value, int | float) else "not a real date and time"
    raise ValueError(f"is {_shown(value)}, which is {kind} (written like 2024-03-31T14:05:00Z)")


def assume_utc(moment: datetime) -> datetime:
    """A time without a time zone is read as UTC, so that every saved time compares with every other.

    `replace` (not `astimezone`) never moves the moment, so it cannot overflow at the calendar's edges.
    """
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


IsoDate = Annotated[date, BeforeValidator(iso_date)]
IsoDateTime = Annotated[datetime, BeforeValidator(iso_date_time), AfterValidator(assume_utc)]


def without_nul(value: object) -> object:
    """Drop NUL characters from text, keeping every other character exactly.

    No one means to type NUL, and PostgreSQL cannot store it in text: kept, it
    would make a save fail with a misleading "database not reachable".
    """
    return value.replace("\x00", "") if isinstance(value, str) else value


# Letters that render as nothing, yet are neither whitespace nor format characters (Cf).
_BLANK_LETTERS = frozenset("\u115f\u1160\u3164\uffa0\u2800")


def has_visible_text(text: str | None) -> bool:
    """Whether text shows anything once whitespace, format characters (zero-width spaces and joiners,
    direction marks, the BOM) and blank-looking letters are taken away: required text must."""
    return any(not c.isspace() and unicodedata.category(c) != "Cf" and c not in _BLANK_LETTERS for c in text or "")


def name_or_blank(text: str) -> str:
    """A name as typed, or "" (not named) when it shows nothing: a name of zero-width spaces is no name."""
    return text if has_visible_text(text) else ""


ShortText = Annotated[str, StringConstraints(max_length=500), BeforeValidator(without_nul)]
# Names, organisations and owners: optional, but one that shows nothing is kept as not given, so it
# never hides a service in a list or stands in for an owner.
Name = Annotated[ShortText, AfterValidator(name_or_blank)]
LongText = Annotated[str, StringConstraints(max_length=MAX_TEXT), BeforeValidator(without_nul)]
Key = Annotated[str, StringConstraints(min_length=1, max_length=64)]


class AnswerValue(StrEnum):
    MET = "met"
    PARTLY = "partly"
    NOT_MET = "not_met"
    UNKNOWN = "unknown"
    NA = "na"

    @property
    def label(self) -> str:
        return ANSWER_LABELS[self]


ANSWER_LABELS = {
    AnswerValue.MET: "Met",
    AnswerValue.PARTLY: "Partly met",
    AnswerValue.NOT_MET: "Not met",
    AnswerValue.UNKNOWN: "Don't know",
    AnswerValue.NA: "Not applicable",
}


class ActionStatus(StrEnum):
    PLANNED = "planned"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    DROPPED = "dropped"

    @property
    def label(self) -> str:
        return self.value.replace("_", " ").capitalize()


class _Model(BaseModel):
    # defer_build: the validator is made on first use, not on import, so the Start page's first run
    # (which may never read an assessment) does not pay for it; the same for the other result models.
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class Answer(_Model):
    answer: AnswerValue
    note: LongText | None = None
    na_reason: LongText | None = None

    @model_validator(mode="after")
    def _na_needs_a_reason(self) -> Answer:
        if self.answer is AnswerValue.NA and not has_visible_text(self.na_reason):
            raise ValueError("a 'not applicable' answer needs a reason (na_reason) with visible text")
        return self


class BankRef(_Model):
    id: Key
    version: ShortText
    sha256: ShortText = ""


class Service(_Model):
    name: Name = ""
    organisation: Name = ""
    area: Name = ""
    profile: dict[Key, Key] = Field(default_factory=dict)


class Assessor(_Model):
    name: Name = ""
    role: Name = ""


def new_id() -> str:
    """An unguessable id (128 bits) that can sit in a URL."""
    return secrets.token_urlsafe(16)


class PlannedAction(_Model):
    id: Key = Field(default_factory=lambda: secrets.token_hex(6))
    question_id: Key
    text: LongText
    owner: Name = ""
    due: IsoDate | None = None
    status: ActionStatus = ActionStatus.PLANNED


def distinct_action_ids(actions: list[PlannedAction]) -> tuple[list[PlannedAction], list[str]]:
    """The actions with every repeated id replaced by a new one, and the ids that were repeated.

    Pages key each action's widgets by its id, so two actions sharing one could not both be shown.
    The first keeps the id; later ones get their own, so nothing the user wrote is lost.
    """
    seen: set[str] = set()
    repeated: list[str] = []
    distinct = []
    for action in actions:
        if action.id in seen:
            repeated.append(action.id)
            action = action.model_copy(update={"id": _unused_id(seen)})
        seen.add(action.id)
        distinct.append(action)
    return distinct, sorted(set(repeated))


def _unused_id(used: set[str]) -> str:
    while (candidate := secrets.token_hex(6)) in used:
        pass
    return candidate


class PreviousAssessment(_Model):
    """What a re-assessment keeps of the assessment it started from."""

    assessed_on: IsoDate | None = None
    bank: BankRef
    answers: dict[Key, Answer] = Field(default_factory=dict, max_length=MAX_ANSWERS)
    actions: list[PlannedAction] = Field(default_factory=list, max_length=MAX_ACTIONS)


class Assessment(_Model):
    format: Literal["checklist.assessment"] = "checklist.assessment"
    format_version: Literal[2] = 2
    id: Key = Field(default_factory=new_id)
    practice: StrictBool = False
    bank: BankRef
    service: Service = Field(default_factory=Service)
    assessor: Assessor | None = None
    assessed_on: IsoDate | None = None
    answers: dict[Key, Answer] = Field(default_factory=dict, max_length=MAX_ANSWERS)
    actions: list[PlannedAction] = Field(default_factory=list, max_length=MAX_ACTIONS)
    previous: PreviousAssessment | None = None
    saved_at: IsoDateTime | None = None
    created_with: ShortText = ""
    # The women's survey beside it: counts only, never a comment or one woman's answers.
    survey: SurveySummary | None = None

    def with_answer(self, question_id: str, answer: Answer | None) -> Assessment:
        answers = dict(self.answers)
        if answer is None:
            answers.pop(question_id, None)
        else:
            answers[question_id] = answer
        return self.model_copy(update={"answers": answers})

    def with_profile(self, profile: Mapping[str, str | None]) -> Assessment:
        clean = {k: v for k, v in profile.items() if v}
        return self.model_copy(update={"service": self.service.model_copy(update={"profile": clean})})


def bank_ref(bank: QuestionBank) -> BankRef:
    return BankRef(id=bank.id, version=bank.version, sha256=bank.sha256)


def start_assessment(bank: QuestionBank, *, practice: bool = False) -> Assessment:
    """A blank assessment against `bank`, dated today."""
    return Assessment(bank=bank_ref(bank), practice=practice, assessed_on=date.today())
