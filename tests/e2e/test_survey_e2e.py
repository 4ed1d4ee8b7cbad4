"""The women's survey in a real browser on a 390-pixel phone: by touch, by keyboard, quick exit, nothing outside."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, Route, expect

from checklist.domain.bank import load_bank
from checklist.domain.survey import SurveyRound
from checklist.paths import default_bank_path
from checklist.storage.surveys import SurveyStore
from tests.builders import make_assessment
from tests.e2e.conftest import (
    PHONE,
    SHOTS,
    AppServer,
    RouteGuard,
    assert_accessible,
    assert_no_app_error,
    is_loopback,
    start_server,
    wait_until_idle,
)

NEUTRAL = "https://www.bbc.co.uk/weather"
BANK = load_bank(default_bank_path())
SURVEY = BANK.survey
assert SURVEY is not None


@dataclass
class Survey:
    server: AppServer
    store: SurveyStore
    open_round: SurveyRound
    closed_round: SurveyRound

    def link(self, survey_round: SurveyRound) -> str:
        return f"{self.server.url}/?survey={survey_round.id}"


@pytest.fixture(scope="module")
def survey(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Survey]:
    folder = tmp_path_factory.mktemp("survey")
    server = start_server(folder)
    assessment = server.store().create(make_assessment(BANK, {"welcome-separate-waiting": "met"})).assessment
    store = SurveyStore(f"sqlite:///{Path(server.env['CHECKLIST_DATA_DIR']) / 'checklist.sqlite3'}")
    today = date.today()
    open_round = store.open_round(
        SurveyRound(assessment_id=assessment.id, opens_on=today, closes_on=today + timedelta(days=7))
    )
    closed_round = store.open_round(
        SurveyRound(
            assessment_id=assessment.id, opens_on=today - timedelta(days=30), closes_on=today - timedelta(days=1)
        )
    )
    yield Survey(server, store, open_round, closed_round)
    store.dispose()
    server.stop()


@pytest.fixture
def phone(browser: Browser, guard: RouteGuard) -> Iterator[BrowserContext]:
    """A phone with touch, that may leave only for the neutral site, which is answered here and never reached."""
    context = browser.new_context(viewport=PHONE, has_touch=True, is_mobile=True)
    context.set_default_timeout(45_000)
    context.route(lambda url: not is_loopback(url) and not url.startswith(NEUTRAL), guard.block)
    context.route_web_socket(lambda url: not is_loopback(url), guard.block_socket)
    context.route(f"{NEUTRAL}**", _neutral_page)
    yield context
    context.close()
    assert guard.blocked == [], f"the survey tried to reach outside this machine: {guard.blocked}"


def _neutral_page(route: Route) -> None:
    route.fulfill(status=200, content_type="text/html", body="<title>Weather</title><h1>Weather</h1>")


def open_survey(page: Page, link: str) -> None:
    page.goto(link)
    wait_until_idle(page)
    page.get_by_role("heading", name="Tell us about your visits").wait_for()


def group(page: Page, text: str) -> object:
    return page.get_by_role("radiogroup", name=text)


def test_a_woman_answers_the_whole_survey_by_touch_on_a_phone(survey: Survey, phone: BrowserContext) -> None:
    page = phone.new_page()
    before = len(survey.store.responses(survey.open_round.id))
    open_survey(page, survey.link(survey.open_round))
    assert page.title() == "Feedback"
    page.screenshot(path=str(SHOTS / "survey-phone.png"), full_page=True)
    for question in SURVEY.questions:
        page.get_by_role("radiogroup", name=question.text).get_by_text("No", exact=True).tap()
    page.get_by_role("radiogroup", name=SURVEY.overall).get_by_text("Poor", exact=True).tap()
    page.get_by_role("textbox", name="Please do not write anyone").fill("<b>More women's groups</b> **please**")
    page.get_by_role("button", name="Send my answers").tap()
    page.get_by_text("Thank you. Your answers have been sent.").wait_for()
    assert_no_app_error(page)

    responses = survey.store.responses(survey.open_round.id)
    assert len(responses) == before + 1
    sent = responses[-1]
    assert (set(sent.answers.values()), len(sent.answers), sent.overall, sent.comment) == (
        {"no"},
        13,
        "poor",
        "<b>More women's groups</b> **please**",
    )
    # One answer per visit: the form does not come back on a refresh of the same visit's page... nor
    # does anything she answered show on it.
    assert page.get_by_role("button", name="Send my answers").count() == 0


def test_a_woman_answers_the_whole_survey_by_keyboard_alone(survey: Survey, phone: BrowserContext) -> None:
    page = phone.new_page()
    before = len(survey.store.responses(survey.open_round.id))
    open_survey(page, survey.link(survey.open_round))
    page.get_by_role("radiogroup", name=SURVEY.questions[0].text).get_by_role("radio").first.focus()
    page.keyboard.press("Space")  # Yes to the first question
    # Tab moves to the next question; Space chooses its first answer and the arrow key the next one.
    for _ in range(len(SURVEY.questions)):
        page.keyboard.press("Tab")
        page.keyboard.press("Space")
        page.keyboard.press("ArrowDown")
    page.keyboard.press("Tab")
    page.keyboard.type("Typed with the keyboard")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    page.get_by_text("Thank you. Your answers have been sent.").wait_for()

    sent = survey.store.responses(survey.open_round.id)[before:]
    expected = {q.id: "partly" for q in SURVEY.questions[1:]} | {SURVEY.questions[0].id: "yes"}
    assert [(r.answers, r.overall, r.comment) for r in sent] == [(expected, "good", "Typed with the keyboard")]


def test_leave_now_goes_to_a_neutral_site_and_back_does_not_return_to_the_survey(
    survey: Survey, phone: BrowserContext
) -> None:
    page = phone.new_page()
    page.goto("about:blank")
    open_survey(page, survey.link(survey.open_round))
    page.get_by_role("radiogroup", name=SURVEY.questions[0].text).get_by_text("Yes", exact=True).tap()
    page.get_by_role("link", name="Leave now").tap()
    page.wait_for_url(f"{NEUTRAL}**")
    page.go_back()
    page.wait_for_url("about:blank")
    assert page.url == "about:blank"


def test_leave_now_is_reached_by_keyboard_first_and_works_with_enter(survey: Survey, phone: BrowserContext) -> None:
    page = phone.new_page()
    open_survey(page, survey.link(survey.open_round))
    page.get_by_role("link", name="Leave now").focus()
    page.keyboard.press("Enter")
    page.wait_for_url(f"{NEUTRAL}**")


def test_leave_now_is_on_the_closed_and_unknown_link_pages_too(survey: Survey, phone: BrowserContext) -> None:
    page = phone.new_page()
    open_survey(page, survey.link(survey.closed_round))
    page.get_by_text("This survey has closed.").wait_for()
    expect(page.get_by_role("link", name="Leave now")).to_be_visible()
    open_survey(page, f"{survey.server.url}/?survey=no-such-link-at-all-here")
    page.get_by_text("This link does not open a survey.").wait_for()
    expect(page.get_by_role("link", name="Leave now")).to_be_visible()
    assert page.get_by_role("button", name="Send my answers").count() == 0


def test_the_survey_keeps_no_cookie_beyond_the_visit(survey: Survey, phone: BrowserContext) -> None:
    page = phone.new_page()
    open_survey(page, survey.link(survey.open_round))
    page.get_by_role("radiogroup", name=SURVEY.questions[0].text).get_by_text("Yes", exact=True).tap()
    page.get_by_role("button", name="Send my answers").tap()
    page.get_by_text("Thank you.").first.wait_for()
    lasting = [c["name"] for c in phone.cookies() if c["expires"] != -1]
    stored = page.evaluate("() => [localStorage.length, sessionStorage.length]")
    assert (lasting, stored) == ([], [0, 0])


def test_the_survey_page_has_no_serious_accessibility_problem_on_a_phone(survey: Survey, phone: BrowserContext) -> None:
    page = phone.new_page()
    open_survey(page, survey.link(survey.open_round))
    assert_accessible(page)
    width = page.evaluate("() => document.documentElement.scrollWidth")
    assert width <= PHONE["width"]
