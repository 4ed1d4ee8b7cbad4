"""Served as deploy/ says: real nginx over HTTPS in front of two app processes on one PostgreSQL.

People answer on both processes; one process is killed with SIGKILL mid-assessment; its browsers
reconnect through the proxy to the other and carry on, with every acknowledged answer in the
database; the revision check still refuses a real clash between the two processes; every page
passes the Content-Security-Policy, and the proxy's security headers are on every response.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, ConsoleMessage, Page, expect
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState
from websockets.sync.client import connect

from checklist.domain.assessment import Assessment, Service
from checklist.domain.bank import load_bank
from checklist.storage import AssessmentStore
from tests.builders import make_assessment
from tests.deploy import ROUTE_COOKIE, NginxProxy, unverified
from tests.e2e.conftest import EXPECT_SECONDS, LAPTOP, READY, free_port, is_loopback, write_small_bank
from tests.e2e.proxy_site import UnitServer, app_environment, route_to
from tests.e2e.test_walkthrough_e2e import question_box
from tests.pg import PrivatePostgres, postgres_bin

pytestmark = [pytest.mark.e2e, pytest.mark.proxy]

STALE_WORDS = "changed this same answer or field since you opened it"


@dataclass
class Site:
    proxy: NginxProxy
    apps: list[UnitServer]
    database: str
    bank_path: Path
    csp_violations: list[str] = field(default_factory=list)
    blocked: list[str] = field(default_factory=list)

    def store(self) -> AssessmentStore:
        return AssessmentStore(self.database)

    def route_to(self, app: UnitServer) -> str:
        """A route cookie value that nginx's consistent hash sends to `app`."""
        return route_to(self.proxy, app.port)


@pytest.fixture(scope="module")
def whole_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    """PostgreSQL, two app processes and nginx, shared by the module's tests (each takes ~20 s to start)."""
    binaries = postgres_bin()
    assert binaries is not None, "PostgreSQL is not installed; make test installs it (scripts/system-deps.sh)"
    folder = tmp_path_factory.mktemp("site")
    pg_folder = Path(tempfile.mkdtemp(prefix="checklist-pg-"))
    if os.geteuid() == 0:
        shutil.chown(pg_folder, "nobody")
    database = PrivatePostgres(binaries, pg_folder, free_port())
    bank = write_small_bank(folder)
    ports = [free_port(), free_port()]
    proxy = NginxProxy(folder / "nginx", app_ports=ports)
    apps: list[UnitServer] = []
    try:
        database.init()
        for n, port in enumerate(ports):
            home = folder / f"app{n}"
            apps.append(UnitServer(home=home, env=app_environment(home, database.url, proxy.url, bank), port=port))
        for app in apps:
            app.start()
        yield Site(proxy.start(), apps, database.url, bank)
    finally:
        proxy.stop()
        for app in apps:
            app.stop()
        database.discard()


@pytest.fixture
def site(whole_site: Site) -> Iterator[Site]:
    """The shared site with both processes running (a test may have killed one) and nothing collected yet."""
    for app in whole_site.apps:
        if app.process is None:
            app.start()
    whole_site.csp_violations.clear()
    whole_site.blocked.clear()
    # Two app processes, nginx, PostgreSQL and several browsers share two cores: give each page time.
    expect.set_options(timeout=30_000)
    yield whole_site
    expect.set_options(timeout=EXPECT_SECONDS * 1000)  # as before, for the other modules in this process


def person(browser: Browser, site: Site, app: UnitServer) -> Page:
    """A browser whose route cookie sends it to `app`, collecting CSP violations and outside requests."""
    context: BrowserContext = browser.new_context(viewport=LAPTOP, ignore_https_errors=True)
    context.set_default_timeout(45_000)
    context.add_cookies([{"name": ROUTE_COOKIE, "value": site.route_to(app), "url": site.proxy.url}])
    context.route(
        lambda url: not is_loopback(url), lambda route: (site.blocked.append(route.request.url), route.abort())
    )
    context.expose_binding("reportCsp", lambda _source, text: site.csp_violations.append(text))
    context.add_init_script(
        "document.addEventListener('securitypolicyviolation', "
        "e => window.reportCsp(`${e.violatedDirective} blocked ${e.blockedURI} on ${location.pathname}`));"
    )
    page = context.new_page()

    def on_console(message: ConsoleMessage) -> None:
        if "Content Security Policy" in message.text:
            site.csp_violations.append(message.text)

    page.on("console", on_console)
    return page


