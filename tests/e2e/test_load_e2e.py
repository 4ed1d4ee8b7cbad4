"""Twenty people answer at the same time on one server, with SQLite and with PostgreSQL; then the server is killed.

Each person is a Playwright context (own cookies, own websocket) in one Chromium, driven with the async API
from a thread of its own, so that twenty pages really wait on the server at the same time.

An answer is *acknowledged* when, after the click, the page shows the answered count one higher, Streamlit's
script run has finished (the app is idle again), and the page shows no "could not save" message. The app saves
in the answer's on_change callback, before the script run that draws the new count, so an acknowledged answer
was committed before the page could show it.

The figures (median and 95th percentile from click to updated page) are printed and written to
`load-<backend>.json` in the test's tmp folder.
"""

from __future__ import annotations

import asyncio
import json
import os
import statistics
import time
from collections.abc import Awaitable, Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import pytest
import yaml
from playwright.async_api import Browser, BrowserContext, Page, Route, async_playwright, expect
from sqlalchemy import create_engine, text

from checklist.domain.assessment import ANSWER_LABELS, AnswerValue, Assessment, Service
from checklist.domain.bank import parse_bank
from checklist.storage import AssessmentStore
from tests.builders import bank_document, make_assessment, question
from tests.e2e.conftest import CHROMIUM, LAPTOP, READY, AppServer, is_loopback, start_server

# The load tests run on their own after the rest (scripts/test.sh): twenty browsers on two cores
# would starve the other tests' timeouts.
pytestmark = [pytest.mark.e2e, pytest.mark.load]

SESSIONS = 20
QUESTIONS = [f"q{n}" for n in range(1, 6)]  # each person answers five questions
CHOICES = [AnswerValue.MET, AnswerValue.PARTLY, AnswerValue.NOT_MET, AnswerValue.UNKNOWN]
LOADING_AT_ONCE = 4
KILL_AFTER = 40  # acknowledged answers (of 100) before the SIGKILL
T = TypeVar("T")


def load_bank_document() -> dict[str, object]:
    return bank_document({"load": [question(qid) for qid in QUESTIONS]})


@dataclass(frozen=True)
class Ack:
    """An answer the page acknowledged, and how long from the click until it did."""

    assessment_id: str
    question_id: str
    answer: str
    seconds: float
    clicked_at: float  # perf_counter at the click, to see when slow answers happened


@dataclass
class Run:
    acks: list[Ack] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    blocked: list[str] = field(default_factory=list)


def planned_answer(session: int, number: int) -> AnswerValue:
    return CHOICES[(session + number) % len(CHOICES)]


@dataclass
class Setup:
    server: AppServer
    url: str  # the server's database
    folder: Path
    assessments: list[Assessment]


@pytest.fixture(params=["sqlite", "postgresql"])
def setup(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Setup]:
    """The app on a one-theme, five-question bank, with twenty assessments already started in its database."""
    bank_path = tmp_path / "bank.yaml"
    bank_path.write_text(yaml.safe_dump(load_bank_document()), encoding="utf-8")
    if request.param == "postgresql":
        url = request.getfixturevalue("private_postgres").url
        server = start_server(tmp_path / "app", bank=bank_path, env={"CHECKLIST_DATABASE_URL": url})
    else:
        server = start_server(tmp_path / "app", bank=bank_path)
        url = f"sqlite:///{Path(server.env['CHECKLIST_DATA_DIR']) / 'checklist.sqlite3'}"
    bank = parse_bank(bank_path.read_bytes(), "bank.yaml")
    store = AssessmentStore(url) if request.param == "postgresql" else server.store()
    drafts = [make_assessment(bank, service=Service(name=f"Service {n}")) for n in range(SESSIONS)]
    for draft in drafts:
        store.create(draft)
    store.dispose()
    yield Setup(server, url, tmp_path, drafts)
    server.stop()


class Crowd:
    """Made inside the event loop: a few pages load at a time, then everyone starts answering together."""

    def __init__(self) -> None:
        self.loading = asyncio.Semaphore(LOADING_AT_ONCE)
        self.ready = asyncio.Barrier(SESSIONS)


