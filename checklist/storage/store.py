"""The assessment store: one row per assessment, holding its JSON document.

Every change in the app is saved at once, so the store must be safe with many
sessions at the same time: writes carry the revision they started from
(optimistic concurrency), and SQLite runs in WAL mode with a busy timeout.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from pydantic import ValidationError
from sqlalchemy import (
    Column,
    DateTime,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    create_engine,
    event,
    insert,
    select,
    update,
)
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DataError, IntegrityError, SQLAlchemyError

from checklist.domain.assessment import Assessment, without_nul
from checklist.paths import data_dir

UNAVAILABLE = "could not save: the database is not reachable; your answers are still on this page, try again"
NOT_READABLE = "could not open the saved assessments: the database is not reachable; try again in a moment"
REFUSED = (
    "could not save: the database refused a character in this assessment's text; "
    "your answers are still on this page. Remove unusual characters you pasted, then try again"
)
STALE = (
    "This assessment was changed in another tab or by a colleague. Reload the page to see the latest answers; "
    "your last change is shown below and was not saved."
)
SQLITE_BUSY_SECONDS = 15

metadata = MetaData()
assessments = Table(
    "assessments",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("revision", Integer, nullable=False),
    Column("document", Text, nullable=False),
    Column("ui_state", Text, nullable=False, default="{}"),
    # Kept beside the document so the list of saved assessments needs no JSON parsing.
    Column("service_name", String(500), nullable=False, default=""),
    Column("assessed_on", String(10), nullable=True),
    Column("answered", Integer, nullable=False, default=0),
    Column("updated_at", DateTime(timezone=True), nullable=False),
)


class StoreError(Exception):
    """A store problem, with a message fit to show the user as it is."""

    def __init__(self, message: str) -> None:
        self.message = message
        super().__init__(message)


class StoreUnavailable(StoreError):
    """The database cannot be reached, or a write failed."""


class StaleRevision(StoreError):
    """Someone else (another tab, a colleague) saved a newer revision first."""


@dataclass(frozen=True)
class StoredAssessment:
    assessment: Assessment
    revision: int
    ui_state: dict[str, str]
    updated_at: datetime


@dataclass(frozen=True)
class AssessmentSummary:
    id: str
    service_name: str
    assessed_on: str | None
    updated_at: datetime
    answered: int


def database_url() -> str:
    """CHECKLIST_DATABASE_URL, or a SQLite file in the data folder (created if missing)."""
    configured = os.environ.get("CHECKLIST_DATABASE_URL")
    if configured:
        return configured
    folder = data_dir()
    folder.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{folder / 'checklist.sqlite3'}"


def _engine(url: str) -> Engine:
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"timeout": SQLITE_BUSY_SECONDS})

        @event.listens_for(engine, "connect")
        def _wal(dbapi_connection: Any, _record: Any) -> None:
            # WAL lets readers go on while one session writes; the busy timeout
            # makes concurrent writers wait their turn instead of failing.
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_SECONDS * 1000}")
            cursor.close()

        return engine
    return create_engine(url, pool_pre_ping=True, connect_args=_connect_args(url))


def _connect_args(url: str) -> dict[str, Any]:
    # A down server should fail a save in seconds, not hang the page.
    return {"connect_timeout": 5} if url.startswith("postgresql") else {}


def _row_values(assessment: Assessment, ui_state: dict[str, str] | None, now: datetime) -> dict[str, Any]:
    return {
        "document": assessment.model_dump_json(),
        "ui_state": json.dumps(ui_state or {}),
        "service_name": without_nul(assessment.service.name),
        "assessed_on": assessment.assessed_on.isoformat() if assessment.assessed_on else None,
        "answered": len(assessment.answers),
        "updated_at": now,
    }


def _aware(moment: datetime) -> datetime:
    # SQLite hands back naive datetimes even for timezone-aware columns.
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


class AssessmentStore:
    """Assessments by id, with a revision number that every save must match."""

    def __init__(self, url: str) -> None:
        self.url = url
        self._engine = _engine(url)
        self._ready = False

    def _connect_ready(self) -> None:
        if not self._ready:
            metadata.create_all(self._engine)
            self._ready = True

    def create(self, assessment: Assessment, ui_state: dict[str, str] | None = None) -> StoredAssessment:
        now = datetime.now(UTC)
        values = {"id": assessment.id, "revision": 1, **_row_values(assessment, ui_state, now)}
        try:
            self._connect_ready()
            with self._engine.begin() as conn:
                conn.execute(insert(assessments).values(**values))
        except IntegrityError:
            raise StoreError("an assessment with this id already exists") from None
        except DataError:
            raise StoreUnavailable(REFUSED) from None
        except SQLAlchemyError:
            raise StoreUnavailable(UNAVAILABLE) from None
        return StoredAssessment(assessment, 1, dict(ui_state or {}), now)

    def get(self, assessment_id: str) -> StoredAssessment | None:
        try:
            self._connect_ready()
            with self._engine.connect() as conn:
                row = conn.execute(select(assessments).where(assessments.c.id == assessment_id)).first()
        except DataError:
            return None  # an id the database cannot even compare (a NUL in a pasted link) names nothing saved
        except SQLAlchemyError:
            raise StoreUnavailable(NOT_READABLE) from None
        if row is None:
            return None
        try:
            assessment = Assessment.model_validate_json(row.document)
        except ValidationError:
            raise StoreError("this saved assessment cannot be read; it may have been changed by hand") from None
        return StoredAssessment(assessment, row.revision, json.loads(row.ui_state or "{}"), _aware(row.updated_at))

    def save(
        self, assessment: Assessment, *, expected_revision: int, ui_state: dict[str, str] | None = None
    ) -> StoredAssessment:
        now = datetime.now(UTC)
        statement = (
            update(assessments)
            .where(assessments.c.id == assessment.id, assessments.c.revision == expected_revision)
            .values(revision=expected_revision + 1, **_row_values(assessment, ui_state, now))
        )
        try:
            self._connect_ready()
            with self._engine.begin() as conn:
                changed = conn.execute(statement).rowcount
        except DataError:
            raise StoreUnavailable(REFUSED) from None
        except SQLAlchemyError:
            raise StoreUnavailable(UNAVAILABLE) from None
        if changed != 1:
            raise StaleRevision(STALE)
        return StoredAssessment(assessment, expected_revision + 1, dict(ui_state or {}), now)

    def list_summaries(self) -> list[AssessmentSummary]:
        """Every saved assessment, most recently changed first."""
        columns = (assessments.c[name] for name in ("id", "service_name", "assessed_on", "updated_at", "answered"))
        try:
            self._connect_ready()
            with self._engine.connect() as conn:
                rows = conn.execute(select(*columns).order_by(assessments.c.updated_at.desc())).all()
        except SQLAlchemyError:
            raise StoreUnavailable(NOT_READABLE) from None
        return [AssessmentSummary(r.id, r.service_name, r.assessed_on, _aware(r.updated_at), r.answered) for r in rows]

    def dispose(self) -> None:
        """Close pooled connections (tests, and servers that reconfigure)."""
        self._engine.dispose()
