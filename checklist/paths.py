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
