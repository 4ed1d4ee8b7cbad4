"""The trainer's workshop in a real browser: a screen that cannot be lost, a live discussion card, a projector view."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from checklist.domain.assessment import Answer, AnswerValue
from checklist.domain.bank import QuestionBank, parse_bank
from checklist.domain.workshop import Workshop, create_workshop, join_workshop, with_consensus, with_participant_answer
from checklist.storage.workshops import WorkshopStore
from tests.e2e.conftest import AppServer, open_app, wait_for_text, wait_until_idle
from tests.ui.conftest import small_bank_document

pytestmark = pytest.mark.e2e


def small_bank() -> QuestionBank:
    import yaml

    return parse_bank(yaml.safe_dump(small_bank_document()).encode(), "bank.yaml")


def workshop_store(server: AppServer) -> WorkshopStore:
    data = Path(server.env["CHECKLIST_DATA_DIR"])
    data.mkdir(parents=True, exist_ok=True)
    return WorkshopStore(f"sqlite:///{data / 'checklist.sqlite3'}")


def seeded_workshop(server: AppServer, title: str) -> Workshop:
    bank = small_bank()
    workshop, person = join_workshop(create_workshop(bank, title=title))
    workshop = with_participant_answer(bank, workshop, person.id, "a1", Answer(answer=AnswerValue.MET))
    workshop = with_consensus(bank, workshop, "a1", Answer(answer=AnswerValue.MET))
    store = workshop_store(server)
    store.create(workshop)
    store.dispose()
    return workshop


def test_the_consensus_assessment_opens_in_a_new_tab_and_the_facilitator_screen_stays(
    page: Page, app_server: AppServer
) -> None:
    workshop = seeded_workshop(app_server, "Back button day")
    open_app(page, app_server, "workshop", w=workshop.id)
    page.get_by_role("button", name="Create the consensus assessment").click()
    wait_for_text(page, "Open the consensus assessment")
    with page.context.expect_page() as opened:
        page.get_by_text("Open the consensus assessment").click()
    consensus = opened.value
    wait_for_text(consensus, "Not answered yet")

    expect(page.get_by_text("Workshop: Back button day")).to_be_visible()
    expect(page.get_by_text(workshop.join_code).first).to_be_visible()


def test_the_menu_leads_back_to_the_running_workshop(page: Page, app_server: AppServer) -> None:
    workshop = seeded_workshop(app_server, "Menu day")
    open_app(page, app_server, "workshop", w=workshop.id)
    page.locator('[data-testid="stSidebar"]').get_by_text("Start").click()
    wait_for_text(page, "Start a new assessment")
    page.locator('[data-testid="stSidebar"]').get_by_text("Run a workshop").click()
    page.get_by_text("Back to Menu day").click()
    expect(page.get_by_text("Workshop: Menu day")).to_be_visible()
    wait_until_idle(page)
