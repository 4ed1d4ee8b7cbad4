"""The page Organisations and people, at the page level, with the person taken as signed in (`signed_in_as`).

Northshire commissions Riverside; Chris administers the server; Ana is staff of Riverside.
The full sign-in through a real provider is tests/e2e/test_administration_e2e.py.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from checklist.domain.people import OrganisationKind, Role, RoleGrant
from checklist.storage.administration import OWN_ROLE
from checklist.storage.directory import DirectoryStore
from checklist.ui import state
from checklist.ui.administration_page import LOCAL_ONLY, NO_ACCESS, NO_ACCESS_TITLE, TITLE
from checklist.ui.navigation import ORGANISATIONS_AND_PEOPLE
from checklist.ui.text import literal
from tests.hostile import HOSTILE

PAGE = str(ORGANISATIONS_AND_PEOPLE.path)


@pytest.fixture
def directory(app_env: Path) -> Iterator[DirectoryStore]:
    app_env.mkdir(parents=True, exist_ok=True)
    found = DirectoryStore(f"sqlite:///{app_env / 'checklist.sqlite3'}")
    found.add_organisation("Northshire", OrganisationKind.AREA)
    found.add_organisation("Riverside", OrganisationKind.PROVIDER, area="Northshire")
    for email, role, organisation in (
        ("chris@example.org", Role.ADMINISTRATOR, None),
        ("ana@example.org", Role.STAFF, "Riverside"),
    ):
        found.invite(email, role, organisation)
        found.sign_in(f"iss {email}", email)
    yield found
    found.dispose()


@pytest.fixture
def as_chris(
    new_app: Callable[..., AppTest], directory: DirectoryStore, signed_in_as: Callable[[str], None]
) -> AppTest:
    signed_in_as("chris@example.org")
    at = new_app().switch_page(PAGE).run()
    assert not at.exception
    return at


def markdown(at: AppTest) -> list[str]:
    return [m.value for m in at.markdown]


def texts(at: AppTest) -> list[str]:
    return [t.value for t in at.text]


def test_an_administrator_sees_both_parts_and_the_page_in_the_menu(as_chris: AppTest) -> None:
    assert [t.value for t in as_chris.title] == [TITLE]
    assert [h.value for h in as_chris.header] == ["Organisations", "People"]
    assert "**Administration**" in [m.value for m in as_chris.sidebar.markdown]
    assert [t.value for t in as_chris.main.text] == [
        "Commissioning area",
        "Service provider in Northshire",
        "No services yet",
        "Has signed in",  # Ana
        "Service staff of Riverside",
        "Has signed in",  # Chris
        "Administrator",
    ]


def test_an_administrator_adds_an_organisation_and_a_service(as_chris: AppTest, directory: DirectoryStore) -> None:
    as_chris.text_input(key=state.ADMIN_ORGANISATION_NAME).input("  Hillside   Recovery ")
    as_chris.radio(key=state.ADMIN_ORGANISATION_KIND).set_value(OrganisationKind.PROVIDER)
    as_chris.selectbox(key=state.ADMIN_ORGANISATION_AREA).set_value("Northshire")
    as_chris.button(key=state.ADMIN_ORGANISATION_ADD).click().run()

    assert not as_chris.exception
    assert [s.value for s in as_chris.success] == [
        literal("Added the service provider Hillside Recovery in Northshire.")
    ]
    assert as_chris.text_input(key=state.ADMIN_ORGANISATION_NAME).value == ""
    hillside = next(o for o in directory.organisations() if o.name == "Hillside Recovery")
    assert hillside.area_id == next(o.id for o in directory.organisations() if o.name == "Northshire")

    as_chris.selectbox(key=state.ADMIN_SERVICE_PROVIDER).set_value("Hillside Recovery")
    as_chris.text_input(key=state.ADMIN_SERVICE_NAME).input("Hillside women's group")
    as_chris.button(key=state.ADMIN_SERVICE_ADD).click().run()

    assert [s.name for s in directory.services()] == ["Hillside women's group"]
    assert "Services: Hillside women's group" in texts(as_chris)


def test_a_second_organisation_with_the_same_name_is_refused_in_a_sentence(as_chris: AppTest) -> None:
    as_chris.text_input(key=state.ADMIN_ORGANISATION_NAME).input("Riverside")
    as_chris.button(key=state.ADMIN_ORGANISATION_ADD).click().run()

    assert [e.value for e in as_chris.error] == [literal("Riverside: there is already an organisation with this name")]


def test_an_invitation_says_what_to_tell_the_person_and_shows_them_as_not_signed_in_yet(
    as_chris: AppTest, directory: DirectoryStore
) -> None:
    as_chris.text_input(key=state.ADMIN_INVITE_EMAIL).input(" Bo@Example.ORG ")
    as_chris.selectbox(key=state.ADMIN_INVITE_ROLE).set_value(Role.STAFF)
    as_chris.selectbox(key=state.ADMIN_INVITE_ORGANISATION).set_value("Riverside")
    as_chris.button(key=state.ADMIN_INVITE_ADD).click().run()

    assert not as_chris.exception
    assert [s.value for s in as_chris.success] == [literal("bo@example.org is now service staff of Riverside.")]
    assert "sign in with this e-mail address" in " ".join(markdown(as_chris))
    assert [c.value for c in as_chris.code] == ["bo@example.org"]  # AppTest has no browser address to show
    assert f"**{literal('bo@example.org')}**" in markdown(as_chris)
    assert "Invited, not signed in yet" in texts(as_chris)
    bo = directory.person_by_email("bo@example.org")
    assert bo is not None
    assert bo.subject is None


def test_the_server_address_to_tell_is_the_public_address_when_it_is_set(
    as_chris: AppTest, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CHECKLIST_PUBLIC_URL", "https://checklist.northshire.example/")
    as_chris.text_input(key=state.ADMIN_INVITE_EMAIL).input("cy@example.org")
    as_chris.selectbox(key=state.ADMIN_INVITE_ROLE).set_value(Role.TRAINER)
    as_chris.button(key=state.ADMIN_INVITE_ADD).click().run()

    assert [c.value for c in as_chris.code] == ["https://checklist.northshire.example", "cy@example.org"]


def test_an_address_that_is_not_one_is_refused_in_a_sentence_and_kept_in_the_box(as_chris: AppTest) -> None:
    as_chris.text_input(key=state.ADMIN_INVITE_EMAIL).input("bo.example.org")
    as_chris.selectbox(key=state.ADMIN_INVITE_ROLE).set_value(Role.TRAINER)
    as_chris.button(key=state.ADMIN_INVITE_ADD).click().run()

    assert [e.value for e in as_chris.error] == [
        literal(
            "e-mail address: 'bo.example.org' is not an e-mail address "
            "(it needs a name, an @ and a domain, like ana@example.org)"
        )
    ]
    assert as_chris.text_input(key=state.ADMIN_INVITE_EMAIL).value == "bo.example.org"


def test_a_role_is_removed_only_after_a_confirmation_that_names_it(
    as_chris: AppTest, directory: DirectoryStore
) -> None:
    ana = directory.person_by_email("ana@example.org")
    assert ana is not None
    as_chris.button(key=state.admin_remove_role_key(ana.id, 0)).click().run()

    question = f"**Take the role service staff of Riverside away from {literal('ana@example.org')}?**"
    assert question in markdown(as_chris)
    assert directory.person_by_email("ana@example.org").roles != ()  # type: ignore[union-attr]

    as_chris.button(key=state.ADMIN_CANCEL).click().run()
    assert question not in markdown(as_chris)

    as_chris.button(key=state.admin_remove_role_key(ana.id, 0)).click().run()
    as_chris.button(key=state.ADMIN_CONFIRM).click().run()

    assert not as_chris.exception
    assert directory.person_by_email("ana@example.org").roles == ()  # type: ignore[union-attr]
    assert [s.value for s in as_chris.success] == [
        literal("Took the role service staff of Riverside away from ana@example.org.")
    ]
    assert "No role" in texts(as_chris)


def test_an_organisation_is_removed_after_a_confirmation_that_says_what_happens(
    as_chris: AppTest, directory: DirectoryStore
) -> None:
    directory.add_organisation("Fenside", OrganisationKind.PROVIDER)
    directory.invite("fen@example.org", Role.STAFF, "Fenside")
    at = as_chris.run()
    fenside = next(o for o in directory.organisations() if o.name == "Fenside")
    at.button(key=state.admin_remove_organisation_key(fenside.id)).click().run()

    assert "**Remove the organisation Fenside?**" in markdown(at)
    assert "It owns no saved assessment, so no assessment is lost." in markdown(at)
    assert at.button(key=state.ADMIN_CONFIRM).label == "Yes, remove Fenside"

    at.button(key=state.ADMIN_CONFIRM).click().run()

    assert [o.name for o in directory.organisations()] == ["Northshire", "Riverside"]
    assert directory.person_by_email("fen@example.org").roles == ()  # type: ignore[union-attr]


def test_an_area_with_providers_offers_no_removal_and_says_why(as_chris: AppTest, directory: DirectoryStore) -> None:
    northshire = next(o for o in directory.organisations() if o.name == "Northshire")
    as_chris.button(key=state.admin_remove_organisation_key(northshire.id)).click().run()

    assert "It cannot be removed yet: 1 service provider belongs to it. Remove them first." in markdown(as_chris)
    assert [b for b in as_chris.button if b.key == state.ADMIN_CONFIRM] == []
    assert as_chris.button(key=state.ADMIN_CANCEL).label == "Close"


def test_an_administrator_cannot_take_away_their_own_administrator_role(
    as_chris: AppTest, directory: DirectoryStore
) -> None:
    chris = directory.person_by_email("chris@example.org")
    assert chris is not None
    as_chris.button(key=state.admin_remove_role_key(chris.id, 0)).click().run()
    as_chris.button(key=state.ADMIN_CONFIRM).click().run()

    assert [e.value for e in as_chris.error] == [literal(f"chris@example.org: {OWN_ROLE}")]
    assert directory.person_by_email("chris@example.org").roles == (RoleGrant(role=Role.ADMINISTRATOR),)  # type: ignore[union-attr]


def test_someone_who_is_not_an_administrator_is_refused_and_the_refusal_is_logged(
    new_app: Callable[..., AppTest],
    directory: DirectoryStore,
    signed_in_as: Callable[[str], None],
    caplog: pytest.LogCaptureFixture,
) -> None:
    signed_in_as("ana@example.org")
    with caplog.at_level(logging.WARNING):
        at = new_app().switch_page(PAGE).run()

    assert not at.exception
    assert [t.value for t in at.title] == [NO_ACCESS_TITLE]
    assert NO_ACCESS in markdown(at)
    assert "Riverside" not in " ".join(markdown(at) + texts(at))
    assert [b for b in at.button if (b.key or "").startswith("admin-")] == []
    assert "refused: ana@example.org may not manage people" in caplog.text
    assert "**Administration**" not in [m.value for m in at.sidebar.markdown]


def test_a_removal_clicked_after_ones_administrator_role_was_taken_away_is_refused(
    as_chris: AppTest, directory: DirectoryStore
) -> None:
    ana = directory.person_by_email("ana@example.org")
    assert ana is not None
    as_chris.button(key=state.admin_remove_person_key(ana.id)).click().run()
    directory.invite("dana@example.org", Role.ADMINISTRATOR)
    directory.remove_role("chris@example.org", Role.ADMINISTRATOR)  # by Dana, on the command line

    as_chris.button(key=state.ADMIN_CONFIRM).click().run()

    assert directory.person_by_email("ana@example.org") is not None
    assert [t.value for t in as_chris.title] == [NO_ACCESS_TITLE]


def test_hostile_names_and_addresses_are_shown_literally(as_chris: AppTest, directory: DirectoryStore) -> None:
    names = [HOSTILE[k] for k in ("html", "script", "markdown_bold", "markdown_link", "streamlit_markup")]
    for name in names:
        directory.add_organisation(name, OrganisationKind.PROVIDER, area="Northshire")
    directory.invite("[click](http://evil.example)@example.org", Role.TRAINER)
    at = as_chris.run()

    assert not at.exception
    for name in names:
        assert f"**{literal(name)}**" in markdown(at)
        assert f"Remove {literal(name)}" in [b.label for b in at.button]
    assert f"**{literal('[click](http://evil.example)@example.org')}**" in markdown(at)
    assert not [m for m in markdown(at) if "<b>" in m or "<script>" in m or "](http" in m]


def test_on_a_laptop_the_page_says_organisations_matter_only_with_sign_in(new_app: Callable[..., AppTest]) -> None:
    at = new_app().switch_page(PAGE).run()

    assert not at.exception
    assert [t.value for t in at.title] == [TITLE]
    assert LOCAL_ONLY in markdown(at)
    assert at.get("form") == []


def test_an_invitation_never_used_is_withdrawn_after_a_confirmation_that_says_so(
    as_chris: AppTest, directory: DirectoryStore
) -> None:
    never = directory.invite("never@example.org", Role.TRAINER)
    at = as_chris.run()
    at.button(key=state.admin_remove_person_key(never.id)).click().run()

    assert f"**Remove {literal('never@example.org')} and all their roles?**" in markdown(at)
    assert "They have never signed in: this withdraws the invitation." in markdown(at)
    assert at.button(key=state.ADMIN_CONFIRM).label == f"Yes, remove {literal('never@example.org')}"

    at.button(key=state.ADMIN_CONFIRM).click().run()

    assert directory.person_by_email("never@example.org") is None
    assert [s.value for s in at.success] == [literal("Removed never@example.org and all their roles.")]
