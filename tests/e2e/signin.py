"""A real OpenID Connect provider on loopback, and the app started with sign-in pointed at it.

    with running_provider() as provider:                  # oidc-provider-mock, in a thread of this process
        server = start_signin_server(folder, provider)    # app.py with [auth] in its secrets file
        sign_in(page, server, "ana@example.org")          # through the provider's own login form

The provider's login form takes a subject ("sub") and answers with the claim email = sub, unless
`set_claims` gave that subject other claims first.
"""

from __future__ import annotations

import json
import secrets
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote

import oidc_provider_mock
import pytest
from playwright.sync_api import Page, Route

from tests.e2e.conftest import AppServer, open_app, start_server, wait_for_text, write_small_bank
from tests.integration.test_store import NO_POSTGRES, POSTGRES_URL, _postgres_schema_url

CLIENT_ID = "checklist-tests"
# The provider's pages (not the app's) ask a CDN for a stylesheet: answered here, so it never leaves the machine.
PROVIDER_STYLESHEET = "https://cdn.jsdelivr.net/npm/@picocss/**"


@contextmanager
def running_provider() -> Iterator[str]:
    """The provider's issuer URL, e.g. http://localhost:40123; stopped when the block ends."""
    with oidc_provider_mock.run_server_in_thread() as server:
        yield f"http://localhost:{server.server_port}"


def set_claims(provider: str, sub: str, claims: dict[str, object]) -> None:
    request = urllib.request.Request(  # noqa: S310 - loopback
        f"{provider}/users/{quote(sub, safe='')}",
        data=json.dumps(claims).encode(),
        method="PUT",
        headers={"Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=10) as reply:  # noqa: S310 - loopback
        assert reply.status == 204


def secrets_toml(app_port: int, provider: str) -> str:
    return "\n".join(
        [
            "[auth]",
            f'redirect_uri = "http://127.0.0.1:{app_port}/oauth2callback"',
            f'cookie_secret = "{secrets.token_hex(32)}"',
            f'client_id = "{CLIENT_ID}"',
            'client_secret = "not-checked-by-the-test-provider"',
            f'server_metadata_url = "{provider}/.well-known/openid-configuration"',
            "",
        ]
    )


def start_signin_server(folder: Path, provider: str, *, env: dict[str, str] | None = None) -> AppServer:
    """The app on the small bank with `[auth]` in its secrets file, pointed at `provider`."""
    return start_server(
        folder, bank=write_small_bank(folder), env=env, secrets=lambda port: secrets_toml(port, provider)
    )


# The databases a signed-in server is tested on: SQLite always, PostgreSQL when one is configured.
DATABASES = [
    "sqlite",
    pytest.param("postgresql", marks=[pytest.mark.postgres, pytest.mark.skipif(not POSTGRES_URL, reason=NO_POSTGRES)]),
]


def signin_servers(folder: Path, provider: str, database: str) -> Iterator[AppServer]:
    """The app with sign-in on `database` ("sqlite", or a schema of its own on the test PostgreSQL); stopped after."""
    urls = [None] if database == "sqlite" else _postgres_schema_url(POSTGRES_URL or "")
    for url in urls:
        server = start_signin_server(folder, provider, env={"CHECKLIST_DATABASE_URL": url} if url else None)
        yield server
        server.stop()


def database_url(server: AppServer) -> str:
    """The server's database: CHECKLIST_DATABASE_URL when it was given one, else its own SQLite file."""
    if server.env.get("CHECKLIST_DATABASE_URL"):
        return server.env["CHECKLIST_DATABASE_URL"]
    data = Path(server.env["CHECKLIST_DATA_DIR"])
    data.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{data / 'checklist.sqlite3'}"


def answer_provider_stylesheet(page: Page, provider: str) -> None:
    def fulfil(route: Route) -> None:
        frame_url = route.request.frame.url if route.request.frame else ""
        assert frame_url.startswith(provider), f"only the test provider's pages may ask for this: {frame_url}"
        route.fulfill(status=200, content_type="text/css", body="")

    page.context.route(PROVIDER_STYLESHEET, fulfil)


def sign_in(page: Page, server: AppServer, provider: str, sub: str) -> None:
    """Sign in as `sub` through the app's button and the provider's login form."""
    answer_provider_stylesheet(page, provider)
    open_app(page, server)
    page.get_by_role("button", name="Sign in", exact=True).click()
    page.locator('input[name="sub"]').fill(sub)
    page.get_by_role("button", name="Authorize").click()
    page.wait_for_url(f"{server.url}/**")
    wait_for_text(page, "Signed in as")


# Fixtures shared by the browser tests that sign in; each module imports them and gets its own.
@pytest.fixture(scope="module")
def provider() -> Iterator[str]:
    """A real OpenID Connect provider on loopback for this module's tests."""
    with running_provider() as url:
        yield url


@pytest.fixture(scope="module", params=DATABASES)
def area_server(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory, provider: str
) -> Iterator[AppServer]:
    """The app with sign-in pointed at `provider`, on SQLite and (when configured) PostgreSQL."""
    yield from signin_servers(tmp_path_factory.mktemp("area"), provider, request.param)
