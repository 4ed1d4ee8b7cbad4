"""The PDF action plan a service hands to its commissioner.

Contents, in order: a cover; a one-page summary (overall score, completion,
the theme chart, the five most important gaps, quick wins); the action plan
table in gap-ranking order; every theme's answers with notes and N/A reasons;
how the scoring works; the sources. The assessment's JSON is attached as
"assessment.json", so the PDF alone is a complete submission.
"""

from __future__ import annotations

import hashlib
import io
from datetime import UTC, datetime

from fpdf.enums import Align

from checklist.domain.assessment import Answer, AnswerValue, Assessment, PlannedAction
from checklist.domain.bank import QuestionBank, Theme, evidence_words
from checklist.domain.loading import ATTACHMENT_NAME, attachment_fingerprint, dump_assessment
from checklist.domain.plan import ordered_plan
from checklist.domain.readiness import require_ready_for_report
from checklist.domain.scoring import SCORING_RULES, Gap, ScoreResult
from checklist.render.charts import DRAFT_MARK, chart_png, theme_scores_chart
from checklist.render.fonts import font_set, printable
from checklist.render.pdf_experience import experience_section
from checklist.render.pdf_layout import FAMILY, TEXT, PlanDocument, day, metadata, percent, short

TOP_GAPS = 5
SUMMARY_QUICK_WINS = 6
# A table row must fit on one page, so very long action texts are cut in the
# table and printed in full after it.
CELL_LIMIT = 900
# Due is wide enough for the longest date, "30 September 2026", on one line.
PLAN_COLUMNS = (("Gap", 11), ("Action", 54), ("Question", 45), ("Owner", 24), ("Due", 28), ("Status", 18))


def build_action_plan_pdf(
    bank: QuestionBank,
    assessment: Assessment,
    result: ScoreResult,
    *,
    tool_version: str,
    creation_date: datetime | None = None,
) -> bytes:
    """The action plan PDF; a fixed `creation_date` makes the bytes deterministic.

    Raises NotReadyForReport while the profile lacks the service name, organisation or date.
    """
    require_ready_for_report(assessment)
    created = creation_date or datetime.now(UTC)
    # Parsing a font costs ~30 ms; most plans need no glyph beyond Noto Sans.
    everything = assessment.model_dump_json() + bank.model_dump_json()
    pdf = PlanDocument(fallback=font_set().needs_fallback(everything))
    attached = dump_assessment(assessment, tool_version=tool_version, now=created)
    fingerprint = hashlib.sha256(attached).hexdigest()
    # The loader checks the Subject's hash against the attachment, so a swapped attachment is refused.
    pdf.footnote = f"Attached answers: SHA-256 {fingerprint[:12]}"
    service = assessment.service.name
    metadata(
        pdf,
        title=f"Action plan: {service}",
        author=(assessment.assessor.name if assessment.assessor else "") or assessment.service.organisation or service,
        subject=f"Women's access self-assessment and action plan for {service}; {attachment_fingerprint(attached)}",
        keywords="women, drug and alcohol services, self-assessment, action plan",
        creator=f"checklist {tool_version}",
        producer=f"checklist {tool_version}",
        creation_date=created,
    )
    _cover(pdf, bank, assessment, result, created)
    _summary(pdf, bank, result)
    _plan(pdf, bank, assessment, result)
    experience_section(pdf, bank, assessment)
    _answers(pdf, bank, assessment, result)
    _scoring(pdf, bank, result)
    _sources(pdf, bank)
    pdf.embed_file(
        bytes=attached,
        basename=ATTACHMENT_NAME,
        mime_type="application/json",
        desc="The assessment's answers and plan; open this PDF in the tool to continue or compare it.",
        creation_date=created,
        modification_date=created,
    )
    return bytes(pdf.output())