def open_page(page: Page, site: Site, path: str, assessment_id: str | None = None) -> None:
    page.goto(f"{site.proxy.url}/{path}" + (f"?a={assessment_id}" if assessment_id else ""))
    page.wait_for_selector(READY)
    page.wait_for_selector('[data-testid="stMainBlockContainer"] h1')


def answer(page: Page, question_id: str, label: str, answered: int) -> None:
    """Click an answer and wait until the page acknowledges it: the new count shown, nothing 'Not saved'."""
    question_box(page, question_id).get_by_text(label, exact=True).click()
    expect(page.get_by_text(f"Answered {answered} of").first).to_be_visible()
    page.wait_for_selector(READY)
    expect(page.get_by_text("Not saved")).to_have_count(0)


def new_assessment(site: Site, name: str) -> Assessment:
    bank = load_bank(site.bank_path)
    assessment = make_assessment(bank, service=Service(name=name))
    store = site.store()
    store.create(assessment)
    store.dispose()
    return assessment


def stored_answers(site: Site, assessment_id: str) -> dict[str, str]:
    store = site.store()
    stored = store.get(assessment_id)
    store.dispose()
    assert stored is not None
    return {qid: a.answer.value for qid, a in stored.assessment.answers.items()}


def test_people_on_a_killed_process_carry_on_on_the_other_with_every_acknowledged_answer_kept(
    site: Site, browser: Browser
) -> None:
    first, second = site.apps
    ana_assessment, ben_assessment = new_assessment(site, "Harbour House"), new_assessment(site, "Riverside")
    ana, ben = person(browser, site, first), person(browser, site, second)
    open_page(ana, site, "themes", ana_assessment.id)
    open_page(ben, site, "themes", ben_assessment.id)
    answer(ana, "a1", "Met", 1)
    answer(ben, "a1", "Not met", 1)

    watch_connection(ana)
    first.kill()  # mid-assessment: Ana's process dies without a word

    # Ana's page reconnects through the proxy to the other process, without a reload, and the answer
    # she clicks the moment it is connected again reaches a session there that has not drawn the page.
    ana.wait_for_function(RECONNECTED, timeout=45_000)
    answer(ana, "a2", "Partly met", 2)
    ana.get_by_role("button", name="Next theme").click()
    expect(ana.get_by_text("Why beta matters").first).to_be_visible()
    ana.wait_for_selector(READY)
    answer(ana, "b1", "Met", 3)
    ben.get_by_role("button", name="Next theme").click()
    expect(ben.get_by_text("Why beta matters").first).to_be_visible()
    ben.wait_for_selector(READY)
    answer(ben, "b1", "Partly met", 2)
    answer(ben, "b2", "Met", 3)

    assert stored_answers(site, ana_assessment.id) == {"a1": "met", "a2": "partly", "b1": "met"}
    assert stored_answers(site, ben_assessment.id) == {"a1": "not_met", "b1": "partly", "b2": "met"}
    assert (ana_route(ana), second.port) in site.proxy.routes("/_stcore/")  # reconnected through the proxy
    assert site.csp_violations == []
    assert site.blocked == []


# Set when Streamlit's page leaves the CONNECTED state; RECONNECTED is then true once it is back.
WATCH_CONNECTION = """() => {
  const app = document.querySelector('[data-testid="stApp"]');
  new MutationObserver(() => {
    if (app.getAttribute('data-test-connection-state') !== 'CONNECTED') window.checklistLostConnection = true;
  }).observe(app, {attributes: true, attributeFilter: ['data-test-connection-state']});
}"""
RECONNECTED = """() => window.checklistLostConnection === true && document.querySelector(
  '[data-testid="stApp"]').getAttribute('data-test-connection-state') === 'CONNECTED'"""


