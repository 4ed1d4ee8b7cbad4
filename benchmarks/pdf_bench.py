"""PDF action plan benchmark: the shipped bank, every question a gap, every suggested action planned.

Not a timed test: run `python -m benchmarks.pdf_bench [runs]` and read the medians.
The first build in a process pays for imports, fonts and vl-convert; "warm"
is the median of the builds after it. The chart PNG is cached by spec, so the
cold-chart figure (a new score on every build) is measured separately.
"""

from __future__ import annotations

import os
import platform
import statistics
import sys
import time
from datetime import UTC, date, datetime


def machine() -> str:
    model = "unknown CPU"
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as cpuinfo:
            model = next((line.split(":", 1)[1].strip() for line in cpuinfo if line.startswith("model name")), model)
    except OSError:
        pass
    return f"{os.cpu_count()} CPUs (nproc), {model}, Python {platform.python_version()}"


def main(runs: int = 15) -> None:
    from checklist.domain.assessment import Answer, AnswerValue, Assessment, Assessor, PlannedAction, Service, bank_ref
    from checklist.domain.bank import load_bank
    from checklist.domain.scoring import score_assessment
    from checklist.paths import default_bank_path
    from checklist.render import charts
    from checklist.render.pdf import build_action_plan_pdf

    bank = load_bank(default_bank_path())
    values = (AnswerValue.NOT_MET, AnswerValue.PARTLY, AnswerValue.UNKNOWN)
    questions = [q for _, q in bank.questions()]
    assessment = Assessment(
        bank=bank_ref(bank),
        service=Service(name="Benchmark service", organisation="Benchmark organisation", area="Benchmark area"),
        assessor=Assessor(name="A. Assessor", role="Service manager"),
        assessed_on=date(2026, 3, 1),
        answers={
            q.id: Answer(answer=values[i % 3], note=f"Note on {q.id}: what we saw and who we asked.")
            for i, q in enumerate(questions)
        },
        actions=[
            PlannedAction(question_id=q.id, text=a.text, owner="Team lead", due=date(2026, 9, 30))
            for q in questions
            for a in q.actions
        ],
    )
    result = score_assessment(bank, assessment)
    created = datetime(2026, 3, 2, tzinfo=UTC)

    cpu: list[float] = []

    def build() -> float:
        began, began_cpu = time.perf_counter(), time.process_time()
        build_action_plan_pdf(bank, assessment, result, tool_version="bench", creation_date=created)
        cpu.append(time.process_time() - began_cpu)
        return time.perf_counter() - began

    first = build()
    print(f"machine: {machine()}; load average {os.getloadavg()[0]:.1f} (wall-clock times grow with load)")
    print(
        f"input: {bank.question_count} questions, {len(result.gaps)} gaps, {len(assessment.actions)} actions; "
        f"{runs} runs"
    )
    print(f"first build in the process (fonts, vl-convert start-up): {first:.3f} s")
    cpu.clear()
    warm = [build() for _ in range(runs)]
    print(f"warm, chart cached:   median {statistics.median(warm):.3f} s (min {min(warm):.3f}, max {max(warm):.3f})")
    print(f"                      CPU time of this process, median {statistics.median(cpu):.3f} s")
    cold_chart = []
    for _ in range(runs):
        charts._png.cache_clear()
        cold_chart.append(build())
    print(
        f"warm, chart redrawn:  median {statistics.median(cold_chart):.3f} s "
        f"(min {min(cold_chart):.3f}, max {max(cold_chart):.3f})"
    )


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 15)
