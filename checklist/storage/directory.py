"""The directory: organisations, their services, people, their roles, and which organisation owns which assessment.

Same database as the assessments. Its tables come from named migrations
(`checklist.storage.migrations`), applied when the store is first used. Every change is
recorded in the audit trail in the same transaction, under `actor` (by default the
operating-system user of the command line).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, CursorResult, Row, delete, func, insert, select, update

from checklist.domain.audit import AuditAction, AuditEvent, ObjectKind, command_line_actor
from checklist.domain.people import (
    DirectoryError,
    Organisation,
    OrganisationKind,
    Person,
    Role,
    RoleGrant,
    Service,
    check_grant,
    normalise_email,
)
from checklist.domain.wording import agrees, counted
from checklist.storage.audit import insert_event
from checklist.storage.database import KeyClash
from checklist.storage.directory_schema import (
    WHOLE_SERVER,
    assessment_owners,
    organisations,
    people,
    roles,
    services,
    version_0001,
)
from checklist.storage.migrations import MigratedStore
from checklist.storage.submissions_schema import submissions

log = logging.getLogger(__name__)
MAX_NAME = 500


def subject_of(issuer: str, sub: str) -> str:
    """One string per person across identity providers: the same `sub` from two issuers is two people."""
    return f"{issuer} {sub}"


class DirectoryStore(MigratedStore):
    metadata = version_0001

    # Organisations and services

    def add_organisation(
        self, name: str, kind: OrganisationKind, *, area: str | None = None, actor: str | None = None
    ) -> Organisation:
        name = _name(name, "an organisation")
        if kind == OrganisationKind.AREA and area is not None:
            raise DirectoryError(name, ["a commissioning area does not belong to another area"])
        try:
            with self._writing() as conn:
                area_id = None
                if area is not None:
                    found = _organisation(conn, area)
                    if found.kind != OrganisationKind.AREA:
                        raise DirectoryError(name, [f"{area!r} is a {found.kind.label}, not a commissioning area"])
                    area_id = found.id
                values = {"name": name, "kind": kind.value, "area_id": area_id, "created_at": datetime.now(UTC)}
                new_id = _inserted(conn.execute(insert(organisations).values(**values)))
                _recorded(conn, AuditAction.ORGANISATION_ADDED, actor, ObjectKind.ORGANISATION, new_id, kind.label)
        except KeyClash:
            raise DirectoryError(name, ["there is already an organisation with this name"]) from None
        return Organisation(id=new_id, name=name, kind=kind, area_id=area_id)

    def organisations(self) -> list[Organisation]:
        with self._reading() as conn:
            return [_to_organisation(r) for r in conn.execute(select(organisations).order_by(organisations.c.name))]

    def organisation(self, organisation_id: int) -> Organisation | None:
        with self._reading() as conn:
            row = conn.execute(select(organisations).where(organisations.c.id == organisation_id)).first()
        return None if row is None else _to_organisation(row)

    def add_service(self, organisation: str, name: str, *, actor: str | None = None) -> Service:
        name = _name(name, "a service")
        try:
            with self._writing() as conn:
                found = _organisation(conn, organisation)
                if found.kind != OrganisationKind.PROVIDER:
                    raise DirectoryError(organisation, ["only a service provider runs services"])
                values = {"organisation_id": found.id, "name": name}
                new_id = _inserted(conn.execute(insert(services).values(**values)))
                _recorded(conn, AuditAction.SERVICE_ADDED, actor, ObjectKind.ORGANISATION, found.id, "a service")
        except KeyClash:
            raise DirectoryError(name, [f"{organisation!r} already has a service with this name"]) from None
        return Service(id=new_id, organisation_id=found.id, name=name)

    def services(self) -> list[Service]:
        with self._reading() as conn:
            rows = conn.execute(select(services).order_by(services.c.organisation_id, services.c.name))
            return [Service(id=r.id, organisation_id=r.organisation_id, name=r.name) for r in rows]

    def remove_organisation(self, name: str, *, actor: str | None = None) -> None:
        """Remove an organisation, its services and the roles held in it; refused while anything depends on it."""
        with self._writing() as conn:
            found = _organisation(conn, name)
            providers = conn.scalar(select(func.count()).where(organisations.c.area_id == found.id))
            if providers:
                raise DirectoryError(
                    name, [f"{counted(providers, 'service provider')} {agrees(providers, 'belongs', 'belong')} to it"]
                )
            owned = conn.scalar(select(func.count()).where(assessment_owners.c.organisation_id == found.id))
            if owned:
                raise DirectoryError(name, [f"it owns {counted(owned, 'saved assessment')}, which would have no owner"])
            sent = conn.scalar(
                select(func.count()).where(
                    (submissions.c.organisation_id == found.id) | (submissions.c.area_id == found.id)
                )
            )
            if sent:
                raise DirectoryError(
                    name, [f"{counted(sent, 'submission')} sent in the app name it, and their history is kept"]
                )
            conn.execute(delete(roles).where(roles.c.organisation_id == found.id))
            conn.execute(delete(services).where(services.c.organisation_id == found.id))
            conn.execute(delete(organisations).where(organisations.c.id == found.id))
            _recorded(
                conn, AuditAction.ORGANISATION_REMOVED, actor, ObjectKind.ORGANISATION, found.id, found.kind.label
            )

    # People and roles

    def invite(self, email: str, role: Role, organisation: str | None = None, *, actor: str | None = None) -> Person:
        """Give a role to the person with this e-mail address, inviting them first if they are new."""
        address = normalise_email(email)
        with self._writing() as conn:
            found = _organisation(conn, organisation) if organisation is not None else None
            grant = RoleGrant(role=role, organisation_id=found.id if found else None)
            check_grant(grant, found)
            person_id = conn.scalar(select(people.c.id).where(people.c.email == address))
            if person_id is None:
                values = {"email": address, "invited_at": datetime.now(UTC)}
                person_id = _inserted(conn.execute(insert(people).values(**values)))
            held = _grants(conn, [person_id]).get(person_id, ())
            if grant in held:
                raise DirectoryError(address, [f"already has this role ({_describe(grant, found)})"])
            conn.execute(insert(roles).values(person_id=person_id, role=role.value, organisation_id=_scope(grant)))
            _recorded(conn, AuditAction.PERSON_INVITED, actor, ObjectKind.PERSON, address, role.label, grant)
        person = self.person_by_email(address)
        assert person is not None
        return person

    def remove_role(self, email: str, role: Role, organisation: str | None = None, *, actor: str | None = None) -> None:
        address = normalise_email(email)
        with self._writing() as conn:
            found = _organisation(conn, organisation) if organisation is not None else None
            person_id = _person_id(conn, address)
            grant = RoleGrant(role=role, organisation_id=found.id if found else None)
            if role == Role.ADMINISTRATOR:
                _keep_an_administrator(conn, person_id, address)
            removed = conn.execute(
                delete(roles).where(
                    roles.c.person_id == person_id, roles.c.role == role.value, roles.c.organisation_id == _scope(grant)
                )
            ).rowcount
            if removed != 1:
                raise DirectoryError(address, [f"does not have this role ({_describe(grant, found)})"])
            _recorded(conn, AuditAction.ROLE_REMOVED, actor, ObjectKind.PERSON, address, role.label, grant)

    def remove_person(self, email: str, *, actor: str | None = None) -> None:
        """Remove a person and every role they hold: their next click finds no role."""
        address = normalise_email(email)
        with self._writing() as conn:
            person_id = _person_id(conn, address)
            _keep_an_administrator(conn, person_id, address)
            conn.execute(delete(roles).where(roles.c.person_id == person_id))
            conn.execute(delete(people).where(people.c.id == person_id))
            _recorded(conn, AuditAction.PERSON_REMOVED, actor, ObjectKind.PERSON, address)

    def people(self) -> list[Person]:
        with self._reading() as conn:
            rows = conn.execute(select(people).order_by(people.c.email)).all()
            grants = _grants(conn, [r.id for r in rows])
        return [_to_person(r, grants.get(r.id, ())) for r in rows]

    def person_by_email(self, email: str) -> Person | None:
        return self._person(people.c.email == normalise_email(email))

    def person_by_subject(self, subject: str) -> Person | None:
        """The person signed in as `subject`, with the roles they hold now (read afresh on every call)."""
        return self._person(people.c.subject == subject)

    def sign_in(self, subject: str, email: str | None) -> Person | None:
        """The person behind a sign-in: by subject, or by their invitation's e-mail on their first sign-in.

        The first sign-in binds the subject to the invitation, so later sign-ins match the subject,
        never the e-mail again: an address re-used by someone else later does not inherit the roles.
        """
        known = self.person_by_subject(subject)
        if known is not None or not email:
            return known
        try:
            address = normalise_email(email)
        except DirectoryError:
            return None
        invited = self.person_by_email(address)
        if invited is None:
            return None  # a stranger: read only, so visitors with no invitation never write
        with self._writing() as conn:
            bound = conn.execute(
                update(people)
                .where(people.c.email == address, people.c.subject.is_(None))
                .values(subject=subject, first_signed_in_at=datetime.now(UTC))
            ).rowcount
        if bound:
            log.info("first sign-in bound to an invitation: %s", address)
        else:
            log.warning("sign-in refused: %s is already bound to another subject", address)
        return self.person_by_subject(subject)

    def _person(self, condition: Any) -> Person | None:
        with self._reading() as conn:
            row = conn.execute(select(people).where(condition)).first()
            if row is None:
                return None
            return _to_person(row, _grants(conn, [row.id]).get(row.id, ()))

    # Who owns which assessment

    def set_owner(self, assessment_id: str, organisation_id: int) -> None:
        with self._writing() as conn:
            conn.execute(insert(assessment_owners).values(assessment_id=assessment_id, organisation_id=organisation_id))

    def owner_of(self, assessment_id: str) -> Organisation | None:
        with self._reading() as conn:
            row = conn.execute(
                select(organisations)
                .join(assessment_owners, assessment_owners.c.organisation_id == organisations.c.id)
                .where(assessment_owners.c.assessment_id == assessment_id)
            ).first()
        return None if row is None else _to_organisation(row)

    def owners(self) -> dict[str, Organisation]:
        """Every owned assessment's id, with its owner."""
        with self._reading() as conn:
            rows = conn.execute(
                select(assessment_owners.c.assessment_id, organisations).join(
                    organisations, assessment_owners.c.organisation_id == organisations.c.id
                )
            ).all()
        return {r.assessment_id: _to_organisation(r) for r in rows}

    def owned_by(self, organisation_ids: Iterable[int]) -> set[str]:
        wanted = list(organisation_ids)
        if not wanted:
            return set()
        with self._reading() as conn:
            query = select(assessment_owners.c.assessment_id).where(assessment_owners.c.organisation_id.in_(wanted))
            return set(conn.scalars(query))


