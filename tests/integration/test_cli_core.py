"""The core commands: validate-bank, schema and score, through click and once as a real process."""

from __future__ import annotations

import copy
import json
import os
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import yaml
from click.testing import CliRunner, Result

from checklist.cli import main
from checklist.domain.assessment import Assessment, Service
from checklist.domain.bank import QuestionBank, load_bank
from checklist.domain.loading import dump_assessment
from tests.builders import bank_document, make_assessment, make_bank, question

GAP_KEYS = {"question_id", "theme_id", "answer", "weight", "safety", "cost", "quick_win"}


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def write_bank(tmp_path: Path, document: dict[str, object] | None = None) -> Path:
    path = tmp_path / "bank.yaml"
    path.write_bytes(yaml.safe_dump(copy.deepcopy(document or bank_document())).encode())
    return path


def write_assessment(tmp_path: Path, assessment: Assessment, name: str = "riverside.json") -> Path:
    path = tmp_path / name
    path.write_bytes(dump_assessment(assessment, tool_version="test", now=datetime(2024, 1, 1, tzinfo=UTC)))
    return path


def tiny_case(tmp_path: Path) -> tuple[Path, Path, QuestionBank]:
    """A bank of a1 (w2), a2 (w3) in alpha and b1 (w1) in beta; answers a1 met, a2 not met, b1 unanswered."""
    bank_path = write_bank(tmp_path)
    bank = load_bank(bank_path)
    assessment = make_assessment(bank, {"a1": "met", "a2": "not_met"}, service=Service(name="Riverside Recovery"))
    return bank_path, write_assessment(tmp_path, assessment), bank


def shipped_assessment(tmp_path: Path, shipped_bank: QuestionBank) -> Path:
    answers = dict.fromkeys([q.id for _, q in shipped_bank.questions()][:10], "partly")
    return write_assessment(tmp_path, make_assessment(shipped_bank, answers))


def test_validate_bank_passes_the_shipped_bank_with_a_one_line_summary() -> None:
    result = run("validate-bank")
    assert result.exit_code == 0
    assert result.stdout.endswith(
        "recommendations.yaml: bank 'women-access' 1.2.0 is valid: 11 themes, 76 questions, 41 sources; "
        "a women's survey of 13 questions\n"
    )


def test_validate_bank_summary_counts_themes_questions_and_sources(tmp_path: Path) -> None:
    path = write_bank(tmp_path)
    result = run("validate-bank", str(path))
    assert (result.exit_code, result.stdout) == (
        0,
        f"{path}: bank 'test-bank' 1.0.0 is valid: 2 themes, 3 questions, 1 source\n",
    )


def test_validate_bank_on_a_broken_bank_lists_every_problem_and_exits_non_zero(tmp_path: Path) -> None:
    document = bank_document({"alpha": [question("a1", weight=4), question("a2", sources=["nope"], cost="free")]})
    path = write_bank(tmp_path, document)
    result = run("validate-bank", str(path))
    assert result.exit_code != 0
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        f"Error: {path}: 2 problems",
        "  - theme 'alpha', question 'a1', weight: Input should be 1, 2 or 3",
        "  - theme 'alpha', question 'a2', cost: Input should be 'none', 'low', 'medium' or 'high'",
    ]


def test_validate_bank_on_a_missing_file_says_so_without_a_traceback(tmp_path: Path) -> None:
    result = run("validate-bank", str(tmp_path / "none.yaml"))
    assert result.exit_code != 0
    assert "cannot be read" in result.stderr
    assert "Traceback" not in result.output


def test_schema_prints_valid_json_describing_the_format_and_its_version() -> None:
    result = run("schema")
    assert result.exit_code == 0
    schema = json.loads(result.stdout)
    assert schema["properties"]["format"]["const"] == "checklist.assessment"
    assert schema["properties"]["format_version"]["const"] == 2
    assert schema == Assessment.model_json_schema()


def test_score_prints_a_readable_summary(tmp_path: Path) -> None:
    bank_path, file, _ = tiny_case(tmp_path)
    result = run("score", str(file), "--bank", str(bank_path))
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0] == "Riverside Recovery: overall score 40.0 out of 100"
    assert lines[1] == "Completion: 2 of 3 applicable questions answered (67%)"
    assert "no score yet" in result.stdout
    assert "1. [a2] Question a2?  (quick win)" in result.stdout


