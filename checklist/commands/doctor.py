"""`checklist doctor`: is this server's configuration fit to serve? Every problem in plain words, exit 1 if any.

Run it as the service's user with the service's environment (README, "Serving it for an area"):
it reads the same settings the app does, from the environment and `.streamlit/`.
"""

from __future__ import annotations

import json
import os
import tomllib
import urllib.error
import urllib.request
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import click

from checklist.commands.common import say
from checklist.domain.bank import load_bank
from checklist.domain.errors import ChecklistError
from checklist.domain.wording import counted
from checklist.paths import PROJECT_ROOT, default_bank_path
from checklist.storage import database_url
from checklist.storage.health import database_problems, shown_url

PUBLIC_URL = "CHECKLIST_PUBLIC_URL"
ALLOWED_HOSTS = "STREAMLIT_SERVER_ALLOWED_HOSTS"
SERVER_ADDRESS = "STREAMLIT_SERVER_ADDRESS"
AUTH_KEYS = ("redirect_uri", "cookie_secret", "server_metadata_url", "client_id", "client_secret")
LOOPBACK = {"localhost", "127.0.0.1", "::1"}
SHORTEST_COOKIE_SECRET = 32
METADATA_SECONDS = 5


@dataclass
class Findings:
    """What each check found: lines that passed, and problems."""

    passed: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    def check(self, ok_line: str, problems: list[str]) -> None:
        if problems:
            self.problems += problems
        else:
            self.passed.append(ok_line)


@dataclass(frozen=True)
class Settings:
    """The settings the checks read: environment first, then `.streamlit/config.toml`, as `streamlit run` does."""

    env: Mapping[str, str]
    config: Mapping[str, Any]

    def allowed_hosts(self) -> list[str]:
        if self.env.get(ALLOWED_HOSTS, "").strip():
            return self.env[ALLOWED_HOSTS].split()
        hosts = self.config.get("server", {}).get("allowedHosts", [])
        return [str(h) for h in hosts] if isinstance(hosts, list) else [str(hosts)]

    def server_address(self) -> str:
        return self.env.get(SERVER_ADDRESS) or str(self.config.get("server", {}).get("address", "127.0.0.1"))

    def public_url(self) -> str:
        return self.env.get(PUBLIC_URL, "").strip()


def read_toml(path: Path) -> tuple[dict[str, Any], str | None]:
    """A TOML file's contents (empty when missing), or a plain reason it cannot be read."""
    try:
        return tomllib.loads(path.read_text(encoding="utf-8")), None
    except FileNotFoundError:
        return {}, None
    except (OSError, UnicodeDecodeError) as exc:
        return {}, f"{path} cannot be read: {getattr(exc, 'strerror', None) or exc}"
    except tomllib.TOMLDecodeError as exc:
        return {}, f"{path} is not valid TOML: {exc}"


def host_matches(host: str, pattern: str) -> bool:
    """Streamlit's rule for server.allowedHosts: exact name, `*.` for subdomains, `*` for any."""
    host, pattern = host.lower().rstrip("."), pattern.strip().lower().rstrip(".")
    return pattern == "*" or host == pattern or (pattern.startswith("*.") and host.endswith(pattern[1:]))


def is_loopback(host: str) -> bool:
    return host.strip("[]").lower() in LOOPBACK


def bank_problems() -> list[str]:
    try:
        load_bank(default_bank_path())
    except ChecklistError as exc:
        return [f"the question bank cannot be used: {exc.message}"]
    return []


def auth_problems(auth: object, path: Path) -> list[str]:
    """Problems in a secrets file's [auth] section (present, so sign-in is meant to be on)."""
    if not isinstance(auth, dict):
        return [f"{path}: [auth] must be a section of keys, not a single value"]
    problems = [
        f"{path}: [auth] has no {key} (or it is empty); sign-in needs it"
        for key in AUTH_KEYS
        if not isinstance(auth.get(key), str) or not auth[key].strip()
    ]
    secret = auth.get("cookie_secret")
    if isinstance(secret, str) and secret.strip() and len(secret) < SHORTEST_COOKIE_SECRET:
        problems.append(
            f"{path}: [auth] cookie_secret is only {len(secret)} characters; use at least {SHORTEST_COOKIE_SECRET} "
            'random ones (python3 -c "import secrets; print(secrets.token_hex(32))")'
        )
    for key, must_end in (("redirect_uri", "/oauth2callback"), ("server_metadata_url", "")):
        problems += _address_problems(path, key, auth.get(key), must_end)
    return problems


