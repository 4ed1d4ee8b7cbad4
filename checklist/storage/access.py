"""The assessment store as one person may use it: every read and write checks their role here, below the pages.

On a laptop (no sign-in) `LocalAccess` passes everything through, exactly as before.
With sign-in, `PersonAccess` asks `checklist.domain.permissions.can` before each read and
write. An assessment someone may not read is answered as missing, the same answer as an
id that names nothing, so a guessed or forwarded link says nothing about what exists; the
refusal is logged for the server's administrator. Both record what is done (created,
changed, submitted, exported, deleted) in the audit trail (`checklist.storage.audit`):
the fact and who did it, never the content.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Protocol

from checklist import __version__
from checklist.domain.assessment import Assessment
from checklist.domain.audit import LOCAL_MODE_ACTOR, AuditAction, Export, ObjectKind, RetentionSetting
from checklist.domain.bank import QuestionBank
from checklist.domain.loading import dump_assessment
from checklist.domain.people import Organisation, OrganisationKind, Person, Role, RoleGrant
from checklist.domain.permissions import Action, AssessmentRef, SubmissionRef, can
from checklist.domain.readiness import require_ready_for_report
from checklist.domain.scoring import score_assessment
from checklist.domain.sent import SentSubmission
from checklist.storage.audit import AuditTrail
from checklist.storage.database import StoreError, StoreUnavailable
from checklist.storage.directory import DirectoryStore
from checklist.storage.store import AssessmentStore, AssessmentSummary, StoredAssessment
from checklist.storage.submissions import SubmissionStore

log = logging.getLogger(__name__)

NOT_YOURS = "No saved assessment has this link. Check that the whole link was copied, or start a new assessment."
NO_AREA = (
    "This assessment cannot be submitted in the app: its organisation belongs to no commissioning area on this "
    "server. Ask your administrator to add it to its area, or send the PDF or JSON file by e-mail."
)
NO_ORGANISATION = (
    "You cannot start an assessment: you are not service staff of any service provider on this server. "
    "Ask your administrator to add you to your organisation."
)
NOT_ALLOWED = "Only an administrator may change this."


class Refused(StoreUnavailable):
    """A save this person may not make; it reads as any failed save, and the next run closes the assessment."""


class Assessments(Protocol):
    """What the pages may do with assessments; both kinds of access below provide it."""

    def get(self, assessment_id: str) -> StoredAssessment | None: ...

    def may_read(self, assessment_id: str) -> bool: ...

    def create(self, assessment: Assessment, ui_state: dict[str, str] | None = None) -> StoredAssessment: ...

    def save(
        self,
        assessment: Assessment,
        *,
        expected_revision: int,
        ui_state: dict[str, str] | None = None,
        base: Assessment | None = None,
    ) -> StoredAssessment: ...

    def list_summaries(self) -> list[AssessmentSummary]: ...

    def may_delete(self, assessment_id: str) -> bool: ...

    def delete(self, assessment_id: str) -> bool: ...

    def record_export(self, export: Export, assessment_id: str | None = None) -> None: ...

    def audit_trail(self) -> AuditTrail | None: ...

    def may_set_retention(self) -> bool: ...

    def set_retention(self, days: int | None) -> RetentionSetting | None: ...


class _Recording:
    """What both kinds of access share: the audit trail, and recording in it without losing the work done."""

    _store: AssessmentStore
    _audit: AuditTrail | None

    @property
    def _trail(self) -> AuditTrail:
        # Made on first use only when none was given (tests); the app passes its one shared trail.
        if self._audit is None:
            self._audit = AuditTrail(self._store.url)
        return self._audit

    def _record(self, action: AuditAction, assessment_id: str, organisation_id: int | None, detail: str = "") -> None:
        """Record an event about an assessment. The change it records is already saved, so a failure here
        is logged for the administrator rather than shown as a failed save."""
        try:
            if action == AuditAction.CHANGED:
                self._trail.record_change(assessment_id, actor=self._actor(), organisation_id=organisation_id)
            else:
                self._trail.record(
                    action,
                    actor=self._actor(),
                    object_kind=ObjectKind.ASSESSMENT,
                    object_id=assessment_id,
                    organisation_id=organisation_id,
                    detail=detail,
                )
        except StoreError:
            log.error("audit event not recorded: %s %s %s", self._actor(), action.value, assessment_id)

    def _record_export(self, export: Export, assessment_id: str | None, organisation_id: int | None) -> None:
        if assessment_id is not None:
            self._record(AuditAction.EXPORTED, assessment_id, organisation_id, export.value)
            return
        try:
            self._trail.record(
                AuditAction.EXPORTED,
                actor=self._actor(),
                object_kind=ObjectKind.SUBMISSIONS,
                object_id="comparison",
                detail=export.value,
            )
        except StoreError:
            log.error("audit event not recorded: %s exported %s", self._actor(), export.value)

    def _actor(self) -> str:
        raise NotImplementedError


class LocalAccess(_Recording):
    """Single-user local mode: no sign-in, so no checks; the store as it always was, with its trail.

    The person at the laptop is their own administrator: they may delete and read the trail.
    """

    def __init__(self, store: AssessmentStore, audit: AuditTrail | None = None) -> None:
        self._store = store
        self._audit = audit

    def _actor(self) -> str:
        return LOCAL_MODE_ACTOR

    def get(self, assessment_id: str) -> StoredAssessment | None:
        return self._store.get(assessment_id)

    def may_read(self, assessment_id: str) -> bool:
        return True

    def create(self, assessment: Assessment, ui_state: dict[str, str] | None = None) -> StoredAssessment:
        made = self._store.create(assessment, ui_state)
        self._record(AuditAction.CREATED, assessment.id, None)
        return made

    def save(
        self,
        assessment: Assessment,
        *,
        expected_revision: int,
        ui_state: dict[str, str] | None = None,
        base: Assessment | None = None,
    ) -> StoredAssessment:
        saved = self._store.save(assessment, expected_revision=expected_revision, ui_state=ui_state, base=base)
        self._record(AuditAction.CHANGED, assessment.id, None)
        return saved

    def list_summaries(self) -> list[AssessmentSummary]:
        return self._store.list_summaries()

    def may_delete(self, assessment_id: str) -> bool:
        return True

    def delete(self, assessment_id: str) -> bool:
        return self._trail.erase(assessment_id, actor=self._actor())

    def record_export(self, export: Export, assessment_id: str | None = None) -> None:
        self._record_export(export, assessment_id, None)

    def audit_trail(self) -> AuditTrail | None:
        return self._trail

    def may_set_retention(self) -> bool:
        return True

    def set_retention(self, days: int | None) -> RetentionSetting | None:
        return self._trail.set_retention(days, actor=self._actor())


class PersonAccess(_Recording):
    """One signed-in person's view: `person` None (signed in but never invited) may do nothing."""

    def __init__(
        self,
        store: AssessmentStore,
        directory: DirectoryStore,
        person: Person | None,
        working_for: int | None = None,
        submissions: SubmissionStore | None = None,
        audit: AuditTrail | None = None,
    ) -> None:
        self._store = store
        self._directory = directory
        self.person = person
        self._working_for = working_for  # the organisation chosen for new assessments, if they have several
        self._submissions = submissions
        self._audit = audit

    def _actor(self) -> str:
        return self._who()

    @property
    def _sent(self) -> SubmissionStore:
        # Made on first use only when none was given (tests); the app passes its one shared store.
        if self._submissions is None:
            self._submissions = SubmissionStore(self._store.url)
        return self._submissions

    @property
    def _roles(self) -> tuple[RoleGrant, ...]:
        return self.person.roles if self.person else ()

    def _allowed(self, action: Action, assessment_id: str) -> bool:
        return self._owner_if_allowed(action, assessment_id)[0]

    def _owner_if_allowed(self, action: Action, assessment_id: str) -> tuple[bool, Organisation | None]:
        owner = self._directory.owner_of(assessment_id)
        allowed = can(self._roles, action, _ref(owner))
        if not allowed:
            log.warning("refused: %s may not %s %s", self._who(), action.value, assessment_id)
        return allowed, owner

    def _who(self) -> str:
        return self.person.email if self.person else "someone with no invitation"

    def get(self, assessment_id: str) -> StoredAssessment | None:
        if not self._allowed(Action.READ_ASSESSMENT, assessment_id):
            return None
        return self._store.get(assessment_id)

    def may_read(self, assessment_id: str) -> bool:
        return self._allowed(Action.READ_ASSESSMENT, assessment_id)

    def create(self, assessment: Assessment, ui_state: dict[str, str] | None = None) -> StoredAssessment:
        """Save a new assessment as its maker's organisation's: the owner is recorded first, so there is never
        a moment when it exists with no owner."""
        organisation = self.home_organisation()
        if organisation is None or not can(self._roles, Action.CREATE_ASSESSMENT, organisation):
            log.warning("refused: %s may not create an assessment", self._who())
            raise StoreError(NO_ORGANISATION)
        self._directory.set_owner(assessment.id, organisation.id)
        made = self._store.create(assessment, ui_state)
        self._record(AuditAction.CREATED, assessment.id, organisation.id)
        return made

    def save(
        self,
        assessment: Assessment,
        *,
        expected_revision: int,
        ui_state: dict[str, str] | None = None,
        base: Assessment | None = None,
    ) -> StoredAssessment:
        allowed, owner = self._owner_if_allowed(Action.EDIT_ASSESSMENT, assessment.id)
        if not allowed:
            raise Refused(NOT_YOURS)
        saved = self._store.save(assessment, expected_revision=expected_revision, ui_state=ui_state, base=base)
        self._record(AuditAction.CHANGED, assessment.id, owner.id if owner else None)
        return saved

    def list_summaries(self) -> list[AssessmentSummary]:
        owners = self._directory.owners()
        return [
            s for s in self._store.list_summaries() if can(self._roles, Action.READ_ASSESSMENT, _ref(owners.get(s.id)))
        ]

    def may_delete(self, assessment_id: str) -> bool:
        """Whether "Delete" is offered: checked without logging, as the list asks for every entry."""
        return can(self._roles, Action.DELETE_ASSESSMENT, _ref(self._directory.owner_of(assessment_id)))

    def delete(self, assessment_id: str) -> bool:
        """Delete the assessment and all kept under its id; False (as for an id that names nothing) if not theirs."""
        allowed, owner = self._owner_if_allowed(Action.DELETE_ASSESSMENT, assessment_id)
        if not allowed:
            return False
        deleted = self._trail.erase(assessment_id, actor=self._who(), organisation_id=owner.id if owner else None)
        if deleted:
            log.info("deleted: %s deleted assessment %s", self._who(), assessment_id)
        return deleted

    def record_export(self, export: Export, assessment_id: str | None = None) -> None:
        owner = self._directory.owner_of(assessment_id) if assessment_id is not None else None
        self._record_export(export, assessment_id, owner.id if owner else None)

    def audit_trail(self) -> AuditTrail | None:
        """The trail, for an administrator; None (logged) for anyone else."""
        if not can(self._roles, Action.READ_AUDIT):
            log.warning("refused: %s may not read the audit trail", self._who())
            return None
        return self._trail

    def may_set_retention(self) -> bool:
        return can(self._roles, Action.SET_RETENTION)

    def set_retention(self, days: int | None) -> RetentionSetting | None:
        """Keep untouched drafts for `days` (None: for ever); StoreError for anyone but an administrator."""
        if not self.may_set_retention():
            log.warning("refused: %s may not set the retention period", self._who())
            raise StoreError(NOT_ALLOWED)
        return self._trail.set_retention(days, actor=self._who())

    def home_organisation(self) -> Organisation | None:
        """Where this person's new assessments go: the provider they chose, else the first they are staff of."""
        choices = self.staff_organisations()
        chosen = [o for o in choices if o.id == self._working_for]
        return next(iter(chosen or choices), None)

    def staff_organisations(self) -> list[Organisation]:
        """The service providers this person is staff of, in the order the roles were given."""
        if self.person is None:
            return []
        found = []
        for grant in self.person.roles:
            if grant.role == Role.STAFF and grant.organisation_id is not None:
                organisation = self._directory.organisation(grant.organisation_id)
                if organisation is not None and organisation.kind == OrganisationKind.PROVIDER:
                    found.append(organisation)
        return found

    # Submissions: staff send a snapshot; commissioners read the snapshots, never the live assessment.

    def submit(self, assessment_id: str, bank: QuestionBank, *, now: datetime | None = None) -> SentSubmission:
        """Send the saved assessment, with its plan, to its organisation's area; the snapshot never changes after.

        Raises NotReadyForReport when the profile lacks what the PDF needs, StoreError when it may not be sent.
        """
        if not self._allowed(Action.SUBMIT_ASSESSMENT, assessment_id):
            raise StoreError(NOT_YOURS)
        stored = self._store.get(assessment_id)
        owner = self._directory.owner_of(assessment_id)
        if stored is None or owner is None:
            raise StoreError(NOT_YOURS)
        require_ready_for_report(stored.assessment)
        area = self._directory.organisation(owner.area_id) if owner.area_id is not None else None
        if area is None:
            raise StoreError(NO_AREA)
        assessment, moment = stored.assessment, now or datetime.now(UTC)
        sent = SentSubmission(
            id=0,
            assessment_id=assessment.id,
            organisation_id=owner.id,
            organisation_name=owner.name,
            area_id=area.id,
            area_name=area.name,
            service_name=assessment.service.name,
            bank_id=assessment.bank.id,
            bank_version=assessment.bank.version,
            completion=score_assessment(bank, assessment).completion,
            submitted_by=self._who(),
            submitted_at=moment,
        )
        kept = self._sent.add(sent=sent, snapshot=dump_assessment(assessment, tool_version=__version__, now=moment))
        self._record(AuditAction.SUBMITTED, assessment.id, owner.id, "to the commissioning area")
        log.info(
            "submitted: %s sent assessment %s to %s (submission %s)", self._who(), assessment.id, area.name, kept.id
        )
        return kept

    def may_submit(self, assessment_id: str) -> bool:
        """Whether the button is offered: checked without logging, since every page of one's own assessment asks."""
        return can(self._roles, Action.SUBMIT_ASSESSMENT, _ref(self._directory.owner_of(assessment_id)))

    def sent_from(self, assessment_id: str) -> list[SentSubmission]:
        """This assessment's submissions that this person may read, oldest first."""
        return [s for s in self._sent.for_assessment(assessment_id) if self._may_read_submission(s, log_refusal=False)]

    def commissioned_areas(self) -> list[Organisation]:
        """The areas whose submissions this person may compare."""
        found = []
        for grant in self._roles:
            if grant.role == Role.COMMISSIONER and grant.organisation_id is not None:
                area = self._directory.organisation(grant.organisation_id)
                if area is not None and can(self._roles, Action.COMPARE_SUBMISSIONS, area):
                    found.append(area)
        return found

    def area_submissions(self) -> list[SentSubmission]:
        """Every submission sent to the areas this person commissions, superseded ones included."""
        areas = [a.id for a in self.commissioned_areas()]
        return [s for s in self._sent.for_areas(areas) if self._may_read_submission(s)]

    def submission(self, submission_id: int) -> SentSubmission | None:
        """One submission, or None for one this person may not read: the same answer as an id that names nothing."""
        found = self._sent.get(submission_id)
        if found is None or not self._may_read_submission(found):
            return None
        return found

    def snapshot(self, submission_id: int) -> bytes | None:
        """The submission's assessment file, exactly as it was sent; None for one this person may not read."""
        return self.snapshots([submission_id]).get(submission_id)

    def snapshots(self, submission_ids: Iterable[int]) -> dict[int, bytes]:
        """The files of those of these submissions that this person may read, by id (two queries for any number)."""
        readable = [s.id for s in self._sent.get_many(submission_ids) if self._may_read_submission(s)]
        return self._sent.snapshots(readable)

    def last_visit(self, area_id: int) -> datetime | None:
        """When this person last opened the area's submissions, if ever."""
        if self.person is None:
            return None
        return self._sent.last_visit(self.person.id, area_id)

    def record_visit(self, area_id: int, moment: datetime) -> None:
        if self.person is not None and area_id in {a.id for a in self.commissioned_areas()}:
            self._sent.record_visit(self.person.id, area_id, moment)

    def _may_read_submission(self, sent: SentSubmission, *, log_refusal: bool = True) -> bool:
        allowed = can(
            self._roles,
            Action.READ_SUBMISSION,
            SubmissionRef(organisation_id=sent.organisation_id, area_id=sent.area_id),
        )
        if not allowed and log_refusal:
            log.warning("refused: %s may not read submission %s", self._who(), sent.id)
        return allowed


def _ref(owner: Organisation | None) -> AssessmentRef:
    # Commissioners read the snapshots sent (SubmissionRef), never the live assessment, so no assessment
    # counts as submitted here and the "read assessment" rule for submitted assessments is never used.
    if owner is None:
        return AssessmentRef(organisation_id=None, area_id=None)
    return AssessmentRef(organisation_id=owner.id, area_id=owner.area_id)
