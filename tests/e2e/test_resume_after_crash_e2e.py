"""A server killed mid-assessment loses nothing: restarted on the same database, the link resumes everything."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import start_server, wait_for_text, wait_until_idle, write_small_bank
from tests.e2e.test_walkthrough_e2e import choose, question_box, start_new

pytestmark = pytest.mark.e2e


def test_after_a_sigkill_and_restart_the_resume_link_restores_everything(page: Page, tmp_path: Path) -> None:
    server = start_server(tmp_path, bank=write_small_bank(tmp_path))
    try:
        start_new(page, server)
        page.get_by_label("Service name").fill("Harbour House")
        page.get_by_label("Service name").press("Enter")
        page.get_by_text("No", exact=True).click()
        wait_for_text(page, "1 of 4 questions are left out")
        page.get_by_role("link", name="Next: the themes").click()
        choose(page, "a1", "Partly met", 1)
        note = question_box(page, "a1").get_by_label("Evidence or note (optional)")
        note.fill("Draft policy, March")
        note.press("Control+Enter")
        wait_until_idle(page)
        page.get_by_role("button", name="Next theme").click()
        wait_for_text(page, "Why beta matters")
        choose(page, "b1", "Met", 2)
        resume_link = page.url

        server.kill()
        server.start()
        page.goto(resume_link)
        wait_until_idle(page)

        wait_for_text(page, "Why beta matters")
        expect(question_box(page, "b1").get_by_role("radio", name="Met", exact=True)).to_be_checked()
        expect(page.locator('[data-testid="stSidebar"]').get_by_text("Harbour House", exact=True)).to_be_visible()
        page.get_by_role("button", name="Previous theme").click()
        wait_for_text(page, "Why alpha matters")
        expect(question_box(page, "a1").get_by_role("radio", name="Partly met")).to_be_checked()
        note = question_box(page, "a1").get_by_label("Evidence or note (optional)")
        expect(note).to_have_value("Draft policy, March")
        expect(page.locator(".st-key-question-a2")).to_have_count(0)  # still left out by the profile
    finally:
        server.stop()
