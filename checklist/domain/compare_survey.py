"""The women's survey across an area's services: how many women answered each, and where they disagree.

Only the counts an assessment file carries (`Assessment.survey`) are used, which are already cut at
each service's threshold; comments never travel, so none can appear here.
"""

from __future__ import annotations

from dataclasses import dataclass

from checklist.domain.bank import QuestionBank
from checklist.domain.compare import Comparison
from checklist.domain.scoring import experience_gaps


@dataclass(frozen=True, slots=True)
class SurveyRow:
    label: str
    # None when the service sent no survey results.
    responses: int | None
    shown: int
    hidden: int
    differs: tuple[str, ...]  # checklist question ids, largest difference first
    practice: bool


def survey_rows(bank: QuestionBank, comparison: Comparison) -> tuple[SurveyRow, ...]:
    """One row per compared service, in the comparison's order."""
    rows = []
    for row in comparison.rows:
        detail = comparison.detail(row.key)
        summary = detail.assessment.survey if detail else None
        if detail is None or summary is None:
            rows.append(SurveyRow(row.label, None, 0, 0, (), False))
            continue
        gaps = experience_gaps(bank, detail.assessment, summary)
        rows.append(
            SurveyRow(
                label=row.label,
                responses=summary.responses,
                shown=len(summary.questions),
                hidden=len(summary.hidden),
                differs=tuple(g.question_id for g in gaps),
                practice=summary.practice,
            )
        )
    return tuple(rows)


def common_differences(rows: tuple[SurveyRow, ...]) -> list[tuple[str, int]]:
    """Checklist questions where women's experience differs, with how many services, most first."""
    counts: dict[str, int] = {}
    for row in rows:
        for question_id in row.differs:
            counts[question_id] = counts.get(question_id, 0) + 1
    return sorted(counts.items(), key=lambda item: -item[1])