def watch_connection(page: Page) -> None:
    page.evaluate(WATCH_CONNECTION)


def test_a_click_that_reaches_a_new_session_before_it_has_drawn_the_page_is_acted_on(site: Site) -> None:
    """What a browser sends after a failover, spoken over Streamlit's websocket protocol without a browser.

    The click is the first message of a new session on the other process: an answer is saved, and
    "Next theme" opens the next theme, although that session ran no page before.
    """
    first, second = site.apps
    opened = new_assessment(site, "Lakeside")
    drawn = page_run(site, first, opened.id, [])  # the ids of the page's widgets, as a browser has them
    answer_id = next(w for w in drawn.widgets if w.endswith("-answer-a2"))
    next_id = next(w for w in drawn.widgets if w.endswith("-next-theme"))

    page_run(site, second, opened.id, [WidgetState(id=answer_id, string_value="Partly met")])
    moved = page_run(site, second, opened.id, [WidgetState(id=next_id, trigger_value=True)])

    assert stored_answers(site, opened.id) == {"a2": "partly"}
    assert "t=beta" in moved.query


@dataclass
class PageRun:
    widgets: list[str] = field(default_factory=list)  # widget ids drawn, in page order
    query: str = ""  # the page's address after the run


def page_run(site: Site, app: UnitServer, assessment_id: str, states: list[WidgetState]) -> PageRun:
    """A new session on `app`, through the proxy, whose first message is a rerun of Themes with `states`."""
    message = BackMsg()
    message.rerun_script.query_string = f"a={assessment_id}&t=alpha"
    message.rerun_script.page_name = "themes"
    message.rerun_script.widget_states.widgets.extend(states)
    found = PageRun()
    with connect(
        f"wss://localhost:{site.proxy.https_port}/_stcore/stream", ssl=unverified(), subprotocols=["streamlit"],
        additional_headers={"Cookie": f"{ROUTE_COOKIE}={site.route_to(app)}"}, max_size=None, open_timeout=60,
    ) as connection:  # fmt: skip
        connection.send(message.SerializeToString())
        while True:
            reply = ForwardMsg()
            reply.ParseFromString(connection.recv(timeout=60))
            kind = reply.WhichOneof("type")
            if kind == "page_info_changed":
                found.query = reply.page_info_changed.query_string
            elif kind == "delta" and reply.delta.WhichOneof("type") == "new_element":
                element = reply.delta.new_element
                widget = getattr(element, element.WhichOneof("type") or "")
                if getattr(widget, "id", "").startswith("$$ID-"):
                    found.widgets.append(widget.id)
            elif kind == "script_finished" and reply.script_finished == ForwardMsg.FINISHED_SUCCESSFULLY:
                return found


def ana_route(page: Page) -> str:
    return next(c["value"] for c in page.context.cookies() if c["name"] == ROUTE_COOKIE)


def test_the_revision_check_refuses_a_clash_between_two_processes(site: Site, browser: Browser) -> None:
    first, second = site.apps
    shared = new_assessment(site, "Shared service")
    cara, dev = person(browser, site, first), person(browser, site, second)
    open_page(cara, site, "themes", shared.id)
    open_page(dev, site, "themes", shared.id)

    answer(cara, "a1", "Met", 1)
    question_box(dev, "a1").get_by_text("Not met", exact=True).click()

    expect(dev.get_by_text(STALE_WORDS).first).to_be_visible()
    assert stored_answers(site, shared.id) == {"a1": "met"}


