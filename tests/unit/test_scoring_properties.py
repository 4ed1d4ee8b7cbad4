"""Scoring invariants over random banks, profiles and answers."""

from __future__ import annotations

import json
from dataclasses import dataclass

from hypothesis import given
from hypothesis import strategies as st

from checklist.domain.assessment import Answer, AnswerValue, Assessment, Service
from checklist.domain.bank import QuestionBank
from checklist.domain.scoring import ScoreResult, score_assessment
from tests.builders import bank_document, make_assessment, question

ANSWERED = ["met", "partly", "not_met", "unknown", "na"]
CONDITIONS: list[dict[str, list[str]]] = [{}, {}, {"groups": ["yes"]}, {"groups": ["no"]}, {"groups": ["yes", "no"]}]


@dataclass(frozen=True)
class Case:
    bank: QuestionBank
    answers: dict[str, str]
    profile: dict[str, str]

    def assessment(self, answers: dict[str, str] | None = None) -> Assessment:
        chosen = self.answers if answers is None else answers
        return make_assessment(self.bank, chosen, service=Service(profile=self.profile))

    def score(self, answers: dict[str, str] | None = None) -> ScoreResult:
        return score_assessment(self.bank, self.assessment(answers))

    def applicable(self) -> list[str]:
        """Worked out here, not with the bank's own rule: a condition holds unless the profile answers its
        field with a value the bank offers and the condition does not allow. A value the bank does not
        offer ("weekly") is ignored, as the loader warns, so the question still applies."""
        offered = {p.id: {o.id for o in p.options} for p in self.bank.profile}

        def holds(field: str, allowed: tuple[str, ...]) -> bool:
            value = self.profile.get(field)
            return value is None or value not in offered.get(field, set()) or value in allowed

        return [q.id for _, q in self.bank.questions() if all(holds(f, a) for f, a in q.applies_if.items())]

    def excluded(self) -> list[str]:
        applicable = set(self.applicable())
        return [q.id for _, q in self.bank.questions() if q.id not in applicable]


@st.composite
def cases(draw: st.DrawFn) -> Case:
    theme_count = draw(st.integers(1, 4))
    themes = {}
    for t in range(theme_count):
        size = draw(st.integers(1, 5))
        themes[f"t{t}"] = [
            question(
                f"q{t}-{n}",
                weight=draw(st.sampled_from([1, 2, 3])),
                safety=draw(st.booleans()),
                cost=draw(st.sampled_from(["none", "low", "medium", "high"])),
                # Fresh lists: YAML would write shared ones as aliases, which banks refuse.
                applies_if={k: list(v) for k, v in draw(st.sampled_from(CONDITIONS)).items()},
            )
            for n in range(size)
        ]
    # Straight from JSON: the same checks as load_bank, without YAML's cost on every example.
    bank = QuestionBank.model_validate_json(json.dumps(bank_document(themes)))
    ids = [q.id for _, q in bank.questions()]
    answers = draw(st.dictionaries(st.sampled_from(ids), st.sampled_from(ANSWERED)))
    # "weekly" is no option of the bank's: an older bank's value, or a hand-edited file.
    profile = draw(st.sampled_from([{}, {"groups": "yes"}, {"groups": "no"}, {"groups": "weekly"}]))
    return Case(bank, answers, profile)


def scores(result: ScoreResult) -> list[float | None]:
    return [result.overall, *(t.score for t in result.themes)]


def never_higher(before: float | None, after: float | None) -> bool:
    return before is None or after is None or after <= before


@given(cases())
def test_every_score_is_between_0_and_100_and_completion_between_0_and_1(case: Case) -> None:
    result = case.score()
    assert all(0 <= s <= 100 for s in scores(result) if s is not None)
    assert 0 <= result.completion <= 1


@given(cases())
def test_all_met_gives_100_everywhere_scored_and_no_gaps(case: Case) -> None:
    result = case.score(dict.fromkeys(case.applicable(), "met"))
    assert result.gaps == ()
    assert all(s == 100 for s in scores(result) if s is not None)
    assert result.overall == (100 if case.applicable() else None)


@given(cases(), st.data())
def test_changing_one_answer_from_met_to_not_met_never_raises_a_score(case: Case, data: st.DataObject) -> None:
    met = [qid for qid, value in case.answers.items() if value == "met"]
    if not met:
        met = [data.draw(st.sampled_from([q.id for _, q in case.bank.questions()]))]
        case = Case(case.bank, {**case.answers, met[0]: "met"}, case.profile)
    changed = data.draw(st.sampled_from(met))
    before, after = case.score(), case.score({**case.answers, changed: "not_met"})
    assert all(never_higher(b, a) for b, a in zip(scores(before), scores(after), strict=True))


@given(cases(), st.data())
def test_adding_not_applicable_answers_never_changes_a_score(case: Case, data: st.DataObject) -> None:
    unanswered = [qid for _, q in case.bank.questions() if (qid := q.id) not in case.answers]
    added = data.draw(st.lists(st.sampled_from(unanswered), unique=True) if unanswered else st.just([]))
    after = case.score({**case.answers, **dict.fromkeys(added, "na")})
    assert scores(after) == scores(case.score())


@given(cases(), st.data())
def test_answers_to_questions_the_profile_excludes_never_change_anything(case: Case, data: st.DataObject) -> None:
    excluded = case.excluded()
    answers = st.dictionaries(st.sampled_from(excluded), st.sampled_from(ANSWERED)) if excluded else st.just({})
    extra = data.draw(answers)
    without = {qid: v for qid, v in case.answers.items() if qid not in excluded}
    assert case.score({**without, **extra}) == case.score(without)


@given(cases())
def test_scoring_is_deterministic_whatever_the_order_of_answers(case: Case) -> None:
    reordered = dict(reversed(list(case.answers.items())))
    assert case.score() == case.score() == case.score(reordered)


@given(cases())
def test_every_gap_is_an_answered_applicable_question_below_met(case: Case) -> None:
    result = case.score()
    expected = {
        qid
        for qid, value in case.answers.items()
        if value in {"partly", "not_met", "unknown"} and qid in case.applicable()
    }
    assert {g.question_id for g in result.gaps} == expected


@given(cases())
def test_safety_gaps_always_come_before_other_gaps(case: Case) -> None:
    flags = [g.safety for g in case.score().gaps]
    assert flags == sorted(flags, reverse=True)


def test_the_answer_model_used_by_the_properties_accepts_every_answer_value() -> None:
    """Guards the strategy above: ANSWERED must list every value an assessment can hold."""
    assert sorted(ANSWERED) == sorted(v.value for v in AnswerValue)
    assert Answer(answer=AnswerValue.NA, na_reason="No groups.").na_reason == "No groups."
