"""`make bench` finds every benchmark and flags each figure over its target."""

from __future__ import annotations

import importlib

from benchmarks.protocol import BenchResult

runner = importlib.import_module("benchmarks.__main__")


def test_the_runner_finds_benchmarks_by_their_short_name() -> None:
    assert runner.discover(["page_rerun", "cold_start"]) == ["cold_start_bench", "page_rerun_bench"]


def test_a_figure_over_its_target_is_flagged_in_the_table() -> None:
    slow = BenchResult("Page rerun: Review", 0.090, 20, 0.030, "22.6 × empty")

    assert "OVER" in runner.table([slow]).splitlines()[-1]


def test_a_figure_without_a_target_gets_no_verdict() -> None:
    baseline = BenchResult("Empty page", 0.002, 20)

    assert runner.verdict(baseline) == ""
