"""Every page in the browser: no error, accessible (axe-core), screenshots at laptop and phone size."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page

from checklist.domain.assessment import Answer, AnswerValue, Service
from checklist.domain.bank import load_bank
from checklist.ui import navigation
from tests.builders import make_assessment
from tests.e2e.conftest import (
    LAPTOP,
    PHONE,
    AppServer,
    assert_accessible,
    assert_no_app_error,
    open_app,
    screenshot,
    seed,
    start_server,
    wait_for_text,
)
from tests.e2e.test_walkthrough_e2e import question_box, start_new

pytestmark = pytest.mark.e2e

# Every page in the registry; the default page is also reached at the bare address.
PAGES = ["" if spec is navigation.PAGES[0] else spec.url_path for spec in navigation.PAGES]


@pytest.fixture(scope="module")
def shipped_bank_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[AppServer]:
    server = start_server(tmp_path_factory.mktemp("shipped"))
    yield server
    server.stop()


@pytest.fixture(scope="module")
def seeded(app_server: AppServer) -> str:
    """An assessment with a little of everything (typed markup, don't know, not applicable), saved directly."""
    bank = load_bank(app_server.env["CHECKLIST_BANK"])
    assessment = make_assessment(
        bank, {"a1": "unknown", "b1": "met"}, service=Service(name="Women's Hub <b>North</b> *now*")
    ).with_answer("b2", Answer(answer=AnswerValue.NA, na_reason="No *groups* <i>here</i>"))
    return seed(app_server.store(), assessment).id


@pytest.mark.parametrize("size", ["laptop", "phone"])
@pytest.mark.parametrize("path", PAGES)
def test_every_page_is_accessible_and_fits_the_screen(
    page: Page, app_server: AppServer, seeded: str, path: str, size: str
) -> None:
    page.set_viewport_size(LAPTOP if size == "laptop" else PHONE)
    open_app(page, app_server, path, a=seeded)

    assert_no_app_error(page)
    assert_accessible(page)
    names = [g.get_attribute("aria-label") or "" for g in page.get_by_role("radiogroup").all()]
    assert not [name for name in names if "\\" in name]  # markdown escapes must not be read out
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0
    screenshot(page, f"{path or 'start'}-{size}")


def test_the_not_applicable_reason_box_is_accessible(page: Page, app_server: AppServer) -> None:
    assessment_id = start_new(page, app_server)
    open_app(page, app_server, "themes", a=assessment_id)
    question_box(page, "a1").get_by_text("Not applicable", exact=True).click()
    wait_for_text(page, "is saved only once you say why")

    assert_accessible(page)
    screenshot(page, "themes-na-laptop")


def test_the_shipped_bank_walks_through_every_page(page: Page, shipped_bank_server: AppServer, tmp_path: Path) -> None:
    assessment_id = start_new(page, shipped_bank_server)
    open_app(page, shipped_bank_server, "themes", a=assessment_id)
    first = page.locator("[class*=st-key-question-]").first
    first.get_by_text("Met", exact=True).click()
    wait_for_text(page, "Answered 1 of")
    page.get_by_role("button", name="Next theme").click()
    wait_for_text(page, "Theme 2 of")

    for path in PAGES:
        open_app(page, shipped_bank_server, path, a=assessment_id)
        assert_no_app_error(page)
        assert_accessible(page)
        screenshot(page, f"shipped-{path or 'start'}-laptop")
