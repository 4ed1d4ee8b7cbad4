"""Which trainer made which workshop, in the same database as the workshops.

Its table comes from migration 0005 (`checklist.storage.workshop_schema`). Pages never use this
store directly: `checklist.storage.workshop_access` checks the trainer's role before each use.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import and_, insert, select

from checklist.storage.database import KeyNotComparable
from checklist.storage.directory_schema import people
from checklist.storage.migrations import MigratedStore
from checklist.storage.workshop_schema import version_0005, workshop_owners

# The person with the recorded id is still the one who made it (same sign-in subject).
_STILL_THEIRS = and_(people.c.id == workshop_owners.c.person_id, people.c.subject == workshop_owners.c.subject)


@dataclass(frozen=True)
class OwnedWorkshop:
    workshop_id: str
    created_at: datetime


class WorkshopOwnerStore(MigratedStore):
    metadata = version_0005

    def set_owner(self, workshop_id: str, person_id: int, subject: str, *, now: datetime | None = None) -> None:
        values = {
            "workshop_id": workshop_id,
            "person_id": person_id,
            "subject": subject,
            "created_at": now or datetime.now(UTC),
        }
        with self._writing() as conn:
            conn.execute(insert(workshop_owners).values(**values))

    def owner_of(self, workshop_id: str) -> int | None:
        """The id of the person who made the workshop, if they are still the person with that id."""
        query = (
            select(workshop_owners.c.person_id)
            .join(people, _STILL_THEIRS)
            .where(workshop_owners.c.workshop_id == workshop_id)
        )
        try:
            with self._reading() as conn:
                found: int | None = conn.scalar(query)
        except KeyNotComparable:
            return None
        return found

    def made_by(self, person_id: int) -> list[OwnedWorkshop]:
        """The workshops this person made, newest first."""
        query = (
            select(workshop_owners.c.workshop_id, workshop_owners.c.created_at)
            .join(people, _STILL_THEIRS)
            .where(workshop_owners.c.person_id == person_id)
            .order_by(workshop_owners.c.created_at.desc(), workshop_owners.c.workshop_id)
        )
        with self._reading() as conn:
            return [OwnedWorkshop(r.workshop_id, r.created_at) for r in conn.execute(query)]
