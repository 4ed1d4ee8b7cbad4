"""The comparison's fast scoring path gives exactly what score_assessment gives, whatever the bank and answers."""

from __future__ import annotations

import json

from hypothesis import given
from hypothesis import strategies as st

from checklist.domain.assessment import Answer, AnswerValue, Assessment, BankRef, Service
from checklist.domain.bank import QuestionBank
from checklist.domain.scoring import BankScorer, score_assessment
from tests.builders import bank_document, question

CONDITIONS: list[dict[str, list[str]]] = [{}, {"groups": ["yes"]}, {"groups": ["no"]}, {"groups": ["yes", "no"]}]
# "weekly" is no option of the bank's and "size" no question of it: both are ignored, as the loader warns.
PROFILES = [{}, {"groups": "yes"}, {"groups": "no"}, {"groups": "weekly"}, {"size": "big"}, {"groups": "no", "x": "y"}]
NA_REASONS = ["We do not do this.", "  Not here. ", "Ünïcode reason"]


@st.composite
def banks(draw: st.DrawFn) -> QuestionBank:
    themes = {}
    for t in range(draw(st.integers(1, 4))):
        themes[f"t{t}"] = [
            question(
                f"q{t}-{n}",
                weight=draw(st.sampled_from([1, 2, 3])),
                safety=draw(st.booleans()),
                cost=draw(st.sampled_from(["none", "low", "medium", "high"])),
                applies_if={k: list(v) for k, v in draw(st.sampled_from(CONDITIONS)).items()},
            )
            for n in range(draw(st.integers(1, 5)))
        ]
    return QuestionBank.model_validate_json(json.dumps(bank_document(themes)))


@st.composite
def assessments(draw: st.DrawFn, bank: QuestionBank) -> Assessment:
    ids = [q.id for _, q in bank.questions()] + ["retired-question"]
    values = st.sampled_from(list(AnswerValue))
    chosen = draw(st.dictionaries(st.sampled_from(ids), values))
    answers = {
        qid: Answer(answer=value, na_reason=draw(st.sampled_from(NA_REASONS)) if value is AnswerValue.NA else None)
        for qid, value in chosen.items()
    }
    return Assessment(
        bank=BankRef(id=bank.id, version=bank.version),
        service=Service(name="A service", profile=draw(st.sampled_from(PROFILES))),
        answers=answers,
    )


@given(st.data())
def test_the_fast_scorer_gives_exactly_the_result_of_score_assessment(data: st.DataObject) -> None:
    bank = data.draw(banks())
    scorer = BankScorer(bank)
    # Several assessments on one scorer: what it remembers from one must never change the next.
    for assessment in data.draw(st.lists(assessments(bank), min_size=1, max_size=4)):
        fast, reference = scorer.score(assessment), score_assessment(bank, assessment)
        # JSON too, where 1 and 1.0 differ: the same values of the same types.
        assert fast.model_dump_json() == reference.model_dump_json()
        assert fast == reference
        assert (fast.draft_label, fast.quick_wins, fast.to_check) == (
            reference.draft_label,
            reference.quick_wins,
            reference.to_check,
        )
