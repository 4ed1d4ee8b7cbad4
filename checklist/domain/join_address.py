"""The join link participants can open: the configured public address, else the one the facilitator's browser used.

A link on 127.0.0.1 or localhost works only on the facilitator's own computer, so it is
flagged: the page must then say plainly that phones in the room cannot open it.
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass
from urllib.parse import urlencode, urlsplit

PUBLIC_URL_SETTING = "CHECKLIST_PUBLIC_URL"
JOIN_PATH = "join"
LOOPBACK_NAMES = {"localhost", "localhost.localdomain", "ip6-localhost", "ip6-loopback"}


@dataclass(frozen=True)
class JoinAddress:
    link: str
    host: str
    # False when only this computer can open the link; None when the address is not known at all.
    reachable: bool | None
    # A plain message when the configured public address could not be used.
    problem: str | None = None


def is_loopback(host: str) -> bool:
    name = host.strip("[]").lower()
    if name in LOOPBACK_NAMES or name.endswith(".localhost"):
        return True
    try:
        address = ipaddress.ip_address(name)
    except ValueError:
        return False
    return address.is_loopback or address.is_unspecified


def app_base(url: str) -> str:
    """The app's own address in a page's URL: scheme, host and the folder the pages live in."""
    parts = urlsplit(url)
    folder = parts.path.rsplit("/", 1)[0]
    return f"{parts.scheme}://{parts.netloc}{folder}"


def join_address(
    code: str, *, public_url: str | None, page_url: str | None, param: str = "join", path: str = JOIN_PATH
) -> JoinAddress:
    query = urlencode({param: code})
    problem = None
    if public_url and public_url.strip():
        configured = urlsplit(public_url.strip())
        if configured.scheme in {"http", "https"} and configured.hostname:
            base = public_url.strip().rstrip("/")
            return JoinAddress(f"{base}/{path}?{query}", configured.hostname, not is_loopback(configured.hostname))
        problem = (
            f"{PUBLIC_URL_SETTING} is set to {public_url.strip()!r}, which is not a web address such as "
            "http://192.168.1.20:8501; the address your browser used is shown instead."
        )
    if page_url:
        parts = urlsplit(page_url)
        if parts.scheme in {"http", "https"} and parts.hostname:
            return JoinAddress(
                f"{app_base(page_url)}/{path}?{query}", parts.hostname, not is_loopback(parts.hostname), problem
            )
    return JoinAddress(f"/{path}?{query}", "", None, problem)
