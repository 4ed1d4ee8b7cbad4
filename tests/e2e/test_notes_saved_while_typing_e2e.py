"""A note or reason being typed is saved without Ctrl+Enter or leaving the box."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import AppServer, open_app, saved_assessment, wait_for_text, wait_until_idle
from tests.e2e.test_walkthrough_e2e import choose, question_box, start_new
from tests.waiting import until_in_page

pytestmark = pytest.mark.e2e


def note_of(server: AppServer, assessment_id: str, question_id: str) -> Callable[[], str | None]:
    def read() -> str | None:
        answer = saved_assessment(server.store(), assessment_id).answers.get(question_id)
        return answer.note if answer else None

    return read


def test_a_note_typed_without_leaving_the_box_is_saved_and_survives_a_refresh(
    page: Page, app_server: AppServer
) -> None:
    assessment_id = start_new(page, app_server)
    open_app(page, app_server, "themes", a=assessment_id)
    choose(page, "a1", "Partly met", 1)
    note = question_box(page, "a1").get_by_label("Evidence or note (optional)")

    note.press_sequentially("Asked at first contact")  # no Tab, no Ctrl+Enter: the cursor stays in the box

    read = note_of(app_server, assessment_id, "a1")
    until_in_page(page, lambda: read() == "Asked at first contact", "the note to be saved while the box has focus")
    assert page.evaluate("document.activeElement.tagName") == "TEXTAREA"
    page.reload()
    wait_until_idle(page)
    expect(question_box(page, "a1").get_by_label("Evidence or note (optional)")).to_have_value("Asked at first contact")


def test_a_not_applicable_reason_typed_without_leaving_the_box_is_saved(page: Page, app_server: AppServer) -> None:
    assessment_id = start_new(page, app_server)
    open_app(page, app_server, "themes", a=assessment_id)
    question_box(page, "a1").get_by_text("Not applicable", exact=True).click()
    wait_until_idle(page)
    reason = question_box(page, "a1").get_by_label("Why does this not apply to your service?")

    reason.press_sequentially("Residential only")

    wait_for_text(page, "Answered 1 of")
    stored = saved_assessment(app_server.store(), assessment_id).answers["a1"]
    assert stored.na_reason == "Residential only"


SIDEBAR = '[data-testid="stSidebar"]'


def type_a_note_and_leave(page: Page, server: AppServer, leave: Callable[[Page], None]) -> Callable[[], str | None]:
    """Answer a1, type its note and leave the page at once: well within the pause after typing."""
    assessment_id = start_new(page, server)
    open_app(page, server, "themes", a=assessment_id)
    choose(page, "a1", "Partly met", 1)
    note = question_box(page, "a1").get_by_label("Evidence or note (optional)")
    note.press_sequentially("Asked at first contact")
    leave(page)  # no waiting: the pause after typing has not passed
    return note_of(server, assessment_id, "a1")


def test_a_note_typed_just_before_a_sidebar_link_is_clicked_is_saved(page: Page, app_server: AppServer) -> None:
    read = type_a_note_and_leave(
        page, app_server, lambda p: p.locator(SIDEBAR).get_by_role("link", name="Review", exact=True).click()
    )

    wait_for_text(page, "Not answered yet")
    until_in_page(page, lambda: read() == "Asked at first contact", "the note to be saved")


def test_a_note_typed_just_before_next_theme_is_clicked_is_saved(page: Page, app_server: AppServer) -> None:
    read = type_a_note_and_leave(page, app_server, lambda p: p.get_by_role("button", name="Next theme").click())

    wait_for_text(page, "Why beta matters")
    until_in_page(page, lambda: read() == "Asked at first contact", "the note to be saved")
    page.get_by_role("button", name="Previous theme").click()
    wait_for_text(page, "Why alpha matters")
    expect(question_box(page, "a1").get_by_label("Evidence or note (optional)")).to_have_value("Asked at first contact")


def test_a_note_typed_just_before_the_theme_picker_is_used_is_saved(page: Page, app_server: AppServer) -> None:
    def pick_beta(p: Page) -> None:
        p.get_by_role("combobox").first.click()
        p.get_by_role("option", name="2. Beta").click()

    read = type_a_note_and_leave(page, app_server, pick_beta)

    wait_for_text(page, "Why beta matters")
    until_in_page(page, lambda: read() == "Asked at first contact", "the note to be saved")


def test_a_note_typed_just_before_a_keyboard_page_change_is_saved(page: Page, app_server: AppServer) -> None:
    def review_by_keyboard(p: Page) -> None:
        p.locator(SIDEBAR).get_by_role("link", name="Review", exact=True).focus()
        p.keyboard.press("Enter")

    read = type_a_note_and_leave(page, app_server, review_by_keyboard)

    wait_for_text(page, "Not answered yet")
    until_in_page(page, lambda: read() == "Asked at first contact", "the note to be saved")


def test_a_service_name_typed_just_before_a_link_on_the_page_is_clicked_is_saved(
    page: Page, app_server: AppServer
) -> None:
    assessment_id = start_new(page, app_server)
    page.get_by_label("Service name").press_sequentially("Riverside Recovery")

    page.get_by_role("link", name="Next: the themes").click()  # no waiting, no Enter, no Tab

    wait_for_text(page, "Answered 0 of")
    until_in_page(
        page,
        lambda: saved_assessment(app_server.store(), assessment_id).service.name == "Riverside Recovery",
        "the service name to be saved",
    )
