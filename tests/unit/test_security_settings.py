"""The settings SECURITY.md promises are the settings the app ships with."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

from checklist.domain.loading import MAX_ATTACHMENT_BYTES, MAX_FILE_BYTES

ROOT = Path(__file__).parents[2]


def config() -> dict[str, Any]:
    return tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))


def test_the_server_listens_on_loopback_only() -> None:
    assert config()["server"]["address"] == "127.0.0.1"


def test_usage_statistics_are_never_sent() -> None:
    assert config()["browser"]["gatherUsageStats"] is False


def test_xsrf_protection_is_on() -> None:
    assert config()["server"]["enableXsrfProtection"] is True


def test_the_server_refuses_uploads_larger_than_an_assessment_file_may_be() -> None:
    assert config()["server"]["maxUploadSize"] * 1_000_000 == MAX_FILE_BYTES


def test_security_md_states_the_limits_the_code_enforces() -> None:
    text = (ROOT / "SECURITY.md").read_text(encoding="utf-8")

    assert f"at most {MAX_FILE_BYTES:,} bytes" in text
    assert f"at most {MAX_ATTACHMENT_BYTES:,} bytes once unpacked" in text
    assert f"`server.maxUploadSize = {config()['server']['maxUploadSize']}`" in text


def test_only_the_loopback_names_may_open_the_websocket() -> None:
    """DNS rebinding: a foreign Host header is refused (tests/e2e/test_host_check_e2e.py shows it live)."""
    assert config()["server"]["allowedHosts"] == ["localhost", "127.0.0.1", "::1"]
