"""The trainer's workshop in a real browser: a screen that cannot be lost, a live discussion card, a projector view."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from checklist.domain.assessment import Answer, AnswerValue
from checklist.domain.bank import QuestionBank, parse_bank
from checklist.domain.workshop import Workshop, create_workshop, join_workshop, with_consensus, with_participant_answer
from checklist.storage.workshops import WorkshopStore
from tests.e2e.conftest import AppServer, open_app, start_server, wait_for_text, wait_until_idle, write_small_bank
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


def test_the_back_button_returns_to_the_facilitator_screen_after_leaving_it(page: Page, app_server: AppServer) -> None:
    workshop = seeded_workshop(app_server, "Back day")
    open_app(page, app_server, "workshop", w=workshop.id)
    page.get_by_role("button", name="Create the consensus assessment").click()
    wait_for_text(page, "Open the consensus assessment")
    page.locator('[data-testid="stSidebar"]').get_by_text("Start").click()
    wait_for_text(page, "Start a new assessment")

    page.go_back()
    expect(page.locator('[data-testid="stMain"] h1').first).to_have_text("Workshop: Back day")
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


def another_answer(server: AppServer, workshop: Workshop, value: AnswerValue) -> None:
    """A participant joins and answers a1 from their own phone: written straight to the app's database."""
    bank = small_bank()

    def join_and_answer(latest: Workshop) -> Workshop:
        joined, person = join_workshop(latest)
        return with_participant_answer(bank, joined, person.id, "a1", Answer(answer=value))

    store = workshop_store(server)
    store.update(workshop.id, join_and_answer)
    store.dispose()


def test_the_discussion_card_follows_the_room_without_a_refresh(page: Page, app_server: AppServer) -> None:
    workshop = seeded_workshop(app_server, "Live day")
    open_app(page, app_server, "workshop", w=workshop.id)
    card = page.locator(".st-key-wf-card")
    expect(card.get_by_text("1 of 1 answered.")).to_be_visible()

    another_answer(app_server, workshop, AnswerValue.NOT_MET)
    expect(page.get_by_text("2 joined.")).to_be_visible(timeout=20_000)
    expect(card.get_by_text("2 of 2 answered. Disagreement: 50%")).to_be_visible()


def test_show_the_room_is_a_live_projector_view_with_a_way_back(page: Page, app_server: AppServer) -> None:
    workshop = seeded_workshop(app_server, "Projector day")
    open_app(page, app_server, "workshop", w=workshop.id)
    page.get_by_role("button", name="Show the room").click()
    room = page.locator(".st-key-wf-projector")
    expect(room.get_by_text("1 of 1 answered.")).to_be_visible()
    expect(page.locator('[data-testid="stSidebar"]')).to_be_hidden()
    expect(page.get_by_role("switch")).to_have_count(0)
    expect(page.get_by_role("combobox")).to_have_count(0)
    expect(page.get_by_role("radiogroup")).to_have_count(0)
    size = room.locator("h2").first.evaluate("e => parseFloat(getComputedStyle(e).fontSize)")
    assert size >= 40

    another_answer(app_server, workshop, AnswerValue.PARTLY)
    expect(room.get_by_text("2 of 2 answered. Disagreement: 50%")).to_be_visible(timeout=20_000)

    page.get_by_role("button", name="Back to the facilitator's screen").click()
    expect(page.get_by_text("Workshop: Projector day")).to_be_visible()
    expect(page.locator('[data-testid="stSidebar"]')).to_be_visible()


def test_a_loopback_join_link_says_phones_cannot_reach_it_and_shows_a_qr_code(
    page: Page, app_server: AppServer
) -> None:
    workshop = seeded_workshop(app_server, "Loopback day")
    open_app(page, app_server, "workshop", w=workshop.id)
    join = page.locator(".st-key-wf-join")
    expect(join.locator('[data-testid="stCode"]')).to_contain_text(
        f"http://127.0.0.1:{app_server.port}/join?join={workshop.join_code}"
    )
    expect(join.get_by_text("Phones in the room cannot open this link.")).to_be_visible()
    expect(join.get_by_text("make serve-room")).to_be_visible()
    expect(join.get_by_role("img")).to_have_count(1)


def test_a_configured_public_address_is_the_join_link_and_its_qr_code(page: Page, tmp_path: Path) -> None:
    server = start_server(
        tmp_path, bank=write_small_bank(tmp_path), env={"CHECKLIST_PUBLIC_URL": "http://192.0.2.10:8501"}
    )
    try:
        workshop = seeded_workshop(server, "Room network day")
        open_app(page, server, "workshop", w=workshop.id)
        join = page.locator(".st-key-wf-join")
        link = f"http://192.0.2.10:8501/join?join={workshop.join_code}"
        expect(join.locator('[data-testid="stCode"]')).to_contain_text(link)
        expect(join.get_by_role("img", name=f"QR code of {link}")).to_be_visible()
        expect(join.get_by_text("Phones in the room cannot open this link.")).to_have_count(0)
    finally:
        server.stop()
