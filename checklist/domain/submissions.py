"""Intake of many submitted files: load each, report each, count each assessment once.

A commissioner's folder holds broken files, older versions and the same
assessment sent twice; one bad file must never stop the rest, and which copy
is kept must not depend on the order the files arrive in.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from enum import StrEnum
from json.encoder import encode_basestring as _encode

from checklist.domain.assessment import AnswerValue, Assessment
from checklist.domain.bank import QuestionBank
from checklist.domain.errors import AssessmentFileError
from checklist.domain.loading import could_not_be_read, load_assessment
from checklist.domain.wording import counted, long_date, long_moment


class FileStatus(StrEnum):
    ACCEPTED = "accepted"
    PRACTICE = "practice"
    DUPLICATE = "duplicate"
    REJECTED = "rejected"
    SKIPPED = "skipped"

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
class Unreadable:
    """In place of a file's bytes: an entry that could not be read, and why. Reported, never dropped in silence."""

    reason: str
    status: FileStatus = FileStatus.REJECTED


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

    def summary(self, noun: str = "file") -> str:
        """E.g. '3 files: 2 accepted, 1 rejected'; `noun` names what was read (files, or an area's submissions)."""
        counts = ", ".join(f"{self.count(s)} {s.value}" for s in FileStatus if self.count(s))
        return f"{counted(len(self.reports), noun)}: {counts or 'none'}"


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
    return hashlib.sha256(_canonical(doc).encode("utf-8")).hexdigest()


