"""Compare: every table shows its text in full, on a laptop and a phone, with the key figures first."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from checklist.domain.examples import EXAMPLES
from checklist.ui import compare_page
from tests.e2e.conftest import LAPTOP, PHONE, AppServer, open_app, screenshot, start_server, wait_for_text
from tests.e2e.realistic import submissions

pytestmark = pytest.mark.e2e

TABS = compare_page.TABS
TABLE = '[data-testid="stTabs"] [role="tabpanel"]:not([hidden])'
# Every table cell of the open tab whose text does not fit in it (cut, or behind a scroll of its own).
CUT = """(panel) => Array.from(document.querySelectorAll(panel + ' :is(table, th, td)'))
  .filter(e => e.scrollWidth > e.clientWidth + 1 || e.scrollHeight > e.clientHeight + 1)
  .map(e => e.textContent.slice(0, 60))"""
GRIDS = """(panel) => document.querySelectorAll(panel + ' [data-testid="stDataFrame"]').length"""
CELLS = """(panel) => Array.from(document.querySelectorAll(panel + ' :is(td, th)')).map(e => e.textContent.trim())"""
PAGE_WIDER_THAN_SCREEN = "() => document.documentElement.scrollWidth > window.innerWidth + 1"
KEY_FIGURES = ["Service", "Overall score", "Completion (%)", "Draft", "Gaps", "Safety gaps", "Overdue actions"]
# The services table's headings that end past the right edge of its box, before any scrolling.
OFF_TO_THE_RIGHT = """() => {
  const box = document.querySelector('.st-key-compare-services .checklist-table-box');
  const right = box.getBoundingClientRect().right;
  return Array.from(box.querySelectorAll('thead th'))
    .filter(th => th.getBoundingClientRect().right > right + 1).map(th => th.textContent);
}"""


@pytest.fixture(scope="module")
def shipped(tmp_path_factory: pytest.TempPathFactory) -> Iterator[AppServer]:
    server = start_server(tmp_path_factory.mktemp("compare-tables"))
    yield server
    server.stop()


def upload(page: Page, server: AppServer, folder: Path) -> None:
    open_app(page, server, "compare")
    files = submissions(server, folder)
    page.locator('[data-testid="stFileUploader"] input[type=file]').set_input_files([str(f) for f in files])
    wait_for_text(page, "Services compared")


@pytest.mark.parametrize("size", [LAPTOP, PHONE], ids=["laptop", "phone"])
def test_every_compare_tab_shows_each_cell_in_full_with_no_grid_and_no_none(
    page: Page, shipped: AppServer, size: dict[str, int], tmp_path: Path
) -> None:
    page.set_viewport_size(size)
    upload(page, shipped, tmp_path / "submissions")

    found = {}
    for number, tab in enumerate(TABS):
        page.get_by_role("tab", name=tab).click()
        panel = page.locator(TABLE)
        expect(panel.locator("table").first).to_be_visible()
        cells = page.evaluate(CELLS, TABLE)
        found[tab] = {
            "cut": page.evaluate(CUT, TABLE),
            "grids": page.evaluate(GRIDS, TABLE),
            "none": [c for c in cells if c in ("None", "nan", "NaN")],
            "wider than the screen": page.evaluate(PAGE_WIDER_THAN_SCREEN),
        }
        screenshot(page, f"compare-tab-{number}-{size['width']}")

    nothing_wrong = {"cut": [], "grids": 0, "none": [], "wider than the screen": False}
    assert found == dict.fromkeys(TABS, nothing_wrong)


def test_the_key_figures_of_every_service_are_in_view_at_1366_pixels_without_scrolling(
    page: Page, shipped: AppServer, tmp_path: Path
) -> None:
    page.set_viewport_size(LAPTOP)
    upload(page, shipped, tmp_path / "submissions")

    services = page.locator(".st-key-compare-services")
    headings = services.locator("thead th").all_inner_texts()
    off = page.evaluate(OFF_TO_THE_RIGHT)

    assert headings[: len(KEY_FIGURES)] == KEY_FIGURES
    assert [h for h in KEY_FIGURES if h in off] == []
    expect(services.locator("tbody tr")).to_have_count(len(EXAMPLES))
