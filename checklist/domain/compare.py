"""The commissioner's comparison: many services' assessments side by side, like for like.

Every score comes from the scoring module (`BankScorer`, exactly `score_assessment`'s results);
this module only gathers them.
Rows, labels and figures never depend on the order assessments arrive in:
anything summed or ranked is sorted first, and ties are broken on content.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

from checklist.domain.assessment import ActionStatus, Assessment, PlannedAction
from checklist.domain.bank import ProfileQuestion, Question, QuestionBank, SuggestedAction, version_key
from checklist.domain.plan import ActionOutcome, action_outcome
from checklist.domain.scoring import BankScorer, ScoreResult
from checklist.domain.submissions import (
    FileReport,
    FileStatus,
    Intake,
    Submission,
    canonical_digest,
    read_submissions,
)

__all__ = [
    "CommonGap",
    "Comparison",
    "FileReport",
    "FileStatus",
    "Filters",
    "Intake",
    "LeftOut",
    "PlanRow",
    "ServiceDetail",
    "ServiceRow",
    "Submission",
    "ThemeSpread",
    "VersionNote",
    "anonymous_label",
    "compare_assessments",
    "filter_options",
    "read_submissions",
]

SETTING = "setting"
UNNAMED = "(service not named)"


@dataclass(frozen=True, slots=True)
class Filters:
    """Which submissions to compare; an empty set means 'any'."""

    areas: frozenset[str] = frozenset()
    settings: frozenset[str] = frozenset()
    versions: frozenset[str] = frozenset()

    def accepts(self, assessment: Assessment) -> bool:
        return (
            (not self.areas or _area(assessment) in self.areas)
            and (not self.settings or assessment.service.profile.get(SETTING, "") in self.settings)
            and (not self.versions or assessment.bank.version in self.versions)
        )


def filter_options(assessments: Iterable[Assessment]) -> dict[str, list[str]]:
    """The areas, settings (profile option ids) and bank versions present, for filter widgets."""
    listed = list(assessments)
    return {
        "areas": sorted({_area(a) for a in listed}),
        "settings": sorted({a.service.profile.get(SETTING, "") for a in listed} - {""}),
        "versions": sorted({a.bank.version for a in listed}, key=version_key),
    }


@dataclass(frozen=True, slots=True)
class ThemeColumn:
    id: str
    title: str


@dataclass(frozen=True, slots=True)
class ServiceRow:
    key: str
    label: str
    name: str
    organisation: str
    area: str
    setting: str
    bank_version: str
    assessed_on: date | None
    practice: bool
    overall: float | None
    completion: float
    answered: int
    applicable: int
    gaps: int
    safety_gaps: int
    theme_scores: tuple[float | None, ...]
    # 'Draft: n of m questions answered' below the completion threshold, else None.
    draft_label: str | None = None

    @property
    def is_draft(self) -> bool:
        return self.draft_label is not None


@dataclass(frozen=True, slots=True)
class CommonGap:
    question_id: str
    theme_id: str
    theme_title: str
    text: str
    services: int
    answered: int
    safety: bool
    safety_gaps: int
    to_check: int
    actions: tuple[SuggestedAction, ...]


@dataclass(frozen=True, slots=True)
class ThemeSpread:
    theme_id: str
    title: str
    services: int
    minimum: float | None
    lower_quartile: float | None
    median: float | None
    upper_quartile: float | None
    maximum: float | None


@dataclass(frozen=True, slots=True)
class PlanRow:
    key: str
    name: str
    planned: int
    in_progress: int
    done: int
    dropped: int
    overdue: int


@dataclass(frozen=True, slots=True)
class VersionNote:
    version: str
    services: int
    current: bool


@dataclass(frozen=True, slots=True)
class LeftOut:
    """A question left out of the comparison for the services that used one bank version."""

    question_id: str
    bank_version: str
    services: int
    reason: str


@dataclass(frozen=True, slots=True)
class ServiceDetail:
    row: ServiceRow
    assessment: Assessment
    result: ScoreResult
    overdue: tuple[PlannedAction, ...]


@dataclass(frozen=True, slots=True)
class Headline:
    services: int
    median_overall: float | None
    median_completion: float | None
    with_safety_gap: int
    overdue_actions: int


@dataclass(frozen=True)
class Comparison:
    bank_id: str
    bank_version: str
    anonymised: bool
    themes: tuple[ThemeColumn, ...]
    rows: tuple[ServiceRow, ...]
    practice_apart: tuple[ServiceRow, ...]
    drafts_apart: tuple[ServiceRow, ...]
    common_gaps: tuple[CommonGap, ...]
    spread: tuple[ThemeSpread, ...]
    plans: tuple[PlanRow, ...]
    versions: tuple[VersionNote, ...]
    left_out: tuple[LeftOut, ...]
    headline: Headline
    details: Mapping[str, ServiceDetail] = field(repr=False)
    # The bank's words for each question, its theme's title and its place, so tables show questions, not ids.
    question_texts: Mapping[str, str] = field(default_factory=dict, repr=False)
    question_themes: Mapping[str, str] = field(default_factory=dict, repr=False)
    question_order: Mapping[str, int] = field(default_factory=dict, repr=False)

    def detail(self, key: str) -> ServiceDetail | None:
        return self.details.get(key)


def anonymous_label(index: int) -> str:
    """0 -> 'Service A', 25 -> 'Service Z', 26 -> 'Service AA', like spreadsheet columns."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return f"Service {letters}"


