"""The workshop store on SQLite: survives a restart, and loses no answer when many save at once."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from checklist.domain.assessment import Answer, AnswerValue
from checklist.domain.workshop import create_workshop, join_workshop, with_participant_answer
from checklist.storage import StaleRevision, StoreUnavailable
from checklist.storage.workshops import WorkshopStore
from tests.builders import make_bank, question

BANK = make_bank({"alpha": [question("a1"), question("a2")]})


@pytest.fixture
def url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'checklist.sqlite3'}"


def test_workshop_is_found_by_id_and_by_join_code_after_a_restart(url: str) -> None:
    workshop = create_workshop(BANK, title="Team day")
    WorkshopStore(url).create(workshop)
    reopened = WorkshopStore(url)
    by_id, by_code = reopened.get(workshop.id), reopened.by_code(workshop.join_code)
    assert (by_id and by_id.workshop, by_code and by_code.workshop) == (workshop, workshop)


def test_unknown_join_code_finds_nothing(url: str) -> None:
    assert WorkshopStore(url).by_code("ZZZZZZ") is None


def test_join_code_already_in_use_is_replaced_by_a_fresh_one(url: str) -> None:
    store = WorkshopStore(url)
    store.create(create_workshop(BANK, join_code="ABCDEF"))
    second = store.create(create_workshop(BANK, join_code="ABCDEF"))
    assert second.workshop.join_code != "ABCDEF"


def test_saving_over_a_newer_revision_is_refused(url: str) -> None:
    store = WorkshopStore(url)
    stored = store.create(create_workshop(BANK))
    store.save(stored.workshop, expected_revision=1)
    with pytest.raises(StaleRevision):
        store.save(stored.workshop, expected_revision=1)


def test_many_participants_answering_at_once_lose_no_answer(url: str) -> None:
    store = WorkshopStore(url)
    workshop = create_workshop(BANK)
    people = []
    for _ in range(8):
        workshop, person = join_workshop(workshop)
        people.append(person.id)
    store.create(workshop)

    def answer(pid: str) -> None:
        for qid in ("a1", "a2"):
            store.update(
                workshop.id,
                lambda w, qid=qid: with_participant_answer(BANK, w, pid, qid, Answer(answer=AnswerValue.MET)),
            )

    with ThreadPoolExecutor(max_workers=8) as pool:
        list(pool.map(answer, people))
    saved = store.get(workshop.id)
    assert saved is not None
    assert sum(len(own) for own in saved.workshop.answers.values()) == 16


def test_unreachable_database_gives_a_plain_message(tmp_path: Path) -> None:
    store = WorkshopStore(f"sqlite:///{tmp_path / 'missing-folder' / 'db.sqlite3'}")
    with pytest.raises(StoreUnavailable, match="not reachable"):
        store.get("anything")
