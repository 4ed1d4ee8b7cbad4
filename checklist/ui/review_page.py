"""Review: what is still open (unanswered, don't know, not applicable), then a plain score summary."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from checklist.domain.assessment import AnswerValue, Assessment
from checklist.domain.bank import QuestionBank
from checklist.domain.scoring import ScoreResult
from checklist.ui import memo, navigation, widgets
from checklist.ui.text import literal


def show() -> None:
    st.title("Review")
    opened = widgets.open_assessment()
    if opened is None:
        return
    bank, assessment = opened
    result = memo.score(bank, assessment)
    widgets.wrap_tables()
    _unanswered(bank, assessment, result)
    _dont_know(bank, assessment, result)
    _not_applicable(bank, assessment, result)
    _scores(result)
    _next()


def _link_back(bank: QuestionBank, assessment: Assessment, question_id: str) -> None:
    question, theme = bank.question(question_id), bank.theme_of(question_id)
    if question is None or theme is None:
        return
    st.markdown(f"{literal(question.text)}  \n*Theme: {literal(theme.title)}*")
    st.page_link(
        navigation.THEMES.path,
        label=f"Go to this question in {literal(theme.title)}",
        query_params={"a": assessment.id, "t": theme.id},
        icon=":material/edit:",
    )


def _unanswered(bank: QuestionBank, assessment: Assessment, result: ScoreResult) -> None:
    st.header(f"Not answered yet ({len(result.unanswered)})")
    if not result.unanswered:
        st.write("Every question that applies has an answer.")
    # One box and one link per theme, not per question: a fresh assessment lists every question,
    # and sixty links cost both the reader (and a screen reader) and every rerun.
    waiting = set(result.unanswered)
    for theme in bank.themes:
        questions = [q for q in theme.questions if q.id in waiting]
        if not questions:
            continue
        with st.container(border=True):
            st.markdown("\n".join(f"- {literal(q.text)}" for q in questions))
            st.page_link(
                navigation.THEMES.path,
                label=f"Answer these in {literal(theme.title)} ({len(questions)})",
                query_params={"a": assessment.id, "t": theme.id},
                icon=":material/edit:",
            )


def _dont_know(bank: QuestionBank, assessment: Assessment, result: ScoreResult) -> None:
    unknown = [g.question_id for g in result.gaps if g.answer is AnswerValue.UNKNOWN]
    st.header(f"Don't know ({len(unknown)})")
    if not unknown:
        st.write("No “don't know” answers.")
        return
    st.write("These count as gaps until someone finds out.")
    for question_id in unknown:
        with st.container(border=True):
            _link_back(bank, assessment, question_id)


def _not_applicable(bank: QuestionBank, assessment: Assessment, result: ScoreResult) -> None:
    st.header(f"Not applicable ({len(result.not_applicable)})")
    if not result.not_applicable:
        st.write("No question was marked “not applicable”.")
        return
    for exclusion in result.not_applicable:
        with st.container(border=True):
            _link_back(bank, assessment, exclusion.question_id)
            st.text(f"Reason given: {exclusion.reason}")


def _scores(result: ScoreResult) -> None:
    st.header("Scores so far")
    overall = "no answers yet" if result.overall is None else f"{result.overall:.0f} out of 100"
    st.write(
        f"Overall: {overall}. Completion: {result.completion:.0%} "
        f"({result.answered} of {result.applicable} questions that apply)."
    )
    table = pd.DataFrame(
        {
            "Theme": [literal(t.title) for t in result.themes],
            "Score (out of 100)": ["no answers yet" if t.score is None else f"{t.score:.0f}" for t in result.themes],
            "Answered": [f"{t.answered} of {t.applicable}" for t in result.themes],
        }
    )
    # Every theme in view, with no inner scroll hiding the last rows.
    st.table(table, hide_index=True)


def _next() -> None:
    st.page_link(navigation.RESULTS.path, label="On to the results", icon=":material/arrow_forward:")