def compare_assessments(
    bank: QuestionBank,
    assessments: Iterable[Assessment | Submission],
    *,
    today: date,
    include_practice: bool = False,
    include_drafts: bool = True,
    anonymise: bool = False,
    filters: Filters | None = None,
) -> Comparison:
    """Compare assessments against the current bank.

    Anonymous labels are given before `filters` apply, so a service keeps its
    label whichever filter is chosen. Practice files, and drafts (completion
    under DRAFT_THRESHOLD) unless `include_drafts`, are listed apart and left
    out of every figure; the page and the command leave drafts out unless asked.
    """
    keyed = _keyed(assessments)
    labels = {digest: anonymous_label(i) for i, digest in enumerate(sorted(keyed, key=_label_order))}
    chosen = {d: a for d, a in keyed.items() if filters is None or filters.accepts(a)}
    scorer = _Scorer(bank)
    details = {d[:16]: scorer.detail(d[:16], labels[d], a, anonymise=anonymise, today=today) for d, a in chosen.items()}
    ordered = sorted(details.values(), key=lambda s: _row_order(s.row, anonymise))
    apart = [s.row for s in ordered if s.row.practice and not include_practice]
    drafts = [
        s.row
        for s in ordered
        if s.row.is_draft and not include_drafts and not (s.row.practice and not include_practice)
    ]
    left = {r.key for r in (*apart, *drafts)}
    counted = [s for s in ordered if s.row.key not in left]
    return Comparison(
        bank_id=bank.id,
        bank_version=bank.version,
        anonymised=anonymise,
        themes=tuple(ThemeColumn(t.id, t.title) for t in bank.themes),
        rows=tuple(s.row for s in counted),
        practice_apart=tuple(apart),
        drafts_apart=tuple(drafts),
        common_gaps=_common_gaps(bank, scorer, counted),
        spread=_spread(bank, counted),
        plans=tuple(_plan_row(s, today) for s in counted),
        versions=_versions(bank, counted),
        left_out=_left_out(bank, scorer, counted),
        headline=_headline(counted),
        details=details,
        question_texts={q.id: q.text for _, q in bank.questions()},
        question_themes={q.id: t.title for t, q in bank.questions()},
        question_order=scorer.order,
    )


def _keyed(assessments: Iterable[Assessment | Submission]) -> dict[str, Assessment]:
    keyed: dict[str, Assessment] = {}
    for item in assessments:
        if isinstance(item, Submission):
            keyed[item.digest] = item.assessment
        else:
            keyed[canonical_digest(item)] = item
    return keyed


def _label_order(digest: str) -> str:
    # A second hash so labels follow neither names nor anything a reader of the files could sort by.
    return hashlib.sha256(f"label:{digest}".encode()).hexdigest()


def _row_order(row: ServiceRow, anonymise: bool) -> tuple[object, ...]:
    label_rank = (len(row.label), row.label)
    return label_rank if anonymise else (row.name.casefold(), row.organisation.casefold(), *label_rank)


