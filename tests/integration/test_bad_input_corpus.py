"""Every file of the bad-input corpus, through the core and through the CLI.

The manifest (tests/corpus/manifest.yaml) says what each file is and which
plain-words phrase its message must contain; the app's upload path is tested
with the same corpus in tests/ui.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from checklist.domain.bank import BankError, parse_bank
from checklist.domain.errors import AssessmentFileError
from checklist.domain.loading import load_assessment
from tests.builders import bank_document, make_bank
from tests.corpus.make_corpus import FILES, GENERATED, SMALL

MANIFEST = Path(__file__).parents[1] / "corpus" / "manifest.yaml"
ENTRIES: list[dict[str, Any]] = yaml.safe_load(MANIFEST.read_text(encoding="utf-8"))["entries"]
CHECKLIST = Path(sys.executable).parent / "checklist"


def entry_name(entry: dict[str, Any]) -> str:
    return str(entry.get("file") or entry["generator"])


def corpus_file(entry: dict[str, Any], folder: Path) -> Path:
    """The file on disk: committed, or generated into `folder` because it is too big to commit."""
    if "file" in entry:
        return FILES / entry["file"]
    path = folder / entry["generator"]
    path.write_bytes(GENERATED[entry["generator"]]())
    return path


def by_name(kind: str | None = None) -> list[Any]:
    return [pytest.param(e, id=entry_name(e)) for e in ENTRIES if kind is None or e["kind"] == kind]


def test_the_corpus_has_at_least_a_hundred_bad_files() -> None:
    assert len([e for e in ENTRIES if e.get("expect", "error") == "error"]) >= 100


def test_every_committed_corpus_file_is_listed_in_the_manifest() -> None:
    listed = {e["file"] for e in ENTRIES if "file" in e}
    assert sorted(p.name for p in FILES.iterdir()) == sorted(listed)


@pytest.mark.parametrize("name", sorted(SMALL))
def test_committed_corpus_file_matches_its_generator(name: str) -> None:
    assert (FILES / name).read_bytes() == SMALL[name]()


@pytest.mark.parametrize("entry", by_name())
def test_core_gives_its_own_error_with_the_expected_phrase(entry: dict[str, Any], tmp_path: Path) -> None:
    path = corpus_file(entry, tmp_path)
    data = path.read_bytes()
    expect = entry.get("expect", "error")
    if entry["kind"] == "bank" and expect == "loads":
        assert parse_bank(data, path.name).id == "test-bank"
    elif entry["kind"] == "bank":
        with pytest.raises(BankError) as bank_error:
            parse_bank(data, path.name)
        assert entry["phrase"] in bank_error.value.message
    elif expect == "error":
        with pytest.raises(AssessmentFileError) as file_error:
            load_assessment(data, path.name, make_bank())
        assert entry["phrase"] in file_error.value.message
    else:
        warnings = load_assessment(data, path.name, make_bank()).warnings
        assert [w for w in warnings if entry["phrase"] in w] if expect == "warning" else warnings == []


@pytest.fixture(scope="module")
def test_bank_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("bank") / "test-bank.yaml"
    path.write_text(yaml.safe_dump(bank_document()), encoding="utf-8")
    return path


def run_cli(entry: dict[str, Any], path: Path, bank: Path) -> subprocess.CompletedProcess[str]:
    args = ["validate-bank", str(path)] if entry["kind"] == "bank" else ["score", str(path), "--bank", str(bank)]
    return subprocess.run([str(CHECKLIST), *args], capture_output=True, text=True, timeout=60, check=False)


@pytest.mark.parametrize("entry", by_name())
def test_cli_exits_with_a_message_and_no_traceback(entry: dict[str, Any], tmp_path: Path, test_bank_file: Path) -> None:
    result = run_cli(entry, corpus_file(entry, tmp_path), test_bank_file)
    expect = entry.get("expect", "error")
    assert "Traceback" not in result.stderr
    assert result.returncode == (1 if expect == "error" else 0), result.stderr
    if expect != "loads":
        assert entry["phrase"] in result.stderr
