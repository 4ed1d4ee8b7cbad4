"""Hostile text typed by users, read back from the browser's DOM on every page that shows it.

One assessment holds a different hostile string in each free-text field (see FIELDS);
more assessments named after every short hostile string fill the Start page's list.
On each page the strings must be found as literal text (in text elements, form
fields or the data grids' cells), no element from them may exist (no <img>,
<script>, link, bold or heading), no dialog may open, and the 10,000-character
line must not push the page sideways at laptop size.
"""

from __future__ import annotations

from contextlib import suppress
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pytest
from playwright.sync_api import Dialog, Page
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from checklist.domain.assessment import (
    Answer,
    AnswerValue,
    Assessment,
    Assessor,
    PlannedAction,
    PreviousAssessment,
    Service,
)
from checklist.domain.bank import load_bank
from checklist.domain.loading import dump_assessment
from checklist.domain.workshop import create_workshop, join_workshop
from checklist.storage.workshops import WorkshopStore
from tests.builders import make_assessment
from tests.e2e.conftest import AppServer, assert_no_app_error, open_app, wait_for_text, wait_until_idle
from tests.hostile import HOSTILE, HOSTILE_SHORT, LONG_LINE

pytestmark = pytest.mark.e2e

MAIN = '[data-testid="stMain"]'
SIDEBAR = '[data-testid="stSidebar"]'
TEXTS = '[data-testid="stText"]'
FORM_FIELDS = "textarea, input[type=text]"
# A data grid is drawn on a canvas, and its cells are written into a table for screen readers too;
# the Compare page draws its tables as plain HTML (.checklist-table).
GRID_CELLS = ':is([data-testid="stDataFrame"], [data-testid="stTable"], .checklist-table) td'

# Where each hostile string sits in the seeded assessment (small test bank: a1, a2 in Alpha; b1, b2 in Beta).
FIELDS = {
    "name": HOSTILE["html"],
    "organisation": HOSTILE["markdown_bold"],
    "area": HOSTILE["streamlit_markup"],
    "assessor": HOSTILE["rtl_override"],
    "role": HOSTILE["formula_hyperlink"],
    "a1 note": HOSTILE["script"],
    "a1 reason": LONG_LINE,
    "a2 note": HOSTILE["markdown_heading"],
    "b1 note": LONG_LINE,
    "b2 note": HOSTILE["newlines"],
    "b2 reason": HOSTILE["markdown_link"],
    "a2 action": HOSTILE["markdown_list_and_code"],
    "a2 owner": HOSTILE["formula_equals"],
    "a2 second action": HOSTILE["zero_width"],
    "a2 second owner": HOSTILE["welsh_and_quotes"],
    "b1 action": LONG_LINE,
    "b1 owner": HOSTILE["sql"],
}
PROFILE_FIELDS = ("name", "organisation", "area", "assessor", "role")
PLANNED = ("a2 action", "a2 owner", "a2 second action", "a2 second owner", "b1 action", "b1 owner")
NOTES_AND_REASONS = ("a1 note", "a1 reason", "a2 note", "b1 note", "b2 note", "b2 reason")
WORKSHOP_TITLE = HOSTILE["markdown_heading"]
WORKSHOP_SERVICE = HOSTILE["streamlit_markup"]
PARTICIPANT = HOSTILE["html"]

# Elements the hostile strings would make if they were read as HTML or markdown rather than shown.
INJECTED = """() => {
  const all = (selector) => Array.from(document.querySelectorAll(selector));
  const text = (e) => e.textContent.trim();
  return {
    images: all('img[src="x"], img[onerror]').length,
    scripts: all('script').filter(e => e.textContent.includes('pwned')).length,
    links: all('a[href^="http://x"]').length,
    bold: all('b, strong').filter(e => /^(also )?bold$/.test(text(e))).length,
    headings: all('h1, h2, h3, h4, h5, h6').filter(e => text(e) === 'heading').length,
    lists: all('li').filter(e => text(e) === 'item' || text(e) === 'first').length,
  };
}"""
NOTHING_INJECTED = {"images": 0, "scripts": 0, "links": 0, "bold": 0, "headings": 0, "lists": 0}

