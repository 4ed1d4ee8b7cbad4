"""What the facilitator's and participants' pages share: the workshop store and widget keys."""

from __future__ import annotations

import os

import streamlit as st

from checklist.domain.assessment import ANSWER_LABELS, AnswerValue
from checklist.domain.bank import QuestionBank
from checklist.domain.workshop import MAX_PARTICIPANTS, Workshop, service_scenario
from checklist.storage import database_url
from checklist.storage.workshops import WorkshopStore
from checklist.ui.navigation import PageSpec

FACILITATOR_PAGE = PageSpec("workshop.py", "Run a workshop", "workshop")
PARTICIPANT_PAGE = PageSpec("join.py", "Join a workshop", "join")

ANSWER_OPTIONS = [value.value for value in AnswerValue]

# Query parameters: the facilitator's link (?w=), the participants' link (?join=) and a participant's own id (&p=).
FACILITATOR_PARAM = "w"
JOIN_PARAM = "join"
PARTICIPANT_PARAM = "p"

PROBLEM = "workshop_problem"  # a plain message for the page, or None
MAX_PARTICIPANTS_SETTING = "CHECKLIST_WORKSHOP_MAX_PARTICIPANTS"


def max_participants() -> int:
    """How many may join one workshop: CHECKLIST_WORKSHOP_MAX_PARTICIPANTS, else 200."""
    configured = (os.environ.get(MAX_PARTICIPANTS_SETTING) or "").strip()
    if configured.isdigit() and int(configured) > 0:
        return int(configured)
    return MAX_PARTICIPANTS


def max_participants_problem() -> str | None:
    """A plain message when the cap setting is there but is not a whole number above 0."""
    configured = (os.environ.get(MAX_PARTICIPANTS_SETTING) or "").strip()
    if not configured or (configured.isdigit() and int(configured) > 0):
        return None
    return (
        f"The server's {MAX_PARTICIPANTS_SETTING} setting is {configured!r}, which is not a whole number "
        f"above 0, so the usual cap of {MAX_PARTICIPANTS} participants applies."
    )


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


def show_scenario(bank: QuestionBank, workshop: Workshop, *, expanded: bool = True) -> None:
    """The service being rated, described, so the room rates something it knows."""
    scenario = service_scenario(bank, workshop)
    if scenario is None:
        return
    with st.expander(f"About the service you are rating: {scenario.name}", expanded=expanded):
        if scenario.description:
            st.text(scenario.description)
        for question, answer in scenario.facts:
            st.text(f"{question} {answer}")
