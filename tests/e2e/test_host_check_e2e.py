"""DNS rebinding: the app answers only to the names it is served under (server.allowedHosts).

A web page on another domain can point its own name at 127.0.0.1. The browser then treats the
app as that page's own origin, so only the Host header tells the two apart.
"""

from __future__ import annotations

import base64
import os
import socket
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Playwright, expect

from tests.e2e.conftest import CHROMIUM, AppServer, start_server, write_small_bank

pytestmark = pytest.mark.e2e

REBOUND = "rebound.example"


def handshake_status(server: AppServer, host: str) -> int:
    """The HTTP status of a WebSocket handshake to the app's stream, sent with this Host header."""
    key = base64.b64encode(os.urandom(16)).decode()
    request = (
        "GET /_stcore/stream HTTP/1.1\r\n"
        f"Host: {host}\r\n"
        "Upgrade: websocket\r\n"
        "Connection: Upgrade\r\n"
        f"Sec-WebSocket-Key: {key}\r\n"
        "Sec-WebSocket-Version: 13\r\n"
        "Sec-WebSocket-Protocol: streamlit\r\n"
        "\r\n"
    )
    with socket.create_connection(("127.0.0.1", server.port), timeout=20) as connection:
        connection.sendall(request.encode())
        status_line = connection.makefile("rb").readline().decode()
    return int(status_line.split()[1])


@pytest.fixture(scope="module")
def team_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[AppServer]:
    """Served to a team under a public name, added as SECURITY.md says."""
    folder = tmp_path_factory.mktemp("team")
    env = {"STREAMLIT_SERVER_ALLOWED_HOSTS": "localhost 127.0.0.1 checklist.example.org"}
    server = start_server(folder, bank=write_small_bank(folder), env=env)
    yield server
    server.stop()


@pytest.mark.parametrize("name", ["localhost", "127.0.0.1"])
def test_the_app_opens_its_websocket_to_the_loopback_names(app_server: AppServer, name: str) -> None:
    assert handshake_status(app_server, f"{name}:{app_server.port}") == 101


@pytest.mark.parametrize("host", [f"{REBOUND}:8501", "evil.example", "127.0.0.1.evil.example"])
def test_a_websocket_handshake_with_a_foreign_host_header_is_refused(app_server: AppServer, host: str) -> None:
    assert handshake_status(app_server, host) == 403


def test_a_public_name_added_for_a_team_is_let_in_and_others_are_still_refused(team_server: AppServer) -> None:
    assert (handshake_status(team_server, "checklist.example.org"), handshake_status(team_server, "evil.example")) == (
        101,
        403,
    )


@pytest.fixture(scope="module")
def rebinding_browser(playwright_driver: Playwright) -> Iterator[Browser]:
    """Chromium whose DNS sends rebound.example to 127.0.0.1, as a rebinding attacker's name would."""
    browser = playwright_driver.chromium.launch(
        executable_path=CHROMIUM,
        headless=True,
        args=["--no-sandbox", "--disable-gpu", f"--host-resolver-rules=MAP {REBOUND} 127.0.0.1"],
    )
    yield browser
    browser.close()


def test_a_page_reached_through_a_rebound_name_shows_no_assessment(
    rebinding_browser: Browser, app_server: AppServer
) -> None:
    """The page shell loads (it holds no data), but its WebSocket is refused (403), so nothing is drawn or sent."""
    context = rebinding_browser.new_context()
    tab = context.new_page()
    failures: list[str] = []
    tab.on("websocket", lambda socket: socket.on("socketerror", lambda error: failures.append(str(error))))
    tab.goto(f"http://{REBOUND}:{app_server.port}/")
    while not failures:  # the page retries; each new attempt means the one before has failed
        tab.wait_for_event("websocket")

    assert "403" in failures[0]

    expect(tab.get_by_role("link", name="Skip to main content")).to_be_attached()
    assert tab.locator('[data-testid="stMainBlockContainer"] h1').count() == 0
    assert tab.get_by_text("Women's access self-assessment").count() == 0
    context.close()


def test_the_same_page_through_localhost_shows_the_app(rebinding_browser: Browser, app_server: AppServer) -> None:
    context = rebinding_browser.new_context()
    tab = context.new_page()
    tab.goto(f"http://localhost:{app_server.port}/")

    expect(tab.locator('[data-testid="stMainBlockContainer"] h1').first).to_be_visible()
    context.close()