def test_score_json_has_overall_completion_themes_and_gaps(tmp_path: Path) -> None:
    """alpha: a1 met 2 × 1, a2 not met 3 × 0 → 2 / 5 = 40; beta unanswered → null; completion 2 / 3."""
    bank_path, file, _ = tiny_case(tmp_path)
    result = run("score", str(file), "--json", "--bank", str(bank_path))
    assert result.exit_code == 0
    summary = json.loads(result.stdout)
    assert summary.keys() == {"overall", "completion", "themes", "gaps"}
    assert (summary["overall"], summary["completion"], summary["themes"]) == (
        40.0,
        0.667,
        {"alpha": 40.0, "beta": None},
    )


def test_score_json_gaps_have_exactly_the_documented_keys_in_rank_order(tmp_path: Path) -> None:
    bank_path, file, _ = tiny_case(tmp_path)
    gaps = json.loads(run("score", str(file), "--json", "--bank", str(bank_path)).stdout)["gaps"]
    assert gaps == [
        {
            "question_id": "a2",
            "theme_id": "alpha",
            "answer": "not_met",
            "weight": 3,
            "safety": False,
            "cost": "low",
            "quick_win": True,
        }
    ]
    assert all(gap.keys() == GAP_KEYS for gap in gaps)


def test_score_uses_the_shipped_bank_by_default(tmp_path: Path, shipped_bank: QuestionBank) -> None:
    result = run("score", str(shipped_assessment(tmp_path, shipped_bank)), "--json")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["themes"].keys() == {t.id for t in shipped_bank.themes}


def test_score_with_another_bank_warns_on_stderr_but_still_scores(tmp_path: Path, shipped_bank: QuestionBank) -> None:
    bank_path = write_bank(tmp_path)
    result = run("score", str(shipped_assessment(tmp_path, shipped_bank)), "--bank", str(bank_path), "--json")
    assert result.exit_code == 0
    assert "Warning:" in result.stderr
    assert "women-access" in result.stderr
    assert json.loads(result.stdout)["overall"] is None


def test_score_on_a_bad_file_gives_one_plain_line_and_a_non_zero_exit(tmp_path: Path) -> None:
    bad = tmp_path / "broken.json"
    bad.write_text('{"format": "checklist.assessment", "format_version": 2, "answ', encoding="utf-8")
    result = run("score", str(bad))
    assert result.exit_code != 0
    assert result.stdout == ""
    assert len(result.stderr.splitlines()) == 1
    assert result.stderr.startswith(f"Error: {bad}: the file is not valid JSON")


def test_score_on_a_missing_file_gives_a_plain_error(tmp_path: Path) -> None:
    result = run("score", str(tmp_path / "missing.json"))
    assert result.exit_code != 0
    assert result.stderr.startswith("Error: ")
    assert "cannot be read" in result.stderr


def test_score_with_a_broken_bank_names_the_bank(tmp_path: Path) -> None:
    bank_path = tmp_path / "bank.yaml"
    bank_path.write_bytes(b"schema_version: 1\nthemes: [\n")
    file = write_assessment(tmp_path, make_assessment(make_bank(), {"a1": "met"}))
    result = run("score", str(file), "--bank", str(bank_path))
    assert result.exit_code != 0
    assert result.stderr.startswith(f"Error: {bank_path}: the YAML cannot be read")


def test_the_installed_console_script_scores_a_file_and_fails_cleanly(tmp_path: Path) -> None:
    """One real process: the `checklist` entry point installed next to this Python."""
    script = Path(sys.executable).with_name("checklist")
    assert script.is_file(), "the checklist console script is not installed in this venv"
    bank_path, file, _ = tiny_case(tmp_path)
    env = {**os.environ, "CHECKLIST_BANK": str(bank_path)}
    good = subprocess.run([str(script), "score", str(file), "--json"], capture_output=True, text=True, env=env)
    assert (good.returncode, json.loads(good.stdout)["overall"]) == (0, 40.0)
    bad = tmp_path / "empty.json"
    bad.write_bytes(b"")
    failed = subprocess.run([str(script), "score", str(bad)], capture_output=True, text=True, env=env)
    assert (failed.returncode, failed.stdout, failed.stderr) == (
        1,
        "",
        f"Error: {bad}: the file is not valid JSON: it is empty\n",
    )
