"""Fictional example services, for trying the tool and for workshops.

Answers are derived from each question's id by a fixed rule, not listed by
hand, so the examples stay valid whenever the bank gains, loses or renames a
question: the same bank always gives the same example. A few answers are
written by hand for questions whose id contains a given part (a service with
a midwife link says "met" to any question with "midwife" in its id); when the
bank drops such a question, the hand-written answer is simply not used.
Everything made here is marked as practice and labelled fictional.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date, timedelta

from checklist.domain.assessment import (
    ActionStatus,
    Answer,
    AnswerValue,
    Assessment,
    Assessor,
    PlannedAction,
    Service,
    bank_ref,
    new_id,
)
from checklist.domain.bank import Question, QuestionBank, applicable
from checklist.domain.errors import ChecklistError
from checklist.domain.scoring import score_assessment
from checklist.domain.survey import MIN_THRESHOLD, SurveyCounts, SurveySummary

ORGANISATION = "Example — fictional"
AREA = "Eastshire (fictional area)"

M, P, N, U, X = (AnswerValue.MET, AnswerValue.PARTLY, AnswerValue.NOT_MET, AnswerValue.UNKNOWN, AnswerValue.NA)


@dataclass(frozen=True)
class TopicAnswer:
    """A hand-written answer for any question whose id contains `id_part`.

    For a not-applicable answer the note is its reason: an example only says
    "not applicable" where the reason fits the question.
    """

    id_part: str
    answer: AnswerValue
    note: str


@dataclass(frozen=True)
class ExampleService:
    id: str
    name: str
    description: str
    profile: dict[str, str]
    assessor: str
    assessed_on: date
    # Chance of each answer; the rest of the 1.0 is left unanswered (a draft in progress).
    tendency: dict[AnswerValue, float]
    owners: tuple[str, ...]
    statuses: tuple[ActionStatus, ...]
    topics: tuple[TopicAnswer, ...] = field(default=())


NOTES: dict[AnswerValue, tuple[str, ...]] = {
    M: (
        "Written into our operating procedure and checked at the last audit.",
        "Reviewed with the women's lead at the quarterly quality meeting.",
        "Women told us in last year's feedback survey that this works for them.",
    ),
    P: (
        "Done at the main site, but not yet at the satellite clinics.",
        "Happens when the right worker is on shift; not yet written down.",
        "Agreed in principle; staff training is booked for next quarter.",
    ),
    N: (
        "Not in place. Raised at the team meeting; no owner yet.",
        "We had this before the recommissioning but lost it with the budget cut.",
    ),
    U: (
        "Nobody in the room knew; to check with the data team.",
        "Depends on the partner agency; we need to ask them.",
    ),
}

EXAMPLES: tuple[ExampleService, ...] = (
    ExampleService(
        id="city-hub",
        name="Riverside Women's Hub (fictional)",
        description="A large city-centre community hub with groups, prescribing and a women-only afternoon.",
        profile={"setting": "community", "groups": "yes", "prescribing": "yes", "parents": "yes", "premises": "yes"},
        assessor="Jo Rivers (fictional), service manager",
        assessed_on=date(2025, 3, 14),
        tendency={M: 0.5, P: 0.25, N: 0.12, U: 0.08},
        owners=("Jo Rivers (service manager)", "Amira Khan (women's lead)", "Team leader, groups"),
        statuses=(ActionStatus.IN_PROGRESS, ActionStatus.PLANNED, ActionStatus.DONE, ActionStatus.PLANNED),
        topics=(
            TopicAnswer("childcare", P, "A crèche runs on Tuesday mornings only; other days women bring children in."),
            TopicAnswer("women-only-sessions", M, "Women-only afternoon every Thursday, female staff only."),
            TopicAnswer(
                "clinic-times",
                X,
                "Needle exchange and blood-borne virus testing are run by the city's sexual health service; "
                "we refer women there.",
            ),
            TopicAnswer(
                "contraception", P, "The sexual health nurse comes monthly; other weeks we refer to the clinic."
            ),
            TopicAnswer("access-policy", U, "Not sure our women-only group rules were ever checked against the law."),
        ),
    ),
    ExampleService(
        id="rural-outreach",
        name="Fenland Outreach Service (fictional)",
        description="A small rural service that mostly meets women at home, in GP surgeries and village halls.",
        profile={"setting": "outreach", "groups": "no", "prescribing": "no", "parents": "yes", "premises": "no"},
        assessor="Sam Hale (fictional), team leader",
        assessed_on=date(2025, 5, 2),
        tendency={M: 0.3, P: 0.3, N: 0.2, U: 0.12},
        owners=("Sam Hale (team leader)", "Outreach worker, north patch", "Commissioning lead (county)"),
        statuses=(ActionStatus.PLANNED, ActionStatus.PLANNED, ActionStatus.IN_PROGRESS, ActionStatus.DROPPED),
        topics=(
            TopicAnswer("out-of-hours", N, "No bus after 4pm in most villages, so evening times go unused."),
            TopicAnswer("remote", M, "Phone and video appointments for everyone; most reviews are by phone."),
            TopicAnswer("meeting-place", M, "Women choose where we meet: home, the GP surgery or the village hall."),
            TopicAnswer("peer-support", X, "We run no groups; peer mentors work with women one to one instead."),
            TopicAnswer("digital-safety", P, "We ask who else uses her phone; we have no spare phones to lend."),
        ),
    ),
    ExampleService(
        id="residential-rehab",
        name="Hollybank House (fictional)",
        description="A 20-bed residential rehabilitation unit with a women-only wing of six beds.",
        profile={"setting": "residential", "groups": "yes", "prescribing": "yes", "parents": "no", "premises": "yes"},
        assessor="Dr Lena Ortiz (fictional), clinical lead",
        assessed_on=date(2025, 1, 20),
        tendency={M: 0.45, P: 0.2, N: 0.2, U: 0.05},
        owners=("Dr Lena Ortiz (clinical lead)", "House manager", "Family worker"),
        statuses=(ActionStatus.DONE, ActionStatus.IN_PROGRESS, ActionStatus.PLANNED, ActionStatus.PLANNED),
        topics=(
            TopicAnswer("childcare", N, "Children cannot stay; we are talking to a family unit in the next county."),
            TopicAnswer("residential-space", M, "Six women-only beds with their own lounge and bathrooms."),
            TopicAnswer("school-hours", X, "Residents live on site; sessions are part of the daily timetable."),
            TopicAnswer("pharmacy", X, "Medication is given on site by our nurses; residents do not collect it."),
            TopicAnswer(
                "testing-examinations", M, "Urine tests are unobserved unless the resident agrees; chaperones offered."
            ),
        ),
    ),
    ExampleService(
        id="midwife-link",
        name="Northgate Recovery Service (fictional)",
        description=(
            "A mid-sized community service with a named specialist substance-use midwife link; "
            "prescribing is done by the NHS partner."
        ),
        profile={"setting": "community", "groups": "yes", "prescribing": "no", "parents": "yes", "premises": "yes"},
        assessor="Chris Osei (fictional), deputy manager",
        assessed_on=date(2025, 6, 9),
        tendency={
            M: 0.38,
            P: 0.3,
            N: 0.15,
            U: 0.07,
        },
        owners=("Chris Osei (deputy manager)", "Specialist midwife (hospital trust)", "Safeguarding lead"),
        statuses=(ActionStatus.IN_PROGRESS, ActionStatus.PLANNED, ActionStatus.PLANNED, ActionStatus.DONE),
        topics=(
            TopicAnswer("midwife", M, "A named specialist midwife runs a joint clinic here every other Wednesday."),
            TopicAnswer("pregnancy-priority", M, "Pregnant women are seen within 48 hours, then at the joint clinic."),
            TopicAnswer("rehab-route", X, "Referrals to residential rehab are made by our NHS prescribing partner."),
            TopicAnswer(
                "young-women", P, "Joint meetings happen when the young people's worker has time; no protocol yet."
            ),
        ),
    ),
)


def example_ids() -> tuple[str, ...]:
    return tuple(e.id for e in EXAMPLES)


def example_service(example_id: str) -> ExampleService:
    for example in EXAMPLES:
        if example.id == example_id:
            return example
    choices = ", ".join(example_ids())
    raise ChecklistError("example", [f"there is no example called '{example_id}'; try one of {choices}"])


def example_profile(bank: QuestionBank, example: ExampleService) -> dict[str, str]:
    """The example's profile, keeping only what this bank asks, so loading it gives no warnings."""
    options = {p.id: {o.id for o in p.options} for p in bank.profile}
    return {k: v for k, v in example.profile.items() if v in options.get(k, ())}


