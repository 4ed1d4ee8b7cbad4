"""Every page of the app, with realistic content on the shipped bank: axe-core, charts with tables, phone width.

Each page is brought into a state with something to show: a re-assessment of an example service
(answers, notes, a plan carried over, a "since last time" chart), a commissioner's folder of
submissions with every tab opened, and a workshop five people have answered.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import pytest
from playwright.sync_api import Page, ViewportSize
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from checklist.domain.bank import load_bank
from checklist.domain.survey import SurveyAnswer, SurveyResponse, SurveyRound
from checklist.paths import default_bank_path
from checklist.storage.surveys import SurveyStore
from checklist.ui import compare_page, navigation
from tests.e2e import conftest
from tests.e2e.conftest import (
    LAPTOP,
    PHONE,
    AppServer,
    assert_accessible,
    assert_no_app_error,
    open_app,
    start_server,
    wait_for_text,
    wait_until_idle,
)
from tests.e2e.realistic import SeededWorkshop, seed_reassessment, seed_workshop, submissions

pytestmark = pytest.mark.e2e

COMPARE_TABS = compare_page.TABS


@dataclass(frozen=True)
class Content:
    server: AppServer
    assessment_id: str
    workshop: SeededWorkshop
    folder: Path


@pytest.fixture(scope="module")
def content(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Content]:
    folder = tmp_path_factory.mktemp("accessibility")
    server = start_server(folder / "server")
    yield Content(server, seed_reassessment(server), seed_workshop(server), folder / "submissions")
    server.stop()


def upload_submissions(page: Page, content: Content) -> None:
    open_app(page, content.server, "compare")
    files = submissions(content.server, content.folder)
    page.locator('[data-testid="stFileUploader"] input[type=file]').set_input_files([str(f) for f in files])
    wait_for_text(page, "Services compared")


def open_plan_with_a_gap_open(page: Page, content: Content) -> None:
    open_app(page, content.server, "plan", a=content.assessment_id)
    page.locator('[data-testid="stExpander"] summary').first.click()
    wait_for_text(page, "Suggested actions")


def open_survey_round_with_answers(page: Page, content: Content) -> None:
    """The staff survey page with a round open: its link, QR code, counts, a hidden question and a comment."""
    store = SurveyStore(content.server.store().url)
    try:
        today = date.today()
        opened = store.open_round(
            SurveyRound(assessment_id=content.assessment_id, opens_on=today, closes_on=today + timedelta(days=7))
        )
        first, second = [q.id for q in load_bank(default_bank_path()).survey.questions[:2]]  # type: ignore[union-attr]
        for n in range(6):
            answers = {first: SurveyAnswer.NO if n % 2 else SurveyAnswer.YES} | (
                {second: SurveyAnswer.YES} if n < 2 else {}
            )
            store.add_response(opened.id, SurveyResponse(answers=answers, received_on=today))
        store.add_response(opened.id, SurveyResponse(comment="More women's groups, please", received_on=today))
    finally:
        store.dispose()
    open_app(page, content.server, "survey", a=content.assessment_id)
    wait_for_text(page, "What the women said")


def open_workshop_held_still(page: Page, content: Content) -> None:
    """The facilitator's page with live updates off, so no check reads it halfway through a redraw."""
    open_app(page, content.server, "workshop", w=content.workshop.workshop_id)
    page.get_by_text("Update the answers every few seconds").click()
    wait_until_idle(page)


# Pages that need more than the open assessment to show something; every other page in the
# registry is opened with the re-assessment open, so a new page is checked without editing this file.
SPECIAL: dict[str, Callable[[Page, Content], None]] = {
    "plan": open_plan_with_a_gap_open,
    "compare": upload_submissions,
    "workshop": open_workshop_held_still,
    "survey": open_survey_round_with_answers,
    "join": lambda page, c: open_app(page, c.server, "join", join=c.workshop.join_code, p=c.workshop.participant_id),
}


def _with_assessment_open(url_path: str) -> Callable[[Page, Content], None]:
    return lambda page, c: open_app(page, c.server, url_path, a=c.assessment_id)


# Each page, opened and brought into a state with realistic content.
PAGES: dict[str, Callable[[Page, Content], None]] = {
    spec.url_path: SPECIAL.get(spec.url_path, _with_assessment_open(spec.url_path)) for spec in navigation.PAGES
}

# Pages whose charts must each have a table (or a sentence with the same numbers) beside them.
CHARTS_EXPECTED = {"results": 2, "compare": 1, "workshop": 2}

NEIGHBOURHOOD = """
charts => charts.map(chart => {
    const row = chart.closest('[data-testid="stHorizontalBlock"]');
    const box = chart.closest('[data-testid="stElementContainer"]');
    const before = box && box.previousElementSibling;
    const after = box && box.nextElementSibling;
    const table = '[data-testid="stDataFrame"], [data-testid="stTable"], .checklist-table';
    return {
        connected: chart.isConnected,
        tableInRow: !!(row && row.querySelector(table)),
        tableNext: [before, after].some(e => e && (e.matches(table) || e.querySelector(table))),
        sentenceBefore: before ? before.innerText : "",
    };
})
"""


