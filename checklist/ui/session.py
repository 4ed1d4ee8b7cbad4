"""The open assessment of this browser session: opening it, and saving every change at once.

The store is the truth; session state holds the last saved copy and its revision.
A failed save keeps the user's edit in its widget and says what to do.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import streamlit as st

from checklist.domain.assessment import Assessment
from checklist.domain.merge import apply_changes
from checklist.storage import StaleRevision, StoredAssessment, StoreError, StoreUnavailable
from checklist.ui import resources, state

NOT_FOUND = "No saved assessment has this link. Check that the whole link was copied, or start a new assessment."


@dataclass(frozen=True)
class SaveProblem:
    kind: Literal["stale", "unavailable"]
    message: str
    unsaved: str  # the change that was not saved, in words
    question_id: str | None = None
    # For a clash: the change as made, and the copy it was made from, so it can be kept with one click.
    mine: Assessment | None = None
    base: Assessment | None = None


def saved() -> Assessment | None:
    """The assessment as last saved."""
    assessment: Assessment | None = st.session_state[state.ASSESSMENT]
    return assessment


def working() -> Assessment | None:
    """What the user sees: the last saved assessment, plus any edit still waiting to be saved."""
    pending: Assessment | None = st.session_state[state.PENDING]
    return pending or saved()


def problem() -> SaveProblem | None:
    found: SaveProblem | None = st.session_state[state.SAVE_PROBLEM]
    return found


def open_stored(stored: StoredAssessment, theme: str | None = None) -> None:
    """Make `stored` this session's assessment and put its id in the URL."""
    state.forget_widgets()
    st.session_state[state.ASSESSMENT] = stored.assessment
    st.session_state[state.REVISION] = stored.revision
    st.session_state[state.PENDING] = None
    st.session_state[state.SAVE_PROBLEM] = None
    st.session_state[state.OPEN_PROBLEM] = None
    st.session_state[state.THEME] = theme or stored.ui_state.get("theme")
    st.query_params["a"] = stored.assessment.id


def open_by_id(assessment_id: str, theme: str | None = None) -> bool:
    """Open a saved assessment; on failure remember a plain message for the page."""
    try:
        stored = resources.assessments().get(assessment_id)
    except StoreError as exc:
        st.session_state[state.OPEN_PROBLEM] = exc.message
        return False
    if stored is None:
        st.session_state[state.OPEN_PROBLEM] = NOT_FOUND
        return False
    open_stored(stored, theme)
    return True


def create(assessment: Assessment) -> bool:
    """Save a new assessment and open it."""
    try:
        stored = resources.assessments().create(assessment)
    except StoreError as exc:
        st.session_state[state.OPEN_PROBLEM] = exc.message
        return False
    open_stored(stored)
    return True


def follow_url() -> None:
    """Open the assessment named in the URL (?a=), or put the open one back in the URL after a page switch."""
    wanted = st.query_params.get("a")
    current = saved()
    if current is not None and not _still_readable(current.id):
        close()  # their role was taken away since it was opened
        current = None
    if wanted and (current is None or current.id != wanted):
        open_by_id(wanted, st.query_params.get("t"))
    elif current is not None and not wanted:
        st.query_params["a"] = current.id


def _still_readable(assessment_id: str) -> bool:
    try:
        return resources.assessments().may_read(assessment_id)
    except StoreError:
        # The database is down: the copy on screen was allowed when it was opened, and every save checks again.
        return True


def close() -> None:
    """Forget the open assessment, as if none had been opened."""
    if saved() is None and st.session_state[state.PENDING] is None:
        return
    state.forget_widgets()
    for key in (state.ASSESSMENT, state.PENDING, state.SAVE_PROBLEM):
        st.session_state[key] = None
    st.session_state[state.OPEN_PROBLEM] = NOT_FOUND


def refresh() -> Assessment | None:
    """This session's assessment, read again from the store if the saved copy has changed since.

    A theme opened again then shows what is saved now: a colleague's answers since, and never a copy
    older than the last save. Under load, a page once came back to a theme whose note had been saved
    with the box still empty (`tests/e2e/test_notes_saved_while_typing_e2e.py`); a change made from
    there would have clashed with the note. An edit still waiting to be saved, or a clash on screen,
    is left as it is: it is the person's own, and its message says what to do.
    """
    current = saved()
    if current is None or st.session_state[state.PENDING] is not None or problem() is not None:
        return working()
    try:
        stored = resources.assessments().get(current.id)
    except StoreError:
        return working()  # the copy on screen stands; the next save reports the database
    if stored is not None and (stored.revision != st.session_state[state.REVISION] or stored.assessment != current):
        open_stored(stored, st.session_state[state.THEME])  # every field drawn again from the copy just read
    return working()


def save(updated: Assessment, *, unsaved: str, question_id: str | None = None) -> None:
    """Save a change now. On failure the change stays on the page with a message saying what to do.

    A colleague's change to another question is merged in by the store; the page then shows it too.
    """
    base = saved()
    try:
        stored = resources.assessments().save(
            updated,
            expected_revision=st.session_state[state.REVISION],
            ui_state={"theme": st.session_state[state.THEME] or ""},
            base=base,
        )
    except StaleRevision as exc:
        st.session_state[state.SAVE_PROBLEM] = SaveProblem("stale", exc.message, unsaved, question_id, updated, base)
        return
    except StoreUnavailable as exc:
        st.session_state[state.PENDING] = updated
        st.session_state[state.SAVE_PROBLEM] = SaveProblem("unavailable", exc.message, unsaved, question_id)
        return
    if stored.assessment != updated:
        # Someone else's answers came in with this save: draw every field again from what is saved.
        state.forget_widgets()
    st.session_state[state.ASSESSMENT] = stored.assessment
    st.session_state[state.REVISION] = stored.revision
    st.session_state[state.PENDING] = None
    st.session_state[state.SAVE_PROBLEM] = None


def keep_mine() -> None:
    """The "Keep my change" button after a clash: put this change over the latest saved copy."""
    found = problem()
    if found is None or found.mine is None or found.base is None:
        return
    try:
        latest = resources.store().get(found.mine.id)
    except StoreError as exc:
        st.session_state[state.SAVE_PROBLEM] = SaveProblem("unavailable", exc.message, found.unsaved)
        return
    if latest is None:
        return
    st.session_state[state.ASSESSMENT] = latest.assessment
    st.session_state[state.REVISION] = latest.revision
    save(apply_changes(found.base, found.mine, latest.assessment), unsaved=found.unsaved, question_id=found.question_id)
    if problem() is None:
        state.forget_widgets()


def retry() -> None:
    """The "Try saving again" button."""
    pending = st.session_state[state.PENDING]
    found = problem()
    if pending is not None and found is not None:
        save(pending, unsaved=found.unsaved, question_id=found.question_id)


def reload_latest() -> None:
    """Drop this page's copy and show what is saved now (after another tab saved first)."""
    current = saved()
    if current is not None:
        open_by_id(current.id, st.session_state[state.THEME])
