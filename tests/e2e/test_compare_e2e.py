"""A commissioner uploads a folder's worth of mixed files, reads the report and heatmap, downloads the tables."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import pandas as pd
import pytest
from fpdf import FPDF
from playwright.sync_api import Page, WebSocket, expect
from pypdf import PdfReader

from checklist.domain.assessment import Answer, AnswerValue, Assessment, BankRef, PlannedAction, Service
from checklist.domain.audit import AuditAction, Export
from checklist.domain.bank import load_bank
from checklist.domain.loading import ATTACHMENT_NAME, dump_assessment
from checklist.storage.audit import AuditTrail
from tests.builders import make_assessment
from tests.e2e.conftest import (
    AppServer,
    assert_accessible,
    assert_no_app_error,
    download,
    open_app,
    screenshot,
    start_pdf_server,
    wait_for_text,
    wait_until_idle,
    write_small_bank,
)
from tests.waiting import until_in_page

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def compare_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[AppServer]:
    server = start_pdf_server(tmp_path_factory.mktemp("compare-app"))
    yield server
    server.stop()


def as_json(assessment: Assessment) -> bytes:
    return dump_assessment(assessment, tool_version="test", now=datetime(2025, 1, 1, tzinfo=UTC))


def as_pdf(assessment: Assessment) -> bytes:
    """A PDF carrying the assessment as an attachment, as the tool's action plan does."""
    pdf = FPDF()
    pdf.add_page()
    pdf.embed_file(bytes=as_json(assessment), basename=ATTACHMENT_NAME, mime_type="application/json")
    return bytes(pdf.output())


SERVICES = ("City Hub", "Riverside Home", "Outreach Team", "Old Mill", "Example service")
ORGANISATION = "Northfield Recovery Trust"
OWNER = "Sam Hale (team leader)"
NOTE = "Ask Priya Kaur about the crèche"
FILE_NAMES = ("hub.json", "home.json", "outreach.pdf", "hub (resent).json", "old-mill.json", "example.json")


def finished(*answers: str) -> dict[str, str]:
    """Every question of the small bank answered, so no submission is a draft."""
    return dict(zip(("a1", "a2", "b1", "b2"), answers, strict=True))


def submissions_folder(folder: Path) -> list[Path]:
    """Two services as JSON, one as PDF, one resent, one from an older bank, one practice file, one broken."""
    (folder.parent / "bank").mkdir(parents=True, exist_ok=True)
    bank = load_bank(write_small_bank(folder.parent / "bank"))
    late = PlannedAction(question_id="b1", text="Open a women-only group.", owner=OWNER, due=date(2020, 1, 1))
    hub = make_assessment(
        bank,
        finished("met", "met", "not_met", "partly"),
        service=Service(name="City Hub", organisation=ORGANISATION, area="North"),
        actions=[late],
    ).with_answer("a1", Answer(answer=AnswerValue.MET, note=NOTE))
    home = make_assessment(bank, finished("partly", "met", "not_met", "met"), service=Service(name="Riverside Home"))
    outreach = make_assessment(bank, finished("not_met", "met", "partly", "met"), service=Service(name="Outreach Team"))
    older = make_assessment(bank, finished("met", "met", "met", "met"), service=Service(name="Old Mill")).model_copy(
        update={"bank": BankRef(id=bank.id, version="0.9.0")}
    )
    example = make_assessment(
        bank, finished("met", "met", "met", "met"), service=Service(name="Example service"), practice=True
    )
    files = {
        "hub.json": as_json(hub),
        "home.json": as_json(home),
        "outreach.pdf": as_pdf(outreach),
        "hub (resent).json": as_json(hub),
        "old-mill.json": as_json(older),
        "example.json": as_json(example),
        "broken.json": b'{"format": "checklist.assessment", "answers": {',
    }
    folder.mkdir(parents=True, exist_ok=True)
    for name, data in files.items():
        (folder / name).write_bytes(data)
    return sorted(folder.iterdir())


def upload_folder(page: Page, server: AppServer, files: list[Path]) -> None:
    open_app(page, server, "compare")
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files([str(f) for f in files])
    wait_for_text(page, "7 files: 4 accepted, 1 practice, 1 duplicate, 1 rejected")


