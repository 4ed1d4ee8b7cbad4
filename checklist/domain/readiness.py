"""What an assessment needs before it can be handed over as a PDF action plan or a submission.

Answering never needs any of it: a draft stays valid. Only the report that names the service
does, so that no PDF says "Unnamed service" or leaves a commissioner guessing whose it is.
"""

from __future__ import annotations

from checklist.domain.assessment import Assessment, has_visible_text
from checklist.domain.errors import ChecklistError

# The profile fields a report needs, in the order the profile page asks for them.
REQUIRED_FOR_REPORT = ("the service name", "the organisation", "the date of the assessment")


class NotReadyForReport(ChecklistError):
    """A PDF or submission asked for while the profile still lacks what names the service."""

    def __init__(self, missing: tuple[str, ...]) -> None:
        self.missing = missing
        super().__init__("Action plan", [missing_sentence(missing)])


def missing_for_report(assessment: Assessment) -> tuple[str, ...]:
    """The required profile fields still empty, in words (empty when the report can be made)."""
    filled = (
        has_visible_text(assessment.service.name),
        has_visible_text(assessment.service.organisation),
        assessment.assessed_on is not None,
    )
    return tuple(name for name, ok in zip(REQUIRED_FOR_REPORT, filled, strict=True) if not ok)


def listed(missing: tuple[str, ...]) -> str:
    """'the service name, the organisation and the date of the assessment'."""
    return missing[0] if len(missing) == 1 else f"{', '.join(missing[:-1])} and {missing[-1]}"


def missing_sentence(missing: tuple[str, ...]) -> str:
    """'the PDF needs the service name and the organisation in the service profile first'."""
    return f"the PDF needs {listed(missing)} in the service profile first"


def require_ready_for_report(assessment: Assessment) -> None:
    missing = missing_for_report(assessment)
    if missing:
        raise NotReadyForReport(missing)
