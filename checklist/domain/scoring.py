"""Scoring: the one place where answers become numbers.

The app, the PDF, the CLI and the exports all call `score_assessment`; the
rules are written out for users in the README ("How scoring works") and in
`SCORING_RULES` below, which the app and the PDF show.
"""

from __future__ import annotations

import operator
from collections.abc import Mapping
from typing import Any

from pydantic import BaseModel, ConfigDict

from checklist.domain import bank as bank_rules
from checklist.domain.assessment import Answer, AnswerValue, Assessment
from checklist.domain.bank import Cost, Question, QuestionBank, valid_profile
from checklist.domain.survey import SurveyCounts, SurveySummary

VALUES: dict[AnswerValue, float] = {
    AnswerValue.MET: 1.0,
    AnswerValue.PARTLY: 0.5,
    AnswerValue.NOT_MET: 0.0,
    AnswerValue.UNKNOWN: 0.0,
}

SCORING_RULES = (
    "Each answer has a value: met 1, partly met 0.5, not met 0, and don't know 0 "
    "(a don't-know counts as a gap and is marked 'to check').",
    "Not applicable answers are left out of the scores; their reasons are kept and shown.",
    "Questions that the service profile rules out are left out of everything.",
    "Unanswered questions are left out of the scores but lower the completion.",
    "A theme's score is 100 × the sum of (weight × value) divided by the sum of the weights, "
    "over the theme's answered questions. A theme with no answers has no score (not zero).",
    "The overall score is the same sum over every answered question, so a theme with more "
    "or weightier questions counts for more. It is not an average of the theme scores.",
    "Completion is the share of applicable questions that have an answer (not applicable counts as answered).",
    "Gaps are answered questions scoring below met. They are ranked: safety gaps first; then by "
    "weight × (1 − value), larger first; then cheaper to fix first; then in bank order.",
    "A quick win is a gap that costs nothing or little to close and has weight 2 or 3.",
    "An assessment with fewer than 80% of its applicable questions answered is a draft: the Results "
    "page and the PDF action plan say 'Draft: n of m questions answered' beside its scores.",
    "Each question says what kind of evidence it rests on (guidance, research, practice, women's own "
    "accounts). This is shown to help you judge it; it never changes a score or the order of the gaps.",
    "A 'suggested standard' (such as 'at least once a week') is this tool's suggestion, not taken from a "
    "source; it does not change how an answer is scored.",
)

EXPERIENCE_RULES = (
    "The women's survey never changes the checklist score. Where they disagree, it makes a separate "
    "kind of gap: 'women's experience differs'.",
    "A survey question counts only once at least 5 women (or the service's higher threshold) have answered "
    "it yes, partly or no; 'does not apply' and 'rather not say' are counted apart and left out.",
    "The women's answers become one value on the checklist's scale: yes 1, partly 0.5, no 0, averaged over "
    "the women who rated the question.",
    "Each checklist question the survey question checks, and that the service answered met or partly met, "
    "is compared: the difference is the service's own value (met 1, partly 0.5) minus the women's value.",
    "A difference of 0.5 or more is a gap: for example the service answered met and most women said no. "
    "A checklist question checked by two survey questions keeps the larger difference.",
    "These gaps are ranked: larger difference first; then more women answering first; then in bank order.",
)

# Below this completion a score is a draft, not a result (README, "How scoring works").
DRAFT_THRESHOLD = 0.8


class _Result(BaseModel):
    model_config = ConfigDict(frozen=True, defer_build=True)


class Gap(_Result):
    question_id: str
    theme_id: str
    answer: AnswerValue
    weight: int
    safety: bool
    cost: Cost
    quick_win: bool
    priority: float
    to_check: bool


class ThemeScore(_Result):
    theme_id: str
    title: str
    score: float | None
    answered: int
    applicable: int
    not_applicable: int
    excluded_by_profile: int


class Exclusion(_Result):
    question_id: str
    theme_id: str
    reason: str


