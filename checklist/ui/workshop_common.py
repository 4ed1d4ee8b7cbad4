"""What the facilitator's and participants' pages share: the pages, the links' parameters, the problem line."""

from __future__ import annotations

import streamlit as st

from checklist.domain.assessment import ANSWER_LABELS, AnswerValue
from checklist.ui.navigation import PageSpec
from checklist.ui.resources import workshop_store as store  # the one home of every store accessor

# The workshop pages' session-state and widget keys, kept in state.py with every other page's.
from checklist.ui.state import WORKSHOP_PROBLEM as PROBLEM
from checklist.ui.state import consensus_key as consensus_key
from checklist.ui.state import consensus_reason_key as consensus_reason_key
from checklist.ui.state import participant_answer_key as participant_answer_key
from checklist.ui.state import participant_reason_key as participant_reason_key
from checklist.ui.state import seed as seed

FACILITATOR_PAGE = PageSpec("workshop.py", "Run a workshop", "workshop")
PARTICIPANT_PAGE = PageSpec("join.py", "Join a workshop", "join")

ANSWER_OPTIONS = [value.value for value in AnswerValue]

# Query parameters: the facilitator's link (?w=), the participants' link (?join=) and a participant's own id (&p=).
FACILITATOR_PARAM = "w"
JOIN_PARAM = "join"
PARTICIPANT_PARAM = "p"


def answer_label(value: str) -> str:
    return ANSWER_LABELS[AnswerValue(value)]


def show_problem() -> None:
    if st.session_state.get(PROBLEM):
        st.error(st.session_state[PROBLEM])


def remember_problem(message: str | None) -> None:
    st.session_state[PROBLEM] = message


__all__ = [
    "ANSWER_OPTIONS",
    "FACILITATOR_PAGE",
    "FACILITATOR_PARAM",
    "JOIN_PARAM",
    "PARTICIPANT_PAGE",
    "PARTICIPANT_PARAM",
    "PROBLEM",
    "answer_label",
    "consensus_key",
    "consensus_reason_key",
    "participant_answer_key",
    "participant_reason_key",
    "remember_problem",
    "seed",
    "show_problem",
    "store",
]
