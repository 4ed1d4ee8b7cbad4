"""The action plan's page furniture: an A4 FPDF with our fonts, headings and paragraphs.

Every string goes through `printable` before fpdf2 sees it, so a character no
font can draw shows as U+FFFD instead of vanishing; nothing is written with
markdown=True, so user text is always literal.
"""

from __future__ import annotations

from datetime import date
from typing import Any, cast

from fpdf import FPDF, ViewerPreferences
from fpdf.enums import Align, XPos, YPos
from fpdf.fonts import TTFFont

from checklist.domain.wording import long_date, score_text
from checklist.render.fonts import font_set, printable

FAMILY = "NotoSans"
FALLBACK = "DejaVu"
TOTAL_PAGES = "{checklist:nb}"
TEXT = (20, 20, 20)
MUTED = (80, 80, 80)
ACCENT = (0, 114, 178)  # Okabe-Ito blue, as in the charts
BAND = (238, 243, 248)
HEAD = (220, 230, 240)


class PlanDocument(FPDF):
    """A4 pages with "Page n of N" at the foot of each."""

    def __init__(self, *, fallback: bool = True) -> None:
        """`fallback=False` skips loading DejaVu, for text known to be all in Noto Sans."""
        super().__init__(format="A4", unit="mm")
        fonts = font_set()
        for style, path in fonts.main.items():
            self.add_font(FAMILY, style, path)
        if fallback and fonts.fallback:
            for style, path in fonts.fallback.items():
                self.add_font(FALLBACK, style, path)
            self.set_fallback_fonts([FALLBACK], exact_match=False)
        # Characters only the fallback font draws: text with one is measured by fpdf2 itself.
        self._fallback_only = fonts.covered - fonts.main_covered if fallback and fonts.fallback else frozenset()
        self.set_margins(15, 15, 15)
        self.set_auto_page_break(auto=True, margin=18)
        self.alias_nb_pages(TOTAL_PAGES)
        self.viewer_preferences = ViewerPreferences(display_doc_title=True)
        self.set_lang("en-GB")
        self.set_text_color(*TEXT)
        self.set_font(FAMILY, size=10)
        # Printed in every footer when set: ties the visible pages to the attached answers.
        self.footnote = ""

    def footer(self) -> None:
        self.set_y(-12)
        self.set_font(FAMILY, size=8)
        self.set_text_color(*MUTED)
        page = f"Page {self.page_no()} of {TOTAL_PAGES}"
        self.cell(0, 5, f"{page}  ·  {self.footnote}" if self.footnote else page, align=Align.C)
        self.set_text_color(*TEXT)

    # Writing helpers -----------------------------------------------------

    def heading(self, text: str, level: int = 0, *, new_page: bool = False) -> None:
        """A heading that is also an outline entry (bookmark)."""
        if new_page:
            self.add_page()
        size = (16, 13, 11)[min(level, 2)]
        # Keep a heading with at least a few lines of what follows it.
        if self.will_page_break(size + 20):
            self.add_page()
        self.set_font(FAMILY, "B", size)
        self.start_section(printable(text), level=level)
        self.set_text_color(*(ACCENT if level == 0 else TEXT))
        self.multi_cell(0, size * 0.5, printable(text), align=Align.L, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.set_text_color(*TEXT)
        self.ln(1.5)
        self.set_font(FAMILY, size=10)

    def para(self, text: str, *, size: float = 10, bold: bool = False, muted: bool = False, gap: float = 1.5) -> None:
        self.set_font(FAMILY, "B" if bold else "", size)
        if muted:
            self.set_text_color(*MUTED)
        self.lines(self.l_margin, self.epw, printable(text), size * 0.5)
        self.set_text_color(*TEXT)
        self.ln(gap)
        self.set_font(FAMILY, size=10)

    def labelled(self, label: str, value: str, *, label_width: float = 38) -> None:
        """A "Label: value" line whose value wraps under itself."""
        y = self.get_y()
        if self.will_page_break(6):
            self.add_page()
            y = self.get_y()
        self.set_font(FAMILY, "B", 10)
        self.set_xy(self.l_margin, y)
        self.multi_cell(label_width, 5, printable(label), align=Align.L, new_x=XPos.RIGHT, new_y=YPos.TOP)
        self.set_font(FAMILY, "", 10)
        self.multi_cell(0, 5, printable(value or "—"), align=Align.L, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.ln(0.8)

    def bullets(self, items: list[str], *, numbered: bool = False, size: float = 10) -> None:
        self.set_font(FAMILY, "", size)
        for i, item in enumerate(items, 1):
            marker = f"{i}." if numbered else "•"
            self.set_x(self.l_margin)
            if self.will_page_break(6):
                self.add_page()
            self.cell(7, size * 0.5, marker)
            self.lines(self.l_margin + 7, self.epw - 7, printable(item), size * 0.5)
            self.ln(0.8)

    def text_width(self, text: str) -> float:
        """What `get_string_width` gives, summed straight from the current font's glyph widths.

        `get_string_width` sets up bidirectional text and font fallback on every
        call (about 0.1 ms), which, word by word, was a third of a PDF's time.
        Exact for our documents: no letter spacing, no stretching, no shaping.
        """
        if self._fallback_only and not self._fallback_only.isdisjoint(map(ord, text)):
            return self.get_string_width(text)
        glyph_widths = cast(TTFFont, self.current_font).cw
        return sum(glyph_widths[ord(c)] for c in text) * self.font_size_pt * 0.001 / self.k

    def wrap(self, text: str, width: float) -> list[str]:
        """`text` broken into lines that fit `width` (cell margins included) in the current font.

        Greedy, by whole words; a word longer than a line is split between
        characters. Linear in the text's length, where fpdf2's multi_cell
        re-measures the line for every character it adds (measured: about 3 times
        slower on the action plan, see benchmarks/pdf_bench.py).
        """
        usable = width - 2 * self.c_margin - 0.01
        space = self.text_width(" ")
        lines: list[str] = []
        for paragraph in text.split("\n"):
            line, line_width = "", 0.0
            for word in paragraph.split(" "):
                word_width = self.text_width(word)
                if line and line_width + space + word_width <= usable:
                    line, line_width = f"{line} {word}", line_width + space + word_width
                    continue
                if line and not word:
                    continue  # a space where the line breaks is dropped, as fpdf2 drops it
                if line:
                    lines.append(line)
                while word_width > usable:
                    cut = self._fitting(word, usable)
                    lines.append(word[:cut])
                    word = word[cut:]
                    word_width = self.text_width(word)
                line, line_width = word, word_width
            lines.append(line)
        return lines

    def _fitting(self, word: str, usable: float) -> int:
        """How many leading characters of `word` fit in `usable` (at least one)."""
        total = 0.0
        for index, char in enumerate(word):
            total += self.text_width(char)
            if total > usable:
                return max(index, 1)
        return len(word)

    def lines(self, x: float, width: float, text: str, height: float, *, link: str = "") -> None:
        """Wrapped text at `x`, breaking pages between lines; every line is the `link` if one is given."""
        for line in self.wrap(text, width):
            if self.will_page_break(height):
                self.add_page()
            self.set_x(x)
            self.cell(width, height, line, new_x=XPos.LMARGIN, new_y=YPos.NEXT, link=link)

    def grid(
        self,
        widths: tuple[float, ...],
        headings: list[str],
        rows: list[list[str]],
        *,
        size: float = 8.5,
        line_height: float = 4.2,
        pad: float = 1.2,
    ) -> None:
        """A table whose heading row repeats on every page it runs onto.

        Each cell is laid out once and drawn line by line: fpdf2's own table
        lays every cell out twice, and line breaking is most of a PDF's cost.
        """
        most = int((self.eph - 2 * pad) // line_height) - 2
        head = self._cell_lines(widths, headings, "B", size, line_height, pad, most)
        self._grid_row(widths, head, "B", size, line_height, pad, HEAD)
        for index, row in enumerate(rows):
            cells = self._cell_lines(widths, row, "", size, line_height, pad, most)
            height = max(len(c) for c in cells) * line_height + 2 * pad
            if self.will_page_break(height):
                self.add_page()
                self._grid_row(widths, head, "B", size, line_height, pad, HEAD)
            self._grid_row(widths, cells, "", size, line_height, pad, BAND if index % 2 else None)
        self.set_font(FAMILY, size=10)

    def _cell_lines(
        self, widths: tuple[float, ...], texts: list[str], style: str, size: float, height: float, pad: float, most: int
    ) -> list[list[str]]:
        self.set_font(FAMILY, style, size)
        laid_out = []
        for width, text in zip(widths, texts, strict=True):
            # The cell margin (c_margin) pads left and right; `pad` only pads top and bottom.
            lines = self.wrap(printable(text), width)
            # A cell taller than a page cannot be drawn; callers keep texts short enough, this is the backstop.
            laid_out.append([*lines[: most - 1], "…"] if len(lines) > most else lines)
        return laid_out

    def _grid_row(
        self,
        widths: tuple[float, ...],
        cells: list[list[str]],
        style: str,
        size: float,
        height: float,
        pad: float,
        fill: tuple[int, int, int] | None,
    ) -> None:
        row_height = max(len(c) for c in cells) * height + 2 * pad
        x, top = self.l_margin, self.get_y()
        self.set_font(FAMILY, style, size)
        self.set_draw_color(160, 160, 160)
        for width, lines in zip(widths, cells, strict=True):
            if fill:
                self.set_fill_color(*fill)
            self.rect(x, top, width, row_height, style="DF" if fill else "D")
            for number, line in enumerate(lines):
                self.set_xy(x, top + pad + number * height)
                self.cell(width, height, line)
            x += width
        self.set_xy(self.l_margin, top + row_height)

    def rule(self) -> None:
        self.set_draw_color(200, 200, 200)
        self.line(self.l_margin, self.get_y(), self.w - self.r_margin, self.get_y())
        self.ln(2)


def short(text: str, limit: int) -> str:
    """Text cut at `limit` characters with an ellipsis, for summaries; full text appears elsewhere."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def day(value: date | None) -> str:
    return long_date(value, empty="—")


def percent(value: float | None) -> str:
    return score_text(value)


def metadata(pdf: PlanDocument, **fields: Any) -> None:
    for name, value in fields.items():
        getattr(pdf, f"set_{name}")(printable(value) if isinstance(value, str) else value)
