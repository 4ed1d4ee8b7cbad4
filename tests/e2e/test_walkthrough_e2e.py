"""A person answers the checklist in a real browser: mouse, keyboard, refresh, bad upload, literal text."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import AppServer, assert_no_app_error, open_app, wait_for_text, wait_until_idle

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
