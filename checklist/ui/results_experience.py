"""Results: the women's survey beside the service's own answers, and where the two differ.

The gaps and the side-by-side rows come from `checklist.domain.scoring`; this only shows them.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from checklist.domain.assessment import Assessment
from checklist.domain.bank import QuestionBank, Survey
from checklist.domain.scoring import EXPERIENCE_RULES, ExperienceGap, SideBySide, experience_gaps, survey_beside
from checklist.domain.survey import women_said
from checklist.ui import navigation
from checklist.ui.text import literal


def show(bank: QuestionBank, assessment: Assessment) -> None:
    if bank.survey is None:
        return
    summary = assessment.survey
    if summary is None:
        st.header("Where women's experience differs")
        st.write("No results of the women's survey are beside this assessment yet.")
        st.page_link(navigation.SURVEY.path, label="Run the women's survey", icon=":material/arrow_forward:")
        return
    gaps = experience_gaps(bank, assessment, summary)
    st.header(f"Where women's experience differs ({len(gaps)})")
    practice = " These are practice results, made up for training." if summary.practice else ""
    st.write(
        f"From the women's survey: {summary.responses} women answered. A question is shown once at least "
        f"{summary.threshold} women have rated it. This never changes the score above.{practice}"
    )
    if gaps:
        st.table(pd.DataFrame([_gap_row(bank, rank, gap) for rank, gap in enumerate(gaps, 1)]), hide_index=True)
    else:
        st.success("Where enough women answered, their experience does not fall well below your own answers.")
    with st.expander("Your answers beside the women's"):
        rows = survey_beside(bank, assessment, summary)
        st.table(pd.DataFrame([_beside_row(bank, bank.survey, row) for row in rows]), hide_index=True)
    with st.expander("How the differences are worked out"):
        for rule in EXPERIENCE_RULES:
            st.markdown(f"- {literal(rule)}")


def _question_text(bank: QuestionBank, question_id: str) -> str:
    return literal(bank.text_of(question_id))


def _gap_row(bank: QuestionBank, rank: int, gap: ExperienceGap) -> dict[str, str]:
    return {
        "Rank": str(rank),
        "Question": _question_text(bank, gap.question_id),
        "Your answer": gap.answer.label,
        "What the women said": women_said(gap.women),
        "Difference": f"{gap.difference:.2f}",
    }


def _beside_row(bank: QuestionBank, survey: Survey, row: SideBySide) -> dict[str, str]:
    found = survey.question(row.survey_question_id)
    asked = found.text if found else row.survey_question_id
    return {
        "Question": _question_text(bank, row.question_id),
        "Your answer": row.answer.label if row.answer else "not answered",
        "Women were asked": literal(asked),
        "What the women said": women_said(row.women),
    }
