"""Submitting to the commissioner in the real browser, each person signed in through a real OIDC provider.

Northshire commissions Riverside and Hillside. Ana (staff of Riverside) submits; Cara (commissioner
of Northshire) sees it in her list and compares it; Bo (staff of Hillside) sees nothing of it.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date

import pytest
from playwright.sync_api import Browser, Page, expect

from checklist.domain.assessment import Service
from checklist.domain.bank import load_bank
from checklist.domain.people import OrganisationKind, Role
from checklist.storage import AssessmentStore
from checklist.storage.directory import DirectoryStore
from checklist.storage.submissions import SubmissionStore
from tests.builders import make_assessment
from tests.e2e.conftest import (
    LAPTOP,
    AppServer,
    RouteGuard,
    assert_accessible,
    is_loopback,
    open_app,
    wait_for_text,
)
from tests.e2e.signin import area_server, database_url, provider, sign_in

pytestmark = pytest.mark.e2e
__all__ = ["area_server", "provider"]  # the signed-in server fixtures, shared from tests/e2e/signin.py


@pytest.fixture(scope="module")
def riverside(area_server: AppServer) -> str:
    """The area and its people, and one finished assessment of Riverside; returns its id."""
    url = database_url(area_server)
    directory, store = DirectoryStore(url), AssessmentStore(url)
    directory.add_organisation("Northshire", OrganisationKind.AREA)
    owner = directory.add_organisation("Riverside", OrganisationKind.PROVIDER, area="Northshire")
    directory.add_organisation("Hillside", OrganisationKind.PROVIDER, area="Northshire")
    directory.invite("ana@example.org", Role.STAFF, "Riverside")
    directory.invite("bo@example.org", Role.STAFF, "Hillside")
    directory.invite("cara@example.org", Role.COMMISSIONER, "Northshire")
    bank = load_bank(area_server.env["CHECKLIST_BANK"])
    assessment = make_assessment(
        bank,
        {"a1": "met", "a2": "met", "b1": "not_met", "b2": "met"},
        service=Service(name="Riverside women", organisation="Riverside"),
        assessed_on=date(2026, 12, 1),
    )
    directory.set_owner(assessment.id, owner.id)
    store.create(assessment)
    directory.dispose()
    store.dispose()
    return assessment.id


@contextmanager
def another_tab(browser: Browser, guard: RouteGuard) -> Iterator[Page]:
    """A second person's browser (own cookies), on loopback only like the `page` fixture's."""
    context = browser.new_context(viewport=LAPTOP)
    context.set_default_timeout(45_000)
    context.route(lambda url: not is_loopback(url), guard.block)
    context.route_web_socket(lambda url: not is_loopback(url), guard.block_socket)
    try:
        yield context.new_page()
    finally:
        context.close()


def test_staff_submit_the_areas_commissioner_sees_and_compares_it_and_another_provider_does_not(
    page: Page, browser: Browser, guard: RouteGuard, area_server: AppServer, provider: str, riverside: str
) -> None:
    sign_in(page, area_server, provider, "ana@example.org")
    open_app(page, area_server, "plan", a=riverside)
    page.get_by_role("button", name="Submit to commissioner").click()
    wait_for_text(page, "to the commissioners of Northshire.")
    expect(page.get_by_text("Submitted.", exact=True)).to_be_visible()
    expect(page.get_by_text("by ana@example.org to the commissioners of Northshire.")).to_be_visible()
    assert_accessible(page)
    sent = SubmissionStore(database_url(area_server))
    assert [s.submitted_by for s in sent.for_assessment(riverside)] == ["ana@example.org"]
    sent.dispose()

    with another_tab(browser, guard) as cara:
        sign_in(cara, area_server, provider, "cara@example.org")
        open_app(cara, area_server, "compare")
        wait_for_text(cara, "1 service submitted to Northshire; 1 new since your last visit.")
        expect(cara.get_by_text("New since your last visit: Riverside women (Riverside).")).to_be_visible()
        expect(cara.get_by_role("radiogroup", name="Compare")).to_be_visible()
        expect(cara.get_by_text("1 submission: 1 accepted")).to_be_visible()
        expect(cara.get_by_test_id("stMetric").filter(has_text="Services compared")).to_contain_text("1")
        expect(cara.get_by_text("Submitted assessment files")).to_have_count(0)  # no upload needed
        assert_accessible(cara)

    with another_tab(browser, guard) as bo:
        sign_in(bo, area_server, provider, "bo@example.org")
        open_app(bo, area_server, "compare")
        expect(bo.get_by_text("Submitted assessment files")).to_be_visible()  # only the upload, as for anyone
        expect(bo.get_by_role("radiogroup", name="Compare")).to_have_count(0)
        expect(bo.get_by_text("Riverside women")).to_have_count(0)
        expect(bo.get_by_text("submitted to Northshire")).to_have_count(0)
        open_app(bo, area_server, "plan", a=riverside)
        wait_for_text(bo, "No saved assessment has this link")
        expect(bo.get_by_role("button", name="Submit to commissioner")).to_have_count(0)
