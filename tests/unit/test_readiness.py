"""What a PDF action plan needs before it can be made: the service name, organisation and date."""

from __future__ import annotations

from datetime import date

import pytest

from checklist.domain.assessment import Service
from checklist.domain.readiness import NotReadyForReport, missing_for_report, require_ready_for_report
from tests.builders import make_assessment, make_bank

BANK = make_bank()


def test_a_new_assessment_lacks_all_three_fields_the_report_needs() -> None:
    assert missing_for_report(make_assessment(BANK, service=Service())) == (
        "the service name",
        "the organisation",
        "the date of the assessment",
    )


def test_a_name_of_invisible_characters_counts_as_missing() -> None:
    assessment = make_assessment(
        BANK, service=Service(name="\u200b \u200d", organisation="Trust"), assessed_on=date(2026, 1, 5)
    )
    assert missing_for_report(assessment) == ("the service name",)


def test_a_named_dated_assessment_is_ready_even_with_no_answers() -> None:
    assessment = make_assessment(BANK, service=Service(name="Hub", organisation="Trust"), assessed_on=date(2026, 1, 5))
    require_ready_for_report(assessment)
    assert missing_for_report(assessment) == ()


def test_the_refusal_names_what_is_missing_in_plain_words() -> None:
    with pytest.raises(NotReadyForReport) as refused:
        require_ready_for_report(make_assessment(BANK, service=Service(name="Hub"), assessed_on=None))
    assert refused.value.message == (
        "Action plan: the PDF needs the organisation and the date of the assessment in the service profile first"
    )
