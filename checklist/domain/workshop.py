"""Workshop mode: several people rate the same service on their own, then agree.

A workshop holds each participant's answers apart, so the facilitator can show
where the room disagrees without showing who answered what. The consensus the
group agrees becomes an ordinary assessment, always marked as practice.

Disagreement is measured as 1 − (share of the most common answer): the share of
the room that would have to change its answer to reach agreement. It reads as a
plain percentage to a room ("40% answered something else"), is 0 when everyone
agrees, and does not depend on how many answer options went unused, which
entropy would. Ties are broken by "opposite answers": a question where someone
said met and someone said not met comes before one split between met and partly.
"""

from __future__ import annotations

import secrets
from collections import Counter
from collections.abc import Iterable, Mapping
from datetime import UTC, date, datetime, timedelta
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from checklist.domain.assessment import (
    Answer,
    AnswerValue,
    Assessment,
    BankRef,
    Key,
    Name,
    Service,
    bank_ref,
    new_id,
)
from checklist.domain.bank import Question, QuestionBank, Theme, applicable
from checklist.domain.errors import ChecklistError
from checklist.domain.examples import EXAMPLES

# No 0/O or 1/I/L: a code read aloud or copied from a projector must not be misread.
JOIN_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
JOIN_CODE_LENGTH = 6
MAX_PARTICIPANTS = 200
ANONYMOUS = "Anonymous"
# Wrong join codes allowed per browser session and per address in WRONG_CODE_WINDOW; then even the
# right code is refused until the window has passed. A room of real people never comes near it;
# a script guessing the 31^6 codes is held to a few hundred guesses an hour.
WRONG_CODE_LIMIT = 10
WRONG_CODE_WINDOW = timedelta(minutes=1)
CLOSED = "the facilitator has closed this workshop; its join code no longer works"
JOINING_CLOSED = "the facilitator has closed joining: this workshop takes no new participants"
REMOVED = "the facilitator removed you from this workshop"

JoinCode = Annotated[str, StringConstraints(pattern=rf"^[{JOIN_ALPHABET}]{{{JOIN_CODE_LENGTH}}}$")]


class WorkshopError(ChecklistError):
    """A workshop request that cannot be carried out (unknown theme, full room...)."""


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class Participant(_Model):
    id: Key = Field(default_factory=new_id)
    # Empty means the participant chose to stay anonymous.
    name: Name = ""
    joined_at: datetime | None = None

    @property
    def shown_name(self) -> str:
        return self.name or ANONYMOUS


class Workshop(_Model):
    format: Literal["checklist.workshop"] = "checklist.workshop"
    format_version: Literal[1] = 1
    id: Key = Field(default_factory=new_id)
    join_code: JoinCode
    title: Name = ""
    bank: BankRef
    theme_ids: tuple[Key, ...]
    service: Service = Field(default_factory=Service)
    example_id: Key | None = None
    participants: dict[Key, Participant] = Field(default_factory=dict)
    # participant id -> question id -> that participant's own answer
    answers: dict[Key, dict[Key, Answer]] = Field(default_factory=dict)
    consensus: dict[Key, Answer] = Field(default_factory=dict)
    consensus_assessment_id: Key | None = None
    created_at: datetime = Field(default_factory=lambda: datetime.now(UTC))
    joining_open: bool = True
    closed: bool = False
    # Participants the facilitator removed: their link then says so instead of offering to join again.
    removed: tuple[Key, ...] = ()

    def answers_of(self, participant_id: str) -> dict[str, Answer]:
        return dict(self.answers.get(participant_id, {}))


class QuestionSpread(_Model):
    """How the room answered one question; never says who gave which answer."""

    question_id: str
    theme_id: str
    counts: dict[AnswerValue, int]
    answered: int
    participants: int
    disagreement: float
    opposite_answers: bool


class ServiceScenario(_Model):
    """What the room needs to know about the service it rates, so nobody rates a name they know nothing of."""

    name: str
    description: str
    # (the profile question, the service's answer), in the bank's order
    facts: tuple[tuple[str, str], ...]


def service_scenario(bank: QuestionBank, workshop: Workshop) -> ServiceScenario | None:
    """The service being rated: the example's description and its profile in words; None for a blank profile."""
    example = next((e for e in EXAMPLES if e.id == workshop.example_id), None)
    profile = workshop.service.profile
    facts = tuple((p.text, p.label_of(profile[p.id])) for p in bank.profile if p.id in profile)
    if example is None and not facts:
        return None
    return ServiceScenario(
        name=workshop.service.name or (example.name if example else ""),
        description=example.description if example else "",
        facts=facts,
    )


