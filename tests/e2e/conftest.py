"""Shared end-to-end fixtures: the real app under `streamlit run`, driven by Debian's Chromium.

How to use them in a test module (every test here must be marked e2e):

    pytestmark = pytest.mark.e2e

    def test_something(app_server, page):          # one server per module, a fresh tab per test
        open_app(page, app_server, "themes", a=assessment_id)
        page.get_by_text("Met", exact=True).first.click()
        wait_for_text(page, "Answered 1 of 4")
        assert_accessible(page)                     # axe-core: no serious or critical violation
        screenshot(page, "themes-laptop")           # the whole page, into /tmp/shots/

* `app_server` runs app.py on the tiny bank in tests/ui/conftest.py. A module that needs another bank
  or environment starts its own with `start_server(tmp_path, bank=..., env={...})` (and stops it).
* `page` is a new browser context per test. Its route guard blocks every request that does not go
  to 127.0.0.1 or localhost; after the test the number of blocked requests must be zero.
* `app_server.store()` is the server's own database: seed assessments there to skip clicking.
* Each server gets a free loopback port, its own HOME and its own CHECKLIST_DATA_DIR (so its own
  SQLite database), so tests run in parallel under `pytest -n 2`.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode, urlparse

import pytest
import yaml
from playwright.sync_api import Browser, Locator, Page, Playwright, Route, WebSocketRoute, expect, sync_playwright

from checklist.domain.assessment import Assessment
from checklist.paths import PROJECT_ROOT
from checklist.storage import AssessmentStore
from tests.ui.conftest import small_bank_document
from tests.waiting import until

CHROMIUM = "/usr/bin/chromium"
STREAMLIT = PROJECT_ROOT / ".venv" / "bin" / "streamlit"
SHOTS = Path(os.environ.get("CHECKLIST_SHOTS_DIR", "/tmp/shots"))
LOOPBACK = {"127.0.0.1", "localhost", "::1", "[::1]"}
READY = '[data-testid="stApp"][data-test-script-state="notRunning"]'
LAPTOP = {"width": 1366, "height": 768}
PHONE = {"width": 390, "height": 844}
# How long expect() retries. Playwright's 5 s is too short when two test workers, their servers and
# browsers share two cores: a rerun that takes 6 s there is slow, not wrong.
EXPECT_SECONDS = 20
expect.set_options(timeout=EXPECT_SECONDS * 1000)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@dataclass
class AppServer:
    """One `streamlit run app.py` process. `kill()` is a SIGKILL; `start()` again reuses the same database."""

    home: Path
    env: dict[str, str]
    port: int = field(default_factory=free_port)
    process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> AppServer:
        command = [str(STREAMLIT), "run", "app.py", "--server.port", str(self.port), "--server.headless", "true"]
        log = (self.home / "server.log").open("ab")
        self.process = subprocess.Popen(
            command, cwd=PROJECT_ROOT, env=self.env, stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT
        )
        self._wait_healthy()
        return self

    def _wait_healthy(self, timeout: float = 30) -> None:
        until(self._healthy, f"streamlit to answer its health check; see {self.home / 'server.log'}", seconds=timeout)

    def _healthy(self) -> bool:
        assert self.process is not None
        if self.process.poll() is not None:
            raise RuntimeError(f"streamlit exited early; see {self.home / 'server.log'}")
        try:
            with urllib.request.urlopen(f"{self.url}/_stcore/health", timeout=1) as reply:  # noqa: S310 - loopback
                return bool(reply.read() == b"ok")
        except OSError:
            return False

    def store(self) -> AssessmentStore:
        """The server's own database, to seed assessments without clicking through the app."""
        data = Path(self.env["CHECKLIST_DATA_DIR"])
        data.mkdir(parents=True, exist_ok=True)
        return AssessmentStore(f"sqlite:///{data / 'checklist.sqlite3'}")

    def kill(self) -> None:
        """Die as in a crash or power cut: no clean shutdown."""
        if self.process is not None:
            self.process.send_signal(signal.SIGKILL)
            self.process.wait(10)
            self.process = None

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.kill()
            self.process = None


def write_small_bank(folder: Path) -> Path:
    path = folder / "bank.yaml"
    path.write_text(yaml.safe_dump(small_bank_document()), encoding="utf-8")
    return path