def _cover(
    pdf: PlanDocument, bank: QuestionBank, assessment: Assessment, result: ScoreResult, created: datetime
) -> None:
    pdf.add_page()
    pdf.set_y(45)
    pdf.para("How well does our service serve women?", size=12, muted=True)
    pdf.heading("Self-assessment and action plan")
    service = assessment.service
    pdf.para(service.name, size=20, bold=True, gap=6)
    if assessment.practice:
        pdf.para("Practice assessment: not for submission.", bold=True, gap=4)
    if result.draft_label:
        pdf.para(f"{result.draft_label}: the scores are not yet a result.", bold=True, gap=4)
    assessor = assessment.assessor
    for label, value in (
        ("Organisation", service.organisation),
        ("Area", service.area),
        ("Assessed on", day(assessment.assessed_on)),
        ("Assessor", ", ".join(p for p in (assessor.name, assessor.role) if p) if assessor else ""),
        ("Question bank", f"{bank.title} ({bank.id}, version {assessment.bank.version})"),
        ("Made on", day(created.date())),
    ):
        pdf.labelled(label, value)
    pdf.ln(8)
    pdf.para(
        "This PDF carries the assessment itself as an attached file (assessment.json). Open the PDF in the "
        "tool to continue, re-assess or compare it; no other file is needed.",
        size=9,
        muted=True,
    )


def _summary(pdf: PlanDocument, bank: QuestionBank, result: ScoreResult) -> None:
    pdf.heading("Summary", new_page=True)
    draft = f" ({result.draft_label})" if result.draft_label else ""
    pdf.labelled("Overall score", f"{percent(result.overall)} out of 100{draft}", label_width=45)
    pdf.labelled(
        "Completion",
        f"{result.answered} of {result.applicable} applicable questions answered ({result.completion:.0%})",
        label_width=45,
    )
    pdf.ln(2)
    chart = theme_scores_chart(result)
    described = chart.to_dict().get("description", "Bar chart of the score for each theme.")
    pdf.image(io.BytesIO(chart_png(chart)), x=Align.C, w=min(170, 60 + 11 * len(result.themes)), alt_text=described)
    pdf.ln(3)
    shown = min(TOP_GAPS, len(result.gaps))
    pdf.heading("The most important gap" if shown == 1 else f"The {shown} most important gaps", level=1)
    if result.gaps:
        pdf.bullets([_gap_line(bank, g) for g in result.gaps[:TOP_GAPS]], numbered=True, size=9)
    else:
        pdf.para("There are no gaps: every answered question is met.")
    pdf.heading("Quick wins", level=1)
    wins = result.quick_wins
    if not wins:
        pdf.para("No quick wins: no gap both matters (weight 2 or 3) and costs little to close.")
        return
    pdf.bullets([_gap_line(bank, g, marks=False) for g in wins[:SUMMARY_QUICK_WINS]], size=9)
    if len(wins) > SUMMARY_QUICK_WINS:
        pdf.para(f"and {len(wins) - SUMMARY_QUICK_WINS} more, listed in the action plan.", size=9, muted=True)


def _gap_line(bank: QuestionBank, gap: Gap, *, marks: bool = True) -> str:
    theme = bank.theme_of(gap.question_id)
    text = short(bank.text_of(gap.question_id), 220)
    flags = [gap.answer.label]
    if marks:
        flags += [name for name, on in (("safety", gap.safety), ("quick win", gap.quick_win)) if on]
    return f"{text} ({theme.title if theme else gap.theme_id}; {', '.join(flags)})"


def _plan(pdf: PlanDocument, bank: QuestionBank, assessment: Assessment, result: ScoreResult) -> None:
    pdf.heading("Action plan", new_page=True)
    actions = ordered_plan(bank, assessment, result)
    if not actions:
        pdf.para("No actions have been planned yet. The most important gaps are listed in the summary.")
        return
    pdf.para(
        "Actions in the order of the gaps they close: safety first, then what matters most and costs least. "
        "'Gap' is the gap's place in that order; a dash means the question is no longer a gap.",
        size=9,
        muted=True,
    )
    rank = {g.question_id: i for i, g in enumerate(result.gaps, 1)}
    cut: list[PlannedAction] = []
    rows = []
    for action in actions:
        if len(action.text) > CELL_LIMIT:
            cut.append(action)
        rows.append(
            [
                str(rank.get(action.question_id, "–")),
                short(action.text, CELL_LIMIT),
                short(bank.text_of(action.question_id), 300),
                action.owner or "—",
                day(action.due),
                action.status.label,
            ]
        )
    pdf.grid(tuple(w for _, w in PLAN_COLUMNS), [name for name, _ in PLAN_COLUMNS], rows)
    pdf.set_font(FAMILY, "", 10)
    pdf.ln(3)
    if cut:
        pdf.heading("Actions in full", level=1)
        for action in cut:
            title = short(bank.text_of(action.question_id), 300)
            pdf.para(f"For: {title}", bold=True, size=9, gap=0.8)
            pdf.para(action.text, size=9)


