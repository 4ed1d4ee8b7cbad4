"""Intake of many submitted files: load each, report each, count each assessment once.

A commissioner's folder holds broken files, older versions and the same
assessment sent twice; one bad file must never stop the rest, and which copy
is kept must not depend on the order the files arrive in.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from checklist.domain.assessment import Assessment
from checklist.domain.bank import QuestionBank
from checklist.domain.errors import AssessmentFileError
from checklist.domain.loading import load_assessment
from checklist.domain.wording import counted


class FileStatus(StrEnum):
    ACCEPTED = "accepted"
    PRACTICE = "practice"
    DUPLICATE = "duplicate"
    REJECTED = "rejected"

    @property
    def label(self) -> str:
        return self.value.capitalize()


@dataclass(frozen=True, slots=True)
class FileReport:
    name: str
    status: FileStatus
    reason: str
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Submission:
    """An assessment kept for comparison, with the file it came from and its content digest."""

    name: str
    assessment: Assessment
    digest: str


@dataclass(frozen=True, slots=True)
class Intake:
    reports: tuple[FileReport, ...]
    submissions: tuple[Submission, ...]

    @property
    def assessments(self) -> tuple[Assessment, ...]:
        return tuple(s.assessment for s in self.submissions)

    @property
    def usable(self) -> bool:
        return bool(self.submissions)

    def count(self, status: FileStatus) -> int:
        return sum(1 for r in self.reports if r.status is status)

    def summary(self) -> str:
        counts = ", ".join(f"{self.count(s)} {s.value}" for s in FileStatus if self.count(s))
        return f"{counted(len(self.reports), 'file')}: {counts or 'none'}"


@dataclass(frozen=True, slots=True)
class _Candidate:
    index: int
    name: str
    assessment: Assessment
    digest: str
    file_digest: str
    warnings: tuple[str, ...]


def canonical_digest(assessment: Assessment) -> str:
    """A hash of what the assessment says, the same for its JSON file and its PDF.

    Ids are left out because upgrading an old file invents them afresh on every load.
    """
    doc = assessment.model_dump(mode="json", exclude={"id"})
    for holder in (doc, doc.get("previous") or {}):
        for action in holder.get("actions", ()):
            action.pop("id", None)
    text = json.dumps(doc, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def service_key(assessment: Assessment) -> tuple[str, str] | None:
    """Name and organisation, ignoring case and spacing; None when the service is not named."""

    def norm(text: str) -> str:
        return " ".join(text.casefold().split())

    name = norm(assessment.service.name)
    return (name, norm(assessment.service.organisation)) if name else None


def read_submissions(files: Iterable[tuple[str, bytes]], bank: QuestionBank) -> Intake:
    """Load every file, reject what cannot be compared, and count each assessment once."""
    reports: dict[int, FileReport] = {}
    candidates: list[_Candidate] = []
    for index, (name, data) in enumerate(files):
        candidate = _load(index, name, data, bank)
        if isinstance(candidate, FileReport):
            reports[index] = candidate
        else:
            candidates.append(candidate)
    kept, duplicates = _dedupe(candidates)
    for candidate, reason in duplicates:
        reports[candidate.index] = FileReport(candidate.name, FileStatus.DUPLICATE, reason, candidate.warnings)
    for candidate in kept:
        reports[candidate.index] = _kept_report(candidate)
    return Intake(
        reports=tuple(reports[i] for i in sorted(reports)),
        submissions=tuple(Submission(c.name, c.assessment, c.digest) for c in sorted(kept, key=lambda c: c.digest)),
    )


def _load(index: int, name: str, data: bytes, bank: QuestionBank) -> _Candidate | FileReport:
    try:
        loaded = load_assessment(data, name, bank)
    except AssessmentFileError as exc:
        return FileReport(name, FileStatus.REJECTED, "; ".join(exc.problems))
    ref = loaded.assessment.bank
    if ref.id != bank.id:
        return FileReport(
            name,
            FileStatus.REJECTED,
            f"it was made with the question bank '{ref.id}', not '{bank.id}', so its answers cannot be compared",
        )
    return _Candidate(
        index=index,
        name=name,
        assessment=loaded.assessment,
        digest=canonical_digest(loaded.assessment),
        file_digest=hashlib.sha256(data).hexdigest(),
        warnings=tuple(loaded.warnings),
    )


def _kept_report(candidate: _Candidate) -> FileReport:
    a = candidate.assessment
    version = f"question bank version {a.bank.version}"
    if a.practice:
        reason = f"a practice file (from an example or a workshop), {version}; left out of the figures unless asked"
        return FileReport(candidate.name, FileStatus.PRACTICE, reason, candidate.warnings)
    return FileReport(candidate.name, FileStatus.ACCEPTED, f"made with {version}", candidate.warnings)


def _dedupe(candidates: list[_Candidate]) -> tuple[list[_Candidate], list[tuple[_Candidate, str]]]:
    """Keep one per identical content, then one per service and assessment date.

    Every tie is broken on content, never on position, so the kept copy is the
    same whatever order the files came in.
    """
    duplicates: list[tuple[_Candidate, str]] = []
    by_content: dict[str, list[_Candidate]] = {}
    for c in candidates:
        by_content.setdefault(c.digest, []).append(c)
    survivors = []
    for group in by_content.values():
        first, *rest = sorted(group, key=lambda c: (c.name, c.file_digest, c.index))
        survivors.append(first)
        duplicates += [(c, f"the same assessment as {first.name}; counted once") for c in rest]

    by_service: dict[tuple[object, ...], list[_Candidate]] = {}
    kept = []
    for c in survivors:
        key = service_key(c.assessment)
        if key is None or c.assessment.assessed_on is None:
            kept.append(c)
        else:
            by_service.setdefault((*key, c.assessment.assessed_on), []).append(c)
    for group in by_service.values():
        newest, *older = sorted(group, key=_newest_first)
        kept.append(newest)
        duplicates += [(c, _same_service_reason(c, newest)) for c in older]
    return kept, duplicates


def _newest_first(c: _Candidate) -> tuple[float, str]:
    saved = c.assessment.saved_at
    return (-_timestamp(saved) if saved else float("inf"), c.digest)


def _timestamp(moment: datetime) -> float:
    return moment.timestamp()


def _same_service_reason(older: _Candidate, newest: _Candidate) -> str:
    day = older.assessment.assessed_on
    if older.assessment.saved_at == newest.assessment.saved_at:
        why = "counted once"
    else:
        why = f"the copy saved most recently ({newest.name}) is used"
    return f"another copy of the same service's assessment of {day}; {why}"
