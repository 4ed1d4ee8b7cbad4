"""The domain: question bank, assessment, scoring, plans and comparison.

Plain functions over pydantic models. Nothing here imports streamlit.
"""

from checklist.domain.assessment import (
    ActionStatus,
    Answer,
    AnswerValue,
    Assessment,
    Assessor,
    BankRef,
    PlannedAction,
    Service,
    start_assessment,
)
from checklist.domain.bank import Cost, Question, QuestionBank, Theme, load_bank, parse_bank
from checklist.domain.errors import AssessmentFileError, BankError, ChecklistError
from checklist.domain.loading import LoadedAssessment, dump_assessment, load_assessment
from checklist.domain.scoring import Gap, ScoreResult, ThemeScore, score_assessment

__all__ = [
    "ActionStatus",
    "Answer",
    "AnswerValue",
    "Assessment",
    "AssessmentFileError",
    "Assessor",
    "BankError",
    "BankRef",
    "ChecklistError",
    "Cost",
    "Gap",
    "LoadedAssessment",
    "PlannedAction",
    "Question",
    "QuestionBank",
    "ScoreResult",
    "Service",
    "Theme",
    "ThemeScore",
    "dump_assessment",
    "load_assessment",
    "load_bank",
    "parse_bank",
    "score_assessment",
    "start_assessment",
]
