"""Sign-in's bad input, in the real browser with a real OpenID Connect provider on loopback.

A tampered or expired identity cookie, a provider that is down, an e-mail address with odd Unicode,
an organisation removed while its people are signed in, and two trainers who each see only their own
workshops. Each gets a clear page, and nothing saved is lost.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from checklist.domain.assessment import Service
from checklist.domain.bank import load_bank
from checklist.domain.people import DirectoryError, OrganisationKind, Person, Role
from checklist.domain.workshop import create_workshop
from checklist.storage import AssessmentStore
from checklist.storage.access import NOT_YOURS
from checklist.storage.directory import DirectoryStore
from checklist.storage.workshop_access import TrainerWorkshops
from checklist.storage.workshop_owners import WorkshopOwnerStore
from checklist.storage.workshops import WorkshopStore
from checklist.ui.workshop_common import NO_WORKSHOP
from tests.builders import make_assessment
from tests.e2e.conftest import (
    LAPTOP,
    AppServer,
    RouteGuard,
    assert_accessible,
    assert_no_app_error,
    is_loopback,
    open_app,
    wait_for_text,
    wait_until_idle,
)
from tests.e2e.signin import (
    answer_provider_stylesheet,
    area_server,
    database_url,
    provider,
    running_provider,
    set_claims,
    sign_in,
    start_signin_server,
)

pytestmark = pytest.mark.e2e
__all__ = ["area_server", "provider"]  # the signed-in server fixtures, shared from tests/e2e/signin.py

SIGN_IN = "Sign in"
NO_ACCESS = "You have no access yet"
PROVIDER_DOWN = "The sign-in service cannot be reached just now"


@pytest.fixture(scope="module")
def seeded(area_server: AppServer) -> dict[str, str]:
    """Riverside (with one assessment) and Brookside (none); its staff, two trainers, and Zoë by her accented name."""
    url = database_url(area_server)
    directory, store = DirectoryStore(url), AssessmentStore(url)
    riverside = directory.add_organisation("Riverside", OrganisationKind.PROVIDER)
    directory.add_organisation("Brookside", OrganisationKind.PROVIDER)
    assessment = make_assessment(load_bank(area_server.env["CHECKLIST_BANK"]), service=Service(name="Riverside women"))
    directory.set_owner(assessment.id, riverside.id)
    store.create(assessment)
    directory.invite("ana@example.org", Role.STAFF, "Riverside")
    directory.invite("bea@example.org", Role.STAFF, "Brookside")
    directory.invite("zoë@example.org", Role.STAFF, "Riverside")  # typed with a composed ë
    fenside = directory.add_organisation("Fenside", OrganisationKind.PROVIDER)
    theirs = make_assessment(load_bank(area_server.env["CHECKLIST_BANK"]), service=Service(name="Fenside women"))
    directory.set_owner(theirs.id, fenside.id)
    store.create(theirs)
    directory.invite("eve@example.org", Role.STAFF, "Riverside")
    directory.invite("eve@example.org", Role.STAFF, "Fenside")
    for trainer in ("tom@example.org", "tia@example.org"):
        directory.invite(trainer, Role.TRAINER)
    directory.dispose()
    store.dispose()
    return {"Riverside": assessment.id, "Fenside": theirs.id}


def new_tab(browser: Browser, guard: RouteGuard) -> Page:
    """A second person's browser: its own cookies, the same guard against leaving the machine."""
    context = browser.new_context(viewport=LAPTOP)
    context.set_default_timeout(45_000)
    context.route(lambda url: not is_loopback(url), guard.block)
    return context.new_page()


def identity_cookies(page: Page) -> list[dict[str, object]]:
    found = [dict(c) for c in page.context.cookies() if c["name"].startswith("_streamlit_user")]
    assert found, "signing in left an identity cookie"
    return found


