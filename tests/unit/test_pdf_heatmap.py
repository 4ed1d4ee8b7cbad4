"""The PDF heatmap's layout: services cut into even blocks of columns, the theme column fitted to its titles."""

from __future__ import annotations

from datetime import date

from checklist.domain.assessment import Service
from checklist.domain.compare import compare_assessments
from checklist.render.pdf_heatmap import COLUMN_WIDTH, THEME_WIDTH, blocks, layout_for
from checklist.render.pdf_layout import PlanDocument
from tests.builders import make_assessment, make_bank

BANK = make_bank()


def test_services_are_cut_into_the_fewest_blocks_of_even_size_in_their_order() -> None:
    cut = blocks(list(range(20)), 8)

    assert [list(b) for b in cut] == [list(range(7)), list(range(7, 14)), list(range(14, 20))]


def test_no_services_give_no_blocks() -> None:
    assert blocks([], 8) == []


def test_a_few_services_get_columns_no_wider_than_the_widest_allowed() -> None:
    found = compare_assessments(BANK, [make_assessment(BANK, service=Service(name="Hub"))], today=date(2025, 6, 1))

    layout = layout_for(PlanDocument(fallback=False), found, services=1)

    assert (layout.theme_width, layout.column_width) == (THEME_WIDTH[0], COLUMN_WIDTH[1])