async def new_person(browser: Browser, run: Run) -> tuple[BrowserContext, Page]:
    context = await browser.new_context(viewport=LAPTOP)
    context.set_default_timeout(90_000)  # twenty pages on two cores: slow is allowed, stuck is not

    async def block(route: Route) -> None:
        run.blocked.append(route.request.url)
        await route.abort("blockedbyclient")

    await context.route(lambda url: not is_loopback(url), block)
    page = await context.new_page()
    page.on("pageerror", lambda error: run.page_errors.append(str(error)))
    return context, page


async def check_page_is_sound(page: Page, where: str) -> None:
    """No exception box and no save problem on the page."""
    problems = await page.locator('[data-testid="stException"]').count()
    unsaved = await page.get_by_text("Not saved:").count()
    assert (problems, unsaved) == (0, 0), f"{where}: {problems} exception(s), {unsaved} unsaved change(s)"


async def answer_questions(
    browser: Browser, server: AppServer, assessment: Assessment, session: int, run: Run, crowd: Crowd
) -> None:
    """One person opens their assessment and, once everyone has, answers every question, timing each click."""
    context, page = await new_person(browser, run)
    try:
        # Twenty first page loads at once would swamp two cores (each context fetches and parses Streamlit's
        # JavaScript afresh) and be timed as answers: load a few at a time, then start answering together.
        async with crowd.loading:
            await page.goto(f"{server.url}/themes?a={assessment.id}")
            await page.get_by_text(f"Answered 0 of {len(QUESTIONS)}").first.wait_for()
            await page.wait_for_selector(READY)
        await crowd.ready.wait()
        for number, question_id in enumerate(QUESTIONS, start=1):
            answer = planned_answer(session, number)
            started = time.perf_counter()
            box = page.locator(f".st-key-question-{question_id}")
            await box.get_by_text(ANSWER_LABELS[answer], exact=True).click()
            await page.get_by_text(f"Answered {number} of {len(QUESTIONS)}").first.wait_for()
            await page.wait_for_selector(READY)
            seconds = time.perf_counter() - started
            await check_page_is_sound(page, f"session {session}, {question_id}")
            run.acks.append(Ack(assessment.id, question_id, answer.value, seconds, started))
    finally:
        await context.close()


async def with_browser(work: Callable[[Browser], Awaitable[T]]) -> T:
    async with async_playwright() as driver:
        browser = await driver.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=["--headless", "--no-sandbox", "--disable-gpu"]
        )
        try:
            return await work(browser)
        finally:
            await browser.close()


