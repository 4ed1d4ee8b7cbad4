"""`checklist score`, `validate-bank` and `schema`: reading one file and saying what it holds."""

from __future__ import annotations

import json
from pathlib import Path

import click

from checklist.commands.common import bank_option, say
from checklist.commands.files import read_assessment, read_bank
from checklist.domain.assessment import Assessment
from checklist.domain.bank import QuestionBank
from checklist.domain.scoring import ScoreResult, score_assessment
from checklist.domain.wording import counted, score_text
from checklist.paths import default_bank_path


@click.command("validate-bank")
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path), required=False)
def validate_bank_command(path: Path | None) -> None:
    """Check a question bank and print a one-line summary."""
    path = path or default_bank_path()
    bank = read_bank(path)
    counts = ", ".join(
        counted(n, noun)
        for n, noun in ((len(bank.themes), "theme"), (bank.question_count, "question"), (len(bank.sources), "source"))
    )
    if bank.survey is not None:
        counts += f"; a women's survey of {counted(len(bank.survey.questions), 'question')}"
    say(f"{path}: bank '{bank.id}' {bank.version} is valid: {counts}")


@click.command("schema")
def schema_command() -> None:
    """Print the JSON Schema of the assessment file."""
    say(json.dumps(Assessment.model_json_schema(), indent=2))


@click.command("score")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
@bank_option
def score_command(file: Path, as_json: bool, bank_path: Path | None) -> None:
    """Score an assessment file (JSON, or a PDF made by this tool)."""
    bank = read_bank(bank_path)
    assessment = read_assessment(file, bank)
    result = score_assessment(bank, assessment)
    if as_json:
        say(json.dumps(result.summary(), indent=2))
    else:
        say(describe_result(bank, assessment, result))


def describe_result(bank: QuestionBank, assessment: Assessment, result: ScoreResult) -> str:
    pct = score_text
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
        marks = ", ".join(
            m for m, on in (("safety", gap.safety), ("quick win", gap.quick_win), ("to check", gap.to_check)) if on
        )
        text = bank.text_of(gap.question_id)
        lines.append(f"  {rank:>2}. [{gap.question_id}] {text}" + (f"  ({marks})" if marks else ""))
    return "\n".join(lines)
