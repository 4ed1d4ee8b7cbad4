"""Submission intake: every file reported, broken ones rejected, each assessment counted once."""

from __future__ import annotations

from datetime import UTC, date, datetime

from checklist.domain.assessment import Assessment, Service
from checklist.domain.compare import FileStatus, read_submissions
from checklist.domain.loading import dump_assessment
from tests.builders import make_assessment, make_bank

BANK = make_bank()
SAVED = datetime(2025, 3, 1, 12, 0, tzinfo=UTC)


def as_file(assessment: Assessment, saved: datetime = SAVED) -> bytes:
    return dump_assessment(assessment, tool_version="test", now=saved)


def service(name: str, organisation: str = "Org", area: str = "North") -> Service:
    return Service(name=name, organisation=organisation, area=area)


def test_a_broken_file_is_rejected_and_the_others_are_kept() -> None:
    good = as_file(make_assessment(BANK, {"a1": "met"}))

    intake = read_submissions([("broken.json", b"{not json"), ("good.json", good)], BANK)

    assert [r.status for r in intake.reports] == [FileStatus.REJECTED, FileStatus.ACCEPTED]
    assert len(intake.submissions) == 1


def test_a_rejected_file_gives_the_loaders_reason_in_plain_words() -> None:
    intake = read_submissions([("empty.json", b"")], BANK)

    assert intake.reports[0].reason == "the file is not valid JSON: it is empty"


def test_a_file_made_with_another_question_bank_is_rejected() -> None:
    other = make_bank(id="other-bank")
    data = as_file(make_assessment(other, {"a1": "met"}))

    report = read_submissions([("other.json", data)], BANK).reports[0]

    assert report.status == FileStatus.REJECTED
    assert report.reason == (
        "it was made with the question bank 'other-bank', not 'test-bank', so its answers cannot be compared"
    )


def test_the_same_file_sent_twice_is_counted_once_and_reported_as_duplicate() -> None:
    data = as_file(make_assessment(BANK, {"a1": "met"}))

    intake = read_submissions([("a.json", data), ("copy of a.json", data)], BANK)

    assert [r.status for r in intake.reports] == [FileStatus.ACCEPTED, FileStatus.DUPLICATE]
    assert len(intake.submissions) == 1


def test_the_same_service_and_date_keeps_the_most_recently_saved_copy() -> None:
    first = make_assessment(BANK, {"a1": "not_met"}, service=service("Hub"), assessed_on=date(2025, 1, 5))
    later = make_assessment(BANK, {"a1": "met"}, service=service("Hub"), assessed_on=date(2025, 1, 5))

    intake = read_submissions(
        [("later.json", as_file(later, datetime(2025, 2, 1, tzinfo=UTC))), ("first.json", as_file(first))], BANK
    )

    assert [s.name for s in intake.submissions] == ["first.json"]
    assert intake.reports[0].status is FileStatus.DUPLICATE


def test_service_names_match_whatever_their_case_and_spacing() -> None:
    one = make_assessment(BANK, {"a1": "met"}, service=service("City  Hub", "With You"), assessed_on=date(2025, 1, 5))
    two = make_assessment(
        BANK, {"a1": "partly"}, service=service("city hub ", "with you"), assessed_on=date(2025, 1, 5)
    )

    intake = read_submissions(
        [("one.json", as_file(one)), ("two.json", as_file(two, datetime(2025, 3, 2, tzinfo=UTC)))], BANK
    )

    assert intake.count(FileStatus.DUPLICATE) == 1


def test_the_same_service_on_different_dates_counts_twice() -> None:
    one = make_assessment(BANK, {"a1": "met"}, service=service("Hub"), assessed_on=date(2025, 1, 5))
    two = make_assessment(BANK, {"a1": "met"}, service=service("Hub"), assessed_on=date(2025, 6, 5))

    intake = read_submissions([("one.json", as_file(one)), ("two.json", as_file(two))], BANK)

    assert intake.count(FileStatus.ACCEPTED) == 2


def test_unnamed_services_are_never_merged_by_date() -> None:
    one = make_assessment(BANK, {"a1": "met"}, service=service(""), assessed_on=date(2025, 1, 5))
    two = make_assessment(BANK, {"a1": "partly"}, service=service(""), assessed_on=date(2025, 1, 5))

    intake = read_submissions([("one.json", as_file(one)), ("two.json", as_file(two))], BANK)

    assert intake.count(FileStatus.ACCEPTED) == 2