def example_base_service(bank: QuestionBank, example: ExampleService) -> Service:
    return Service(name=example.name, organisation=ORGANISATION, area=AREA, profile=example_profile(bank, example))


def example_assessment(bank: QuestionBank, example_id: str, *, assessment_id: str | None = None) -> Assessment:
    """A complete fictional assessment (answers, notes, plan) against `bank`, marked as practice."""
    example = example_service(example_id)
    service = example_base_service(bank, example)
    applies = applicable(bank, service.profile)
    answers = {
        question.id: answer
        for _, question in bank.questions()
        if question.id in applies and (answer := _answer(example, question)) is not None
    }
    name, _, role = example.assessor.partition(", ")
    assessment = Assessment(
        id=assessment_id or new_id(),
        practice=True,
        bank=bank_ref(bank),
        service=service,
        assessor=Assessor(name=name, role=role),
        assessed_on=example.assessed_on,
        answers=answers,
        created_with="checklist example",
    )
    return assessment.model_copy(
        update={"actions": _plan(bank, example, assessment), "survey": _survey(bank, example, assessment)}
    )


def _survey(bank: QuestionBank, example: ExampleService, assessment: Assessment) -> SurveySummary | None:
    """Made-up survey counts, marked practice: mostly in line with the example's answers, a few not.

    Where the service says met, about one question in five gets mostly "no" from the women, so a
    workshop has a "women's experience differs" gap to talk about; a few questions stay under the threshold.
    """
    if bank.survey is None:
        return None
    shown: list[SurveyCounts] = []
    hidden: list[str] = []
    for question in bank.survey.questions:
        base = 3 + int(_unit(example.id, question.id, "women") * 16)
        if base < MIN_THRESHOLD:
            hidden.append(question.id)
            continue
        claimed = [assessment.answers[c].answer for c in question.checks if c in assessment.answers]
        good = 0.85 if M in claimed else 0.5 if P in claimed else 0.25
        if M in claimed and _unit(example.id, question.id, "differs") < 0.2:
            good = 0.15
        yes = round(base * good)
        partly = round((base - yes) / 3)
        shown.append(SurveyCounts(question_id=question.id, yes=yes, partly=partly, no=base - yes - partly))
    return SurveySummary(
        survey_version=bank.survey.version,
        responses=max((c.base for c in shown), default=0) + 2,
        questions=tuple(shown),
        hidden=tuple(hidden),
        practice=True,
    )