def _answers(pdf: PlanDocument, bank: QuestionBank, assessment: Assessment, result: ScoreResult) -> None:
    pdf.heading("Answers by theme", new_page=True)
    pdf.para("Every question, with the answer given, its note, and the reason for any 'not applicable'.", muted=True)
    excluded = {e.question_id: e.reason for e in result.excluded_by_profile}
    for number, theme in enumerate(bank.themes, 1):
        _theme_answers(pdf, number, theme, assessment.answers, excluded, result)


def _theme_answers(
    pdf: PlanDocument,
    number: int,
    theme: Theme,
    answers: dict[str, Answer],
    excluded: dict[str, str],
    result: ScoreResult,
) -> None:
    pdf.heading(f"{number}. {theme.title}", level=1)
    score = result.theme(theme.id)
    if score:
        draft = DRAFT_MARK if result.is_draft and score.score is not None else ""
        pdf.para(
            f"Score {percent(score.score)} out of 100{draft}; {score.answered} of {score.applicable} applicable "
            "questions answered.",
            size=9,
            muted=True,
        )
    for index, question in enumerate(theme.questions, 1):
        if pdf.will_page_break(18):
            pdf.add_page()
        pdf.para(f"{number}.{index}  {question.text}", bold=True, size=9.5, gap=0.8)
        pdf.para(f"Why it matters: {question.why}", size=8.5, muted=True, gap=0.5)
        if question.evidence:
            pdf.para(f"Evidence: {evidence_words(question.evidence)}", size=8.5, muted=True, gap=0.5)
        if question.suggested_standards:
            standards = "; ".join(question.suggested_standards)
            pdf.para(f"Suggested standard (not from a source): {standards}", size=8.5, muted=True, gap=0.5)
        answer = answers.get(question.id)
        if question.id in excluded:
            pdf.para(f"Left out by the service profile: {excluded[question.id]}.", size=9, muted=True)
        elif answer is None:
            pdf.para("Not answered.", size=9, muted=True)
        else:
            _answer_lines(pdf, answer)
        pdf.rule()


def _answer_lines(pdf: PlanDocument, answer: Answer) -> None:
    pdf.para(f"Answer: {answer.answer.label}", size=9, gap=0.8)
    if answer.answer is AnswerValue.NA and answer.na_reason:
        pdf.para(f"Not applicable because: {answer.na_reason}", size=9, gap=0.8)
    if answer.note:
        pdf.para(f"Note: {answer.note}", size=9, gap=0.8)
    pdf.ln(0.7)


def _scoring(pdf: PlanDocument, bank: QuestionBank, result: ScoreResult) -> None:
    pdf.heading("How the scoring works", new_page=True)
    pdf.bullets(list(SCORING_RULES), size=9.5)
    pdf.ln(2)
    pdf.heading("What this means for this assessment", level=1)

    def titled(qid: str) -> str:
        return short(bank.text_of(qid), 200)

    not_applicable = [f"{titled(e.question_id)}: {e.reason}" for e in result.not_applicable]
    left_out = [f"{titled(e.question_id)} ({e.reason})" for e in result.excluded_by_profile]
    groups = (
        ("Not applicable, with the service's reasons", not_applicable),
        ("Left out by the service profile", left_out),
        ("To check (answered 'don't know')", [titled(g.question_id) for g in result.to_check]),
        ("Not answered yet", [titled(q) for q in result.unanswered]),
    )
    for title, items in groups:
        pdf.para(f"{title}: {len(items)}", bold=True, size=9.5, gap=0.8)
        if items:
            pdf.bullets(items, size=9)
        pdf.ln(1)


def _sources(pdf: PlanDocument, bank: QuestionBank) -> None:
    pdf.heading("Sources", new_page=True)
    for source in bank.sources:
        if pdf.will_page_break(14):
            pdf.add_page()
        where = f" Applies to: {source.jurisdiction.label}." if source.jurisdiction else ""
        pdf.para(f"{source.title}. {source.publisher}, {source.year}.{where}", size=9.5, gap=0.3)
        pdf.set_font(FAMILY, "", 9)
        pdf.set_text_color(0, 90, 160)
        pdf.lines(pdf.l_margin, pdf.epw, printable(source.url), 4.5, link=source.url)
        pdf.set_text_color(*TEXT)
        pdf.ln(2.5)


__all__ = ["build_action_plan_pdf"]
