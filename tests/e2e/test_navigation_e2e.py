"""The menu in the browser: pages grouped under who uses them, every registered page listed once."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from checklist.ui import navigation
from tests.e2e.conftest import AppServer, open_app

pytestmark = pytest.mark.e2e

SIDEBAR = '[data-testid="stSidebar"]'


def test_the_sidebar_groups_the_pages_by_who_uses_them(page: Page, app_server: AppServer) -> None:
    open_app(page, app_server)
    expected = {
        "assess-your-service": (
            "Assess your service",
            ["Start", "Service profile", "Themes", "Review", "Results", "Action plan", "Women's survey"],
        ),
        "compare-submissions": ("Compare submissions", ["Compare submissions"]),
        "workshops": ("Workshops", ["Run a workshop", "Join a workshop"]),
    }

    # Each check waits for the menu as drawn: on a busy machine the sidebar may still be filling in.
    for key, (heading, links) in expected.items():
        group = page.locator(f"{SIDEBAR} .st-key-menu-{key}")
        expect(group.locator("strong")).to_have_text(heading)
        expect(group.locator("a")).to_have_text(links)


# On a laptop (no sign-in) the Administration section is not in the menu: its pages are opened with
# sign-in on, by an administrator (tests/e2e/test_administration_e2e.py).
LOCAL_MENU = [spec for spec in navigation.PAGES if navigation.shown_in_menu(spec, administrator=False)]


@pytest.mark.parametrize("spec", LOCAL_MENU, ids=[s.url_path for s in LOCAL_MENU])
def test_every_registered_page_opens_from_its_menu_link(
    page: Page, app_server: AppServer, spec: navigation.PageSpec
) -> None:
    open_app(page, app_server, "profile" if spec is navigation.PAGES[0] else "")
    page.locator(SIDEBAR).get_by_role("link", name=spec.title, exact=True).click()

    page.wait_for_url(f"**/{'' if spec is navigation.PAGES[0] else spec.url_path}")
    page.locator('[data-testid="stMainBlockContainer"] h1').first.wait_for()
