"""Submissions sent in the app, in the same database as the assessments and the directory.

Insert and read only: there is no method that changes or removes a submission, because a
commissioner must be able to trust that what she compares is what the service sent.
Permission checks are not made here but in `checklist.storage.access`, like every other read.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import insert, select, update

from checklist.domain.sent import SentSubmission
from checklist.storage.directory_schema import organisations
from checklist.storage.migrations import MigratedStore
from checklist.storage.submissions_schema import submission_visits, submissions, version_0002

# Core aliases (the same SQL as sqlalchemy.orm.aliased gives a table), so the app need not import the ORM.
_provider = organisations.alias("provider")
_area = organisations.alias("area")


class SubmissionStore(MigratedStore):
    metadata = version_0002

    def add(self, *, sent: SentSubmission, snapshot: bytes) -> SentSubmission:
        """Store one submission; `sent.id` is ignored and the stored one's id returned."""
        values = sent.model_dump(exclude={"id", "organisation_name", "area_name"})
        with self._writing() as conn:
            key = conn.execute(
                insert(submissions).values(**values, snapshot=snapshot.decode("utf-8"))
            ).inserted_primary_key
        assert key is not None
        return sent.model_copy(update={"id": int(key[0])})

    def for_areas(self, area_ids: Iterable[int]) -> list[SentSubmission]:
        wanted = list(area_ids)
        if not wanted:
            return []
        return self._listed(submissions.c.area_id.in_(wanted))

    def for_assessment(self, assessment_id: str) -> list[SentSubmission]:
        return self._listed(submissions.c.assessment_id == assessment_id)

    def get(self, submission_id: int) -> SentSubmission | None:
        found = self._listed(submissions.c.id == submission_id)
        return found[0] if found else None

    def get_many(self, submission_ids: Iterable[int]) -> list[SentSubmission]:
        wanted = list(submission_ids)
        return self._listed(submissions.c.id.in_(wanted)) if wanted else []

    def snapshots(self, submission_ids: Iterable[int]) -> dict[int, bytes]:
        """The files of these submissions, by id, in one query."""
        wanted = list(submission_ids)
        if not wanted:
            return {}
        with self._reading() as conn:
            rows = conn.execute(select(submissions.c.id, submissions.c.snapshot).where(submissions.c.id.in_(wanted)))
            return {r.id: str(r.snapshot).encode("utf-8") for r in rows}

    def last_visit(self, person_id: int, area_id: int) -> datetime | None:
        with self._reading() as conn:
            found: datetime | None = conn.scalar(
                select(submission_visits.c.visited_at).where(
                    submission_visits.c.person_id == person_id, submission_visits.c.area_id == area_id
                )
            )
        return None if found is None else _aware(found)

    def record_visit(self, person_id: int, area_id: int, moment: datetime) -> None:
        with self._writing() as conn:
            where = (submission_visits.c.person_id == person_id, submission_visits.c.area_id == area_id)
            if not conn.execute(update(submission_visits).where(*where).values(visited_at=moment)).rowcount:
                conn.execute(insert(submission_visits).values(person_id=person_id, area_id=area_id, visited_at=moment))

    def _listed(self, condition: Any) -> list[SentSubmission]:
        columns = [c for c in submissions.c if c.name != "snapshot"]
        query = (
            select(*columns, _provider.c.name.label("organisation_name"), _area.c.name.label("area_name"))
            .join(_provider, _provider.c.id == submissions.c.organisation_id)
            .join(_area, _area.c.id == submissions.c.area_id)
            .where(condition)
            .order_by(submissions.c.submitted_at, submissions.c.id)
        )
        with self._reading() as conn:
            return [_to_sent(dict(r._mapping)) for r in conn.execute(query)]


def _aware(moment: datetime) -> datetime:
    # SQLite hands back naive datetimes for values stored in UTC.
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _to_sent(values: dict[str, Any]) -> SentSubmission:
    values["submitted_at"] = _aware(values["submitted_at"])
    return SentSubmission(**values)
