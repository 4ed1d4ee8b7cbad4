"""Cold start: `make run` to the Start page ready in headless Chromium, beside a bare Streamlit app.

The browser is started once, before the clock, as a user's browser already is.
The clock runs from starting the server process to the start page drawn and
the script idle. The bare app is a one-line Streamlit script that draws the
same heading, started the same way (same `streamlit`, same config, same
folder), the two taking turns so that other work on the machine hits both
alike. Target: the app within 1.3 × the bare app.

    python -m benchmarks cold_start
"""

from __future__ import annotations

import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from typing import TYPE_CHECKING

from benchmarks.protocol import BenchResult

if TYPE_CHECKING:
    from playwright.sync_api import Browser

ROOT = Path(__file__).resolve().parents[1]
STREAMLIT = Path(sys.executable).parent / "streamlit"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
READY = '[data-testid="stApp"][data-test-script-state="notRunning"]'
START_HEADING = "Women's access self-assessment"
BARE_APP = f"import streamlit as st\n\nst.title({START_HEADING!r})\n"
RUNS = 7
TARGET_FACTOR = 1.3


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def wait_for_health(port: int, server: subprocess.Popen[bytes], deadline: float) -> None:
    url = f"http://127.0.0.1:{port}/_stcore/health"
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"streamlit exited with code {server.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=1) as response:
                if response.read() == b"ok":
                    return
        except OSError:
            time.sleep(0.02)
    raise TimeoutError("streamlit did not become healthy in time")


def start_server(port: int, scratch: str, script: Path | None) -> subprocess.Popen[bytes]:
    """`make run` (what a user types) for the app; `streamlit run <script>` for the bare app.

    Its own process group, so that stopping it stops make's streamlit child too.
    """
    env = {
        **os.environ,
        "HOME": scratch,
        "CHECKLIST_DATA_DIR": str(Path(scratch) / "data"),
        "STREAMLIT_SERVER_PORT": str(port),
    }
    command = ["make", "-s", "run"] if script is None else [str(STREAMLIT), "run", str(script)]
    return subprocess.Popen(
        command,
        cwd=ROOT,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )


def stop(server: subprocess.Popen[bytes]) -> None:
    os.killpg(server.pid, signal.SIGTERM)
    try:
        server.wait(timeout=10)
    except subprocess.TimeoutExpired:
        os.killpg(server.pid, signal.SIGKILL)
        server.wait()


def group_cpu_seconds(group: int) -> float:
    """User and system CPU time of every process in a process group so far (the server, and make for the app)."""
    total = 0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue  # a process that has just ended
        if int(fields[2]) == group:
            total += int(fields[11]) + int(fields[12])
    return total / os.sysconf("SC_CLK_TCK")


def one_cold_start(browser: Browser, script: Path | None) -> tuple[float, float]:
    """Seconds from starting the server to the page ready, and the server's CPU seconds in that time."""
    with tempfile.TemporaryDirectory(prefix="checklist-cold-") as scratch:
        port = free_port()
        start = time.monotonic()
        server = start_server(port, scratch, script)
        try:
            wait_for_health(port, server, start + 60)
            page = browser.new_page()
            page.goto(f"http://127.0.0.1:{port}/")
            page.get_by_role("heading", name=START_HEADING).wait_for(timeout=60_000)
            page.wait_for_selector(READY, timeout=60_000)
            elapsed = time.monotonic() - start
            cpu = group_cpu_seconds(server.pid)
            page.close()
            return elapsed, cpu
        finally:
            stop(server)


def run() -> list[BenchResult]:
    from playwright.sync_api import sync_playwright

    app: list[tuple[float, float]] = []
    bare: list[tuple[float, float]] = []
    with tempfile.TemporaryDirectory(prefix="checklist-bare-") as folder, sync_playwright() as playwright:
        script = Path(folder) / "bare_app.py"
        script.write_text(BARE_APP, encoding="utf-8")
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            for _ in range(RUNS):
                app.append(one_cold_start(browser, None))
                bare.append(one_cold_start(browser, script))
        finally:
            browser.close()
    baseline, app_median = statistics.median(t for t, _ in bare), statistics.median(t for t, _ in app)
    bare_cpu, app_cpu = statistics.median(c for _, c in bare), statistics.median(c for _, c in app)
    return [
        BenchResult(
            "Cold start: bare Streamlit app (one heading) to ready (headless Chromium)",
            baseline,
            RUNS,
            None,
            f"the baseline; range {min(t for t, _ in bare):.2f}–{max(t for t, _ in bare):.2f} s; "
            f"server CPU {bare_cpu:.2f} s",
        ),
        BenchResult(
            "Cold start: make run to the Start page ready (headless Chromium)",
            app_median,
            RUNS,
            TARGET_FACTOR * baseline,
            f"{app_median / baseline:.2f} × bare; range {min(t for t, _ in app):.2f}–{max(t for t, _ in app):.2f} s; "
            f"server CPU {app_cpu:.2f} s ({app_cpu / bare_cpu:.2f} × bare); browser open",
        ),
    ]
