"""Sign-in through a real OpenID Connect provider on loopback, as different people, in the real browser.

Northshire commissions Riverside and Hillside. Ana is staff of Riverside, Bo of Hillside;
Dee was never invited. Each test signs in through the provider's own login form.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from checklist.domain.assessment import Service
from checklist.domain.bank import load_bank
from checklist.domain.people import OrganisationKind, Role
from checklist.storage import AssessmentStore
from checklist.storage.directory import DirectoryStore
from tests.builders import make_assessment
from tests.e2e.conftest import AppServer, assert_accessible, open_app, wait_for_text, wait_until_idle
from tests.e2e.signin import area_server, database_url, provider, sign_in

pytestmark = pytest.mark.e2e
__all__ = ["area_server", "provider"]  # the signed-in server fixtures, shared from tests/e2e/signin.py

NOT_FOUND = "No saved assessment has this link"


@pytest.fixture(scope="module")
def seeded(area_server: AppServer) -> dict[str, str]:
    """The area, its people, and one assessment of each provider; returns the assessments' ids by provider."""
    url = database_url(area_server)
    directory, store = DirectoryStore(url), AssessmentStore(url)
    directory.add_organisation("Northshire", OrganisationKind.AREA)
    bank = load_bank(area_server.env["CHECKLIST_BANK"])
    ids = {}
    for name in ("Riverside", "Hillside"):
        organisation = directory.add_organisation(name, OrganisationKind.PROVIDER, area="Northshire")
        assessment = make_assessment(bank, service=Service(name=f"{name} women"))
        directory.set_owner(assessment.id, organisation.id)
        store.create(assessment)
        ids[name] = assessment.id
    directory.invite("ana@example.org", Role.STAFF, "Riverside")
    directory.invite("bo@example.org", Role.STAFF, "Hillside")
    directory.invite("cy@example.org", Role.STAFF, "Riverside")
    directory.invite("eve@example.org", Role.STAFF, "Riverside")
    directory.invite("eve@example.org", Role.STAFF, "Hillside")
    directory.dispose()
    store.dispose()
    return ids


def test_a_signed_out_visitor_sees_only_the_sign_in_page(
    page: Page, area_server: AppServer, seeded: dict[str, str]
) -> None:
    open_app(page, area_server, "themes", a=seeded["Riverside"])
    expect(page.get_by_role("heading", name="Sign in")).to_be_visible()
    expect(page.get_by_text("Riverside women")).to_have_count(0)
    expect(page.get_by_role("link", name="Themes")).to_have_count(0)
    expect(page.get_by_text("Page not found")).to_have_count(0)
    expect(page.get_by_text("Local mode")).to_have_count(0)
    assert_accessible(page)
    page.get_by_role("link", name="Join a workshop").click()
    expect(page.get_by_role("heading", name="Join a workshop")).to_be_visible()


def test_the_workshop_join_page_stays_open_without_sign_in(page: Page, area_server: AppServer) -> None:
    open_app(page, area_server, "join")
    expect(page.get_by_role("heading", name="Join a workshop")).to_be_visible()


def test_staff_see_and_open_only_their_own_organisations_assessments(
    page: Page, area_server: AppServer, provider: str, seeded: dict[str, str]
) -> None:
    sign_in(page, area_server, provider, "ana@example.org")
    expect(page.get_by_text("Riverside women", exact=True)).to_be_visible()
    expect(page.get_by_text("Hillside women")).to_have_count(0)

    for where in ("", "themes", "results"):
        open_app(page, area_server, where, a=seeded["Hillside"])
        wait_for_text(page, NOT_FOUND)
        expect(page.get_by_text("Hillside women")).to_have_count(0)
    open_app(page, area_server, "themes", a="a-guessed-id-of-22-char")
    wait_for_text(page, NOT_FOUND)
    log = (area_server.home / "server.log").read_text(encoding="utf-8")
    assert f"refused: ana@example.org may not read assessment {seeded['Hillside']}" in log

    open_app(page, area_server, "themes", a=seeded["Riverside"])
    expect(page.get_by_text("Riverside women").first).to_be_visible()


