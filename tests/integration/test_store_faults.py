"""The store when the database fails: PostgreSQL stopped and started again, SQLite writes failing, NUL in text.

Every PostgreSQL test here runs on a private server (tests/pg.py), because it stops it.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine, event, text

from checklist.domain.assessment import Answer, AnswerValue, Assessment, Service
from checklist.domain.loading import dump_assessment, load_assessment
from checklist.domain.workshop import create_workshop
from checklist.storage import AssessmentStore, StoreUnavailable
from checklist.storage.workshops import WorkshopStore
from tests.builders import make_assessment, make_bank
from tests.hostile import HOSTILE, hostile_assessment
from tests.pg import PrivatePostgres

BANK = make_bank()
MET = Answer(answer=AnswerValue.MET)


@pytest.fixture
def pg_store(private_postgres: PrivatePostgres) -> Iterator[AssessmentStore]:
    store = AssessmentStore(private_postgres.url)
    yield store
    store.dispose()


def answered_rows(url: str) -> int:
    engine = create_engine(url)
    with engine.connect() as conn:
        count: int = conn.execute(text("SELECT coalesce(sum(answered), 0) FROM assessments")).scalar_one()
    engine.dispose()
    return count


def test_a_save_while_postgres_is_stopped_says_the_database_is_not_reachable(
    pg_store: AssessmentStore, private_postgres: PrivatePostgres
) -> None:
    assessment = make_assessment(BANK)
    pg_store.create(assessment)
    private_postgres.stop()

    with pytest.raises(StoreUnavailable) as raised:
        pg_store.save(assessment.with_answer("a1", MET), expected_revision=1)

    assert raised.value.message.startswith("could not save: the database is not reachable")


def test_the_same_save_succeeds_once_postgres_is_back_and_nothing_is_lost(
    pg_store: AssessmentStore, private_postgres: PrivatePostgres
) -> None:
    assessment = make_assessment(BANK, {"a1": "met"})
    pg_store.create(assessment)
    waiting = assessment.with_answer("a2", Answer(answer=AnswerValue.PARTLY, note="Draft policy"))
    private_postgres.stop()
    with pytest.raises(StoreUnavailable):
        pg_store.save(waiting, expected_revision=1)
    private_postgres.start()

    pg_store.save(waiting, expected_revision=1)

    stored = pg_store.get(assessment.id)
    assert stored is not None
    assert (stored.assessment, stored.revision) == (waiting, 2)
    assert answered_rows(private_postgres.url) == 2


def test_reading_while_postgres_is_stopped_says_the_database_is_not_reachable(
    pg_store: AssessmentStore, private_postgres: PrivatePostgres
) -> None:
    assessment = make_assessment(BANK)
    pg_store.create(assessment)
    private_postgres.stop()

    with pytest.raises(StoreUnavailable) as raised:
        pg_store.get(assessment.id)

    assert "not reachable" in raised.value.message


def test_a_nul_typed_into_every_text_field_is_dropped_and_the_assessment_saves_in_postgres(
    pg_store: AssessmentStore,
) -> None:
    assessment = hostile_assessment(BANK, "before\x00after")

    pg_store.create(assessment)

    stored = pg_store.get(assessment.id)
    assert stored is not None
    assert (stored.assessment.service.name, stored.assessment.answers["a2"].note) == ("beforeafter", "beforeafter")


def test_a_file_with_nul_in_its_text_loads_without_the_nul_and_saves_in_postgres(pg_store: AssessmentStore) -> None:
    clean = dump_assessment(make_assessment(BANK, service=Service(name="HarbourHouse")), tool_version="t")
    file = clean.replace(b'"HarbourHouse"', b'"Harbour\\u0000House"')
    assert file != clean

    loaded = load_assessment(file, "nul.json", BANK).assessment
    pg_store.create(loaded)

    stored = pg_store.get(loaded.id)
    assert stored is not None
    assert stored.assessment.service.name == "HarbourHouse"


def test_hostile_text_other_than_nul_is_kept_byte_for_byte_in_postgres(pg_store: AssessmentStore) -> None:
    written = {name: hostile_assessment(BANK, hostile) for name, hostile in HOSTILE.items()}
    for assessment in written.values():
        pg_store.create(assessment)

    read = {name: pg_store.get(assessment.id) for name, assessment in written.items()}

    assert {name: stored.assessment if stored else None for name, stored in read.items()} == written


def test_a_link_with_a_nul_in_it_finds_no_assessment_rather_than_blaming_the_database(
    pg_store: AssessmentStore,
) -> None:
    assert pg_store.get("abc\x00def") is None


def test_a_workshop_link_or_join_code_with_a_nul_finds_nothing(private_postgres: PrivatePostgres) -> None:
    store = WorkshopStore(private_postgres.url)
    store.create(create_workshop(BANK, title="Team day"))

    assert (store.get("w\x00"), store.by_code("AB\x00CD")) == (None, None)
    store.dispose()


def fail_every_write(store: AssessmentStore) -> Any:
    """Make the store's SQLite connection fail every statement as a full or broken disk does."""

    def refuse(*_args: object) -> None:
        raise sqlite3.OperationalError("disk I/O error")

    event.listen(store._engine, "before_cursor_execute", refuse)
    return refuse


def test_a_failing_sqlite_write_is_reported_and_the_same_save_succeeds_afterwards(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'store.sqlite3'}"
    store = AssessmentStore(url)
    assessment: Assessment = make_assessment(BANK)
    store.create(assessment)
    waiting = assessment.with_answer("a1", MET)
    refuse = fail_every_write(store)
    with pytest.raises(StoreUnavailable) as raised:
        store.save(waiting, expected_revision=1)
    event.remove(store._engine, "before_cursor_execute", refuse)

    store.save(waiting, expected_revision=1)

    assert raised.value.message.startswith("could not save")
    assert answered_rows(url) == 1
