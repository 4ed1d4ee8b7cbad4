"""The `checklist` command: a thin shell over the core.

Every command reads its input through the same loaders as the app and maps
ChecklistError to a plain message and a non-zero exit, never a traceback.
"""

from __future__ import annotations

import json
from pathlib import Path

import click

from checklist import __version__
from checklist.cli_materials import blank, demo
from checklist.commands.common import bank_option, counted, fail, read_assessment, read_bank, say
from checklist.domain.assessment import Assessment
from checklist.domain.bank import QuestionBank
from checklist.domain.scoring import ScoreResult, score_assessment
from checklist.paths import default_bank_path

# Re-exported: the helpers' long-standing home, which callers outside this package may still use.
__all__ = ["fail", "main", "read_assessment", "read_bank"]


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="checklist")
def main() -> None:
    """Women's access self-assessment for drug and alcohol services."""


@main.command("validate-bank")
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path), required=False)
def validate_bank(path: Path | None) -> None:
    """Check a question bank and print a one-line summary."""
    path = path or default_bank_path()
    bank = read_bank(path)
    counts = ", ".join(
        counted(n, noun)
        for n, noun in ((len(bank.themes), "theme"), (bank.question_count, "question"), (len(bank.sources), "source"))
    )
    say(f"{path}: bank '{bank.id}' {bank.version} is valid: {counts}")


@main.command()
def schema() -> None:
    """Print the JSON Schema of the assessment file."""
    say(json.dumps(Assessment.model_json_schema(), indent=2))


@main.command()
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
@bank_option
def score(file: Path, as_json: bool, bank_path: Path | None) -> None:
    """Score an assessment file (JSON, or a PDF made by this tool)."""
    bank = read_bank(bank_path)
    assessment = read_assessment(file, bank)
    result = score_assessment(bank, assessment)
    if as_json:
        say(json.dumps(result.summary(), indent=2))
    else:
        say(describe_result(bank, assessment, result))


def describe_result(bank: QuestionBank, assessment: Assessment, result: ScoreResult) -> str:
    def pct(value: float | None) -> str:
        return "no score yet" if value is None else f"{value:.1f}"

    name = assessment.service.name or "(service not named)"
    lines = [
        f"{name}: overall score {pct(result.overall)} out of 100",
        f"Completion: {result.answered} of {result.applicable} applicable questions answered ({result.completion:.0%})",
        "",
        "Themes:",
    ]
    width = max(len(t.title) for t in result.themes)
    lines += [f"  {t.title:<{width}}  {pct(t.score):>12}  ({t.answered}/{t.applicable})" for t in result.themes]
    lines += ["", f"Gaps, most important first ({len(result.gaps)}):"]
    for rank, gap in enumerate(result.gaps, 1):
        question = bank.question(gap.question_id)
        marks = ", ".join(
            m for m, on in (("safety", gap.safety), ("quick win", gap.quick_win), ("to check", gap.to_check)) if on
        )
        text = question.text if question else gap.question_id
        lines.append(f"  {rank:>2}. [{gap.question_id}] {text}" + (f"  ({marks})" if marks else ""))
    return "\n".join(lines)


main.add_command(demo)
main.add_command(blank)


from checklist.commands.compare import compare_command  # noqa: E402 - registered after main exists

main.add_command(compare_command)

from checklist.commands.plan import plan_command  # noqa: E402 - registered after main exists

main.add_command(plan_command)

from checklist.commands.doctor import doctor_command  # noqa: E402 - registered after main exists

main.add_command(doctor_command)

if __name__ == "__main__":  # pragma: no cover
    main()
