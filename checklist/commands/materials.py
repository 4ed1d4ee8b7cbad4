"""`checklist demo` and `checklist blank`: training materials from the command line."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import click

from checklist import __version__
from checklist.commands.common import bank_option, say
from checklist.commands.files import check_outputs, force_option, make_folder, read_bank, write_output
from checklist.domain.bank import QuestionBank
from checklist.domain.errors import ChecklistError
from checklist.domain.examples import example_assessment, example_ids


@click.command()
@click.option(
    "-o",
    "--output",
    "folder",
    type=click.Path(file_okay=False, path_type=Path),
    required=True,
    help="Folder to write the example files into (made if missing).",
)
@click.option("--no-pdf", is_flag=True, help="Write only the JSON files (faster).")
@force_option
@bank_option
def demo(folder: Path, no_pdf: bool, force: bool, bank_path: Path | None) -> None:
    """Write the fictional example services' assessments (JSON and PDF), all marked as practice."""
    from checklist.domain.loading import dump_assessment
    from checklist.domain.scoring import score_assessment
    from checklist.render.pdf import build_action_plan_pdf

    bank = read_bank(bank_path)
    make_folder(folder)
    kinds = ("json",) if no_pdf else ("json", "pdf")
    names = [f"{e}.{kind}" for e in example_ids() for kind in kinds]
    check_outputs((folder / n for n in names), force=force, replaceable=lambda data: _is_an_example(data, bank))
    now = datetime.now(UTC)
    for example_id in example_ids():
        # A fixed id per example, so re-running the demo replaces files instead of adding look-alikes.
        assessment = example_assessment(bank, example_id, assessment_id=f"example-{example_id}")
        files = {f"{example_id}.json": dump_assessment(assessment, tool_version=__version__, now=now)}
        if not no_pdf:
            result = score_assessment(bank, assessment)
            files[f"{example_id}.pdf"] = build_action_plan_pdf(
                bank, assessment, result, tool_version=__version__, creation_date=now
            )
        for name, data in files.items():
            write_output(folder / name, data)
            say(f"Wrote {folder / name}")


def _is_an_example(data: bytes, bank: QuestionBank) -> bool:
    """Whether a file is one of the demo's own practice examples, which --force may replace."""
    from checklist.domain.loading import load_assessment

    try:
        assessment = load_assessment(data, "existing file", bank).assessment
    except ChecklistError:
        return False
    return assessment.practice and assessment.id.startswith("example-")


@click.command()
@click.option(
    "-o",
    "--output",
    "path",
    type=click.Path(dir_okay=False, path_type=Path),
    default=Path("checklist.pdf"),
    show_default=True,
    metavar="CHECKLIST.pdf",
    help="Where to write the PDF.",
)
@force_option
@bank_option
def blank(path: Path, force: bool, bank_path: Path | None) -> None:
    """Write the whole checklist on paper, with a facilitator's sheet per theme."""
    from checklist.render.blank_pdf import build_blank_checklist_pdf

    bank = read_bank(bank_path)
    check_outputs([path], force=force)
    write_output(path, build_blank_checklist_pdf(bank, tool_version=__version__))
    say(f"Wrote {path}: the {bank.question_count} questions of '{bank.id}' {bank.version} on paper")
