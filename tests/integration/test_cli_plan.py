"""`checklist plan FILE -o plan.pdf`: the PDF action plan from the command line."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import yaml
from click.testing import CliRunner, Result

from checklist.cli import main
from checklist.domain.assessment import PlannedAction, Service
from checklist.domain.loading import dump_assessment, load_assessment
from tests.builders import bank_document, make_assessment, make_bank

BANK = make_bank()
ASSESSMENT = make_assessment(
    BANK,
    {"a1": "not_met", "a2": "partly"},
    service=Service(name="Riverside", organisation="Riverside Trust"),
    assessed_on=date(2026, 2, 1),
    actions=[PlannedAction(question_id="a1", text="Fix it.")],
)


def files(tmp_path: Path) -> tuple[Path, Path]:
    bank = tmp_path / "bank.yaml"
    bank.write_text(yaml.safe_dump(bank_document()), encoding="utf-8")
    answers = tmp_path / "assessment.json"
    answers.write_bytes(dump_assessment(ASSESSMENT, tool_version="test", now=datetime(2026, 1, 1, tzinfo=UTC)))
    return bank, answers


def fixed_date(bank: Path) -> tuple[str | Path, ...]:
    return ("--bank", bank, "--creation-date", "2026-03-01")


def run(*args: str | Path) -> Result:
    return CliRunner().invoke(main, [str(a) for a in args])


def test_plan_writes_a_pdf_that_carries_the_assessment(tmp_path: Path):
    bank, answers = files(tmp_path)
    result = run("plan", answers, "-o", tmp_path / "plan.pdf", "--bank", bank)
    loaded = load_assessment((tmp_path / "plan.pdf").read_bytes(), "plan.pdf", BANK).assessment
    assert (result.exit_code, loaded.actions, loaded.answers) == (0, ASSESSMENT.actions, ASSESSMENT.answers)


def test_plan_says_what_it_wrote(tmp_path: Path):
    bank, answers = files(tmp_path)
    result = run("plan", answers, "-o", tmp_path / "plan.pdf", "--bank", bank)
    assert f"Wrote {tmp_path / 'plan.pdf'}" in result.output
    assert "1 planned action, 2 gaps" in result.output


def test_plan_accepts_its_own_pdf_as_input(tmp_path: Path):
    bank, answers = files(tmp_path)
    run("plan", answers, "-o", tmp_path / "first.pdf", *fixed_date(bank))
    again = run(
        "plan", tmp_path / "first.pdf", "-o", tmp_path / "second.pdf", "--bank", bank, "--creation-date", "2026-03-01"
    )
    assert (again.exit_code, (tmp_path / "second.pdf").read_bytes()) == (0, (tmp_path / "first.pdf").read_bytes())


def test_a_fixed_creation_date_gives_the_same_bytes_twice(tmp_path: Path):
    bank, answers = files(tmp_path)
    for name in ("one.pdf", "two.pdf"):
        run("plan", answers, "-o", tmp_path / name, "--bank", bank, "--creation-date", "2026-03-01T10:00:00")
    assert (tmp_path / "one.pdf").read_bytes() == (tmp_path / "two.pdf").read_bytes()


def test_a_bad_creation_date_is_refused_in_words(tmp_path: Path):
    bank, answers = files(tmp_path)
    result = run("plan", answers, "-o", tmp_path / "plan.pdf", "--bank", bank, "--creation-date", "last tuesday")
    assert result.exit_code == 2
    assert result.output.splitlines()[-1] == (
        "Error: Invalid value: 'last tuesday' is not an ISO date or date-time such as 2026-03-01"
    )


def test_a_file_that_is_not_an_assessment_fails_with_a_message_and_no_pdf(tmp_path: Path):
    bank, _ = files(tmp_path)
    junk = tmp_path / "junk.json"
    junk.write_text("{not json", encoding="utf-8")
    result = run("plan", junk, "-o", tmp_path / "plan.pdf", "--bank", bank)
    assert result.exit_code == 1
    assert result.output == (
        f"Error: {junk}: the file is not valid JSON: a name is not in double quotes, or a comma comes just before "
        "a closing bracket (line 1, column 2)\n"
    )
    assert not (tmp_path / "plan.pdf").exists()


def test_an_output_into_a_missing_folder_fails_with_a_message(tmp_path: Path):
    bank, answers = files(tmp_path)
    target = tmp_path / "missing-folder" / "plan.pdf"
    result = run("plan", answers, "-o", target, "--bank", bank)
    assert result.exit_code == 1
    assert result.stderr == f"Error: {target}: the folder {target.parent} does not exist\n"


def test_plan_refuses_plainly_when_the_profile_does_not_name_the_service(tmp_path: Path):
    """No PDF says "Unnamed service": the command names what is missing and writes nothing."""
    bank, _ = files(tmp_path)
    unnamed = tmp_path / "unnamed.json"
    draft = ASSESSMENT.model_copy(update={"service": Service(), "assessed_on": None})
    unnamed.write_bytes(dump_assessment(draft, tool_version="test", now=datetime(2026, 1, 1, tzinfo=UTC)))

    result = run("plan", unnamed, "-o", tmp_path / "plan.pdf", "--bank", bank)

    assert (result.exit_code, result.output.strip(), (tmp_path / "plan.pdf").exists()) == (
        1,
        "Error: no PDF was made: the PDF needs the service name, the organisation and the date of the assessment "
        "in the service profile first.",
        False,
    )
