"""Cold start: `streamlit run app.py` to the first page ready in headless Chromium.

The browser is started once, before the clock, as a user's browser already is.
The clock runs from starting the server process to the start page drawn and
the script idle. Target: under 3 s.

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
RUNS = 5
TARGET_SECONDS = 3.0


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


def start_server(port: int, scratch: str) -> subprocess.Popen[bytes]:
    env = {**os.environ, "HOME": scratch, "CHECKLIST_DATA_DIR": str(Path(scratch) / "data")}
    command = [str(STREAMLIT), "run", "app.py", "--server.headless", "true", "--server.port", str(port)]
    return subprocess.Popen(
        command, cwd=ROOT, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )


def stop(server: subprocess.Popen[bytes]) -> None:
    server.send_signal(signal.SIGTERM)
    try:
        server.wait(timeout=10)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()


def one_cold_start(browser: Browser) -> float:
    with tempfile.TemporaryDirectory(prefix="checklist-cold-") as scratch:
        port = free_port()
        start = time.monotonic()
        server = start_server(port, scratch)
        try:
            wait_for_health(port, server, start + 60)
            page = browser.new_page()
            page.goto(f"http://127.0.0.1:{port}/")
            page.get_by_role("heading", name=START_HEADING).wait_for(timeout=60_000)
            page.wait_for_selector(READY, timeout=60_000)
            elapsed = time.monotonic() - start
            page.close()
            return elapsed
        finally:
            stop(server)


def run() -> list[BenchResult]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            timings = [one_cold_start(browser) for _ in range(RUNS)]
        finally:
            browser.close()
    spread = f"{min(timings):.2f}–{max(timings):.2f} s"
    return [
        BenchResult(
            "Cold start: streamlit run to start page ready (headless Chromium)",
            statistics.median(timings),
            RUNS,
            TARGET_SECONDS,
            f"range {spread}; browser already open",
        )
    ]
