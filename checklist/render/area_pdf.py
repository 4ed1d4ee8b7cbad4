"""The area summary PDF a commissioner takes into a meeting.

Headline figures, the services x themes heatmap, the most common gaps with the
bank's suggested actions, and every service with its score and completion.
Same page furniture and fonts as the action plan (PlanDocument); every figure
comes from the Comparison, and names are labels when it is anonymised. The
services table is the one the Compare page and the CSV show (compare_tables).
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pandas as pd

from checklist.domain.compare import Comparison
from checklist.domain.wording import agrees, counted, long_date
from checklist.render.charts import DRAFT_MARK
from checklist.render.compare_charts import sorted_rows
from checklist.render.compare_tables import services_table
from checklist.render.fonts import printable
from checklist.render.pdf_heatmap import draw_heatmap
from checklist.render.pdf_layout import FAMILY, PlanDocument, metadata, percent, short

PDF_HEATMAP_LIMIT = 30
PDF_COMMON_GAPS = 10
SERVICE_COLUMNS = (
    ("Service", 58),
    ("Area", 34),
    ("Version", 18),
    ("Overall", 24),
    ("Completion", 22),
    ("Safety gaps", 24),
)


def build_area_summary_pdf(
    comparison: Comparison, *, tool_version: str, creation_date: datetime | None = None
) -> bytes:
    """The summary; a fixed `creation_date` makes the bytes deterministic."""
    created = creation_date or datetime.now(UTC)
    pdf = PlanDocument()
    metadata(
        pdf,
        title="Area summary: how well services serve women",
        subject="Comparison of drug and alcohol services' self-assessments",
        keywords="women, drug and alcohol services, commissioning, comparison",
        creator=f"checklist {tool_version}",
        producer=f"checklist {tool_version}",
        creation_date=created,
    )
    pdf.add_page()
    pdf.heading("Area summary: how well services serve women")
    _headline(pdf, comparison, created)
    _heatmap(pdf, comparison)
    _common_gaps(pdf, comparison)
    _services(pdf, comparison)
    return bytes(pdf.output())


def _headline(pdf: PlanDocument, comparison: Comparison, created: datetime) -> None:
    h = comparison.headline
    versions = ", ".join(f"{v.version} ({v.services})" for v in comparison.versions)
    for label, value in (
        ("Services compared", str(h.services)),
        ("Median overall score", f"{percent(h.median_overall)} out of 100"),
        ("Median completion", "—" if h.median_completion is None else f"{h.median_completion:.0%}"),
        ("With a safety gap", f"{h.with_safety_gap} of {h.services} services"),
        ("Overdue actions", str(h.overdue_actions)),
        ("Bank versions", f"{versions}; compared on {comparison.bank_version}"),
        ("Made on", long_date(created.date())),
    ):
        pdf.labelled(label, value, label_width=48)
    if comparison.anonymised:
        pdf.para("Services are shown as Service A, B, … to keep them anonymous.", size=9, muted=True)
    if comparison.practice_apart:
        pdf.para(
            f"{counted(len(comparison.practice_apart), 'practice file')} "
            f"{agrees(len(comparison.practice_apart), 'was', 'were')} left out of every figure.",
            size=9,
            muted=True,
        )
    if comparison.left_out:
        left = sorted({x.question_id for x in comparison.left_out})
        pdf.para(
            "Left out so that services are compared like for like (answered with an older meaning or no longer "
            f"asked): {', '.join(left)}.",
            size=9,
            muted=True,
        )


def _heatmap(pdf: PlanDocument, comparison: Comparison) -> None:
    rows = sorted_rows(comparison, "Overall score, lowest first")[:PDF_HEATMAP_LIMIT]
    pdf.ln(3)
    pdf.heading("Theme scores by service", level=1)
    shown = (
        f"the {PDF_HEATMAP_LIMIT} services with the lowest overall scores (all are listed at the end)"
        if len(comparison.rows) > PDF_HEATMAP_LIMIT
        else "lowest overall score first"
    )
    pdf.para(
        f"Each row is a theme and each column a service, {shown}. Each cell holds that service's score for "
        "the theme, out of 100; the table of services at the end gives each one's overall score and completion.",
        size=9,
    )
    draw_heatmap(pdf, comparison, rows)


def _common_gaps(pdf: PlanDocument, comparison: Comparison) -> None:
    gaps = comparison.common_gaps[:PDF_COMMON_GAPS]
    pdf.ln(3)
    pdf.heading("The most common gaps", level=1)
    if not gaps:
        pdf.para("No service has a gap.")
        return
    services = comparison.headline.services
    for rank, gap in enumerate(gaps, 1):
        safety = ", a safety question" if gap.safety else ""
        title = f"{rank}. {gap.text}"
        note = (
            f"A gap for {gap.services} of {services} services ({gap.answered} answered it){safety}. "
            f"Theme: {gap.theme_title}."
        )
        # A question is never split from its own lines or left at a page's foot without its first action.
        if pdf.will_page_break(_lead_height(pdf, title, note)):
            pdf.add_page()
        pdf.para(title, bold=True, gap=0.5)
        pdf.para(note, size=9, muted=True, gap=0.5)
        pdf.bullets([f"{a.text} (cost: {a.cost.value})" for a in gap.actions], size=9)
        pdf.ln(1)


def _lead_height(pdf: PlanDocument, title: str, note: str) -> float:
    """Height of a gap's question, its note and its first action line, as para and bullets draw them."""
    pdf.set_font(FAMILY, "B", 10)
    title_lines = len(pdf.wrap(printable(title), pdf.epw))
    pdf.set_font(FAMILY, "", 9)
    note_lines = len(pdf.wrap(printable(note), pdf.epw))
    pdf.set_font(FAMILY, size=10)
    return title_lines * 5 + 0.5 + note_lines * 4.5 + 0.5 + 6


def _services(pdf: PlanDocument, comparison: Comparison) -> None:
    """The services table of the page and the CSV (compare_tables.services_table), in the PDF's columns."""
    pdf.heading("Services", level=1, new_page=True)
    table = services_table(comparison, safe=False)
    rows = [
        [
            short(r["Service"], 120),
            short(r["Area"], 60) or "—",
            r["Bank version"],
            percent(_score(r["Overall score"])) + (DRAFT_MARK if r["Draft"] else ""),
            f"{r['Completion (%)']:.0f}%",
            str(r["Safety gaps"]),
        ]
        for r in table.to_dict("records")
    ]
    pdf.grid(tuple(w for _, w in SERVICE_COLUMNS), [h for h, _ in SERVICE_COLUMNS], rows)


def _score(value: Any) -> float | None:
    """A table cell's score: pandas holds a missing one as NaN."""
    return None if pd.isna(value) else float(value)
