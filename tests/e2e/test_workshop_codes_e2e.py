"""Workshop codes in a real browser: guessing is limited, a closed workshop refuses joins, a removed person is told."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from checklist.domain.workshop import Workshop, create_workshop, join_workshop, remove_participant
from checklist.storage.workshops import WorkshopStore
from tests.e2e.conftest import (
    AppServer,
    RouteGuard,
    is_loopback,
    open_app,
    start_server,
    wait_until_idle,
    write_small_bank,
)
from tests.e2e.test_workshop_room_e2e import small_bank, workshop_store

pytestmark = pytest.mark.e2e


def saved_workshop(server: AppServer, workshop: Workshop) -> Workshop:
    store = workshop_store(server)
    store.create(workshop)
    store.dispose()
    return workshop


def change(server: AppServer, workshop_id: str, how: object) -> None:
    store: WorkshopStore = workshop_store(server)
    store.update(workshop_id, how)  # type: ignore[arg-type]
    store.dispose()


def find(page: Page, code: str) -> None:
    page.get_by_label("Join code (six letters and numbers, shown by the facilitator)").fill(code)
    page.get_by_role("button", name="Find the workshop").click()
    wait_until_idle(page)


@pytest.fixture
def guarded_server(tmp_path: Path) -> Iterator[AppServer]:
    """A server of its own: the lockout it provokes holds for every browser on this machine for a minute."""
    server = start_server(tmp_path, bank=write_small_bank(tmp_path))
    yield server
    server.stop()


def test_after_ten_wrong_codes_even_the_right_code_is_refused_for_a_while(
    page: Page, guarded_server: AppServer, browser: Browser, guard: RouteGuard
) -> None:
    app_server = guarded_server
    workshop = saved_workshop(app_server, create_workshop(small_bank(), title="Guarded day"))
    open_app(page, app_server, "join")
    for n in range(10):
        find(page, f"WRONG{n}")
        expect(page.get_by_text(f"No workshop has the join code WRONG{n}")).to_be_visible()

    find(page, workshop.join_code)
    expect(page.get_by_text("Too many wrong join codes from this device or network")).to_be_visible()
    expect(page.get_by_text("Wait a minute")).to_be_visible()
    expect(page.get_by_role("button", name="Join")).to_have_count(0)

    # A new browser session from the same address is held too: the count is per address, in the database.
    fresh = browser.new_context()
    fresh.route(lambda url: not is_loopback(url), guard.block)
    other = fresh.new_page()
    open_app(other, app_server, "join", join=workshop.join_code)
    expect(other.get_by_text("Too many wrong join codes from this device or network")).to_be_visible()
    fresh.close()


def test_a_workshop_with_joining_closed_refuses_a_newcomer(page: Page, app_server: AppServer) -> None:
    workshop = saved_workshop(app_server, create_workshop(small_bank(), title="Full day"))
    change(app_server, workshop.id, lambda w: w.model_copy(update={"joining_open": False}))
    open_app(page, app_server, "join", join=workshop.join_code)
    expect(page.get_by_text("The facilitator has closed joining for this workshop")).to_be_visible()
    expect(page.get_by_role("button", name="Join")).to_have_count(0)


def test_a_closed_workshop_code_no_longer_works(page: Page, app_server: AppServer) -> None:
    workshop = saved_workshop(app_server, create_workshop(small_bank(), title="Ended day"))
    change(app_server, workshop.id, lambda w: w.model_copy(update={"closed": True}))
    open_app(page, app_server, "join", join=workshop.join_code)
    expect(page.get_by_text("The facilitator has closed this workshop: its join code no longer works")).to_be_visible()
    expect(page.get_by_role("button", name="Join")).to_have_count(0)


def test_a_removed_participant_is_told_so_on_their_screen(page: Page, app_server: AppServer) -> None:
    workshop, person = join_workshop(create_workshop(small_bank(), title="Tidy day"), "Sam")
    saved_workshop(app_server, workshop)
    open_app(page, app_server, "join", join=workshop.join_code, p=person.id)
    expect(page.get_by_text("You have answered 0 of 4 questions")).to_be_visible()

    change(app_server, workshop.id, lambda w: remove_participant(w, person.id))
    page.locator(".st-key-wp-question-a1").get_by_text("Met", exact=True).click()
    expect(page.get_by_text("The facilitator removed you from this workshop")).to_be_visible()
    expect(page.get_by_role("radiogroup")).to_have_count(0)
