"""The assessment store as one person may use it: every read and write checks their role here, below the pages.

On a laptop (no sign-in) `LocalAccess` passes everything through, exactly as before.
With sign-in, `PersonAccess` asks `checklist.domain.permissions.can` before each read and
write. An assessment someone may not read is answered as missing, the same answer as an
id that names nothing, so a guessed or forwarded link says nothing about what exists; the
refusal is logged for the server's administrator.
"""

from __future__ import annotations

import logging
from typing import Protocol

from checklist.domain.assessment import Assessment
from checklist.domain.people import Organisation, OrganisationKind, Person, Role, RoleGrant
from checklist.domain.permissions import Action, AssessmentRef, can
from checklist.storage.database import StoreError, StoreUnavailable
from checklist.storage.directory import DirectoryStore
from checklist.storage.store import AssessmentStore, AssessmentSummary, StoredAssessment

log = logging.getLogger(__name__)

NOT_YOURS = "No saved assessment has this link. Check that the whole link was copied, or start a new assessment."
NO_ORGANISATION = (
    "You cannot start an assessment: you are not service staff of any service provider on this server. "
    "Ask your administrator to add you to your organisation."
)


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


class LocalAccess:
    """Single-user local mode: no sign-in, so no checks; the store as it always was."""

    def __init__(self, store: AssessmentStore) -> None:
        self._store = store

    def get(self, assessment_id: str) -> StoredAssessment | None:
        return self._store.get(assessment_id)

    def may_read(self, assessment_id: str) -> bool:
        return True

    def create(self, assessment: Assessment, ui_state: dict[str, str] | None = None) -> StoredAssessment:
        return self._store.create(assessment, ui_state)

    def save(
        self,
        assessment: Assessment,
        *,
        expected_revision: int,
        ui_state: dict[str, str] | None = None,
        base: Assessment | None = None,
    ) -> StoredAssessment:
        return self._store.save(assessment, expected_revision=expected_revision, ui_state=ui_state, base=base)

    def list_summaries(self) -> list[AssessmentSummary]:
        return self._store.list_summaries()


class PersonAccess:
    """One signed-in person's view: `person` None (signed in but never invited) may do nothing."""

    def __init__(
        self, store: AssessmentStore, directory: DirectoryStore, person: Person | None, working_for: int | None = None
    ) -> None:
        self._store = store
        self._directory = directory
        self.person = person
        self._working_for = working_for  # the organisation chosen for new assessments, if they have several

    @property
    def _roles(self) -> tuple[RoleGrant, ...]:
        return self.person.roles if self.person else ()

    def _allowed(self, action: Action, assessment_id: str) -> bool:
        allowed = can(self._roles, action, _ref(self._directory.owner_of(assessment_id)))
        if not allowed:
            log.warning("refused: %s may not %s %s", self._who(), action.value, assessment_id)
        return allowed

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
        return self._store.create(assessment, ui_state)

    def save(
        self,
        assessment: Assessment,
        *,
        expected_revision: int,
        ui_state: dict[str, str] | None = None,
        base: Assessment | None = None,
    ) -> StoredAssessment:
        if not self._allowed(Action.EDIT_ASSESSMENT, assessment.id):
            raise Refused(NOT_YOURS)
        return self._store.save(assessment, expected_revision=expected_revision, ui_state=ui_state, base=base)

    def list_summaries(self) -> list[AssessmentSummary]:
        owners = self._directory.owners()
        return [
            s for s in self._store.list_summaries() if can(self._roles, Action.READ_ASSESSMENT, _ref(owners.get(s.id)))
        ]

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


def _ref(owner: Organisation | None) -> AssessmentRef:
    # Submitting is not built yet, so nothing counts as submitted and commissioners read nothing so far.
    if owner is None:
        return AssessmentRef(organisation_id=None, area_id=None)
    return AssessmentRef(organisation_id=owner.id, area_id=owner.area_id)