def _unit(*parts: str) -> float:
    """A fixed number in [0, 1) for these words: the same bank always gives the same example."""
    digest = hashlib.sha256(":".join(parts).encode()).digest()
    return int.from_bytes(digest[:8], "big") / 2**64


def _answer(example: ExampleService, question: Question) -> Answer | None:
    for topic in example.topics:
        if topic.id_part in question.id:
            if topic.answer is X:
                return Answer(answer=X, na_reason=topic.note)
            return Answer(answer=topic.answer, note=topic.note)
    roll = _unit(example.id, question.id)
    for value, chance in example.tendency.items():
        if roll < chance:
            return _with_note(example, question, value)
        roll -= chance
    return None


def _with_note(example: ExampleService, question: Question, value: AnswerValue) -> Answer:
    notes = NOTES[value]
    # Roughly half the answers carry a note, as in a real assessment.
    if _unit(example.id, question.id, "note") >= 0.5:
        return Answer(answer=value)
    return Answer(answer=value, note=notes[int(_unit(example.id, question.id, "which") * len(notes))])


def _plan(bank: QuestionBank, example: ExampleService, assessment: Assessment) -> list[PlannedAction]:
    """One action for each of the most important gaps, with owners, dates and mixed progress."""
    gaps = score_assessment(bank, assessment).gaps[:6]
    actions = []
    for i, gap in enumerate(gaps):
        question = bank.question(gap.question_id)
        if question is None:
            continue
        actions.append(
            PlannedAction(
                id=f"{example.id}-{i + 1}",
                question_id=gap.question_id,
                text=question.actions[0].text,
                owner=example.owners[i % len(example.owners)],
                due=example.assessed_on + timedelta(days=45 * (i + 1)),
                status=example.statuses[i % len(example.statuses)],
            )
        )
    return actions
