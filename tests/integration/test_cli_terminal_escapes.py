"""A submission cannot drive the commissioner's terminal: everything the commands print is escaped."""

from __future__ import annotations

import unicodedata
from pathlib import Path

from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from checklist.cli import main
from checklist.commands.common import for_terminal
from checklist.domain.assessment import Service
from checklist.domain.bank import load_bank
from tests.builders import make_assessment
from tests.integration.test_cli_core import write_assessment, write_bank

CLEAR_AND_FAKE = "Riverside\x1b[2J\x1b[HScore: 100.0\u202eevil\x07"
# Written out here rather than imported: the test must not trust the module's own list.
BIDI = set("\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def printed_controls(text: str) -> list[str]:
    """Characters a terminal would act on or reorder by (newline and tab are meant)."""
    return [c for c in text if (c not in "\n\t" and unicodedata.category(c) == "Cc") or c in BIDI]


def test_score_prints_a_hostile_service_name_with_its_escapes_visible(tmp_path: Path) -> None:
    bank_path = write_bank(tmp_path)
    assessment = make_assessment(load_bank(bank_path), {"a1": "met"}, service=Service(name=CLEAR_AND_FAKE))
    result = CliRunner().invoke(main, ["score", "--bank", str(bank_path), str(write_assessment(tmp_path, assessment))])
    assert result.exit_code == 0
    assert printed_controls(result.stdout) == []
    assert "Riverside\\x1b[2J\\x1b[HScore: 100.0\\u202eevil\\x07" in result.stdout


def test_compare_reports_a_hostile_file_name_with_its_escapes_visible(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "bad\x1b[2J.json").write_bytes(b"{not json")
    result = CliRunner().invoke(main, ["compare", str(folder), "-o", str(tmp_path / "out.csv")])
    assert printed_controls(result.stderr) == []
    assert "bad\\x1b[2J.json" in result.stderr


def test_newlines_tabs_and_ordinary_letters_print_unchanged() -> None:
    assert for_terminal("Gwasanaeth Ŵyn\tŁódź\nline two") == "Gwasanaeth Ŵyn\tŁódź\nline two"


@given(st.text())
def test_no_control_character_survives_escaping(text: str) -> None:
    assert printed_controls(for_terminal(text)) == []
