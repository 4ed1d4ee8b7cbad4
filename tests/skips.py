"""A pytest plugin: under `make test` (CHECKLIST_FAIL_ON_SKIP=1) a skipped test fails the run."""

from __future__ import annotations

import os

import pytest


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """Under `make test` a skipped test is a failure: it would hide a missing tool or feature."""
    if os.environ.get("CHECKLIST_FAIL_ON_SKIP") != "1" or hasattr(session.config, "workerinput"):
        return
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    skipped = reporter.stats.get("skipped", []) if reporter is not None else []
    if skipped and exitstatus == 0:
        message = f"Skipped tests: {len(skipped)}; make test allows none (CHECKLIST_FAIL_ON_SKIP=1)"
        reporter.write_line(message, red=True)
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
