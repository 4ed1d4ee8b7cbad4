"""Dates at the calendar's edges, with and without time zones, never break reading, comparing or planning.

An adversarial tester stopped `compare` with a file saved at 0001-01-01T00:00:00 (no time zone)
next to files with aware times, and with one saved at 9999-12-31T23:59:59+14:00.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

from hypothesis import given, settings
from hypothesis import strategies as st

from checklist.domain.assessment import ActionStatus, Assessment, PlannedAction, Service
from checklist.domain.compare import FileStatus, compare_intake, read_submissions
from checklist.domain.loading import load_assessment
from checklist.domain.plan import action_outcome, compare_with_previous, start_reassessment
from checklist.domain.scoring import score_assessment
from checklist.render.exports import comparison_tables
from checklist.render.pdf_layout import day
from tests.builders import make_assessment, make_bank

BANK = make_bank()
NOW = datetime(2026, 1, 1, tzinfo=UTC)

# Every offset a real time zone can have, and then some: UTC-23:59 to UTC+23:59.
OFFSETS = st.builds(
    timezone, st.timedeltas(min_value=-timedelta(hours=23, minutes=59), max_value=timedelta(hours=23, minutes=59))
)
MOMENTS = st.datetimes(timezones=st.none() | st.just(UTC) | OFFSETS)
DAYS = st.dates()


@st.composite
def edge_assessment(draw: st.DrawFn) -> Assessment:
    actions = [
        PlannedAction(
            question_id="a2", text="Act.", due=draw(st.none() | DAYS), status=draw(st.sampled_from(ActionStatus))
        )
        for _ in range(draw(st.integers(0, 2)))
    ]
    return make_assessment(
        BANK,
        {"a1": draw(st.sampled_from(["met", "not_met"]))},
        service=Service(name=draw(st.sampled_from(["Hub", "Home"])), area="North"),
        assessed_on=draw(st.none() | DAYS),
        saved_at=draw(st.none() | MOMENTS),
        actions=actions,
    )


def as_file(assessment: Assessment) -> bytes:
    # Not dump_assessment: that stamps the save time, and the save time is what is being tested.
    return assessment.model_dump_json().encode()


@settings(max_examples=150, deadline=None)
@given(st.lists(edge_assessment(), min_size=1, max_size=5), DAYS)
def test_any_dates_are_read_compared_and_reported_without_an_error(assessments: list[Assessment], today: date) -> None:
    files = [(f"f{i}.json", as_file(a)) for i, a in enumerate(assessments)]

    intake = read_submissions(files, BANK, now=NOW)
    comparison = compare_intake(BANK, intake, today=today, include_practice=True)
    comparison_tables(comparison, include_notes=True)

    assert FileStatus.REJECTED not in {r.status for r in intake.reports}
    assert len(intake.reports) == len(files)


@settings(max_examples=150, deadline=None)
@given(MOMENTS)
def test_a_save_time_without_a_zone_is_read_as_utc_and_compares_with_any_other(moment: datetime) -> None:
    loaded = load_assessment(as_file(make_assessment(BANK, saved_at=moment)), "x.json", BANK).assessment

    assert loaded.saved_at is not None
    assert loaded.saved_at.tzinfo is not None
    assert loaded.saved_at.replace(tzinfo=None) == moment.replace(tzinfo=None)
    assert (loaded.saved_at < NOW) or (loaded.saved_at >= NOW)


@settings(max_examples=150, deadline=None)
@given(edge_assessment(), DAYS, st.booleans())
def test_since_last_time_overdue_and_formatting_hold_at_any_date(
    previous: Assessment, today: date, prefill: bool
) -> None:
    again = start_reassessment(BANK, previous, prefill=prefill, today=today)
    delta = compare_with_previous(BANK, again, today)
    for action in again.actions:
        outcome = action_outcome(action, today)
        assert (outcome.value == "overdue") == (
            action.status in (ActionStatus.PLANNED, ActionStatus.IN_PROGRESS)
            and action.due is not None
            and action.due < today
        )
        assert day(action.due)

    assert delta is not None
    assert day(today)
    assert score_assessment(BANK, again).applicable >= 0


def test_year_one_without_a_zone_next_to_aware_times_and_year_9999_at_plus_14_all_compare() -> None:
    """The tester's own files: before the fix, sorting them raised TypeError and OverflowError."""
    times = ["0001-01-01T00:00:00", "2024-03-01T10:00:00+00:00", "9999-12-31T23:59:59+14:00"]
    files = [
        (
            f"{i}.json",
            as_file(make_assessment(BANK, {"a1": "met"}, assessed_on=date(2024, 3, 1))).replace(
                b'"saved_at":null', f'"saved_at":"{t}"'.encode()
            ),
        )
        for i, t in enumerate(times)
    ]

    intake = read_submissions(files, BANK, now=NOW)

    assert [r.status for r in intake.reports] == [FileStatus.DUPLICATE, FileStatus.ACCEPTED, FileStatus.DUPLICATE]
