"""Time the commissioner's comparison: load, validate and compare 100, 1,000 and 10,000 submissions.

Runs the page's own code path (read_submissions, then compare_intake) on
generated files and prints medians and the machine. A script, not a test:
timings on a shared CI machine would make a flaky test.

    .venv/bin/python -m benchmarks.compare_bench [--sizes 100 1000 10000] [--repeat 5]
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import time
from dataclasses import dataclass
from datetime import date

from benchmarks.generator import bench_bank, generate_files
from checklist.domain.bank import QuestionBank
from checklist.domain.compare import compare_intake, read_submissions

TARGET_SECONDS_FOR_1000 = 2.0


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as info:
            cpu = next((line.split(":", 1)[1].strip() for line in info if line.startswith("model name")), cpu)
    except OSError:
        pass
    system = f"{platform.system()} {platform.release()}"
    return f"{cpu}, {os.cpu_count()} cores, Python {platform.python_version()}, {system}"


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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 10000])
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
        files = generate_files(bank, size, seed=size)
        runs = [time_once(bank, files) for _ in range(args.repeat)]
        load = statistics.median(r.load for r in runs)
        compare = statistics.median(r.compare for r in runs)
        total = statistics.median(r.total for r in runs)
        cpu = statistics.median(r.cpu for r in runs)
        flag = "  (target < 2 s)" if size == 1000 and total >= TARGET_SECONDS_FOR_1000 else ""
        per_file = 1000 * total / size
        figures = f"{load:>13.3f} {compare:>10.3f} {total:>8.3f} {cpu:>6.3f} {per_file:>8.3f}"
        print(f"{size:>7} {runs[0].services:>9} {figures}{flag}")


if __name__ == "__main__":
    main()
