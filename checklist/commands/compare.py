"""`checklist compare`: the commissioner's comparison from the command line.

Same intake and comparison as the app's "Compare submissions" page; the file
report goes to stderr so stdout and the output files stay clean.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import click

from checklist import __version__
from checklist.collector import cycle_collector_paused
from checklist.commands.common import bank_option, fail, say
from checklist.commands.files import check_outputs, force_option, read_bank, write_output
from checklist.domain.bank import QuestionBank
from checklist.domain.compare import Comparison, FileStatus, Intake, compare_intake, read_submissions
from checklist.domain.loading import MAX_FILE_BYTES
from checklist.domain.scoring import DRAFT_THRESHOLD
from checklist.domain.submissions import Unreadable
from checklist.domain.wording import NO_SCORE_CELL, counted, score_text
from checklist.paths import InputProblem, kind_of, os_problem, read_limited
from checklist.render.exports import COMMON_GAPS, NOTES, SERVICES, comparison_tables, to_csv, to_xlsx, workbook_tables

SUFFIXES = (".json", ".pdf")


def gather_files(paths: tuple[Path, ...]) -> Iterator[tuple[str, bytes | Unreadable]]:
    """Each file named, and each *.json and *.pdf under the folders named, read one at a time.

    A generator, so a folder of a thousand files is never in memory at once. Nothing is passed
    over in silence: a FIFO, a device, a broken link or a folder that cannot be opened each get a
    line in the report, and so does a file that is not .json or .pdf.
    """
    seen: set[tuple[int, int]] = set()
    for path in paths:
        if path.is_dir():
            yield from _walk(path, seen)
        else:
            yield _read(path)


def _read(path: Path) -> tuple[str, bytes | Unreadable]:
    try:
        return str(path), read_limited(path, MAX_FILE_BYTES, "an assessment file")
    except InputProblem as exc:
        return str(path), Unreadable(exc.reason)


def _walk(folder: Path, seen: set[tuple[int, int]]) -> Iterator[tuple[str, bytes | Unreadable]]:
    try:
        found = os.stat(folder)
        if (found.st_dev, found.st_ino) in seen:
            # A link back to a folder already read: following it would read the same files again, or for ever.
            yield str(folder), Unreadable("is a folder already read through another path", FileStatus.SKIPPED)
            return
        seen.add((found.st_dev, found.st_ino))
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError as exc:
        yield str(folder), Unreadable(f"this folder cannot be opened ({os_problem(exc)}), so its files are not read")
        return
    for entry in entries:
        path = Path(entry.path)
        try:
            mode = os.stat(path).st_mode
        except OSError as exc:
            yield str(path), Unreadable(_missing_target(path, exc))
            continue
        if stat.S_ISDIR(mode):
            yield from _walk(path, seen)
        elif not stat.S_ISREG(mode):
            yield str(path), Unreadable(f"is {kind_of(mode)}, not a file, so it is not read")
        elif path.suffix.lower() in SUFFIXES:
            yield _read(path)
        else:
            yield str(path), Unreadable("not a .json or .pdf file", FileStatus.SKIPPED)


def _missing_target(path: Path, exc: OSError) -> str:
    if path.is_symlink():
        return f"is a link to {os.readlink(path)}, which does not exist (a broken link)"
    return f"cannot be read ({os_problem(exc)})"


def report(intake: Intake) -> None:
    for r in intake.reports:
        say(f"{r.status.value:<10} {r.name}: {r.reason}", err=True)
        for warning in r.warnings:
            say(f"{'':<10}   warning: {warning}", err=True)
    say(intake.summary(), err=True)


def table_paths(output: Path, *, include_notes: bool) -> dict[str, Path]:
    """Every file `--output` writes, known before the work so each can be checked first."""
    if output.suffix.lower() == ".xlsx":
        return {"": output}
    names = {SERVICES: output, COMMON_GAPS: output.with_name(f"{output.stem}-gaps.csv")}
    if include_notes:
        names[NOTES] = output.with_name(f"{output.stem}-notes.csv")
    return names


def write_tables(comparison: Comparison, output: Path, *, include_notes: bool) -> list[Path]:
    names = table_paths(output, include_notes=include_notes)
    if "" in names:
        write_output(output, to_xlsx(workbook_tables(comparison, include_notes=include_notes)))
        return [output]
    tables = comparison_tables(comparison, include_notes=include_notes)
    for sheet, table in tables.items():
        write_output(names[sheet], to_csv(table))
    return [names[sheet] for sheet in tables]


def describe(comparison: Comparison) -> str:
    h = comparison.headline

    def pct(value: float | None) -> str:
        return score_text(value, empty=NO_SCORE_CELL)

    def draft(label: str | None) -> str:
        return f" ({label})" if label else ""

    lines = [
        f"{counted(h.services, 'service')} compared on question bank {comparison.bank_version}; "
        f"median overall score {pct(h.median_overall)}; {h.with_safety_gap} with a safety gap; "
        f"{counted(h.overdue_actions, 'overdue action')}",
    ]
    lines += [
        f"  {r.name}: overall {pct(r.overall)}{draft(r.draft_label)}, completion {r.completion:.0%}"
        for r in comparison.rows
    ]
    if comparison.drafts_apart:
        lines.append(f"Drafts left out (add --include-drafts to count them): {len(comparison.drafts_apart)}")
        lines += [f"  {r.name}: {r.draft_label}" for r in comparison.drafts_apart]
    lines += [f"Left out for version {x.bank_version}: {x.question_id} ({x.reason})" for x in comparison.left_out]
    return "\n".join(lines)


def _inputs(paths: tuple[Path, ...]) -> list[Path]:
    """Every file the comparison reads, by name only (nothing is read here), so no output replaces one."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found += [p for p in path.rglob("*") if p.suffix.lower() in SUFFIXES]
        else:
            found.append(path)
    return found


