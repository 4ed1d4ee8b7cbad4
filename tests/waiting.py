"""Waiting on a state, with a deadline: the one place a test pauses between looks.

Browser tests never sleep for a fixed time (tests/unit/test_test_hygiene.py checks that): they wait
for what matters, in the page through Playwright, or outside it (a server's health, a database
value) through `until`.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from playwright.sync_api import Page

LOOK_EVERY = 0.05  # seconds between looks; short enough not to slow a test, long enough not to spin


def until(condition: Callable[[], bool], what: str, *, seconds: float = 30) -> None:
    """Return as soon as `condition()` is true; fail naming `what` if it is still false after `seconds`."""
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError(f"waited {seconds:g} s for {what}")
        time.sleep(LOOK_EVERY)


def until_in_page(page: Page, condition: Callable[[], bool], what: str, *, seconds: float = 30) -> None:
    """`until` for a browser test waiting on a state outside the browser (the database).

    It pauses through Playwright, not time.sleep: the page's route guard is answered from this
    thread, so a sleeping test would hold up the very requests it waits for.
    """
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError(f"waited {seconds:g} s for {what}")
        page.wait_for_timeout(LOOK_EVERY * 1000)
