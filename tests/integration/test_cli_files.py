"""What the commands read and write: inputs never overwritten, outputs checked first, special files named.

Every failure is one plain sentence and a non-zero exit, never a traceback.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tracemalloc
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from checklist.cli import main
from checklist.commands import compare as compare_module
from tests.corpus.make_corpus import FILES, assessment
from tests.integration.test_bad_input_corpus import CHECKLIST
from tests.integration.test_cli_compare import bank_file

GOOD = FILES / "utf8_bom.json"


def run(*args: object) -> Result:
    return CliRunner().invoke(main, [str(a) for a in args])


def submitted(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(GOOD, folder / "hub.json")
    return folder


@pytest.fixture
def bank(tmp_path: Path) -> Path:
    return bank_file(tmp_path)


@pytest.fixture
def immutable(tmp_path: Path) -> Iterator[Path]:
    """A folder no one, not even root, may write into (chattr +i)."""
    folder = tmp_path / "read-only"
    folder.mkdir()
    subprocess.run(["chattr", "+i", str(folder)], check=True)
    yield folder
    subprocess.run(["chattr", "-i", str(folder)], check=True)


# Never write over an input (item 3)


def test_compare_refuses_a_pdf_output_that_is_one_of_its_own_input_submissions(tmp_path: Path, bank: Path) -> None:
    folder = submitted(tmp_path / "in")
    before = (folder / "hub.json").read_bytes()

    result = run("compare", folder, "--pdf", folder / "hub.json", "--force", "--bank", bank, "--include-drafts")

    assert result.exit_code == 1
    assert result.stderr == (
        f"Error: {folder / 'hub.json'} is one of the input files; it is never overwritten: "
        "choose another name for the output\n"
    )
    assert (folder / "hub.json").read_bytes() == before


def test_compare_refuses_a_table_output_over_an_input_before_reading_anything(tmp_path: Path, bank: Path) -> None:
    target = tmp_path / "one.csv"
    target.write_text("question,answer\n")

    result = run("compare", GOOD, target, "-o", target, "--bank", bank, "--include-drafts")

    assert result.exit_code == 1
    assert "is one of the input files" in result.stderr
    assert "accepted" not in result.stderr


def test_plan_refuses_to_write_its_pdf_over_the_assessment_it_reads(tmp_path: Path, bank: Path) -> None:
    source = tmp_path / "plan.json"
    shutil.copy(GOOD, source)

    result = run("plan", source, "-o", source, "--force", "--bank", bank)

    assert result.exit_code == 1
    assert "is one of the input files; it is never overwritten" in result.stderr
    assert source.read_bytes() == GOOD.read_bytes()


# Never write over an assessment; any other file only with --force (item 3)


@pytest.mark.parametrize("existing", ["utf8_bom.json", "pdf_attachment_swapped.pdf"])
def test_blank_never_replaces_an_existing_assessment_even_with_force(existing: str, tmp_path: Path) -> None:
    target = tmp_path / "checklist.pdf"
    shutil.copy(FILES / existing, target)

    result = run("blank", "-o", target, "--force")

    assert result.exit_code == 1
    assert result.stderr == (
        f"Error: {target} is an assessment file; it is never overwritten: choose another name for the output\n"
    )
    assert target.read_bytes() == (FILES / existing).read_bytes()


def test_an_existing_file_that_is_not_an_assessment_is_replaced_only_with_force(tmp_path: Path) -> None:
    target = tmp_path / "checklist.pdf"
    target.write_text("an old draft")

    refused = run("blank", "-o", target)
    forced = run("blank", "-o", target, "--force")

    assert (refused.exit_code, refused.stderr) == (1, f"Error: {target} already exists; add --force to replace it\n")
    assert forced.exit_code == 0
    assert target.read_bytes()[:5] == b"%PDF-"


def test_demo_run_twice_needs_force_and_then_replaces_only_its_own_examples(tmp_path: Path) -> None:
    first = run("demo", "--no-pdf", "-o", tmp_path)
    again = run("demo", "--no-pdf", "-o", tmp_path)
    forced = run("demo", "--no-pdf", "-o", tmp_path, "--force")

    assert first.exit_code == 0
    assert again.exit_code == 1
    assert again.stderr == f"Error: {tmp_path / 'city-hub.json'} already exists; add --force to replace it\n"
    assert forced.exit_code == 0


def test_demo_never_replaces_someone_elses_assessment_of_the_same_name(tmp_path: Path) -> None:
    run("demo", "--no-pdf", "-o", tmp_path)
    victim = sorted(tmp_path.glob("*.json"))[0]
    victim.write_bytes(assessment(id="a-real-service"))

    result = run("demo", "--no-pdf", "-o", tmp_path, "--force")

    assert result.exit_code == 1
    assert f"{victim} is an assessment file; it is never overwritten" in result.stderr
    assert victim.read_bytes() == assessment(id="a-real-service")


# Outputs checked before the work, written through one helper (items 3 and 16.4)


def test_an_output_into_a_missing_folder_fails_before_any_work(tmp_path: Path, bank: Path) -> None:
    target = tmp_path / "nowhere" / "out.csv"

    result = run("compare", GOOD, "-o", target, "--bank", bank, "--include-drafts")

    assert result.exit_code == 1
    assert result.stderr == f"Error: {target}: the folder {target.parent} does not exist\n"


def test_an_output_into_a_read_only_folder_is_one_sentence(immutable: Path, bank: Path) -> None:
    result = run("plan", GOOD, "-o", immutable / "plan.pdf", "--bank", bank)

    assert result.exit_code == 1
    assert result.stderr == f"Error: {immutable / 'plan.pdf'}: the folder {immutable} cannot be written to\n"


def test_an_output_where_a_folder_stands_is_refused(tmp_path: Path, bank: Path) -> None:
    (tmp_path / "out.csv").mkdir()

    result = run("compare", GOOD, "-o", tmp_path / "out.csv", "--bank", bank, "--include-drafts")

    assert result.exit_code != 0
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "directory" in result.stderr or "is a folder" in result.stderr


def test_an_output_inside_a_file_as_if_it_were_a_folder_is_one_sentence(tmp_path: Path) -> None:
    (tmp_path / "plain").write_text("a file")

    result = run("blank", "-o", tmp_path / "plain" / "checklist.pdf")

    assert result.exit_code == 1
    assert result.stderr.startswith(f"Error: {tmp_path / 'plain' / 'checklist.pdf'}: ")
    assert "not a folder" in result.stderr


@pytest.mark.parametrize(
    "args",
    [
        ["blank", "-o", "/dev/full", "--force"],
        ["plan", "READY", "-o", "/dev/full", "--force"],
        ["compare", GOOD, "--pdf", "/dev/full", "--force", "--include-drafts"],
    ],
    ids=["blank", "plan", "compare"],
)
def test_a_full_disk_is_one_plain_sentence(args: list[object], bank: Path, tmp_path: Path) -> None:
    extra = [] if args[0] == "blank" else ["--bank", bank]
    # The PDF needs the service's name, organisation and date, which the corpus file lacks.
    document = json.loads(GOOD.read_bytes().decode("utf-8-sig"))
    document["service"]["organisation"] = "Test provider"
    document["assessed_on"] = "2024-03-01"
    ready = tmp_path / "ready.json"
    ready.write_text(json.dumps(document), encoding="utf-8")
    args = [ready if a == "READY" else a for a in args]

    result = run(*args, *extra)

    assert result.exit_code == 1
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert result.stderr.splitlines()[-1] == "Error: /dev/full: cannot be written (the disk is full)"


# Special and huge files (item 5)


@pytest.mark.parametrize("command", ["score", "plan", "validate-bank"])
def test_a_fifo_is_named_and_not_read_so_nothing_hangs(command: str, tmp_path: Path, bank: Path) -> None:
    fifo = tmp_path / "submitted.json"
    os.mkfifo(fifo)
    args = {
        "score": ["score", fifo, "--bank", bank],
        "plan": ["plan", fifo, "-o", tmp_path / "plan.pdf", "--bank", bank],
        "validate-bank": ["validate-bank", fifo],
    }[command]

    result = subprocess.run([str(CHECKLIST), *map(str, args)], capture_output=True, text=True, timeout=30, check=False)

    assert result.returncode == 1
    assert result.stderr == f"Error: {fifo}: is a named pipe (FIFO), not a file, so it is not read\n"


def test_a_link_to_dev_zero_is_refused_without_reading_it(tmp_path: Path, bank: Path) -> None:
    link = tmp_path / "zero.json"
    link.symlink_to("/dev/zero")

    result = subprocess.run(
        [str(CHECKLIST), "score", str(link), "--bank", str(bank)],
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )

    assert result.returncode == 1
    assert result.stderr == f"Error: {link}: is a device, not a file, so it is not read\n"


def test_a_huge_file_is_refused_from_its_size_without_reading_it(tmp_path: Path, bank: Path) -> None:
    huge = tmp_path / "huge.json"
    with huge.open("wb") as handle:
        handle.truncate(10**12)  # sparse: a terabyte that takes no disk

    result = run("score", huge, "--bank", bank)

    assert result.exit_code == 1
    assert result.stderr == (
        f"Error: {huge}: the file is 1,000,000,000,000 bytes; an assessment file may be at most 5,000,000 bytes\n"
    )


def test_compare_holds_one_file_at_a_time_in_memory(tmp_path: Path, bank: Path) -> None:
    """Twenty files of 2 MB: 40 MB if held together; read one at a time, the peak stays near one file."""
    folder = tmp_path / "big"
    folder.mkdir()
    padding = " " * 2_000_000
    for i in range(20):
        (folder / f"s{i:02}.json").write_bytes(assessment(id=f"s{i}").replace(b"{", b"{" + padding.encode(), 1))

    tracemalloc.start()
    try:
        result = run("compare", folder, "--bank", bank, "--include-drafts")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()

    assert result.exit_code == 0, result.stderr
    assert "20 files: 1 accepted, 19 duplicate" in result.stderr
    assert peak < 15_000_000


# Nothing skipped in silence (item 12)


def test_every_special_entry_in_a_compare_folder_gets_a_line_of_its_own(tmp_path: Path, bank: Path) -> None:
    folder = submitted(tmp_path / "in")
    os.mkfifo(folder / "pipe.json")
    (folder / "zero.json").symlink_to("/dev/zero")
    (folder / "gone.json").symlink_to(folder / "deleted.json")
    (folder / "notes.docx").write_text("not a submission")

    result = run("compare", folder, "--bank", bank, "--include-drafts")

    assert result.exit_code == 0, result.stderr
    lines = result.stderr.splitlines()
    assert f"rejected   {folder / 'pipe.json'}: is a named pipe (FIFO), not a file, so it is not read" in lines
    assert f"rejected   {folder / 'zero.json'}: is a device, not a file, so it is not read" in lines
    gone = f"is a link to {folder / 'deleted.json'}, which does not exist (a broken link)"
    assert f"rejected   {folder / 'gone.json'}: {gone}" in lines
    assert f"skipped    {folder / 'notes.docx'}: not a .json or .pdf file" in lines
    assert "5 files: 1 accepted, 3 rejected, 1 skipped" in lines


def test_a_subfolder_that_cannot_be_opened_gets_a_line(
    tmp_path: Path, bank: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Root reads every folder, so the refusal is simulated where the walk opens it."""
    folder = submitted(tmp_path / "in")
    (folder / "private").mkdir()
    real = os.scandir

    def scandir(path: os.PathLike[str] | str) -> object:
        if Path(path).name == "private":
            raise PermissionError(13, "Permission denied", str(path))
        return real(path)

    monkeypatch.setattr(compare_module.os, "scandir", scandir)

    result = run("compare", folder, "--bank", bank, "--include-drafts")

    assert result.exit_code == 0, result.stderr
    assert (
        f"rejected   {folder / 'private'}: this folder cannot be opened (permission denied), so its files are not read"
    ) in result.stderr.splitlines()


def test_a_link_back_to_a_folder_already_read_is_reported_once_and_not_followed(tmp_path: Path, bank: Path) -> None:
    folder = submitted(tmp_path / "in")
    (folder / "loop").symlink_to(folder)

    result = run("compare", folder, "--bank", bank, "--include-drafts")

    assert result.exit_code == 0, result.stderr
    assert f"skipped    {folder / 'loop'}: is a folder already read through another path" in result.stderr.splitlines()
    assert "2 files: 1 accepted, 1 skipped" in result.stderr.splitlines()
