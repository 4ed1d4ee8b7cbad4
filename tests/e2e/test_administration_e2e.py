"""The page Organisations and people in the real browser, everyone signed in through a real OIDC provider.

Chris is the administrator, invited from the command line as the README says. On the page he
invites Bo as staff of Riverside; Bo signs in and has the role; Chris takes it away, and Bo's
next click shows the page that says he has no access.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect

from checklist.domain.people import OrganisationKind, Role
from checklist.storage.directory import DirectoryStore
from tests.e2e.conftest import AppServer, RouteGuard, assert_accessible, open_app, wait_for_text, wait_until_idle
from tests.e2e.signin import DATABASES, database_url, provider, sign_in, signin_servers
from tests.e2e.test_submit_e2e import another_tab

pytestmark = pytest.mark.e2e
__all__ = ["provider"]  # the loopback identity provider fixture, shared from tests/e2e/signin.py

SIDEBAR = '[data-testid="stSidebar"]'


@pytest.fixture(scope="module", params=DATABASES)
def area_server(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory, provider: str
) -> Iterator[AppServer]:
    server_folder = tmp_path_factory.mktemp("administration")
    for server in signin_servers(server_folder, provider, request.param):
        directory = DirectoryStore(database_url(server))
        directory.invite("chris@example.org", Role.ADMINISTRATOR)
        directory.add_organisation("Northshire", OrganisationKind.AREA)
        directory.add_organisation("Riverside", OrganisationKind.PROVIDER, area="Northshire")
        directory.invite("ana@example.org", Role.STAFF, "Riverside")
        directory.dispose()
        yield server


def _select(page: Page, label: str, option: str) -> None:
    # The keyboard opens the list: a click on a box in a form just after typing in another box only focused it.
    box = page.get_by_role("combobox", name=label, exact=True)
    box.focus()
    box.press("ArrowDown")
    page.get_by_role("option", name=option, exact=True).click()


def shown(text: str) -> str:
    """Text as the page draws it literally: a word joiner before an address's @ keeps it from becoming a link."""
    return text.replace("@", "\u2060@")


def test_an_administrator_invites_on_the_page_and_a_removed_role_stops_working_on_the_next_click(
    page: Page, browser: Browser, guard: RouteGuard, area_server: AppServer, provider: str
) -> None:
    sign_in(page, area_server, provider, "chris@example.org")
    page.locator(SIDEBAR).get_by_role("link", name="Organisations and people", exact=True).click()
    page.wait_for_url("**/administration")
    expect(page.get_by_role("heading", name="Organisations and people")).to_be_visible()
    wait_for_text(page, "Service provider in Northshire")

    page.get_by_label("E-mail address", exact=True).fill("Bo@Example.org")
    _select(page, "Role", "Service staff")
    _select(page, "Organisation (service staff: their provider; a commissioner: their area)", "Riverside")
    page.get_by_role("button", name="Invite", exact=True).click()
    wait_for_text(page, shown("bo@example.org is now service staff of Riverside."))
    expect(page.get_by_text("Tell them to open this address and sign in with this e-mail address:")).to_be_visible()
    # The page streams its elements: the sentence can be drawn before the two code blocks under it.
    expect(page.locator('[data-testid="stCode"]')).to_have_count(2)
    codes = page.locator('[data-testid="stCode"]').all_inner_texts()
    assert [c.strip() for c in codes] == [area_server.url, "bo@example.org"]
    expect(page.get_by_text("Invited, not signed in yet")).to_have_count(2)  # Ana and Bo
    assert_accessible(page)

    with another_tab(browser, guard) as bo:
        sign_in(bo, area_server, provider, "bo@example.org")
        expect(bo.get_by_role("button", name="Start a new assessment")).to_be_visible()
        expect(bo.locator(SIDEBAR).get_by_role("link", name="Organisations and people")).to_have_count(0)
        open_app(bo, area_server, "administration")  # the address typed in: refused, and logged
        expect(bo.get_by_role("heading", name="No access to this page")).to_be_visible()
        expect(bo.get_by_text("Riverside")).to_have_count(0)
        assert "refused: bo@example.org may not manage people" in (area_server.home / "server.log").read_text(
            encoding="utf-8"
        )
        bo.locator(SIDEBAR).get_by_role("link", name="Start", exact=True).click()
        expect(bo.get_by_role("button", name="Start a new assessment")).to_be_visible()

        page.reload()
        wait_until_idle(page)
        # People are listed by e-mail address: Ana, Bo, Chris; the confirmation below names whose role it is.
        page.get_by_role("button", name="Remove the role service staff of Riverside").last.click()
        wait_for_text(page, shown("Take the role service staff of Riverside away from bo@example.org?"))
        assert_accessible(page)
        page.get_by_role("button", name="Yes, take this role away").click()
        wait_for_text(page, shown("Took the role service staff of Riverside away from bo@example.org."))

        bo.locator(SIDEBAR).get_by_role("link", name="Themes", exact=True).click()
        expect(bo.get_by_role("heading", name="You have no access yet")).to_be_visible()
        expect(bo.get_by_role("button", name="Start a new assessment")).to_have_count(0)
