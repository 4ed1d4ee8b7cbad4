"""Reading back, under AppTest, the tables a page draws as HTML (checklist.ui.html_tables)."""

from __future__ import annotations

from html.parser import HTMLParser

import pandas as pd
from streamlit.testing.v1 import AppTest


class TableParser(HTMLParser):
    """The text of every cell of every table, row by row."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tables: list[list[list[str]]] = []
        self._cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "table":
            self.tables.append([])
        elif tag == "tr" and self.tables:
            self.tables[-1].append([])
        elif tag in ("td", "th"):
            self._cell = []
        elif tag == "br" and self._cell is not None:
            self._cell.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self._cell is not None:
            self.tables[-1][-1].append("".join(self._cell))
            self._cell = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)


def _numbers_where_all_are(column: pd.Series) -> pd.Series:
    if (column == "").any():
        return column  # pandas would read an empty cell as NaN
    try:
        return pd.to_numeric(column)
    except ValueError:
        return column


def html_tables(at: AppTest) -> list[pd.DataFrame]:
    """Every HTML table on the page, its heading row as the columns, numeric columns as numbers."""
    found = []
    for element in at.get("html"):
        parser = TableParser()
        parser.feed(str(element.value))
        for head, *rows in (t for t in parser.tables if t):
            frame = pd.DataFrame(rows, columns=head)
            found.append(frame.apply(_numbers_where_all_are))
    return found
