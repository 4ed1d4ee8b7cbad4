"""The Compare page's table of the women's survey, one row per service."""

from __future__ import annotations

import pandas as pd

from checklist.domain.compare import Comparison
from checklist.domain.compare_survey import SurveyRow

NO_SURVEY = "no survey results sent"


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