class ScoreResult(_Result):
    overall: float | None
    completion: float
    answered: int
    applicable: int
    themes: tuple[ThemeScore, ...]
    gaps: tuple[Gap, ...]
    not_applicable: tuple[Exclusion, ...]
    excluded_by_profile: tuple[Exclusion, ...]
    unanswered: tuple[str, ...]

    @property
    def is_draft(self) -> bool:
        return self.completion < DRAFT_THRESHOLD

    @property
    def draft_label(self) -> str | None:
        """'Draft: n of m questions answered' for a draft, else None."""
        if not self.is_draft:
            return None
        return f"Draft: {self.answered} of {self.applicable} questions answered"

    @property
    def quick_wins(self) -> tuple[Gap, ...]:
        return tuple(g for g in self.gaps if g.quick_win)

    @property
    def to_check(self) -> tuple[Gap, ...]:
        return tuple(g for g in self.gaps if g.to_check)

    def theme(self, theme_id: str) -> ThemeScore | None:
        return next((t for t in self.themes if t.theme_id == theme_id), None)

    def summary(self) -> dict[str, Any]:
        """The JSON form printed by `checklist score --json`."""
        return {
            "overall": self.overall,
            "completion": self.completion,
            "themes": {t.theme_id: t.score for t in self.themes},
            "gaps": [
                g.model_dump(
                    mode="json", include={"question_id", "theme_id", "answer", "weight", "safety", "cost", "quick_win"}
                )
                for g in self.gaps
            ],
        }


def exclusion_reason(bank: QuestionBank, question: Question, profile: Mapping[str, str]) -> str:
    """Why the profile rules a question out, in words, e.g. 'the service runs no group work'."""
    reasons = []
    for field, allowed in question.applies_if.items():
        value = profile.get(field)
        if value is not None and value not in allowed:
            pq = bank.profile_question(field)
            asked = pq.text if pq else field
            answer = pq.label_of(value) if pq else value
            reasons.append(f"'{asked}' was answered '{answer}'")
    return "; ".join(reasons)


def score_assessment(bank: QuestionBank, assessment: Assessment) -> ScoreResult:
    """Score an assessment against a bank. Pure: the same inputs give the same result."""
    profile = valid_profile(bank, assessment.service.profile)
    applies = bank_rules.applicable(bank, profile)
    themes: list[ThemeScore] = []
    gaps: list[tuple[tuple[int, float, int, int], Gap]] = []
    not_applicable: list[Exclusion] = []
    excluded: list[Exclusion] = []
    unanswered: list[str] = []
    total_weighted = total_weight = 0.0
    total_answered = total_applicable = 0
    order = 0
    for theme in bank.themes:
        weighted = weight_sum = 0.0
        answered = applicable = na = out = 0
        for question in theme.questions:
            order += 1
            if question.id not in applies:
                out += 1
                excluded.append(
                    Exclusion(
                        question_id=question.id, theme_id=theme.id, reason=exclusion_reason(bank, question, profile)
                    )
                )
                continue
            applicable += 1
            answer: Answer | None = assessment.answers.get(question.id)
            if answer is None:
                unanswered.append(question.id)
                continue
            answered += 1
            if answer.answer is AnswerValue.NA:
                na += 1
                not_applicable.append(
                    Exclusion(question_id=question.id, theme_id=theme.id, reason=answer.na_reason or "")
                )
                continue
            value = VALUES[answer.answer]
            weighted += question.weight * value
            weight_sum += question.weight
            if value < 1:
                gap = _gap(theme.id, question, answer.answer, value)
                gaps.append(((0 if question.safety else 1, -gap.priority, question.cost.rank, order), gap))
        themes.append(
            ThemeScore(
                theme_id=theme.id,
                title=theme.title,
                score=_percent(weighted, weight_sum),
                answered=answered,
                applicable=applicable,
                not_applicable=na,
                excluded_by_profile=out,
            )
        )
        total_weighted += weighted
        total_weight += weight_sum
        total_answered += answered
        total_applicable += applicable
    return ScoreResult(
        overall=_percent(total_weighted, total_weight),
        completion=_completion(total_answered, total_applicable),
        answered=total_answered,
        applicable=total_applicable,
        themes=tuple(themes),
        gaps=tuple(gap for _, gap in sorted(gaps, key=lambda pair: pair[0])),
        not_applicable=tuple(not_applicable),
        excluded_by_profile=tuple(excluded),
        unanswered=tuple(unanswered),
    )


def is_quick_win(question: Question) -> bool:
    return question.cost in (Cost.NONE, Cost.LOW) and question.weight >= 2


def _gap(theme_id: str, question: Question, answer: AnswerValue, value: float) -> Gap:
    return Gap(
        question_id=question.id,
        theme_id=theme_id,
        answer=answer,
        weight=question.weight,
        safety=question.safety,
        cost=question.cost,
        quick_win=is_quick_win(question),
        priority=question.weight * (1 - value),
        to_check=answer is AnswerValue.UNKNOWN,
    )