class _Scorer:
    """Scores each assessment on the questions comparable for its bank version."""

    def __init__(self, bank: QuestionBank) -> None:
        self.bank = bank
        self.order = {q.id: i for i, (_, q) in enumerate(bank.questions())}
        # Found once for every row, not searched for again in each.
        self.setting = bank.profile_question(SETTING)
        self._banks: dict[str, tuple[QuestionBank, dict[str, Question]]] = {}
        self._scorers: dict[str, BankScorer] = {}
        self._added: dict[str, dict[str, Question]] = {}
        self._ids: dict[str, set[str]] = {}

    def changed_after(self, version: str) -> dict[str, Question]:
        """Questions whose meaning changed after `version`: answers to them are not comparable."""
        return self._for_version(version)[1]

    def added_after(self, version: str) -> dict[str, Question]:
        """Questions added after `version`: a service using it was never asked them."""
        if version not in self._added:
            older = version_key(version)
            self._added[version] = {
                q.id: q for _, q in self.bank.questions() if q.added_in and version_key(q.added_in) > older
            }
        return self._added[version]

    def _for_version(self, version: str) -> tuple[QuestionBank, dict[str, Question]]:
        if version not in self._banks:
            older = version_key(version)
            changed = {
                q.id: q
                for _, q in self.bank.questions()
                if q.changed_in and version_key(q.changed_in) > older and q.id not in self.added_after(version)
            }
            # New questions are left out too, so an older assessment's completion is not lowered by them.
            removed = set(changed) | set(self.added_after(version))
            self._banks[version] = (_without(self.bank, removed), changed)
            self._scorers[version] = BankScorer(self._banks[version][0])
            self._ids[version] = set(self.order) - removed
        return self._banks[version]

    def detail(self, key: str, label: str, a: Assessment, *, anonymise: bool, today: date) -> ServiceDetail:
        self._for_version(a.bank.version)
        # score_assessment's own rules, with what the bank decides worked out once (tests/unit/test_scoring_fast.py).
        result = self._scorers[a.bank.version].score(a)
        return ServiceDetail(
            row=_row(self.setting, key, label, a, result, anonymise),
            assessment=a,
            result=result,
            overdue=tuple(x for x in a.actions if _is_overdue(x, today)),
        )

    def answered_ids(self, detail: ServiceDetail) -> set[str]:
        """Questions this service answered with a scored answer, among those compared."""
        result = detail.result
        compared = self._ids[detail.assessment.bank.version]
        left = {x.question_id for x in (*result.excluded_by_profile, *result.not_applicable)}
        return compared - left - set(result.unanswered)


def _without(bank: QuestionBank, removed: set[str]) -> QuestionBank:
    if not removed:
        return bank
    # model_copy skips validation on purpose: a theme may be left with no comparable question.
    themes = tuple(
        t.model_copy(update={"questions": tuple(q for q in t.questions if q.id not in removed)}) for t in bank.themes
    )
    return bank.model_copy(update={"themes": themes})


def _row(
    question: ProfileQuestion | None, key: str, label: str, a: Assessment, result: ScoreResult, anonymise: bool
) -> ServiceRow:
    setting = a.service.profile.get(SETTING, "")
    return ServiceRow(
        key=key,
        label=label,
        name=label if anonymise else (a.service.name.strip() or UNNAMED),
        organisation="" if anonymise else a.service.organisation.strip(),
        area=_area(a),
        setting=question.label_of(setting) if question and setting else setting,
        bank_version=a.bank.version,
        assessed_on=a.assessed_on,
        practice=a.practice,
        overall=result.overall,
        completion=result.completion,
        answered=result.answered,
        applicable=result.applicable,
        gaps=len(result.gaps),
        safety_gaps=sum(1 for g in result.gaps if g.safety),
        theme_scores=tuple(t.score for t in result.themes),
        draft_label=result.draft_label,
    )


def _common_gaps(bank: QuestionBank, scorer: _Scorer, counted: Sequence[ServiceDetail]) -> tuple[CommonGap, ...]:
    services: Counter[str] = Counter()
    to_check: Counter[str] = Counter()
    answered: Counter[str] = Counter()
    for s in counted:
        services.update(g.question_id for g in s.result.gaps)
        to_check.update(g.question_id for g in s.result.gaps if g.to_check)
        answered.update(scorer.answered_ids(s))
    gaps = []
    for theme, q in bank.questions():
        if services[q.id]:
            gaps.append(
                CommonGap(
                    question_id=q.id,
                    theme_id=theme.id,
                    theme_title=theme.title,
                    text=q.text,
                    services=services[q.id],
                    answered=answered[q.id],
                    safety=q.safety,
                    safety_gaps=services[q.id] if q.safety else 0,
                    to_check=to_check[q.id],
                    actions=q.actions,
                )
            )
    gaps.sort(key=lambda g: (-g.services, not g.safety, scorer.order[g.question_id]))
    return tuple(gaps)