def new_join_code() -> str:
    return "".join(secrets.choice(JOIN_ALPHABET) for _ in range(JOIN_CODE_LENGTH))


def normalise_join_code(text: str) -> str:
    """What a participant typed, as a code: case, spaces and dashes do not matter."""
    return "".join(c for c in text.upper() if c.isalnum())


def create_workshop(
    bank: QuestionBank,
    *,
    theme_ids: Iterable[str] | None = None,
    service: Service | None = None,
    title: str = "",
    example_id: str | None = None,
    join_code: str | None = None,
) -> Workshop:
    """A new workshop on the chosen themes (all of them when none are chosen)."""
    chosen = tuple(theme_ids or ())
    known = [t.id for t in bank.themes]
    unknown = [t for t in chosen if t not in known]
    if unknown:
        raise WorkshopError("workshop", [f"the question bank has no theme '{t}'" for t in unknown])
    # Bank order, whatever order they were ticked in, so every screen lists themes alike.
    ordered = tuple(t for t in known if t in chosen) if chosen else tuple(known)
    return Workshop(
        join_code=join_code or new_join_code(),
        title=title,
        bank=bank_ref(bank),
        theme_ids=ordered,
        service=service or Service(),
        example_id=example_id,
    )


def join_workshop(workshop: Workshop, name: str = "", *, limit: int = MAX_PARTICIPANTS) -> tuple[Workshop, Participant]:
    """Add a participant (an empty name means anonymous), if the workshop takes new ones."""
    if workshop.closed:
        raise WorkshopError("workshop", [CLOSED])
    if not workshop.joining_open:
        raise WorkshopError("workshop", [JOINING_CLOSED])
    if len(workshop.participants) >= limit:
        raise WorkshopError("workshop", [f"this workshop is full ({limit} participants)"])
    participant = Participant(name=name.strip()[:500], joined_at=datetime.now(UTC))
    participants = {**workshop.participants, participant.id: participant}
    return workshop.model_copy(update={"participants": participants}), participant


def remove_participant(workshop: Workshop, participant_id: str) -> Workshop:
    """Take a participant and their answers out of the room; their link then says they were removed."""
    participants = {pid: p for pid, p in workshop.participants.items() if pid != participant_id}
    answers = {pid: own for pid, own in workshop.answers.items() if pid != participant_id}
    removed = workshop.removed if participant_id in workshop.removed else (*workshop.removed, participant_id)
    return workshop.model_copy(update={"participants": participants, "answers": answers, "removed": removed})


def remove_silent_participants(workshop: Workshop) -> Workshop:
    """Remove everyone who has joined but answered nothing (a script filling the room, people who left)."""
    for pid in [pid for pid in workshop.participants if not workshop.answers.get(pid)]:
        workshop = remove_participant(workshop, pid)
    return workshop


def too_many_wrong_codes(wrong_codes: int, limit: int = WRONG_CODE_LIMIT) -> bool:
    """Whether wrong codes from one session or address in the last window mean: refuse every code for now."""
    return wrong_codes >= limit


def workshop_questions(bank: QuestionBank, workshop: Workshop) -> list[tuple[Theme, Question]]:
    """The questions the room answers: chosen themes, and only those the service's profile keeps."""
    chosen = set(workshop.theme_ids)
    applies = applicable(bank, workshop.service.profile)
    return [(t, q) for t, q in bank.questions() if t.id in chosen and q.id in applies]


def with_participant_answer(
    bank: QuestionBank, workshop: Workshop, participant_id: str, question_id: str, answer: Answer | None
) -> Workshop:
    """Record (or clear, with None) one participant's answer to one workshop question."""
    if workshop.closed:
        raise WorkshopError("workshop", [CLOSED])
    if participant_id in workshop.removed:
        raise WorkshopError("workshop", [REMOVED])
    if participant_id not in workshop.participants:
        raise WorkshopError("workshop", ["this participant has not joined the workshop; join again with the code"])
    _require_workshop_question(bank, workshop, question_id)
    own = workshop.answers_of(participant_id)
    if answer is None:
        own.pop(question_id, None)
    else:
        own[question_id] = answer
    return workshop.model_copy(update={"answers": {**workshop.answers, participant_id: own}})


def with_consensus(bank: QuestionBank, workshop: Workshop, question_id: str, answer: Answer | None) -> Workshop:
    """Record (or clear) the answer the group agreed for one question."""
    _require_workshop_question(bank, workshop, question_id)
    consensus = dict(workshop.consensus)
    if answer is None:
        consensus.pop(question_id, None)
    else:
        consensus[question_id] = answer
    return workshop.model_copy(update={"consensus": consensus})


