"""The action plan PDF's page on the women's survey: where their experience differs from the service's answers.

Counts only, under the threshold rule; the survey's comments never reach the PDF.
"""

from __future__ import annotations

from checklist.domain.assessment import Assessment
from checklist.domain.bank import QuestionBank
from checklist.domain.scoring import EXPERIENCE_RULES, ExperienceGap, SideBySide, experience_gaps, survey_beside
from checklist.domain.survey import women_said
from checklist.render.pdf_layout import PlanDocument, short


def experience_section(pdf: PlanDocument, bank: QuestionBank, assessment: Assessment) -> None:
    summary = assessment.survey
    if bank.survey is None or summary is None:
        return
    gaps = experience_gaps(bank, assessment, summary)
    pdf.heading("Where women's experience differs", new_page=True)
    practice = " These are practice results, made up for training." if summary.practice else ""
    pdf.para(
        f"From the women's survey: {summary.responses} women answered. A question is shown only once at least "
        f"{summary.threshold} women have rated it, and the survey never changes the scores in this plan.{practice}",
        gap=3,
    )
    if gaps:
        pdf.bullets([_line(bank, gap) for gap in gaps], numbered=True, size=9)
    else:
        pdf.para("Where enough women answered, their experience does not fall well below the service's answers.")
    pdf.ln(2)
    pdf.heading("Your answers beside the women's", level=1)
    pdf.bullets([_beside(bank, row) for row in survey_beside(bank, assessment, summary)], size=9)
    pdf.ln(2)
    pdf.heading("How the differences are worked out", level=1)
    pdf.bullets(list(EXPERIENCE_RULES), size=9)


def _beside(bank: QuestionBank, row: SideBySide) -> str:
    asked = bank.survey.question(row.survey_question_id) if bank.survey else None
    answer = row.answer.label if row.answer else "not answered"
    return (
        f"{short(bank.text_of(row.question_id), 200)} Your answer: {answer}. "
        f"Women asked \u201c{asked.text if asked else row.survey_question_id}\u201d: {women_said(row.women)}."
    )


def _line(bank: QuestionBank, gap: ExperienceGap) -> str:
    text = short(bank.text_of(gap.question_id), 200)
    return f"{text} (your answer: {gap.answer.label}; {gap.women.in_words()}; difference {gap.difference:.2f})"
