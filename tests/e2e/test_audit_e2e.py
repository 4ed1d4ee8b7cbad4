"""Deleting an assessment and reading the audit trail in the real browser, each person signed in through a real OIDC
provider.

Riverside and Hillside are providers in Northshire. Bo (staff of Hillside) cannot see or delete
Riverside's assessment; Ana (staff of Riverside) downloads a copy, then deletes it after confirming;
Chris (administrator) sees the download and the deletion, by Ana, on the Audit trail page.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from checklist.domain.assessment import Service
from checklist.domain.bank import load_bank
from checklist.domain.people import OrganisationKind, Role
from checklist.storage import AssessmentStore
from checklist.storage.directory import DirectoryStore
from tests.builders import make_assessment
from tests.e2e.conftest import AppServer, RouteGuard, assert_accessible, download, open_app, wait_for_text
from tests.e2e.signin import area_server, database_url, provider, sign_in
from tests.e2e.test_submit_e2e import another_tab

pytestmark = pytest.mark.e2e
__all__ = ["area_server", "provider"]  # the signed-in server fixtures, shared from tests/e2e/signin.py


@pytest.fixture(scope="module")
def riverside(area_server: AppServer) -> str:
    """The area, its people, and one draft assessment of Riverside; returns its id."""
    url = database_url(area_server)
    directory, store = DirectoryStore(url), AssessmentStore(url)
    directory.add_organisation("Northshire", OrganisationKind.AREA)
    owner = directory.add_organisation("Riverside", OrganisationKind.PROVIDER, area="Northshire")
    directory.add_organisation("Hillside", OrganisationKind.PROVIDER, area="Northshire")
    directory.invite("ana@example.org", Role.STAFF, "Riverside")
    directory.invite("bo@example.org", Role.STAFF, "Hillside")
    directory.invite("chris@example.org", Role.ADMINISTRATOR)
    bank = load_bank(area_server.env["CHECKLIST_BANK"])
    assessment = make_assessment(bank, {"a1": "met"}, service=Service(name="Riverside women"))
    directory.set_owner(assessment.id, owner.id)
    store.create(assessment)
    directory.dispose()
    store.dispose()
    return assessment.id


def test_staff_delete_after_confirming_another_provider_cannot_and_the_administrator_sees_it(
    page: Page,
    browser: Browser,
    guard: RouteGuard,
    area_server: AppServer,
    provider: str,
    riverside: str,
    tmp_path: Path,
) -> None:
    with another_tab(browser, guard) as bo:
        sign_in(bo, area_server, provider, "bo@example.org")
        wait_for_text(bo, "Your organisation's assessments")
        expect(bo.get_by_text("Riverside women")).to_have_count(0)
        expect(bo.get_by_role("button", name="Delete", exact=True)).to_have_count(0)
        open_app(bo, area_server, "themes", a=riverside)
        wait_for_text(bo, "No saved assessment has this link")

    sign_in(page, area_server, provider, "ana@example.org")
    open_app(page, area_server, "themes", a=riverside)
    saved = download(page, page.get_by_role("button", name="Download a copy"), tmp_path / "copy.json")
    assert json.loads(saved.read_bytes())["service"]["name"] == "Riverside women"
    open_app(page, area_server)
    wait_for_text(page, "Riverside women")
    page.get_by_role("button", name="Delete", exact=True).click()
    wait_for_text(page, "Delete the assessment of Riverside women?")
    expect(page.get_by_text("It cannot be undone")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Delete for good").click()
    wait_for_text(page, "Deleted the assessment of Riverside women")
    expect(page.get_by_role("button", name="Delete", exact=True)).to_have_count(0)
    store = AssessmentStore(database_url(area_server))
    assert store.get(riverside) is None
    store.dispose()
    open_app(page, area_server, "themes", a=riverside)
    wait_for_text(page, "No saved assessment has this link")

    with another_tab(browser, guard) as chris:
        sign_in(chris, area_server, provider, "chris@example.org")
        open_app(chris, area_server, "audit")
        wait_for_text(chris, "Events, newest first")
        deleted = chris.locator("table.checklist-table tr").filter(has_text=riverside).filter(has_text="deleted")
        expect(deleted).to_have_count(1)
        expect(deleted).to_contain_text("ana@example.org")
        expect(deleted).to_contain_text("Riverside")
        exported = chris.locator("table.checklist-table tr").filter(has_text=riverside).filter(has_text="exported")
        expect(exported).to_contain_text("JSON file")
        expect(exported).to_contain_text("ana@example.org")
        expect(chris.get_by_text("Riverside women")).to_have_count(0)  # the fact, never the content
        assert_accessible(chris)

    open_app(page, area_server, "audit")
    wait_for_text(page, "There is nothing at this address for you.")
