""" "Try an example" on the start page: open a fictional service's assessment, marked as practice."""

from __future__ import annotations

import streamlit as st

from checklist.domain.bank import QuestionBank
from checklist.domain.examples import EXAMPLES, example_assessment, example_service
from checklist.ui import navigation, session, state

# This panel's widget keys, kept in state.py with every other page's.
from checklist.ui.state import EXAMPLE_PICKER as PICKER
from checklist.ui.state import EXAMPLE_TRY as TRY


def show(bank: QuestionBank) -> None:
    """The "Try an example" block; called with one line from the start page."""
    st.header("Try an example")
    st.write(
        "Open a fictional service's finished assessment to see results and a plan straight away, "
        "or to practise. Examples are marked as practice and never counted as real submissions."
    )
    names = {e.id: f"{e.name}: {e.description}" for e in EXAMPLES}
    st.selectbox("Example service", options=list(names), format_func=names.__getitem__, key=PICKER)
    if st.button("Try this example", key=TRY, on_click=_try, args=(bank,)) and not st.session_state[state.OPEN_PROBLEM]:
        navigation.go(navigation.REVIEW)


def _try(bank: QuestionBank) -> None:
    chosen = example_service(st.session_state.get(PICKER) or EXAMPLES[0].id)
    session.create(example_assessment(bank, chosen.id))