def _address_problems(path: Path, key: str, value: object, must_end: str) -> list[str]:
    if not isinstance(value, str) or not value.strip():
        return []
    parsed = urlparse(value)
    if parsed.scheme not in {"http", "https"} or not parsed.hostname:
        return [f"{path}: [auth] {key} is not a web address: {value!r}"]
    problems = []
    if parsed.scheme != "https" and not is_loopback(parsed.hostname):
        problems.append(f"{path}: [auth] {key} must start with https:// (it is {value!r})")
    if must_end and not parsed.path.endswith(must_end):
        problems.append(f"{path}: [auth] {key} must end with {must_end} (it is {value!r})")
    return problems


def metadata_problems(url: str) -> list[str]:
    """Fetch the provider's OpenID Connect discovery document, as the app will when someone signs in."""
    try:
        with urllib.request.urlopen(url, timeout=METADATA_SECONDS) as reply:  # noqa: S310 - https or loopback, checked
            document = json.loads(reply.read(1_000_000))
    except urllib.error.HTTPError as exc:
        return [f"the sign-in provider's metadata address {url} answered HTTP {exc.code}"]
    except (OSError, ValueError) as exc:
        reason = getattr(exc, "reason", None) or exc
        return [f"the sign-in provider's metadata address {url} cannot be reached: {reason}"]
    if not isinstance(document, dict) or not {"issuer", "authorization_endpoint"} <= document.keys():
        return [f"{url} is not an OpenID Connect metadata document (no issuer or authorization_endpoint)"]
    return []


def public_problems(settings: Settings, auth: object) -> list[str]:
    """Beyond loopback the app must know its public address, and Streamlit must accept that name."""
    hosts = settings.allowed_hosts()
    public = settings.public_url()
    beyond = (
        not is_loopback(settings.server_address())
        or any(not is_loopback(h) for h in hosts)
        or bool(public)
        or isinstance(auth, dict)
    )
    if not beyond:
        return []
    if not public:
        return [
            f"{PUBLIC_URL} is not set, but this server is meant to be reached from other machines: "
            "set it to the address people type, such as https://checklist.example.org"
        ]
    parsed = urlparse(public)
    if parsed.scheme not in {"http", "https"} or not parsed.hostname:
        return [f"{PUBLIC_URL} is {public!r}, which is not a web address such as https://checklist.example.org"]
    problems = []
    if parsed.scheme != "https" and not is_loopback(parsed.hostname):
        problems.append(f"{PUBLIC_URL} is {public!r}: serve it over https://, behind the proxy")
    if hosts and not any(host_matches(parsed.hostname, pattern) for pattern in hosts):
        problems.append(
            f"Streamlit's allowed hosts ({' '.join(hosts)}) do not include {parsed.hostname}, the name in "
            f"{PUBLIC_URL}: browsers would be refused. Add it to {ALLOWED_HOSTS}"
        )
    return problems


def examine(settings: Settings, secrets_path: Path, findings: Findings) -> None:
    url = database_url()
    findings.check(f"database {shown_url(url)} is reachable and has every table", database_problems(url))
    findings.check(f"question bank {default_bank_path()} is valid", bank_problems())
    secrets, unreadable = read_toml(secrets_path)
    auth = secrets.get("auth")
    if unreadable:
        findings.problems.append(unreadable)
    elif auth is None:
        findings.passed.append(f"sign-in is not configured (no [auth] in {secrets_path}): the app runs in local mode")
    else:
        shape = auth_problems(auth, secrets_path)
        findings.check(f"sign-in secrets in {secrets_path} are complete", shape)
        if not shape:
            metadata_url = auth["server_metadata_url"]
            findings.check(f"sign-in provider's metadata {metadata_url} is reachable", metadata_problems(metadata_url))
    findings.check(
        f"public address: {settings.public_url() or '(loopback only)'}, allowed hosts: "
        f"{' '.join(settings.allowed_hosts()) or '(any)'}",
        public_problems(settings, auth),
    )


@click.command("doctor")
@click.option(
    "--secrets",
    "secrets_path",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Streamlit secrets file with the [auth] section (default: .streamlit/secrets.toml in the app folder).",
)
def doctor_command(secrets_path: Path | None) -> None:
    """Check this server's configuration: database, bank, sign-in secrets, public address and allowed hosts."""
    config_path = PROJECT_ROOT / ".streamlit" / "config.toml"
    config, unreadable = read_toml(config_path)
    findings = Findings(problems=[unreadable] if unreadable else [])
    examine(Settings(os.environ, config), secrets_path or PROJECT_ROOT / ".streamlit" / "secrets.toml", findings)
    for line in findings.passed:
        say(f"ok: {line}")
    for problem in findings.problems:
        say(f"problem: {problem}", err=True)
    if findings.problems:
        say(f"{counted(len(findings.problems), 'problem')} found: fix them, then run checklist doctor again.", err=True)
        raise SystemExit(1)
    say("Everything checked is ready.")
