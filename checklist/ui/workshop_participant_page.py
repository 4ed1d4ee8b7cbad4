"""Join a workshop: enter the code, give a name or stay anonymous, answer on your own.

Every answer is saved at once. The participant's own id sits in the URL (&p=),
so a refresh or a dropped connection brings back the same answers.
"""

from __future__ import annotations

import secrets

import streamlit as st

from checklist.domain.assessment import Answer, has_visible_text
from checklist.domain.bank import Question, QuestionBank
from checklist.domain.workshop import (
    Workshop,
    WorkshopError,
    join_workshop,
    normalise_join_code,
    participant_progress,
    too_many_wrong_codes,
    with_participant_answer,
    workshop_questions,
)
from checklist.storage import StoreError
from checklist.storage.workshops import StoredWorkshop
from checklist.ui import resources, state
from checklist.ui import workshop_common as common
from checklist.ui.forms import answer_from_inputs

# This page's session-state and widget keys, kept in state.py with every other page's.
from checklist.ui.state import JOIN_CODE_INPUT as CODE_INPUT
from checklist.ui.state import JOIN_NAME_INPUT as NAME_INPUT
from checklist.ui.state import JOIN_SESSION as SESSION_KEY
from checklist.ui.state import JOIN_WRONG_CODES_COUNTED as COUNTED_KEY
from checklist.ui.text import literal

LOCAL = "this-computer"
NO_SUCH_CODE = "No workshop has the join code {code}. Check the code on the facilitator's screen and try again."
TOO_MANY_WRONG_CODES = (
    "Too many wrong join codes from this device or network in the last minute, so no code is accepted "
    "for now. Wait a minute, check the code on the facilitator's screen, and try again."
)
CLOSED_SCREEN = "The facilitator has closed this workshop: its join code no longer works. Thank you for taking part."
JOINING_CLOSED_SCREEN = (
    "The facilitator has closed joining for this workshop, so it takes no new participants. "
    "Ask the facilitator if you think you should be in it."
)
REMOVED_SCREEN = (
    "The facilitator removed you from this workshop, so your answers are no longer part of it. "
    "Ask the facilitator if you think this is a mistake."
)


def show() -> None:
    st.title("Join a workshop")
    bank = resources.bank()
    if bank is None:
        return
    code = normalise_join_code(st.query_params.get(common.JOIN_PARAM, ""))
    participant_id = st.query_params.get(common.PARTICIPANT_PARAM, "")
    stored = _find(code, participant_id) if code else None
    if stored is None:
        _code_form(code)
        return
    workshop = stored.workshop
    if workshop.closed:
        st.info(CLOSED_SCREEN)
        return
    if participant_id in workshop.removed:
        st.warning(REMOVED_SCREEN)
        return
    if participant_id not in workshop.participants:
        if not workshop.joining_open:
            st.info(JOINING_CLOSED_SCREEN)
            return
        _name_form(bank, workshop)
        return
    _answering(bank, workshop, participant_id)


def _find(code: str, participant_id: str) -> StoredWorkshop | None:
    """The workshop with this code, unless this browser or address has given too many wrong codes."""
    try:
        stored = common.store().by_code(code)
        # Someone who joined already proved the code; a lockout from a neighbour's guessing must not stop them.
        if stored is not None and participant_id and participant_id in stored.workshop.participants:
            return stored
        if too_many_wrong_codes(common.store().wrong_codes_since(_who())):
            st.error(TOO_MANY_WRONG_CODES)
            return None
        if stored is None:
            _count_wrong(code)
            st.error(NO_SUCH_CODE.format(code=code))
    except StoreError as exc:
        st.error(exc.message)
        return None
    return stored


def _who() -> list[str]:
    """Who is guessing: this browser session, and the address it connects from when known."""
    session = st.session_state.setdefault(SESSION_KEY, secrets.token_urlsafe(12))
    # Streamlit gives no address for this machine's own connections; they are all one address.
    address = st.context.ip_address or LOCAL
    return [f"session:{session}", f"address:{address}"]


def _count_wrong(code: str) -> None:
    # Each code once per session: a refresh of the same wrong link is not another guess.
    counted: set[str] = st.session_state.setdefault(COUNTED_KEY, set())
    if code not in counted:
        counted.add(code)
        common.store().record_wrong_code(_who())


