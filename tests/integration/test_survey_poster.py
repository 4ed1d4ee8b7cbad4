"""The survey poster: one A4 page with the link, its QR code and the promises, in words safe on a wall."""

from __future__ import annotations

import io
import re
import subprocess
from datetime import UTC, date, datetime
from pathlib import Path

from pypdf import PdfReader

from checklist.domain.survey import SurveyRound
from checklist.render.survey_poster import build_survey_poster

LINK = "https://checklist.example.org/?survey=AbCdEfGhIjKlMnOpQrStUv"
ROUND = SurveyRound(assessment_id="a-1", opens_on=date(2026, 11, 2), closes_on=date(2026, 11, 30), threshold=6)


def poster(tmp_path: Path) -> tuple[bytes, str]:
    data = build_survey_poster(
        ROUND, LINK, service="Riverside Recovery", tool_version="test", creation_date=datetime(2026, 11, 2, tzinfo=UTC)
    )
    path = tmp_path / "poster.pdf"
    path.write_bytes(data)
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, check=True, text=True).stdout
    return data, re.sub(r"\s+", " ", text)


def test_the_poster_is_one_page_with_the_link_the_closing_day_and_the_rounds_threshold(tmp_path: Path) -> None:
    data, text = poster(tmp_path)
    reader = PdfReader(io.BytesIO(data))
    assert (len(reader.pages), len(reader.pages[0].images)) == (1, 1)
    assert f"Or type this address: {LINK}" in text
    assert "Open until 30 November 2026." in text
    assert "nothing for a question until at least 6 women have answered it" in text
    assert "the service keeps no record of who answered or from which phone" in text


def test_the_poster_names_no_danger_outright(tmp_path: Path) -> None:
    _, text = poster(tmp_path)
    assert [w for w in ("abuse", "violence", "partner", "danger") if w in text.lower()] == []
