"""The "Submit to commissioner" panel on the Action plan page, for service staff when sign-in is on.

In local mode (no sign-in) nothing is drawn: files (JSON and PDF) are how services send
their assessments there, exactly as before.
"""

from __future__ import annotations

import streamlit as st

from checklist.domain.assessment import Assessment
from checklist.domain.bank import QuestionBank
from checklist.domain.readiness import NotReadyForReport, listed, missing_for_report
from checklist.domain.sent import SentSubmission
from checklist.domain.wording import long_moment
from checklist.storage import StoreError
from checklist.storage.access import PersonAccess
from checklist.ui import resources, state


def show(bank: QuestionBank, assessment: Assessment) -> None:
    if not st.session_state.get(state.SIGN_IN_ON):
        return  # local mode: not even the store is asked
    try:
        access = resources.assessments()
        if not isinstance(access, PersonAccess) or not access.may_submit(assessment.id):
            return
        sent = access.sent_from(assessment.id)
    except StoreError as exc:
        st.error(exc.message)
        return
    st.header("Submit to commissioner")
    st.write(
        "Submitting sends a copy of this assessment and its action plan, as saved now, to the commissioners "
        "of your area. The copy never changes: after later changes, submit again and the new copy replaces "
        "it in their comparison, the earlier one staying in its history."
    )
    missing = missing_for_report(assessment)
    if missing:
        st.warning(f"Before it can be submitted, the service profile needs {listed(missing)}.")
    unsaved = st.session_state.get(state.PENDING) is not None
    if unsaved:
        st.warning("Your last change is not saved yet, so it could not be sent: save it first (above).")
    st.button(
        "Submit to commissioner",
        key=state.SUBMIT,
        disabled=bool(missing) or unsaved,
        on_click=_submit,
        args=(bank, assessment.id),
    )
    problem: tuple[str, str] | None = st.session_state.get(state.SUBMIT_PROBLEM)
    if problem is not None and problem[0] == assessment.id:
        st.error(problem[1])
    done: SentSubmission | None = st.session_state.get(state.SUBMIT_DONE)
    if done is not None and done.assessment_id == assessment.id:
        st.success("Submitted.")
        st.text(said(done, "Submitted"))
    elif sent:
        st.text(said(sent[-1], "Last submitted"))


def said(sent: SentSubmission, what: str) -> str:
    """'Submitted on 3 December 2026 at 13:05 UTC by ana@example.org to the commissioners of Northshire.'"""
    return (
        f"{what} on {long_moment(sent.submitted_at)} by {sent.submitted_by} to the commissioners of {sent.area_name}."
    )


def _submit(bank: QuestionBank, assessment_id: str) -> None:
    st.session_state[state.SUBMIT_DONE] = None
    st.session_state[state.SUBMIT_PROBLEM] = None
    try:
        access = resources.assessments()
        if isinstance(access, PersonAccess):
            st.session_state[state.SUBMIT_DONE] = access.submit(assessment_id, bank)
    except StoreError as exc:
        st.session_state[state.SUBMIT_PROBLEM] = (assessment_id, exc.message)
    except NotReadyForReport as exc:  # a required field was emptied in another tab since the page was drawn
        missing = f"Not submitted: the service profile needs {listed(exc.missing)}."
        st.session_state[state.SUBMIT_PROBLEM] = (assessment_id, missing)
