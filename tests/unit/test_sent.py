"""Which of a service's submissions counts: the latest; the rest stay as its history."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime, timedelta

from checklist.domain.sent import SentSubmission, by_service, is_new, latest_per_service

MONDAY = datetime(2026, 11, 30, 9, 0, tzinfo=UTC)


def sent(sid: int, service: str, *, organisation: int = 1, hours: int = 0) -> SentSubmission:
    return SentSubmission(
        id=sid,
        assessment_id=f"a-{sid}",
        organisation_id=organisation,
        organisation_name=f"Provider {organisation}",
        area_id=10,
        area_name="Northshire",
        service_name=service,
        bank_id="bank",
        bank_version="1.0.0",
        completion=0.5,
        submitted_by="ana@example.org",
        submitted_at=MONDAY + timedelta(hours=hours),
    )


def test_a_later_submission_of_the_same_service_supersedes_the_earlier_ones() -> None:
    first, second, third = (
        sent(1, "Women's service"),
        sent(2, "Women's service", hours=5),
        sent(3, "Women's service", hours=2),
    )
    [group] = by_service([first, second, third])
    assert group.latest == second
    assert group.superseded == (third, first)


def test_the_same_service_name_in_other_case_and_spacing_is_the_same_service() -> None:
    older, newer = sent(1, "Women's  service"), sent(2, "women's service", hours=1)
    assert latest_per_service([older, newer]) == [newer]


def test_services_of_the_same_name_in_two_organisations_are_two_services() -> None:
    ours, theirs = sent(1, "Outreach", organisation=1), sent(2, "Outreach", organisation=2, hours=1)
    assert latest_per_service([theirs, ours]) == [ours, theirs]


def test_the_order_submissions_are_read_in_never_changes_which_one_counts() -> None:
    rows = [sent(1, "A"), sent(2, "A", hours=1), sent(3, "B"), sent(4, "A", hours=1)]  # 2 and 4 at the same moment
    outcomes = {tuple(s.id for s in latest_per_service(order)) for order in itertools.permutations(rows)}
    assert outcomes == {(4, 3)}


def test_a_submission_is_new_when_sent_after_the_last_visit_and_everything_is_new_on_the_first() -> None:
    s = sent(1, "A", hours=2)
    assert is_new(s, None)
    assert is_new(s, MONDAY + timedelta(hours=1))
    assert not is_new(s, MONDAY + timedelta(hours=2))
