"""What the integration tests share: one database URL fixture, run once on SQLite and once on PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.integration.test_store import NO_POSTGRES, POSTGRES_URL, _postgres_schema_url


@pytest.fixture(
    params=[
        "sqlite",
        pytest.param(
            "postgresql", marks=[pytest.mark.postgres, pytest.mark.skipif(not POSTGRES_URL, reason=NO_POSTGRES)]
        ),
    ]
)
def url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A fresh database: a file under tmp_path, or a schema of its own on the test PostgreSQL server."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'checklist.sqlite3'}"
        return
    assert POSTGRES_URL
    yield from _postgres_schema_url(POSTGRES_URL)