def _completion(answered: int, applicable: int) -> float:
    return round(answered / applicable, 3) if applicable else 1.0


def _percent(weighted: float, weight_sum: float) -> float | None:
    return round(100 * weighted / weight_sum, 1) if weight_sum else None


# The service's own answer must exceed the women's by this much on the 0-1 scale to be a gap.
EXPERIENCE_GAP = 0.5


class ExperienceGap(_Result):
    """A checklist question where the women's survey answers fall well below the service's own."""

    question_id: str
    theme_id: str
    survey_question_id: str
    answer: AnswerValue
    women: SurveyCounts
    difference: float


def experience_gaps(
    bank: QuestionBank, assessment: Assessment, summary: SurveySummary | None
) -> tuple[ExperienceGap, ...]:
    """The 'women's experience differs' gaps, ranked (EXPERIENCE_RULES). Empty without a survey."""
    if summary is None or bank.survey is None:
        return ()
    applies = bank_rules.applicable(bank, valid_profile(bank, assessment.service.profile))
    order = {q.id: (i, t.id) for i, (t, q) in enumerate(bank.questions())}
    best: dict[str, ExperienceGap] = {}
    for survey_question in bank.survey.questions:
        women = summary.counts(survey_question.id)  # only counts at or above the threshold exist
        if women is None:
            continue
        for question_id in survey_question.checks:
            answer = assessment.answers.get(question_id)
            if question_id not in applies or answer is None or answer.answer not in CLAIMS:
                continue
            difference = round(VALUES[answer.answer] - women.experience, 3)
            if difference < EXPERIENCE_GAP:
                continue
            kept = best.get(question_id)
            if kept is None or difference > kept.difference:
                best[question_id] = ExperienceGap(
                    question_id=question_id,
                    theme_id=order[question_id][1],
                    survey_question_id=survey_question.id,
                    answer=answer.answer,
                    women=women,
                    difference=difference,
                )
    return tuple(sorted(best.values(), key=lambda g: (-g.difference, -g.women.base, order[g.question_id][0])))


class SideBySide(_Result):
    """One checklist question beside the survey question that tests it; `women` is None while hidden."""

    question_id: str
    survey_question_id: str
    answer: AnswerValue | None
    women: SurveyCounts | None


def survey_beside(bank: QuestionBank, assessment: Assessment, summary: SurveySummary) -> tuple[SideBySide, ...]:
    """Every applicable checklist question the survey tests, in survey order, with both sides' answers."""
    if bank.survey is None:
        return ()
    applies = bank_rules.applicable(bank, valid_profile(bank, assessment.service.profile))
    rows = []
    for survey_question in bank.survey.questions:
        for question_id in survey_question.checks:
            if question_id not in applies:
                continue
            answer = assessment.answers.get(question_id)
            rows.append(
                SideBySide(
                    question_id=question_id,
                    survey_question_id=survey_question.id,
                    answer=answer.answer if answer else None,
                    women=summary.counts(survey_question.id),
                )
            )
    return tuple(rows)


# Only answers that claim something can be contradicted by the women's experience.
CLAIMS = frozenset({AnswerValue.MET, AnswerValue.PARTLY})


# One theme as a profile leaves it: (theme id, title, questions ruled out, questions that apply).
# Each question that applies: (id, weight, the gap for each answer below met with its rank).
_Ranked = tuple[tuple[int, float, int, int], Gap]
_Applying = tuple[str, int, dict[AnswerValue, _Ranked]]
_ThemePlan = tuple[str, str, tuple[Exclusion, ...], tuple[_Applying, ...]]


