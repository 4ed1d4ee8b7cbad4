"""`checklist plan`: the PDF action plan from the command line, the same PDF as the app's download."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import click

from checklist.commands.common import bank_option, fail, say
from checklist.commands.files import check_outputs, force_option, read_assessment, read_bank, write_output
from checklist.domain.wording import counted


def _creation_date(value: str | None) -> datetime | None:
    if value is None:
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"'{value}' is not an ISO date or date-time such as 2026-03-01") from None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


@click.command("plan")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "-o",
    "--output",
    "output",
    type=click.Path(dir_okay=False, path_type=Path),
    required=True,
    metavar="PLAN.pdf",
    help="The PDF to write.",
)
@bank_option
@click.option(
    "--creation-date",
    "creation_date",
    default=None,
    metavar="ISO",
    help="Date to stamp in the PDF, e.g. 2026-03-01; the same input and date give the same bytes.",
)
@force_option
def plan_command(file: Path, output: Path, bank_path: Path | None, creation_date: str | None, force: bool) -> None:
    """Make the PDF action plan for an assessment file (JSON, or a PDF made by this tool)."""
    # Imported here so that `checklist --help` stays fast: the PDF stack is heavy.
    from checklist import __version__
    from checklist.domain.readiness import missing_for_report, missing_sentence
    from checklist.domain.scoring import score_assessment
    from checklist.render.pdf import build_action_plan_pdf

    created = _creation_date(creation_date)
    check_outputs([output], inputs=[file], force=force)
    bank = read_bank(bank_path)
    assessment = read_assessment(file, bank)
    missing = missing_for_report(assessment)
    if missing:
        fail(f"no PDF was made: {missing_sentence(missing)}.")
    result = score_assessment(bank, assessment)
    pdf = build_action_plan_pdf(bank, assessment, result, tool_version=__version__, creation_date=created)
    write_output(output, pdf)
    say(
        f"Wrote {output} ({len(pdf) / 1000:.0f} kB): "
        f"{counted(len(assessment.actions), 'planned action')}, {counted(len(result.gaps), 'gap')}"
    )
