"""The audit trail's words: the retention cutoff, its bounds, and how the command line names who ran it."""

from __future__ import annotations

import getpass
from datetime import UTC, datetime

import pytest
from pydantic import ValidationError

from checklist.domain import audit
from checklist.domain.audit import MAX_RETENTION_DAYS, RetentionSetting, command_line_actor

NOW = datetime(2026, 12, 3, 9, 0, tzinfo=UTC)


def test_drafts_last_changed_before_the_period_are_due() -> None:
    setting = RetentionSetting(days=30, set_by="command line (root)", set_at=NOW)
    assert setting.cutoff(NOW) == datetime(2026, 11, 3, 9, 0, tzinfo=UTC)


@pytest.mark.parametrize("days", [0, -1, MAX_RETENTION_DAYS + 1])
def test_a_period_of_no_days_or_beyond_a_hundred_years_is_refused(days: int) -> None:
    with pytest.raises(ValidationError):
        RetentionSetting(days=days, set_by="command line (root)", set_at=NOW)


def test_the_command_line_is_named_by_its_operating_system_user(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(getpass, "getuser", lambda: "maria")
    assert command_line_actor() == "command line (maria)"


def test_a_user_id_with_no_name_is_still_named(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_name() -> str:
        raise KeyError("getpwuid(): uid not found: 1234")

    monkeypatch.setattr(audit.getpass, "getuser", no_name)
    assert command_line_actor() == "command line (unknown user)"
