"""What the facilitator's and participants' pages share: the workshop store and widget keys."""

from __future__ import annotations

import streamlit as st

from checklist.domain.assessment import ANSWER_LABELS, AnswerValue
from checklist.storage import database_url
from checklist.storage.workshops import WorkshopStore
from checklist.ui import navigation

FACILITATOR_PAGE = navigation.WORKSHOP
PARTICIPANT_PAGE = navigation.JOIN

ANSWER_OPTIONS = [value.value for value in AnswerValue]

# Query parameters: the facilitator's link (?w=), the participants' link (?join=) and a participant's own id (&p=).
FACILITATOR_PARAM = "w"
JOIN_PARAM = "join"
PARTICIPANT_PARAM = "p"

PROBLEM = "workshop_problem"  # a plain message for the page, or None


def answer_label(value: str) -> str:
    return ANSWER_LABELS[AnswerValue(value)]


@st.cache_resource(show_spinner=False)
def _store_at(url: str) -> WorkshopStore:
    return WorkshopStore(url)


def store() -> WorkshopStore:
    return _store_at(database_url())


def init() -> None:
    st.session_state.setdefault(PROBLEM, None)


def show_problem() -> None:
    if st.session_state.get(PROBLEM):
        st.error(st.session_state[PROBLEM])


def remember_problem(message: str | None) -> None:
    st.session_state[PROBLEM] = message


def participant_answer_key(question_id: str) -> str:
    return f"wp-answer-{question_id}"


def participant_reason_key(question_id: str) -> str:
    return f"wp-reason-{question_id}"


def consensus_key(question_id: str) -> str:
    return f"wf-consensus-{question_id}"


def consensus_reason_key(question_id: str) -> str:
    return f"wf-consensus-reason-{question_id}"


def seed(key: str, value: object) -> None:
    if key not in st.session_state:
        st.session_state[key] = value