CHART = '[data-testid="stVegaLiteChart"]'
# The one sentence that stands for a chart's table: the room's answers to a question, each count written out
# ("3 of 5 answered. Disagreement: 40%. Met: 2; Not met: 1."). Any other digit nearby (a heading such as
# "Theme 1 of 11") is not the chart's numbers.
NUMBERS_IN_WORDS = r"^\d+ of \d+ answered\. Disagreement: \d+%\. [^:;]+: \d+(; [^:;]+: \d+)*\.$"
EVERY_CHART_HAS_ITS_NUMBERS = f"""() => ({NEIGHBOURHOOD})([...document.querySelectorAll('{CHART}')]).every(
    c => c.tableInRow || c.tableNext || new RegExp({NUMBERS_IN_WORDS!r}).test(c.sentenceBefore.trim()))"""


def test_only_the_rooms_sentence_counts_as_a_charts_numbers_in_words() -> None:
    """Guards the check below: the sentence the room's view writes, not any text that holds a digit."""
    room = "3 of 5 answered. Disagreement: 40%. Met: 2; Not met: 1."

    assert [bool(re.match(NUMBERS_IN_WORDS, text)) for text in (room, "Theme 1 of 11", "2 of 5 answered.")] == [
        True,
        False,
        False,
    ]


def charts_without_a_table(page: Page) -> list[dict[str, object]]:
    found: list[dict[str, object]] = page.locator(CHART).evaluate_all(NEIGHBOURHOOD)
    return [
        c
        for c in found
        if not (c["tableInRow"] or c["tableNext"] or re.match(NUMBERS_IN_WORDS, str(c["sentenceBefore"]).strip()))
    ]


@pytest.mark.parametrize("name", list(PAGES))
def test_every_page_with_real_content_has_no_serious_accessibility_problem(
    page: Page, content: Content, name: str
) -> None:
    PAGES[name](page, content)

    assert_no_app_error(page)
    assert_accessible(page)


def test_every_tab_of_the_comparison_has_no_serious_accessibility_problem(page: Page, content: Content) -> None:
    upload_submissions(page, content)

    for tab in COMPARE_TABS:
        page.get_by_role("tab", name=tab).click()
        wait_until_idle(page)
        assert_no_app_error(page)
        assert_accessible(page)


@pytest.mark.parametrize("name", list(CHARTS_EXPECTED))
def test_every_chart_has_a_table_or_its_numbers_in_words_beside_it(page: Page, content: Content, name: str) -> None:
    PAGES[name](page, content)
    page.locator('[data-testid="stVegaLiteChart"]').nth(CHARTS_EXPECTED[name] - 1).wait_for()
    wait_until_idle(page)

    # A late redraw can swap the charts for new ones just as they are read: wait for the state the test wants,
    # then read it once more, so that a failure lists the charts at fault.
    with contextlib.suppress(PlaywrightTimeoutError):
        page.wait_for_function(EVERY_CHART_HAS_ITS_NUMBERS, timeout=10_000)

    assert charts_without_a_table(page) == []


@pytest.mark.parametrize("name", list(PAGES))
def test_no_page_scrolls_sideways_on_a_phone(page: Page, content: Content, name: str) -> None:
    page.set_viewport_size(ViewportSize(width=PHONE["width"], height=PHONE["height"]))
    PAGES[name](page, content)

    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0
    page.set_viewport_size(ViewportSize(width=LAPTOP["width"], height=LAPTOP["height"]))


def test_the_streamlit_filter_hides_only_its_exact_rule_and_selector(monkeypatch: pytest.MonkeyPatch) -> None:
    """A substring or another rule must never be hidden by an entry (the filter is empty today)."""
    monkeypatch.setattr(conftest, "STREAMLIT_OWN", {"list": {"ul.nav": "Streamlit's menu markup"}})

    assert [
        conftest.filtered_out("list", ["ul.nav"]),
        conftest.filtered_out("list", ["ul.nav > li"]),
        conftest.filtered_out("list", ["ul"]),
        conftest.filtered_out("listitem", ["ul.nav"]),
    ] == [True, False, False, False]


def test_no_violation_is_filtered_today() -> None:
    """Keep the list honest: an entry needs a reason and a test showing it still matches a live violation."""
    assert conftest.STREAMLIT_OWN == {}


def test_the_sidebar_scroll_box_takes_the_keyboard_focus(page: Page, content: Content) -> None:
    PAGES["themes"](page, content)
    box = page.locator('[data-testid="stSidebarContent"]')

    box.focus()

    assert box.get_attribute("tabindex") == "0"
    assert page.evaluate("() => document.activeElement.getAttribute('data-testid')") == "stSidebarContent"
