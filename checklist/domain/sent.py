"""Submissions sent in the app: who sent which service's snapshot when, and which one counts.

A service may submit again (after a re-assessment, or to correct a slip). The latest one
supersedes the earlier ones in the comparison; the earlier ones stay, as its history.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from pydantic import BaseModel, ConfigDict


class SentSubmission(BaseModel):
    """One submission as listed: everything but the snapshot itself, which is read only to compare."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    id: int
    assessment_id: str
    organisation_id: int
    organisation_name: str
    area_id: int
    area_name: str
    service_name: str
    bank_id: str
    bank_version: str
    completion: float  # share of applicable questions answered, when it was sent
    submitted_by: str  # the sender's e-mail address
    submitted_at: datetime

    @property
    def service(self) -> tuple[int, str]:
        """The same service of the same organisation, whatever case and spacing its name was typed in."""
        return (self.organisation_id, service_words(self.service_name))


def service_words(name: str) -> str:
    return " ".join(name.casefold().split())


@dataclass(frozen=True, slots=True)
class ServiceSubmissions:
    """One service's submissions: the one that counts, and those it superseded (newest first)."""

    latest: SentSubmission
    superseded: tuple[SentSubmission, ...]


def _newest_first(s: SentSubmission) -> tuple[datetime, int]:
    return (s.submitted_at, s.id)


def by_service(sent: Iterable[SentSubmission]) -> list[ServiceSubmissions]:
    """Each service once, by name then organisation; its latest submission supersedes the rest.

    Ties on the time (two clicks in one instant) go to the one stored last, so the order the
    rows are read in never changes which one counts.
    """
    groups: dict[tuple[int, str], list[SentSubmission]] = {}
    for s in sent:
        groups.setdefault(s.service, []).append(s)
    found = []
    for group in groups.values():
        latest, *earlier = sorted(group, key=_newest_first, reverse=True)
        found.append(ServiceSubmissions(latest, tuple(earlier)))
    return sorted(found, key=lambda g: (service_words(g.latest.service_name), g.latest.organisation_name, g.latest.id))


def latest_per_service(sent: Iterable[SentSubmission]) -> list[SentSubmission]:
    return [g.latest for g in by_service(sent)]


def is_new(s: SentSubmission, last_visit: datetime | None) -> bool:
    """Sent after the person's last visit to the list (everything is new on the first visit)."""
    return last_visit is None or s.submitted_at > last_visit
