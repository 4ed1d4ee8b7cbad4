"""A person answers the checklist in a real browser: mouse, keyboard, refresh, bad upload, literal text."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import AppServer, assert_no_app_error, fill_and_send, open_app, wait_for_text, wait_until_idle

pytestmark = pytest.mark.e2e


def start_new(page: Page, server: AppServer) -> str:
    """Start a new assessment from the Start page; returns its id (from the URL)."""
    open_app(page, server)
    page.get_by_role("button", name="Start a new assessment").click()
    page.wait_for_url("**/profile?a=*")
    wait_for_text(page, "Service profile")
    return page.url.split("a=")[1].split("&")[0]


def question_box(page: Page, question_id: str):  # type: ignore[no-untyped-def]
    return page.locator(f".st-key-question-{question_id}")


def choose(page: Page, question_id: str, label: str, answered: int) -> None:
    question_box(page, question_id).get_by_text(label, exact=True).click()
    wait_for_text(page, f"Answered {answered} of")


def test_a_person_completes_a_small_assessment_with_the_mouse(page: Page, app_server: AppServer) -> None:
    start_new(page, app_server)
    page.get_by_label("Service name").fill("Riverside Recovery")
    page.get_by_label("Service name").press("Enter")
    page.get_by_text("Yes", exact=True).click()
    wait_until_idle(page)
    page.get_by_role("link", name="Next: the themes").click()
    wait_for_text(page, "Answered 0 of 4")

    choose(page, "a1", "Met", 1)
    choose(page, "a2", "Partly met", 2)
    page.get_by_role("button", name="Next theme").click()
    wait_for_text(page, "Why beta matters")
    choose(page, "b1", "Don't know", 3)
    choose(page, "b2", "Not met", 4)
    page.get_by_role("button", name="Review your answers").click()

    wait_for_text(page, "Not answered yet (0)")
    expect(page.get_by_text("Don't know (1)")).to_be_visible()
    expect(page.get_by_text("Completion: 100%")).to_be_visible()
    assert_no_app_error(page)


def test_a_theme_can_be_answered_with_the_keyboard_only(page: Page, app_server: AppServer) -> None:
    assessment_id = start_new(page, app_server)
    open_app(page, app_server, "themes", a=assessment_id)
    first_option = question_box(page, "a1").get_by_role("radio").first
    first_option.focus()

    page.keyboard.press("Space")  # picks "Met" on the first question
    wait_for_text(page, "Answered 1 of")
    question_box(page, "a2").get_by_role("radio").first.focus()
    page.keyboard.press("ArrowRight")  # arrows move within the group and select: "Partly met"
    wait_for_text(page, "Answered 2 of")

    expect(question_box(page, "a1").get_by_role("radio", name="Met", exact=True)).to_be_checked()
    expect(question_box(page, "a2").get_by_role("radio", name="Partly met")).to_be_checked()


def test_tab_reaches_every_answer_in_a_theme(page: Page, app_server: AppServer) -> None:
    assessment_id = start_new(page, app_server)
    open_app(page, app_server, "themes", a=assessment_id)
    page.get_by_role("combobox").first.focus()  # the theme picker, just above the questions

    reached = []
    for _ in range(40):
        page.keyboard.press("Tab")
        reached.append(page.evaluate("document.activeElement.closest('[class*=st-key-question-]')?.className ?? ''"))

    assert any("st-key-question-a1" in r for r in reached)
    assert any("st-key-question-a2" in r for r in reached)


def test_refreshing_mid_theme_keeps_every_answer_and_the_theme(page: Page, app_server: AppServer) -> None:
    assessment_id = start_new(page, app_server)
    open_app(page, app_server, "themes", a=assessment_id)
    page.get_by_role("button", name="Next theme").click()
    wait_for_text(page, "Why beta matters")
    choose(page, "b1", "Partly met", 1)
    question_box(page, "b2").get_by_text("Not applicable", exact=True).click()
    reason = page.get_by_label("Why does this not apply to your service?")
    reason.fill("We only run a residential unit")
    reason.press("Control+Enter")
    wait_for_text(page, "Answered 2 of")

    page.reload()
    wait_until_idle(page)

    wait_for_text(page, "Why beta matters")
    expect(question_box(page, "b1").get_by_role("radio", name="Partly met")).to_be_checked()
    expect(question_box(page, "b2").get_by_role("radio", name="Not applicable")).to_be_checked()
    reason = page.get_by_label("Why does this not apply to your service?")
    expect(reason).to_have_value("We only run a residential unit")


def test_a_bad_upload_shows_a_clear_message_and_the_app_carries_on(
    page: Page, app_server: AppServer, tmp_path: Path
) -> None:
    bad = tmp_path / "minutes.json"
    bad.write_text('{"meeting": "notes", "format": "something else"}')
    open_app(page, app_server)

    page.locator('[data-testid="stFileUploader"] input[type=file]').set_input_files(str(bad))

    wait_for_text(page, "This file cannot be used.")
    expect(page.get_by_text("this is not an assessment file", exact=False)).to_be_visible()
    page.get_by_role("button", name="Start a new assessment").click()
    page.wait_for_url("**/profile?a=*")
    assert_no_app_error(page)


def test_text_a_user_typed_is_shown_exactly_as_typed(page: Page, app_server: AppServer) -> None:
    typed = "**Hub** <b>bold</b> :red[x] $y$ [link](http://example.org)"
    start_new(page, app_server)
    fill_and_send(page, page.get_by_label("Service name"), typed)

    expect(page.locator('[data-testid="stSidebar"]').get_by_text(typed, exact=True)).to_be_visible()
    assert page.locator('[data-testid="stSidebar"] b, [data-testid="stSidebar"] a[href^="http://example"]').count() == 0