def test_a_tampered_identity_cookie_shows_the_sign_in_page_and_signing_in_again_works(
    page: Page, area_server: AppServer, provider: str, seeded: dict[str, str]
) -> None:
    sign_in(page, area_server, provider, "ana@example.org")
    tampered = []
    for cookie in identity_cookies(page):
        value = str(cookie["value"])
        flipped = "A" if value[-2] != "A" else "B"
        tampered.append({**cookie, "value": value[:-2] + flipped + value[-1]})
    page.context.add_cookies(tampered)  # type: ignore[arg-type]
    page.reload()
    wait_until_idle(page)
    expect(page.get_by_role("heading", name=SIGN_IN)).to_be_visible()
    assert_no_app_error(page)
    expect(page.get_by_text("Signed in as")).to_have_count(0)

    sign_in(page, area_server, provider, "ana@example.org")
    open_app(page, area_server, a=seeded["Riverside"])
    expect(page.get_by_text("Carry on where you left off")).to_be_visible()


def test_an_expired_identity_cookie_shows_the_sign_in_page(
    page: Page, area_server: AppServer, provider: str, seeded: dict[str, str]
) -> None:
    sign_in(page, area_server, provider, "ana@example.org")
    expired = [{**cookie, "expires": time.time() - 3600} for cookie in identity_cookies(page)]
    page.context.add_cookies(expired)  # type: ignore[arg-type]
    page.reload()
    wait_until_idle(page)
    expect(page.get_by_role("heading", name=SIGN_IN)).to_be_visible()
    assert_no_app_error(page)
    expect(page.get_by_text("Signed in as")).to_have_count(0)


def test_an_email_with_another_unicode_form_matches_its_invitation_and_a_look_alike_does_not(
    page: Page, browser: Browser, guard: RouteGuard, area_server: AppServer, provider: str, seeded: dict[str, str]
) -> None:
    # "ZOË" in capitals, its ë decomposed (e and a combining diaeresis), the domain in full-width letters.
    set_claims(provider, "zoe-decomposed", {"email": "ZOE\u0308@ｅｘａｍｐｌｅ.org"})
    sign_in(page, area_server, provider, "zoe-decomposed")
    expect(page.get_by_role("button", name="Start a new assessment")).to_be_visible()
    expect(page.get_by_role("heading", name=NO_ACCESS)).to_have_count(0)

    # The same name with a Cyrillic "о": it looks the same and is another address.
    set_claims(provider, "zoe-lookalike", {"email": "z\u043eë@example.org"})
    other = new_tab(browser, guard)
    sign_in_as_stranger(other, area_server, provider, "zoe-lookalike")
    expect(other.get_by_role("heading", name=NO_ACCESS)).to_be_visible()
    expect(other.get_by_role("button", name="Start a new assessment")).to_have_count(0)
    other.context.close()
    directory = DirectoryStore(database_url(area_server))
    zoe = directory.person_by_email("zoë@example.org")
    directory.dispose()
    assert zoe is not None
    assert zoe.subject is not None
    assert zoe.subject.endswith(" zoe-decomposed")


def sign_in_as_stranger(page: Page, server: AppServer, provider: str, sub: str) -> None:
    """As sign_in, for someone who lands on the no-access page rather than the menu."""
    answer_provider_stylesheet(page, provider)
    open_app(page, server)
    page.get_by_role("button", name=SIGN_IN, exact=True).click()
    page.locator('input[name="sub"]').fill(sub)
    page.get_by_role("button", name="Authorize").click()
    page.wait_for_url(f"{server.url}/**")
    wait_for_text(page, "You are signed in as")


def test_an_organisation_removed_while_its_staff_are_signed_in_leaves_them_on_the_no_access_page(
    page: Page, area_server: AppServer, provider: str, seeded: dict[str, str]
) -> None:
    sign_in(page, area_server, provider, "bea@example.org")
    expect(page.get_by_role("button", name="Start a new assessment")).to_be_visible()
    directory = DirectoryStore(database_url(area_server))
    directory.remove_organisation("Brookside")
    directory.dispose()

    page.get_by_role("link", name="Themes").click()
    expect(page.get_by_role("heading", name=NO_ACCESS)).to_be_visible()
    assert_no_app_error(page)
    assert_accessible(page)