# How far the page, the main column and any scrolling box in it reach past their width. A data grid
# scrolls its own columns by design (with their width capped), and so does a wide HTML table's box
# (key columns first), so both are left out of the last.
OVERFLOW = """() => {
  const main = document.querySelector('[data-testid="stMainBlockContainer"]');
  const scrolls = (e) => ['auto', 'scroll'].includes(getComputedStyle(e).overflowX);
  return {
    page: Math.max(0, document.scrollingElement.scrollWidth - window.innerWidth - 1),
    main: Math.max(0, main.scrollWidth - main.clientWidth - 1),
    boxes: Array.from(main.querySelectorAll('*'))
      .filter(e => scrolls(e) && e.scrollWidth > e.clientWidth + 1)
      .filter(e => !e.closest('[data-testid="stDataFrame"], .checklist-table-box.wide'))
      .map(e => e.getAttribute('data-testid') || e.tagName),
  };
}"""
NO_OVERFLOW = {"page": 0, "main": 0, "boxes": []}


@dataclass(frozen=True)
class Seeded:
    assessment: Assessment
    workshop_id: str
    join_code: str
    participant_id: str


def as_text(text: str) -> str:
    """What st.text shows: Streamlit trims whitespace (a leading tab, a trailing newline) around the whole text."""
    return text.strip()


