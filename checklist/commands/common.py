"""What every `checklist` command shares: the --bank option, printing safely, failing plainly.

Reading inputs and writing outputs live in checklist.commands.files.
"""

from __future__ import annotations

import gc
import sys
import threading
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
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


_pause_lock = threading.Lock()
_pauses = 0
_was_enabled = False


@contextmanager
def cycle_collector_paused() -> Iterator[None]:
    """Pause Python's cycle collector while many small objects are made, then restore it.

    Reading and comparing 1,000 submissions makes hundreds of thousands of objects and no
    reference cycles, so the collector only rescans them, again and again as they grow: pausing
    it saves a fifth of the CPU time or more, the more the process already holds
    (`benchmarks/compare_bench.py` measures both ways). The switch is for the whole process,
    so it is used only around that one step, by the `compare` command and the Compare page's load step.
    Pauses may overlap (two sessions of the app comparing at once): the collector is switched off
    by the first and back on, if it was on, by the last to finish, never left off by a race.
    """
    global _pauses, _was_enabled
    with _pause_lock:
        if _pauses == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _pauses += 1
    try:
        yield
    finally:
        with _pause_lock:
            _pauses -= 1
            if _pauses == 0 and _was_enabled:
                gc.enable()