def _code_form(code: str) -> None:
    with st.form("wp-code-form", border=False):
        common.seed(CODE_INPUT, code)
        st.text_input("Join code (six letters and numbers, shown by the facilitator)", key=CODE_INPUT, max_chars=20)
        if st.form_submit_button("Find the workshop", type="primary"):
            st.query_params[common.JOIN_PARAM] = normalise_join_code(st.session_state[CODE_INPUT] or "")
            st.query_params.pop(common.PARTICIPANT_PARAM, None)
            st.rerun()


def _name_form(bank: QuestionBank, workshop: Workshop) -> None:
    st.text(f"Workshop: {workshop.title or workshop.join_code}")
    if workshop.service.name:
        st.text(f"Service: {workshop.service.name}")
    common.show_scenario(bank, workshop)
    common.show_problem()
    st.write("Your answers are your own: the room sees how many gave each answer, never who gave which.")
    with st.form("wp-name-form", border=False):
        st.text_input("Your name (optional: leave it empty to stay anonymous)", key=NAME_INPUT, max_chars=100)
        st.form_submit_button("Join", type="primary", on_click=_join, args=(workshop.id,))


def _join(workshop_id: str) -> None:
    joined: list[str] = []

    def change(workshop: Workshop) -> Workshop:
        updated, person = join_workshop(
            workshop, st.session_state.get(NAME_INPUT) or "", limit=common.max_participants()
        )
        joined[:] = [person.id]
        return updated

    try:
        common.store().update(workshop_id, change)
    except (StoreError, WorkshopError) as exc:
        common.remember_problem(exc.message)
        return
    common.remember_problem(None)
    st.query_params[common.PARTICIPANT_PARAM] = joined[0]


def _answering(bank: QuestionBank, workshop: Workshop, participant_id: str) -> None:
    person = workshop.participants[participant_id]
    st.text(f"Workshop: {workshop.title or workshop.join_code} · you joined as {person.shown_name}")
    if workshop.service.name:
        st.text(f"Service: {workshop.service.name}")
    # Open until they have started, then out of the way of the questions.
    common.show_scenario(bank, workshop, expanded=not workshop.answers_of(participant_id))
    done, total = participant_progress(bank, workshop, participant_id)
    st.progress(done / total if total else 1.0, text=f"You have answered {done} of {total} questions")
    common.show_problem()
    own = workshop.answers_of(participant_id)
    theme_id = None
    for theme, question in workshop_questions(bank, workshop):
        if theme.id != theme_id:
            theme_id = theme.id
            st.header(literal(theme.title))
        _question(bank, workshop.id, participant_id, question, own)
    if done == total:
        st.success("You have answered every question. Thank you: the facilitator can now see the room's answers.")


def _question(
    bank: QuestionBank, workshop_id: str, participant_id: str, question: Question, own: dict[str, Answer]
) -> None:
    answer_key, reason_key = common.participant_answer_key(question.id), common.participant_reason_key(question.id)
    saved = own.get(question.id)
    common.seed(answer_key, saved.answer.value if saved else None)
    common.seed(reason_key, (saved.na_reason if saved else None) or "")
    args = (bank, workshop_id, participant_id, question.id)
    with st.container(border=True, key=state.participant_question_box_key(question.id)):
        st.markdown(f"**{literal(question.text)}**")
        st.text(question.why)
        st.radio(
            "Your answer",
            options=common.ANSWER_OPTIONS,
            format_func=common.answer_label,
            index=None,
            key=answer_key,
            horizontal=True,
            on_change=_answered,
            args=args,
        )
        if st.session_state.get(answer_key) == "na":
            st.text_input(
                "Why does it not apply? (needed for 'Not applicable')", key=reason_key, on_change=_answered, args=args
            )
            if not has_visible_text(st.session_state.get(reason_key)):
                st.write("'Not applicable' is saved once you say why.")


def _answered(bank: QuestionBank, workshop_id: str, participant_id: str, question_id: str) -> None:
    built = answer_from_inputs(
        st.session_state.get(common.participant_answer_key(question_id)),
        None,
        st.session_state.get(common.participant_reason_key(question_id)),
    )
    if built.answer is None:
        return
    answer = built.answer
    try:
        common.store().update(
            workshop_id, lambda w: with_participant_answer(bank, w, participant_id, question_id, answer)
        )
    except (StoreError, WorkshopError) as exc:
        common.remember_problem(f"Your last answer was not saved: {exc.message}")
        return
    common.remember_problem(None)
