"""PDF action plan benchmark: the shipped bank, every question a gap, every suggested action planned.

Not a timed test: `make bench` (or `python -m benchmarks pdf`) prints the medians.
The first build in a process pays for imports, fonts and vl-convert; "warm"
is the median of the builds after it. The chart PNG is cached by spec, so the
cold-chart figure (a new score on every build) is measured separately.

The floor is fpdf2 on its own laying out the same text: every paragraph, heading
and table cell the plan lays out (recorded during one build), each put through
fpdf2's `multi_cell` at the same width in the same font and size, then written
out with the same fonts. The plan's target is 1.5 × that floor, measured in the
same run, builds and floors taking turns. The plan table is also built both ways,
with fpdf2's `table()` and with our grid, to show why the grid stays.
Times are CPU seconds of this process (medians), which other work on a shared
machine disturbs far less than wall time; wall time is in the note.
"""

from __future__ import annotations

import statistics
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from benchmarks.protocol import BenchResult, machine

TARGET_SECONDS = 0.5
FLOOR_FACTOR = 1.5


@dataclass(frozen=True)
class Laid:
    """One text the plan lays out, with the width and font it is laid out in."""

    text: str
    width: float
    style: str
    size: float


@dataclass
class Recording:
    texts: list[Laid]
    tables: list[tuple[tuple[float, ...], list[str], list[list[str]]]]
    fallback: bool = False


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


@contextmanager
def _recording() -> Iterator[Recording]:
    """Note every text the plan lays out (by our wrap or fpdf2's multi_cell) and every table, while inside."""
    from fpdf import FPDF

    from checklist.render.pdf_layout import PlanDocument

    found = Recording([], [])
    wrap, multi_cell, grid, init = PlanDocument.wrap, FPDF.multi_cell, PlanDocument.grid, PlanDocument.__init__
    depth = [0]

    def note(pdf: FPDF, text: str, width: float) -> None:
        if depth[0] == 0:
            found.texts.append(Laid(text, width or pdf.epw, pdf.font_style, pdf.font_size_pt))

    def recorded_wrap(self: PlanDocument, text: str, width: float) -> list[str]:
        note(self, text, width)
        depth[0] += 1
        try:
            return wrap(self, text, width)
        finally:
            depth[0] -= 1

    def recorded_multi_cell(self: FPDF, w: float, h: float | None = None, text: str = "", **kw: Any) -> Any:
        note(self, text, w)
        return multi_cell(self, w, h, text, **kw)

    def recorded_grid(
        self: PlanDocument, widths: tuple[float, ...], headings: list[str], rows: list[list[str]]
    ) -> None:
        found.tables.append((widths, headings, rows))
        depth[0] += 1
        try:
            grid(self, widths, headings, rows)
        finally:
            depth[0] -= 1
        found.texts.extend(Laid(t, w, "B", 8.5) for t, w in zip(headings, widths, strict=True))
        found.texts.extend(Laid(t, w, "", 8.5) for row in rows for t, w in zip(row, widths, strict=True))

    def recorded_init(self: PlanDocument, *, fallback: bool = True) -> None:
        found.fallback = fallback
        init(self, fallback=fallback)

    PlanDocument.wrap, FPDF.multi_cell, PlanDocument.grid = recorded_wrap, recorded_multi_cell, recorded_grid  # type: ignore[method-assign,assignment]
    PlanDocument.__init__ = recorded_init  # type: ignore[method-assign]
    try:
        yield found
    finally:
        PlanDocument.wrap, FPDF.multi_cell, PlanDocument.grid, PlanDocument.__init__ = wrap, multi_cell, grid, init  # type: ignore[method-assign]