@click.command("compare")
@click.argument("files_or_folders", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    metavar="TABLE.csv",
    help="Write the comparison to a .csv (plus -gaps.csv) or an .xlsx file.",
)
@click.option(
    "--pdf",
    "pdf_path",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    metavar="SUMMARY.pdf",
    help="Also write the area summary PDF here.",
)
@click.option("--anonymise", is_flag=True, help='Show services as "Service A, B, ..." everywhere.')
@click.option("--include-practice", is_flag=True, help="Count practice files (examples, workshops) in the figures.")
@click.option(
    "--include-drafts",
    is_flag=True,
    help=f"Count drafts (under {DRAFT_THRESHOLD:.0%} of questions answered) in the figures.",
)
@click.option("--include-notes", is_flag=True, help="Export free-text notes too (left out by default).")
@force_option
@bank_option
def compare_command(
    files_or_folders: tuple[Path, ...],
    output: Path | None,
    pdf_path: Path | None,
    anonymise: bool,
    include_practice: bool,
    include_drafts: bool,
    include_notes: bool,
    force: bool,
    bank_path: Path | None,
) -> None:
    """Compare many submitted assessments (JSON or PDF files, or folders of them)."""
    paths = files_or_folders
    if output is not None and output.suffix.lower() not in (".csv", ".xlsx"):
        fail(f"{output}: the output must end in .csv or .xlsx")
    outputs = [
        *(table_paths(output, include_notes=include_notes).values() if output else ()),
        *filter(None, [pdf_path]),
    ]
    check_outputs(outputs, inputs=_inputs(paths), force=force)
    bank: QuestionBank = read_bank(bank_path)
    # The whole comparison makes many small objects and no cycles: pausing the collector saves CPU.
    with cycle_collector_paused():
        intake = read_submissions(gather_files(paths), bank)
        report(intake)
        comparison = compare_intake(
            bank,
            intake,
            today=date.today(),
            include_practice=include_practice,
            include_drafts=include_drafts,
            anonymise=anonymise,
        )
    if not comparison.rows:
        practice = intake.count(FileStatus.PRACTICE) if not include_practice else 0
        drafts = len(comparison.drafts_apart)
        hints = [f"{counted(practice, 'practice file')} left out: add --include-practice"] if practice else []
        hints += [f"{counted(drafts, 'draft')} left out: add --include-drafts"] if drafts else []
        hint = f" ({'; '.join(hints)})" if hints else ""
        fail(f"no file could be used for the comparison{hint}")
    say(describe(comparison))
    if output is not None:
        for written in write_tables(comparison, output, include_notes=include_notes):
            say(f"Wrote {written}", err=True)
    if pdf_path is not None:
        from checklist.render.area_pdf import build_area_summary_pdf  # fonts and charts load only when asked

        write_output(pdf_path, build_area_summary_pdf(comparison, tool_version=__version__))
        say(f"Wrote {pdf_path}", err=True)
