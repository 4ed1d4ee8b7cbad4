"""Wrong join codes are counted in the database, so the limit holds across app processes (SQLite and PostgreSQL)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from checklist.domain.workshop import Workshop, create_workshop
from checklist.storage.workshops import WorkshopStore
from tests.builders import make_bank, question

BANK = make_bank({"alpha": [question("a1")]})


def test_wrong_codes_from_one_app_process_count_in_another(url: str) -> None:
    first, second = WorkshopStore(url), WorkshopStore(url)
    for _ in range(4):
        first.record_wrong_code(["session:a", "address:10.0.0.7"])
    second.record_wrong_code(["session:b", "address:10.0.0.7"])
    counts = (
        second.wrong_codes_since(["session:a"]),
        second.wrong_codes_since(["session:b", "address:10.0.0.7"]),
        second.wrong_codes_since(["session:c", "address:10.0.0.8"]),
    )
    first.dispose()
    second.dispose()
    assert counts == (4, 5, 0)


def test_wrong_codes_older_than_the_window_no_longer_count(url: str) -> None:
    store = WorkshopStore(url)
    store.record_wrong_code(["session:a"], now=datetime.now(UTC) - timedelta(minutes=2))
    store.record_wrong_code(["session:a"])
    count = store.wrong_codes_since(["session:a"])
    store.dispose()
    assert count == 1


def test_a_workshop_saved_before_closing_existed_reads_as_open(url: str) -> None:
    """Workshops saved by the previous version have no joining_open, closed or removed fields."""
    store = WorkshopStore(url)
    workshop = create_workshop(BANK)
    legacy = workshop.model_dump_json(exclude={"joining_open", "closed", "removed"})
    store.create(Workshop.model_validate_json(legacy))
    stored = store.get(workshop.id)
    store.dispose()
    assert stored is not None
    assert (stored.workshop.joining_open, stored.workshop.closed, stored.workshop.removed) == (True, False, ())
