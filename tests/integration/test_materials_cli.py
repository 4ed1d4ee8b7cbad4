"""`checklist demo` and `checklist blank`, checked through the same loaders the app uses."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from checklist.cli import main
from checklist.domain.bank import QuestionBank
from checklist.domain.examples import example_ids
from checklist.domain.loading import load_assessment


def test_demo_writes_a_practice_json_and_pdf_per_example_that_load_cleanly(
    shipped_bank: QuestionBank, tmp_path: Path
) -> None:
    result = CliRunner().invoke(main, ["demo", "-o", str(tmp_path / "demo")])
    loaded = [
        load_assessment((tmp_path / "demo" / f"{e}.{kind}").read_bytes(), f"{e}.{kind}", shipped_bank)
        for e in example_ids()
        for kind in ("json", "pdf")
    ]
    assert (result.exit_code, [(x.assessment.practice, x.warnings) for x in loaded]) == (
        0,
        [(True, [])] * 2 * len(example_ids()),
    )


def test_demo_without_pdfs_writes_only_json(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["demo", "--no-pdf", "-o", str(tmp_path)])
    assert (result.exit_code, sorted(p.suffix for p in tmp_path.iterdir())) == (0, [".json"] * len(example_ids()))


def test_demo_into_a_folder_that_cannot_be_made_fails_in_plain_words(tmp_path: Path) -> None:
    (tmp_path / "taken").write_text("a file, not a folder")
    result = CliRunner().invoke(main, ["demo", "--no-pdf", "-o", str(tmp_path / "taken" / "demo")])
    assert result.exit_code == 1
    assert (
        result.output
        == f"Error: {tmp_path / 'taken' / 'demo'}: cannot make this folder (part of the path is a file, not a folder)\n"
    )


def test_blank_writes_the_paper_checklist(tmp_path: Path) -> None:
    target = tmp_path / "checklist.pdf"
    result = CliRunner().invoke(main, ["blank", "-o", str(target)])
    assert result.exit_code == 0
    assert target.read_bytes()[:5] == b"%PDF-"
    assert result.output == f"Wrote {target}: the 76 questions of 'women-access' 1.2.0 on paper\n"
