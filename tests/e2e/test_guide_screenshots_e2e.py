"""The user guides' pictures, taken from the real app on the shipped bank so they never go stale.

Each browser test walks one guide's flow (service manager, commissioner, trainer) and writes its
screenshots into docs/images/, overwriting the old ones. They are marked `docs_images` and run
only when asked, so that `make test` never rewrites tracked files:

    make docs-images      # remake the pictures after changing a page they show

GUIDE_IMAGES lists every picture this module makes; the last two tests (part of `make test`)
check that the guides use no other picture and that each exists.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image
from playwright.sync_api import Browser, Locator, Page, ViewportSize

from checklist.domain.assessment import Answer
from checklist.domain.bank import load_bank
from checklist.domain.workshop import join_workshop, with_participant_answer, workshop_questions
from checklist.paths import PROJECT_ROOT, default_bank_path
from checklist.storage.workshops import WorkshopStore
from tests.e2e.conftest import (
    AppServer,
    RouteGuard,
    assert_no_app_error,
    fill_and_send,
    is_loopback,
    open_app,
    start_server,
    wait_for_text,
    wait_until_idle,
)
from tests.e2e.realistic import ROOM, seed_reassessment, submissions

DOCS = PROJECT_ROOT / "docs"
IMAGES = DOCS / "images"
GUIDES = ("service-managers.md", "commissioners.md", "trainers.md", "womens-survey.md")
SCREEN = ViewportSize(width=1280, height=800)
PHONE = ViewportSize(width=390, height=844)
MAX_BYTES = 300_000

GUIDE_IMAGES = (
    "manager-start.png",
    "manager-profile.png",
    "manager-themes.png",
    "manager-review.png",
    "manager-results.png",
    "manager-gaps.png",
    "manager-plan.png",
    "manager-since-last-time.png",
    "commissioner-files.png",
    "commissioner-heatmap.png",
    "commissioner-common-gaps.png",
    "commissioner-one-service.png",
    "trainer-create.png",
    "trainer-join-code.png",
    "trainer-participant.png",
    "trainer-spread.png",
    "trainer-discuss.png",
    "trainer-consensus.png",
    "survey-staff.png",
    "survey-phone.png",
    "survey-results.png",
)


@pytest.fixture(scope="module")
def shipped(tmp_path_factory: pytest.TempPathFactory) -> Iterator[AppServer]:
    server = start_server(tmp_path_factory.mktemp("guides"))
    yield server
    server.stop()


@pytest.fixture
def screen(page: Page) -> Page:
    page.set_viewport_size(SCREEN)
    return page


# Every chart in view has drawn its picture (Vega-Lite draws a canvas, or an svg, once its data is in);
# a chart in a tab not open draws nothing until the tab is opened.
CHARTS_DRAWN = """() => [...document.querySelectorAll('[data-testid="stVegaLiteChart"]')]
    .filter(chart => chart.checkVisibility())
    .every(chart => [...chart.querySelectorAll("canvas, svg")].some(p => p.getBoundingClientRect().height > 0))"""


def shot(page: Page, name: str, *, top: Locator | None = None) -> None:
    """The viewport as docs/images/<name>, scrolled so that `top` is at the top; PNG palette to stay small."""
    assert name in GUIDE_IMAGES, f"add {name} to GUIDE_IMAGES"
    if top is not None:
        top.first.evaluate("e => e.scrollIntoView({block: 'start'})")
    wait_until_idle(page)
    page.wait_for_function(CHARTS_DRAWN)  # charts draw after the script run ends
    picture = Image.open(io.BytesIO(page.screenshot())).convert("RGB")
    IMAGES.mkdir(parents=True, exist_ok=True)
    picture.quantize(colors=256, method=Image.Quantize.MEDIANCUT).save(IMAGES / name, optimize=True)


def heading(page: Page, text: str) -> Locator:
    return page.locator('[data-testid="stMain"]').get_by_role("heading", name=text)


def pick_radio(page: Page, group: str, option: str) -> None:
    page.get_by_role("radiogroup", name=group).get_by_text(option, exact=True).click()
    wait_until_idle(page)


@pytest.mark.e2e
@pytest.mark.docs_images
def test_the_service_managers_guide_pictures(screen: Page, shipped: AppServer) -> None:
    page = screen
    open_app(page, shipped)
    shot(page, "manager-start.png")

    page.get_by_role("button", name="Start a new assessment").click()
    page.wait_for_url("**/profile?a=*")
    for label, text in (
        ("Service name", "Riverside Women's Hub (fictional)"),
        ("Organisation", "Example — fictional"),
        ("Local authority area", "Eastshire (fictional area)"),
    ):
        fill_and_send(page, page.get_by_label(label), text)
    pick_radio(page, "What is the main setting of your service?", "Community service")
    pick_radio(page, "Does the service run group work?", "Yes")
    pick_radio(page, "Does the service prescribe opioid substitution or other medication?", "Yes")
    shot(page, "manager-profile.png", top=heading(page, "How the service works"))

    page.get_by_role("link", name="Next: the themes").click()
    wait_for_text(page, "Theme 1 of")
    boxes = page.locator("[class*=st-key-question-]")
    for index, label in enumerate(("Met", "Partly met")):
        boxes.nth(index).get_by_text(label, exact=True).click()
        wait_for_text(page, f"Answered {index + 1} of")
    note = boxes.nth(1).get_by_label("Evidence or note (optional)")
    note.fill("Asked at first contact, but not yet recorded on the case system.")
    note.press("Control+Enter")
    wait_until_idle(page)
    shot(page, "manager-themes.png", top=boxes.nth(0))

    open_app(page, shipped)  # a finished example shows the later pages with something in them
    page.get_by_role("button", name="Try this example").click()
    wait_for_text(page, "Not answered yet")
    shot(page, "manager-review.png")

    page.get_by_role("link", name="On to the results").click()
    wait_for_text(page, "Score by theme")
    shot(page, "manager-results.png")
    shot(page, "manager-gaps.png", top=heading(page, "Gaps, most important first"))

    page.locator('[data-testid="stSidebar"]').get_by_role("link", name="Action plan", exact=True).click()
    wait_for_text(page, "Download the PDF action plan")
    page.locator('[data-testid="stExpander"] summary').first.click()
    wait_for_text(page, "Suggested actions")
    shot(page, "manager-plan.png", top=page.locator('[data-testid="stExpander"]'))

    open_app(page, shipped, "results", a=seed_reassessment(shipped))
    shot(page, "manager-since-last-time.png", top=heading(page, "Since the previous assessment"))
    assert_no_app_error(page)


@pytest.mark.e2e
@pytest.mark.docs_images
def test_the_commissioners_guide_pictures(screen: Page, shipped: AppServer, tmp_path: Path) -> None:
    page = screen
    open_app(page, shipped, "compare")
    files = submissions(shipped, tmp_path / "submissions")
    page.locator('[data-testid="stFileUploader"] input[type=file]').set_input_files([str(f) for f in files])
    wait_for_text(page, "Services compared")
    shot(page, "commissioner-files.png", top=heading(page, "Files"))

    shot(page, "commissioner-heatmap.png", top=page.locator('[data-testid="stMetric"]'))
    page.get_by_role("tab", name="Common gaps").click()
    wait_until_idle(page)
    shot(page, "commissioner-common-gaps.png", top=page.locator('[data-testid="stMetric"]'))
    page.get_by_role("tab", name="One service").click()
    wait_until_idle(page)
    shot(page, "commissioner-one-service.png", top=page.get_by_role("tab", name="One service"))
    assert_no_app_error(page)


@pytest.mark.e2e
@pytest.mark.docs_images
def test_the_womens_survey_guide_pictures(screen: Page, shipped: AppServer, browser: Browser) -> None:
    page = screen
    open_app(page, shipped)
    page.get_by_role("button", name="Try this example").click()
    wait_for_text(page, "Not answered yet")
    page.locator('[data-testid="stSidebar"]').get_by_role("link", name="Women's survey", exact=True).click()
    wait_for_text(page, "Open the round")
    page.get_by_role("button", name="Open the round").click()
    wait_for_text(page, "Share the survey")
    shot(page, "survey-staff.png", top=heading(page, "This round"))
    link = page.locator('[data-testid="stCode"]').first.inner_text().strip()

    phone = browser.new_context(viewport=PHONE, has_touch=True, is_mobile=True)
    try:
        woman = phone.new_page()
        woman.goto(link)
        wait_until_idle(woman)
        woman.get_by_role("heading", name="Tell us about your visits").wait_for()
        shot(woman, "survey-phone.png")
    finally:
        phone.close()

    # The example already carries made-up survey counts (practice), so Results has something to show.
    page.locator('[data-testid="stSidebar"]').get_by_role("link", name="Results", exact=True).click()
    wait_for_text(page, "Score by theme")
    shot(
        page, "survey-results.png", top=page.get_by_role("heading", name=re.compile("Where women's experience differs"))
    )
    assert_no_app_error(page)


def more_people(server: AppServer, workshop_id: str) -> None:
    """Four more people answer in the room (through the database: their phones are not the point here)."""
    bank = load_bank(default_bank_path())
    store = WorkshopStore(server.store().url)

    def answered(workshop):  # type: ignore[no-untyped-def]
        for person in range(4):
            workshop, joined = join_workshop(workshop, ["Sam", "", "Dee", ""][person])
            for number, (_, question) in enumerate(workshop_questions(bank, workshop)):
                given = Answer(answer=ROOM[(number * 7 + person * 3) % len(ROOM)])
                workshop = with_participant_answer(bank, workshop, joined.id, question.id, given)
        return workshop

    try:
        store.update(workshop_id, answered)
    finally:
        store.dispose()


@pytest.mark.e2e
@pytest.mark.docs_images
def test_the_trainers_guide_pictures(screen: Page, shipped: AppServer, browser: Browser, guard: RouteGuard) -> None:
    page = screen
    open_app(page, shipped, "workshop")
    page.get_by_label("Workshop name (optional, shown to participants)").fill("Team day, spring")
    page.get_by_label("Service to rate").click()
    page.get_by_role("option", name="Example: Riverside Women's Hub (fictional)").click()
    page.get_by_label("Themes (leave empty for all)").click()
    page.get_by_role("option", name="Women-only provision").click()
    page.get_by_role("option", name="Safety inside the service").click()
    page.keyboard.press("Escape")
    shot(page, "trainer-create.png")
    page.get_by_role("button", name="Create the workshop").click()
    wait_for_text(page, "Join code")
    shot(page, "trainer-join-code.png")
    code = re.search(r"join=([A-Z0-9]{6})", page.locator('[data-testid="stCode"]').first.inner_text())
    workshop_id = re.search(r"[?&]w=([^&]+)", page.url)
    assert code is not None
    assert workshop_id is not None

    phone = browser.new_context(viewport=PHONE)
    phone.route(lambda url: not is_loopback(url), guard.block)
    participant = phone.new_page()
    open_app(participant, shipped, "join", join=code.group(1))
    participant.get_by_label("Your name (optional: leave it empty to stay anonymous)").fill("Priya")
    participant.get_by_role("button", name="Join").click()
    wait_for_text(participant, "You have answered 0 of")
    boxes = participant.locator("[class*=st-key-wp-question-]")
    for index, label in enumerate(("Met", "Partly met")):
        boxes.nth(index).get_by_text(label, exact=True).click()
        wait_for_text(participant, f"You have answered {index + 1} of")
    shot(participant, "trainer-participant.png")
    phone.close()

    more_people(shipped, workshop_id.group(1))
    page.get_by_role("button", name="Refresh now").click()
    wait_for_text(page, "5 joined.")
    shot(page, "trainer-spread.png", top=heading(page, "Where the room disagrees"))
    shot(page, "trainer-discuss.png", top=heading(page, "Discuss and agree, one question at a time"))
    page.get_by_role("radiogroup", name="The answer the room agrees").get_by_text("Partly met", exact=True).click()
    wait_until_idle(page)
    page.get_by_role("button", name="Create the consensus assessment").click()
    wait_for_text(page, "Open the consensus assessment")
    shot(page, "trainer-consensus.png", top=heading(page, "The consensus assessment"))
    assert_no_app_error(page)


def referenced_images() -> set[str]:
    found: set[str] = set()
    for guide in GUIDES:
        found |= set(re.findall(r"\]\(images/([^)]+)\)", (DOCS / guide).read_text(encoding="utf-8")))
    return found


def test_the_guides_use_only_pictures_this_module_makes() -> None:
    assert referenced_images() - set(GUIDE_IMAGES) == set()


def test_every_picture_in_the_guides_exists_and_is_small_enough_to_commit() -> None:
    sizes = {name: (IMAGES / name).stat().st_size if (IMAGES / name).exists() else None for name in referenced_images()}

    assert {name: size for name, size in sizes.items() if size is None or size > MAX_BYTES} == {}
