"""Gaps counted by importance and cost, for the Results page's grid."""

from __future__ import annotations

from checklist.domain.assessment import AnswerValue
from checklist.domain.bank import Cost
from checklist.domain.gap_grid import GridCell, gap_grid
from checklist.domain.scoring import Gap


def gap(question_id: str, weight: int, cost: Cost, *, safety: bool = False) -> Gap:
    return Gap(
        question_id=question_id,
        theme_id="t",
        answer=AnswerValue.NOT_MET,
        weight=weight,
        safety=safety,
        cost=cost,
        quick_win=False,
        priority=1.0,
        to_check=False,
    )


def counts(grid: tuple[tuple[GridCell, ...], ...]) -> list[list[tuple[int, int]]]:
    return [[(c.gaps, c.safety) for c in row] for row in grid]


def test_no_gaps_give_a_grid_of_empty_cells_most_important_first_cheapest_first() -> None:
    grid = gap_grid([])

    assert [[(c.weight, c.cost.value) for c in row] for row in grid] == [
        [(3, "none"), (3, "low"), (3, "medium"), (3, "high")],
        [(2, "none"), (2, "low"), (2, "medium"), (2, "high")],
        [(1, "none"), (1, "low"), (1, "medium"), (1, "high")],
    ]
    assert counts(grid) == [[(0, 0)] * 4] * 3


def test_each_gap_is_counted_once_in_the_cell_of_its_weight_and_cost_with_its_safety_gaps() -> None:
    gaps = [
        gap("a", 3, Cost.LOW, safety=True),
        gap("b", 3, Cost.LOW),
        gap("c", 3, Cost.LOW, safety=True),
        gap("d", 1, Cost.HIGH),
        gap("e", 2, Cost.NONE, safety=True),
    ]

    assert counts(gap_grid(gaps)) == [
        [(0, 0), (3, 2), (0, 0), (0, 0)],
        [(1, 1), (0, 0), (0, 0), (0, 0)],
        [(0, 0), (0, 0), (0, 0), (1, 0)],
    ]
