"""What the facilitator's and participants' pages share: the pages, the links' parameters, the problem line."""

from __future__ import annotations

import os

import streamlit as st

from checklist.domain.assessment import ANSWER_LABELS, AnswerValue
from checklist.domain.bank import QuestionBank
from checklist.domain.workshop import MAX_PARTICIPANTS, Workshop, service_scenario
from checklist.storage.workshops import WorkshopStore
from checklist.ui import navigation
from checklist.ui.resources import workshop_store

# The workshop pages' session-state and widget keys, kept in state.py with every other page's.
from checklist.ui.state import WORKSHOP_PROBLEM as PROBLEM
from checklist.ui.state import consensus_key as consensus_key
from checklist.ui.state import consensus_reason_key as consensus_reason_key
from checklist.ui.state import participant_answer_key as participant_answer_key
from checklist.ui.state import participant_reason_key as participant_reason_key
from checklist.ui.state import seed as seed

FACILITATOR_PAGE = navigation.WORKSHOP
# A facilitator's link that names nothing, or another trainer's workshop: the same words, so no hint it exists.
NO_WORKSHOP = "No workshop has this link. Check that the whole facilitator's link was copied."
PARTICIPANT_PAGE = navigation.JOIN

ANSWER_OPTIONS = [value.value for value in AnswerValue]

# Query parameters: the facilitator's link (?w=), the participants' link (?join=) and a participant's own id (&p=).
FACILITATOR_PARAM = "w"
JOIN_PARAM = "join"
PARTICIPANT_PARAM = "p"

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


def show_problem() -> None:
    if st.session_state.get(PROBLEM):
        st.error(st.session_state[PROBLEM])


def remember_problem(message: str | None) -> None:
    st.session_state[PROBLEM] = message


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


def store() -> WorkshopStore:
    """The workshop store (its one home is checklist.ui.resources)."""
    return workshop_store()