def _recorded(
    conn: Connection,
    action: AuditAction,
    actor: str | None,
    kind: ObjectKind,
    object_id: int | str,
    detail: str = "",
    grant: RoleGrant | None = None,
) -> None:
    # Names typed by administrators stay out of the trail: an organisation is named by its id.
    organisation_id = (
        grant.organisation_id if grant is not None else (object_id if isinstance(object_id, int) else None)
    )
    event = AuditEvent(
        at=datetime.now(UTC),
        actor=actor or command_line_actor(),
        action=action,
        object_kind=kind,
        object_id=str(object_id),
        organisation_id=organisation_id,
        detail=detail,
    )
    insert_event(conn, event)


def _inserted(result: CursorResult[Any]) -> int:
    key = result.inserted_primary_key
    assert key is not None
    return int(key[0])


def _name(text: str, what: str) -> str:
    name = " ".join(text.split())
    if not name:
        raise DirectoryError(what, ["the name is empty"])
    if len(name) > MAX_NAME:
        raise DirectoryError(what, [f"a name may be at most {MAX_NAME} characters"])
    return name


def _organisation(conn: Connection, name: str) -> Organisation:
    row = conn.execute(select(organisations).where(organisations.c.name == " ".join(name.split()))).first()
    if row is None:
        raise DirectoryError(name, ["there is no organisation with this name (checklist admin list shows them)"])
    return _to_organisation(row)


