"""Named, ordered changes to the database's tables, each applied once and recorded.

The assessment and workshop tables predate this list and are still made by `create_all`
(their stores do it on first use); everything added since arrives here as a step with
a name that never changes. A step's body must stay as it was when it shipped: a later
change to a table is a new step, so a database made by any earlier version reaches the
same schema as a new one.
"""

from __future__ import annotations

import functools
import logging
import time
from collections.abc import Callable
from datetime import UTC, datetime

from sqlalchemy import Column, Connection, DateTime, MetaData, String, Table, create_engine, insert, inspect, select
from sqlalchemy.engine import Engine
from sqlalchemy.exc import SQLAlchemyError

from checklist.storage import audit_schema, directory_schema, submissions_schema, survey_schema, workshop_schema
from checklist.storage.database import TableStore

log = logging.getLogger(__name__)

_ledger = MetaData()
applied = Table(
    "schema_migrations",
    _ledger,
    Column("name", String(100), primary_key=True),
    Column("applied_at", DateTime(timezone=True), nullable=False),
)


def _0001_organisations_people_roles(conn: Connection) -> None:
    directory_schema.version_0001.create_all(conn)


def _0002_submissions(conn: Connection) -> None:
    submissions_schema.version_0002.create_all(conn)


def _0003_survey_rounds_and_responses(conn: Connection) -> None:
    survey_schema.version_0003.create_all(conn)


def _0004_audit_and_retention(conn: Connection) -> None:
    audit_schema.version_0004.create_all(conn)


def _0005_workshop_owners(conn: Connection) -> None:
    workshop_schema.version_0005.create_all(conn)


# In the order they run. Append only.
MIGRATIONS: tuple[tuple[str, Callable[[Connection], None]], ...] = (
    ("0001_organisations_people_roles", _0001_organisations_people_roles),
    ("0002_submissions", _0002_submissions),
    ("0003_survey_rounds_and_responses", _0003_survey_rounds_and_responses),
    ("0004_audit_and_retention", _0004_audit_and_retention),
    ("0005_workshop_owners", _0005_workshop_owners),
)


ATTEMPTS = 5


def applied_names(engine: Engine) -> list[str]:
    _ledger.create_all(engine)
    with engine.connect() as conn:
        return list(conn.scalars(select(applied.c.name).order_by(applied.c.name)))


def migrate(engine: Engine) -> list[str]:
    """Apply every step not yet recorded, each in its own transaction; return the names applied now.

    Two server processes starting on a new database at the same moment both try; the loser's
    statements fail (a table or ledger row that the winner made first) and it starts again, now
    finding what the winner did. So a step must check before it changes, as create_all does.
    """
    for attempt in range(1, ATTEMPTS + 1):
        try:
            return _migrate_once(engine)
        except SQLAlchemyError:
            if attempt == ATTEMPTS:
                raise
            time.sleep(0.1 * attempt)
    raise AssertionError("unreachable")  # pragma: no cover


def _migrate_once(engine: Engine) -> list[str]:
    done = set(applied_names(engine))
    ran = []
    for name, step in MIGRATIONS:
        if name in done:
            continue
        with engine.begin() as conn:
            step(conn)
            conn.execute(insert(applied).values(name=name, applied_at=datetime.now(UTC)))
        log.info("database migrated: %s", name)
        ran.append(name)
    return ran


@functools.cache
def columns_by_step() -> tuple[tuple[str, dict[str, frozenset[str]]], ...]:
    """The tables and columns each step adds, found by replaying every step on an empty in-memory database.

    `checklist doctor` checks a real database against this, so a new step is checked with no list to keep.
    """
    engine = create_engine("sqlite://")
    before: dict[str, frozenset[str]] = {}
    steps = []
    with engine.begin() as conn:
        for name, step in MIGRATIONS:
            step(conn)
            found = inspect(conn)
            now = {table: frozenset(c["name"] for c in found.get_columns(table)) for table in found.get_table_names()}
            added = {table: columns - before.get(table, frozenset()) for table, columns in now.items()}
            steps.append((name, {table: columns for table, columns in added.items() if columns}))
            before = now
    engine.dispose()
    return tuple(steps)


class MigratedStore(TableStore):
    """A store whose tables come from the named migrations, applied (all of them) on first use."""

    def _connect_ready(self) -> None:
        if not self._ready:
            migrate(self._engine)
            self._ready = True
