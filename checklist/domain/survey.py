"""The women's survey: what one woman answered, and the answers it allows.

The questions themselves are part of the bank (`bank.Survey`). A response never holds who gave
it, where from or on what device: only the answers, the day, and an optional comment.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

# Below this many answers to a question, nothing about that question is shown anywhere.
MIN_THRESHOLD = 5
MAX_COMMENT = 1_000


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

    model_config = ConfigDict(extra="forbid", frozen=True)

    answers: dict[str, SurveyAnswer] = Field(default_factory=dict, max_length=50)
    overall: OverallAnswer | None = None
    comment: Comment | None = None
    received_on: date
