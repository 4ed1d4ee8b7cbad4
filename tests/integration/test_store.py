"""The assessment store against SQLite always, and PostgreSQL when CHECKLIST_TEST_POSTGRES_URL is set."""

from __future__ import annotations

import os
import socket
import uuid
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from checklist.domain.assessment import Answer, AnswerValue
from checklist.storage import AssessmentStore, StaleRevision, StoreUnavailable, database_url
from tests.builders import make_assessment, make_bank

POSTGRES_URL = os.environ.get("CHECKLIST_TEST_POSTGRES_URL")
NO_POSTGRES = (
    "no PostgreSQL server configured: set CHECKLIST_TEST_POSTGRES_URL "
    "(scripts/test.sh starts a throwaway server when PostgreSQL is installed)"
)


def _postgres_schema_url(base: str) -> Iterator[str]:
    """A fresh schema per test, so parallel workers never see each other's rows."""
    schema = f"t_{uuid.uuid4().hex[:12]}"
    admin = create_engine(base)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    joiner = "&" if "?" in base else "?"
    yield f"{base}{joiner}options=-csearch_path%3D{schema}"
    with admin.begin() as conn:
        conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
    admin.dispose()


@pytest.fixture(
    params=[
        "sqlite",
        pytest.param(
            "postgresql", marks=[pytest.mark.postgres, pytest.mark.skipif(not POSTGRES_URL, reason=NO_POSTGRES)]
        ),
    ]
)
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[AssessmentStore]:
    if request.param == "sqlite":
        store = AssessmentStore(f"sqlite:///{tmp_path / 'store.sqlite3'}")
        yield store
        store.dispose()
        return
    assert POSTGRES_URL
    for url in _postgres_schema_url(POSTGRES_URL):
        store = AssessmentStore(url)
        yield store
        store.dispose()


def test_a_created_assessment_comes_back_exactly(store: AssessmentStore) -> None:
    bank = make_bank()
    assessment = make_assessment(bank, {"a1": "met", "b1": "na"})
    store.create(assessment, ui_state={"theme": "beta"})

    stored = store.get(assessment.id)

    assert stored is not None
    assert (stored.assessment, stored.revision, stored.ui_state) == (assessment, 1, {"theme": "beta"})


def test_an_unknown_id_gives_none(store: AssessmentStore) -> None:
    assert store.get("no-such-assessment") is None


def test_a_save_raises_the_revision_and_keeps_the_change(store: AssessmentStore) -> None:
    bank = make_bank()
    assessment = make_assessment(bank)
    store.create(assessment)
    changed = assessment.with_answer("a1", Answer(answer=AnswerValue.PARTLY, note="Policy <b>draft</b> *v2*"))

    saved = store.save(changed, expected_revision=1, ui_state={"theme": "alpha"})
    stored = store.get(assessment.id)

    assert saved.revision == 2
    assert stored is not None
    assert (stored.assessment, stored.revision, stored.ui_state) == (changed, 2, {"theme": "alpha"})


def test_a_save_from_an_older_revision_is_refused(store: AssessmentStore) -> None:
    bank = make_bank()
    assessment = make_assessment(bank)
    store.create(assessment)
    store.save(assessment.with_answer("a1", Answer(answer=AnswerValue.MET)), expected_revision=1)

    with pytest.raises(StaleRevision) as raised:
        store.save(assessment.with_answer("a1", Answer(answer=AnswerValue.NOT_MET)), expected_revision=1)

    assert "another tab" in raised.value.message
    stored = store.get(assessment.id)
    assert stored is not None
    assert stored.assessment.answers["a1"].answer is AnswerValue.MET


def test_two_people_answering_different_questions_at_once_both_succeed(store: AssessmentStore) -> None:
    """Each saves from the same revision; the second is merged into the first, not refused."""
    bank = make_bank()
    opened = make_assessment(bank)
    store.create(opened)
    store.save(opened.with_answer("a1", Answer(answer=AnswerValue.MET)), expected_revision=1, base=opened)

    second = store.save(opened.with_answer("b1", Answer(answer=AnswerValue.NOT_MET)), expected_revision=1, base=opened)
    stored = store.get(opened.id)

    assert stored is not None
    assert (second.revision, {q: a.answer for q, a in stored.assessment.answers.items()}) == (
        3,
        {"a1": AnswerValue.MET, "b1": AnswerValue.NOT_MET},
    )
    assert second.assessment == stored.assessment


