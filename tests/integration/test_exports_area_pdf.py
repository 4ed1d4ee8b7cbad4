"""The area summary PDF: headline figures, heatmap, common gaps with actions, services; anonymised when asked."""

from __future__ import annotations

import io
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from pypdf import PdfReader

from checklist.cli import main
from checklist.domain.assessment import Service
from checklist.domain.compare import Comparison, compare_assessments
from checklist.domain.loading import dump_assessment
from checklist.render.area_pdf import build_area_summary_pdf
from tests.builders import bank_document, make_assessment, make_bank

BANK = make_bank()
MADE = datetime(2025, 6, 1, 9, 0, tzinfo=UTC)


def comparison(*, anonymise: bool = False) -> Comparison:
    services = [
        make_assessment(BANK, {"a1": "met", "a2": "not_met"}, service=Service(name="Gwasanaeth Cŵn", area="North")),
        make_assessment(BANK, {"a1": "partly", "a2": "not_met"}, service=Service(name="Riverside Home")),
    ]
    return compare_assessments(BANK, services, today=date(2025, 6, 1), anonymise=anonymise)


@pytest.fixture(scope="module")
def summary_text() -> str:
    reader = PdfReader(io.BytesIO(build_area_summary_pdf(comparison(), tool_version="test", creation_date=MADE)))
    return "\n".join(page.extract_text() for page in reader.pages)


def test_the_summary_gives_the_headline_figures(summary_text: str) -> None:
    assert "Services compared" in summary_text
    assert "Median overall score" in summary_text


def test_the_summary_lists_the_common_gaps_with_the_banks_actions(summary_text: str) -> None:
    assert "Question a2?" in summary_text
    assert "Fix a2. (cost: low)" in summary_text


def test_the_summary_lists_every_service_with_welsh_letters_intact(summary_text: str) -> None:
    assert "Gwasanaeth Cŵn" in summary_text
    assert "Riverside Home" in summary_text


def test_the_summary_carries_the_heatmap_with_alt_text() -> None:
    reader = PdfReader(io.BytesIO(build_area_summary_pdf(comparison(), tool_version="test", creation_date=MADE)))

    assert any(page.images for page in reader.pages)


def test_an_anonymised_summary_names_no_service() -> None:
    data = build_area_summary_pdf(comparison(anonymise=True), tool_version="test", creation_date=MADE)

    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages)
    assert ("Riverside Home" in text, "Service A" in text) == (False, True)


def test_the_same_comparison_and_date_give_the_same_bytes() -> None:
    first = build_area_summary_pdf(comparison(), tool_version="test", creation_date=MADE)
    second = build_area_summary_pdf(comparison(), tool_version="test", creation_date=MADE)

    assert first == second


def test_the_command_writes_the_summary_with_pdf(tmp_path: Path) -> None:
    bank = tmp_path / "bank.yaml"
    bank.write_text(yaml.safe_dump(bank_document()), encoding="utf-8")
    hub = tmp_path / "hub.json"
    hub.write_bytes(
        dump_assessment(make_assessment(BANK, {"a1": "met"}, service=Service(name="Hub")), tool_version="t")
    )
    out = tmp_path / "summary.pdf"

    result = CliRunner().invoke(main, ["compare", "--bank", str(bank), str(hub), "--pdf", str(out)])

    assert result.exit_code == 0
    assert PdfReader(out).metadata.title == "Area summary: how well services serve women"  # type: ignore[union-attr]
