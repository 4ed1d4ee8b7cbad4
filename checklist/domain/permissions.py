"""Who may do what: one pure function over a person's roles, an action and the thing acted on.

Least privilege: an administrator manages organisations and people, reads the audit
trail and sets how long drafts are kept, but reads no assessment; a commissioner reads
only what services in their area have submitted, and never edits it; a trainer runs
workshops, and opens and changes only the workshops they made. Anything not granted here
is refused.
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum

from pydantic import BaseModel, ConfigDict

from checklist.domain.people import Organisation, OrganisationKind, Role, RoleGrant


class Action(StrEnum):
    CREATE_ASSESSMENT = "create assessment"  # in an organisation
    READ_ASSESSMENT = "read assessment"
    EDIT_ASSESSMENT = "edit assessment"
    SUBMIT_ASSESSMENT = "submit assessment"
    COMPARE_SUBMISSIONS = "compare submissions"  # of an area
    READ_SUBMISSION = "read submission"
    CHANGE_SUBMISSION = "change submission"  # granted to nobody: a submission is a snapshot, kept as sent
    RUN_WORKSHOP = "run workshop"  # create one: over the whole server
    OPEN_WORKSHOP = "open workshop"  # see a workshop's room, answers and consensus
    CHANGE_WORKSHOP = "change workshop"  # open or close joining, agree answers, remove participants
    MANAGE_ORGANISATIONS = "manage organisations"
    MANAGE_PEOPLE = "manage people"
    DELETE_ASSESSMENT = "delete assessment"  # with its owner link, submissions and survey rounds
    READ_AUDIT = "read audit trail"
    SET_RETENTION = "set retention"  # how long untouched drafts are kept


class AssessmentRef(BaseModel):
    """An assessment as the rules see it: who owns it, in which area, and whether it was submitted."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    organisation_id: int | None  # None: made before sign-in was switched on, so nobody's
    area_id: int | None
    submitted: bool = False


class SubmissionRef(BaseModel):
    """A submission as the rules see it: the organisation that sent it and the area it went to."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    organisation_id: int
    area_id: int


class WorkshopRef(BaseModel):
    """A workshop as the rules see it: the person who made it (None: made in local mode, so nobody's)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    trainer_id: int | None


Target = Organisation | AssessmentRef | SubmissionRef | WorkshopRef | None


def can(roles: Iterable[RoleGrant], action: Action, target: Target = None, *, person_id: int | None = None) -> bool:
    """Whether someone holding `roles` may do `action` to `target` (None for actions over the whole server).

    `person_id` is who holds the roles: a workshop is its own trainer's, not every trainer's.
    """
    held = tuple(roles)
    return any(_grants(grant, action, target, person_id) for grant in held)


# What an administrator does over the whole server: never an assessment's content.
_ADMINISTRATION = frozenset(
    {Action.MANAGE_ORGANISATIONS, Action.MANAGE_PEOPLE, Action.READ_AUDIT, Action.SET_RETENTION}
)


def _grants(grant: RoleGrant, action: Action, target: Target, person_id: int | None) -> bool:
    match grant.role:
        case Role.STAFF:
            return _staff(grant.organisation_id, action, target)
        case Role.COMMISSIONER:
            return _commissioner(grant.organisation_id, action, target)
        case Role.TRAINER:
            return _trainer(person_id, action, target)
        case Role.ADMINISTRATOR:
            return action in _ADMINISTRATION and target is None


def _staff(organisation_id: int | None, action: Action, target: Target) -> bool:
    if organisation_id is None:
        return False
    if action == Action.CREATE_ASSESSMENT:
        return (
            isinstance(target, Organisation)
            and target.id == organisation_id
            and target.kind == OrganisationKind.PROVIDER
        )
    if action in {Action.READ_ASSESSMENT, Action.EDIT_ASSESSMENT, Action.SUBMIT_ASSESSMENT, Action.DELETE_ASSESSMENT}:
        return isinstance(target, AssessmentRef) and target.organisation_id == organisation_id
    if action == Action.READ_SUBMISSION:  # what their own organisation sent, so they can say when and to whom
        return isinstance(target, SubmissionRef) and target.organisation_id == organisation_id
    return False


def _commissioner(area_id: int | None, action: Action, target: Target) -> bool:
    if area_id is None:
        return False
    if action == Action.READ_ASSESSMENT:
        return isinstance(target, AssessmentRef) and target.submitted and target.area_id == area_id
    if action == Action.COMPARE_SUBMISSIONS:
        return isinstance(target, Organisation) and target.id == area_id and target.kind == OrganisationKind.AREA
    if action == Action.READ_SUBMISSION:
        return isinstance(target, SubmissionRef) and target.area_id == area_id
    return False


def _trainer(person_id: int | None, action: Action, target: Target) -> bool:
    if action == Action.RUN_WORKSHOP:
        return target is None
    if action in {Action.OPEN_WORKSHOP, Action.CHANGE_WORKSHOP}:
        return isinstance(target, WorkshopRef) and person_id is not None and target.trainer_id == person_id
    return False
