"""The action plan's own line breaking: fpdf2's widths and fpdf2's line breaks, without fpdf2's cost."""

from __future__ import annotations

from functools import cache

import pytest

from checklist.domain.bank import load_bank
from checklist.paths import default_bank_path
from checklist.render.pdf import PLAN_COLUMNS
from checklist.render.pdf_layout import FAMILY, PlanDocument


@cache
def shipped_texts() -> tuple[str, ...]:
    bank = load_bank(default_bank_path())
    questions = [q for _, q in bank.questions()]
    sources = [s.url for s in bank.sources]
    return (
        *(q.text for q in questions),
        *(a.text for q in questions for a in q.actions),
        *(q.why for q in questions),
        *sources,
        *AWKWARD,
    )


AWKWARD = ("W" * 300, "two  spaces, a\nline break and a trailing space ", "")


@pytest.mark.parametrize(("style", "size"), [("", 8.5), ("B", 8.5), ("", 10), ("B", 9.5)])
def test_the_quick_width_of_every_shipped_text_is_the_width_fpdf2_itself_measures(style: str, size: float) -> None:
    pdf = PlanDocument(fallback=False)
    pdf.set_font(FAMILY, style, size)

    differences = [t for t in shipped_texts() if pdf.text_width(t) != pytest.approx(pdf.get_string_width(t), abs=1e-9)]

    assert differences == []


def test_a_character_only_the_fallback_font_has_is_measured_in_the_fallback_font() -> None:
    pdf = PlanDocument(fallback=True)
    pdf.set_font(FAMILY, "", 10)
    text = "Arabic مرحبا and Greek-free ♀ signs"

    assert pdf.text_width(text) == pytest.approx(pdf.get_string_width(text), abs=1e-9)


@pytest.mark.parametrize("width", sorted({w for _, w in PLAN_COLUMNS} | {180}))
def test_the_shipped_texts_break_into_the_same_lines_as_fpdf2s_multi_cell_would_give(width: float) -> None:
    """fpdf2 keeps 0.01 mm less slack than our wrap, so it is given that much less room to compare like with like."""
    pdf = PlanDocument(fallback=False)
    pdf.add_page()
    pdf.set_font(FAMILY, "", 8.5)

    different = [
        text
        for text in shipped_texts()
        if pdf.wrap(text, width) != pdf.multi_cell(width - 0.01, 4.2, text, align="L", dry_run=True, output="LINES")
    ]

    assert different == []
