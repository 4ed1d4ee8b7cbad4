"""The workshop store: one row per workshop, in the same database as the assessments.

Every participant writes to the same workshop at the same time, so changes go
through `update`: read, apply a pure change, write back only if nobody saved in
between, and otherwise try again with the newer copy. Nobody's answer is lost.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from pydantic import ValidationError
from sqlalchemy import (
    Column,
    DateTime,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    delete,
    func,
    insert,
    select,
    update,
)
from sqlalchemy.sql.elements import ColumnElement

from checklist.domain.workshop import WRONG_CODE_WINDOW, Workshop, new_join_code
from checklist.storage.database import (
    KeyClash,
    KeyNotComparable,
    StaleRevision,
    StoreError,
    StoreUnavailable,
    TableStore,
)

UPDATE_ATTEMPTS = 20
CODE_ATTEMPTS = 10
BUSY = "the workshop is busy with many people saving at once; try again in a moment"

# Its own metadata, so creating these tables never touches the assessment store's.
metadata = MetaData()
workshops = Table(
    "workshops",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("join_code", String(16), nullable=False, unique=True),
    Column("revision", Integer, nullable=False),
    Column("document", Text, nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
)

# Wrong join codes, one row each, by who tried ("session:<id>" or "address:<ip>"). In the database,
# not in memory, so the limit holds across several app processes and a restart.
wrong_codes = Table(
    "workshop_wrong_codes",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("who", String(200), nullable=False),
    Column("at", DateTime(timezone=True), nullable=False),
    Index("ix_workshop_wrong_codes_who_at", "who", "at"),
)


@dataclass(frozen=True)
class StoredWorkshop:
    workshop: Workshop
    revision: int


class WorkshopStore(TableStore):
    """Workshops by id (the facilitator's link) and by join code (the participants' way in)."""

    metadata = metadata

    def create(self, workshop: Workshop) -> StoredWorkshop:
        """Save a new workshop; a join code already in use is replaced by a fresh one."""
        for _ in range(CODE_ATTEMPTS):
            try:
                with self._writing() as conn:
                    conn.execute(insert(workshops).values(revision=1, **_row(workshop)))
                return StoredWorkshop(workshop, 1)
            except KeyClash:
                workshop = workshop.model_copy(update={"join_code": new_join_code()})
        raise StoreError("could not find a free join code; try again")

    def get(self, workshop_id: str) -> StoredWorkshop | None:
        return self._one(workshops.c.id == workshop_id)

    def by_code(self, join_code: str) -> StoredWorkshop | None:
        return self._one(workshops.c.join_code == join_code)

    def save(self, workshop: Workshop, *, expected_revision: int) -> StoredWorkshop:
        statement = (
            update(workshops)
            .where(workshops.c.id == workshop.id, workshops.c.revision == expected_revision)
            .values(revision=expected_revision + 1, **_row(workshop))
        )
        with self._writing() as conn:
            changed = conn.execute(statement).rowcount
        if changed != 1:
            raise StaleRevision("this workshop was changed by someone else first")
        return StoredWorkshop(workshop, expected_revision + 1)

    def update(self, workshop_id: str, change: Callable[[Workshop], Workshop]) -> StoredWorkshop:
        """Apply `change` to the latest copy and save it, retrying when someone saved in between."""
        for _ in range(UPDATE_ATTEMPTS):
            stored = self.get(workshop_id)
            if stored is None:
                raise StoreError("this workshop no longer exists")
            try:
                return self.save(change(stored.workshop), expected_revision=stored.revision)
            except StaleRevision:
                continue
        raise StoreUnavailable(BUSY)

    def record_wrong_code(self, who: Iterable[str], *, now: datetime | None = None) -> None:
        """Count one wrong join code against each of `who`, and forget those older than the window."""
        moment = now or datetime.now(UTC)
        rows = [{"who": w[:200], "at": moment} for w in who]
        with self._writing() as conn:
            conn.execute(delete(wrong_codes).where(wrong_codes.c.at < moment - WRONG_CODE_WINDOW))
            if rows:
                conn.execute(insert(wrong_codes), rows)

    def wrong_codes_since(self, who: Iterable[str], *, window: timedelta = WRONG_CODE_WINDOW) -> int:
        """The most wrong codes any one of `who` gave in the last `window`."""
        keys = [w[:200] for w in who]
        if not keys:
            return 0
        since = datetime.now(UTC) - window
        counted = (
            select(wrong_codes.c.who, func.count().label("n"))
            .where(wrong_codes.c.who.in_(keys), wrong_codes.c.at >= since)
            .group_by(wrong_codes.c.who)
        )
        with self._reading() as conn:
            return max((row.n for row in conn.execute(counted)), default=0)

    def _one(self, condition: ColumnElement[bool]) -> StoredWorkshop | None:
        try:
            with self._reading() as conn:
                row = conn.execute(select(workshops).where(condition)).first()
        except KeyNotComparable:
            return None
        if row is None:
            return None
        try:
            return StoredWorkshop(Workshop.model_validate_json(row.document), row.revision)
        except ValidationError:
            raise StoreError("this saved workshop cannot be read; it may have been changed by hand") from None


def _row(workshop: Workshop) -> dict[str, object]:
    return {
        "id": workshop.id,
        "join_code": workshop.join_code,
        "document": workshop.model_dump_json(),
        "updated_at": datetime.now(UTC),
    }
