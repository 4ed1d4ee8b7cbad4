"""A question bank full of image and link markup: every page shows it as text, and the browser stays home.

Bank text (titles, summaries, questions, help, option labels, "why it matters", evidence and prompts)
is the bank author's, not the tool's. Rendered as Markdown it made the browser fetch images from
another address and showed links to sites the bank does not list. The route guard of the `page`
fixture fails the test on any request off the app's origin; the checks here add that no image and no
link to an unlisted address is in the page.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlparse

import pytest
import yaml
from playwright.sync_api import Page, expect

from checklist.domain.assessment import Answer, AnswerValue, PlannedAction, Service
from checklist.domain.bank import load_bank
from checklist.domain.loading import dump_assessment
from checklist.domain.workshop import create_workshop, join_workshop
from checklist.storage.workshops import WorkshopStore
from tests.builders import make_assessment
from tests.e2e.conftest import AppServer, assert_no_app_error, open_app, seed, start_server, wait_for_text
from tests.hostile_bank import all_markup_bank

pytestmark = pytest.mark.e2e

LISTED_SOURCE = "https://example.org/"
SHOWN = '[data-testid="stMain"], [data-testid="stSidebar"]'


@dataclass(frozen=True)
class Seeded:
    server: AppServer
    assessment_id: str
    workshop_id: str
    join_code: str
    participant_id: str
    file: Path


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Seeded]:
    folder = tmp_path_factory.mktemp("markup")
    bank_path = folder / "bank.yaml"
    bank_path.write_text(yaml.safe_dump(all_markup_bank(), allow_unicode=True), encoding="utf-8")
    server = start_server(folder, bank=bank_path)
    bank = load_bank(bank_path)
    assessment = make_assessment(
        bank,
        {"a1": "not_met", "b1": "partly", "b2": "unknown"},
        service=Service(name="Markup service", profile={"groups": "yes"}),
    ).model_copy(update={"actions": [PlannedAction(id="act1", question_id="a1", text="Fix a1")]})
    assessment = assessment.with_answer("a2", Answer(answer=AnswerValue.NA, na_reason="No groups."))
    seed(server.store(), assessment)
    file = folder / "submission.json"
    file.write_bytes(dump_assessment(assessment.model_copy(update={"id": "markup-submission-01"}), tool_version="t"))
    workshop, person = join_workshop(create_workshop(bank, service=Service(name="Room"), title="Room"), "Sam")
    workshops = WorkshopStore(server.store().url)
    stored = workshops.create(workshop)
    workshops.dispose()
    yield Seeded(server, assessment.id, stored.workshop.id, stored.workshop.join_code, person.id, file)
    server.stop()


def open_every_expander(page: Page) -> None:
    for summary in page.locator('[data-testid="stMain"] [data-testid="stExpander"] summary').all():
        summary.click()


def start(page: Page, s: Seeded) -> None:
    open_app(page, s.server, "", a=s.assessment_id)
    open_every_expander(page)


def plan(page: Page, s: Seeded) -> None:
    open_app(page, s.server, "plan", a=s.assessment_id)
    open_every_expander(page)
    wait_for_text(page, "Suggested actions")


def compare(page: Page, s: Seeded) -> None:
    open_app(page, s.server, "compare")
    page.locator('[data-testid="stFileUploader"] input[type=file]').set_input_files([str(s.file)])
    wait_for_text(page, "Services compared")


PAGES: dict[str, Callable[[Page, Seeded], None]] = {
    "start": start,
    "profile": lambda page, s: open_app(page, s.server, "profile", a=s.assessment_id),
    "themes-alpha": lambda page, s: open_app(page, s.server, "themes", a=s.assessment_id, t="alpha"),
    "themes-beta": lambda page, s: open_app(page, s.server, "themes", a=s.assessment_id, t="beta"),
    "review": lambda page, s: open_app(page, s.server, "review", a=s.assessment_id),
    "results": lambda page, s: open_app(page, s.server, "results", a=s.assessment_id),
    "plan": plan,
    "compare": compare,
    "workshop": lambda page, s: open_app(page, s.server, "workshop", w=s.workshop_id),
    "join": lambda page, s: open_app(page, s.server, "join", join=s.join_code, p=s.participant_id),
}


def links_off_the_listed_sources(page: Page) -> list[str]:
    hrefs: list[str] = page.locator(SHOWN).locator("a[href]").evaluate_all("links => links.map(a => a.href)")
    return [h for h in hrefs if urlparse(h).hostname not in {"127.0.0.1", "localhost"} and h != LISTED_SOURCE]


@pytest.mark.parametrize("name", list(PAGES))
def test_bank_markup_makes_no_image_no_unlisted_link_and_no_outside_request(
    page: Page, seeded: Seeded, name: str
) -> None:
    PAGES[name](page, seeded)
    expect(page.get_by_text("evil.example").first).to_be_attached()  # the markup is there, shown as text

    assert_no_app_error(page)
    # The workshop's QR code is the one image the app draws itself (a PNG made on the server, from the join link).
    own_qr = "img:not([alt^='QR code of'])"
    assert page.locator(SHOWN).locator(f"{own_qr}, picture, source, [style*='url(']").count() == 0
    assert links_off_the_listed_sources(page) == []
