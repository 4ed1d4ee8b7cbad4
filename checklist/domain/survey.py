"""The women's survey: what one woman answered, and the answers it allows.

The questions themselves are part of the bank (`bank.Survey`). A response never holds who gave
it, where from or on what device: only the answers, the day, and an optional comment.
"""

from __future__ import annotations

import secrets
import threading
from collections import Counter, deque
from collections.abc import Iterable
from datetime import date, datetime, timedelta
from enum import StrEnum
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator, model_validator

from checklist.domain.bank import Survey

# Below this many answers to a question, nothing about that question is shown anywhere.
MIN_THRESHOLD = 5
NOT_SHOWN = "not shown: too few answers"
MAX_COMMENT = 1_000
MAX_INTRODUCTION = 1_000
# Long enough for a round to reach the women who come in only every few weeks.
DEFAULT_ROUND_LENGTH = timedelta(weeks=4)
# Answers allowed into one round in any minute: far above a waiting room's pace, far below a script's.
ROUND_ANSWERS_PER_MINUTE = 30


class SurveyAnswer(StrEnum):
    YES = "yes"
    PARTLY = "partly"
    NO = "no"
    DOES_NOT_APPLY = "does-not-apply"
    PREFER_NOT_TO_SAY = "prefer-not-to-say"

    @property
    def label(self) -> str:
        return SURVEY_ANSWER_LABELS[self]


SURVEY_ANSWER_LABELS = {
    SurveyAnswer.YES: "Yes",
    SurveyAnswer.PARTLY: "Partly",
    SurveyAnswer.NO: "No",
    SurveyAnswer.DOES_NOT_APPLY: "Does not apply to me",
    SurveyAnswer.PREFER_NOT_TO_SAY: "I'd rather not say",
}


class OverallAnswer(StrEnum):
    """The Friends and Family Test's own scale for the overall question."""

    VERY_GOOD = "very-good"
    GOOD = "good"
    NEITHER = "neither"
    POOR = "poor"
    VERY_POOR = "very-poor"
    DONT_KNOW = "dont-know"

    @property
    def label(self) -> str:
        return OVERALL_ANSWER_LABELS[self]


OVERALL_ANSWER_LABELS = {
    OverallAnswer.VERY_GOOD: "Very good",
    OverallAnswer.GOOD: "Good",
    OverallAnswer.NEITHER: "Neither good nor poor",
    OverallAnswer.POOR: "Poor",
    OverallAnswer.VERY_POOR: "Very poor",
    OverallAnswer.DONT_KNOW: "Don't know",
}

Comment = Annotated[str, StringConstraints(max_length=MAX_COMMENT)]


