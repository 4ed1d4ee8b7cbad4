"""The Administration layer on a real database (SQLite always, PostgreSQL when set): what the page relies on.

Northshire commissions Riverside; Chris is the administrator, signed in.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime

import pytest
from click.testing import CliRunner
from sqlalchemy import create_engine, delete

from checklist.cli import main
from checklist.domain.assessment import Service
from checklist.domain.audit import AuditAction
from checklist.domain.people import DirectoryError, OrganisationKind, Role, RoleGrant
from checklist.storage import AssessmentStore
from checklist.storage.access import PersonAccess
from checklist.storage.administration import NOT_SIGNED_IN, OWN_ROLE, SIGNED_IN, YOURSELF, Administration
from checklist.storage.audit import AuditTrail
from checklist.storage.directory import DirectoryStore
from checklist.storage.directory_schema import assessment_owners
from checklist.storage.submissions import SubmissionStore
from tests.builders import make_assessment, make_bank

LAST = (
    "is the last administrator; invite another administrator first, so that someone can still manage "
    "organisations and people"
)


@dataclass
class Server:
    directory: DirectoryStore
    url: str

    def administration(self, email: str = "chris@example.org") -> Administration:
        return Administration(self.directory, self.directory.person_by_email(email))


@pytest.fixture
def server(url: str) -> Iterator[Server]:
    directory = DirectoryStore(url)
    directory.invite("chris@example.org", Role.ADMINISTRATOR)
    directory.sign_in("iss chris", "chris@example.org")
    admin = Administration(directory, directory.person_by_email("chris@example.org"))
    admin.add_organisation("Northshire", OrganisationKind.AREA)
    admin.add_organisation("Riverside", OrganisationKind.PROVIDER, area="Northshire")
    yield Server(directory, url)
    directory.dispose()


def test_organisations_are_listed_with_their_area_and_services(server: Server) -> None:
    admin = server.administration()
    admin.add_service("Riverside", "Riverside women's service")
    admin.add_service("Riverside", "Riverside family service")

    listed = {e.organisation.name: (e.description, e.services) for e in admin.organisations()}

    assert listed == {
        "Northshire": ("commissioning area", ()),
        "Riverside": ("service provider in Northshire", ("Riverside family service", "Riverside women's service")),
    }


def test_people_are_listed_with_every_role_and_whether_they_have_ever_signed_in(server: Server) -> None:
    admin = server.administration()
    admin.add_organisation("Hillside", OrganisationKind.PROVIDER, area="Northshire")
    admin.invite("eve@example.org", Role.STAFF, "Riverside")
    admin.invite("eve@example.org", Role.STAFF, "Hillside")
    admin.invite("never@example.org", Role.TRAINER)

    listed = {e.person.email: (e.state, [r.description for r in e.roles]) for e in admin.people()}

    assert listed == {
        "chris@example.org": (SIGNED_IN, ["administrator"]),
        "eve@example.org": (NOT_SIGNED_IN, ["service staff of Riverside", "service staff of Hillside"]),
        "never@example.org": (NOT_SIGNED_IN, ["trainer"]),
    }
    assert NOT_SIGNED_IN == "invited, not signed in yet"


def test_an_invitation_never_used_can_be_withdrawn(server: Server) -> None:
    admin = server.administration()
    admin.invite("never@example.org", Role.TRAINER)

    admin.remove_person("never@example.org")

    assert [e.person.email for e in admin.people()] == ["chris@example.org"]


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("  Ana.Lopez@Riverside.Example  ", "ana.lopez@riverside.example"),
        ("ａｎａ@ｒｉｖｅｒｓｉｄｅ.example", "ana@riverside.example"),  # full-width letters, as some keyboards type
    ],
)
def test_an_address_typed_with_odd_unicode_is_stored_in_its_plain_form(server: Server, typed: str, stored: str) -> None:
    invited = server.administration().invite(typed, Role.STAFF, "Riverside")

    assert invited.email == stored


@pytest.mark.parametrize(
    ("typed", "sentence"),
    [
        ("ana.riverside.example", "is not an e-mail address (it needs a name, an @ and a domain"),
        ("ana\u0007@riverside.example", "an e-mail address may not contain spaces or invisible characters"),
        ("ana\u200b@riverside.example", "an e-mail address may not contain spaces or invisible characters"),
    ],
)
def test_an_address_with_no_at_or_a_control_character_is_refused_in_a_sentence(
    server: Server, typed: str, sentence: str
) -> None:
    with pytest.raises(DirectoryError) as refused:
        server.administration().invite(typed, Role.STAFF, "Riverside")

    assert sentence in refused.value.message
    assert [e.person.email for e in server.administration().people()] == ["chris@example.org"]


def test_an_administrator_cannot_take_away_their_own_administrator_role_or_remove_themself(server: Server) -> None:
    server.directory.invite("dana@example.org", Role.ADMINISTRATOR)  # not the last one: the own-role rule alone
    admin = server.administration()

    with pytest.raises(DirectoryError) as own_role:
        admin.remove_role(" Chris@Example.org", Role.ADMINISTRATOR)
    with pytest.raises(DirectoryError) as yourself:
        admin.remove_person("chris@example.org")

    assert own_role.value.problems == [OWN_ROLE]
    assert yourself.value.problems == [YOURSELF]
    assert server.directory.person_by_email("chris@example.org").roles == (RoleGrant(role=Role.ADMINISTRATOR),)  # type: ignore[union-attr]


def test_another_administrator_can_be_removed_but_never_the_last_one(server: Server) -> None:
    server.administration().invite("dana@example.org", Role.ADMINISTRATOR)
    dana = server.administration("dana@example.org")

    dana.remove_role("chris@example.org", Role.ADMINISTRATOR)
    assert server.directory.person_by_email("chris@example.org").roles == ()  # type: ignore[union-attr]

    with pytest.raises(DirectoryError) as last:  # the directory's own rule, for the command line too
        server.directory.remove_person("dana@example.org")
    assert last.value.message == f"dana@example.org: {LAST}"


def test_the_command_line_refuses_to_remove_the_last_administrator_with_the_same_sentence(server: Server) -> None:
    for command in (["remove-role", "chris@example.org", "administrator"], ["remove-person", "chris@example.org"]):
        result = CliRunner().invoke(main, ["admin", *command], env={"CHECKLIST_DATABASE_URL": server.url})
        assert result.exit_code == 1
        assert LAST in " ".join(result.output.split())
    assert server.directory.person_by_email("chris@example.org") is not None


def test_removing_an_organisation_says_what_happens_to_its_services_and_people_and_takes_their_roles(
    server: Server,
) -> None:
    admin = server.administration()
    admin.add_service("Riverside", "Riverside women's service")
    admin.invite("ana@example.org", Role.STAFF, "Riverside")
    admin.invite("eve@example.org", Role.STAFF, "Riverside")
    admin.invite("eve@example.org", Role.TRAINER)
    server.directory.sign_in("iss ana", "ana@example.org")

    removal = admin.removal("Riverside")
    assert removal.allowed
    assert removal.sentences == (
        "Removing it also removes its 1 service and the roles 2 people hold in it.",
        "1 person would have no role left: on their next click they see the page that says they have no access yet.",
        "It owns no saved assessment, so no assessment is lost.",
    )
    admin.remove_organisation("Riverside")

    ana = server.directory.person_by_subject("iss ana")  # signed in: her next click reads this
    assert ana is not None
    assert ana.roles == ()
    assert [r.description for e in admin.people() if e.person.email == "eve@example.org" for r in e.roles] == [
        "trainer"
    ]


def test_an_organisation_that_owns_assessments_or_providers_is_kept_and_nothing_is_lost(server: Server) -> None:
    store = AssessmentStore(server.url)
    assessment = make_assessment(make_bank(), service=Service(name="Riverside women"))
    riverside = next(
        e.organisation for e in server.administration().organisations() if e.organisation.name == "Riverside"
    )
    server.directory.set_owner(assessment.id, riverside.id)
    store.create(assessment)
    admin = server.administration()

    removal = admin.removal("Riverside")
    area = admin.removal("Northshire")

    assert not removal.allowed
    assert removal.sentences == (
        "It cannot be removed yet: it owns 1 saved assessment, and removing it would leave them with no owner. "
        "Nothing is deleted: its staff keep working on them.",
    )
    assert area.sentences == ("It cannot be removed yet: 1 service provider belongs to it. Remove them first.",)
    with pytest.raises(DirectoryError):
        admin.remove_organisation("Riverside")
    assert store.get(assessment.id) is not None
    store.dispose()


def test_an_organisation_that_submissions_name_is_kept_with_their_history(server: Server) -> None:
    """An assessment deleted after it was submitted leaves its submissions, which still name the organisation."""
    store, sent = AssessmentStore(server.url), SubmissionStore(server.url)
    assessment = make_assessment(
        make_bank(),
        service=Service(name="Riverside women", organisation="Riverside"),
        assessed_on=datetime(2026, 12, 1, tzinfo=UTC).date(),
    )
    riverside = next(
        e.organisation for e in server.administration().organisations() if e.organisation.name == "Riverside"
    )
    server.directory.set_owner(assessment.id, riverside.id)
    store.create(assessment)
    ana = server.directory.invite("ana@example.org", Role.STAFF, "Riverside")
    PersonAccess(store, server.directory, ana, submissions=sent).submit(assessment.id, make_bank())
    engine = create_engine(server.url)
    with engine.begin() as conn:
        conn.execute(delete(assessment_owners).where(assessment_owners.c.assessment_id == assessment.id))
    engine.dispose()

    with pytest.raises(DirectoryError) as kept:
        server.administration().remove_organisation("Riverside")

    assert kept.value.message == "Riverside: 1 submission sent in the app name it, and their history is kept"
    assert len(sent.for_assessment(assessment.id)) == 1
    for opened in (store, sent):
        opened.dispose()


def test_changes_made_through_the_page_are_in_the_audit_trail_under_the_administrators_address(
    server: Server,
) -> None:
    admin = server.administration()
    admin.add_service("Riverside", "Riverside women's service")
    admin.invite("dee@example.org", Role.STAFF, "Riverside")
    admin.remove_role("dee@example.org", Role.STAFF, "Riverside")
    admin.remove_person("dee@example.org")
    trail = AuditTrail(server.url)

    by_chris = [e.action for e in trail.entries() if e.actor == "chris@example.org"]

    trail.dispose()
    assert by_chris == [
        AuditAction.PERSON_REMOVED,
        AuditAction.ROLE_REMOVED,
        AuditAction.PERSON_INVITED,
        AuditAction.SERVICE_ADDED,
        AuditAction.ORGANISATION_ADDED,
        AuditAction.ORGANISATION_ADDED,
    ]
