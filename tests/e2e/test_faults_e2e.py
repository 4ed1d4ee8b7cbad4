"""The database goes away mid-assessment: the page says so, keeps the answer, and saves it once the database is back.

PostgreSQL is a private server of each test's own (tests/pg.py), since the test stops it. SQLite write errors
are made real by marking the database files immutable (chattr +i), which stops even root from writing.
"""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from playwright.sync_api import Page, expect

from checklist.domain.assessment import Assessment, Service
from checklist.domain.bank import parse_bank
from checklist.storage import AssessmentStore
from tests.builders import make_assessment
from tests.e2e.conftest import (
    AppServer,
    assert_accessible,
    assert_no_app_error,
    open_app,
    saved_assessment,
    screenshot,
    seed,
    start_server,
    wait_for_text,
    write_small_bank,
)
from tests.e2e.test_walkthrough_e2e import choose, question_box
from tests.pg import PrivatePostgres
from tests.ui.conftest import small_bank_document

pytestmark = pytest.mark.e2e

NOT_REACHABLE = "could not save: the database is not reachable"


def seeded(store: AssessmentStore) -> Assessment:
    """An assessment of a service that runs groups, so every question of the small bank applies."""
    bank = parse_bank(yaml.safe_dump(small_bank_document()).encode(), "bank.yaml")
    return seed(store, make_assessment(bank, service=Service(name="Harbour House", profile={"groups": "yes"})))


@pytest.fixture
def pg_server(private_postgres: PrivatePostgres, tmp_path: Path) -> Iterator[AppServer]:
    server = start_server(
        tmp_path, bank=write_small_bank(tmp_path), env={"CHECKLIST_DATABASE_URL": private_postgres.url}
    )
    yield server
    server.stop()


def saved_answers(url: str, assessment_id: str) -> dict[str, str]:
    answers = saved_assessment(AssessmentStore(url), assessment_id).answers
    return {qid: answer.answer.value for qid, answer in answers.items()}


def answer_while_the_database_is_down(page: Page) -> None:
    """Answer a2 and check the page says it was not saved, while still showing it."""
    question_box(page, "a2").get_by_text("Partly met", exact=True).click()
    wait_for_text(page, NOT_REACHABLE)
    expect(question_box(page, "a2").get_by_role("radio", name="Partly met")).to_be_checked()
    expect(question_box(page, "a2").get_by_text("Not saved: Question a2? — Partly met")).to_be_visible()
    assert_no_app_error(page)


def test_an_answer_given_while_postgres_is_stopped_stays_on_screen_and_is_saved_by_try_again(
    page: Page, pg_server: AppServer, private_postgres: PrivatePostgres
) -> None:
    assessment = seeded(AssessmentStore(private_postgres.url))
    open_app(page, pg_server, "themes", a=assessment.id)
    choose(page, "a1", "Met", 1)

    private_postgres.stop()
    answer_while_the_database_is_down(page)
    screenshot(page, "themes-database-down")
    assert_accessible(page)
    private_postgres.start()
    page.get_by_role("button", name="Try saving again").first.click()

    expect(page.get_by_text(NOT_REACHABLE)).to_have_count(0)
    assert saved_answers(private_postgres.url, assessment.id) == {"a1": "met", "a2": "partly"}


def test_after_postgres_is_back_the_next_change_saves_the_waiting_answer_too(
    page: Page, pg_server: AppServer, private_postgres: PrivatePostgres
) -> None:
    assessment = seeded(AssessmentStore(private_postgres.url))
    open_app(page, pg_server, "themes", a=assessment.id)
    choose(page, "a1", "Met", 1)
    private_postgres.stop()
    answer_while_the_database_is_down(page)
    private_postgres.start()

    question_box(page, "a1").get_by_text("Not met", exact=True).click()

    expect(page.get_by_text(NOT_REACHABLE)).to_have_count(0)
    assert saved_answers(private_postgres.url, assessment.id) == {"a1": "not_met", "a2": "partly"}


def set_immutable(folder: Path, on: bool) -> None:
    # Not the -shm file: SQLite maps it into memory, and a write fault there kills the process (SIGBUS).
    files = [str(p) for p in folder.iterdir() if not p.name.endswith("-shm")]
    subprocess.run(["chattr", "+i" if on else "-i", *files], check=True, capture_output=True)


def test_an_answer_given_while_sqlite_cannot_write_stays_on_screen_and_is_saved_by_try_again(
    page: Page, tmp_path: Path
) -> None:
    server = start_server(tmp_path, bank=write_small_bank(tmp_path))
    data = Path(server.env["CHECKLIST_DATA_DIR"])
    url = f"sqlite:///{data / 'checklist.sqlite3'}"
    try:
        assessment = seeded(server.store())
        open_app(page, server, "themes", a=assessment.id)
        choose(page, "a1", "Met", 1)
        try:
            set_immutable(data, on=True)
        except (OSError, subprocess.CalledProcessError):
            pytest.skip("making the SQLite file unwritable needs chattr +i, so root on ext4 or similar")
        try:
            answer_while_the_database_is_down(page)
        finally:
            set_immutable(data, on=False)
        page.get_by_role("button", name="Try saving again").first.click()

        expect(page.get_by_text(NOT_REACHABLE)).to_have_count(0)
        assert saved_answers(url, assessment.id) == {"a1": "met", "a2": "partly"}
    finally:
        server.stop()
