"""Pieces several pages share."""

from __future__ import annotations

import streamlit as st

from checklist.domain.assessment import Assessment
from checklist.domain.bank import QuestionBank
from checklist.domain.scoring import ScoreResult
from checklist.ui import memo, navigation, resources, session, state


def open_assessment() -> tuple[QuestionBank, Assessment] | None:
    """The bank and the open assessment, or None after saying how to open one."""
    bank = resources.bank()
    if bank is None:
        return None
    opened = session.working()
    if opened is None:
        if st.session_state[state.OPEN_PROBLEM]:
            st.error(st.session_state[state.OPEN_PROBLEM])
        st.info("No assessment is open. Start a new one or resume one on the Start page.")
        st.page_link(navigation.START.path, label="Go to the Start page", icon=":material/home:")
        return None
    return bank, opened


def open_scored_assessment(title: str) -> tuple[QuestionBank, Assessment, ScoreResult] | None:
    """Title a page about the open assessment's scores and report any unsaved change at its top.

    The bank, the assessment and its scores, or None after saying how to open one.
    """
    st.title(title)
    opened = open_assessment()
    if opened is None:
        return None
    bank, assessment = opened
    result = memo.score(bank, assessment)
    save_problem()
    return bank, assessment, result


def save_problem(question_id: str | None = None) -> None:
    """Say that the last change was not saved, and offer what can be done.

    Shown at the top of the page (question_id None) and under the question it concerns.
    """
    found = session.problem()
    if found is None or (question_id is not None and found.question_id != question_id):
        return
    where = "top" if question_id is None else question_id
    st.error(found.message)
    st.text(f"Not saved: {found.unsaved}")
    if found.kind == "unavailable":
        st.button("Try saving again", on_click=session.retry, key=f"retry-{where}", type="primary")
    else:
        with st.container(horizontal=True):
            st.button("Keep my change", on_click=session.keep_mine, key=f"keep-mine-{where}", type="primary")
            st.button("Show theirs instead", on_click=session.reload_latest, key=f"reload-{where}")


# A static table wraps its text at spaces; a long run without one (a pasted link, a code) would
# otherwise widen the table past a phone's screen.
_WRAP_TABLES = (
    '<style>[data-testid="stTable"] td, [data-testid="stTable"] td * { overflow-wrap: anywhere !important; }</style>'
)


def wrap_tables() -> None:
    """Let every static table on this page break long words, so no cell is cut or scrolls."""
    st.html(_WRAP_TABLES)
