"""The spread chart is a spec: checked through to_dict, not pixels."""

from __future__ import annotations

from checklist.domain.assessment import AnswerValue
from checklist.domain.workshop import question_spread
from checklist.render.spread_chart import spread_chart
from tests.builders import make_bank, question

BANK = make_bank({"alpha": [question("a1", text="Do you offer a female keyworker?"), question("a2")]})
M, N = AnswerValue.MET, AnswerValue.NOT_MET


def test_chart_keeps_the_most_disagreed_question_on_top() -> None:
    spreads = [question_spread("alpha", "a2", [M, N], 2), question_spread("alpha", "a1", [M, M], 2)]
    spec = spread_chart(BANK, spreads).to_dict()
    assert spec["encoding"]["y"]["sort"] == ["1. Question a2?", "2. Do you offer a female keyworker?"]


def test_chart_has_one_bar_segment_per_answer_given() -> None:
    spec = spread_chart(BANK, [question_spread("alpha", "a1", [M, M, N], 3)]).to_dict()
    assert [(r["answer"], r["count"]) for r in next(iter(spec["datasets"].values()))] == [("Met", 2), ("Not met", 1)]


def test_chart_describes_its_numbers_in_words_for_screen_readers() -> None:
    spec = spread_chart(BANK, [question_spread("alpha", "a1", [M, N], 2)]).to_dict()
    assert "Met 1, Not met 1" in spec["description"]
