"""How every `checklist` command touches files: inputs read safely, outputs checked first and written in one place.

Inputs: only regular files are read, opened without blocking (a FIFO would wait for ever) and read
up to a limit (a link to /dev/zero would read until memory runs out). Outputs: every path is checked
before the work starts, never replaces an input or an assessment, replaces another file only with
--force, and is written through `write_output`, so a full disk or a read-only folder is one sentence.
"""

from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path

import click

from checklist.commands.common import fail, say
from checklist.domain.assessment import Assessment
from checklist.domain.bank import MAX_BANK_BYTES, QuestionBank, parse_bank
from checklist.domain.errors import ChecklistError
from checklist.domain.loading import MAX_FILE_BYTES, load_assessment
from checklist.paths import InputProblem, default_bank_path, os_problem, read_limited

force_option = click.option(
    "--force",
    is_flag=True,
    help="Replace an output file that already exists (never an input, never an assessment).",
)


def read_bank(path: Path | None) -> QuestionBank:
    path = path or default_bank_path()
    try:
        return parse_bank(read_limited(path, MAX_BANK_BYTES, "a bank"), str(path))
    except InputProblem as exc:
        fail(f"{path}: {exc.reason}")
    except ChecklistError as exc:
        fail(exc.message)


def read_assessment(path: Path, bank: QuestionBank) -> Assessment:
    """Load a JSON or PDF assessment file, printing its warnings to stderr."""
    try:
        loaded = load_assessment(read_limited(path, MAX_FILE_BYTES, "an assessment file"), str(path), bank)
    except InputProblem as exc:
        fail(f"{path}: {exc.reason}")
    except ChecklistError as exc:
        fail(exc.message)
    for warning in loaded.warnings:
        say(f"Warning: {path}: {warning}", err=True)
    return loaded.assessment


def looks_like_an_assessment(data: bytes) -> bool:
    """Whether a file's bytes are an assessment: JSON of the format, or a PDF carrying one."""
    if data.lstrip()[:5] == b"%PDF-":
        return b"assessment.json" in data
    return b'"checklist.assessment"' in data[:100_000]


def check_outputs(
    outputs: Iterable[Path],
    *,
    inputs: Iterable[Path] = (),
    force: bool = False,
    replaceable: Callable[[bytes], bool] | None = None,
) -> None:
    """Refuse, before any work is done, every output that must not or cannot be written.

    `replaceable` tells a file the command itself wrote before (the demo's examples), which
    --force may replace although it is an assessment.
    """
    taken = {_identity(p) for p in inputs} - {None}
    for output in outputs:
        _check_output(output, taken, force=force, replaceable=replaceable)


def _identity(path: Path) -> tuple[int, int] | None:
    try:
        found = path.stat()
    except OSError:
        return None
    return (found.st_dev, found.st_ino)


def _check_output(
    output: Path, taken: set[tuple[int, int] | None], *, force: bool, replaceable: Callable[[bytes], bool] | None
) -> None:
    try:
        found = output.stat()
    except FileNotFoundError:
        found = None
    except OSError as exc:
        fail(f"{output}: cannot be written ({os_problem(exc)})")
    if found is not None:
        if (found.st_dev, found.st_ino) in taken:
            fail(f"{output} is one of the input files; it is never overwritten: choose another name for the output")
        if stat.S_ISDIR(found.st_mode):
            fail(f"{output} is a folder; give the name of a file to write")
        if stat.S_ISREG(found.st_mode):
            existing = _head(output)
            own = replaceable is not None and replaceable(existing)
            if looks_like_an_assessment(existing) and not own:
                fail(f"{output} is an assessment file; it is never overwritten: choose another name for the output")
        if not force:
            fail(f"{output} already exists; add --force to replace it")
        return
    folder = output.parent
    if not folder.exists():
        fail(f"{output}: the folder {folder} does not exist")
    if not folder.is_dir():
        fail(f"{output}: {folder} is a file, not a folder")
    if not os.access(folder, os.W_OK):
        fail(f"{output}: the folder {folder} cannot be written to")


def _head(path: Path) -> bytes:
    try:
        return read_limited(path, 5_000_000)
    except InputProblem:
        # Too big or unreadable to be one of ours: it is not an assessment this tool made.
        return b""


def write_output(path: Path, data: bytes) -> None:
    """Write one output: every command writes through here, and a failure is one plain sentence.

    A file is written beside its target and renamed over it, so a full disk never leaves half a file;
    something that is not a file (a device, allowed with --force) is written directly.
    """
    try:
        if path.exists() and not path.is_file():
            with path.open("wb") as handle:
                handle.write(data)
            return
        with tempfile.NamedTemporaryFile(dir=path.parent, prefix=f".{path.name}.", delete=False) as handle:
            temporary = Path(handle.name)
            try:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
            except OSError:
                temporary.unlink(missing_ok=True)
                raise
        try:
            os.replace(temporary, path)
        except OSError:
            temporary.unlink(missing_ok=True)
            raise
    except OSError as exc:
        fail(f"{path}: cannot be written ({os_problem(exc)})")


def make_folder(folder: Path) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        fail(f"{folder}: cannot make this folder ({os_problem(exc)})")
