"""`checklist compare` on real files and folders: outputs, file report on stderr, exit status."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pandas as pd
import yaml
from click.testing import CliRunner, Result

from checklist.cli import main
from checklist.domain.assessment import Assessment, Service
from checklist.domain.loading import dump_assessment
from tests.builders import bank_document, make_assessment, make_bank

BANK = make_bank()


def bank_file(tmp_path: Path) -> Path:
    path = tmp_path / "bank.yaml"
    path.write_text(yaml.safe_dump(bank_document()), encoding="utf-8")
    return path


def write(folder: Path, name: str, assessment: Assessment) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_bytes(dump_assessment(assessment, tool_version="test", now=datetime(2025, 1, 1, tzinfo=UTC)))
    return path


def submissions(folder: Path) -> Path:
    write(folder, "hub.json", make_assessment(BANK, {"a1": "met", "a2": "not_met"}, service=Service(name="City Hub")))
    write(folder / "nested", "home.json", make_assessment(BANK, {"a1": "partly"}, service=Service(name="=Home")))
    (folder / "broken.json").write_bytes(b"{oops")
    (folder / "readme.txt").write_text("not a submission", encoding="utf-8")
    return folder


def run(tmp_path: Path, *args: str) -> Result:
    return CliRunner().invoke(main, ["compare", "--bank", str(bank_file(tmp_path)), *args, "--include-drafts"])


def run_as_is(tmp_path: Path, *args: str) -> Result:
    """The command with its own defaults: drafts left out."""
    return CliRunner().invoke(main, ["compare", "--bank", str(bank_file(tmp_path)), *args])


def test_a_folder_is_walked_for_json_files_and_each_file_is_reported(tmp_path: Path) -> None:
    result = run(tmp_path, str(submissions(tmp_path / "in")))

    assert result.exit_code == 0
    assert "4 files: 2 accepted, 1 rejected, 1 skipped" in result.stderr
    assert f"skipped    {tmp_path / 'in' / 'readme.txt'}: not a .json or .pdf file" in result.stderr


def test_the_csv_output_holds_services_and_a_gaps_file_beside_it(tmp_path: Path) -> None:
    out = tmp_path / "comparison.csv"

    run(tmp_path, str(submissions(tmp_path / "in")), "-o", str(out))

    services = pd.read_csv(out, encoding="utf-8-sig")
    gaps = pd.read_csv(tmp_path / "comparison-gaps.csv", encoding="utf-8-sig")
    assert sorted(services["Service"]) == ["'=Home", "City Hub"]
    assert set(gaps["Question id"]) == {"a1", "a2"}


def test_the_xlsx_output_holds_both_tables(tmp_path: Path) -> None:
    out = tmp_path / "comparison.xlsx"

    run(tmp_path, str(submissions(tmp_path / "in")), "-o", str(out), "--anonymise")

    sheets = pd.read_excel(out, sheet_name=None)
    assert list(sheets) == ["Services", "Common gaps", "Action plans", "Overdue actions"]
    assert sorted(sheets["Services"]["Service"]) == ["Service A", "Service B"]


def test_notes_are_exported_only_with_include_notes(tmp_path: Path) -> None:
    folder = submissions(tmp_path / "in")

    run(tmp_path, str(folder), "-o", str(tmp_path / "plain.csv"))
    run(tmp_path, str(folder), "-o", str(tmp_path / "noted.csv"), "--include-notes")

    assert (tmp_path / "plain-notes.csv").exists() is False
    assert (tmp_path / "noted-notes.csv").exists()


def test_the_exit_status_is_non_zero_when_no_file_can_be_used(tmp_path: Path) -> None:
    (tmp_path / "broken.json").write_bytes(b"")

    result = run(tmp_path, str(tmp_path / "broken.json"))

    assert result.exit_code == 1
    assert "no file could be used" in result.stderr


def test_a_missing_path_is_reported_and_the_rest_still_compared(tmp_path: Path) -> None:
    hub = write(tmp_path, "hub.json", make_assessment(BANK, {"a1": "met"}, service=Service(name="Hub")))

    result = run(tmp_path, str(tmp_path / "missing.json"), str(hub))

    assert result.exit_code == 0
    assert "missing.json: cannot be read" in result.stderr


def test_practice_files_alone_fail_with_a_hint_to_include_them(tmp_path: Path) -> None:
    example = write(tmp_path, "example.json", make_assessment(BANK, {"a1": "met"}, practice=True))

    result = run(tmp_path, str(example))

    assert result.exit_code == 1
    assert result.stderr.splitlines()[-1] == (
        "Error: no file could be used for the comparison (1 practice file left out: add --include-practice)"
    )


def test_practice_files_count_with_include_practice(tmp_path: Path) -> None:
    example = write(tmp_path, "example.json", make_assessment(BANK, {"a1": "met"}, practice=True))

    result = run(tmp_path, str(example), "--include-practice")

    assert result.exit_code == 0
    assert result.stdout.splitlines()[0] == (
        "1 service compared on question bank 1.0.0; median overall score 100.0; 0 with a safety gap; 0 overdue actions"
    )


def test_an_output_that_is_neither_csv_nor_xlsx_is_refused(tmp_path: Path) -> None:
    result = run(tmp_path, str(submissions(tmp_path / "in")), "-o", str(tmp_path / "out.ods"))

    assert result.exit_code == 1
    assert result.stderr == f"Error: {tmp_path / 'out.ods'}: the output must end in .csv or .xlsx\n"


def test_the_same_file_twice_is_reported_as_a_duplicate(tmp_path: Path) -> None:
    hub = write(tmp_path, "hub.json", make_assessment(BANK, {"a1": "met"}, service=Service(name="Hub")))
    (tmp_path / "hub copy.json").write_bytes(hub.read_bytes())

    result = run(tmp_path, str(hub), str(tmp_path / "hub copy.json"))

    assert "duplicate" in result.stderr
    assert "1 service compared" in result.stdout


def as_pdf(assessment: Assessment) -> bytes:
    """A PDF carrying the assessment as its attachment, as the tool's action plan does."""
    from fpdf import FPDF

    from checklist.domain.loading import ATTACHMENT_NAME

    pdf = FPDF()
    pdf.add_page()
    pdf.embed_file(bytes=write_bytes(assessment), basename=ATTACHMENT_NAME, mime_type="application/json")
    return bytes(pdf.output())


