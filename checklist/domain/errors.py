"""The errors the core raises on bad input, each carrying plain-words problems."""

from __future__ import annotations

from typing import Any


def own_words(error: Any) -> str:
    """A pydantic error's message as our validator wrote it, without pydantic's 'Value error, ' prefix."""
    return str(error["msg"]).removeprefix("Value error, ")


class ChecklistError(Exception):
    """Bad input the user can fix: `problems` are sentences to show them."""

    def __init__(self, name: str, problems: list[str]) -> None:
        self.name = name
        self.problems = problems or ["unknown problem"]
        super().__init__(self.message)

    @property
    def message(self) -> str:
        if len(self.problems) == 1:
            return f"{self.name}: {self.problems[0]}"
        lines = "\n".join(f"  - {p}" for p in self.problems)
        return f"{self.name}: {len(self.problems)} problems\n{lines}"


class BankError(ChecklistError):
    """A question bank that cannot be used."""


class AssessmentFileError(ChecklistError):
    """An assessment file (JSON, or PDF with JSON attached) that cannot be loaded."""
