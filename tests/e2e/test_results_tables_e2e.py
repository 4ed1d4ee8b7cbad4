"""The gaps are readable in full: every question wrapped in the table, on a laptop and on a phone."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import yaml
from playwright.sync_api import Page, expect

from checklist.domain.bank import load_bank
from tests.builders import bank_document, make_assessment, question
from tests.e2e.conftest import LAPTOP, PHONE, AppServer, open_app, screenshot, seed, start_server

pytestmark = pytest.mark.e2e

LONG_QUESTION = (
    "Does the service offer appointments at times that suit women with children at school, including "
    "early evenings and school holidays, and does it say so in every leaflet and letter it sends out?"
)
QUESTIONS = [question("long", text=LONG_QUESTION, weight=3)] + [question(f"q{n}") for n in range(12)]

# Every table part that hides some of its content (cut, or behind a scroll inside the table).
CUT = """() => Array.from(document.querySelectorAll('[data-testid="stTable"], [data-testid="stTable"] *'))
  .filter(e => e.scrollWidth > e.clientWidth + 1 || e.scrollHeight > e.clientHeight + 1).length"""
PAGE_WIDER_THAN_SCREEN = "() => document.documentElement.scrollWidth > window.innerWidth + 1"


@pytest.fixture(scope="module")
def long_gaps(tmp_path_factory: pytest.TempPathFactory) -> Iterator[AppServer]:
    folder = tmp_path_factory.mktemp("long-gaps")
    bank = folder / "bank.yaml"
    bank.write_text(yaml.safe_dump(bank_document({"access": QUESTIONS})), encoding="utf-8")
    server = start_server(folder, bank=bank)
    yield server
    server.stop()


@pytest.mark.parametrize("size", [LAPTOP, PHONE], ids=["laptop", "phone"])
def test_the_gaps_table_shows_every_question_in_full_and_every_row(
    page: Page, long_gaps: AppServer, size: dict[str, int]
) -> None:
    bank = load_bank(long_gaps.home / "bank.yaml")
    assessment = seed(long_gaps.store(), make_assessment(bank, {q["id"]: "not_met" for q in QUESTIONS}))
    page.set_viewport_size(size)

    open_app(page, long_gaps, "results", a=assessment.id)

    gaps = page.locator('[data-testid="stTable"]').filter(has_text="Marks")
    expect(gaps.get_by_text(LONG_QUESTION, exact=True)).to_be_visible()
    expect(gaps.locator("tbody tr")).to_have_count(len(QUESTIONS))
    expect(page.get_by_text("Gaps by importance and cost")).to_be_visible()
    assert (page.evaluate(CUT), page.evaluate(PAGE_WIDER_THAN_SCREEN)) == (0, False)
    screenshot(page, f"results-gaps-{size['width']}")
