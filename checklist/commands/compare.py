"""`checklist compare`: the commissioner's comparison from the command line.

Same intake and comparison as the app's "Compare submissions" page; the file
report goes to stderr so stdout and the output files stay clean.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import click

from checklist import __version__
from checklist.commands.common import bank_option, cycle_collector_paused, fail, read_bank, say
from checklist.domain.bank import QuestionBank
from checklist.domain.compare import Comparison, FileStatus, Intake, compare_intake, read_submissions
from checklist.domain.wording import counted
from checklist.render.exports import COMMON_GAPS, NOTES, SERVICES, comparison_tables, to_csv, to_xlsx

SUFFIXES = (".json", ".pdf")


def gather_files(paths: tuple[Path, ...]) -> tuple[list[tuple[str, bytes]], list[str]]:
    """The files named, and every *.json and *.pdf under the folders named; plus what could not be read."""
    files: list[tuple[str, bytes]] = []
    problems: list[str] = []
    for path in paths:
        for file in _walk(path):
            try:
                files.append((str(file), file.read_bytes()))
            except OSError as exc:
                problems.append(f"{'rejected':<10} {file}: cannot be read ({exc.strerror or exc})")
    return files, problems


def _walk(path: Path) -> list[Path]:
    if path.is_dir():
        return sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES)
    return [path]


def report(intake: Intake) -> None:
    for r in intake.reports:
        say(f"{r.status.value:<10} {r.name}: {r.reason}", err=True)
        for warning in r.warnings:
            say(f"{'':<10}   warning: {warning}", err=True)
    say(intake.summary(), err=True)


def write_tables(comparison: Comparison, output: Path, *, include_notes: bool) -> list[Path]:
    tables = comparison_tables(comparison, include_notes=include_notes)
    if output.suffix.lower() == ".xlsx":
        output.write_bytes(to_xlsx(tables))
        return [output]
    names = {
        SERVICES: output,
        COMMON_GAPS: output.with_name(f"{output.stem}-gaps.csv"),
        NOTES: output.with_name(f"{output.stem}-notes.csv"),
    }
    for sheet, table in tables.items():
        names[sheet].write_bytes(to_csv(table))
    return [names[sheet] for sheet in tables]


def describe(comparison: Comparison) -> str:
    h = comparison.headline

    def pct(value: float | None) -> str:
        return "-" if value is None else f"{value:.1f}"

    lines = [
        f"{counted(h.services, 'service')} compared on question bank {comparison.bank_version}; "
        f"median overall score {pct(h.median_overall)}; {h.with_safety_gap} with a safety gap; "
        f"{counted(h.overdue_actions, 'overdue action')}",
    ]
    lines += [f"  {r.name}: overall {pct(r.overall)}, completion {r.completion:.0%}" for r in comparison.rows]
    lines += [f"Left out for version {x.bank_version}: {x.question_id} ({x.reason})" for x in comparison.left_out]
    return "\n".join(lines)


@click.command("compare")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Write the comparison to a .csv (plus -gaps.csv) or an .xlsx file.",
)
@click.option(
    "--pdf",
    "pdf_path",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Also write the area summary PDF here.",
)
@click.option("--anonymise", is_flag=True, help='Show services as "Service A, B, ..." everywhere.')
@click.option("--include-practice", is_flag=True, help="Count practice files (examples, workshops) in the figures.")
@click.option("--include-notes", is_flag=True, help="Export free-text notes too (left out by default).")
@bank_option
def compare_command(
    paths: tuple[Path, ...],
    output: Path | None,
    pdf_path: Path | None,
    anonymise: bool,
    include_practice: bool,
    include_notes: bool,
    bank_path: Path | None,
) -> None:
    """Compare many submitted assessments (JSON or PDF files, or folders of them)."""
    if output is not None and output.suffix.lower() not in (".csv", ".xlsx"):
        fail(f"{output}: the output must end in .csv or .xlsx")
    bank: QuestionBank = read_bank(bank_path)
    files, unreadable = gather_files(paths)
    with cycle_collector_paused():
        intake = read_submissions(files, bank)
        for problem in unreadable:
            say(problem, err=True)
        report(intake)
        comparison = compare_intake(
            bank, intake, today=date.today(), include_practice=include_practice, anonymise=anonymise
        )
    if not comparison.rows:
        practice = intake.count(FileStatus.PRACTICE)
        hint = f" ({counted(practice, 'practice file')} left out: add --include-practice)" if practice else ""
        fail(f"no file could be used for the comparison{hint}")
    say(describe(comparison))
    if output is not None:
        for written in write_tables(comparison, output, include_notes=include_notes):
            say(f"Wrote {written}", err=True)
    if pdf_path is not None:
        from checklist.render.area_pdf import build_area_summary_pdf  # fonts and charts load only when asked

        pdf_path.write_bytes(build_area_summary_pdf(comparison, tool_version=__version__))
        say(f"Wrote {pdf_path}", err=True)