def in_a_form_field(text: str) -> str:
    """What a textarea's value holds: browsers turn every line break into a plain newline."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def seeded_assessment(app_server: AppServer) -> Assessment:
    bank = load_bank(app_server.env["CHECKLIST_BANK"])
    service = Service(
        name=FIELDS["name"], organisation=FIELDS["organisation"], area=FIELDS["area"], profile={"groups": "yes"}
    )
    base = make_assessment(bank, service=service, assessor=Assessor(name=FIELDS["assessor"], role=FIELDS["role"]))
    answers = {
        "a1": Answer(answer=AnswerValue.NA, na_reason=FIELDS["a1 reason"], note=FIELDS["a1 note"]),
        "a2": Answer(answer=AnswerValue.NOT_MET, note=FIELDS["a2 note"]),
        "b1": Answer(answer=AnswerValue.PARTLY, note=FIELDS["b1 note"]),
        "b2": Answer(answer=AnswerValue.NA, na_reason=FIELDS["b2 reason"], note=FIELDS["b2 note"]),
    }
    actions = [
        PlannedAction(id="first", question_id="a2", text=FIELDS["a2 action"], owner=FIELDS["a2 owner"]),
        PlannedAction(id="second", question_id="a2", text=FIELDS["a2 second action"], owner=FIELDS["a2 second owner"]),
        PlannedAction(id="third", question_id="b1", text=FIELDS["b1 action"], owner=FIELDS["b1 owner"]),
    ]
    # A previous round with the same plan, so the results page lists its actions under "Since the previous assessment".
    previous = PreviousAssessment(bank=base.bank, answers=answers, actions=actions)
    return base.model_copy(update={"answers": answers, "actions": actions, "previous": previous})


def database(server: AppServer) -> str:
    return f"sqlite:///{Path(server.env['CHECKLIST_DATA_DIR']) / 'checklist.sqlite3'}"


@pytest.fixture(scope="module")
def seeded(app_server: AppServer) -> Seeded:
    """The hostile assessment, one more assessment named after each short hostile string, and a workshop."""
    bank = load_bank(app_server.env["CHECKLIST_BANK"])
    assessment = seeded_assessment(app_server)
    store = app_server.store()
    store.create(assessment)
    for text in HOSTILE_SHORT.values():
        store.create(make_assessment(bank, {"a1": "met"}, service=Service(name=text)))
    store.dispose()
    workshop = create_workshop(bank, service=Service(name=WORKSHOP_SERVICE), title=WORKSHOP_TITLE)
    workshop, participant = join_workshop(workshop, PARTICIPANT)
    workshops = WorkshopStore(database(app_server))
    stored = workshops.create(workshop)
    workshops.dispose()
    return Seeded(assessment, stored.workshop.id, stored.workshop.join_code, participant.id)


@pytest.fixture
def dialogs(page: Page) -> list[str]:
    """Every alert, confirm or prompt the page opens (dismissed at once); an injected script would open one."""
    opened: list[str] = []

    def dismiss(dialog: Dialog) -> None:
        opened.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", dismiss)
    return opened


READ = "([selector, prop]) => Array.from(document.querySelectorAll(selector)).map(e => e[prop])"
HOLDS_ALL = f"""([selector, prop, wanted]) => {{
  const got = ({READ})([selector, prop]);
  return wanted.every(w => got.includes(w));
}}"""


def read(page: Page, selector: str, prop: str, expected: list[str]) -> list[str]:
    """`prop` (textContent, value) of every element matching `selector`, exactly as the DOM holds it.

    Read once all of `expected` are there: Streamlit draws elements and fills form fields a moment after
    its script run ends. If they never come, read anyway, so that the test's assert shows what is missing.
    """
    with suppress(PlaywrightTimeoutError):
        page.wait_for_function(HOLDS_ALL, arg=[selector, prop, expected], timeout=10_000)
    found: list[str] = page.evaluate(READ, [selector, prop])
    return found


def missing(page: Page, selector: str, prop: str, expected: list[str]) -> list[str]:
    shown = read(page, selector, prop, expected)
    return [text for text in expected if text not in shown]


def assert_shown_literally_and_safely(page: Page, dialogs: list[str]) -> None:
    """Nothing made from user text, nothing run, nothing wider than the screen."""
    wait_until_idle(page)
    assert_no_app_error(page)
    assert page.evaluate(INJECTED) == NOTHING_INJECTED
    assert dialogs == []
    assert page.evaluate(OVERFLOW) == NO_OVERFLOW


def test_the_start_page_lists_every_hostile_service_name_as_typed(
    page: Page, app_server: AppServer, seeded: Seeded, dialogs: list[str]
) -> None:
    open_app(page, app_server, "", a=seeded.assessment.id)
    wait_for_text(page, "Assessments saved on this server")

    names = [as_text(text) for text in HOSTILE_SHORT.values()]

    assert missing(page, f"{MAIN} {TEXTS}", "textContent", [*names, f"Open now: {FIELDS['name']}"]) == []
    assert missing(page, f"{SIDEBAR} {TEXTS}", "textContent", [FIELDS["name"]]) == []
    assert_shown_literally_and_safely(page, dialogs)


def test_the_service_profile_shows_hostile_names_as_typed(
    page: Page, app_server: AppServer, seeded: Seeded, dialogs: list[str]
) -> None:
    open_app(page, app_server, "profile", a=seeded.assessment.id)

    labels = ("Service name", "Organisation", "Local authority area", "Your name (optional)", "Your role (optional)")
    read(page, f"{MAIN} {FORM_FIELDS}", "value", [FIELDS[field] for field in PROFILE_FIELDS])

    shown = {label: page.get_by_label(label, exact=True).input_value() for label in labels}

    assert shown == {label: FIELDS[field] for label, field in zip(labels, PROFILE_FIELDS, strict=True)}
    assert_shown_literally_and_safely(page, dialogs)


@pytest.mark.parametrize(
    ("theme", "fields"), [("alpha", ["a1 note", "a1 reason", "a2 note"]), ("beta", ["b1 note", "b2 note", "b2 reason"])]
)
def test_the_themes_page_gives_back_hostile_notes_and_reasons_as_typed(
    page: Page, app_server: AppServer, seeded: Seeded, dialogs: list[str], theme: str, fields: list[str]
) -> None:
    open_app(page, app_server, "themes", a=seeded.assessment.id, t=theme)

    assert missing(page, f"{MAIN} {FORM_FIELDS}", "value", [in_a_form_field(FIELDS[f]) for f in fields]) == []
    assert_shown_literally_and_safely(page, dialogs)


def test_the_review_page_shows_hostile_reasons_as_typed(
    page: Page, app_server: AppServer, seeded: Seeded, dialogs: list[str]
) -> None:
    open_app(page, app_server, "review", a=seeded.assessment.id)

    reasons = [f"Reason given: {FIELDS['a1 reason']}", f"Reason given: {FIELDS['b2 reason']}"]

    assert missing(page, f"{MAIN} {TEXTS}", "textContent", reasons) == []
    assert_shown_literally_and_safely(page, dialogs)


def test_the_results_page_lists_hostile_reasons_and_previous_actions_as_typed(
    page: Page, app_server: AppServer, seeded: Seeded, dialogs: list[str]
) -> None:
    open_app(page, app_server, "results", a=seeded.assessment.id)
    page.get_by_text("How this was scored").click()
    wait_for_text(page, "Not applicable, with the reasons given: 2")

    in_the_grids = [FIELDS[field] for field in ("a1 reason", "b2 reason", *PLANNED)]
    assert missing(page, f"{MAIN} {GRID_CELLS}", "textContent", in_the_grids) == []
    assert_shown_literally_and_safely(page, dialogs)


def test_the_action_plan_gives_back_hostile_actions_and_owners_as_typed(
    page: Page, app_server: AppServer, seeded: Seeded, dialogs: list[str]
) -> None:
    open_app(page, app_server, "plan", a=seeded.assessment.id)
    # Each gap's actions are drawn once its box is open: two actions under the first gap, one under the second.
    for number, (gap, forms) in enumerate((("Question a2?", 2), ("Question b1?", 3)), 1):
        page.get_by_text(f"{number}. {gap}").first.click()
        page.locator(f'{MAIN} [class*="st-key-plan-action-"]').nth(forms - 1).wait_for()
        wait_until_idle(page)

    planned = [in_a_form_field(FIELDS[field]) for field in PLANNED]
    assert missing(page, f"{MAIN} {FORM_FIELDS}", "value", planned) == []
    assert_shown_literally_and_safely(page, dialogs)


def test_comparing_an_uploaded_hostile_file_shows_its_text_as_typed(
    page: Page, app_server: AppServer, seeded: Seeded, dialogs: list[str], tmp_path: Path
) -> None:
    upload = tmp_path / "hostile.json"
    upload.write_bytes(dump_assessment(seeded.assessment, tool_version="test", now=datetime(2026, 1, 1, tzinfo=UTC)))
    open_app(page, app_server, "compare")
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(str(upload))
    wait_for_text(page, "Services compared")
    page.get_by_role("tab", name="One service").click()
    # a1 and b2 not applicable; a2 not met (weight 3 × 0), b1 partly (1 × 0.5): 0.5 / 4 = 12.5; all 4 answered.
    headline = f"{FIELDS['name']}: overall score 12.5, completion 100%"

    assert missing(page, f'{MAIN} [data-testid="stMarkdown"]', "textContent", [headline]) == []
    assert page.get_by_role("combobox", name="Service").input_value() == FIELDS["name"]
    # Its tables are HTML, where (as in a form field) every line break is read as a plain newline.
    in_the_tables = [in_a_form_field(FIELDS[field]) for field in (*NOTES_AND_REASONS, *PLANNED)]
    assert missing(page, f"{MAIN} {GRID_CELLS}", "textContent", in_the_tables) == []
    assert_shown_literally_and_safely(page, dialogs)


def test_the_facilitator_sees_a_hostile_workshop_title_and_service_as_typed(
    page: Page, app_server: AppServer, seeded: Seeded, dialogs: list[str]
) -> None:
    open_app(page, app_server, "workshop", w=seeded.workshop_id)
    wait_for_text(page, "Join code")

    assert missing(page, f"{MAIN} h1", "textContent", [f"Workshop: {WORKSHOP_TITLE}"]) == []
    assert missing(page, f"{MAIN} {TEXTS}", "textContent", [f"Service being rated: {WORKSHOP_SERVICE}"]) == []
    assert_shown_literally_and_safely(page, dialogs)


def test_a_participant_sees_their_hostile_name_as_typed(
    page: Page, app_server: AppServer, seeded: Seeded, dialogs: list[str]
) -> None:
    open_app(page, app_server, "join", join=seeded.join_code, p=seeded.participant_id)
    wait_for_text(page, "You have answered 0 of")

    expected = [f"Workshop: {WORKSHOP_TITLE} · you joined as {PARTICIPANT}", f"Service: {WORKSHOP_SERVICE}"]

    assert missing(page, f"{MAIN} {TEXTS}", "textContent", expected) == []
    assert_shown_literally_and_safely(page, dialogs)
