"""The services x themes heatmap of the area summary, drawn as a table: themes as rows, services as columns.

Drawn with fpdf2 rather than placed as a chart picture, so theme titles stay
whole, horizontal and searchable on A4 portrait, and the scores are text a
screen reader can read. Colours are the app chart's (compare_charts), and every
cell carries its score, so colour is never the only signal.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from checklist.domain.compare import Comparison, ServiceRow
from checklist.render.compare_charts import NO_SCORE, Colour, blocks, heat_colour, ink
from checklist.render.fonts import printable
from checklist.render.pdf_layout import FAMILY, HEAD, TEXT, PlanDocument

SIZE = 8.5
HEAD_SIZE = 7.5
LINE = 3.6
PAD = 1.0
THEME_WIDTH = (40.0, 72.0)
# A service column narrower than this splits words of its name; wider than the maximum looks sparse.
COLUMN_WIDTH = (14.0, 26.0)
MOST_COLUMNS = 8
HEAD_LINES = 4
NO_SCORE_FILL = (255, 255, 255)
GRID = (200, 200, 200)
LEGEND_STEPS = 10
LEGEND_STEP = 7.0
NO_SCORE_MEANS = "No score: nothing in that theme answered, or none of it applies."


@dataclass(frozen=True)
class Layout:
    theme_width: float
    column_width: float
    per_block: int


def draw_heatmap(pdf: PlanDocument, comparison: Comparison, rows: Sequence[ServiceRow]) -> None:
    """One table per block of services, each starting on a page it fits on, then the colour key."""
    layout = layout_for(pdf, comparison, len(rows))
    for block in blocks(rows, layout.per_block):
        _block(pdf, comparison, block, layout)
        pdf.ln(3)
    _legend(pdf)


def layout_for(pdf: PlanDocument, comparison: Comparison, services: int) -> Layout:
    """The theme column as wide as the longest title (within bounds); services share what is left."""
    pdf.set_font(FAMILY, "", SIZE)
    widest = max((pdf.get_string_width(printable(t.title)) for t in comparison.themes), default=0.0)
    low, high = THEME_WIDTH
    theme_width = min(max(widest + 2 * pdf.c_margin + 0.5, low), high)
    room = pdf.epw - theme_width
    per_block = max(1, min(MOST_COLUMNS, int(room // COLUMN_WIDTH[0])))
    widest_block = min(per_block, max(services, 1))
    column_width = min(COLUMN_WIDTH[1], room / widest_block)
    return Layout(theme_width, column_width, per_block)


def _block(pdf: PlanDocument, comparison: Comparison, block: Sequence[ServiceRow], layout: Layout) -> None:
    head = _head_lines(pdf, block, layout.column_width)
    head_height = max(len(lines) for lines in head) * LINE + 2 * PAD
    titles = [_theme_lines(pdf, t.title, layout.theme_width) for t in comparison.themes]
    heights = [len(lines) * LINE + 2 * PAD for lines in titles]
    # Start the table on a new page unless it fits here; one too tall for any page breaks between themes.
    if pdf.will_page_break(min(head_height + sum(heights), pdf.eph - 1)):
        pdf.add_page()
    _head(pdf, head, head_height, layout)
    for index, (lines, height) in enumerate(zip(titles, heights, strict=True)):
        if pdf.will_page_break(height):
            pdf.add_page()
            _head(pdf, head, head_height, layout)
        scores = [r.theme_scores[index] for r in block]
        _theme_row(pdf, lines, scores, height, layout)
    pdf.set_font(FAMILY, size=10)
    pdf.set_text_color(*TEXT)


def _head_lines(pdf: PlanDocument, block: Sequence[ServiceRow], width: float) -> list[list[str]]:
    pdf.set_font(FAMILY, "B", HEAD_SIZE)
    laid_out = []
    for row in block:
        lines = pdf.wrap(printable(row.name), width)
        laid_out.append([*lines[: HEAD_LINES - 1], lines[HEAD_LINES - 1] + "…"] if len(lines) > HEAD_LINES else lines)
    return laid_out


def _theme_lines(pdf: PlanDocument, title: str, width: float) -> list[str]:
    pdf.set_font(FAMILY, "", SIZE)
    return pdf.wrap(printable(title), width)


def _head(pdf: PlanDocument, head: list[list[str]], height: float, layout: Layout) -> None:
    x, top = pdf.l_margin, pdf.get_y()
    pdf.set_draw_color(*GRID)
    pdf.set_fill_color(*HEAD)
    pdf.set_text_color(*TEXT)
    pdf.set_font(FAMILY, "B", SIZE)
    pdf.rect(x, top, layout.theme_width, height, style="DF")
    pdf.set_xy(x, top + height - PAD - LINE)
    pdf.cell(layout.theme_width, LINE, "Theme")
    x += layout.theme_width
    pdf.set_font(FAMILY, "B", HEAD_SIZE)
    for lines in head:
        pdf.rect(x, top, layout.column_width, height, style="DF")
        # Names sit on the bottom edge, next to their scores, whatever their number of lines.
        first = top + height - PAD - len(lines) * LINE
        for number, line in enumerate(lines):
            pdf.set_xy(x, first + number * LINE)
            pdf.cell(layout.column_width, LINE, line, align="C")
        x += layout.column_width
    pdf.set_xy(pdf.l_margin, top + height)


def _theme_row(
    pdf: PlanDocument, lines: list[str], scores: Sequence[float | None], height: float, layout: Layout
) -> None:
    x, top = pdf.l_margin, pdf.get_y()
    pdf.set_draw_color(*GRID)
    pdf.set_text_color(*TEXT)
    pdf.set_font(FAMILY, "", SIZE)
    pdf.rect(x, top, layout.theme_width, height, style="D")
    for number, line in enumerate(lines):
        pdf.set_xy(x, top + PAD + number * LINE)
        pdf.cell(layout.theme_width, LINE, line)
    x += layout.theme_width
    pdf.set_draw_color(*NO_SCORE_FILL)
    for score in scores:
        fill = NO_SCORE_FILL if score is None else heat_colour(score)
        _cell(pdf, x, top, layout.column_width, height, fill, NO_SCORE if score is None else f"{score:.0f}")
        x += layout.column_width
    pdf.set_xy(pdf.l_margin, top + height)


def _cell(pdf: PlanDocument, x: float, top: float, width: float, height: float, fill: Colour, text: str) -> None:
    pdf.set_fill_color(*fill)
    pdf.rect(x, top, width, height, style="DF")
    pdf.set_text_color(*ink(fill))
    pdf.set_xy(x, top + (height - LINE) / 2)
    pdf.cell(width, LINE, text, align="C")


def _legend(pdf: PlanDocument) -> None:
    """A strip of the colours from 0 to 100 with its ends and middle labelled, then the sign for no score."""
    height = LINE + 2
    if pdf.will_page_break(2 * height + 2):
        pdf.add_page()
    pdf.set_font(FAMILY, "", SIZE)
    x, top = pdf.l_margin, pdf.get_y()
    x = _words(pdf, x, top, height, "Theme score:")
    for number in range(LEGEND_STEPS + 1):
        score = 100 * number / LEGEND_STEPS
        text = f"{score:.0f}" if number in (0, LEGEND_STEPS // 2, LEGEND_STEPS) else ""
        _cell(pdf, x, top, LEGEND_STEP, height, heat_colour(score), text)
        x += LEGEND_STEP
    _words(pdf, x + 1, top, height, "darker is higher.")
    top += height + 1
    pdf.set_draw_color(*GRID)
    _cell(pdf, pdf.l_margin, top, LEGEND_STEP, height, NO_SCORE_FILL, NO_SCORE)
    _words(pdf, pdf.l_margin + LEGEND_STEP + 1, top, height, NO_SCORE_MEANS)
    pdf.set_xy(pdf.l_margin, top + height + 2)
    pdf.set_font(FAMILY, size=10)


def _words(pdf: PlanDocument, x: float, top: float, height: float, text: str) -> float:
    """`text` in plain ink at (x, top); returns where it ends."""
    pdf.set_text_color(*TEXT)
    width = pdf.get_string_width(text) + 2 * pdf.c_margin
    pdf.set_xy(x, top)
    pdf.cell(width, height, text)
    return x + width