def test_an_organisation_that_owns_assessments_is_not_removed_and_keeps_them(
    area_server: AppServer, seeded: dict[str, str]
) -> None:
    url = database_url(area_server)
    directory, store = DirectoryStore(url), AssessmentStore(url)
    with pytest.raises(DirectoryError, match=r"it owns \d+ saved assessment"):
        directory.remove_organisation("Riverside")
    owner = directory.owner_of(seeded["Riverside"])
    kept = store.get(seeded["Riverside"])
    directory.dispose()
    store.dispose()
    assert (owner and owner.name, kept is not None) == ("Riverside", True)


def trainer(area_server: AppServer, email: str) -> Person:
    directory = DirectoryStore(database_url(area_server))
    person = directory.person_by_email(email)
    directory.dispose()
    assert person is not None
    return person


def test_two_trainers_each_see_only_their_own_workshops_and_the_others_link_is_not_found(
    page: Page, browser: Browser, guard: RouteGuard, area_server: AppServer, provider: str, seeded: dict[str, str]
) -> None:
    sign_in(page, area_server, provider, "tom@example.org")
    open_app(page, area_server, "workshop")
    page.get_by_label("Workshop name (optional, shown to participants)").fill("Tom's day")
    page.get_by_role("button", name="Create the workshop").click()
    page.wait_for_url("**/workshop?w=*")
    wait_for_text(page, "Join code")
    toms_link = page.url

    tia_tab = new_tab(browser, guard)
    sign_in(tia_tab, area_server, provider, "tia@example.org")
    url = database_url(area_server)
    store, owners = WorkshopStore(url), WorkshopOwnerStore(url)
    tias = TrainerWorkshops(store, owners, trainer(area_server, "tia@example.org"))
    theirs = tias.create(create_workshop(load_bank(area_server.env["CHECKLIST_BANK"]), title="Tia's day")).workshop
    store.dispose()
    owners.dispose()

    open_app(tia_tab, area_server, "workshop")
    expect(tia_tab.get_by_role("heading", name="Your workshops")).to_be_visible()
    expect(tia_tab.get_by_role("link", name="Tia's day")).to_be_visible()
    expect(tia_tab.get_by_text("Tom's day")).to_have_count(0)
    assert_accessible(tia_tab)
    tia_tab.goto(toms_link)
    wait_for_text(tia_tab, NO_WORKSHOP)
    expect(tia_tab.get_by_text("Tom's day")).to_have_count(0)
    expect(tia_tab.get_by_text("Join code")).to_have_count(0)
    tia_tab.context.close()

    open_app(page, area_server, "workshop")
    expect(page.get_by_role("link", name="Tom's day")).to_be_visible()
    expect(page.get_by_text("Tia's day")).to_have_count(0)
    open_app(page, area_server, "workshop", w=theirs.id)
    wait_for_text(page, NO_WORKSHOP)
    expect(page.get_by_text("Tia's day")).to_have_count(0)
    log = (area_server.home / "server.log").read_text(encoding="utf-8")
    assert f"refused: tom@example.org may not open workshop {theirs.id}" in log
    assert f"refused: tia@example.org may not open workshop {toms_link.split('w=')[1]}" in log


def test_staff_have_no_workshop_page_and_its_address_says_not_found(
    page: Page, area_server: AppServer, provider: str, seeded: dict[str, str]
) -> None:
    sign_in(page, area_server, provider, "ana@example.org")
    expect(page.get_by_role("link", name="Join a workshop")).to_be_visible()
    expect(page.get_by_role("link", name="Run a workshop")).to_have_count(0)
    open_app(page, area_server, "workshop")
    wait_for_text(page, NO_WORKSHOP)
    expect(page.get_by_role("button", name="Create the workshop")).to_have_count(0)
    assert_accessible(page)