def start_server(
    folder: Path,
    *,
    bank: Path | None = None,
    env: dict[str, str] | None = None,
    secrets: Callable[[int], str] | None = None,
) -> AppServer:
    """Start the app with its own HOME and data folder under `folder`; `bank` None means the shipped bank.

    `secrets` makes the text of the server's secrets file (HOME/.streamlit/secrets.toml) from its port,
    e.g. an `[auth]` section whose redirect_uri names that port (tests/e2e/signin.py).
    """
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "home").mkdir(exist_ok=True)
    port = free_port()
    if secrets is not None:
        (folder / "home" / ".streamlit").mkdir(exist_ok=True)
        (folder / "home" / ".streamlit" / "secrets.toml").write_text(secrets(port), encoding="utf-8")
    environment = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(folder / "home"),
        "LANG": "C.UTF-8",
        "CHECKLIST_DATA_DIR": str(folder / "data"),
        "CHECKLIST_DATABASE_URL": "",
        "STREAMLIT_BROWSER_GATHER_USAGE_STATS": "false",
        "STREAMLIT_SERVER_ADDRESS": "127.0.0.1",
    }
    if bank is not None:
        environment["CHECKLIST_BANK"] = str(bank)
    return AppServer(home=folder, env={**environment, **(env or {})}, port=port).start()


@pytest.fixture(scope="module")
def app_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[AppServer]:
    """The app on the small test bank, shared by the tests of one module."""
    folder = tmp_path_factory.mktemp("app")
    server = start_server(folder, bank=write_small_bank(folder))
    yield server
    server.stop()


@pytest.fixture(scope="session")
def playwright_driver() -> Iterator[Playwright]:
    with sync_playwright() as driver:
        yield driver


@pytest.fixture(scope="session")
def browser(playwright_driver: Playwright) -> Iterator[Browser]:
    browser = playwright_driver.chromium.launch(
        executable_path=CHROMIUM,
        headless=True,
        args=[
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ],
    )
    yield browser
    browser.close()


def is_loopback(url: str) -> bool:
    parsed = urlparse(url)
    return parsed.scheme not in {"http", "https", "ws", "wss"} or (parsed.hostname or "") in LOOPBACK


@dataclass
class RouteGuard:
    """Counts (and blocks) every request that would leave the machine."""

    blocked: list[str] = field(default_factory=list)

    def block(self, route: Route) -> None:
        self.blocked.append(route.request.url)
        route.abort("blockedbyclient")

    def block_socket(self, socket_route: WebSocketRoute) -> None:
        self.blocked.append(socket_route.url)
        socket_route.close()


@pytest.fixture
def guard() -> RouteGuard:
    return RouteGuard()


@pytest.fixture
def page(browser: Browser, guard: RouteGuard) -> Iterator[Page]:
    """A fresh tab (own cookies and storage) at laptop size, with the route guard on."""
    context = browser.new_context(viewport=LAPTOP, accept_downloads=True)
    # Generous: CI shares two cores between two test workers and up to twenty browsers.
    context.set_default_timeout(45_000)
    context.route(lambda url: not is_loopback(url), guard.block)
    context.route_web_socket(lambda url: not is_loopback(url), guard.block_socket)
    tab = context.new_page()
    yield tab
    context.close()
    assert guard.blocked == [], f"the page tried to reach outside this machine: {guard.blocked}"


def wait_until_idle(page: Page) -> None:
    """Wait for Streamlit to finish its script run (pair it with wait_for_text after an action)."""
    page.wait_for_selector(READY)


# Notes, from before an action, whether the app has started a script run since (the attribute
# Streamlit flips to "running"), so a wait cannot mistake the idle page before the run for after it.
WATCH_FOR_A_RUN = """() => {
    const app = document.querySelector('[data-testid="stApp"]');
    window.__checklistRunSeen = false;
    window.__checklistRunWatch?.disconnect();
    window.__checklistRunWatch = new MutationObserver(() => { window.__checklistRunSeen = true; });
    window.__checklistRunWatch.observe(app, {attributes: true, attributeFilter: ["data-test-script-state"]});
}"""
A_RUN_HAS_ENDED = """() => window.__checklistRunSeen === true && document.querySelector(
    '[data-testid="stApp"]').getAttribute("data-test-script-state") === "notRunning"
"""


def after_a_run(page: Page, action: Callable[[], object]) -> None:
    """Do `action`, which must make the app rerun, and return once that run has ended."""
    page.evaluate(WATCH_FOR_A_RUN)
    action()
    page.wait_for_function(A_RUN_HAS_ENDED)


def fill_and_send(page: Page, box: Locator, text: str, key: str = "Enter") -> None:
    """Fill a text box and send it with `key`; return once the run that saves it has ended.

    The page also sends a box by itself half a second after typing stops (widgets.save_while_typing):
    on a slow machine that run may come first, and then the key starts none. The watch begins before
    the typing, so whichever run saves the text is the one waited for.
    """
    after_a_run(page, lambda: (box.fill(text), box.press(key)))


