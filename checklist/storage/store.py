"""The assessment store: one row per assessment, holding its JSON document.

Every change in the app is saved at once, so the store must be safe with many
sessions at the same time: writes carry the revision they started from
(optimistic concurrency), and SQLite runs in WAL mode with a busy timeout.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from pydantic import ValidationError
from sqlalchemy import Column, DateTime, Integer, MetaData, String, Table, Text, insert, select, update

from checklist.domain.assessment import Assessment, without_nul
from checklist.domain.merge import merge
from checklist.storage.database import (
    NOT_READABLE,
    UNAVAILABLE,
    KeyClash,
    KeyNotComparable,
    StaleRevision,
    StoreError,
    StoreUnavailable,
    TableStore,
    database_url,
)

# Re-exported: this module was their first home.
__all__ = [
    "NOT_READABLE",
    "UNAVAILABLE",
    "AssessmentStore",
    "AssessmentSummary",
    "StaleRevision",
    "StoreError",
    "StoreUnavailable",
    "StoredAssessment",
    "database_url",
]

REFUSED = (
    "could not save: the database refused a character in this assessment's text; "
    "your answers are still on this page. Remove unusual characters you pasted, then try again"
)
STALE = (
    "A colleague (or another tab) changed this same answer or field since you opened it, so your change "
    "was not saved. Your change is shown below: keep it, or show theirs."
)
# Each attempt follows a save that landed in between: a room of people answering at once needs a few.
MERGE_ATTEMPTS = 50

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


class AssessmentStore(TableStore):
    """Assessments by id, with a revision number that every save must match."""

    metadata = metadata

    def create(self, assessment: Assessment, ui_state: dict[str, str] | None = None) -> StoredAssessment:
        now = datetime.now(UTC)
        values = {"id": assessment.id, "revision": 1, **_row_values(assessment, ui_state, now)}
        try:
            with self._writing(refused=REFUSED) as conn:
                conn.execute(insert(assessments).values(**values))
        except KeyClash:
            raise StoreError("an assessment with this id already exists") from None
        return StoredAssessment(assessment, 1, dict(ui_state or {}), now)

    def get(self, assessment_id: str) -> StoredAssessment | None:
        try:
            with self._reading() as conn:
                row = conn.execute(select(assessments).where(assessments.c.id == assessment_id)).first()
        except KeyNotComparable:
            return None
        if row is None:
            return None
        try:
            assessment = Assessment.model_validate_json(row.document)
        except ValidationError:
            raise StoreError("this saved assessment cannot be read; it may have been changed by hand") from None
        return StoredAssessment(assessment, row.revision, json.loads(row.ui_state or "{}"), _aware(row.updated_at))

    def save(
        self,
        assessment: Assessment,
        *,
        expected_revision: int,
        ui_state: dict[str, str] | None = None,
        base: Assessment | None = None,
    ) -> StoredAssessment:
        """Save a change made to revision `expected_revision` (whose assessment was `base`).

        If someone saved a newer revision first, the change is merged into it part by part (one
        answer, one action, one profile field): two people answering different questions both
        succeed. Only when both changed the same part, or when `base` is not given, does it raise
        StaleRevision. The stored assessment returned may therefore hold their changes too.
        """
        revision, merged = expected_revision, assessment
        for _ in range(MERGE_ATTEMPTS):
            if self._save_at(merged, revision, ui_state):
                return StoredAssessment(merged, revision + 1, dict(ui_state or {}), datetime.now(UTC))
            latest = self.get(assessment.id) if base is not None else None
            if base is None or latest is None:
                break
            found = merge(base, assessment, latest.assessment)
            if found is None:
                raise StaleRevision(STALE)
            revision, merged = latest.revision, found
        raise StaleRevision(STALE)

    def _save_at(self, assessment: Assessment, revision: int, ui_state: dict[str, str] | None) -> bool:
        """Write `assessment` as revision + 1 if the row is still at `revision`."""
        statement = (
            update(assessments)
            .where(assessments.c.id == assessment.id, assessments.c.revision == revision)
            .values(revision=revision + 1, **_row_values(assessment, ui_state, datetime.now(UTC)))
        )
        with self._writing(refused=REFUSED) as conn:
            changed: int = conn.execute(statement).rowcount
        return changed == 1

    def list_summaries(self) -> list[AssessmentSummary]:
        """Every saved assessment, most recently changed first."""
        columns = (assessments.c[name] for name in ("id", "service_name", "assessed_on", "updated_at", "answered"))
        with self._reading() as conn:
            rows = conn.execute(select(*columns).order_by(assessments.c.updated_at.desc())).all()
        return [AssessmentSummary(r.id, r.service_name, r.assessed_on, _aware(r.updated_at), r.answered) for r in rows]
