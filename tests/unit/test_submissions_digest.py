"""The intake's fast content digest is exactly canonical_digest, whatever the assessment says."""

from __future__ import annotations

from datetime import date

from hypothesis import assume, given
from hypothesis import strategies as st
from pydantic import ValidationError

from benchmarks.generator import generate_files
from checklist.domain.assessment import Answer, AnswerValue, Assessment, BankRef, PlannedAction, Service
from checklist.domain.errors import AssessmentFileError
from checklist.domain.loading import load_assessment
from checklist.domain.submissions import _Digests, canonical_digest
from tests.builders import make_bank

TEXTS = st.one_of(
    st.none(), st.text(max_size=30), st.sampled_from(["Ünïcode – “quoted”", 'a "quote" \\ and \n', "=1+2"])
)


@st.composite
def assessments(draw: st.DrawFn) -> Assessment:
    answers = {}
    for qid in draw(st.lists(st.sampled_from(["a1", "a2", "b1", "z9", "a10"]), unique=True)):
        try:
            answers[qid] = Answer(
                answer=draw(st.sampled_from(list(AnswerValue))), note=draw(TEXTS), na_reason=draw(TEXTS)
            )
        except ValidationError:
            assume(False)
    try:
        actions = [
            PlannedAction(
                question_id="a1", text=draw(st.text(min_size=1, max_size=20)), due=draw(st.none() | st.dates())
            )
            for _ in range(draw(st.integers(0, 2)))
        ]
        service = Service(name=draw(st.text(max_size=20)), profile=draw(st.sampled_from([{}, {"groups": "yes"}])))
    except ValidationError:
        assume(False)
    return Assessment(
        bank=BankRef(id="test-bank", version="1.0.0"),
        service=service,
        answers=answers,
        actions=actions,
        practice=draw(st.booleans()),
        assessed_on=draw(st.none() | st.just(date(2025, 3, 31))),
    )


@given(st.lists(assessments(), min_size=1, max_size=3))
def test_the_fast_digest_is_exactly_canonical_digest(listed: list[Assessment]) -> None:
    digests = _Digests()  # one for several: what it remembers from one must never change the next
    assert [digests.of(a) for a in listed] == [canonical_digest(a) for a in listed]


def test_the_fast_digest_is_exactly_canonical_digest_on_generated_submissions() -> None:
    bank = make_bank()
    digests = _Digests()
    loaded = []
    for name, data in generate_files(bank, 60, seed=5):
        try:
            loaded.append(load_assessment(data, name, bank).assessment)
        except AssessmentFileError:
            continue  # the generator's broken files
    assert len(loaded) > 50
    assert [digests.of(a) for a in loaded] == [canonical_digest(a) for a in loaded]
