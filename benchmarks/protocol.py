"""What every benchmark module gives the runner (`python -m benchmarks`, `make bench`).

A benchmark is a module `benchmarks/<name>_bench.py` with a function
`run() -> list[BenchResult]`. The runner finds it by its file name, calls
`run()`, and prints every result in one table under the machine's name.
"""

from __future__ import annotations

import os
import platform
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class BenchResult:
    name: str  # what was timed, in words: "PDF action plan, full bank"
    median_seconds: float
    n: int  # how many timings the median is of
    target_seconds: float | None = None  # the README's target, if there is one
    note: str = ""  # anything a reader needs: the ratio to a baseline, what was left out

    @property
    def meets_target(self) -> bool | None:
        return None if self.target_seconds is None else self.median_seconds <= self.target_seconds


def median_seconds(action: Callable[[], object], n: int) -> float:
    """Median wall time of `n` calls of `action`."""
    timings = []
    for _ in range(n):
        start = time.perf_counter()
        action()
        timings.append(time.perf_counter() - start)
    return statistics.median(timings)


def machine() -> str:
    """CPU model, core count and Python version, for the line above every table."""
    model = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as cpuinfo:
            model = next((line.split(":", 1)[1].strip() for line in cpuinfo if line.startswith("model name")), model)
    except OSError:
        pass
    return f"{model}, {os.cpu_count()} cores (nproc), Python {platform.python_version()}, {platform.system()}"
