"""The action plan and re-assessment: pure functions over the Assessment model.

Actions live in `Assessment.actions`, so a plan is saved, exported and
attached to the PDF exactly as the answers are. Every score here comes from
`score_assessment`; a re-assessment's "before" figures are the scores of the
previous answers under the current profile, so both sides are like for like.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, ValidationError

from checklist.domain.assessment import (
    MAX_ACTIONS,
    ActionStatus,
    Assessment,
    PlannedAction,
    PreviousAssessment,
    bank_ref,
    has_visible_text,
    new_id,
)
from checklist.domain.bank import QuestionBank, SuggestedAction, changed_since
from checklist.domain.errors import ChecklistError
from checklist.domain.scoring import Gap, ScoreResult, score_assessment


class PlanError(ChecklistError):
    """A change to the plan that cannot be made, with the reason in words."""

    def __init__(self, problem: str) -> None:
        super().__init__("Action plan", [problem])


class _Unset(StrEnum):
    UNSET = "unset"


UNSET = _Unset.UNSET


def suggested_actions(bank: QuestionBank, gap: Gap) -> tuple[SuggestedAction, ...]:
    """The bank's suggested actions for a gap, in the bank's order."""
    question = bank.question(gap.question_id)
    return question.actions if question else ()


def add_action(
    assessment: Assessment,
    bank: QuestionBank,
    question_id: str,
    text: str,
    *,
    owner: str = "",
    due: date | None = None,
    status: ActionStatus = ActionStatus.PLANNED,
) -> Assessment:
    """The assessment with one more action for `question_id`."""
    if bank.question(question_id) is None:
        raise PlanError(f"there is no question '{question_id}' in the question bank")
    if len(assessment.actions) >= MAX_ACTIONS:
        raise PlanError(f"a plan may have at most {MAX_ACTIONS:,} actions; remove or merge some before adding more")
    if is_planned([a for a in assessment.actions if a.question_id == question_id], text):
        raise PlanError("this action is already planned for this question")
    action = _valid_action(
        {"question_id": question_id, "text": _required_text(text), "owner": owner.strip(), "due": due, "status": status}
    )
    return assessment.model_copy(update={"actions": [*assessment.actions, action]})


def is_planned(actions: Iterable[PlannedAction], text: str) -> bool:
    """Whether one of `actions` already says `text` (ignoring case and surrounding spaces)."""
    wanted = " ".join(text.split()).casefold()
    return any(" ".join(a.text.split()).casefold() == wanted for a in actions)


def update_action(
    assessment: Assessment,
    action_id: str,
    *,
    text: str | None = None,
    owner: str | None = None,
    due: date | _Unset | None = UNSET,
    status: ActionStatus | None = None,
) -> Assessment:
    """The assessment with one action changed; arguments left out keep their value."""
    changes: dict[str, object] = {}
    if text is not None:
        changes["text"] = _required_text(text)
    if owner is not None:
        changes["owner"] = owner.strip()
    if due is not UNSET:
        changes["due"] = due
    if status is not None:
        changes["status"] = status
    _find(assessment, action_id)
    actions = [_valid_action({**a.model_dump(), **changes}) if a.id == action_id else a for a in assessment.actions]
    return assessment.model_copy(update={"actions": actions})


def remove_action(assessment: Assessment, action_id: str) -> Assessment:
    _find(assessment, action_id)
    return assessment.model_copy(update={"actions": [a for a in assessment.actions if a.id != action_id]})


def plan_from_quick_wins(
    bank: QuestionBank, assessment: Assessment, result: ScoreResult, *, owner: str = "", due: date | None = None
) -> Assessment:
    """One action per quick win (the bank's first suggestion), skipping gaps that already have one."""
    planned = {a.question_id for a in assessment.actions}
    added = [
        PlannedAction(question_id=gap.question_id, text=actions[0].text, owner=owner.strip(), due=due)
        for gap in result.quick_wins
        if gap.question_id not in planned and (actions := suggested_actions(bank, gap))
    ]
    if len(assessment.actions) + len(added) > MAX_ACTIONS:
        raise PlanError(f"a plan may have at most {MAX_ACTIONS:,} actions; remove or merge some before adding more")
    return assessment.model_copy(update={"actions": [*assessment.actions, *added]})


def ordered_plan(bank: QuestionBank, assessment: Assessment, result: ScoreResult) -> tuple[PlannedAction, ...]:
    """Actions in the order of the gap ranking; actions for questions that are not gaps come last, in bank order."""
    rank = {gap.question_id: i for i, gap in enumerate(result.gaps)}
    bank_order = {q.id: i for i, (_, q) in enumerate(bank.questions())}
    unknown = len(bank_order)

    def key(pair: tuple[int, PlannedAction]) -> tuple[int, int, int, int]:
        entered, action = pair
        in_gaps = action.question_id in rank
        return (
            0 if in_gaps else 1,
            rank.get(action.question_id, 0),
            bank_order.get(action.question_id, unknown),
            entered,
        )

    return tuple(action for _, action in sorted(enumerate(assessment.actions), key=key))


def start_reassessment(bank: QuestionBank, previous: Assessment, *, prefill: bool, today: date) -> Assessment:
    """A new assessment of the same service, remembering the previous one for comparison.

    The profile, practice flag and assessor carry over; the answers start blank
    or copied (`prefill`); the previous plan's actions come along with their status.
    A copied answer to a question whose meaning has changed since, or that the bank
    no longer has, is left out: it answered a different question. The previous
    assessment keeps every answer.
    """
    stale = {q.id for q in changed_since(bank, previous.bank.version)} if previous.bank.id == bank.id else set()
    current = {q.id for _, q in bank.questions()}
    copied = {q: a for q, a in previous.answers.items() if q in current and q not in stale}
    return Assessment(
        id=new_id(),
        practice=previous.practice,
        bank=bank_ref(bank),
        service=previous.service,
        assessor=previous.assessor,
        assessed_on=today,
        answers=copied if prefill else {},
        actions=list(previous.actions),
        previous=PreviousAssessment(
            assessed_on=previous.assessed_on,
            bank=previous.bank,
            answers=dict(previous.answers),
            actions=list(previous.actions),
        ),
    )


class _Result(BaseModel):
    model_config = ConfigDict(frozen=True, defer_build=True)


class ScoreChange(_Result):
    """One score before and now; `change` is None when either side has no score."""

    label: str
    previous: float | None
    current: float | None

    @property
    def change(self) -> float | None:
        if self.previous is None or self.current is None:
            return None
        return round(self.current - self.previous, 1)


class ThemeChange(ScoreChange):
    theme_id: str


class ActionOutcome(StrEnum):
    DONE = "done"
    OVERDUE = "overdue"
    DROPPED = "dropped"
    OPEN = "open"


class ActionReview(_Result):
    action: PlannedAction
    outcome: ActionOutcome


class ReassessmentDelta(_Result):
    previous_assessed_on: date | None
    overall: ScoreChange
    themes: tuple[ThemeChange, ...]
    actions: tuple[ActionReview, ...]
    # Questions whose meaning changed in the bank since the previous
    # assessment: their old answers are left out of the "before" score.
    not_compared: tuple[str, ...]

    def with_outcome(self, outcome: ActionOutcome) -> tuple[ActionReview, ...]:
        return tuple(r for r in self.actions if r.outcome is outcome)


def compare_with_previous(bank: QuestionBank, assessment: Assessment, today: date) -> ReassessmentDelta | None:
    """What moved since the previous assessment, or None if this is not a re-assessment."""
    previous = assessment.previous
    if previous is None:
        return None
    not_compared = (
        tuple(q.id for q in changed_since(bank, previous.bank.version)) if previous.bank.id == bank.id else ()
    )
    before = score_assessment(
        bank,
        assessment.model_copy(
            update={"answers": {q: a for q, a in previous.answers.items() if q not in not_compared}, "previous": None}
        ),
    )
    now = score_assessment(bank, assessment)
    themes = tuple(
        ThemeChange(theme_id=old.theme_id, label=old.title, previous=old.score, current=new.score)
        for old, new in zip(before.themes, now.themes, strict=True)
    )
    return ReassessmentDelta(
        previous_assessed_on=previous.assessed_on,
        overall=ScoreChange(label="Overall", previous=before.overall, current=now.overall),
        themes=themes,
        actions=tuple(_review(a, assessment.actions, today) for a in previous.actions),
        not_compared=not_compared,
    )


def action_outcome(action: PlannedAction, today: date) -> ActionOutcome:
    if action.status is ActionStatus.DONE:
        return ActionOutcome.DONE
    if action.status is ActionStatus.DROPPED:
        return ActionOutcome.DROPPED
    if action.due is not None and action.due < today:
        return ActionOutcome.OVERDUE
    return ActionOutcome.OPEN


def _review(old: PlannedAction, current: Iterable[PlannedAction], today: date) -> ActionReview:
    # The carried-over copy may have been updated during the re-assessment; it wins.
    latest = next((a for a in current if a.id == old.id), old)
    return ActionReview(action=latest, outcome=action_outcome(latest, today))


def _find(assessment: Assessment, action_id: str) -> PlannedAction:
    found = next((a for a in assessment.actions if a.id == action_id), None)
    if found is None:
        raise PlanError(f"there is no action with id '{action_id}' in this plan (it may have been removed)")
    return found


def _valid_action(fields: dict[str, object]) -> PlannedAction:
    try:
        return PlannedAction.model_validate(fields)
    except ValidationError as exc:
        names = {"text": "the action", "owner": "the owner"}
        problems = [
            f"{names.get(str(e['loc'][0]), e['loc'][0])} "
            + ("is too long" if e["type"] == "string_too_long" else str(e["msg"]).lower())
            for e in exc.errors()
            if e["loc"]
        ]
        raise PlanError("; ".join(problems) or "the action is not valid") from None


def _required_text(text: str) -> str:
    if not has_visible_text(text):
        raise PlanError("an action needs some text saying what will be done")
    return text.strip()
