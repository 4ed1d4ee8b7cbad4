"""A new theme opens at its top: its title in view, not its last question under the pointer."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import yaml
from playwright.sync_api import Page, expect

from tests.builders import bank_document, question
from tests.e2e.conftest import AppServer, open_app, start_server, wait_for_text, wait_until_idle
from tests.e2e.test_walkthrough_e2e import start_new

pytestmark = pytest.mark.e2e

SCROLLED = """() => Math.max(...Array.from(
  document.querySelectorAll('[data-testid="stMain"], [data-testid="stAppViewContainer"]'), e => e.scrollTop))"""


@pytest.fixture(scope="module")
def long_themes(tmp_path_factory: pytest.TempPathFactory) -> Iterator[AppServer]:
    """Three themes of eight questions each: every theme is taller than the window."""
    folder = tmp_path_factory.mktemp("long-themes")
    themes = {name: [question(f"{name[0]}{n}") for n in range(8)] for name in ("alpha", "beta", "gamma")}
    bank = folder / "bank.yaml"
    bank.write_text(yaml.safe_dump(bank_document(themes)), encoding="utf-8")
    server = start_server(folder, bank=bank)
    yield server
    server.stop()


def title_in_view(page: Page, title: str) -> None:
    heading = page.get_by_role("heading", name=title, exact=True)
    expect(heading).to_be_in_viewport()


def test_next_theme_opens_the_next_theme_at_its_title(page: Page, long_themes: AppServer) -> None:
    assessment_id = start_new(page, long_themes)
    open_app(page, long_themes, "themes", a=assessment_id)
    next_theme = page.get_by_role("button", name="Next theme")
    next_theme.scroll_into_view_if_needed()
    assert page.evaluate(SCROLLED) > 0

    next_theme.click()

    wait_for_text(page, "Why beta matters")
    title_in_view(page, "Beta")
    expect(page.get_by_role("button", name="Next theme")).not_to_be_in_viewport()


def test_the_theme_picker_opens_the_chosen_theme_at_its_title(page: Page, long_themes: AppServer) -> None:
    assessment_id = start_new(page, long_themes)
    open_app(page, long_themes, "themes", a=assessment_id)
    page.get_by_role("button", name="Next theme").scroll_into_view_if_needed()
    page.locator(".st-key-question-a5").get_by_text("Met", exact=True).click()
    wait_for_text(page, "Answered 1 of")
    assert page.evaluate(SCROLLED) > 0  # answering keeps the place on the page
    picker = page.get_by_role("combobox").first
    # The picker at the very top of the window: the theme's title, above it, is out of view.
    picker.evaluate("e => e.scrollIntoView({block: 'start'})")
    expect(page.get_by_role("heading", name="Alpha", exact=True)).not_to_be_in_viewport()
    picker.click()
    page.get_by_role("option", name="3. Gamma").click()

    wait_for_text(page, "Why gamma matters")
    wait_until_idle(page)
    title_in_view(page, "Gamma")