def test_every_page_passes_the_content_security_policy(site: Site, browser: Browser) -> None:
    """Each page drawn through the proxy, charts and all, with no CSP violation reported by the browser."""
    bank = load_bank(site.bank_path)
    done = make_assessment(bank, {"a1": "met", "b1": "partly", "b2": "not_met"}, service=Service(name="Full"))
    store = site.store()
    store.create(done)
    store.dispose()
    page = person(browser, site, site.apps[0])
    open_page(page, site, "")
    for path in ("profile", "themes", "review", "results", "plan"):
        open_page(page, site, path, done.id)
        if path == "results":  # the charts are drawn by vega in the browser: the part a CSP most often breaks
            expect(page.locator('[data-testid="stVegaLiteChart"]').first).to_be_visible()
    for path in ("compare", "workshop", "join"):
        open_page(page, site, path)
    assert page.locator('[data-testid="stException"]').count() == 0
    assert site.csp_violations == []
    assert site.blocked == []


SECURITY_HEADERS = {
    "strict-transport-security": "max-age=31536000",
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
    "referrer-policy": "no-referrer",
}


@pytest.mark.parametrize("path", ["/", "/_stcore/health", "/no-such-page.js"])
def test_every_response_through_the_proxy_carries_the_security_headers(site: Site, path: str) -> None:
    _status, headers, _body = site.proxy.get(path)
    for name, value in SECURITY_HEADERS.items():
        assert headers.get(name) == value, name
    assert "frame-ancestors 'none'" in headers["content-security-policy"]
    assert "default-src 'self'" in headers["content-security-policy"]


def test_the_health_check_answers_through_the_proxy_and_plain_http_is_sent_to_https(site: Site) -> None:
    status, _headers, body = site.proxy.get("/_stcore/health")
    assert (status, body) == (200, b"ok")
    import http.client

    plain = http.client.HTTPConnection("127.0.0.1", site.proxy.http_port, timeout=10)
    plain.request("GET", "/themes?a=x", headers={"Host": "localhost"})
    reply = plain.getresponse()
    assert reply.status == 301
    assert reply.getheader("Location") == "https://localhost/themes?a=x"
    plain.close()


def test_a_browser_keeps_its_process_and_a_new_one_gets_a_route_cookie(site: Site) -> None:
    _status, headers, _body = site.proxy.get("/")
    assert headers["set-cookie"].startswith(f"{ROUTE_COOKIE}=")
    assert "Secure" in headers["set-cookie"]
    assert "HttpOnly" in headers["set-cookie"]
    _status, again, _body = site.proxy.get("/", route="a-returning-browser")
    assert "set-cookie" not in again
    for n in range(5):
        site.proxy.get(f"/?visit={n}", route="a-returning-browser")
    assert len({port for route, port in site.proxy.routes() if route == "a-returning-browser"}) == 1


def test_a_facilitator_on_one_process_sees_participants_on_the_other_without_refreshing(
    site: Site, browser: Browser
) -> None:
    first, second = site.apps
    facilitator = person(browser, site, first)
    open_page(facilitator, site, "workshop")
    facilitator.get_by_label("Workshop name (optional, shown to participants)").fill("Team day")
    facilitator.get_by_role("button", name="Create the workshop").click()
    expect(facilitator.get_by_text("Join code").first).to_be_visible()
    code = re.search(r"join=([A-Z0-9]{6})", facilitator.locator('[data-testid="stCode"]').first.inner_text())
    assert code is not None

    for label in ("Met", "Not met"):
        participant = person(browser, site, second)
        participant.goto(f"{site.proxy.url}/join?join={code.group(1)}")
        participant.get_by_role("button", name="Join").click()
        expect(participant.get_by_text("You have answered 0 of 4 questions").first).to_be_visible()
        participant.locator(".st-key-wp-question-a1").get_by_text(label, exact=True).click()
        expect(participant.get_by_text("You have answered 1 of 4 questions").first).to_be_visible()

    # The facilitator's live view reads the database every few seconds: no click, no shared memory.
    expect(
        facilitator.get_by_text(re.compile(r"2 joined\. 1 of \d+ questions answered by everyone")).first
    ).to_be_visible(timeout=30_000)
    assert site.csp_violations == []
    assert site.blocked == []
