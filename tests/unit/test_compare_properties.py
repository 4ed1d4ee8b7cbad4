"""Properties: the order of the files and resent copies never change any figure."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from checklist.domain.assessment import Answer, AnswerValue, Assessment, Service, bank_ref
from checklist.domain.compare import Comparison, compare_intake, read_submissions
from checklist.domain.loading import dump_assessment
from tests.builders import make_bank

BANK = make_bank()
TODAY = date(2025, 6, 1)
VALUES = [v for v in AnswerValue if v is not AnswerValue.NA]


@st.composite
def submitted_file(draw: st.DrawFn) -> tuple[str, bytes]:
    answers = draw(st.dictionaries(st.sampled_from(["a1", "a2", "b1"]), st.sampled_from(VALUES)))
    assessment = Assessment(
        bank=bank_ref(BANK),
        service=Service(
            name=draw(st.sampled_from(["Hub", "hub ", "Home", "Outreach", ""])),
            area=draw(st.sampled_from(["North", "South"])),
        ),
        assessed_on=date(2025, 1, 1) + timedelta(days=draw(st.integers(0, 2))),
        practice=draw(st.booleans()),
        answers={qid: Answer(answer=v) for qid, v in answers.items()},
    )
    saved = datetime(2025, 2, 1, tzinfo=UTC) + timedelta(hours=draw(st.integers(0, 3)))
    name = draw(st.sampled_from(["a.json", "b.json", "c.json"]))
    return name, dump_assessment(assessment, tool_version="test", now=saved)


def figures(files: list[tuple[str, bytes]], anonymise: bool = True) -> Comparison:
    intake = read_submissions(files, BANK)
    return compare_intake(BANK, intake, today=TODAY, anonymise=anonymise)


def same_figures(one: Comparison, two: Comparison) -> bool:
    fields = ("rows", "practice_apart", "common_gaps", "spread", "plans", "versions", "left_out", "headline")
    return all(getattr(one, f) == getattr(two, f) for f in fields)


@settings(max_examples=60, deadline=None)
@given(files=st.lists(submitted_file(), max_size=8), data=st.data())
def test_the_order_of_the_files_never_changes_any_figure(files: list[tuple[str, bytes]], data: st.DataObject) -> None:
    shuffled = data.draw(st.permutations(files))

    assert same_figures(figures(files), figures(shuffled))


@settings(max_examples=60, deadline=None)
@given(files=st.lists(submitted_file(), min_size=1, max_size=8), data=st.data())
def test_adding_a_duplicate_never_changes_any_figure(files: list[tuple[str, bytes]], data: st.DataObject) -> None:
    name, content = data.draw(st.sampled_from(files))
    position = data.draw(st.integers(0, len(files)))
    resent = [*files[:position], (f"resent {name}", content), *files[position:]]

    assert same_figures(figures(files, anonymise=False), figures(resent, anonymise=False))
