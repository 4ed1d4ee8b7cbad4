"""The PDF heatmap's layout: the theme column fitted to its titles, services sharing what is left."""

from __future__ import annotations

from datetime import date

from checklist.domain.assessment import Service
from checklist.domain.compare import compare_assessments
from checklist.render.pdf_heatmap import layout_for
from checklist.render.pdf_layout import PlanDocument
from tests.builders import make_assessment, make_bank

BANK = make_bank()


def test_a_few_services_get_columns_no_wider_than_the_widest_allowed() -> None:
    found = compare_assessments(BANK, [make_assessment(BANK, service=Service(name="Hub"))], today=date(2025, 6, 1))

    layout = layout_for(PlanDocument(fallback=False), found, services=1)

    assert (layout.theme_width, layout.column_width) == (40.0, 26.0)  # the narrowest theme column, widest services
