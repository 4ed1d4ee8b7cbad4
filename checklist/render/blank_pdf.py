"""The whole checklist on paper, for workshops and for services that start offline.

Part 1 is for everyone: the profile questions, then each theme's questions with
why they matter, what "met" looks like, a tick box per answer and room for
notes. Part 2 is the facilitator's sheet per theme: its summary, the evidence
with sources, and the discussion prompts. Tick boxes are drawn, not typed, so
they never depend on a font having a box glyph.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from functools import partial

from fpdf.enums import XPos, YPos

from checklist.domain.assessment import ANSWER_LABELS
from checklist.domain.bank import ProfileQuestion, Question, QuestionBank, Source, Theme, evidence_words
from checklist.render.fonts import printable
from checklist.render.pdf_layout import FAMILY, MUTED, PlanDocument, metadata

BOX = 3.6
NOTE_LINES = 3
LINE_GAP = 7.0


def build_blank_checklist_pdf(bank: QuestionBank, *, tool_version: str, creation_date: datetime | None = None) -> bytes:
    """The printable checklist; a fixed `creation_date` makes the bytes deterministic."""
    created = creation_date or datetime.now(UTC)
    pdf = PlanDocument()
    metadata(
        pdf,
        title=f"{bank.title}: paper checklist",
        author="checklist",
        subject=f"The questions of {bank.title} {bank.version}, to fill in by hand, with facilitator's sheets",
        keywords="women, drug and alcohol services, self-assessment, workshop, checklist",
        creator=f"checklist {tool_version}",
        producer=f"checklist {tool_version}",
        creation_date=created,
    )
    together = _Together(pdf)
    _cover(pdf, bank)
    _profile(pdf, bank, together)
    number = 0
    for theme in bank.themes:
        pdf.heading(theme.title, 1, new_page=True)
        pdf.para(theme.summary, muted=True, gap=3)
        for question in theme.questions:
            number += 1
            together.draw(partial(_question, bank=bank, question=question, number=number))
    _facilitator_sheets(pdf, bank)
    return bytes(pdf.output())


def _cover(pdf: PlanDocument, bank: QuestionBank) -> None:
    pdf.add_page()
    pdf.heading(f"{bank.title}: paper checklist", 0)
    counts = f"{bank.question_count} questions in {len(bank.themes)} themes"
    pdf.para(f"Question bank {bank.id}, version {bank.version}. {counts}.")
    pdf.para(bank.description, muted=True, gap=4)
    for label in ("Service", "Organisation", "Completed by", "Date"):
        _write_in_line(pdf, label)
    pdf.ln(3)
    pdf.heading("How to fill it in", 1)
    pdf.bullets(
        [
            "Answer the service profile first: some questions apply only to some services, and say so.",
            "For each question tick one box. Met: it is in place and you could show it. Partly met: it happens "
            "sometimes, in some places or is not written down. Not met: it is not in place. Don't know: find out "
            "(it counts as a gap until checked). Not applicable: it cannot apply to your service; write why.",
            "Use the note lines for evidence, doubts and who to ask.",
            "Enter the answers in the app to get scores, the ranked gaps and the action plan.",
            "Part 2, at the end, is the facilitator's sheet for each theme: the evidence and questions for discussion.",
        ]
    )


def _write_in_line(pdf: PlanDocument, label: str) -> None:
    pdf.set_font(FAMILY, "B", 10)
    pdf.cell(32, LINE_GAP, printable(label + ":"))
    y = pdf.get_y() + LINE_GAP - 1
    pdf.set_draw_color(150, 150, 150)
    pdf.line(pdf.get_x(), y, pdf.w - pdf.r_margin, y)
    pdf.ln(LINE_GAP + 1.5)
    pdf.set_font(FAMILY, "", 10)


def _profile(pdf: PlanDocument, bank: QuestionBank, together: _Together) -> None:
    if not bank.profile:
        return
    pdf.heading("Part 1. Your service", 0, new_page=True)
    pdf.para("Tick one answer for each. These decide which questions apply to your service.", muted=True, gap=3)
    for profile in bank.profile:
        together.draw(partial(_profile_question, profile=profile))


def _profile_question(pdf: PlanDocument, *, profile: ProfileQuestion) -> None:
    pdf.para(profile.text, bold=True, gap=0.5)
    if profile.help:
        pdf.para(profile.help, size=9, muted=True, gap=0.5)
    _tick_boxes(pdf, [o.label for o in profile.options])
    pdf.ln(2)


def _question(pdf: PlanDocument, *, bank: QuestionBank, question: Question, number: int) -> None:
    pdf.set_draw_color(200, 200, 200)
    pdf.line(pdf.l_margin, pdf.get_y(), pdf.w - pdf.r_margin, pdf.get_y())
    pdf.ln(1.5)
    pdf.para(f"{number}. {question.text}", bold=True, gap=0.5)
    condition = _applies_if(bank, question)
    if condition:
        pdf.para(f"Only if {condition}. Otherwise skip this question.", size=8.5, muted=True, gap=0.5)
    pdf.labelled("Why it matters", question.why, label_width=34)
    if question.evidence:
        pdf.labelled("Evidence", evidence_words(question.evidence), label_width=34)
    if question.suggested_standards:
        # The label column is narrow: "Suggested standard" would wrap into the next row.
        standards = "; ".join(question.suggested_standards)
        pdf.labelled("Standard", f"{standards} (a suggested standard, not from a source)", label_width=34)
    pdf.labelled("Met looks like", question.good_looks_like, label_width=34)
    _tick_boxes(pdf, list(ANSWER_LABELS.values()))
    pdf.set_font(FAMILY, "", 8.5)
    pdf.set_text_color(*MUTED)
    pdf.cell(0, 5, "Notes (and why, if not applicable):", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_draw_color(170, 170, 170)
    for _ in range(NOTE_LINES):
        y = pdf.get_y() + LINE_GAP - 1
        pdf.line(pdf.l_margin, y, pdf.w - pdf.r_margin, y)
        pdf.ln(LINE_GAP)
    pdf.ln(3)
    pdf.set_font(FAMILY, "", 10)
    pdf.set_text_color(20, 20, 20)


def _applies_if(bank: QuestionBank, question: Question) -> str:
    parts = []
    for field, allowed in question.applies_if.items():
        profile = bank.profile_question(field)
        if profile is None:
            continue
        labels = " or ".join(f"'{profile.label_of(v)}'" for v in allowed)
        parts.append(f"you answered {labels} to '{profile.text}'")
    return "; and ".join(parts)


def _tick_boxes(pdf: PlanDocument, labels: list[str]) -> None:
    """One drawn box per label on one row, wrapping to a new row when the page is too narrow."""
    pdf.set_font(FAMILY, "", 10)
    pdf.set_draw_color(40, 40, 40)
    pdf.set_line_width(0.3)
    x, y = pdf.l_margin, pdf.get_y() + 1
    for label in labels:
        width = BOX + 2 + pdf.get_string_width(printable(label)) + 7
        if x + width > pdf.w - pdf.r_margin:
            x, y = pdf.l_margin, y + LINE_GAP
        pdf.rect(x, y + 0.7, BOX, BOX)
        pdf.set_xy(x + BOX + 2, y)
        pdf.cell(width - BOX - 2, 5, printable(label))
        x += width
    pdf.set_line_width(0.2)
    pdf.set_xy(pdf.l_margin, y + LINE_GAP)


class _Together:
    """Draws blocks that must not be split across pages (a question and its tick boxes).

    Each block is first drawn at the top of a page of a scratch document to
    measure it; fpdf2's offset_rendering cannot see inside our own drawing helpers.
    """

    def __init__(self, pdf: PlanDocument) -> None:
        self.pdf = pdf
        self.scratch = PlanDocument()

    def draw(self, block: Callable[[PlanDocument], None]) -> None:
        self.scratch.add_page()
        top, page = self.scratch.get_y(), self.scratch.page
        block(self.scratch)
        height = self.scratch.get_y() - top if self.scratch.page == page else self.pdf.eph
        if self.pdf.will_page_break(height) and self.pdf.get_y() > self.pdf.t_margin + 1:
            self.pdf.add_page()
        block(self.pdf)


def _facilitator_sheets(pdf: PlanDocument, bank: QuestionBank) -> None:
    pdf.heading("Part 2. Facilitator's sheets", 0, new_page=True)
    pdf.para(
        "One sheet per theme: what the evidence says, and questions to open the discussion. "
        "Read the evidence aloud before the room compares answers; the prompts work best after the spread is shown.",
        muted=True,
    )
    for theme in bank.themes:
        _facilitator_sheet(pdf, bank, theme)


def _facilitator_sheet(pdf: PlanDocument, bank: QuestionBank, theme: Theme) -> None:
    pdf.heading(f"Facilitator's sheet: {theme.title}", 1, new_page=True)
    pdf.para(theme.summary, gap=3)
    pdf.para("What the evidence says", bold=True, size=11)
    if theme.evidence:
        pdf.bullets([f"{e.text} ({_cite(bank, e.sources)})" for e in theme.evidence])
    else:
        pdf.para("This theme has no evidence summary in the question bank yet.", muted=True)
    pdf.ln(2)
    pdf.para("Questions for discussion", bold=True, size=11)
    if theme.prompts:
        pdf.bullets(list(theme.prompts), numbered=True)
    else:
        pdf.para("This theme has no discussion prompts in the question bank yet.", muted=True)
    pdf.ln(2)
    pdf.para(f"Questions in this theme: {len(theme.questions)}", size=9, muted=True)
    cited = sorted({s for e in theme.evidence for s in e.sources})
    if cited:
        pdf.para("Sources", bold=True, size=9, gap=0.5)
        for source_id in cited:
            source = bank.source(source_id)
            if source:
                pdf.para(
                    f"{source.title}. {source.publisher}, {source.year}.{_where(source)} {source.url}",
                    size=8.5,
                    muted=True,
                    gap=0.8,
                )


def _where(source: Source) -> str:
    return f" Applies to: {source.jurisdiction.label}." if source.jurisdiction else ""


def _cite(bank: QuestionBank, source_ids: tuple[str, ...]) -> str:
    cited = [bank.source(s) for s in source_ids]
    return "; ".join(f"{s.publisher} {s.year}" for s in cited if s)
