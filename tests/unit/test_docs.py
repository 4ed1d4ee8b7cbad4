"""The README is part of the product: these tests fail when it falls behind the code."""

from __future__ import annotations

import re
from pathlib import Path

import click
import pytest
from pydantic import BaseModel

from checklist.cli import main
from checklist.domain.assessment import Assessment
from checklist.domain.bank import (
    Evidence,
    ProfileOption,
    ProfileQuestion,
    Question,
    QuestionBank,
    RetiredQuestion,
    Source,
    SuggestedAction,
    Survey,
    SurveyQuestion,
    Theme,
)
from checklist.domain.scoring import score_assessment
from tests.builders import make_assessment, make_bank, question

ROOT = Path(__file__).resolve().parents[2]
README = ROOT / "README.md"
BANK_MODELS: list[type[BaseModel]] = [
    QuestionBank,
    Source,
    ProfileQuestion,
    ProfileOption,
    Theme,
    Evidence,
    Question,
    SuggestedAction,
    RetiredQuestion,
    Survey,
    SurveyQuestion,
]
# Computed by load_bank from the file's bytes; a bank author never writes it.
NOT_WRITTEN_BY_HAND = {"sha256"}


def readme() -> str:
    assert README.is_file(), "README.md is missing"
    return README.read_text(encoding="utf-8")


def section(title: str) -> str:
    """The text of the README section with this heading, up to the next heading of the same level."""
    match = re.search(rf"^(#+) {re.escape(title)}\s*$(.*?)(?=^\1 |\Z)", readme(), flags=re.M | re.S)
    assert match, f"README has no section '{title}'"
    return match.group(2)


def command_paths(group: click.Group, prefix: str = "checklist") -> list[str]:
    paths = []
    for name, command in sorted(group.commands.items()):
        if isinstance(command, click.Group):
            paths += command_paths(command, f"{prefix} {name}")
        else:
            paths.append(f"{prefix} {name}")
    return paths


@pytest.mark.parametrize("title", ["Quick start", "How scoring works", "The question bank format"])
def test_the_readme_has_the_section(title: str) -> None:
    assert section(title).strip()


@pytest.mark.parametrize("command", command_paths(main))
def test_every_cli_command_is_mentioned_in_the_readme(command: str) -> None:
    assert re.search(rf"`{re.escape(command)}(\s[^`]*)?`", readme()), f"README does not mention `{command}`"


def test_every_quick_start_command_is_a_make_target() -> None:
    block = re.search(r"```(?:bash|sh)?\n(.*?)```", section("Quick start"), flags=re.S)
    assert block
    commands = [line.split("#")[0].strip() for line in block.group(1).splitlines() if line.split("#")[0].strip()]
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert len(commands) == 2, commands
    for command in commands:
        target = command.removeprefix("make ").strip()
        assert command.startswith("make ")
        assert re.search(rf"^{re.escape(target)}:", makefile, flags=re.M), f"Makefile has no target '{target}'"


def named_in(text: str, key: str) -> bool:
    """Whether `text` writes `key` as a YAML key (`  key:`, `{key:`) or names it in backticks; never inside a word."""
    return bool(re.search(rf"[\s{{,]{re.escape(key)}:\s", text)) or f"`{key}`" in text


def test_a_key_inside_another_word_does_not_count_as_named() -> None:
    """Guards the check below: "id" is inside "ids" and "valid", "text" inside "context"."""
    assert [named_in("ids are valid in context", "id"), named_in("the text of it", "text")] == [False, False]
    assert [named_in("  - id: wy2021", "id"), named_in("{id: no, label: No}", "label")] == [True, True]
    assert named_in("a question's `id` never changes", "id") is True


@pytest.mark.parametrize("model", BANK_MODELS, ids=lambda m: m.__name__)
def test_the_bank_format_section_names_every_key_a_bank_may_hold(model: type[BaseModel]) -> None:
    text = section("The question bank format")
    missing = [key for key in model.model_fields if key not in NOT_WRITTEN_BY_HAND and not named_in(text, key)]
    assert missing == []


def test_the_assessment_file_section_names_every_top_level_field() -> None:
    text = section("The assessment file")
    assert [field for field in Assessment.model_fields if f"`{field}`" not in text] == []


def test_the_worked_scoring_example_in_the_readme_matches_the_scoring_module() -> None:
    """The README example: theme one has A (weight 2, met), B (weight 3, partly); theme two C (weight 1, unknown)."""
    bank = make_bank({"one": [question("a", weight=2), question("b", weight=3)], "two": [question("c", weight=1)]})
    result = score_assessment(bank, make_assessment(bank, {"a": "met", "b": "partly", "c": "unknown"}))
    one, two = (t.score for t in result.themes)
    assert (one, two, result.overall) == (70.0, 0.0, 58.3)
    text = section("How scoring works")
    assert f"= {one}" in text
    assert f"second {two}" in text
    assert f"= {result.overall}" in text
    assert f"mean of the themes would be {(70 + 0) / 2:g}" in text
    assert [g.question_id for g in result.gaps] == ["b", "c"]


def test_the_readme_command_table_is_the_one_the_cli_generates() -> None:
    """Regenerate it with `checklist reference` after changing a command."""
    from checklist.commands.reference import command_table

    assert command_table(main) in readme()
