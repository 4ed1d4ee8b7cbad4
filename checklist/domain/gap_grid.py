"""Gaps counted by importance and cost: the cheap, important ones sit top left."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from checklist.domain.bank import Cost
from checklist.domain.scoring import Gap

IMPORTANCE = (3, 2, 1)  # rows, most important first
COSTS = tuple(Cost)  # columns, cheapest first


@dataclass(frozen=True)
class GridCell:
    """The gaps of one importance and one cost: how many, and how many of them are safety gaps."""

    weight: int
    cost: Cost
    gaps: int
    safety: int


def gap_grid(gaps: Iterable[Gap]) -> tuple[tuple[GridCell, ...], ...]:
    """One row per importance (3, 2, 1), one cell per cost (none to high) in each, every gap in one cell."""
    counts: dict[tuple[int, Cost], tuple[int, int]] = {}
    for gap in gaps:
        total, safety = counts.get((gap.weight, gap.cost), (0, 0))
        counts[gap.weight, gap.cost] = (total + 1, safety + int(gap.safety))
    return tuple(
        tuple(GridCell(weight, cost, *counts.get((weight, cost), (0, 0))) for cost in COSTS) for weight in IMPORTANCE
    )
