"""Tables drawn as plain HTML: every cell's text in full, wrapped, exactly as typed.

Streamlit's grid (st.dataframe) cuts a cell's text at the column's width and hides rows behind a
scroll of its own; st.table reads its cells as Markdown. Here the text is escaped for HTML only,
so what a service typed is shown as it is, and long text wraps inside its cell.
"""

from __future__ import annotations

import html
import math
import re
from numbers import Number

import pandas as pd

from checklist.domain.wording import NO_SCORE_CELL

_STYLE = """<style>
.checklist-table-box { max-width: 100%; margin-bottom: 1rem; }
.checklist-table-box.wide { overflow-x: auto; }
.checklist-table { border-collapse: collapse; width: 100%; font-size: 0.875rem; line-height: 1.4; }
.checklist-table th, .checklist-table td {
  border: 1px solid rgba(49, 51, 63, 0.2); padding: 0.25rem 0.5rem; text-align: left;
  vertical-align: top; overflow-wrap: break-word; white-space: pre-wrap;
}
/* A run of text with no space to break at (a pasted link, a code) may break anywhere, so it can
   neither widen the table past the screen nor make the words of other columns split. */
.checklist-table .long { overflow-wrap: anywhere; }
.checklist-table th { font-weight: 600; background: #f0f2f6; }
.checklist-table .number { text-align: right; }
/* A wide table: its own width, scrolled sideways in its box, the first column kept in place. */
.wide .checklist-table { width: max-content; min-width: 100%; }
.wide .checklist-table th, .wide .checklist-table td { overflow-wrap: normal; max-width: 16rem; }
.wide .checklist-table th { min-width: 5.5rem; }
.wide .checklist-table tr > :first-child { position: sticky; left: 0; min-width: 10rem; }
/* On a phone each row of a narrow table is a card, one line per column with its heading. */
@media (max-width: 640px) {
  .checklist-table-box:not(.wide) thead { display: none; }
  .checklist-table-box:not(.wide) tr {
    display: block; border: 1px solid rgba(49, 51, 63, 0.2); margin-bottom: 0.5rem;
  }
  .checklist-table-box:not(.wide) td { display: block; border: none; text-align: left; }
  .checklist-table-box:not(.wide) td::before { content: attr(data-label) ": "; font-weight: 600; }
  .checklist-table-box:not(.wide) td.blank { display: none; }
  .wide .checklist-table tr > :first-child { min-width: 7rem; max-width: 9rem; overflow-wrap: break-word; }
}
</style>"""


_LONG = re.compile(r"\S{30,}")
_NUMBER = ' class="number"'


def cell_text(value: object) -> str:
    """A cell as people read it: a score to one decimal place, a dash for no value."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return NO_SCORE_CELL
    if isinstance(value, float):
        return f"{value:.1f}"
    return str(value)


def html_table(table: pd.DataFrame, *, label: str, wide: bool = False) -> str:
    """`table` as an HTML table whose text wraps in full.

    `wide` is for a table with more columns than a screen holds: its first columns stay in view and
    the rest scroll sideways inside a box that takes the keyboard focus (so it can be scrolled
    without a mouse), its first column kept in place while scrolling.
    """
    numbers = {c for c in table.columns if pd.api.types.is_numeric_dtype(table[c].dtype)}
    head = "".join(
        f'<th scope="col"{_NUMBER if c in numbers else ""}>{html.escape(str(c))}</th>' for c in table.columns
    )
    rows = []
    for record in table.itertuples(index=False, name=None):
        cells = []
        for column, value in zip(table.columns, record, strict=True):
            text = html.escape(cell_text(value))  # its line breaks kept by white-space: pre-wrap
            number = column in numbers or isinstance(value, Number)
            tag = "th" if wide and column == table.columns[0] else "td"
            scope = ' scope="row"' if tag == "th" else ""
            heading = html.escape(str(column), quote=True)
            kinds = " ".join(
                kind
                for kind, yes in (("blank", not text), ("number", number and tag == "td"), ("long", _LONG.search(text)))
                if yes
            )
            kind = f' class="{kinds}"' if kinds else ""
            cells.append(f'<{tag}{scope}{kind} data-label="{heading}">{text}</{tag}>')
        rows.append(f"<tr>{''.join(cells)}</tr>")
    box = (
        f'<div class="checklist-table-box wide" tabindex="0" role="region" aria-label="{html.escape(label)}">'
        if wide
        else '<div class="checklist-table-box">'
    )
    return (
        f'{_STYLE}{box}<table class="checklist-table" aria-label="{html.escape(label)}">'
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table></div>"
    )
