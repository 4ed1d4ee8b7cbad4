"""`checklist admin`: organisations, people and roles on a server that serves a whole area.

Run on the server, against the same database as the app (CHECKLIST_DATABASE_URL, or the
SQLite file in the data folder). The first administrator is invited here; nobody can
sign in to give themself a role.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TypeVar

import click

from checklist.commands.common import fail, say
from checklist.domain.errors import ChecklistError
from checklist.domain.people import Organisation, OrganisationKind, Person, Role
from checklist.storage.administration import NOT_SIGNED_IN
from checklist.storage.database import StoreError, database_url
from checklist.storage.directory import DirectoryStore
from checklist.storage.health import database_problems

T = TypeVar("T")

ROLE = click.Choice([r.value for r in Role])
organisation_option = click.option(
    "--organisation",
    "organisation",
    default=None,
    help="The provider (for staff) or the commissioning area (for a commissioner), by name.",
)


@contextmanager
def _directory() -> Iterator[DirectoryStore]:
    store = DirectoryStore(database_url())
    try:
        yield store
    except ChecklistError as exc:
        fail(exc.message)
    except StoreError as exc:
        fail(_diagnosed(exc))
    finally:
        store.dispose()


def _diagnosed(error: StoreError) -> str:
    """The store's message, or what `checklist doctor` finds wrong with the database if it cannot be reached.

    "Try again in a moment" suits a server that is restarting, not a database address that names a
    file that is not a database: that deserves its own plain words.
    """
    unreachable = [p for p in database_problems(database_url()) if "is not reachable" in p]
    return f"{unreachable[0]} (check CHECKLIST_DATABASE_URL)" if unreachable else error.message


def _run(change: Callable[[DirectoryStore], T]) -> T:
    with _directory() as store:
        return change(store)


@click.group("admin")
def admin_command() -> None:
    """Manage organisations, people and roles (for a server with sign-in)."""


@admin_command.command("add-organisation")
@click.argument("name")
@click.option("--kind", type=click.Choice([k.value for k in OrganisationKind]), required=True)
@click.option("--area", default=None, help="For a provider: the commissioning area it belongs to, by name.")
def add_organisation(name: str, kind: str, area: str | None) -> None:
    """Add a service provider or a commissioning area."""
    added = _run(lambda d: d.add_organisation(name, OrganisationKind(kind), area=area))
    say(f"Added {added.kind.label} {added.name!r}" + (f" in {area!r}" if area else ""))


@admin_command.command("add-service")
@click.argument("organisation")
@click.argument("name")
def add_service(organisation: str, name: str) -> None:
    """Add a service that a provider runs."""
    added = _run(lambda d: d.add_service(organisation, name))
    say(f"Added service {added.name!r} to {organisation!r}")


@admin_command.command()
@click.argument("email")
@click.argument("role", type=ROLE)
@organisation_option
def invite(email: str, role: str, organisation: str | None) -> None:
    """Give ROLE to the person with EMAIL, inviting them if they are new.

    They sign in with that address; their first sign-in binds their account to the invitation.
    """
    person = _run(lambda d: d.invite(email, Role(role), organisation))
    say(f"{person.email} is now {Role(role).label}" + (f" of {organisation!r}" if organisation else ""))


@admin_command.command("list")
def list_command() -> None:
    """List organisations, their services, and people with their roles."""
    with _directory() as directory:
        organisations = directory.organisations()
        services = directory.services()
        people = directory.people()
    by_id = {o.id: o for o in organisations}
    say("Organisations:" if organisations else "Organisations: none yet")
    for organisation in organisations:
        say(f"  {_describe_organisation(organisation, by_id)}")
        for service in (s for s in services if s.organisation_id == organisation.id):
            say(f"    service: {service.name}")
    say("People:" if people else "People: none yet")
    for person in people:
        say(f"  {_describe_person(person, by_id)}")


@admin_command.command("remove-role")
@click.argument("email")
@click.argument("role", type=ROLE)
@organisation_option
def remove_role(email: str, role: str, organisation: str | None) -> None:
    """Take ROLE away from the person with EMAIL; it stops working on their next click."""
    _run(lambda d: d.remove_role(email, Role(role), organisation))
    say(f"Removed {Role(role).label}" + (f" of {organisation!r}" if organisation else "") + f" from {email}")


@admin_command.command("remove-person")
@click.argument("email")
def remove_person(email: str) -> None:
    """Remove a person and all their roles; they lose access on their next click."""
    _run(lambda d: d.remove_person(email))
    say(f"Removed {email} and all their roles")


@admin_command.command("remove-organisation")
@click.argument("name")
def remove_organisation(name: str) -> None:
    """Remove an organisation with its services and the roles held in it (refused while it owns assessments)."""
    _run(lambda d: d.remove_organisation(name))
    say(f"Removed organisation {name!r}")


def _describe_organisation(organisation: Organisation, by_id: dict[int, Organisation]) -> str:
    area = by_id.get(organisation.area_id) if organisation.area_id is not None else None
    return f"{organisation.name} ({organisation.kind.label}" + (f", in {area.name})" if area else ")")


def _describe_person(person: Person, by_id: dict[int, Organisation]) -> str:
    roles = [
        grant.role.label + (f" of {by_id[grant.organisation_id].name}" if grant.organisation_id in by_id else "")
        for grant in person.roles
    ]
    state = "signed in" if person.subject else NOT_SIGNED_IN  # the page's words too
    return f"{person.email} ({state}): {', '.join(roles) or 'no role'}"
