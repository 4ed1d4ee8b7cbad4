"""The women's survey as tables: one round's counts for its staff, and the area's services for Compare."""

from __future__ import annotations

import pandas as pd

from checklist.domain.bank import Survey
from checklist.domain.compare import Comparison
from checklist.domain.compare_survey import SurveyRow
from checklist.domain.survey import SurveySummary

NO_SURVEY = "no survey results sent"


def round_table(survey: Survey, summary: SurveySummary) -> pd.DataFrame:
    """One row per question shown: how many women rated it, and each answer as 'n of base women'."""
    rows = []
    for question in survey.questions:
        counts = summary.counts(question.id)
        if counts is None:
            continue
        rows.append(
            {
                "Question": question.text,
                "Women who answered": counts.base,
                "Yes": counts.of_base(counts.yes),
                "Partly": counts.of_base(counts.partly),
                "No": counts.of_base(counts.no),
                "Does not apply or rather not say": counts.does_not_apply + counts.rather_not_say,
            }
        )
    return pd.DataFrame(rows)


def survey_table(comparison: Comparison, rows: tuple[SurveyRow, ...]) -> pd.DataFrame:
    def question(question_id: str) -> str:
        return comparison.question_texts.get(question_id, question_id)

    return pd.DataFrame(
        [
            {
                "Service": row.label,
                "Women who answered": NO_SURVEY if row.responses is None else str(row.responses),
                "Questions shown": "" if row.responses is None else f"{row.shown} of {row.shown + row.hidden}",
                "Where women's experience differs": "; ".join(question(q) for q in row.differs)
                or ("" if row.responses is None else "nowhere"),
            }
            for row in rows
        ]
    )