def test_when_the_provider_is_down_sign_in_says_so_on_a_plain_page(page: Page, tmp_path: Path) -> None:
    with running_provider() as provider:
        server = start_signin_server(tmp_path, provider)
    try:  # the provider has stopped: its port answers nothing now
        open_app(page, server)
        page.get_by_role("button", name=SIGN_IN, exact=True).click()
        wait_for_text(page, PROVIDER_DOWN)
        expect(page.get_by_role("heading", name=SIGN_IN)).to_be_visible()
        expect(page.get_by_text("Authentication error")).to_have_count(0)
        expect(page.get_by_role("button", name="Try signing in again")).to_be_visible()
        assert_no_app_error(page)
        assert_accessible(page)
        assert "sign-in provider unreachable" in (server.home / "server.log").read_text(encoding="utf-8")
    finally:
        server.stop()


def new_assessment_owner(page: Page, server: AppServer) -> str:
    page.get_by_role("button", name="Start a new assessment").click()
    page.wait_for_url("**/profile?a=*")
    wait_until_idle(page)
    directory = DirectoryStore(database_url(server))
    owner = directory.owner_of(page.url.split("a=")[1].split("&")[0])
    directory.dispose()
    assert owner is not None
    return owner.name


def test_a_person_in_two_organisations_opens_both_and_chooses_each_in_turn_for_new_assessments(
    page: Page, area_server: AppServer, provider: str, seeded: dict[str, str]
) -> None:
    sign_in(page, area_server, provider, "eve@example.org")
    expect(page.get_by_text("Riverside women", exact=True)).to_be_visible()
    expect(page.get_by_text("Fenside women", exact=True)).to_be_visible()
    for organisation in ("Riverside", "Fenside"):
        open_app(page, area_server, "themes", a=seeded[organisation])
        expect(page.get_by_text(f"{organisation} women").first).to_be_visible()
        expect(page.get_by_text("No saved assessment has this link")).to_have_count(0)

    open_app(page, area_server)
    for organisation in ("Fenside", "Riverside"):
        page.get_by_label("New assessments are for").click()
        page.get_by_role("option", name=organisation).click()
        wait_until_idle(page)
        assert new_assessment_owner(page, area_server) == organisation
        open_app(page, area_server)  # back to Start (a new page load, so the choice is made afresh)
        expect(page.get_by_role("button", name="Start a new assessment")).to_be_visible()


def test_a_workshop_code_opens_only_the_join_page_never_another_providers_assessment(
    page: Page, area_server: AppServer, provider: str, seeded: dict[str, str]
) -> None:
    """Fenside's workshop agreed its answers into Fenside's assessment; Ana of Riverside joins it with the code."""
    url = database_url(area_server)
    store = WorkshopStore(url)
    made = store.create(create_workshop(load_bank(area_server.env["CHECKLIST_BANK"]), title="Fenside's day")).workshop
    store.update(made.id, lambda w: w.model_copy(update={"consensus_assessment_id": seeded["Fenside"]}))
    store.dispose()

    sign_in(page, area_server, provider, "ana@example.org")
    open_app(page, area_server, "join", join=made.join_code)
    wait_for_text(page, "Workshop: Fenside's day")
    page.get_by_role("button", name="Join").click()
    wait_for_text(page, "you joined as")
    expect(page.get_by_text("Fenside women")).to_have_count(0)
    expect(page.get_by_role("link", name="Fenside's day")).to_have_count(0)

    open_app(page, area_server, "themes", a=seeded["Fenside"])
    wait_for_text(page, NOT_YOURS)
    expect(page.get_by_text("Fenside women")).to_have_count(0)
