"""Where the shipped bank and the data folder live, and how files are opened safely (shared by every layer)."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def default_bank_path() -> Path:
    """The shipped bank, unless CHECKLIST_BANK points at another one."""
    return Path(os.environ.get("CHECKLIST_BANK") or PROJECT_ROOT / "recommendations.yaml")


def data_dir() -> Path:
    """Where the embedded SQLite database lives (CHECKLIST_DATA_DIR, or ./data)."""
    return Path(os.environ.get("CHECKLIST_DATA_DIR") or PROJECT_ROOT / "data")


class FolderUnusable(Exception):
    """A folder setting that points at something that is not a usable folder; `message` says so in a sentence."""

    def __init__(self, setting: str, path: Path, problem: str) -> None:
        self.message = f"{setting} is {path}, which {problem}: point it at a folder this tool may write to"
        super().__init__(self.message)


def usable_folder(path: Path, setting: str) -> Path:
    """`path`, made if missing; FolderUnusable (never a bare OSError) when it is a file or cannot be made."""
    if path.exists() and not path.is_dir():
        raise FolderUnusable(setting, path, "is a file, not a folder")
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise FolderUnusable(setting, path, f"cannot be made ({exc.strerror or exc})") from None
    return path


# Plain words for what the operating system says when a file cannot be read or written.
_OS_PROBLEMS = {
    errno.ENOSPC: "the disk is full",
    errno.EDQUOT: "the disk quota is used up",
    errno.EROFS: "the disk is read-only",
    errno.EACCES: "permission denied",
    errno.EPERM: "the operation is not permitted",
    errno.EISDIR: "it is a folder",
    errno.ENOTDIR: "part of the path is a file, not a folder",
    errno.ENOENT: "it does not exist",
    errno.ELOOP: "it is a loop of symbolic links",
    errno.ENAMETOOLONG: "the name is too long",
}


def os_problem(exc: OSError) -> str:
    return _OS_PROBLEMS.get(exc.errno or 0, exc.strerror or str(exc))


def kind_of(mode: int) -> str:
    """What a non-regular file is, in words."""
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not an ordinary file"


class InputProblem(Exception):
    """An input that cannot be read; `reason` completes "<path>: ..."."""

    def __init__(self, reason: str) -> None:
        self.reason = reason
        super().__init__(reason)


def read_limited(path: Path, limit: int, noun: str = "a file") -> bytes:
    """A regular file's bytes, at most `limit` of them; InputProblem otherwise.

    Opened with O_NONBLOCK and checked with fstat on the open file (not the name, which could be
    swapped in between): a FIFO neither blocks nor is read, a device is refused, and a file is never
    read past the limit, whatever its size claims.
    """
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        raise InputProblem(f"cannot be read ({os_problem(exc)})") from None
    try:
        found = os.fstat(fd)
        if not stat.S_ISREG(found.st_mode):
            raise InputProblem(f"is {kind_of(found.st_mode)}, not a file, so it is not read")
        if found.st_size > limit:
            raise InputProblem(f"the file is {found.st_size:,} bytes; {noun} may be at most {limit:,} bytes")
        with os.fdopen(fd, "rb", closefd=False) as handle:
            data = handle.read(limit + 1)
    except OSError as exc:
        raise InputProblem(f"cannot be read ({os_problem(exc)})") from None
    finally:
        os.close(fd)
    if len(data) > limit:
        raise InputProblem(f"the file is more than {limit:,} bytes; {noun} may be at most {limit:,} bytes")
    return data
