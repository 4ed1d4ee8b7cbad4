"""Tables drawn as HTML show what was typed as text, never as markup, and no "None" or "nan"."""

from __future__ import annotations

import pandas as pd

from checklist.ui.html_tables import html_table
from tests.ui.html_tables import TableParser


def cells(markup: str) -> list[list[str]]:
    parser = TableParser()
    parser.feed(markup)
    return parser.tables[0]


def test_typed_markup_is_shown_as_text_with_its_line_breaks() -> None:
    typed = "<b>bold</b> & **not** [a](http://x)\nsecond line"

    markup = html_table(pd.DataFrame({"Note": [typed]}), label="Notes")

    assert cells(markup) == [["Note"], [typed]]
    assert "&lt;b&gt;bold&lt;/b&gt; &amp; **not**" in markup


def test_a_missing_score_is_a_dash_and_a_score_has_one_decimal_place() -> None:
    table = pd.DataFrame({"Service": ["A", "B"], "Overall score": [42.14, float("nan")]})

    assert cells(html_table(table, label="Services"))[1:] == [["A", "42.1"], ["B", "–"]]


def test_only_a_run_of_text_without_spaces_may_break_anywhere() -> None:
    table = pd.DataFrame({"Note": ["x" * 40, "an ordinary sentence with short words"]})

    markup = html_table(table, label="Notes")

    assert markup.count('class="long"') == 1
    assert f'<td class="long" data-label="Note">{"x" * 40}</td>' in markup


def test_a_wide_table_is_a_labelled_focusable_box_with_its_first_column_as_row_headings() -> None:
    markup = html_table(pd.DataFrame({"Service": ["City Hub"], "Gaps": [3]}), label="Services", wide=True)

    assert '<div class="checklist-table-box wide" tabindex="0" role="region" aria-label="Services">' in markup
    assert '<th scope="row" data-label="Service">City Hub</th>' in markup
