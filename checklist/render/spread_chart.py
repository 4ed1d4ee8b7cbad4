"""The workshop's spread of answers as a chart spec: one stacked bar per question.

Answers keep one colour each (Okabe-Ito, safe for colour blindness), and each
segment is labelled in words with its answer and count (the table beside the
chart has the same numbers), so colour is never the only way to read it.
Questions stay in the order given (most disagreed first).
"""

from __future__ import annotations

from typing import Any

import altair as alt

from checklist.domain.assessment import ANSWER_LABELS, AnswerValue
from checklist.domain.bank import QuestionBank
from checklist.domain.workshop import QuestionSpread

ANSWER_COLOURS = {
    AnswerValue.MET: "#009E73",
    AnswerValue.PARTLY: "#F0E442",
    AnswerValue.NOT_MET: "#D55E00",
    AnswerValue.UNKNOWN: "#999999",
    AnswerValue.NA: "#56B4E9",
}
SHORT_LABELS = {
    AnswerValue.MET: "Met",
    AnswerValue.PARTLY: "Partly",
    AnswerValue.NOT_MET: "Not met",
    AnswerValue.UNKNOWN: "?",
    AnswerValue.NA: "N/A",
}
LABEL_LIMIT = 60


def question_label(bank: QuestionBank, question_id: str, number: int) -> str:
    text = bank.text_of(question_id)
    short = text if len(text) <= LABEL_LIMIT else text[: LABEL_LIMIT - 1].rstrip() + "…"
    return f"{number}. {short}"


def spread_chart(
    bank: QuestionBank,
    spreads: list[QuestionSpread],
    *,
    title: str = "How the room answered, most disagreed first",
    first_number: int = 1,
) -> Any:
    """Stacked bars of how many gave each answer, one bar per question, in the order given.

    `first_number` numbers the bars as the discussion does, so one question shown alone keeps its number.
    """
    rows = [
        {
            "question": question_label(bank, spread.question_id, number),
            "answer": ANSWER_LABELS[value],
            "order": list(AnswerValue).index(value),
            "count": spread.counts[value],
            "label": f"{SHORT_LABELS[value]} {spread.counts[value]}",
        }
        for number, spread in enumerate(spreads, start=first_number)
        for value in AnswerValue
        if spread.counts[value]
    ]
    order = [question_label(bank, s.question_id, n) for n, s in enumerate(spreads, start=first_number)]
    described = "; ".join(
        f"{label}: " + ", ".join(f"{ANSWER_LABELS[v]} {s.counts[v]}" for v in AnswerValue if s.counts[v])
        for label, s in zip(order, spreads, strict=True)
    )
    bars = (
        alt.Chart()
        .mark_bar()
        .encode(
            color=alt.Color(
                "answer:N",
                title="Answer",
                scale=alt.Scale(domain=list(ANSWER_LABELS.values()), range=[ANSWER_COLOURS[v] for v in AnswerValue]),
                # Below the bars, where all five answers fit; at the side "Not applicable" was cut off.
                legend=alt.Legend(orient="bottom", columns=5),
            )
        )
    )
    # Each segment also says in words which answer it is, so the chart reads without colour.
    labels = alt.Chart().mark_text(align="right", dx=-3, color="black", fontSize=11).encode(text="label:N")
    return (
        alt.layer(bars, labels, data=alt.InlineData(values=rows))
        .encode(
            y=alt.Y("question:N", sort=order, title=None, axis=alt.Axis(labelLimit=320)),
            x=alt.X("count:Q", title="People", stack="zero", axis=alt.Axis(tickMinStep=1)),
            order=alt.Order("order:Q"),
            tooltip=[
                alt.Tooltip("question:N", title="Question"),
                alt.Tooltip("answer:N", title="Answer"),
                alt.Tooltip("count:Q", title="People"),
            ],
        )
        .properties(
            title=title,
            description=f"Stacked bar chart of answers per question. {described}",
        )
    )