def test_two_people_changing_the_same_question_at_once_is_refused_for_the_second(store: AssessmentStore) -> None:
    bank = make_bank()
    opened = make_assessment(bank)
    store.create(opened)
    store.save(opened.with_answer("a1", Answer(answer=AnswerValue.MET)), expected_revision=1, base=opened)

    with pytest.raises(StaleRevision):
        store.save(opened.with_answer("a1", Answer(answer=AnswerValue.PARTLY)), expected_revision=1, base=opened)

    stored = store.get(opened.id)
    assert stored is not None
    assert stored.assessment.answers["a1"].answer is AnswerValue.MET


def test_twenty_people_answering_different_questions_of_one_assessment_all_succeed(store: AssessmentStore) -> None:
    bank = make_bank()
    opened = make_assessment(bank)
    store.create(opened)
    questions = [f"q{n}" for n in range(20)]  # answers need not be in the bank for the store

    def answer(question_id: str) -> int:
        return store.save(
            opened.with_answer(question_id, Answer(answer=AnswerValue.MET)), expected_revision=1, base=opened
        ).revision

    with ThreadPoolExecutor(max_workers=20) as pool:
        revisions = sorted(pool.map(answer, questions))

    stored = store.get(opened.id)
    assert stored is not None
    assert (sorted(stored.assessment.answers), revisions, stored.revision) == (
        sorted(questions),
        list(range(2, 22)),
        21,
    )


def test_the_list_shows_each_assessment_newest_first_with_its_answer_count(store: AssessmentStore) -> None:
    bank = make_bank()
    older = make_assessment(bank, {"a1": "met"})
    newer = make_assessment(bank, {"a1": "met", "a2": "partly"})
    store.create(older)
    store.create(newer)

    summaries = store.list_summaries()

    assert [(s.id, s.service_name, s.answered) for s in summaries] == [
        (newer.id, "Test service", 2),
        (older.id, "Test service", 1),
    ]


def test_twenty_sessions_saving_at_once_all_succeed(store: AssessmentStore) -> None:
    bank = make_bank()
    drafts = [make_assessment(bank) for _ in range(20)]
    for draft in drafts:
        store.create(draft)

    def answer_everything(index: int) -> int:
        draft = drafts[index]
        revision = 1
        for qid in ("a1", "a2", "b1"):
            draft = draft.with_answer(qid, Answer(answer=AnswerValue.MET))
            revision = store.save(draft, expected_revision=revision).revision
        return revision

    with ThreadPoolExecutor(max_workers=20) as pool:
        revisions = list(pool.map(answer_everything, range(20)))

    assert revisions == [4] * 20


def test_a_database_in_a_missing_folder_is_reported_as_unavailable(tmp_path: Path) -> None:
    store = AssessmentStore(f"sqlite:///{tmp_path / 'gone' / 'deeper' / 'store.sqlite3'}")

    with pytest.raises(StoreUnavailable) as raised:
        store.create(make_assessment(make_bank()))

    assert raised.value.message.startswith("could not save: the database is not reachable")


def test_a_postgres_server_that_is_not_running_is_reported_as_unavailable() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        closed_port = probe.getsockname()[1]
    store = AssessmentStore(f"postgresql+psycopg://nobody@127.0.0.1:{closed_port}/none")

    with pytest.raises(StoreUnavailable):
        store.save(make_assessment(make_bank()), expected_revision=1)


def test_the_default_database_is_a_sqlite_file_in_a_data_folder_it_creates(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("CHECKLIST_DATABASE_URL", raising=False)
    monkeypatch.setenv("CHECKLIST_DATA_DIR", str(tmp_path / "data"))

    url = database_url()

    assert url == f"sqlite:///{tmp_path / 'data' / 'checklist.sqlite3'}"
    assert (tmp_path / "data").is_dir()


def test_the_database_url_comes_from_the_environment_when_set(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CHECKLIST_DATABASE_URL", "postgresql+psycopg://team@db.example/checklist")

    assert database_url() == "postgresql+psycopg://team@db.example/checklist"