def _person_id(conn: Connection, address: str) -> int:
    person_id: int | None = conn.scalar(select(people.c.id).where(people.c.email == address))
    if person_id is None:
        raise DirectoryError(address, ["nobody with this e-mail address has been invited"])
    return person_id


def _keep_an_administrator(conn: Connection, person_id: int, address: str) -> None:
    """Refuse to take away the last administrator: nobody could then manage the server except from its command line."""
    if RoleGrant(role=Role.ADMINISTRATOR) not in _grants(conn, [person_id]).get(person_id, ()):
        return
    others = conn.scalar(
        select(func.count()).where(roles.c.role == Role.ADMINISTRATOR.value, roles.c.person_id != person_id)
    )
    if not others:
        raise DirectoryError(
            address,
            [
                "is the last administrator; invite another administrator first, so that someone can still manage "
                "organisations and people"
            ],
        )


def _grants(conn: Connection, person_ids: list[int]) -> dict[int, tuple[RoleGrant, ...]]:
    found: dict[int, list[RoleGrant]] = {}
    if person_ids:
        query = select(roles).where(roles.c.person_id.in_(person_ids)).order_by(roles.c.id)
        for r in conn.execute(query):
            scope = None if r.organisation_id == WHOLE_SERVER else r.organisation_id
            found.setdefault(r.person_id, []).append(RoleGrant(role=Role(r.role), organisation_id=scope))
    return {person: tuple(grants) for person, grants in found.items()}


def _scope(grant: RoleGrant) -> int:
    return WHOLE_SERVER if grant.organisation_id is None else grant.organisation_id


def _describe(grant: RoleGrant, organisation: Organisation | None) -> str:
    return grant.role.label + (f" of {organisation.name}" if organisation else "")


def _to_organisation(row: Row[Any]) -> Organisation:
    return Organisation(id=row.id, name=row.name, kind=OrganisationKind(row.kind), area_id=row.area_id)


def _to_person(row: Row[Any], grants: tuple[RoleGrant, ...]) -> Person:
    return Person(id=row.id, email=row.email, subject=row.subject, roles=grants)