def test_a_folder_of_mixed_files_gives_a_report_a_heatmap_and_a_workbook(
    compare_server: AppServer, page: Page, tmp_path: Path
) -> None:
    files = submissions_folder(tmp_path / "inbox")

    upload_folder(page, compare_server, files)

    assert_no_app_error(page)
    assert_accessible(page)
    # expect() retries: the page may still be redrawing after the upload's last script run.
    heatmap = page.locator('[data-testid="stVegaLiteChart"]').first
    expect(heatmap.locator("canvas, svg").first).to_be_visible()
    expect(page.get_by_text("Services compared", exact=True)).to_have_count(1)
    screenshot(page, "compare-laptop")
    saved = download(page, page.get_by_role("button", name="All tables (Excel)"), tmp_path / "comparison.xlsx")
    services = pd.read_excel(saved, sheet_name="Services")
    assert sorted(services["Service"]) == ["City Hub", "Old Mill", "Outreach Team", "Riverside Home"]
    # The file is made when clicked, and noted in the audit trail as it is made (the content never).
    store = compare_server.store()
    trail = AuditTrail(store.url)
    newest = trail.entries(action=AuditAction.EXPORTED, limit=1)
    trail.dispose()
    store.dispose()
    assert [e.detail for e in newest] == [Export.EXCEL.value]


def test_anonymising_changes_the_download_too(compare_server: AppServer, page: Page, tmp_path: Path) -> None:
    files = submissions_folder(tmp_path / "inbox")
    upload_folder(page, compare_server, files)

    page.get_by_text('Show services as "Service A, B, …" (also in downloads)').click()
    # The one-service view names the chosen service; once anonymised it reads "Service X: overall score ...".
    page.get_by_text(re.compile(r"^Service [A-D]: overall score")).wait_for(state="attached")
    wait_until_idle(page)
    saved = download(page, page.get_by_role("button", name="Services (CSV)"), tmp_path / "comparison.csv")

    table = pd.read_csv(saved, encoding="utf-8-sig")
    # Labels are given over every kept file, the practice one too, so four of A to E are used.
    assert len(set(table["Service"])) == 4
    assert all(re.fullmatch(r"Service [A-E]", name) for name in table["Service"])


def test_the_area_summary_pdf_downloads_and_names_the_services(
    compare_server: AppServer, page: Page, tmp_path: Path
) -> None:
    upload_folder(page, compare_server, submissions_folder(tmp_path / "inbox"))

    saved = download(page, page.get_by_role("button", name="Area summary (PDF)", exact=True), tmp_path / "summary.pdf")

    text = "\n".join(p.extract_text() for p in PdfReader(saved).pages)
    assert "City Hub" in text
    assert "Example service" not in text


def test_anonymising_hides_every_name_on_every_tab_and_in_the_charts_data(
    compare_server: AppServer, page: Page, tmp_path: Path
) -> None:
    """Names, organisation, owner, note and file names: none is in the page, nor in anything sent to it after."""
    received: list[str] = []

    def listen(socket: WebSocket) -> None:
        def keep(payload: str | bytes) -> None:
            received.append(payload.decode("utf-8", "replace") if isinstance(payload, bytes) else payload)

        socket.on("framereceived", keep)

    page.on("websocket", listen)
    upload_folder(page, compare_server, submissions_folder(tmp_path / "inbox"))
    # The names are there to hide: the page was sent them before anonymising.
    before = "\n".join(received)
    assert (ORGANISATION in before, "old-mill.json" in before) == (True, True)

    received.clear()
    page.get_by_text('Show services as "Service A, B, …" (also in downloads)').click()
    page.get_by_text(re.compile(r"^Service [A-D]: overall score")).wait_for(state="attached")
    wait_until_idle(page)
    secrets = [*SERVICES, ORGANISATION, OWNER, NOTE, *FILE_NAMES]
    # The first tab's elements drawn before the switch are replaced as the run ends; a slow
    # machine may still show them a moment after the first new line has arrived.
    until_in_page(page, lambda: not any(s in page.content() for s in secrets), "the names drawn before to go")
    for tab in ("Services × themes", "Common gaps", "Theme spread", "Action plans", "One service"):
        page.get_by_role("tab", name=tab).click()
        expect(page.get_by_role("tab", name=tab)).to_have_attribute("aria-selected", "true")
        if tab == "One service":
            page.get_by_role("combobox", name="Service").click()  # its list of options is drawn only when open
        shown = page.content()
        assert [s for s in secrets if s in shown] == [], tab
    sent = "\n".join(received)
    assert "Service A" in sent
    assert [s for s in secrets if s in sent] == []
