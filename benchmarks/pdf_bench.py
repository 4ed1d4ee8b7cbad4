"""PDF action plan benchmark: the shipped bank, every question a gap, every suggested action planned.

Not a timed test: `make bench` (or `python -m benchmarks pdf`) prints the medians.
The first build in a process pays for imports, fonts and vl-convert; "warm"
is the median of the builds after it. The chart PNG is cached by spec, so the
cold-chart figure (a new score on every build) is measured separately.
"""

from __future__ import annotations

import statistics
import sys
import time
from collections.abc import Callable
from datetime import UTC, date, datetime

from benchmarks.protocol import BenchResult, machine

TARGET_SECONDS = 0.5


def _builder() -> tuple[Callable[[], None], str]:
    from checklist.domain.assessment import Answer, AnswerValue, Assessment, Assessor, PlannedAction, Service, bank_ref
    from checklist.domain.bank import load_bank
    from checklist.domain.scoring import score_assessment
    from checklist.paths import default_bank_path
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

    def build() -> None:
        build_action_plan_pdf(bank, assessment, result, tool_version="bench", creation_date=created)

    shape = f"{bank.question_count} questions, {len(result.gaps)} gaps, {len(assessment.actions)} actions"
    return build, shape


def _timed(action: Callable[[], None], runs: int, before: Callable[[], None] = lambda: None) -> tuple[float, float]:
    """Median wall and CPU seconds over `runs` calls, `before` run untimed ahead of each."""
    wall, cpu = [], []
    for _ in range(runs):
        before()
        began, began_cpu = time.perf_counter(), time.process_time()
        action()
        wall.append(time.perf_counter() - began)
        cpu.append(time.process_time() - began_cpu)
    return statistics.median(wall), statistics.median(cpu)


def run(runs: int = 15) -> list[BenchResult]:
    from checklist.render import charts

    build, shape = _builder()
    first, _ = _timed(build, 1)
    warm, warm_cpu = _timed(build, runs)
    redrawn, redrawn_cpu = _timed(build, runs, before=charts._png.cache_clear)
    return [
        BenchResult("PDF action plan, full bank: first in the process", first, 1, None, "fonts, vl-convert start-up"),
        BenchResult("PDF action plan, full bank: warm", warm, runs, TARGET_SECONDS, f"{shape}; CPU {warm_cpu:.2f} s"),
        BenchResult(
            "PDF action plan, full bank: chart redrawn",
            redrawn,
            runs,
            TARGET_SECONDS,
            f"a new score each time; CPU {redrawn_cpu:.2f} s",
        ),
    ]


def main(runs: int = 15) -> None:
    print(f"machine: {machine()}")
    for result in run(runs):
        print(f"{result.name}: median {result.median_seconds:.3f} s over {result.n} ({result.note})")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 15)