def _require_workshop_question(bank: QuestionBank, workshop: Workshop, question_id: str) -> None:
    if question_id not in {q.id for _, q in workshop_questions(bank, workshop)}:
        raise WorkshopError("workshop", [f"the question '{question_id}' is not part of this workshop"])


def question_spread(theme_id: str, question_id: str, given: Iterable[AnswerValue], participants: int) -> QuestionSpread:
    counted = Counter(given)
    counts = {value: counted.get(value, 0) for value in AnswerValue}
    answered = sum(counts.values())
    top = max(counts.values())
    return QuestionSpread(
        question_id=question_id,
        theme_id=theme_id,
        counts=counts,
        answered=answered,
        participants=participants,
        disagreement=round(1 - top / answered, 3) if answered else 0.0,
        opposite_answers=bool(counts[AnswerValue.MET] and counts[AnswerValue.NOT_MET]),
    )


def answer_spread(bank: QuestionBank, workshop: Workshop) -> list[QuestionSpread]:
    """Every workshop question's spread of answers, the most disagreed first (then bank order)."""
    spreads = [
        question_spread(theme.id, question.id, _answers_to(workshop, question.id), len(workshop.participants))
        for theme, question in workshop_questions(bank, workshop)
    ]
    order = {s.question_id: i for i, s in enumerate(spreads)}
    return sorted(spreads, key=lambda s: (-s.disagreement, not s.opposite_answers, order[s.question_id]))


def progress(bank: QuestionBank, workshop: Workshop) -> list[QuestionSpread]:
    """Every workshop question in bank order, with how many have answered it so far."""
    order = {q.id: i for i, (_, q) in enumerate(workshop_questions(bank, workshop))}
    return sorted(answer_spread(bank, workshop), key=lambda s: order[s.question_id])


def _answers_to(workshop: Workshop, question_id: str) -> list[AnswerValue]:
    # Only people still in the room count; answers are read per participant, never listed with names.
    return [
        own[question_id].answer
        for pid, own in workshop.answers.items()
        if pid in workshop.participants and question_id in own
    ]


def participant_progress(bank: QuestionBank, workshop: Workshop, participant_id: str) -> tuple[int, int]:
    """(answered, total) for one participant, so they know when they are done."""
    questions = {q.id for _, q in workshop_questions(bank, workshop)}
    own = workshop.answers.get(participant_id, {})
    return len(questions & own.keys()), len(questions)


def consensus_assessment(
    bank: QuestionBank,
    workshop: Workshop,
    consensus: Mapping[str, Answer] | None = None,
    *,
    assessed_on: date | None = None,
    existing: Assessment | None = None,
) -> Assessment:
    """The agreed answers as an ordinary assessment, marked as practice.

    Answers to questions outside the workshop are dropped: the workshop chose
    its themes, and the assessment must not claim more than the room discussed.
    Given the workshop's `existing` consensus assessment, the same assessment is
    brought up to date (same id, its action plan and notes kept, the agreed
    answers replacing the ones it had), so a workshop never has two.
    """
    agreed = workshop.consensus if consensus is None else consensus
    in_workshop = {q.id for _, q in workshop_questions(bank, workshop)}
    answers = {qid: a for qid, a in agreed.items() if qid in in_workshop}
    if existing is not None:
        # The room's agreement wins on the questions it discussed; answers added later elsewhere stay.
        kept = {qid: a for qid, a in existing.answers.items() if qid not in in_workshop}
        return existing.model_copy(update={"answers": {**kept, **answers}, "practice": True})
    return Assessment(
        practice=True,
        bank=bank_ref(bank),
        service=workshop.service,
        assessed_on=assessed_on or date.today(),
        answers=answers,
        created_with=f"workshop {workshop.join_code}",
    )


def spread_records(bank: QuestionBank, workshop: Workshop) -> list[dict[str, str | int | float]]:
    """The spread as flat rows (most disagreed first) for CSV or JSON export, with the consensus beside it."""
    rows: list[dict[str, str | int | float]] = []
    for spread in answer_spread(bank, workshop):
        question = bank.question(spread.question_id)
        agreed = workshop.consensus.get(spread.question_id)
        rows.append(
            {
                "theme_id": spread.theme_id,
                "question_id": spread.question_id,
                "question": question.text if question else "",
                "participants": spread.participants,
                "answered": spread.answered,
                **{value.value: spread.counts[value] for value in AnswerValue},
                "disagreement": spread.disagreement,
                "consensus": agreed.answer.value if agreed else "",
            }
        )
    return rows
