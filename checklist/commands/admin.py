"""`checklist admin`: organisations, people and roles on a server that serves a whole area.

Run on the server, against the same database as the app (CHECKLIST_DATABASE_URL, or the
SQLite file in the data folder). The first administrator is invited here; nobody can
sign in to give themself a role.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import TypeVar

import click

from checklist.commands.common import fail, say
from checklist.commands.files import check_outputs, write_output
from checklist.domain.audit import MAX_RETENTION_DAYS, AuditEvent, command_line_actor
from checklist.domain.errors import ChecklistError
from checklist.domain.people import Organisation, OrganisationKind, Person, Role
from checklist.domain.wording import TYPED_DAY, agrees, counted, long_date, long_moment
from checklist.render.audit_csv import audit_csv
from checklist.storage.administration import NOT_SIGNED_IN
from checklist.storage.audit import AuditTrail
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
    with _opened(DirectoryStore) as store:
        yield store


@contextmanager
def _trail() -> Iterator[AuditTrail]:
    with _opened(AuditTrail) as store:
        yield store


S = TypeVar("S", DirectoryStore, AuditTrail)


@contextmanager
def _opened(kind: type[S]) -> Iterator[S]:
    store = kind(database_url())
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


@admin_command.command()
@click.option(
    "--since",
    type=click.DateTime(formats=[TYPED_DAY]),
    default=None,
    metavar="YYYY-MM-DD",
    help="Only events from this day on (YYYY-MM-DD, UTC).",
)
@click.option(
    "--csv",
    "csv_path",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    metavar="FILE.csv",
    help="Write the events to this CSV file instead of printing them.",
)
@click.option("--force", is_flag=True, help="Replace FILE.csv if it exists.")
def audit(since: datetime | None, csv_path: Path | None, force: bool) -> None:
    """Show the audit trail, newest first: who created, changed, submitted, exported or deleted what, and when.

    It never holds what an assessment says: no answers, notes or names typed in it.
    """
    if csv_path is not None:
        check_outputs([csv_path], force=force)
    start = since.replace(tzinfo=UTC) if since is not None else None
    with _trail() as trail:
        events = trail.entries(since=start, limit=None)
    if csv_path is not None:
        write_output(csv_path, audit_csv(events))
        say(f"Wrote {counted(len(events), 'event')} to {csv_path}")
        return
    if not events:
        say("No events" + (f" since {long_date(since.date())}" if since else "") + " in the audit trail.")
    for event in events:
        say(_describe_event(event))


@admin_command.group()
def retention() -> None:
    """How long drafts (assessments never submitted) are kept after their last change."""


@retention.command("show")
def retention_show() -> None:
    """Say the retention period, and who set it when."""
    with _trail() as trail:
        setting = trail.retention()
    if setting is None:
        say("Retention is off: drafts are kept until someone deletes them.")
        return
    say(
        f"Drafts untouched for {counted(setting.days, 'day')} are deleted when `checklist admin retention run` runs "
        f"(set by {setting.set_by} on {long_moment(setting.set_at)})."
    )


@retention.command("set")
@click.argument("days", type=click.IntRange(1, MAX_RETENTION_DAYS))
def retention_set(days: int) -> None:
    """Delete drafts untouched for DAYS days, each time `checklist admin retention run` runs."""
    with _trail() as trail:
        trail.set_retention(days, actor=command_line_actor())
    say(f"Drafts untouched for {counted(days, 'day')} will be deleted when `checklist admin retention run` runs.")


@retention.command("off")
def retention_off() -> None:
    """Keep drafts until someone deletes them."""
    with _trail() as trail:
        trail.set_retention(None, actor=command_line_actor())
    say("Retention is off: drafts are kept until someone deletes them.")


@retention.command("run")
@click.option("--dry-run", is_flag=True, help="Only say which drafts would be deleted.")
def retention_run(dry_run: bool) -> None:
    """Delete the drafts untouched for longer than the retention period (the command a scheduler runs).

    A submitted assessment is never deleted by retention, nor are its submissions.
    """
    with _trail() as trail:
        setting = trail.retention()
        found = trail.apply_retention(actor=command_line_actor(), dry_run=dry_run)
    if setting is None:
        say("Retention is off: nothing was deleted. Set a period with `checklist admin retention set DAYS`.")
        return
    verb = "would be deleted" if dry_run else agrees(len(found), "was deleted", "were deleted")
    say(
        f"{counted(len(found), 'draft')} untouched for over {counted(setting.days, 'day')} {verb}"
        + (":" if found else ".")
    )
    for assessment_id in found:
        say(f"  {assessment_id}")


def _describe_event(event: AuditEvent) -> str:
    where = f", organisation {event.organisation_id}" if event.organisation_id is not None else ""
    detail = f" ({event.detail})" if event.detail else ""
    what = f"{event.action.value} {event.object_kind.value} {event.object_id}"
    return f"{long_moment(event.at)}  {event.actor}  {what}{detail}{where}"


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
