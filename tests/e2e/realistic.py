"""Realistic content for browser tests, saved straight into a server's database (no clicking).

The fictional example services (checklist.domain.examples) give full assessments with notes and
plans; a re-assessment of one gives the "since last time" chart; a seeded workshop gives the
facilitator's and a participant's pages something to show; JSON files give the compare page a folder.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from checklist.domain.assessment import Answer, AnswerValue, Assessment, new_id
from checklist.domain.bank import QuestionBank, load_bank
from checklist.domain.examples import EXAMPLES, example_assessment, example_base_service, example_service
from checklist.domain.loading import dump_assessment
from checklist.domain.plan import start_reassessment
from checklist.domain.workshop import create_workshop, join_workshop, with_participant_answer, workshop_questions
from checklist.paths import default_bank_path
from checklist.storage.workshops import WorkshopStore
from tests.e2e.conftest import AppServer

ROOM = [AnswerValue.MET, AnswerValue.PARTLY, AnswerValue.NOT_MET, AnswerValue.MET, AnswerValue.UNKNOWN]


def server_bank(server: AppServer) -> QuestionBank:
    """The bank the server runs on: the one named in its environment, or the shipped bank."""
    named = server.env.get("CHECKLIST_BANK")
    return load_bank(named if named else default_bank_path())


def save(server: AppServer, assessment: Assessment) -> str:
    store = server.store()
    try:
        store.create(assessment)
    finally:
        store.dispose()
    return assessment.id


def seed_example(server: AppServer, example_id: str = "city-hub") -> str:
    """A finished example assessment (answers, notes, a plan) as the server's bank sees it."""
    return save(server, example_assessment(server_bank(server), example_id))


def seed_reassessment(server: AppServer, example_id: str = "city-hub") -> str:
    """A second assessment of an example service, a year on: most answers kept, a few better or worse."""
    bank = server_bank(server)
    previous = example_assessment(bank, example_id)
    again = start_reassessment(bank, previous, prefill=True, today=date(2026, 3, 14))
    changed = dict(again.answers)
    for number, question_id in enumerate(sorted(changed)):
        if number % 4 == 0:
            changed[question_id] = Answer(answer=AnswerValue.MET, note="Put right since the last assessment.")
        elif number % 9 == 0 and changed[question_id].answer is AnswerValue.MET:
            changed[question_id] = Answer(answer=AnswerValue.PARTLY, note="Slipped when the women's lead left.")
    return save(server, again.model_copy(update={"answers": changed}))


@dataclass(frozen=True)
class SeededWorkshop:
    workshop_id: str
    join_code: str
    participant_id: str  # the last to join: their answers are on the join page


def seed_workshop(server: AppServer, example_id: str = "city-hub", people: int = 5) -> SeededWorkshop:
    """A workshop on an example service with `people` participants who answered about two in three questions."""
    bank = server_bank(server)
    service = example_base_service(bank, example_service(example_id))
    workshop = create_workshop(bank, service=service, title="Team day, spring", example_id=example_id)
    questions = workshop_questions(bank, workshop)
    person_id = ""
    for person in range(people):
        workshop, joined = join_workshop(workshop, ["Priya", "Sam", "", "Dee", "Tom", ""][person % 6])
        person_id = joined.id
        for number, (_, question) in enumerate(questions):
            if (number + person) % 3 != 2:
                given = Answer(answer=ROOM[(number * 7 + person * 3) % len(ROOM)])
                workshop = with_participant_answer(bank, workshop, person_id, question.id, given)
    store = WorkshopStore(server.store().url)
    try:
        stored = store.create(workshop)
    finally:
        store.dispose()
    return SeededWorkshop(stored.workshop.id, stored.workshop.join_code, person_id)


def submissions(server: AppServer, folder: Path) -> list[Path]:
    """A commissioner's folder: every example service as a real (not practice) submission, one broken file."""
    bank = server_bank(server)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for example in EXAMPLES:
        made = example_assessment(bank, example.id).model_copy(
            update={"practice": False, "id": new_id(), "created_with": "checklist"}
        )
        path = folder / f"{example.id}.json"
        path.write_bytes(dump_assessment(made, tool_version="guide"))
        paths.append(path)
    broken = folder / "minutes-of-meeting.json"
    broken.write_text('{"meeting": "notes"}', encoding="utf-8")
    return [*paths, broken]
