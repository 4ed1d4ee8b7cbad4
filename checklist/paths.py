"""Where the shipped bank and the default data folder live."""

from __future__ import annotations

import os
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
