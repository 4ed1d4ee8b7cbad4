"""Comparison charts are specs: the data they carry comes from the Comparison, in the order asked for."""

from __future__ import annotations

from datetime import date
from typing import Any

import pandas as pd

from checklist.domain.assessment import Service
from checklist.domain.compare import Comparison, compare_assessments
from checklist.render.compare_charts import (
    NO_SCORE,
    heatmap_chart,
    heatmap_frame,
    sorted_rows,
    spread_chart,
    spread_frame,
)
from tests.builders import make_assessment, make_bank

BANK = make_bank()


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


def test_the_heatmap_rows_follow_the_order_given() -> None:
    c = comparison()
    rows = sorted_rows(c, "Overall score, lowest first")

    spec = heatmap_chart(c, rows).to_dict()

    assert spec["layer"][0]["encoding"]["y"]["sort"] == ["Weak", "Strong"]


def test_the_spread_chart_carries_the_cores_quartiles() -> None:
    c = comparison()

    rows = dataset(spread_chart(c).to_dict())

    assert [(r["Theme"], r["Minimum"], r["Median"], r["Maximum"]) for r in rows] == [("Alpha", 0.0, 50.0, 100.0)]
    assert spread_frame(c)["Services"].tolist() == [2, 0]
