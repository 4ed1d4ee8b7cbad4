"""Answers per second that 1, 2 and 4 app processes sustain behind the real nginx, and click-to-update times.

The site is served as deploy/ says, on loopback, with the proxy test's helpers: one PostgreSQL,
app processes started with checklist@.service's command line, and Debian's nginx on the shipped
site file (one `server` line per process). The participants are simulated: each speaks Streamlit's
own websocket protocol (`/_stcore/stream`, protobuf BackMsg and ForwardMsg from `streamlit.proto`)
through nginx, as the page in a browser does, so the figures are the server's, not a browser's.

Each participant opens the Themes page of an assessment of its own, then clicks answers as fast
as the page answers: a `BackMsg` whose `rerun_script` carries the radio's new value in
`widget_states`, timed until the rerun's `script_finished`, the moment a browser would show the
new count. Closed loop, no thinking time: the answers per second are what the processes sustain.
At the end every acknowledged answer must be in the database.
"""

from __future__ import annotations

import asyncio
import math
import os
import shutil
import ssl
import statistics
import tempfile
import time
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from benchmarks.protocol import BenchResult

PROCESS_COUNTS = (1, 2, 4)
PARTICIPANTS = 8  # a busy workshop table's worth, spread over the processes by their route cookies
WINDOW_SECONDS = 15.0  # clicks counted per configuration, after every participant has its page open
ANSWER_LABELS = ("Met", "Partly met", "Not met", "Don't know")  # not "Not applicable": it needs a reason
FINISHED = 0  # ScriptFinishedStatus FINISHED_SUCCESSFULLY; 2 (early for a rerun) means the page runs again


def median(values: Sequence[float]) -> float:
    return float(statistics.median(values))


def percentile(values: Sequence[float], share: float) -> float:
    """The nearest-rank percentile: the smallest value with at least `share` percent of values at or below it."""
    ordered = sorted(values)
    rank = max(1, math.ceil(share / 100 * len(ordered)))
    return ordered[rank - 1]


@dataclass
class Participant:
    """One simulated browser on the Themes page of its own assessment."""

    assessment_id: str
    route: str
    radios: dict[str, list[str]] = field(default_factory=dict)  # widget id -> option labels, in page order
    values: dict[str, str] = field(default_factory=dict)  # widget id -> label sent and acknowledged
    timings: list[float] = field(default_factory=list)
    query: str = ""


def _rerun(participant: Participant, changed: dict[str, str]) -> bytes:
    from streamlit.proto.BackMsg_pb2 import BackMsg

    message = BackMsg()
    message.rerun_script.query_string = participant.query
    message.rerun_script.page_name = "themes"
    for widget_id, label in {**participant.values, **changed}.items():
        widget = message.rerun_script.widget_states.widgets.add()
        widget.id = widget_id
        widget.string_value = label
    return bytes(message.SerializeToString())


async def _until_finished(connection: object, participant: Participant) -> None:
    """Read ForwardMsgs until the page has run to its end; remember the page's radios and address."""
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    while True:
        message = ForwardMsg()
        message.ParseFromString(await connection.recv())  # type: ignore[attr-defined]
        kind = message.WhichOneof("type")
        if kind == "page_info_changed":
            participant.query = message.page_info_changed.query_string
        elif kind == "delta" and message.delta.WhichOneof("type") == "new_element":
            element = message.delta.new_element
            if element.WhichOneof("type") == "radio" and "-answer-" in element.radio.id:
                participant.radios.setdefault(element.radio.id, list(element.radio.options))
            if element.WhichOneof("type") == "exception":
                raise RuntimeError(f"the page failed: {element.exception.message}")
        elif kind == "script_finished" and message.script_finished == FINISHED:
            return


