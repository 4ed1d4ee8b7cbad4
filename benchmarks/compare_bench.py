"""Time the commissioner's comparison: load, validate and compare 100, 1,000 and 10,000 submissions.

Runs the page's and the command's own code path (read_submissions, then
compare_intake, with Python's cycle collector paused around them as both do)
on generated files and reports medians, beside the floor: `json.loads` of the
same files, timed in the same run, turn about with the comparison, so other
work on the machine slows both alike. The same comparison with the collector
left on is timed in the same turns too, to show what the pause saves. Target: at most 5 x that floor at every
size (so 10,000 files grow linearly from 1,000). A script, not a test: timings
on a shared CI machine would make a flaky test.

    .venv/bin/python -m benchmarks compare                      # in the table of every benchmark
    .venv/bin/python -m benchmarks.compare_bench [--sizes 100 1000 10000] [--repeat 5]   # with the split
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import statistics
import time
from dataclasses import dataclass
from datetime import date

from benchmarks.generator import bench_bank, generate_files
from benchmarks.protocol import BenchResult, machine
from checklist.collector import cycle_collector_paused
from checklist.domain.bank import QuestionBank
from checklist.domain.compare import compare_intake, read_submissions

# README target: read, checked and compared within 5 x the time json.loads takes on the same files.
TARGET_RATIO = 5.0
TARGETED = (1000, 10000)
SIZES = (100, 1000, 10000)


@dataclass(frozen=True)
class Run:
    load: float
    compare: float
    cpu: float
    services: int
    floor: float = 0.0  # json.loads of the same files, in the same run
    floor_cpu: float = 0.0
    collecting_cpu: float = 0.0  # the same comparison with the cycle collector left on

    @property
    def collecting_ratio(self) -> float:
        return self.collecting_cpu / self.floor_cpu

    @property
    def total(self) -> float:
        return self.load + self.compare

    @property
    def ratio(self) -> float:
        return self.total / self.floor

    @property
    def cpu_ratio(self) -> float:
        """The same ratio in CPU time, which other work on a shared machine disturbs less."""
        return self.cpu / self.floor_cpu


def parse_only(files: list[tuple[str, bytes]]) -> tuple[float, float]:
    """The floor, wall and CPU seconds: json.loads of every file, a broken one given up on as the parser finds it."""
    cpu = time.process_time()
    start = time.perf_counter()
    for _, data in files:
        try:  # noqa: SIM105 - contextlib.suppress costs more per file, and would flatter the ratio
            json.loads(data)
        except ValueError:
            pass
    return time.perf_counter() - start, time.process_time() - cpu


def time_once(bank: QuestionBank, files: list[tuple[str, bytes]], *, paused: bool = True) -> Run:
    """One comparison as the page and the command run it: the collector paused (unless `paused` is False)."""
    cpu = time.process_time()
    start = time.perf_counter()
    with cycle_collector_paused() if paused else contextlib.nullcontext():
        intake = read_submissions(files, bank)
        loaded = time.perf_counter()
        comparison = compare_intake(bank, intake, today=date(2025, 6, 1))
    done = time.perf_counter()
    return Run(loaded - start, done - loaded, time.process_time() - cpu, len(comparison.rows))


def measure(bank: QuestionBank, size: int, repeat: int) -> Run:
    """Medians of each phase over `repeat` runs on the same generated files."""
    files = generate_files(bank, size, seed=size)
    runs, floors, collecting = [], [], []
    for _ in range(repeat):  # turn about, so a burst of other work hits all three
        floors.append(parse_only(files))
        runs.append(time_once(bank, files))
        collecting.append(time_once(bank, files, paused=False).cpu)
    return Run(
        load=statistics.median(r.load for r in runs),
        compare=statistics.median(r.compare for r in runs),
        cpu=statistics.median(r.cpu for r in runs),
        services=runs[0].services,
        floor=statistics.median(wall for wall, _ in floors),
        floor_cpu=statistics.median(cpu for _, cpu in floors),
        collecting_cpu=statistics.median(collecting),
    )


def run() -> list[BenchResult]:
    """For `make bench`: per size, the json.loads floor, then the comparison against 5 x that floor."""
    bank = bench_bank()
    results = []
    for size in SIZES:
        repeat = 3 if size >= 10000 else 5
        m = measure(bank, size, repeat)
        target = TARGET_RATIO * m.floor if size in TARGETED else None
        results.append(BenchResult(f"json.loads of the same {size:,} files", m.floor, repeat, None, "the floor"))
        note = (
            f"{m.ratio:.1f} x json.loads (target {TARGET_RATIO:g} x), in CPU time {m.cpu_ratio:.1f} x; "
            f"load+check {m.load:.2f} s, compare {m.compare:.2f} s, CPU {m.cpu:.2f} s, {m.services} services; "
            f"collector left on: CPU {m.collecting_cpu:.2f} s, {m.collecting_ratio:.1f} x"
        )
        results.append(BenchResult(f"Compare {size:,} submissions", m.total, repeat, target, note))
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
    headings = (
        ("files", 7),
        ("services", 9),
        ("load+check s", 13),
        ("compare s", 10),
        ("total s", 8),
        ("CPU s", 6),
        ("ms/file", 8),
        ("json.loads s", 13),
        ("ratio", 6),
        ("CPU ratio", 10),
        ("collector on: CPU ratio", 24),
    )
    print(" ".join(f"{text:>{width}}" for text, width in headings))
    for size in args.sizes:
        m = measure(bank, size, args.repeat)
        over = size in TARGETED and m.ratio > TARGET_RATIO
        flag = f"  (target <= {TARGET_RATIO:g} x json.loads)" if over else ""
        figures = f"{m.load:>13.3f} {m.compare:>10.3f} {m.total:>8.3f} {m.cpu:>6.3f} {1000 * m.total / size:>8.3f}"
        ratios = f"{m.ratio:>6.1f} {m.cpu_ratio:>10.1f} {m.collecting_ratio:>24.1f}"
        print(f"{size:>7} {m.services:>9} {figures} {m.floor:>13.3f} {ratios}{flag}")


if __name__ == "__main__":
    main()
