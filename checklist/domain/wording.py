"""Counts in plain English ("1 gap", "2 gaps"), so that no message puts an s in brackets."""

from __future__ import annotations


def counted(n: int, noun: str, plural: str | None = None) -> str:
    """'1 gap', '2 gaps'; `plural` for nouns that do not just take an s."""
    return f"{n} {noun}" if n == 1 else f"{n} {plural or noun + 's'}"


def agrees(n: int, singular: str, plural: str) -> str:
    """The verb that agrees with a count: agrees(1, 'is', 'are') == 'is'."""
    return singular if n == 1 else plural