def open_app(page: Page, server: AppServer, path: str = "", **query: str) -> None:
    """Open a page of the app (url path like "themes"), with query parameters such as a=<id>."""
    suffix = f"?{urlencode(query)}" if query else ""
    page.goto(f"{server.url}/{path}{suffix}")
    wait_until_idle(page)
    page.wait_for_selector('[data-testid="stMainBlockContainer"] h1')


def wait_for_text(page: Page, text: str) -> None:
    page.get_by_text(text).first.wait_for()
    wait_until_idle(page)


def assert_no_app_error(page: Page) -> None:
    assert page.locator('[data-testid="stException"]').count() == 0


# Violations of Streamlit's own markup that the app cannot change, as {axe rule: {selector: reason}}.
# Matched exactly, on the rule and on the element's whole axe target, never by substring, so a
# violation in our content is never hidden. Empty: no violation is filtered today.
STREAMLIT_OWN: dict[str, dict[str, str]] = {}

# Moderate and minor findings (but OUR_OWN_LESSER's) do not fail a test; each is listed here and printed.
MODERATE_FINDINGS: list[str] = []
# Lesser rules that only the app's own content can break, so they fail a test as serious ones do.
OUR_OWN_LESSER = {"heading-order"}  # headings: the page's st.title, its sections' st.header, st.subheader inside


def filtered_out(rule: str, target: list[str] | str) -> bool:
    """Whether a violation is one of Streamlit's own, listed in STREAMLIT_OWN with its reason."""
    selector = " ".join(map(str, target)) if isinstance(target, list) else target
    return selector in STREAMLIT_OWN.get(rule, {})


def assert_accessible(page: Page) -> None:
    """axe-core on the current page: no serious or critical violation from our content.

    Moderate and minor findings are printed (pytest -s, or the captured output of a failure) and
    gathered in MODERATE_FINDINGS and in SHOTS/axe-moderate.txt; those of OUR_OWN_LESSER fail as well.
    """
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    found = [
        (v["id"], v["impact"], node["target"], v["help"])
        for v in results.response["violations"]
        for node in v["nodes"]
        if not filtered_out(v["id"], node["target"])
    ]
    lesser = [
        f"{page.url}: {rule} ({impact}): {target} {why}"
        for rule, impact, target, why in found
        if impact in {"moderate", "minor"}
    ]
    for line in lesser:
        print(f"axe {line}")
    MODERATE_FINDINGS.extend(lesser)
    if lesser:
        SHOTS.mkdir(parents=True, exist_ok=True)
        with (SHOTS / "axe-moderate.txt").open("a", encoding="utf-8") as log:
            log.writelines(f"{line}\n" for line in lesser)
    problems = [
        f"{page.url}: {rule} ({impact}): {target} {why}"
        for rule, impact, target, why in found
        if impact in {"serious", "critical"} or rule in OUR_OWN_LESSER
    ]
    assert problems == []


def screenshot(page: Page, name: str) -> Path:
    """Screenshot the whole page into SHOTS. Streamlit scrolls an inner box, so grow the viewport to fit it."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    size = page.viewport_size or LAPTOP
    height = page.evaluate(
        "Math.max(...Array.from(document.querySelectorAll('*')).map(e => e.scrollHeight), window.innerHeight)"
    )
    page.set_viewport_size({"width": size["width"], "height": min(int(height), 16_000)})
    wait_until_idle(page)
    path = SHOTS / f"{name}.png"
    page.screenshot(path=str(path))
    page.set_viewport_size(size)
    return path


def start_pdf_server(folder: Path) -> AppServer:
    """The app on the small bank, sharing this process's font cache: making the PDF fonts takes ~15 s once."""
    from checklist.render.fonts import cache_dir, font_set  # only the modules that make PDFs pay for the fonts

    font_set()
    return start_server(folder, bank=write_small_bank(folder), env={"CHECKLIST_CACHE_DIR": str(cache_dir().parent)})


def download(page: Page, button: Locator, to: Path, *, timeout: float | None = None) -> Path:
    """Click a download button and save what the browser receives at `to`."""
    # Clicked mid-rerun, the button can be swapped for its redrawn copy and the click lost.
    wait_until_idle(page)
    expect(button).to_be_enabled()
    with page.expect_download(timeout=timeout) as started:
        button.click()
    started.value.save_as(to)
    return to


def seed(store: AssessmentStore, assessment: Assessment) -> Assessment:
    """Save an assessment straight into the app's database, then let go of the store's connections."""
    store.create(assessment)
    store.dispose()
    return assessment


def saved_assessment(store: AssessmentStore, assessment_id: str) -> Assessment:
    """What the app saved under this id, read straight from its database."""
    stored = store.get(assessment_id)
    store.dispose()
    assert stored is not None
    return stored.assessment
