"""`checklist compare` and `score` hold the per-file boundary: the whole corpus, and an injected failure."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from checklist.cli import main
from checklist.domain import loading
from tests.corpus.make_corpus import FILES
from tests.integration.test_bad_input_corpus import CHECKLIST, ENTRIES
from tests.integration.test_cli_compare import bank_file

GOOD = FILES / "utf8_bom.json"


def failing_on(monkeypatch: pytest.MonkeyPatch, bad_name: str) -> None:
    real = loading._sniff

    def sniff(data: bytes, name: str) -> bytes:
        if name.endswith(bad_name):
            raise ZeroDivisionError("division by zero")
        return real(data, name)

    monkeypatch.setattr(loading, "_sniff", sniff)


def test_compare_over_the_whole_corpus_folder_reports_every_file_and_compares_the_good_ones(tmp_path: Path) -> None:
    folder = tmp_path / "submitted"
    shutil.copytree(FILES, folder)
    assessments = [e["file"] for e in ENTRIES if e["kind"] == "assessment" and "file" in e]

    result = subprocess.run(
        [str(CHECKLIST), "compare", str(folder), "--bank", str(bank_file(tmp_path)), "--include-drafts"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )

    assert "Traceback" not in result.stderr
    assert result.returncode == 0, result.stderr[-2000:]
    for entry in ENTRIES:
        if entry.get("file") in assessments and entry.get("expect", "error") == "error":
            line = next(x for x in result.stderr.splitlines() if x.endswith(entry["file"]) or f"/{entry['file']}:" in x)
            assert line.startswith("rejected"), line
            assert entry["phrase"] in line


def test_an_unexpected_failure_reading_one_file_rejects_it_and_compare_goes_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shutil.copy(GOOD, tmp_path / "bad.json")
    shutil.copy(GOOD, tmp_path / "good.json")
    failing_on(monkeypatch, "bad.json")

    result = CliRunner().invoke(
        main, ["compare", str(tmp_path), "--bank", str(bank_file(tmp_path)), "--include-drafts"]
    )

    assert result.exit_code == 0, result.output
    assert (
        f"rejected   {tmp_path / 'bad.json'}: the file could not be read "
        "(an unexpected problem inside the tool (ZeroDivisionError); please report it with the file)"
    ) in result.stderr
    assert "1 service compared" in result.stdout


def test_an_unexpected_failure_reading_the_file_to_score_is_one_plain_sentence(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shutil.copy(GOOD, tmp_path / "bad.json")
    failing_on(monkeypatch, "bad.json")

    result = CliRunner().invoke(main, ["score", str(tmp_path / "bad.json"), "--bank", str(bank_file(tmp_path))])

    assert result.exit_code == 1
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert result.stderr.startswith(f"Error: {tmp_path / 'bad.json'}: the file could not be read")
