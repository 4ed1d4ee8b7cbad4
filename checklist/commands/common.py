"""What every `checklist` command shares: the --bank option, printing safely, failing plainly.

Reading inputs and writing outputs live in checklist.commands.files.
"""

from __future__ import annotations

import sys
import unicodedata
from pathlib import Path
from typing import NoReturn

import click

__all__ = ["bank_option", "fail", "for_terminal", "say"]

bank_option = click.option(
    "--bank",
    "bank_path",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    metavar="BANK.yaml",
    help="Question bank YAML (default: the shipped recommendations.yaml).",
)


# Bidirectional overrides and isolates reorder what a terminal shows, so they can fake a line too.
_BIDI_CONTROLS = frozenset("\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def for_terminal(text: str) -> str:
    """Text safe to print: control characters (bar newline and tab) and bidi controls shown as escapes.

    Service names, ids and file names come from submitted files; printed raw, an escape sequence in
    one could clear a commissioner's terminal and print a fake result.
    """
    return "".join(
        f"\\u{ord(c):04x}" if c in _BIDI_CONTROLS else (repr(c)[1:-1] if _is_control(c) else c) for c in text
    )


def _is_control(c: str) -> bool:
    return c not in "\n\t" and unicodedata.category(c) == "Cc"


def say(message: str, *, err: bool = False) -> None:
    """Print one message through `for_terminal`: every command prints only through here."""
    click.echo(for_terminal(message), err=err)


def fail(message: str) -> NoReturn:
    say(f"Error: {message}", err=True)
    sys.exit(1)
