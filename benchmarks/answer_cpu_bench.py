"""Answering a question: server CPU per answer on the real Themes page, beside a bare Streamlit page.

Both run under `streamlit run` and are driven by headless Chromium, one click
per answer. The bare page has the same widgets as the Themes page showing the
shipped bank's first theme (title, progress bar, theme picker, and per question
three paragraphs, the answer radio and a note box, then two buttons), and its
radio's callback writes the answers to a SQLite file, as the app saves every
answer. The figure is the server process's CPU time (user + system, from
/proc) over a run of answers, divided by their number; the two servers take
turns, round by round. Target: the Themes page within 1.5 × the bare page.

    python -m benchmarks answer_cpu
"""

from __future__ import annotations

import json
import os
import sqlite3
import statistics
import subprocess
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from benchmarks.cold_start_bench import CHROMIUM, CHROMIUM_ARGS, READY, ROOT, STREAMLIT, free_port, wait_for_health
from benchmarks.protocol import BenchResult

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

ROUNDS = 5
PASSES = 6
LABELS = ("Met", "Partly met", "Not met")  # each pass changes every answer, so every click is a save
TARGET_FACTOR = 1.5
TICKS = os.sysconf("SC_CLK_TCK")

BARE_PAGE = """
import json, sqlite3
from pathlib import Path
import streamlit as st

HERE = Path(__file__).parent
theme = json.loads((HERE / "theme.json").read_text(encoding="utf-8"))
OPTIONS = ["met", "partly", "not_met", "unknown", "na"]
NAMES = dict(zip(OPTIONS, ["Met", "Partly met", "Not met", "Don't know", "Not applicable"]))

def save():
    answers = {q["id"]: st.session_state.get(q["id"]) for q in theme["questions"]}
    with sqlite3.connect(HERE / "bare.sqlite3") as db:
        db.execute("UPDATE answers SET body = ?, revision = revision + 1", (json.dumps(answers),))

st.title(theme["title"])
st.write("Theme 1 of 11")
done = sum(1 for q in theme["questions"] if st.session_state.get(q["id"]))
st.progress(done / len(theme["questions"]), text=f"Answered {done} of {len(theme['questions'])}")
st.selectbox("Theme", options=[theme["title"]])
st.write(theme["summary"])
for number, q in enumerate(theme["questions"], start=1):
    with st.container(border=True, key=f"question-{q['id']}"):
        st.markdown(f"**Question {number}.** {q['text']}")
        st.markdown(f"*Why it matters:* {q['why']}")
        st.markdown(f"*What met looks like:* {q['good']}")
        st.radio(q["text"], OPTIONS, format_func=NAMES.get, index=None, key=q["id"], horizontal=True,
                 label_visibility="collapsed", on_change=save)
        st.text_area("Evidence or note (optional)", key=f"note-{q['id']}", height=80)
st.button("Previous theme")
st.button("Next theme")
"""