def in_own_thread(work: Callable[[Browser], Awaitable[T]]) -> T:
    """Run async Playwright in a thread of its own: the sync fixtures may own this thread's event loop."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, with_browser(work)).result()  # type: ignore[arg-type]


def stored_answers(url: str) -> dict[tuple[str, str], str]:
    engine = create_engine(url)
    with engine.connect() as conn:
        documents = conn.execute(text("SELECT document FROM assessments")).scalars().all()
    engine.dispose()
    return {
        (document["id"], qid): answer["answer"]
        for document in map(json.loads, documents)
        for qid, answer in document["answers"].items()
    }


def cpu_seconds(pid: int) -> float:
    """User plus system CPU time the process has used so far (Linux /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def machine_busy_seconds() -> float:
    """CPU time all cores have spent not idle since boot (Linux /proc/stat)."""
    ticks = [int(value) for value in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    return (sum(ticks) - ticks[3] - ticks[4]) / os.sysconf("SC_CLK_TCK")


def figures(acks: list[Ack], backend: str) -> dict[str, Any]:
    timings = sorted(ack.seconds for ack in acks)
    return {
        "backend": backend,
        "sessions": SESSIONS,
        "answers": len(timings),
        "median_seconds": round(statistics.median(timings), 3),
        "p95_seconds": round(statistics.quantiles(timings, n=20, method="inclusive")[18], 3),
        "max_seconds": round(timings[-1], 3),
        "cores": os.cpu_count(),
        "load_average": [round(load, 2) for load in os.getloadavg()],
    }


def test_twenty_people_answering_at_once_see_no_error_and_every_answer_is_stored(setup: Setup) -> None:
    run = Run()

    async def everyone(browser: Browser) -> None:
        crowd = Crowd()
        await asyncio.gather(
            *(answer_questions(browser, setup.server, a, n, run, crowd) for n, a in enumerate(setup.assessments))
        )

    assert setup.server.process is not None
    server_cpu, busy, started = cpu_seconds(setup.server.process.pid), machine_busy_seconds(), time.perf_counter()
    in_own_thread(everyone)
    report = {
        **figures(run.acks, setup.url.split(":")[0].split("+")[0]),
        "wall_seconds": round(time.perf_counter() - started, 1),
        # The server's share of the machine; the rest went to twenty Chromium pages and anything else running.
        "server_cpu_seconds": round(cpu_seconds(setup.server.process.pid) - server_cpu, 1),
        "machine_busy_cpu_seconds": round(machine_busy_seconds() - busy, 1),
    }
    first_click = min(ack.clicked_at for ack in run.acks)
    timings = [{**asdict(ack), "clicked_at": round(ack.clicked_at - first_click, 2)} for ack in run.acks]
    (setup.folder / f"load-{report['backend']}.json").write_text(
        json.dumps({**report, "timings": timings}, indent=2), encoding="utf-8"
    )
    print(f"\nload test: {json.dumps(report)}")

    expected = {(ack.assessment_id, ack.question_id): ack.answer for ack in run.acks}
    assert (run.page_errors, run.blocked) == ([], [])
    assert len(run.acks) == SESSIONS * len(QUESTIONS)
    assert stored_answers(setup.url) == expected


async def answer_until_killed(setup: Setup, run: Run, browser: Browser) -> None:
    """Everyone answers; once KILL_AFTER answers are acknowledged the server gets a SIGKILL and everyone stops."""
    crowd = Crowd()
    people = [
        asyncio.create_task(answer_questions(browser, setup.server, a, n, run, crowd))
        for n, a in enumerate(setup.assessments)
    ]

    def failures() -> list[str]:
        return [repr(p.exception()) for p in people if p.done() and p.exception() is not None]

    while len(run.acks) < KILL_AFTER and not failures() and not all(p.done() for p in people):
        await asyncio.sleep(0.02)
    setup.server.kill()
    run.page_errors.extend(failures())  # a person who failed before the kill is an error like any other
    for person in people:
        person.cancel()
    await asyncio.gather(*people, return_exceptions=True)


async def expect_resumed(
    browser: Browser, server: AppServer, assessment_id: str, expected: dict[str, str], run: Run
) -> None:
    """Open the resume link in a fresh tab: each acknowledged answer is the one chosen on the page."""
    context, page = await new_person(browser, run)
    try:
        await page.goto(f"{server.url}/themes?a={assessment_id}")
        for question_id, value in expected.items():
            label = ANSWER_LABELS[AnswerValue(value)]
            box = page.locator(f".st-key-question-{question_id}")
            await expect(box.get_by_role("radio", name=label, exact=True)).to_be_checked(timeout=60_000)
    finally:
        await context.close()


def test_after_a_sigkill_during_the_load_every_acknowledged_answer_is_still_there(setup: Setup) -> None:
    run = Run()
    in_own_thread(lambda browser: answer_until_killed(setup, run, browser))
    setup.server.start()
    acknowledged = {(ack.assessment_id, ack.question_id): ack.answer for ack in run.acks}
    by_assessment: dict[str, dict[str, str]] = {}
    for (assessment_id, question_id), answer in acknowledged.items():
        by_assessment.setdefault(assessment_id, {})[question_id] = answer
    sample = sorted(by_assessment)[:5]  # every answer is checked in the database; five people also in the page

    async def reopen(browser: Browser) -> None:
        await asyncio.gather(*(expect_resumed(browser, setup.server, a, by_assessment[a], run) for a in sample))

    in_own_thread(reopen)

    stored = stored_answers(setup.url)
    report = {"acknowledged_before_kill": len(acknowledged), "stored_after_restart": len(stored)}
    (setup.folder / "kill.json").write_text(json.dumps(report), encoding="utf-8")
    print(f"\nSIGKILL under load: {json.dumps(report)}")
    assert len(acknowledged) >= KILL_AFTER
    assert {key: stored.get(key) for key in acknowledged} == acknowledged
    assert (run.page_errors, run.blocked) == ([], [])
