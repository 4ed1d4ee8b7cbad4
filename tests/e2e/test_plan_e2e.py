"""The action plan in a real browser: what is typed into an action stays, and a new action stays in view."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import pytest
from playwright.sync_api import Locator, Page, expect

from checklist.domain.assessment import Assessment, PlannedAction, Service
from checklist.domain.bank import load_bank
from checklist.ui import plan_page
from tests.builders import make_assessment
from tests.e2e.conftest import (
    AppServer,
    assert_no_app_error,
    fill_and_send,
    open_app,
    saved_assessment,
    screenshot,
    seed,
    start_server,
    wait_until_idle,
    write_small_bank,
)
from tests.waiting import until_in_page

pytestmark = pytest.mark.e2e
HEADER_HEIGHT = 36  # the plan table's heading row, in pixels


@pytest.fixture
def own_server(tmp_path: Path) -> Iterator[AppServer]:
    """A server of this test's own, so that it can be restarted."""
    server = start_server(tmp_path, bank=write_small_bank(tmp_path))
    yield server
    server.stop()


def seeded(server: AppServer, *actions: PlannedAction) -> Assessment:
    bank = load_bank(Path(server.env["CHECKLIST_BANK"]))
    return seed(server.store(), make_assessment(bank, {"b1": "partly", "b2": "not_met"}, actions=list(actions)))


def gap_panel(page: Page, question_text: str) -> Locator:
    return page.locator('[data-testid="stExpander"]').filter(has_text=question_text)


def open_gap(page: Page, question_text: str) -> Locator:
    panel = gap_panel(page, question_text)
    panel.locator("summary").click()
    wait_until_idle(page)
    return panel


def owner_is(server: AppServer, assessment_id: str, owner: str) -> Callable[[], bool]:
    return lambda: [a.owner for a in saved_assessment(server.store(), assessment_id).actions] == [owner]


def test_an_owner_typed_into_an_action_survives_a_reload_a_page_change_and_a_restart(
    page: Page, own_server: AppServer
) -> None:
    assessment = seeded(own_server, PlannedAction(id="act1", question_id="b1", text="Fix b1."))
    open_app(page, own_server, "plan", a=assessment.id)
    owner = open_gap(page, "Question b1?").get_by_label("Owner")

    owner.fill("Aisha Khan")
    owner.press("Tab")
    until_in_page(page, owner_is(own_server, assessment.id, "Aisha Khan"), "the owner to be saved")

    page.reload()
    wait_until_idle(page)
    expect(open_gap(page, "Question b1?").get_by_label("Owner")).to_have_value("Aisha Khan")

    page.locator('[data-testid="stSidebar"]').get_by_role("link", name="Results").click()
    page.get_by_role("heading", name="Results").wait_for()
    page.locator('[data-testid="stSidebar"]').get_by_role("link", name="Action plan").click()
    page.get_by_role("heading", name="Action plan").wait_for()
    wait_until_idle(page)
    expect(open_gap(page, "Question b1?").get_by_label("Owner")).to_have_value("Aisha Khan")

    own_server.kill()
    own_server.start()
    open_app(page, own_server, "plan", a=assessment.id)
    expect(open_gap(page, "Question b1?").get_by_label("Owner")).to_have_value("Aisha Khan")
    assert_no_app_error(page)


def test_adding_a_suggestion_keeps_its_gap_open_with_the_new_action_ready(page: Page, app_server: AppServer) -> None:
    assessment = seeded(app_server)
    open_app(page, app_server, "plan", a=assessment.id)
    panel = open_gap(page, "Question b1?")

    panel.get_by_role("button", name="Add", exact=True).click()

    expect(gap_panel(page, "Question b1? (1 action)").get_by_label("Owner")).to_be_visible()
    expect(gap_panel(page, "Question b1?").get_by_role("button", name="Already planned")).to_be_disabled()
    expect(gap_panel(page, "Question b1?").get_by_role("group", name="Due")).to_be_visible()