def test_a_new_assessment_belongs_to_the_person_who_started_its_organisation(
    page: Page, area_server: AppServer, provider: str, seeded: dict[str, str]
) -> None:
    sign_in(page, area_server, provider, "bo@example.org")
    page.get_by_role("button", name="Start a new assessment").click()
    page.wait_for_url("**/profile?a=*")
    wait_until_idle(page)
    new_id = page.url.split("a=")[1].split("&")[0]
    directory = DirectoryStore(database_url(area_server))
    owner = directory.owner_of(new_id)
    directory.dispose()
    assert owner is not None
    assert owner.name == "Hillside"


def test_staff_of_two_providers_see_both_and_choose_which_one_a_new_assessment_is_for(
    page: Page, area_server: AppServer, provider: str, seeded: dict[str, str]
) -> None:
    sign_in(page, area_server, provider, "eve@example.org")
    expect(page.get_by_text("Riverside women", exact=True)).to_be_visible()
    expect(page.get_by_text("Hillside women", exact=True)).to_be_visible()
    page.get_by_label("New assessments are for").click()
    page.get_by_role("option", name="Hillside").click()
    wait_until_idle(page)
    page.get_by_role("button", name="Start a new assessment").click()
    page.wait_for_url("**/profile?a=*")
    wait_until_idle(page)
    directory = DirectoryStore(database_url(area_server))
    owner = directory.owner_of(page.url.split("a=")[1].split("&")[0])
    directory.dispose()
    assert owner is not None
    assert owner.name == "Hillside"


def test_someone_with_no_role_sees_only_whom_to_ask(page: Page, area_server: AppServer, provider: str) -> None:
    sign_in(page, area_server, provider, "dee@example.org")
    expect(page.get_by_role("heading", name="You have no access yet")).to_be_visible()
    expect(page.get_by_text("Ask your administrator")).to_be_visible()
    expect(page.get_by_role("button", name="Start a new assessment")).to_have_count(0)
    assert_accessible(page)
    open_app(page, area_server, "themes")
    expect(page.get_by_role("heading", name="You have no access yet")).to_be_visible()
    expect(page.get_by_role("link", name="Themes")).to_have_count(0)


def test_signing_out_returns_to_the_sign_in_page(page: Page, area_server: AppServer, provider: str) -> None:
    sign_in(page, area_server, provider, "ana@example.org")
    page.get_by_role("button", name="Sign out").click()
    # The provider's own end-of-session page, then back to the app.
    page.get_by_role("button", name="End session").click()
    page.wait_for_url(f"{area_server.url}/**")
    wait_until_idle(page)
    expect(page.get_by_role("heading", name="Sign in")).to_be_visible()
    open_app(page, area_server)
    expect(page.get_by_role("heading", name="Sign in")).to_be_visible()
    expect(page.get_by_text("Riverside women")).to_have_count(0)


def test_a_removed_person_loses_access_on_the_next_click(
    page: Page, area_server: AppServer, provider: str, seeded: dict[str, str]
) -> None:
    sign_in(page, area_server, provider, "cy@example.org")
    open_app(page, area_server, a=seeded["Riverside"])
    expect(page.get_by_text("Carry on where you left off")).to_be_visible()

    directory = DirectoryStore(database_url(area_server))
    directory.remove_person("cy@example.org")
    directory.dispose()

    page.get_by_role("link", name="Continue answering").click()
    expect(page.get_by_role("heading", name="You have no access yet")).to_be_visible()
    expect(page.get_by_text("Riverside women")).to_have_count(0)


def test_local_mode_says_so_in_the_sidebar(page: Page, app_server: AppServer) -> None:
    """Without [auth] in the secrets the app is the laptop tool it always was."""
    open_app(page, app_server)
    expect(page.get_by_text("Local mode: no sign-in; everything stays on this computer.")).to_be_visible()
    expect(page.get_by_role("button", name="Sign in")).to_have_count(0)
