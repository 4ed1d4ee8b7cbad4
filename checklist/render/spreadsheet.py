"""The one rule for text a spreadsheet could run, used by every CSV and XLSX the tool writes.

Text from submissions or a bank can start with '=' or '+' (a pasted formula, a
phone number); a spreadsheet would run it. Every such text cell gets a leading
single quote, while numbers stay numbers so they still sort and sum.
"""

from __future__ import annotations

from typing import TypeVar

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

Cell = TypeVar("Cell")


def neutralise(value: Cell) -> Cell:
    """A text cell that a spreadsheet could read as a formula, made inert; anything else unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value  # type: ignore[return-value]  # a str in, a str out
    return value