def _spread(bank: QuestionBank, counted: Sequence[ServiceDetail]) -> tuple[ThemeSpread, ...]:
    spreads = []
    for i, theme in enumerate(bank.themes):
        scores = sorted(s for d in counted if (s := d.row.theme_scores[i]) is not None)
        spreads.append(
            ThemeSpread(
                theme_id=theme.id,
                title=theme.title,
                services=len(scores),
                minimum=scores[0] if scores else None,
                lower_quartile=_quantile(scores, 0.25),
                median=_quantile(scores, 0.5),
                upper_quartile=_quantile(scores, 0.75),
                maximum=scores[-1] if scores else None,
            )
        )
    return tuple(spreads)


def _quantile(ordered: Sequence[float], q: float) -> float | None:
    """Linear interpolation between the closest ranks (the spreadsheet QUARTILE.INC rule)."""
    if not ordered:
        return None
    position = (len(ordered) - 1) * q
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return round(ordered[low] + (ordered[high] - ordered[low]) * (position - low), 1)


def _is_overdue(action: PlannedAction, today: date) -> bool:
    # One rule for "overdue" across the product: the re-assessment review's.
    return action_outcome(action, today) is ActionOutcome.OVERDUE


def _plan_row(s: ServiceDetail, today: date) -> PlanRow:
    status = Counter(a.status for a in s.assessment.actions)
    return PlanRow(
        key=s.row.key,
        name=s.row.name,
        planned=status[ActionStatus.PLANNED],
        in_progress=status[ActionStatus.IN_PROGRESS],
        done=status[ActionStatus.DONE],
        dropped=status[ActionStatus.DROPPED],
        overdue=len(s.overdue),
    )


def _versions(bank: QuestionBank, counted: Sequence[ServiceDetail]) -> tuple[VersionNote, ...]:
    used = Counter(s.assessment.bank.version for s in counted)
    return tuple(VersionNote(v, used[v], v == bank.version) for v in sorted(used, key=version_key))


def _left_out(bank: QuestionBank, scorer: _Scorer, counted: Sequence[ServiceDetail]) -> tuple[LeftOut, ...]:
    known = set(scorer.order)
    retired = {r.id: r for r in bank.retired}
    reasons: Counter[tuple[str, str, str]] = Counter()
    for s in counted:
        version = s.assessment.bank.version
        for q in scorer.changed_after(version).values():
            reasons[(q.id, version, f"its meaning changed in version {q.changed_in}, after version {version}")] += 1
        for q in scorer.added_after(version).values():
            reasons[(q.id, version, f"added in version {q.added_in}, after version {version}")] += 1
        for qid in sorted(set(s.assessment.answers) - known):
            if qid in retired:
                why = f"retired in version {retired[qid].retired_in}: {retired[qid].reason}"
            else:
                why = f"not in the current question bank (version {bank.version})"
            reasons[(qid, version, why)] += 1
    return tuple(
        LeftOut(qid, version, n, why)
        for (qid, version, why), n in sorted(reasons.items(), key=lambda kv: (version_key(kv[0][1]), kv[0]))
    )


def _headline(counted: Sequence[ServiceDetail]) -> Headline:
    overall = sorted(o for s in counted if (o := s.row.overall) is not None)
    completion = sorted(s.row.completion for s in counted)
    median_completion = _quantile([100 * c for c in completion], 0.5)
    return Headline(
        services=len(counted),
        median_overall=_quantile(overall, 0.5),
        median_completion=None if median_completion is None else round(median_completion / 100, 3),
        with_safety_gap=sum(1 for s in counted if s.row.safety_gaps),
        overdue_actions=sum(len(s.overdue) for s in counted),
    )


def _area(assessment: Assessment) -> str:
    return " ".join(assessment.service.area.split())


def compare_intake(
    bank: QuestionBank,
    intake: Intake,
    *,
    today: date,
    include_practice: bool = False,
    include_drafts: bool = False,
    anonymise: bool = False,
    filters: Filters | None = None,
) -> Comparison:
    """The page's and the command's one call: compare what an intake kept, drafts left out unless asked."""
    return compare_assessments(
        bank,
        intake.submissions,
        today=today,
        include_practice=include_practice,
        include_drafts=include_drafts,
        anonymise=anonymise,
        filters=filters,
    )