def test_adding_an_own_action_keeps_its_gap_open_with_the_new_action_ready(page: Page, app_server: AppServer) -> None:
    assessment = seeded(app_server)
    open_app(page, app_server, "plan", a=assessment.id)
    panel = open_gap(page, "Question b2?")

    fill_and_send(page, panel.get_by_label("Or write your own action"), "Ask the women's group")
    panel.get_by_role("button", name="Add my action").click()

    expect(gap_panel(page, "Question b2? (1 action)").get_by_label("Owner")).to_be_visible()
    expect(gap_panel(page, "Question b2?").get_by_label("Action", exact=True)).to_have_value("Ask the women's group")


def test_an_unnamed_assessment_says_what_the_pdf_needs_and_links_to_the_profile(
    page: Page, app_server: AppServer
) -> None:
    bank = load_bank(Path(app_server.env["CHECKLIST_BANK"]))
    assessment = seed(app_server.store(), make_assessment(bank, {"b1": "partly"}, service=Service()))
    open_app(page, app_server, "plan", a=assessment.id)

    expect(
        page.get_by_text("the service profile needs the service name, the organisation and the date of the assessment.")
    ).to_be_visible()
    expect(page.get_by_role("button", name="Download the PDF action plan")).to_have_count(0)
    page.get_by_role("link", name="Fill them in on the Service profile").click()

    page.get_by_role("heading", name="Service profile").wait_for()
    expect(page.get_by_label("Service name")).to_be_visible()


def test_the_whole_plan_is_one_table_whose_owner_cells_save_when_changed(page: Page, app_server: AppServer) -> None:
    assessment = seeded(
        app_server,
        PlannedAction(id="late", question_id="b2", text="Open a women-only room.", owner="Sam", due=date(2020, 1, 31)),
        PlannedAction(id="soon", question_id="b1", text="Put up a poster.", owner=""),
    )
    open_app(page, app_server, "plan", a=assessment.id)
    table = page.locator('[data-testid="stDataFrame"]').first
    expect(page.get_by_role("heading", name="The whole plan (2 actions)")).to_be_visible()
    table.scroll_into_view_if_needed()
    expect(table).to_contain_text("Overdue")
    wait_until_idle(page)  # the page around the grid still streaming in can move it after it is measured
    table.scroll_into_view_if_needed()

    # Glide's grid is a canvas: the second row's owner cell is found by its place.
    box = table.bounding_box()
    assert box is not None
    owner_x = box["x"] + plan_page.GAP_WIDTH + 2 * plan_page.TEXT_WIDTH + 40
    second_row_y = box["y"] + HEADER_HEIGHT + plan_page.ROW_HEIGHT * 1.5
    page.mouse.click(owner_x, second_row_y)
    page.keyboard.type("P")  # opens the cell's editor; letters typed while it opens would be lost
    editor = page.locator("textarea.gdg-input")
    editor.fill("Priya Shah")
    editor.press("Enter")

    until_in_page(
        page,
        lambda: (
            {a.id: a.owner for a in saved_assessment(app_server.store(), assessment.id).actions}["soon"] == "Priya Shah"
        ),
        "the table's owner to be saved",
    )
    screenshot(page, "plan-table-laptop")
    assert_no_app_error(page)


def test_an_owner_typed_without_leaving_the_box_is_saved_before_a_reload(page: Page, app_server: AppServer) -> None:
    assessment = seeded(app_server, PlannedAction(id="act1", question_id="b1", text="Fix b1."))
    open_app(page, app_server, "plan", a=assessment.id)
    owner = open_gap(page, "Question b1?").get_by_label("Owner")

    owner.press_sequentially("Priya Shah")  # no Enter, no Tab

    until_in_page(page, owner_is(app_server, assessment.id, "Priya Shah"), "the owner to be saved while typing")
    page.reload()
    wait_until_idle(page)
    expect(open_gap(page, "Question b1?").get_by_label("Owner")).to_have_value("Priya Shah")
