"""A workshop in real browsers: one facilitator and three participants, each in their own browser context."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from playwright.sync_api import Browser, BrowserContext, Page

from checklist.domain.assessment import Answer, AnswerValue
from checklist.domain.bank import QuestionBank, parse_bank
from checklist.domain.workshop import answer_spread
from checklist.storage import AssessmentStore
from checklist.storage.workshops import WorkshopStore
from tests.e2e.conftest import (
    LAPTOP,
    PHONE,
    AppServer,
    RouteGuard,
    assert_no_app_error,
    is_loopback,
    open_app,
    screenshot,
    wait_for_text,
    wait_until_idle,
)
from tests.ui.conftest import small_bank_document

pytestmark = pytest.mark.e2e

# name (empty = anonymous), answer to a1, answer to b1
PARTICIPANTS = [("Priya", "Met", "Partly met"), ("Sam", "Met", "Partly met"), ("", "Not met", "Partly met")]


@pytest.fixture
def contexts(browser: Browser, guard: RouteGuard) -> Iterator[list[BrowserContext]]:
    """Four separate browsers' worth of cookies and storage: the facilitator's, then three participants' (phones)."""
    made = []
    for viewport in (LAPTOP, PHONE, PHONE, PHONE):
        context = browser.new_context(viewport=viewport)
        context.set_default_timeout(20_000)
        context.route(lambda url: not is_loopback(url), guard.block)
        made.append(context)
    yield made
    for context in made:
        context.close()
    assert guard.blocked == []


def answer(page: Page, question_id: str, label: str) -> None:
    page.locator(f".st-key-wp-question-{question_id}").get_by_text(label, exact=True).click()
    wait_until_idle(page)


def join(page: Page, server: AppServer, code: str, name: str) -> None:
    open_app(page, server, "join", join=code)
    if name:
        page.get_by_label("Your name (optional: leave it empty to stay anonymous)").fill(name)
    page.get_by_role("button", name="Join").click()
    wait_for_text(page, "You have answered 0 of 4 questions")


def database(server: AppServer) -> str:
    return f"sqlite:///{Path(server.env['CHECKLIST_DATA_DIR']) / 'checklist.sqlite3'}"


def test_three_participants_answer_and_the_room_agrees(contexts: list[BrowserContext], app_server: AppServer) -> None:
    facilitator = contexts[0].new_page()
    open_app(facilitator, app_server, "workshop")
    facilitator.get_by_label("Workshop name (optional, shown to participants)").fill("Team day")
    facilitator.get_by_role("button", name="Create the workshop").click()
    wait_for_text(facilitator, "Join code")
    link = facilitator.locator('[data-testid="stCode"]').first.inner_text()
    code = re.search(r"join=([A-Z0-9]{6})", link)
    assert code is not None
    workshop_id = re.search(r"[?&]w=([^&]+)", facilitator.url)
    assert workshop_id is not None

    for context, (name, a1, b1) in zip(contexts[1:], PARTICIPANTS, strict=True):
        participant = context.new_page()
        join(participant, app_server, code.group(1), name)
        answer(participant, "a1", a1)
        answer(participant, "b1", b1)
        wait_for_text(participant, "You have answered 2 of 4 questions")
        assert_no_app_error(participant)

    facilitator.get_by_role("button", name="Refresh now").click()
    wait_for_text(facilitator, "3 joined.")
    wait_for_text(facilitator, "3 of 3 answered. Disagreement: 33%. Met: 2; Partly met: 0; Not met: 1")
    assert "Priya" not in facilitator.locator('[data-testid="stMain"]').inner_text()
    screenshot(facilitator, "workshop-facilitator")

    facilitator.locator(".st-key-wf-consensus-a1").get_by_text("Partly met", exact=True).click()
    wait_until_idle(facilitator)
    facilitator.get_by_role("button", name="Create the consensus assessment").click()
    wait_for_text(facilitator, "Open the consensus assessment")
    assert_no_app_error(facilitator)

    workshops, assessments = WorkshopStore(database(app_server)), AssessmentStore(database(app_server))
    stored = workshops.get(workshop_id.group(1))
    assert stored is not None
    bank_spread = {
        s.question_id: {v.value: n for v, n in s.counts.items() if n}
        for s in answer_spread(_small_bank(), stored.workshop)
    }
    consensus = assessments.get(stored.workshop.consensus_assessment_id or "")
    assert consensus is not None
    assert (bank_spread["a1"], bank_spread["b1"], bank_spread["a2"]) == ({"met": 2, "not_met": 1}, {"partly": 3}, {})
    assert (consensus.assessment.practice, consensus.assessment.answers) == (
        True,
        {"a1": Answer(answer=AnswerValue.PARTLY)},
    )

    with facilitator.context.expect_page() as opened:
        facilitator.get_by_text("Open the consensus assessment").click()
    wait_for_text(opened.value, "Review")
    wait_for_text(opened.value, "Not answered yet (3)")


def _small_bank() -> QuestionBank:
    return parse_bank(yaml.safe_dump(small_bank_document()).encode(), "bank.yaml")
