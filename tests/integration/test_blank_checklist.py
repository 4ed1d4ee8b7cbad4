"""The paper checklist: every question, tick boxes for five answers, facilitator's sheets."""

from __future__ import annotations

import io
import re
import subprocess
from datetime import UTC, datetime
from pathlib import Path

import pytest
import yaml
from pypdf import PdfReader

from checklist.domain.bank import QuestionBank, parse_bank
from checklist.render.blank_pdf import build_blank_checklist_pdf
from tests.builders import bank_document, question

FIXED = datetime(2025, 1, 1, tzinfo=UTC)


def _bank() -> QuestionBank:
    document = bank_document(
        {
            "alpha": [
                question("a1", text="Do you offer a female keyworker?"),
                question("a2", applies_if={"groups": ["no"]}),
            ],
            "beta": [question("b1", why="Because Wŵ and “quotes” must survive.")],
        }
    )
    document["themes"][0]["evidence"] = [{"text": "Women are a third of people in treatment.", "sources": ["src"]}]
    document["themes"][0]["prompts"] = ["Who in this room has seen a woman turned away?"]
    return parse_bank(yaml.safe_dump(document, allow_unicode=True).encode(), "test-bank.yaml")


BANK = _bank()


def text_of(pdf: bytes, tmp_path: Path) -> str:
    path = tmp_path / "checklist.pdf"
    path.write_bytes(pdf)
    out = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True, text=True).stdout
    return re.sub(r"\s+", " ", out)


@pytest.fixture(scope="module")
def small_pdf() -> bytes:
    return build_blank_checklist_pdf(BANK, tool_version="test", creation_date=FIXED)


def test_every_question_is_printed_with_why_and_what_met_looks_like(small_pdf: bytes, tmp_path: Path) -> None:
    text = text_of(small_pdf, tmp_path)
    assert all(s in text for s in ("1. Do you offer a female keyworker?", "Why it matters", "Met looks like"))


def test_each_question_has_the_five_answers_to_tick(small_pdf: bytes, tmp_path: Path) -> None:
    assert text_of(small_pdf, tmp_path).count("Partly met Not met Don't know Not applicable") == 3


def test_profile_questions_come_with_their_options(small_pdf: bytes, tmp_path: Path) -> None:
    assert "Do you run groups? Yes No" in text_of(small_pdf, tmp_path)


def test_question_that_applies_only_to_some_services_says_when(small_pdf: bytes, tmp_path: Path) -> None:
    assert "Only if you answered 'No' to 'Do you run groups?'" in text_of(small_pdf, tmp_path)


def test_facilitator_sheet_has_evidence_with_its_source_and_prompts(small_pdf: bytes, tmp_path: Path) -> None:
    text = text_of(small_pdf, tmp_path)
    assert all(
        s in text
        for s in (
            "Facilitator's sheet: Alpha",
            "Women are a third of people in treatment. (Someone 2021)",
            "1. Who in this room has seen a woman turned away?",
            "A source. Someone, 2021. https://example.org/",
        )
    )


def test_theme_without_learning_content_says_so_rather_than_leaving_a_blank(small_pdf: bytes, tmp_path: Path) -> None:
    assert "This theme has no discussion prompts in the question bank yet." in text_of(small_pdf, tmp_path)


def test_welsh_letters_and_curly_quotes_survive(small_pdf: bytes, tmp_path: Path) -> None:
    assert "Because Wŵ and “quotes” must survive." in text_of(small_pdf, tmp_path)


def test_pages_are_numbered_out_of_the_total(small_pdf: bytes, tmp_path: Path) -> None:
    pages = len(PdfReader(io.BytesIO(small_pdf)).pages)
    assert f"Page {pages} of {pages}" in text_of(small_pdf, tmp_path)


def test_pdf_is_a4_with_title_language_and_an_outline_of_themes(small_pdf: bytes) -> None:
    reader = PdfReader(io.BytesIO(small_pdf))
    box = reader.pages[0].mediabox
    titles = [item.title for item in _flatten(reader.outline)]
    assert (
        round(float(box.width)),
        round(float(box.height)),
        reader.metadata.title,
        reader.trailer["/Root"]["/Lang"],
    ) == (
        595,
        842,
        "Test bank: paper checklist",
        "en-GB",
    )
    assert {"Alpha", "Beta", "Facilitator's sheet: Alpha"} <= set(titles)


def test_same_bank_and_date_give_the_same_bytes(small_pdf: bytes) -> None:
    assert build_blank_checklist_pdf(BANK, tool_version="test", creation_date=FIXED) == small_pdf


def test_shipped_bank_prints_every_question_and_every_prompt(shipped_bank: QuestionBank, tmp_path: Path) -> None:
    text = text_of(build_blank_checklist_pdf(shipped_bank, tool_version="test", creation_date=FIXED), tmp_path)
    expected = [q.text for _, q in shipped_bank.questions()] + [p for t in shipped_bank.themes for p in t.prompts]
    missing = [s for s in expected if re.sub(r"\s+", " ", s) not in text]
    assert missing == []


def _flatten(outline: list[object]) -> list[object]:
    flat: list[object] = []
    for item in outline:
        flat.extend(_flatten(item) if isinstance(item, list) else [item])
    return flat
