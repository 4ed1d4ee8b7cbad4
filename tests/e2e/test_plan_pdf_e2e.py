"""A person finishes an assessment, builds a plan from the quick wins, downloads the PDF and it checks out."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from checklist.domain.bank import load_bank
from checklist.domain.loading import load_assessment
from tests.e2e.conftest import (
    AppServer,
    after_a_run,
    assert_no_app_error,
    download,
    fill_and_send,
    open_app,
    start_pdf_server,
    wait_for_text,
    wait_until_idle,
    write_small_bank,
)

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def plan_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[AppServer]:
    server = start_pdf_server(tmp_path_factory.mktemp("plan-app"))
    yield server
    server.stop()


SERVICE = "Gwasanaeth Ŵyn „Zażółć”"


def answer(page: Page, question_id: str, label: str, answered: int) -> None:
    page.locator(f".st-key-question-{question_id}").get_by_text(label, exact=True).click()
    wait_for_text(page, f"Answered {answered} of")


def finish_assessment(page: Page, server: AppServer) -> str:
    open_app(page, server)
    page.get_by_role("button", name="Start a new assessment").click()
    page.wait_for_url("**/profile?a=*")
    wait_for_text(page, "Service profile")
    assessment_id = page.url.split("a=")[1].split("&")[0]
    page.get_by_label("Service name").fill(SERVICE)
    page.get_by_label("Service name").press("Enter")
    # Saved once the sidebar names the service; leaving the page before that would drop the name.
    expect(page.locator('[data-testid="stSidebar"]')).to_contain_text(SERVICE)
    wait_until_idle(page)
    # Each change is typed only once the run saving the last one has ended: a run starting mid-typing
    # redraws the field and drops the keys already typed.
    fill_and_send(page, page.get_by_label("Organisation"), "Ymddiriedolaeth")
    page.get_by_role("spinbutton", name="day, Date of the assessment").click()
    page.keyboard.type("01032026")
    # The typed date is sent on leaving the field (its calendar stays open until then).
    after_a_run(page, lambda: page.get_by_label("Organisation").click())
    # The PDF waits for the name, organisation and date; the notice goes once all three are saved.
    expect(page.get_by_text("Still missing:")).to_have_count(0)
    wait_until_idle(page)
    open_app(page, server, "themes", a=assessment_id)
    answer(page, "a1", "Not met", 1)
    answer(page, "a2", "Partly met", 2)
    page.get_by_role("button", name="Next theme").click()
    wait_for_text(page, "Why beta matters")
    answer(page, "b1", "Don't know", 3)
    answer(page, "b2", "Not met", 4)
    return assessment_id


def test_finish_plan_and_download_a_pdf_that_carries_the_assessment(
    page: Page, plan_server: AppServer, tmp_path: Path
) -> None:
    assessment_id = finish_assessment(page, plan_server)

    open_app(page, plan_server, "plan", a=assessment_id)
    page.get_by_role("button", name="Start the plan from the quick wins (3)").click()
    wait_for_text(page, "(1 action)")
    # The first PDF in a server process also starts vl-convert and loads the fonts.
    button = page.get_by_role("button", name="Download the PDF action plan")
    pdf = download(page, button, tmp_path / "plan.pdf", timeout=60_000)

    loaded = load_assessment(pdf.read_bytes(), "plan.pdf", load_bank(write_small_bank(tmp_path))).assessment
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert (loaded.id, loaded.service.name, loaded.assessed_on, sorted(a.question_id for a in loaded.actions)) == (
        assessment_id,
        SERVICE,
        date(2026, 3, 1),
        ["a1", "a2", "b2"],
    )
    assert SERVICE in text
    assert "Fix a1." in text
    assert_no_app_error(page)