class SurveyResponse(BaseModel):
    """One woman's answers on one visit; any question may be left out."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    answers: dict[str, SurveyAnswer] = Field(default_factory=dict, max_length=50)
    overall: OverallAnswer | None = None
    comment: Comment | None = None
    received_on: date


class SurveyCounts(BaseModel):
    """How the women answered one survey question. Only ever made for a base at the threshold or above.

    The base is the women who answered yes, partly or no; "does not apply" and "rather not say"
    are counted apart and never in the base, so "7 of 12 women" always means 7 of those who rated it.
    """

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    question_id: str = Field(min_length=1, max_length=64)
    yes: int = Field(ge=0)
    partly: int = Field(ge=0)
    no: int = Field(ge=0)
    does_not_apply: int = Field(ge=0, default=0)
    rather_not_say: int = Field(ge=0, default=0)

    @property
    def base(self) -> int:
        return self.yes + self.partly + self.no

    @property
    def experience(self) -> float:
        """The women's answers as one value on the checklist's scale: yes 1, partly 0.5, no 0."""
        return (self.yes + 0.5 * self.partly) / self.base

    def of_base(self, count: int) -> str:
        return f"{count} of {self.base} women"

    def in_words(self) -> str:
        """'6 of 8 women said no, 1 partly, 1 yes': the app, the PDF and the comparison all say it so."""
        return f"{self.no} of {self.base} women said no, {self.partly} partly, {self.yes} yes"


class SurveySummary(BaseModel):
    """A survey round's results as counts only: what travels in an assessment file and to commissioners.

    It never holds a comment or a single woman's answers. A question that fewer than `threshold`
    women rated is listed in `hidden` by id alone. A file whose summary breaks that rule is
    refused, so an edited file cannot bring small counts into a comparison.
    """

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    survey_version: str = Field(min_length=1, max_length=32)
    responses: int = Field(ge=0)
    threshold: int = MIN_THRESHOLD
    questions: tuple[SurveyCounts, ...] = Field(default=(), max_length=50)
    hidden: tuple[str, ...] = Field(default=(), max_length=50)
    # The overall question's answers, or None while fewer than `threshold` women answered it.
    overall: dict[OverallAnswer, int] | None = None
    practice: bool = False

    @field_validator("threshold")
    @classmethod
    def _threshold_at_least_the_minimum(cls, value: int) -> int:
        if value < MIN_THRESHOLD:
            raise ValueError(f"is {value}, but it is never below {MIN_THRESHOLD}: fewer women could be recognised")
        return value

    @model_validator(mode="after")
    def _nothing_below_the_threshold(self) -> SurveySummary:
        small = [c.question_id for c in self.questions if c.base < self.threshold]
        if small:
            raise ValueError(
                f"the survey summary shows questions that fewer than {self.threshold} women answered: "
                + ", ".join(small)
            )
        if self.overall is not None and sum(self.overall.values()) < self.threshold:
            raise ValueError(f"the survey summary shows the overall question with fewer than {self.threshold} answers")
        return self

    def counts(self, survey_question_id: str) -> SurveyCounts | None:
        return next((c for c in self.questions if c.question_id == survey_question_id), None)


def women_said(counts: SurveyCounts | None) -> str:
    """'6 of 8 women said no, 1 partly, 1 yes', or NOT_SHOWN while too few answered."""
    return NOT_SHOWN if counts is None else counts.in_words()


def effective_threshold(threshold: int | None) -> int:
    """The threshold a service chose, never below MIN_THRESHOLD."""
    return max(threshold or MIN_THRESHOLD, MIN_THRESHOLD)


def summarise(
    survey: Survey, responses: Iterable[SurveyResponse], *, threshold: int | None = None, practice: bool = False
) -> SurveySummary:
    """Count the answers to each question, keeping only those that enough women answered."""
    limit = effective_threshold(threshold)
    tally: dict[str, Counter[SurveyAnswer]] = {q.id: Counter() for q in survey.questions}
    overall: Counter[OverallAnswer] = Counter()
    total = 0
    for response in responses:
        total += 1
        for question_id, answer in response.answers.items():
            if question_id in tally:
                tally[question_id][answer] += 1
        if response.overall is not None:
            overall[response.overall] += 1
    every = [_counts(question.id, tally[question.id]) for question in survey.questions]
    return SurveySummary(
        survey_version=survey.version,
        responses=total,
        threshold=limit,
        questions=tuple(c for c in every if c.base >= limit),
        hidden=tuple(c.question_id for c in every if c.base < limit),
        overall={a: overall[a] for a in OverallAnswer} if sum(overall.values()) >= limit else None,
        practice=practice,
    )


def _counts(question_id: str, tally: Counter[SurveyAnswer]) -> SurveyCounts:
    return SurveyCounts(
        question_id=question_id,
        yes=tally[SurveyAnswer.YES],
        partly=tally[SurveyAnswer.PARTLY],
        no=tally[SurveyAnswer.NO],
        does_not_apply=tally[SurveyAnswer.DOES_NOT_APPLY],
        rather_not_say=tally[SurveyAnswer.PREFER_NOT_TO_SAY],
    )


class RoundStatus(StrEnum):
    NOT_YET_OPEN = "not-yet-open"
    OPEN = "open"
    CLOSED = "closed"


def new_round_id() -> str:
    """The round's public link: unguessable, so only those given the link or poster can answer."""
    return secrets.token_urlsafe(16)


class SurveyRound(BaseModel):
    """One run of the survey for one assessment, open between two dates (both included)."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    id: str = Field(default_factory=new_round_id, min_length=16, max_length=64)
    assessment_id: str = Field(min_length=1, max_length=64)
    opens_on: date
    closes_on: date
    introduction: Annotated[str, StringConstraints(max_length=MAX_INTRODUCTION)] = ""
    threshold: int = Field(default=MIN_THRESHOLD, ge=MIN_THRESHOLD, le=100)
    closed_early: bool = False

    @model_validator(mode="after")
    def _closes_after_it_opens(self) -> SurveyRound:
        if self.closes_on < self.opens_on:
            raise ValueError("the closing date is before the opening date")
        return self

    def status(self, today: date) -> RoundStatus:
        if self.closed_early or today > self.closes_on:
            return RoundStatus.CLOSED
        if today < self.opens_on:
            return RoundStatus.NOT_YET_OPEN
        return RoundStatus.OPEN


def clean_comment(text: str | None) -> str | None:
    """A comment kept exactly as typed, cut at MAX_COMMENT characters; blank is no comment."""
    if text is None or not text.strip():
        return None
    return text.replace("\x00", "")[:MAX_COMMENT]


class AnswerLimiter:
    """At most `per_minute` answers into one round in any minute, counted in this process.

    It needs no cookie, address or device id: a burst from a script is refused whoever sends it,
    while a waiting room, far slower, never meets it. Each server process counts its own.
    """

    def __init__(self, per_minute: int = ROUND_ANSWERS_PER_MINUTE) -> None:
        self.per_minute = per_minute
        self._seen: dict[str, deque[datetime]] = {}
        # Every visitor's session is a thread of the same process.
        self._lock = threading.Lock()

    def allow(self, round_id: str, now: datetime) -> bool:
        with self._lock:
            seen = self._seen.setdefault(round_id, deque())
            while seen and now - seen[0] >= timedelta(minutes=1):
                seen.popleft()
            if len(seen) >= self.per_minute:
                return False
            seen.append(now)
            return True