@dataclass
class Server:
    process: subprocess.Popen[bytes]
    port: int
    revision: Callable[[], int]  # how many saves the database holds

    def cpu_seconds(self) -> float:
        fields = Path(f"/proc/{self.process.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / TICKS  # utime, stime


def start(script: Path, scratch: Path, revision: Callable[[], int]) -> Server:
    port = free_port()
    env = {**os.environ, "HOME": str(scratch), "CHECKLIST_DATA_DIR": str(scratch / "data")}
    command = [str(STREAMLIT), "run", str(script), "--server.port", str(port)]
    process = subprocess.Popen(
        command, cwd=ROOT, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    wait_for_health(port, process, time.monotonic() + 60)
    return Server(process, port, revision)


def wait_for(condition: Callable[[], bool], what: str, seconds: float = 60) -> None:
    """Poll a state with a deadline (here, the database), never a bare sleep."""
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError(f"waited {seconds} s for {what}")
        time.sleep(0.01)


def answer_all(page: Page, server: Server, question_ids: list[str], label: str) -> int:
    for question_id in question_ids:
        before = server.revision()
        page.locator(f".st-key-question-{question_id}").get_by_text(label, exact=True).click()
        wait_for(lambda before=before: server.revision() > before, f"the answer to {question_id} to be saved")
        page.wait_for_selector(READY)
    return len(question_ids)


def cpu_per_answer(browser: Browser, server: Server, url: str, question_ids: list[str]) -> float:
    """Server CPU seconds per answer over PASSES passes through the page (CPU time counts in 10 ms ticks)."""
    page = browser.new_page(viewport={"width": 1366, "height": 768})
    page.goto(url)
    page.wait_for_selector(f".st-key-question-{question_ids[-1]}")
    page.wait_for_selector(READY)
    began, answered = server.cpu_seconds(), 0
    for number in range(PASSES):
        answered += answer_all(page, server, question_ids, LABELS[number % len(LABELS)])
    spent = server.cpu_seconds() - began
    page.close()
    return spent / answered


def _app(scratch: Path) -> tuple[Server, str, list[str]]:
    from checklist.domain.assessment import start_assessment
    from checklist.domain.bank import load_bank
    from checklist.paths import default_bank_path
    from checklist.storage import AssessmentStore

    bank = load_bank(default_bank_path())
    (scratch / "data").mkdir()
    store = AssessmentStore(f"sqlite:///{scratch / 'data' / 'checklist.sqlite3'}")
    assessment = store.create(start_assessment(bank)).assessment
    server = start(ROOT / "app.py", scratch, lambda: _revision(store, assessment.id))
    theme = bank.themes[0]
    url = f"http://127.0.0.1:{server.port}/themes?a={assessment.id}&t={theme.id}"
    return server, url, [q.id for q in theme.questions]


def _revision(store: object, assessment_id: str) -> int:
    stored = store.get(assessment_id)  # type: ignore[attr-defined]
    return int(stored.revision) if stored else 0


def _bare(scratch: Path) -> tuple[Server, str, list[str]]:
    from checklist.domain.bank import load_bank
    from checklist.paths import default_bank_path

    theme = load_bank(default_bank_path()).themes[0]
    folder = scratch / "bare"
    folder.mkdir()
    (folder / "bare_page.py").write_text(BARE_PAGE, encoding="utf-8")
    questions = [{"id": q.id, "text": q.text, "why": q.why, "good": q.good_looks_like} for q in theme.questions]
    document = {"title": theme.title, "summary": theme.summary, "questions": questions}
    (folder / "theme.json").write_text(json.dumps(document), encoding="utf-8")
    database = folder / "bare.sqlite3"
    with sqlite3.connect(database) as db:
        db.execute("CREATE TABLE answers (body TEXT, revision INTEGER)")
        db.execute("INSERT INTO answers VALUES ('{}', 0)")

    def revision() -> int:
        with sqlite3.connect(database) as db:
            return int(db.execute("SELECT revision FROM answers").fetchone()[0])

    server = start(folder / "bare_page.py", scratch, revision)
    return server, f"http://127.0.0.1:{server.port}/", [q.id for q in theme.questions]


def run() -> list[BenchResult]:
    from playwright.sync_api import sync_playwright

    app_cpu: list[float] = []
    bare_cpu: list[float] = []
    with tempfile.TemporaryDirectory(prefix="checklist-answer-") as folder, sync_playwright() as playwright:
        scratch = Path(folder)
        (scratch / "app").mkdir()
        (scratch / "bare").mkdir()
        app, app_url, app_questions = _app(scratch / "app")
        bare, bare_url, bare_questions = _bare(scratch / "bare")
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            for _ in range(ROUNDS):
                app_cpu.append(cpu_per_answer(browser, app, app_url, app_questions))
                bare_cpu.append(cpu_per_answer(browser, bare, bare_url, bare_questions))
        finally:
            browser.close()
            for server in (app, bare):
                server.process.terminate()
                server.process.wait(10)
    app_median, bare_median = statistics.median(app_cpu), statistics.median(bare_cpu)
    n = len(app_cpu)
    return [
        BenchResult(
            "Answer a question: bare Streamlit page, same widgets, SQLite write (server CPU)",
            bare_median,
            n,
            None,
            f"the baseline; {len(bare_questions)} questions on the page, {PASSES} answers to each a round",
        ),
        BenchResult(
            "Answer a question: Themes page in the browser (server CPU per answer)",
            app_median,
            n,
            TARGET_FACTOR * bare_median,
            f"{app_median / bare_median:.2f} × bare; {len(app_questions)} questions on the page",
        ),
    ]