async def _participate(participant: Participant, url: str, context: ssl.SSLContext, opened: asyncio.Event,
                       start: asyncio.Event, deadline: list[float]) -> None:  # fmt: skip
    import websockets

    async with websockets.connect(
        f"{url.replace('https://', 'wss://')}/_stcore/stream", ssl=context, subprotocols=["streamlit"],
        additional_headers={"Cookie": f"checklist_route={participant.route}"}, max_size=None, open_timeout=60,
    ) as connection:  # fmt: skip
        participant.query = f"a={participant.assessment_id}"
        await connection.send(_rerun(participant, {}))
        await _until_finished(connection, participant)
        opened.set()
        await start.wait()
        clicks = 0
        while time.monotonic() < deadline[0]:
            widgets = list(participant.radios)
            widget_id = widgets[clicks % len(widgets)]
            label = ANSWER_LABELS[(clicks // len(widgets)) % len(ANSWER_LABELS)]
            began = time.perf_counter()
            await connection.send(_rerun(participant, {widget_id: label}))
            await _until_finished(connection, participant)
            if time.monotonic() <= deadline[0]:
                participant.timings.append(time.perf_counter() - began)
            participant.values[widget_id] = label
            clicks += 1


async def _load(url: str, participants: list[Participant]) -> float:
    """Run every participant; the seconds the clicks were counted for."""
    from tests.deploy import unverified

    openings = [asyncio.Event() for _ in participants]
    start = asyncio.Event()
    deadline = [math.inf]
    tasks = [
        asyncio.create_task(_participate(p, url, unverified(), opened, start, deadline))
        for p, opened in zip(participants, openings, strict=True)
    ]
    await asyncio.wait_for(asyncio.gather(*(o.wait() for o in openings)), timeout=120)
    began = time.monotonic()
    deadline[0] = began + WINDOW_SECONDS
    start.set()
    await asyncio.gather(*tasks)
    return WINDOW_SECONDS


def _lost_answers(database: str, participants: list[Participant]) -> int:
    """Acknowledged answers that are not in the database, over every participant."""
    from checklist.domain.assessment import ANSWER_LABELS as LABELS
    from checklist.storage import AssessmentStore

    store = AssessmentStore(database)
    lost = 0
    try:
        for p in participants:
            stored = store.get(p.assessment_id)
            answers = {qid: LABELS[a.answer] for qid, a in stored.assessment.answers.items()} if stored else {}
            lost += sum(answers.get(wid.rsplit("-answer-", 1)[1]) != label for wid, label in p.values.items())
    finally:
        store.dispose()
    return lost


def _new_assessments(database: str, bank_path: Path, n: int) -> list[str]:
    from checklist.domain.assessment import Service
    from checklist.domain.bank import load_bank
    from checklist.storage import AssessmentStore
    from tests.builders import make_assessment

    bank = load_bank(bank_path)
    store = AssessmentStore(database)
    ids = []
    try:
        for number in range(n):
            assessment = make_assessment(bank, service=Service(name=f"Load test service {number + 1}"))
            store.create(assessment)
            ids.append(assessment.id)
    finally:
        store.dispose()
    return ids


def _measure(folder: Path, database: str, bank: Path, ports: list[int]) -> BenchResult:
    from tests.deploy import NginxProxy
    from tests.e2e.proxy_site import route_to

    proxy = NginxProxy(folder / f"nginx-{len(ports)}", app_ports=ports).start()
    try:
        routes = [route_to(proxy, ports[n % len(ports)]) for n in range(PARTICIPANTS)]
        ids = _new_assessments(database, bank, PARTICIPANTS)
        participants = [Participant(a, r) for a, r in zip(ids, routes, strict=True)]
        seconds = asyncio.run(_load(proxy.url, participants))
    finally:
        proxy.stop()
    timings = [t for p in participants for t in p.timings]
    lost = _lost_answers(database, participants)
    plural = "process" if len(ports) == 1 else "processes"
    return BenchResult(
        name=f"Load: click to update, {len(ports)} app {plural} behind nginx",
        median_seconds=median(timings),
        n=len(timings),
        note=(
            f"{len(timings) / seconds:.1f} answers/s sustained by {PARTICIPANTS} simulated participants "
            f"(websocket protocol); p95 {percentile(timings, 95) * 1000:.0f} ms; "
            f"{lost} acknowledged answers missing; load average after {os.getloadavg()[0]:.2f}"
        ),
    )


def run() -> list[BenchResult]:
    from checklist.paths import default_bank_path
    from tests.e2e.conftest import free_port
    from tests.e2e.proxy_site import UnitServer, app_environment
    from tests.pg import PrivatePostgres, postgres_bin

    binaries = postgres_bin()
    if binaries is None or not Path("/usr/sbin/nginx").exists():
        return [BenchResult("Load behind nginx: not run", 0.0, 0, note="needs PostgreSQL and nginx installed")]
    folder = Path(tempfile.mkdtemp(prefix="checklist-load-"))
    pg_folder = Path(tempfile.mkdtemp(prefix="checklist-pg-"))
    if os.geteuid() == 0:
        shutil.chown(pg_folder, "nobody")
    database = PrivatePostgres(binaries, pg_folder, free_port())
    bank = default_bank_path()  # the shipped bank: a real page's cost
    ports = [free_port() for _ in range(max(PROCESS_COUNTS))]
    apps: list[UnitServer] = []
    try:
        database.init()
        for n, port in enumerate(ports):
            home = folder / f"app{n}"
            # nginx's address is only known once it starts; the apps need it just for links they print.
            env = app_environment(home, database.url, "https://localhost", bank)
            apps.append(UnitServer(home=home, env=env, port=port))
        with ThreadPoolExecutor(len(apps)) as pool:
            list(pool.map(UnitServer.start, apps))
        return [_measure(folder, database.url, bank, ports[:count]) for count in PROCESS_COUNTS]
    finally:
        for app in apps:
            app.stop()
        database.discard()
        shutil.rmtree(folder, ignore_errors=True)
