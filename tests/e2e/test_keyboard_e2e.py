"""A whole assessment with the keyboard only: Tab, Shift+Tab, Space, Enter, arrows and typing; never the mouse.

The page is only read (which element has the focus, what it says); every action is a key press.
At the end the database must hold every answer given.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from checklist.domain.assessment import AnswerValue
from tests.e2e.conftest import AppServer, after_a_run, wait_for_text, wait_until_idle

pytestmark = pytest.mark.e2e

MOST_TABS = 150  # the sidebar menu comes first in the tab order, so allow plenty


def focused_matches(page: Page, test: str) -> bool:
    """`test` is a JavaScript arrow function taking the focused element."""
    return bool(page.evaluate(f"(test => {{ const el = document.activeElement; return !!el && test(el); }})({test})"))


def tab_to(page: Page, test: str, *, backwards: bool = False) -> None:
    """Press Tab (or Shift+Tab) until the focused element passes `test`."""
    key = "Shift+Tab" if backwards else "Tab"
    for _ in range(MOST_TABS):
        if focused_matches(page, test):
            return
        page.keyboard.press(key)
    raise AssertionError(f"{key} never reached the element ({test})")


def named(text: str) -> str:
    """A test for a focused button or link whose visible text is `text`."""
    return f"el => el.matches('a, button') && el.innerText.trim().endsWith({text!r})"


def labelled(label: str) -> str:
    """A test for a focused text box whose label is `label`."""
    return (
        f"el => el.getAttribute('aria-label') === {label!r}"
        f" || (el.labels && [...el.labels].some(l => l.innerText.trim() === {label!r}))"
    )


def radio_in(box_class: str) -> str:
    """A test for a focused radio button inside the container with CSS class `box_class`."""
    return f"el => el.type === 'radio' && !!el.closest('.{box_class}')"


def press(page: Page, key: str) -> None:
    """A key that makes the app rerun; returns once that run has ended, so the next key cannot race it."""
    after_a_run(page, lambda: page.keyboard.press(key))


def type_and_send(page: Page, text: str, key: str, shown: str) -> None:
    """Type into the focused box and send it with `key`; see conftest.fill_and_send for why the watch starts first."""
    after_a_run(page, lambda: (page.keyboard.type(text), page.keyboard.press(key)))
    wait_for_text(page, shown)


def press_and_wait(page: Page, key: str, text: str) -> None:
    press(page, key)
    wait_for_text(page, text)


def answer(page: Page, question_id: str, arrows: int, answered: int) -> None:
    """Tab to a question's answers; Space picks "Met", each ArrowRight then moves one answer on."""
    tab_to(page, radio_in(f"st-key-question-{question_id}"))
    press_and_wait(page, "Space", f"Answered {answered} of")
    for _ in range(arrows):
        press(page, "ArrowRight")


def test_a_whole_assessment_can_be_done_with_the_keyboard_alone(page: Page, app_server: AppServer) -> None:
    page.goto(app_server.url)
    wait_until_idle(page)

    tab_to(page, named("Start a new assessment"))
    page.keyboard.press("Enter")
    page.wait_for_url("**/profile?a=*")
    wait_for_text(page, "Service profile")
    assessment_id = page.url.split("a=")[1].split("&")[0]

    tab_to(page, labelled("Service name"))
    type_and_send(page, "Keyboard Lane Service", "Enter", "Keyboard Lane Service")  # the sidebar shows the saved name
    tab_to(page, radio_in("stRadio"))
    press(page, "Space")  # "Yes", we run groups: question a2 applies
    tab_to(page, named("Next: the themes"))
    press_and_wait(page, "Enter", "Answered 0 of 4")

    answer(page, "a1", arrows=0, answered=1)  # Met
    answer(page, "a2", arrows=2, answered=2)  # Not met
    tab_to(page, named("Next theme"))
    press_and_wait(page, "Enter", "Why beta matters")

    answer(page, "b1", arrows=3, answered=3)  # Don't know
    tab_to(page, radio_in("st-key-question-b2"))
    press(page, "Space")
    press(page, "ArrowLeft")  # arrows wrap round: from "Met" back to "Not applicable", which waits for a reason
    wait_for_text(page, "is saved only once you say why")
    tab_to(page, labelled("Why does this not apply to your service? (required for “not applicable”)"))
    type_and_send(
        page, "We are a residential unit; women do not travel to us for this.", "Control+Enter", "Answered 4 of"
    )

    tab_to(page, radio_in("st-key-question-b1"), backwards=True)  # back up to change an answer
    press(page, "ArrowLeft")  # Don't know -> Not met
    expect(page.locator(".st-key-question-b1").get_by_role("radio", name="Not met")).to_be_checked()

    tab_to(page, named("Review your answers"))
    press_and_wait(page, "Enter", "Not answered yet (0)")
    tab_to(page, named("On to the results"))
    press_and_wait(page, "Enter", "Overall score (out of 100)")

    store = app_server.store()
    stored = store.get(assessment_id)
    store.dispose()
    assert stored is not None
    saved = {qid: a.answer for qid, a in stored.assessment.answers.items()}
    assert saved == {
        "a1": AnswerValue.MET,
        "a2": AnswerValue.NOT_MET,
        "b1": AnswerValue.NOT_MET,
        "b2": AnswerValue.NA,
    }
    assert (stored.assessment.service.name, stored.assessment.service.profile) == (
        "Keyboard Lane Service",
        {"groups": "yes"},
    )
    assert stored.assessment.answers["b2"].na_reason == "We are a residential unit; women do not travel to us for this."
