"""The women's survey: counts hidden below the threshold, and the 'women's experience differs' rule."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from checklist.domain.assessment import Assessment, Service
from checklist.domain.bank_changes import changes_in, versions_with_changes
from checklist.domain.scoring import experience_gaps, score_assessment
from checklist.domain.survey import (
    MIN_THRESHOLD,
    AnswerLimiter,
    OverallAnswer,
    RoundStatus,
    SurveyAnswer,
    SurveyCounts,
    SurveyResponse,
    SurveyRound,
    SurveySummary,
    clean_comment,
    summarise,
)
from tests.builders import make_assessment, make_bank, question

SURVEY: dict[str, Any] = {
    "version": "1.0.0",
    "added_in": "1.2.0",
    "introduction": "About your time here.",
    "questions": [
        {"id": "s1", "text": "Did you feel safe?", "checks": ["a1"], "sources": ["src"]},
        {"id": "s2", "text": "Were you offered a woman worker?", "checks": ["a1", "a2"], "sources": ["src"]},
        {"id": "s3", "text": "Could you come at good times?", "checks": ["b1"], "sources": ["src"]},
    ],
    "overall": "How good was it?",
    "comment": "Anything else?",
}
BANK = make_bank(
    {"alpha": [question("a1"), question("a2", weight=3)], "beta": [question("b1", weight=1)]},
    version="1.2.0",
    survey=SURVEY,
)
DAY = date(2026, 11, 2)
ANSWERS = st.sampled_from(list(SurveyAnswer))


def response(overall: OverallAnswer | None = None, **answers: SurveyAnswer) -> SurveyResponse:
    return SurveyResponse(answers=answers, overall=overall, received_on=DAY)


def women(n: int, **answers: SurveyAnswer) -> list[SurveyResponse]:
    return [response(**answers) for _ in range(n)]


def counts(question_id: str = "s1", *, yes: int = 0, partly: int = 0, no: int = 0) -> SurveyCounts:
    return SurveyCounts(question_id=question_id, yes=yes, partly=partly, no=no)


def summary(*shown: SurveyCounts) -> SurveySummary:
    return SurveySummary(survey_version="1.0.0", responses=20, questions=shown)


def assessed(answers: dict[str, str], survey: SurveySummary | None = None) -> Assessment:
    return make_assessment(BANK, answers).model_copy(update={"survey": survey})


def test_a_question_answered_by_four_women_is_hidden_and_by_five_is_shown() -> None:
    result = summarise(
        BANK.survey,  # type: ignore[arg-type]
        women(4, s1=SurveyAnswer.NO) + women(5, s2=SurveyAnswer.YES),
    )
    assert (result.responses, result.hidden, result.questions) == (
        9,
        ("s1", "s3"),
        (counts("s2", yes=5),),
    )


def test_does_not_apply_and_rather_not_say_are_counted_apart_and_not_in_the_base() -> None:
    responses = (
        women(5, s1=SurveyAnswer.YES)
        + women(3, s1=SurveyAnswer.DOES_NOT_APPLY)
        + women(2, s1=SurveyAnswer.PREFER_NOT_TO_SAY)
    )
    shown = summarise(BANK.survey, responses).counts("s1")  # type: ignore[arg-type]
    assert shown == SurveyCounts(question_id="s1", yes=5, partly=0, no=0, does_not_apply=3, rather_not_say=2)
    assert (shown.base, shown.of_base(shown.yes)) == (5, "5 of 5 women")


def test_the_overall_question_is_hidden_until_five_women_answer_it() -> None:
    four = summarise(BANK.survey, [response(OverallAnswer.GOOD) for _ in range(4)])  # type: ignore[arg-type]
    five = summarise(BANK.survey, [response(OverallAnswer.POOR) for _ in range(5)])  # type: ignore[arg-type]
    assert four.overall is None
    assert five.overall == dict.fromkeys(OverallAnswer, 0) | {OverallAnswer.POOR: 5}


def test_a_threshold_below_five_is_raised_to_five() -> None:
    result = summarise(BANK.survey, women(4, s1=SurveyAnswer.NO), threshold=2)  # type: ignore[arg-type]
    assert (result.threshold, result.questions) == (5, ())


def test_a_higher_threshold_hides_more() -> None:
    result = summarise(BANK.survey, women(7, s1=SurveyAnswer.NO), threshold=8)  # type: ignore[arg-type]
    assert (result.threshold, result.hidden) == (8, ("s1", "s2", "s3"))


def test_a_file_whose_summary_shows_fewer_than_five_women_is_refused() -> None:
    with pytest.raises(ValidationError, match="fewer than 5 women answered: s1"):
        summary(counts("s1", no=4))


def test_a_file_whose_summary_sets_a_threshold_below_five_is_refused() -> None:
    with pytest.raises(ValidationError, match="is 3, but it is never below 5"):
        SurveySummary(survey_version="1.0.0", responses=3, threshold=3)


def test_answers_to_questions_the_survey_does_not_have_are_ignored() -> None:
    result = summarise(BANK.survey, women(6, zz=SurveyAnswer.NO))  # type: ignore[arg-type]
    assert (result.responses, result.questions, result.hidden) == (6, (), ("s1", "s2", "s3"))


@given(st.lists(st.dictionaries(st.sampled_from(["s1", "s2", "s3"]), ANSWERS), max_size=30), st.integers(0, 12))
def test_no_shown_question_ever_has_fewer_women_than_the_threshold(
    answer_sets: list[dict[str, SurveyAnswer]], threshold: int
) -> None:
    result = summarise(BANK.survey, [response(**a) for a in answer_sets], threshold=threshold)  # type: ignore[arg-type]
    assert all(c.base >= max(threshold, MIN_THRESHOLD) for c in result.questions)
    assert sorted([c.question_id for c in result.questions] + list(result.hidden)) == ["s1", "s2", "s3"]


def test_met_with_most_women_saying_no_is_a_gap_of_its_own_kind() -> None:
    gaps = experience_gaps(BANK, assessed({"a1": "met"}), summary(counts("s1", yes=2, no=6)))
    assert [(g.question_id, g.survey_question_id, g.difference, g.women.no) for g in gaps] == [("a1", "s1", 0.75, 6)]


def test_a_difference_under_a_half_is_not_a_gap() -> None:
    # Met (1) against women's 0.6: yes 5, partly 2, no 3 of 10.
    assert experience_gaps(BANK, assessed({"a1": "met"}), summary(counts("s1", yes=5, partly=2, no=3))) == ()


def test_exactly_a_half_is_a_gap() -> None:
    gaps = experience_gaps(BANK, assessed({"a1": "met"}), summary(counts("s1", yes=3, partly=4, no=3)))
    assert [g.difference for g in gaps] == [0.5]


def test_partly_met_against_all_women_saying_no_is_a_gap() -> None:
    gaps = experience_gaps(BANK, assessed({"a1": "partly"}), summary(counts("s1", no=5)))
    assert [(g.question_id, g.difference) for g in gaps] == [("a1", 0.5)]


@pytest.mark.parametrize("answer", ["not_met", "unknown", "na"])
def test_an_answer_that_claims_nothing_is_never_contradicted(answer: str) -> None:
    assert experience_gaps(BANK, assessed({"a1": answer}), summary(counts("s1", no=9))) == ()


def test_an_unanswered_question_is_never_an_experience_gap() -> None:
    assert experience_gaps(BANK, assessed({}), summary(counts("s1", no=9))) == ()


def test_a_question_checked_twice_keeps_the_larger_difference() -> None:
    both = summary(counts("s1", yes=4, no=4), counts("s2", no=8))
    gaps = experience_gaps(BANK, assessed({"a1": "met"}), both)
    assert [(g.question_id, g.survey_question_id, g.difference) for g in gaps] == [("a1", "s2", 1.0)]


def test_experience_gaps_are_ranked_by_difference_then_by_women_answering_then_bank_order() -> None:
    # a1: met against no 6 of 6 (1.0); a2: met against 0.1 of 10; b1: met against 0.1 of 20.
    shown = summary(counts("s1", no=6), counts("s2", partly=2, no=8), counts("s3", yes=2, no=18))
    gaps = experience_gaps(BANK, assessed({"a1": "met", "a2": "met", "b1": "met"}), shown)
    assert [(g.question_id, g.difference, g.women.base) for g in gaps] == [
        ("a1", 1.0, 6),
        ("b1", 0.9, 20),
        ("a2", 0.9, 10),
    ]


def test_a_question_the_profile_rules_out_is_never_an_experience_gap() -> None:
    bank = make_bank(
        {"alpha": [question("a1", applies_if={"groups": ["yes"]}), question("a2")], "beta": [question("b1")]},
        version="1.2.0",
        survey=SURVEY,
    )
    ruled_out = make_assessment(bank, {"a1": "met"}, service=Service(profile={"groups": "no"}))
    assert experience_gaps(bank, ruled_out, summary(counts("s1", no=9))) == ()


def test_without_a_survey_there_are_no_experience_gaps() -> None:
    assert experience_gaps(BANK, assessed({"a1": "met"}), None) == ()


@given(
    st.dictionaries(
        st.sampled_from(["a1", "a2", "b1"]), st.sampled_from(["met", "partly", "not_met", "unknown", "na"])
    ),
    st.integers(0, 10),
    st.integers(0, 10),
    st.integers(0, 10),
)
def test_the_survey_never_changes_the_checklist_score(answers: dict[str, str], yes: int, partly: int, no: int) -> None:
    shown = (counts("s1", yes=yes, partly=partly, no=no),) if yes + partly + no >= MIN_THRESHOLD else ()
    with_survey = assessed(answers, summary(*shown))
    assert score_assessment(BANK, with_survey) == score_assessment(BANK, assessed(answers))


@given(st.sampled_from(["met", "partly"]), st.integers(0, 10), st.integers(0, 10), st.integers(0, 10))
def test_one_more_woman_saying_no_never_lowers_the_difference(answer: str, yes: int, partly: int, no: int) -> None:
    def difference(n_no: int) -> float:
        if yes + partly + n_no < MIN_THRESHOLD:
            return -1.0
        gaps = experience_gaps(BANK, assessed({"b1": answer}), summary(counts("s3", yes=yes, partly=partly, no=n_no)))
        return gaps[0].difference if gaps else -1.0

    assert difference(no + 1) >= difference(no)


@given(st.lists(st.tuples(st.integers(0, 8), st.integers(0, 8), st.integers(0, 8)), min_size=3, max_size=3))
def test_experience_gaps_come_sorted_by_difference_and_every_one_is_at_least_a_half(
    triples: list[tuple[int, int, int]],
) -> None:
    shown = tuple(
        counts(sid, yes=y, partly=p, no=n)
        for sid, (y, p, n) in zip(["s1", "s2", "s3"], triples, strict=True)
        if y + p + n >= 5
    )
    gaps = experience_gaps(BANK, assessed({"a1": "met", "a2": "partly", "b1": "met"}), summary(*shown))
    differences = [g.difference for g in gaps]
    assert differences == sorted(differences, reverse=True)
    assert all(d >= 0.5 for d in differences)
    assert len({g.question_id for g in gaps}) == len(gaps)


def test_the_version_that_added_the_survey_says_so_in_what_changed() -> None:
    assert (changes_in(BANK, "1.2.0").survey_added, changes_in(BANK, "1.2.0").empty) == (3, False)
    assert versions_with_changes(BANK) == ["1.2.0"]


def test_the_survey_summary_travels_in_the_assessment_file_and_back() -> None:
    shown = summary(counts("s1", yes=2, no=6))
    again = Assessment.model_validate_json(assessed({"a1": "met"}, shown).model_dump_json())
    assert again.survey == shown


def test_the_limiter_refuses_the_31st_answer_into_a_round_within_a_minute_and_allows_it_after() -> None:
    limiter = AnswerLimiter()
    start = datetime(2026, 11, 2, 10, 0, tzinfo=UTC)
    taken = [limiter.allow("r1", start + timedelta(seconds=i)) for i in range(31)]
    assert (taken.count(True), taken[-1]) == (30, False)
    assert limiter.allow("r2", start + timedelta(seconds=31)) is True
    assert limiter.allow("r1", start + timedelta(seconds=60)) is True


def test_a_round_is_open_from_its_first_day_to_its_last_and_closed_after_or_when_closed_early() -> None:
    survey_round = SurveyRound(assessment_id="a-1", opens_on=date(2026, 11, 2), closes_on=date(2026, 11, 30))
    days = [date(2026, 11, 1), date(2026, 11, 2), date(2026, 11, 30), date(2026, 12, 1)]
    assert [survey_round.status(d) for d in days] == [
        RoundStatus.NOT_YET_OPEN,
        RoundStatus.OPEN,
        RoundStatus.OPEN,
        RoundStatus.CLOSED,
    ]
    assert survey_round.model_copy(update={"closed_early": True}).status(date(2026, 11, 3)) is RoundStatus.CLOSED


def test_a_round_that_closes_before_it_opens_is_refused() -> None:
    with pytest.raises(ValidationError, match="the closing date is before the opening date"):
        SurveyRound(assessment_id="a-1", opens_on=date(2026, 11, 2), closes_on=date(2026, 11, 1))


def test_a_comment_is_kept_literally_and_cut_at_1000_characters() -> None:
    hostile = "<script>alert(1)</script> **bold** " + "x" * 2000
    assert clean_comment(hostile) == hostile[:1000]
    assert [clean_comment(t) for t in ("   ", None, "a\x00b")] == [None, None, "ab"]
