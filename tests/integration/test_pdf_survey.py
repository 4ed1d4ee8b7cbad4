"""The action plan PDF with the women's survey beside it: counts with their base, never a comment, nothing hidden."""

from __future__ import annotations

import re
import subprocess
from datetime import UTC, date, datetime
from pathlib import Path

from checklist.domain.assessment import Service
from checklist.domain.scoring import score_assessment
from checklist.domain.survey import SurveyCounts, SurveySummary
from checklist.render.pdf import build_action_plan_pdf
from tests.builders import make_assessment
from tests.unit.test_survey import BANK

FIXED = datetime(2026, 11, 2, tzinfo=UTC)
SUMMARY = SurveySummary(
    survey_version="1.0.0",
    responses=9,
    questions=(SurveyCounts(question_id="s1", yes=0, partly=1, no=7),),
    hidden=("s2", "s3"),
)


def pdf_text(assessment_survey: SurveySummary | None, tmp_path: Path) -> str:
    assessment = make_assessment(
        BANK,
        {"a1": "met", "a2": "met", "b1": "partly"},
        service=Service(name="Riverside", organisation="Riverside Trust"),
        assessed_on=date(2026, 11, 1),
    ).model_copy(update={"survey": assessment_survey})
    data = build_action_plan_pdf(
        BANK, assessment, score_assessment(BANK, assessment), tool_version="test", creation_date=FIXED
    )
    path = tmp_path / "plan.pdf"
    path.write_bytes(data)
    out = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, check=True, text=True).stdout
    return re.sub(r"\s+", " ", out)


def test_the_pdf_lists_where_womens_experience_differs_with_counts_and_their_base(tmp_path: Path) -> None:
    text = pdf_text(SUMMARY, tmp_path)
    assert "Where women's experience differs" in text
    assert "1. Question a1? (your answer: Met; 7 of 8 women said no, 1 partly, 0 yes; difference 0.94)" in text
    assert "From the women's survey: 9 women answered. A question is shown only once at least 5 women" in text


def test_the_pdf_shows_each_linked_question_beside_the_womens_answers_and_hidden_ones_as_not_shown(
    tmp_path: Path,
) -> None:
    text = pdf_text(SUMMARY, tmp_path)
    assert (
        "Question a1? Your answer: Met. Women asked “Did you feel safe?”: 7 of 8 women said no, 1 partly, 0 yes."
        in text
    )
    assert (
        "Question b1? Your answer: Partly met. Women asked “Could you come at good times?”: not shown: too few answers."
        in text
    )


def test_without_survey_results_the_pdf_has_no_survey_page(tmp_path: Path) -> None:
    assert "women's experience" not in pdf_text(None, tmp_path).lower()