def _fpdf2_alone(recording: Recording) -> Callable[[], None]:
    """fpdf2 laying out the recorded texts with multi_cell, A4, the same fonts, and writing the PDF."""
    from fpdf import FPDF
    from fpdf.enums import Align, XPos, YPos

    from checklist.render.fonts import font_set
    from checklist.render.pdf_layout import FALLBACK, FAMILY

    fonts = font_set()

    def lay_out() -> None:
        pdf = FPDF(format="A4", unit="mm")
        for style, path in fonts.main.items():
            pdf.add_font(FAMILY, style, path)
        if recording.fallback and fonts.fallback:
            for style, path in fonts.fallback.items():
                pdf.add_font(FALLBACK, style, path)
            pdf.set_fallback_fonts([FALLBACK], exact_match=False)
        pdf.set_margins(15, 15, 15)
        pdf.set_auto_page_break(auto=True, margin=18)
        pdf.add_page()
        for laid in recording.texts:
            pdf.set_font(FAMILY, laid.style, laid.size)
            pdf.multi_cell(laid.width, laid.size * 0.5, laid.text, align=Align.L, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.output()

    return lay_out


def _plan_tables(recording: Recording) -> tuple[Callable[[], None], Callable[[], None]]:
    """The plan table laid out and drawn by fpdf2's table(), and by our grid, each on a fresh document."""
    from fpdf.fonts import FontFace

    from checklist.render.pdf_layout import FAMILY, HEAD, PlanDocument

    widths, headings, rows = recording.tables[0]

    def fpdf2_table() -> None:
        pdf = PlanDocument(fallback=recording.fallback)
        pdf.add_page()
        pdf.set_font(FAMILY, "", 8.5)
        with pdf.table(
            col_widths=widths,
            width=sum(widths),
            line_height=4.2,
            padding=(1.2, pdf.c_margin),
            text_align="LEFT",
            repeat_headings=1,
            headings_style=FontFace(emphasis="BOLD", fill_color=HEAD),
        ) as table:
            for row in [headings, *rows]:
                table.row(row)

    def our_grid() -> None:
        pdf = PlanDocument(fallback=recording.fallback)
        pdf.add_page()
        pdf.grid(widths, headings, rows)

    return fpdf2_table, our_grid


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


def _cpu_medians(actions: dict[str, Callable[[], None]], runs: int) -> dict[str, tuple[float, float]]:
    """Median (CPU, wall) seconds of each action, the actions taking turns so that load hits them alike."""
    cpu: dict[str, list[float]] = {name: [] for name in actions}
    wall: dict[str, list[float]] = {name: [] for name in actions}
    for _ in range(runs):
        for name, action in actions.items():
            began, began_cpu = time.perf_counter(), time.process_time()
            action()
            cpu[name].append(time.process_time() - began_cpu)
            wall[name].append(time.perf_counter() - began)
    return {name: (statistics.median(cpu[name]), statistics.median(wall[name])) for name in actions}


def run(runs: int = 15) -> list[BenchResult]:
    from checklist.render import charts

    build, shape = _builder()
    first, _ = _timed(build, 1)
    with _recording() as recording:
        build()
    fpdf2_table, our_grid = _plan_tables(recording)
    timed = _cpu_medians(
        {"plan": build, "floor": _fpdf2_alone(recording), "table": fpdf2_table, "grid": our_grid}, runs
    )
    redrawn, redrawn_cpu = _timed(build, runs, before=charts._png.cache_clear)
    (plan, plan_wall), (floor, floor_wall) = timed["plan"], timed["floor"]
    characters = sum(len(t.text) for t in recording.texts)
    (table, _), (grid, _) = timed["table"], timed["grid"]
    return [
        BenchResult("PDF action plan, full bank: first in the process", first, 1, None, "fonts, vl-convert start-up"),
        BenchResult(
            "PDF action plan, full bank: warm (CPU)",
            plan,
            runs,
            FLOOR_FACTOR * floor,
            f"{plan / floor:.2f} × fpdf2 alone; wall {plan_wall:.2f} s; {shape}",
        ),
        BenchResult(
            "fpdf2 alone: the same text, fonts and widths through multi_cell (CPU)",
            floor,
            runs,
            None,
            f"the floor; {len(recording.texts)} texts, {characters:,} characters; wall {floor_wall:.2f} s",
        ),
        BenchResult("Plan table with fpdf2's table() (CPU)", table, runs, None, f"{len(recording.tables[0][2])} rows"),
        BenchResult("Plan table with our grid (CPU)", grid, runs, None, f"{grid / table:.2f} × fpdf2's table()"),
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