def write_bytes(assessment: Assessment) -> bytes:
    return dump_assessment(assessment, tool_version="test", now=datetime(2025, 1, 1, tzinfo=UTC))


def test_a_pdf_and_the_json_of_the_same_assessment_count_once(tmp_path: Path) -> None:
    hub = make_assessment(BANK, {"a1": "met"}, service=Service(name="Hub"))
    write(tmp_path / "in", "hub.json", hub)
    (tmp_path / "in" / "hub.pdf").write_bytes(as_pdf(hub))

    result = run(tmp_path, str(tmp_path / "in"))

    assert "2 files: 1 accepted, 1 duplicate" in result.stderr
    assert "1 service compared" in result.stdout


def test_files_from_an_older_bank_are_compared_like_for_like_and_the_left_out_question_named(tmp_path: Path) -> None:
    document = bank_document(version="1.1.0")
    document["themes"][0]["questions"][1]["changed_in"] = "1.1.0"
    bank_path = tmp_path / "bank-1.1.yaml"
    bank_path.write_text(yaml.safe_dump(document), encoding="utf-8")
    old = make_assessment(BANK, {"a1": "met", "a2": "not_met"}, service=Service(name="Old"))
    new = make_assessment(make_bank(version="1.1.0"), {"a1": "met", "a2": "not_met"}, service=Service(name="New"))
    write(tmp_path / "in", "old.json", old)
    write(tmp_path / "in", "new.json", new)

    result = CliRunner().invoke(main, ["compare", "--bank", str(bank_path), str(tmp_path / "in"), "--include-drafts"])

    assert "Old: overall 100.0" in result.stdout
    assert "New: overall 40.0" in result.stdout
    assert "Left out for version 1.0.0: a2 (its meaning changed in version 1.1.0, after version 1.0.0)" in result.stdout


def test_drafts_are_left_out_of_the_figures_unless_include_drafts_is_given(tmp_path: Path) -> None:
    every = {"a1": "met", "a2": "partly", "b1": "not_met"}
    write(tmp_path / "in", "done.json", make_assessment(BANK, every, service=Service(name="Done")))
    write(tmp_path / "in", "draft.json", make_assessment(BANK, {"a1": "met"}, service=Service(name="Half")))

    left_out = run_as_is(tmp_path, str(tmp_path / "in"))
    counted_in = run_as_is(tmp_path, str(tmp_path / "in"), "--include-drafts")

    assert left_out.stdout.splitlines()[0].startswith("1 service compared")
    assert "Half: Draft: 1 of 3 questions answered" in left_out.stdout
    assert counted_in.stdout.splitlines()[0].startswith("2 services compared")
    assert "Half: overall 100.0 (Draft: 1 of 3 questions answered)" in counted_in.stdout


def test_only_drafts_fail_with_a_hint_to_include_them(tmp_path: Path) -> None:
    write(tmp_path / "in", "draft.json", make_assessment(BANK, {"a1": "met"}, service=Service(name="Half")))

    result = run_as_is(tmp_path, str(tmp_path / "in"))

    assert result.exit_code != 0
    assert "1 draft left out: add --include-drafts" in result.stderr
