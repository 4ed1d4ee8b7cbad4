"""The load benchmark's figures: median and nearest-rank 95th percentile of click-to-update times."""

from __future__ import annotations

from benchmarks.load_bench import median, percentile


def test_the_median_of_an_even_count_is_the_mean_of_the_middle_two() -> None:
    assert median([0.4, 0.1, 0.3, 0.2]) == 0.25


def test_the_95th_percentile_of_twenty_timings_is_the_nineteenth_smallest() -> None:
    timings = [n / 100 for n in range(20, 0, -1)]  # 0.20 down to 0.01, in no useful order
    assert percentile(timings, 95) == 0.19


def test_the_95th_percentile_of_few_timings_is_the_slowest() -> None:
    assert percentile([0.05, 0.5, 0.07], 95) == 0.5


def test_the_95th_percentile_of_one_timing_is_that_timing() -> None:
    assert percentile([0.12], 95) == 0.12
