"""Shared fixtures. Builders live in tests/builders.py; this file only wires them."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, settings

from checklist.domain.bank import QuestionBank, load_bank
from checklist.paths import default_bank_path

# Two xdist workers share two cores; property tests must not fail on slowness alone.
settings.register_profile("checklist", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("checklist")


@pytest.fixture(scope="session")
def shipped_bank() -> QuestionBank:
    """The bank the product ships, loaded once per worker."""
    return load_bank(default_bank_path())


# The private PostgreSQL server fixture (tests/pg.py), for tests that stop and start the database;
# the rule that nothing skips under make test (tests/skips.py); pytester, to test that rule.
pytest_plugins = ["tests.pg", "tests.skips", "pytester"]
