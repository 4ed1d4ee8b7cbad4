"""Accessibility rules that can be checked without a browser: chart specs and the shell's source."""

from __future__ import annotations

import ast
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from checklist.domain.assessment import AnswerValue
from checklist.domain.plan import compare_with_previous, start_reassessment
from checklist.domain.workshop import question_spread
from checklist.render import compare_charts, spread_chart
from checklist.render.charts import delta_chart, theme_scores_chart
from tests.builders import make_assessment
from tests.unit.test_charts import ANSWERS, BANK, RESULT
from tests.unit.test_compare_charts import comparison
from tests.unit.test_spread_chart import BANK as WORKSHOP_BANK

SHELL = Path(__file__).resolve().parents[2] / "checklist" / "ui"


def encodings(spec: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    """Every (channel, definition) pair in a spec, layers included."""
    yield from spec.get("encoding", {}).items()
    for layer in spec.get("layer", []):
        yield from encodings(layer)


def colour_fields(spec: dict[str, Any]) -> set[str]:
    return {d["field"] for c, d in encodings(spec) if c == "color" and "field" in d}


def words_or_shapes(spec: dict[str, Any]) -> set[str]:
    return {d["field"] for c, d in encodings(spec) if c in {"text", "shape"} and "field" in d}


def delta_spec() -> dict[str, Any]:
    before = make_assessment(BANK, ANSWERS, assessed_on=date(2025, 1, 1))
    again = start_reassessment(BANK, before, prefill=True, today=date(2026, 1, 1))
    delta = compare_with_previous(BANK, again, date(2026, 1, 1))
    assert delta is not None
    spec: dict[str, Any] = delta_chart(delta).to_dict()
    return spec


def workshop_spec() -> dict[str, Any]:
    spread = question_spread("alpha", "a1", [AnswerValue.MET, AnswerValue.NOT_MET, AnswerValue.PARTLY], 3)
    spec: dict[str, Any] = spread_chart.spread_chart(WORKSHOP_BANK, [spread]).to_dict()
    return spec


def heatmap_spec() -> dict[str, Any]:
    found = comparison()
    spec: dict[str, Any] = compare_charts.heatmap_chart(found, found.rows).to_dict()
    return spec


# Each chart that uses colour, the field its colour shows, and the field that says the same in words or shape.
COLOURED: dict[str, tuple[Callable[[], dict[str, Any]], str, str]] = {
    "change since last time": (delta_spec, "direction", "label"),
    "services × themes heatmap": (heatmap_spec, "Score", "Label"),
    "workshop spread": (workshop_spec, "answer", "label"),
}


@pytest.mark.parametrize("name", list(COLOURED))
def test_what_a_chart_shows_in_colour_it_also_shows_in_words_or_shape(name: str) -> None:
    make, colour, redundant = COLOURED[name]
    spec = make()

    assert colour_fields(spec) == {colour}
    assert redundant in words_or_shapes(spec)


@pytest.mark.parametrize(
    "make",
    [
        lambda: theme_scores_chart(RESULT).to_dict(),
        lambda: compare_charts.spread_chart(comparison()).to_dict(),
    ],
)
def test_charts_in_a_single_colour_encode_nothing_by_colour(make: Any) -> None:
    assert colour_fields(make()) == set()


def st_calls(path: Path, name: str) -> list[int]:
    """Lines in `path` that call st.<name>(...)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [
        node.lineno
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == name
        and isinstance(node.func.value, ast.Name)
        and node.func.value.id == "st"
    ]


def test_no_page_uses_grey_captions_which_fail_the_contrast_check() -> None:
    found = {str(p.relative_to(SHELL)): st_calls(p, "caption") for p in sorted(SHELL.rglob("*.py"))}

    assert {name: lines for name, lines in found.items() if lines} == {}