class BankScorer:
    """`score_assessment` for many assessments on one bank: the same rules, the same results, faster.

    The comparison scores thousands of files. What depends only on the bank (each question's
    place, weight, and the gap each answer below met makes) or only on the profile (which
    questions apply, and why the others do not) is worked out once; the frozen gaps and
    exclusions are shared between results.
    `tests/unit/test_scoring_fast.py` proves it gives exactly what `score_assessment` gives.
    """

    def __init__(self, bank: QuestionBank) -> None:
        self.bank = bank
        self._options = {p.id: frozenset(o.id for o in p.options) for p in bank.profile}
        self._gaps: dict[str, dict[AnswerValue, _Ranked]] = {}
        order = 0
        for theme in bank.themes:
            for question in theme.questions:
                order += 1
                self._gaps[question.id] = {
                    answer: _ranked(_gap(theme.id, question, answer, value), question, order)
                    for answer, value in VALUES.items()
                    if value < 1
                }
        self._plans: dict[frozenset[tuple[str, str]], tuple[_ThemePlan, ...]] = {}
        # Results are frozen, and across many files most theme scores and reasons repeat exactly:
        # each distinct one is made once and shared, as the gaps are.
        self._theme_scores: dict[tuple[str, str, float | None, int, int, int, int], ThemeScore] = {}
        self._reasons: dict[tuple[str, str, str], Exclusion] = {}

    def _plan(self, profile: Mapping[str, str]) -> tuple[_ThemePlan, ...]:
        known = {k: v for k, v in profile.items() if v in self._options.get(k, ())}
        key = frozenset(known.items())
        plan = self._plans.get(key)
        if plan is None:
            applies = bank_rules.applicable(self.bank, known)
            plan = self._plans[key] = tuple(
                (
                    theme.id,
                    theme.title,
                    tuple(
                        Exclusion(question_id=q.id, theme_id=theme.id, reason=exclusion_reason(self.bank, q, known))
                        for q in theme.questions
                        if q.id not in applies
                    ),
                    tuple((q.id, q.weight, self._gaps[q.id]) for q in theme.questions if q.id in applies),
                )
                for theme in self.bank.themes
            )
        return plan

    def score(self, assessment: Assessment) -> ScoreResult:
        answers_get = assessment.answers.get
        na_value = AnswerValue.NA
        values = VALUES
        themes: list[ThemeScore] = []
        gaps: list[_Ranked] = []
        not_applicable: list[Exclusion] = []
        excluded: list[Exclusion] = []
        unanswered: list[str] = []
        total_weighted = total_weight = 0.0
        total_answered = total_applicable = 0
        for theme_id, title, ruled_out, applying in self._plan(assessment.service.profile):
            excluded += ruled_out
            weighted = weight_sum = 0.0
            missing = na = 0
            for qid, weight, question_gaps in applying:
                answer = answers_get(qid)
                if answer is None:
                    missing += 1
                    unanswered.append(qid)
                    continue
                given = answer.answer
                if given is na_value:
                    na += 1
                    not_applicable.append(self._excluded(qid, theme_id, answer.na_reason or ""))
                    continue
                value = values[given]
                weighted += weight * value
                weight_sum += weight
                if value < 1:
                    gaps.append(question_gaps[given])
            applicable = len(applying)
            answered = applicable - missing
            themes.append(
                self._theme_score(
                    theme_id, title, _percent(weighted, weight_sum), answered, applicable, na, len(ruled_out)
                )
            )
            total_weighted += weighted
            total_weight += weight_sum
            total_answered += answered
            total_applicable += applicable
        gaps.sort(key=_rank_of)
        return ScoreResult(
            overall=_percent(total_weighted, total_weight),
            completion=_completion(total_answered, total_applicable),
            answered=total_answered,
            applicable=total_applicable,
            themes=tuple(themes),
            gaps=tuple([gap for _, gap in gaps]),
            not_applicable=tuple(not_applicable),
            excluded_by_profile=tuple(excluded),
            unanswered=tuple(unanswered),
        )

    def _theme_score(
        self, theme_id: str, title: str, score: float | None, answered: int, applicable: int, na: int, ruled_out: int
    ) -> ThemeScore:
        key = (theme_id, title, score, answered, applicable, na, ruled_out)
        made = self._theme_scores.get(key)
        if made is None:
            made = self._theme_scores[key] = ThemeScore(
                theme_id=theme_id,
                title=title,
                score=score,
                answered=answered,
                applicable=applicable,
                not_applicable=na,
                excluded_by_profile=ruled_out,
            )
        return made

    def _excluded(self, question_id: str, theme_id: str, reason: str) -> Exclusion:
        key = (question_id, theme_id, reason)
        made = self._reasons.get(key)
        if made is None:
            made = self._reasons[key] = Exclusion(question_id=question_id, theme_id=theme_id, reason=reason)
        return made


def _ranked(gap: Gap, question: Question, order: int) -> _Ranked:
    """A gap with the key score_assessment ranks it by: safety first, larger priority, cheaper, bank order."""
    return (0 if question.safety else 1, -gap.priority, question.cost.rank, order), gap


_rank_of = operator.itemgetter(0)