def _canonical(doc: object) -> str:
    """The JSON text `canonical_digest` hashes: keys sorted, no spaces, Unicode kept."""
    return json.dumps(doc, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


class _Digests:
    """`canonical_digest` for many files at once: the same text hashed, made faster.

    Most of an assessment's text is its answers, and most answers are alike ("met", no note):
    each distinct answer's JSON is made once, and the answers are written around the rest.
    `tests/unit/test_submissions_digest.py` checks it gives exactly `canonical_digest`.
    """

    def __init__(self) -> None:
        # Each distinct question id and answer, written once as `"id":{...}` (ids and answers repeat across files).
        self._pairs: dict[tuple[str, AnswerValue, str | None, str | None], str] = {}

    def of(self, assessment: Assessment) -> str:
        if assessment.previous is not None:
            return canonical_digest(assessment)  # rare: the general way
        doc = assessment.model_dump(mode="json", exclude={"id", "answers", "actions"})
        doc["actions"] = [a.model_dump(mode="json", exclude={"id"}) for a in assessment.actions]
        before = {k: doc.pop(k) for k in sorted(doc) if k < "answers"}
        pairs = self._pairs
        written = []
        for qid, a in sorted(assessment.answers.items()):
            key = (qid, a.answer, a.note, a.na_reason)
            text = pairs.get(key)
            if text is None:
                text = pairs[key] = f"{_encode(qid)}:{_canonical(a.model_dump(mode='json'))}"
            written.append(text)
        answers = ",".join(written)
        head, tail = _canonical(before), _canonical(doc)
        text = (head[:-1] + "," if before else "{") + f'"answers":{{{answers}}}' + ("," + tail[1:] if doc else "}")
        return hashlib.sha256(text.encode("utf-8")).hexdigest()


def service_key(assessment: Assessment) -> tuple[str, str] | None:
    """Name and organisation, ignoring case and spacing; None when the service is not named."""

    def norm(text: str) -> str:
        return " ".join(text.casefold().split())

    name = norm(assessment.service.name)
    return (name, norm(assessment.service.organisation)) if name else None


def read_submissions(
    files: Iterable[tuple[str, bytes | Unreadable]], bank: QuestionBank, *, now: datetime | None = None
) -> Intake:
    """Load every file, reject what cannot be compared, and count each assessment once.

    `files` is read one at a time, so a generator keeps only one file's bytes in memory.
    `now` decides which saved times are in the future (default: the clock).
    """
    reports: dict[int, FileReport] = {}
    candidates: list[_Candidate] = []
    digests = _Digests()
    for index, (name, data) in enumerate(files):
        candidate = _load(index, name, data, bank, digests)
        if isinstance(candidate, FileReport):
            reports[index] = candidate
        else:
            candidates.append(candidate)
    kept, duplicates = _dedupe(candidates, now or datetime.now(UTC))
    for candidate, reason in duplicates:
        reports[candidate.index] = FileReport(candidate.name, FileStatus.DUPLICATE, reason, candidate.warnings)
    for candidate in kept:
        reports[candidate.index] = _kept_report(candidate)
    return Intake(
        reports=tuple(reports[i] for i in sorted(reports)),
        submissions=tuple(Submission(c.name, c.assessment, c.digest) for c in sorted(kept, key=lambda c: c.digest)),
    )


def _load(
    index: int, name: str, data: bytes | Unreadable, bank: QuestionBank, digests: _Digests
) -> _Candidate | FileReport:
    """One file, read inside a boundary that nothing gets through: the worst outcome is a rejected file."""
    if isinstance(data, Unreadable):
        return FileReport(name, data.status, data.reason)
    try:
        return _candidate(index, name, data, bank, digests)
    except AssessmentFileError as exc:
        return FileReport(name, FileStatus.REJECTED, "; ".join(exc.problems))
    # Broad on purpose: one file must never stop the rest, whatever goes wrong in it.
    except Exception as exc:
        return FileReport(name, FileStatus.REJECTED, could_not_be_read(exc))


def _candidate(index: int, name: str, data: bytes, bank: QuestionBank, digests: _Digests) -> _Candidate | FileReport:
    loaded = load_assessment(data, name, bank)
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
        digest=digests.of(loaded.assessment),
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


def _dedupe(candidates: list[_Candidate], now: datetime) -> tuple[list[_Candidate], list[tuple[_Candidate, str]]]:
    """Keep one per identical content, then the newest per service and assessment date.

    Every tie is broken on content, never on position, so the kept copy is the
    same whatever order the files came in. Two different copies saved at the
    same time are both kept and flagged: neither may be dropped on a guess.
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
    for c in (_flag_future(c, now) for c in survivors):
        key = service_key(c.assessment)
        if key is None or c.assessment.assessed_on is None:
            kept.append(c)
        else:
            by_service.setdefault((*key, c.assessment.assessed_on), []).append(c)
    for group in by_service.values():
        ranked = sorted(group, key=lambda c: _newest_first(c, now))
        newest = ranked[0]
        tied = [c for c in ranked if _trusted_saved_at(c, now) == _trusted_saved_at(newest, now)]
        if len(tied) > 1:
            kept += [_flag_conflict(c, tied) for c in tied]
        else:
            kept.append(newest)
        duplicates += [(c, _same_service_reason(c, newest)) for c in ranked if c not in tied]
    return kept, duplicates


_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
# Clocks drift a little; a copy a few minutes "ahead" is not a sign of anything.
_CLOCK_SLACK = timedelta(minutes=10)


def _trusted_saved_at(c: _Candidate, now: datetime) -> datetime | None:
    """The saved time, unless it is missing or in the future: a future time must not win."""
    saved = c.assessment.saved_at
    return saved if saved is not None and saved - now <= _CLOCK_SLACK else None


def _newest_first(c: _Candidate, now: datetime) -> tuple[bool, timedelta, str]:
    # A difference from a fixed moment, not .timestamp(): it never overflows, even at year 1 or 9999.
    saved = _trusted_saved_at(c, now)
    return (saved is None, -(saved - _EPOCH) if saved else timedelta(0), c.digest)


def _flag_future(c: _Candidate, now: datetime) -> _Candidate:
    saved = c.assessment.saved_at
    if saved is None or saved - now <= _CLOCK_SLACK:
        return c
    warning = (
        f"it says it was saved on {long_moment(saved)}, which is in the future; "
        "that time is not used to decide which copy is newest"
    )
    return dataclasses.replace(c, warnings=(*c.warnings, warning))


def _flag_conflict(c: _Candidate, tied: list[_Candidate]) -> _Candidate:
    others = ", ".join(o.name for o in tied if o is not c)
    warning = (
        f"conflict: {others} is a different assessment of the same service on the same date, "
        "saved at the same time; both are counted until you remove the wrong one"
    )
    return dataclasses.replace(c, warnings=(*c.warnings, warning))


def _same_service_reason(older: _Candidate, newest: _Candidate) -> str:
    day = older.assessment.assessed_on
    used = f"the copy saved most recently ({newest.name}) is used"
    return f"another copy of the same service's assessment of {long_date(day)}; {used}"
