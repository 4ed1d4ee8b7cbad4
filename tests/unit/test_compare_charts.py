"""Comparison charts are specs: the data they carry comes from the Comparison, in the order asked for."""

from __future__ import annotations

from datetime import date
from typing import Any

import pandas as pd

from checklist.domain.assessment import Service
from checklist.domain.compare import Comparison, compare_assessments
from checklist.render.compare_charts import (
    NO_SCORE,
    WHITE,
    WHITE_INK_FROM,
    Colour,
    blocks,
    column_labels,
    heat_colour,
    heatmap_chart,
    heatmap_frame,
    ink,
    sorted_rows,
    spread_chart,
    spread_frame,
)
from tests.builders import make_assessment, make_bank

BANK = make_bank()
EVERY_QUESTION = {"a1": "met", "a2": "partly", "b1": "met"}


def comparison() -> Comparison:
    services = [
        make_assessment(BANK, {"a1": "met", "a2": "met"}, service=Service(name="Strong")),
        make_assessment(BANK, {"a1": "not_met"}, service=Service(name="Weak")),
    ]
    return compare_assessments(BANK, services, today=date(2025, 6, 1))


def dataset(spec: dict[str, Any]) -> list[dict[str, Any]]:
    (values,) = spec["datasets"].values()
    return list(values)


def test_sorting_by_lowest_overall_puts_the_weakest_service_first() -> None:
    assert [r.name for r in sorted_rows(comparison(), "Overall score, lowest first")] == ["Weak", "Strong"]


def test_the_heatmap_has_one_cell_per_service_and_theme_with_the_cores_scores() -> None:
    c = comparison()

    cells = heatmap_frame(c, c.rows)

    strong = cells[cells["Service"] == "Strong"]
    assert strong["Theme"].tolist() == ["Alpha", "Beta"]
    assert strong["Score"].tolist()[0] == 100.0
    assert pd.isna(strong["Score"].tolist()[1])


def test_a_theme_without_a_score_is_labelled_so_not_drawn_as_zero() -> None:
    c = comparison()

    labels = {(r["Service"], r["Theme"]): r["Label"] for r in dataset(heatmap_chart(c, c.rows).to_dict())}

    assert (labels[("Weak", "Alpha")], labels[("Weak", "Beta")]) == ("0", NO_SCORE)


def test_the_heatmap_columns_follow_the_order_given() -> None:
    c = comparison()
    rows = sorted_rows(c, "Overall score, lowest first")

    spec = heatmap_chart(c, rows).to_dict()

    # Both are drafts (under 80% answered), so each name has "(draft)" under it.
    assert spec["layer"][0]["encoding"]["x"]["sort"] == ["Weak\n(draft)", "Strong\n(draft)"]


def test_the_heatmap_rows_are_the_themes_with_their_whole_titles_level() -> None:
    c = comparison()

    y = heatmap_chart(c, c.rows).to_dict()["layer"][0]["encoding"]["y"]

    assert (y["field"], y["sort"], y["axis"].get("labelAngle", 0)) == ("Theme", ["Alpha", "Beta"], 0)


def test_a_long_service_name_is_wrapped_into_short_lines_below_blank_ones_to_match_its_neighbours() -> None:
    services = [
        make_assessment(BANK, EVERY_QUESTION, service=Service(name="Northgate Recovery Service (fictional)")),
        make_assessment(BANK, EVERY_QUESTION, service=Service(name="Hub")),
    ]
    c = compare_assessments(BANK, services, today=date(2025, 6, 1))

    labels = column_labels(sorted_rows(c, "Name"))

    assert labels == ["\n\n\nHub", "Northgate\nRecovery\nService\n(fictional)"]


def test_a_drafts_column_says_draft_under_its_name() -> None:
    services = [
        make_assessment(BANK, {"a1": "met"}, service=Service(name="Hub")),
        make_assessment(BANK, EVERY_QUESTION, service=Service(name="Home")),
    ]
    c = compare_assessments(BANK, services, today=date(2025, 6, 1))

    assert column_labels(sorted_rows(c, "Name")) == ["\nHome", "Hub\n(draft)"]


def test_a_drafts_tooltip_says_how_much_of_it_is_answered() -> None:
    c = compare_assessments(
        BANK, [make_assessment(BANK, {"a1": "met"}, service=Service(name="Hub"))], today=date(2025, 6, 1)
    )

    assert set(heatmap_frame(c, c.rows)["Draft"]) == {"Draft: 1 of 3 questions answered"}


def test_two_services_of_the_same_name_get_a_column_each() -> None:
    services = [make_assessment(BANK, {"a1": a}, service=Service(name="Hub")) for a in ("met", "not_met")]
    c = compare_assessments(BANK, services, today=date(2025, 6, 1))

    assert len(set(column_labels(c.rows))) == 2


def test_services_are_cut_into_the_fewest_blocks_of_even_size_in_their_order() -> None:
    cut = blocks(list(range(20)), 8)

    assert [list(b) for b in cut] == [list(range(7)), list(range(7, 14)), list(range(14, 20))]


def test_no_services_give_no_blocks() -> None:
    assert blocks([], 8) == []


def test_the_spread_chart_carries_the_cores_quartiles() -> None:
    c = comparison()

    rows = dataset(spread_chart(c).to_dict())

    assert [(r["Theme"], r["Minimum"], r["Median"], r["Maximum"]) for r in rows] == [("Alpha", 0.0, 50.0, 100.0)]
    assert spread_frame(c)["Services"].tolist() == [2, 0]


def contrast(one: Colour, other: Colour) -> float:
    """WCAG contrast ratio, worked out here independently of the module under test."""

    def luminance(colour: Colour) -> float:
        def linear(c: float) -> float:
            return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

        r, g, b = (linear(c / 255) for c in colour)
        return 0.2126 * r + 0.7152 * g + 0.0722 * b

    high, low = sorted((luminance(one), luminance(other)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_the_heat_colours_run_from_the_charts_lightest_blue_to_its_darkest() -> None:
    assert (heat_colour(0), heat_colour(100)) == ((0xCF, 0xE1, 0xF2), (0x0A, 0x4A, 0x90))


def test_every_score_is_written_in_ink_with_at_least_4_5_to_1_contrast_on_its_cell() -> None:
    weakest = min(contrast(heat_colour(s / 2), ink(heat_colour(s / 2))) for s in range(201))

    assert weakest >= 4.5


def test_the_apps_chart_turns_its_text_white_at_the_same_score_as_the_pdf() -> None:
    """From a score of 75 the fill (40, 120, 184) is dark enough for white: 4.70 to 1 against black's 4.47.

    At 74 the fill is (42, 122, 185): black wins, just (4.583 to 4.582). Worked out with `contrast` below.
    """
    c = comparison()

    condition = heatmap_chart(c, c.rows).to_dict()["layer"][1]["encoding"]["color"]["condition"]

    assert (condition["test"], condition["value"]) == ("datum.Score >= 75", "white")
    assert (heat_colour(74), heat_colour(75)) == ((42, 122, 185), (40, 120, 184))
    assert contrast((42, 122, 185), (0, 0, 0)) > contrast((42, 122, 185), WHITE)
    assert contrast((40, 120, 184), WHITE) > contrast((40, 120, 184), (0, 0, 0))
    assert (ink(heat_colour(74)), ink(heat_colour(75)), WHITE_INK_FROM) == ((0, 0, 0), WHITE, 75)
