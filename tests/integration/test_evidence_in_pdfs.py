"""The paper checklist and the PDF action plan show evidence kinds, suggested standards and where sources apply."""

from __future__ import annotations

import re
import subprocess
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from checklist.domain.assessment import Service
from checklist.domain.bank import QuestionBank
from checklist.domain.scoring import score_assessment
from checklist.render.blank_pdf import build_blank_checklist_pdf
from checklist.render.pdf import build_action_plan_pdf
from tests.builders import make_assessment, make_bank, question

FIXED = datetime(2025, 1, 1, tzinfo=UTC)
SOURCES = [
    {
        "id": "src",
        "title": "A Scottish toolkit",
        "publisher": "Someone",
        "year": 2021,
        "url": "https://example.org/",
        "jurisdiction": "scotland",
        "kinds": ["guidance", "lived_experience"],
    }
]

# The PDF needs a service name, an organisation and a date.
READY = Service(name="Test service", organisation="Test provider")


@pytest.fixture(scope="module")
def bank() -> QuestionBank:
    themes = {
        "alpha": [
            question(
                "a1",
                text="Do you run a women's group at least once a week?",
                evidence=["guidance", "lived_experience"],
                suggested_standards=["at least once a week"],
            )
        ]
    }
    return make_bank(themes, sources=SOURCES)


def text_of(pdf: bytes, tmp_path: Path) -> str:
    path = tmp_path / "out.pdf"
    path.write_bytes(pdf)
    out = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True, text=True).stdout
    return re.sub(r"\s+", " ", out)


def test_the_paper_checklist_prints_the_evidence_kinds_and_labels_the_suggested_standard(
    bank: QuestionBank, tmp_path: Path
) -> None:
    text = text_of(build_blank_checklist_pdf(bank, tool_version="test", creation_date=FIXED), tmp_path)
    assert "Evidence guidance, women's own accounts" in text
    assert "Standard at least once a week (a suggested standard, not from a source)" in text


def test_the_action_plan_shows_evidence_beside_why_and_where_each_source_applies(
    bank: QuestionBank, tmp_path: Path
) -> None:
    assessment = make_assessment(bank, {"a1": "not_met"}, service=READY, assessed_on=date(2026, 1, 5))
    pdf = build_action_plan_pdf(
        bank, assessment, score_assessment(bank, assessment), tool_version="test", creation_date=FIXED
    )
    text = text_of(pdf, tmp_path)
    assert "Why it matters: Because it matters. Evidence: guidance, women's own accounts" in text
    assert "Suggested standard (not from a source): at least once a week" in text
    assert "A Scottish toolkit. Someone, 2021. Applies to: Scotland." in text
