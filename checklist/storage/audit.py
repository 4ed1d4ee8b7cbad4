"""The audit trail: who created, changed, submitted, exported or deleted what, and when; and the retention period.

Same database as the assessments; the tables come from migration 0004. Events are only ever added.
Deleting an assessment happens here too, in one transaction with its event, so the trail never
misses a deletion and a deletion never half happens: the assessment, its owner link, its
submissions and its survey rounds with their answers go; the event keeps only the fact.
Permission checks are made in `checklist.storage.access` (and the `checklist admin` commands run on
the server itself), like every other read and write.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, Row, delete, exists, insert, select

from checklist.domain.audit import CHANGE_QUIET, AuditAction, AuditEvent, ObjectKind, RetentionSetting
from checklist.storage.audit_schema import audit_events, retention, version_0004
from checklist.storage.directory_schema import assessment_owners
from checklist.storage.migrations import MigratedStore
from checklist.storage.store import assessments
from checklist.storage.store import metadata as assessment_tables
from checklist.storage.submissions_schema import submissions
from checklist.storage.survey_schema import survey_responses, survey_rounds

DEFAULT_LIMIT = 500
_RETENTION_ROW = 1


class AuditTrail(MigratedStore):
    metadata = version_0004

    def _connect_ready(self) -> None:
        if not self._ready:
            super()._connect_ready()
            # Deleting reaches the assessments table, which its store makes on first use (no migration).
            assessment_tables.create_all(self._engine)

    def record(
        self,
        action: AuditAction,
        *,
        actor: str,
        object_kind: ObjectKind,
        object_id: str,
        organisation_id: int | None = None,
        detail: str = "",
        now: datetime | None = None,
    ) -> None:
        event = AuditEvent(
            at=now or datetime.now(UTC),
            actor=actor,
            action=action,
            object_kind=object_kind,
            object_id=object_id,
            organisation_id=organisation_id,
            detail=detail,
        )
        with self._writing() as conn:
            insert_event(conn, event)

    def record_change(
        self, assessment_id: str, *, actor: str, organisation_id: int | None = None, now: datetime | None = None
    ) -> bool:
        """Record "changed" unless this person changed this assessment less than ten minutes ago; whether it was."""
        moment = now or datetime.now(UTC)
        recent = exists().where(
            audit_events.c.object_id == assessment_id,
            audit_events.c.action == AuditAction.CHANGED.value,
            audit_events.c.actor == actor,
            audit_events.c.at > moment - CHANGE_QUIET,
        )
        with self._writing() as conn:
            if conn.scalar(select(recent)):
                return False
            insert_event(
                conn,
                AuditEvent(
                    at=moment,
                    actor=actor,
                    action=AuditAction.CHANGED,
                    object_kind=ObjectKind.ASSESSMENT,
                    object_id=assessment_id,
                    organisation_id=organisation_id,
                ),
            )
        return True

    def entries(
        self, *, action: AuditAction | None = None, since: datetime | None = None, limit: int | None = DEFAULT_LIMIT
    ) -> list[AuditEvent]:
        """The events, newest first, of one action and from a moment on if asked."""
        query = select(audit_events).order_by(audit_events.c.at.desc(), audit_events.c.id.desc())
        if action is not None:
            query = query.where(audit_events.c.action == action.value)
        if since is not None:
            query = query.where(audit_events.c.at >= since)
        if limit is not None:
            query = query.limit(limit)
        with self._reading() as conn:
            return [_to_event(r) for r in conn.execute(query)]

    # Deleting, with the event in the same transaction

    def erase(
        self,
        assessment_id: str,
        *,
        actor: str,
        action: AuditAction = AuditAction.DELETED,
        organisation_id: int | None = None,
        draft_untouched_before: datetime | None = None,
        now: datetime | None = None,
    ) -> bool:
        """Delete the assessment and everything kept under its id; whether there was one to delete.

        With `draft_untouched_before`, only a draft (never submitted) last changed before that moment
        is deleted, checked in the same transaction: one changed or submitted meanwhile stays.
        """
        with self._writing() as conn:
            condition: list[Any] = [assessments.c.id == assessment_id]
            if draft_untouched_before is not None:
                condition += [assessments.c.updated_at < draft_untouched_before, ~_submitted(assessments.c.id)]
            gone = conn.execute(delete(assessments).where(*condition)).rowcount
            if draft_untouched_before is not None and not gone:
                return False
            rounds = select(survey_rounds.c.id).where(survey_rounds.c.assessment_id == assessment_id)
            conn.execute(delete(survey_responses).where(survey_responses.c.round_id.in_(rounds)))
            conn.execute(delete(survey_rounds).where(survey_rounds.c.assessment_id == assessment_id))
            conn.execute(delete(submissions).where(submissions.c.assessment_id == assessment_id))
            conn.execute(delete(assessment_owners).where(assessment_owners.c.assessment_id == assessment_id))
            if gone:
                insert_event(
                    conn,
                    AuditEvent(
                        at=now or datetime.now(UTC),
                        actor=actor,
                        action=action,
                        object_kind=ObjectKind.ASSESSMENT,
                        object_id=assessment_id,
                        organisation_id=organisation_id,
                    ),
                )
        return bool(gone)

    # Retention

    def retention(self) -> RetentionSetting | None:
        with self._reading() as conn:
            row = conn.execute(select(retention).where(retention.c.id == _RETENTION_ROW)).first()
        if row is None:
            return None
        return RetentionSetting(days=row.days, set_by=row.set_by, set_at=_aware(row.set_at))

    def set_retention(self, days: int | None, *, actor: str, now: datetime | None = None) -> RetentionSetting | None:
        """Keep untouched drafts for `days`, or for ever (None); the change is itself recorded."""
        moment = now or datetime.now(UTC)
        setting = None if days is None else RetentionSetting(days=days, set_by=actor, set_at=moment)
        with self._writing() as conn:
            conn.execute(delete(retention).where(retention.c.id == _RETENTION_ROW))
            if setting is not None:
                conn.execute(insert(retention).values(id=_RETENTION_ROW, **setting.model_dump()))
            insert_event(
                conn,
                AuditEvent(
                    at=moment,
                    actor=actor,
                    action=AuditAction.RETENTION_SET,
                    object_kind=ObjectKind.RETENTION,
                    object_id="retention",
                    detail="off" if days is None else f"{days} days",
                ),
            )
        return setting

    def drafts_due(self, now: datetime) -> list[tuple[str, int | None]]:
        """The drafts (never submitted) last changed before the retention period, oldest first, with their owner."""
        setting = self.retention()
        if setting is None:
            return []
        query = (
            select(assessments.c.id, assessment_owners.c.organisation_id)
            .outerjoin(assessment_owners, assessment_owners.c.assessment_id == assessments.c.id)
            .where(assessments.c.updated_at < setting.cutoff(now), ~_submitted(assessments.c.id))
            .order_by(assessments.c.updated_at, assessments.c.id)
        )
        with self._reading() as conn:
            return [(r.id, r.organisation_id) for r in conn.execute(query)]

    def apply_retention(self, *, actor: str, now: datetime | None = None, dry_run: bool = False) -> list[str]:
        """Delete the drafts due (or only list them, with `dry_run`); the ids deleted, oldest first."""
        moment = now or datetime.now(UTC)
        setting = self.retention()
        due = self.drafts_due(moment)
        if dry_run or setting is None:
            return [assessment_id for assessment_id, _ in due]
        return [
            assessment_id
            for assessment_id, organisation_id in due
            if self.erase(
                assessment_id,
                actor=actor,
                action=AuditAction.DELETED_BY_RETENTION,
                organisation_id=organisation_id,
                draft_untouched_before=setting.cutoff(moment),
                now=moment,
            )
        ]


def _submitted(assessment_id: Any) -> Any:
    return exists().where(submissions.c.assessment_id == assessment_id)


def insert_event(conn: Connection, event: AuditEvent) -> None:
    """Add an event inside a transaction the caller holds, so it lands with the change it records or not at all."""
    conn.execute(insert(audit_events).values(**event.model_dump(exclude={"id"})))


def _aware(moment: datetime) -> datetime:
    # SQLite hands back naive datetimes for values stored in UTC.
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _to_event(row: Row[Any]) -> AuditEvent:
    return AuditEvent(
        id=row.id,
        at=_aware(row.at),
        actor=row.actor,
        action=AuditAction(row.action),
        object_kind=ObjectKind(row.object_kind),
        object_id=row.object_id,
        organisation_id=row.organisation_id,
        detail=row.detail,
    )
