"""`checklist doctor` and `checklist admin` over the bad-input corpus: a plain sentence for each file, no traceback.

Each file is given where a server's administrator could point these commands at the wrong file:
as the question bank (CHECKLIST_BANK), as the sign-in secrets (--secrets) and as the SQLite
database (CHECKLIST_DATABASE_URL). The commands run in this process (through click's runner, as
the `checklist` entry point calls them) so that the whole corpus takes seconds; a copy of each
file is used, since SQLite would turn an empty file into a database.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner, Result

from checklist.cli import main
from tests.builders import bank_document
from tests.corpus.make_corpus import FILES, GENERATED

MANIFEST = Path(__file__).parents[1] / "corpus" / "manifest.yaml"
ENTRIES: list[dict[str, Any]] = yaml.safe_load(MANIFEST.read_text(encoding="utf-8"))["entries"]
SUMMARY = "fix them, then run checklist doctor again."


def entries(kind: str | None = None) -> list[Any]:
    return [
        pytest.param(e, id=str(e.get("file") or e["generator"])) for e in ENTRIES if kind is None or e["kind"] == kind
    ]


def copy_of(entry: dict[str, Any], folder: Path) -> Path:
    """The corpus file, copied (or generated) into `folder`."""
    if "file" in entry:
        return Path(shutil.copy(FILES / entry["file"], folder / entry["file"]))
    path = folder / entry["generator"]
    path.write_bytes(GENERATED[entry["generator"]]())
    return path


def run(args: list[str], env: dict[str, str]) -> Result:
    return CliRunner().invoke(main, args, env=env)


def assert_plain_sentences(result: Result) -> None:
    """Nothing escaped the command, and every line it printed to stderr is one of its sentences."""
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in result.output
    for line in result.stderr.splitlines():
        assert line.startswith(("problem: ", "Error: ")) or line.endswith(SUMMARY), line


@pytest.fixture(scope="module")
def small_bank(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A tiny valid bank, so that the checks not about the bank do not each read the shipped one."""
    path = tmp_path_factory.mktemp("bank") / "bank.yaml"
    path.write_text(yaml.safe_dump(bank_document()), encoding="utf-8")
    return path


def quiet_env(folder: Path, **more: str) -> dict[str, str]:
    """A data folder of the test's own, so the commands never touch the checkout's database."""
    return {"CHECKLIST_DATA_DIR": str(folder / "data"), **more}


@pytest.mark.parametrize("entry", entries("bank"))
def test_doctor_says_in_plain_words_why_a_bad_bank_cannot_be_used(entry: dict[str, Any], tmp_path: Path) -> None:
    bank = copy_of(entry, tmp_path)
    result = run(["doctor", "--secrets", str(tmp_path / "none.toml")], quiet_env(tmp_path, CHECKLIST_BANK=str(bank)))
    assert_plain_sentences(result)
    if entry.get("expect", "error") == "error":
        assert "problem: the question bank cannot be used: " in result.stderr
        assert entry["phrase"] in result.stderr
    else:
        assert f"ok: question bank {bank} is valid" in result.output


@pytest.mark.parametrize("entry", entries())
def test_doctor_reads_any_corpus_file_given_as_its_secrets_without_a_traceback(
    entry: dict[str, Any], tmp_path: Path, small_bank: Path
) -> None:
    secrets = copy_of(entry, tmp_path)
    result = run(["doctor", "--secrets", str(secrets)], quiet_env(tmp_path, CHECKLIST_BANK=str(small_bank)))
    assert_plain_sentences(result)
    about_the_file = [line for line in result.output.splitlines() if str(secrets) in line]
    assert about_the_file  # what was found in the file is said, and names it
    assert all(line.startswith(("ok: ", "problem: ")) for line in about_the_file), about_the_file


@pytest.mark.parametrize("entry", entries())
def test_doctor_and_admin_say_that_a_corpus_file_is_not_a_database(
    entry: dict[str, Any], tmp_path: Path, small_bank: Path
) -> None:
    database = copy_of(entry, tmp_path)
    empty = database.stat().st_size == 0  # SQLite takes an empty file for an empty database, and fills it
    env = {"CHECKLIST_DATABASE_URL": f"sqlite:///{database}", "CHECKLIST_BANK": str(small_bank)}
    doctor = run(["doctor", "--secrets", str(tmp_path / "none.toml")], env)
    admin = run(["admin", "list"], env)
    assert_plain_sentences(doctor)
    assert_plain_sentences(admin)
    if not empty:
        not_a_database = f"the database sqlite:///{database} is not reachable: file is not a database"
        assert f"problem: {not_a_database}" in doctor.stderr
        assert f"Error: {not_a_database} (check CHECKLIST_DATABASE_URL)" in admin.stderr
