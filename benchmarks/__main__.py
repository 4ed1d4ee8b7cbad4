"""`make bench`: run every benchmark in this folder and print one table.

python -m benchmarks                 # every benchmarks/*_bench.py that has run()
python -m benchmarks pdf compare     # only pdf_bench and compare_bench
"""

from __future__ import annotations

import importlib
import os
import sys
import traceback
from pathlib import Path

from benchmarks.protocol import BenchResult, machine

HERE = Path(__file__).parent


def discover(only: list[str]) -> list[str]:
    names = sorted(p.stem for p in HERE.glob("*_bench.py"))
    return [n for n in names if not only or n.removesuffix("_bench") in only or n in only]


def results_of(module_name: str) -> tuple[list[BenchResult], str]:
    """A module's results, or none and a line saying why, so one broken benchmark never hides the others."""
    try:
        module = importlib.import_module(f"benchmarks.{module_name}")
        run = getattr(module, "run", None)
        if run is None:
            return [], f"{module_name}: has no run() -> list[BenchResult]; not run (see benchmarks/protocol.py)"
        return list(run()), ""
    except Exception:  # a benchmark's crash is reported in the table, not fatal to the others
        return [], f"{module_name}: failed\n{traceback.format_exc(limit=3)}"


def verdict(result: BenchResult) -> str:
    return {True: "ok", False: "OVER", None: ""}[result.meets_target]


def table(results: list[BenchResult]) -> str:
    rows = [("Benchmark", "Median", "n", "Target", "", "Note")]
    for r in results:
        target = "" if r.target_seconds is None else f"< {format_seconds(r.target_seconds)}"
        rows.append((r.name, format_seconds(r.median_seconds), str(r.n), target, verdict(r), r.note))
    widths = [max(len(row[i]) for row in rows) for i in range(5)]
    lines = [line(row, widths) for row in rows]
    lines.insert(1, "-" * max(len(line) for line in lines))
    return "\n".join(line.rstrip() for line in lines)


def line(row: tuple[str, ...], widths: list[int]) -> str:
    """Name and verdict to the left, figures to the right, the note trailing."""
    cells = [
        cell.ljust(w) if i in (0, 4) else cell.rjust(w) for i, (cell, w) in enumerate(zip(row[:5], widths, strict=True))
    ]
    return "  ".join([*cells, row[5]])


def format_seconds(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms" if seconds < 1 else f"{seconds:.2f} s"


def main(argv: list[str]) -> int:
    print(f"Machine: {machine()}; load average at start {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    results: list[BenchResult] = []
    problems: list[str] = []
    for name in discover(argv):
        print(f"running {name} ...", file=sys.stderr, flush=True)
        found, problem = results_of(name)
        results += found
        problems += [problem] if problem else []
    print(table(results))
    for problem in problems:
        print(problem)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
