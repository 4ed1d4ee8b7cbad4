"""A file the loader accepts works in the browser: here, two actions that shared one id."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import AppServer, assert_no_app_error, open_app, wait_for_text

pytestmark = pytest.mark.e2e

FILE = Path(__file__).parents[1] / "corpus" / "files" / "duplicate_action_id.json"


def test_a_file_with_two_actions_sharing_an_id_opens_and_each_action_can_be_removed(
    page: Page, app_server: AppServer
) -> None:
    open_app(page, app_server)
    page.locator('[data-testid="stFileUploader"] input[type=file]').set_input_files(str(FILE))
    wait_for_text(page, "each action now has its own id")
    page.get_by_role("link", name="Action plan").click()
    wait_for_text(page, "Actions for questions that are no longer gaps (2)")

    actions = page.get_by_role("textbox", name="Action")
    expect(actions).to_have_count(2)
    page.get_by_role("button", name="Remove this action").first.click()
    wait_for_text(page, "Actions for questions that are no longer gaps (1)")

    expect(actions).to_have_count(1)
    assert_no_app_error(page)
