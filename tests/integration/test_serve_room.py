"""make serve-room: the app on the room's network, announced with its join address, a QR code and a warning."""

from __future__ import annotations

import ipaddress
import os
import re
import selectors
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from checklist.paths import PROJECT_ROOT
from tests.e2e.conftest import free_port, write_small_bank

SCRIPT = PROJECT_ROOT / "scripts" / "serve_room.py"
sys.path.insert(0, str(SCRIPT.parent))
import serve_room  # noqa: E402 - a script, not a package


def read_until(process: subprocess.Popen[str], marker: str, timeout: float = 30) -> str:
    """What the process printed, up to and including the line containing `marker`."""
    assert process.stdout is not None
    seen: list[str] = []
    with selectors.DefaultSelector() as waiting:
        waiting.register(process.stdout, selectors.EVENT_READ)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline and waiting.select(deadline - time.monotonic()):
            line = process.stdout.readline()
            if not line:
                break
            seen.append(line)
            if marker in line:
                return "".join(seen)
    raise AssertionError(f"no line with {marker!r} in: {''.join(seen)}")


def healthy(url: str, timeout: float = 30) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=1) as reply:  # noqa: S310 - loopback
                return bool(reply.read() == b"ok")
        except OSError:
            time.sleep(0.2)
    return False


@pytest.fixture
def room_server(tmp_path: Path) -> Iterator[tuple[subprocess.Popen[str], int]]:
    port = free_port()
    (tmp_path / "home").mkdir()
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(tmp_path / "home"),
        "LANG": "C.UTF-8",
        "CHECKLIST_DATA_DIR": str(tmp_path / "data"),
        "CHECKLIST_BANK": str(write_small_bank(tmp_path)),
        "STREAMLIT_BROWSER_GATHER_USAGE_STATS": "false",
    }
    # No real network needed: the room's address is given as loopback, as ROOM_ADDRESS=... would be.
    process = subprocess.Popen(
        [sys.executable, str(SCRIPT), "--address", "127.0.0.1", "--port", str(port)],
        cwd=PROJECT_ROOT,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    yield process, port
    process.terminate()
    try:
        process.wait(10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(10)


def test_serve_room_prints_the_join_address_a_qr_code_and_a_warning_and_serves_there(
    room_server: tuple[subprocess.Popen[str], int],
) -> None:
    process, port = room_server
    printed = read_until(process, "WARNING")
    joined = re.search(r"Participants join at: (http://\S+)/join", printed)
    assert joined is not None
    app_environment = Path(f"/proc/{process.pid}/environ").read_bytes().split(b"\0")
    assert joined.group(1) == f"http://127.0.0.1:{port}"
    assert "everyone on this network can open the app" in printed
    assert {"\u2580", "\u2584", "\u2588"} & set(printed)  # the QR code's half blocks
    assert healthy(joined.group(1))
    assert f"CHECKLIST_PUBLIC_URL=http://127.0.0.1:{port}".encode() in app_environment


def test_the_room_address_is_let_through_the_host_allow_list_with_the_loopback_names() -> None:
    command = serve_room.streamlit_command("192.168.1.20", 8501)
    hosts = [command[i + 1] for i, part in enumerate(command) if part == "--server.allowedHosts"]
    at = command.index("--server.address")
    assert (hosts, command[at + 1]) == (["localhost", "127.0.0.1", "::1", "192.168.1.20"], "192.168.1.20")


def test_the_network_address_found_is_an_ip_address() -> None:
    assert ipaddress.ip_address(serve_room.network_address()).version in {4, 6}