def test_which_copy_is_kept_does_not_depend_on_file_order() -> None:
    one = as_file(make_assessment(BANK, {"a1": "met"}, service=service("Hub"), assessed_on=date(2025, 1, 5)))
    two = as_file(make_assessment(BANK, {"a1": "partly"}, service=service("Hub"), assessed_on=date(2025, 1, 5)))

    forwards = read_submissions([("one.json", one), ("two.json", two)], BANK)
    backwards = read_submissions([("two.json", two), ("one.json", one)], BANK)

    assert forwards.submissions == backwards.submissions


def test_a_practice_file_is_kept_but_reported_as_practice() -> None:
    data = as_file(make_assessment(BANK, {"a1": "met"}, practice=True))

    report = read_submissions([("example.json", data)], BANK).reports[0]

    assert report.status == FileStatus.PRACTICE
    assert report.reason == (
        "a practice file (from an example or a workshop), question bank version 1.0.0; left out of the figures "
        "unless asked"
    )


def test_loader_warnings_are_kept_on_the_report() -> None:
    data = as_file(make_assessment(BANK, {"a1": "met", "gone": "met"}))

    report = read_submissions([("old.json", data)], BANK).reports[0]

    assert any("gone" in w for w in report.warnings)


def test_an_intake_with_no_usable_file_says_so() -> None:
    intake = read_submissions([("x.json", b"nope")], BANK)

    assert (intake.usable, intake.summary()) == (False, "1 file: 1 rejected")


def test_two_different_assessments_saved_at_the_same_moment_are_both_kept_and_flagged_as_a_conflict() -> None:
    one = make_assessment(BANK, {"a1": "met"}, service=service("Hub"), assessed_on=date(2025, 1, 5))
    two = make_assessment(BANK, {"a1": "not_met"}, service=service("Hub"), assessed_on=date(2025, 1, 5))

    intake = read_submissions([("one.json", as_file(one)), ("two.json", as_file(two))], BANK)

    assert [r.status for r in intake.reports] == [FileStatus.ACCEPTED, FileStatus.ACCEPTED]
    assert len(intake.submissions) == 2
    assert intake.reports[0].warnings == (
        "conflict: two.json is a different assessment of the same service on the same date, "
        "saved at the same time; both are counted until you remove the wrong one",
    )
    assert intake.reports[1].warnings[0].startswith("conflict: one.json is a different assessment")


def test_a_save_time_in_the_future_is_flagged_and_does_not_win() -> None:
    now = datetime(2025, 6, 1, tzinfo=UTC)
    honest = make_assessment(BANK, {"a1": "met"}, service=service("Hub"), assessed_on=date(2025, 1, 5))
    future = make_assessment(BANK, {"a1": "not_met"}, service=service("Hub"), assessed_on=date(2025, 1, 5))

    intake = read_submissions(
        [("future.json", as_file(future, datetime(2099, 1, 1, tzinfo=UTC))), ("honest.json", as_file(honest))],
        BANK,
        now=now,
    )

    assert [s.name for s in intake.submissions] == ["honest.json"]
    assert intake.reports[0].status is FileStatus.DUPLICATE
    assert intake.reports[0].warnings == (
        "it says it was saved on 1 January 2099 at 00:00 UTC, which is in the future; "
        "that time is not used to decide which copy is newest",
    )


def test_a_clock_a_few_minutes_fast_is_not_called_the_future() -> None:
    now = datetime(2025, 3, 1, 12, 0, tzinfo=UTC)
    data = as_file(make_assessment(BANK, {"a1": "met"}), datetime(2025, 3, 1, 12, 5, tzinfo=UTC))

    assert read_submissions([("x.json", data)], BANK, now=now).reports[0].warnings == ()


def test_the_report_holds_a_line_for_an_entry_that_could_not_be_read() -> None:
    from checklist.domain.submissions import Unreadable

    intake = read_submissions(
        [("pipe.json", Unreadable("is a named pipe (FIFO), not a file, so it is not read"))], BANK
    )

    assert intake.reports[0].status is FileStatus.REJECTED
    assert intake.reports[0].reason == "is a named pipe (FIFO), not a file, so it is not read"
