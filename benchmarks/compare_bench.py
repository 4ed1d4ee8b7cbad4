"""Time the commissioner's comparison: load, validate and compare 100, 1,000 and 10,000 submissions.

Runs the page's own code path (read_submissions, then compare_intake) on
generated files and reports medians. A script, not a test: timings on a
shared CI machine would make a flaky test.

    .venv/bin/python -m benchmarks compare                      # in the table of every benchmark
    .venv/bin/python -m benchmarks.compare_bench [--sizes 100 1000 10000] [--repeat 5]   # with the split
"""

from __future__ import annotations

import argparse
import os
import statistics
import time
from dataclasses import dataclass
from datetime import date

from benchmarks.generator import bench_bank, generate_files
from benchmarks.protocol import BenchResult, machine
from checklist.domain.bank import QuestionBank
from checklist.domain.compare import compare_intake, read_submissions

# README targets: 1,000 submissions in under 2 s; linear growth, so 10,000 within about ten times that.
TARGETS = {1000: 2.0, 10000: 20.0}
SIZES = (100, 1000, 10000)


@dataclass(frozen=True)
class Run:
    load: float
    compare: float
    cpu: float
    services: int

    @property
    def total(self) -> float:
        return self.load + self.compare


def time_once(bank: QuestionBank, files: list[tuple[str, bytes]]) -> Run:
    cpu = time.process_time()
    start = time.perf_counter()
    intake = read_submissions(files, bank)
    loaded = time.perf_counter()
    comparison = compare_intake(bank, intake, today=date(2025, 6, 1))
    done = time.perf_counter()
    return Run(loaded - start, done - loaded, time.process_time() - cpu, len(comparison.rows))


def measure(bank: QuestionBank, size: int, repeat: int) -> Run:
    """Medians of each phase over `repeat` runs on the same generated files."""
    files = generate_files(bank, size, seed=size)
    runs = [time_once(bank, files) for _ in range(repeat)]
    return Run(
        load=statistics.median(r.load for r in runs),
        compare=statistics.median(r.compare for r in runs),
        cpu=statistics.median(r.cpu for r in runs),
        services=runs[0].services,
    )


def run() -> list[BenchResult]:
    """For `make bench`: one line per size, wall time with the CPU time beside it."""
    bank = bench_bank()
    results = []
    for size in SIZES:
        repeat = 3 if size >= 10000 else 5
        m = measure(bank, size, repeat)
        note = f"load+check {m.load:.2f} s, compare {m.compare:.2f} s, CPU {m.cpu:.2f} s, {m.services} services"
        results.append(BenchResult(f"Compare {size:,} submissions", m.total, repeat, TARGETS.get(size), note))
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--sizes", type=int, nargs="+", default=list(SIZES))
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    bank = bench_bank()
    print(f"Machine: {machine()}")
    print(f"Bank: {bank.id} {bank.version}, {bank.question_count} questions in {len(bank.themes)} themes")
    print(f"Median of {args.repeat} runs; files are JSON, ~3% resent, ~1% broken, ~2% practice, ~10% older version")
    print(f"Load average at start: {' '.join(f'{x:.2f}' for x in os.getloadavg())} (other work slows wall time)")
    headings = ("files", 7), ("services", 9), ("load+check s", 13), ("compare s", 10), ("total s", 8), ("CPU s", 6)
    print(" ".join(f"{text:>{width}}" for text, width in headings), f"{'ms/file':>8}")
    for size in args.sizes:
        m = measure(bank, size, args.repeat)
        target = TARGETS.get(size)
        flag = f"  (target < {target:g} s)" if target is not None and m.total >= target else ""
        figures = f"{m.load:>13.3f} {m.compare:>10.3f} {m.total:>8.3f} {m.cpu:>6.3f} {1000 * m.total / size:>8.3f}"
        print(f"{size:>7} {m.services:>9} {figures}{flag}")


if __name__ == "__main__":
    main()
