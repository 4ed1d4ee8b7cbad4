"""The audit trail's words: what happened, to what, by whom, and when; never what anything said.

An event names an action, the kind and id of the thing acted on and the organisation it belonged
to, with a short fixed detail chosen by the code ("PDF action plan"), never text a person typed:
no answer, note, service name or comment ever reaches the trail.
"""

from __future__ import annotations

import getpass
from datetime import datetime, timedelta
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field

LOCAL_MODE_ACTOR = "local mode"
# Autosave writes on every click: one "changed" row per assessment per person in this long is enough.
CHANGE_QUIET = timedelta(minutes=10)
MAX_RETENTION_DAYS = 36_500


class AuditAction(StrEnum):
    CREATED = "created"
    CHANGED = "changed"
    SUBMITTED = "submitted"
    EXPORTED = "exported"
    DELETED = "deleted"
    DELETED_BY_RETENTION = "deleted by retention"
    ORGANISATION_ADDED = "organisation added"
    ORGANISATION_REMOVED = "organisation removed"
    SERVICE_ADDED = "service added"
    PERSON_INVITED = "person invited"
    ROLE_REMOVED = "role removed"
    PERSON_REMOVED = "person removed"
    RETENTION_SET = "retention set"


class ObjectKind(StrEnum):
    ASSESSMENT = "assessment"
    SUBMISSIONS = "submissions"  # a comparison of an area's submissions, downloaded
    ORGANISATION = "organisation"
    PERSON = "person"
    RETENTION = "retention"


class Export(StrEnum):
    """What was downloaded: the detail of an "exported" event."""

    PDF_PLAN = "PDF action plan"
    JSON_FILE = "JSON file"
    CSV_SERVICES = "CSV for commissioners"
    CSV_GAPS = "CSV of common gaps"
    EXCEL = "Excel workbook for commissioners"
    AREA_PDF = "PDF area summary"


class AuditEvent(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: int = 0
    at: datetime
    actor: str
    action: AuditAction
    object_kind: ObjectKind
    object_id: str
    organisation_id: int | None = None
    detail: str = Field(default="", max_length=200)


class RetentionSetting(BaseModel):
    """How long a draft may sit untouched before the scheduled run deletes it."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    days: int = Field(ge=1, le=MAX_RETENTION_DAYS)
    set_by: str
    set_at: datetime

    def cutoff(self, now: datetime) -> datetime:
        """Drafts last changed before this moment are due for deletion."""
        return now - timedelta(days=self.days)


def command_line_actor() -> str:
    """Who ran a command: the operating-system user, as the trail names them."""
    try:
        user = getpass.getuser()
    except (KeyError, OSError):  # no name for this user id (a container with no passwd entry)
        user = "unknown user"
    return f"command line ({user})"
