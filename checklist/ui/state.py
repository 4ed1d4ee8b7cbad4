"""Every session-state key in one place, and the widget keys derived from ids.

Tests and pages address the same widgets through these functions.
"""

from __future__ import annotations

import streamlit as st

ASSESSMENT = "assessment"  # the last saved Assessment, or None
REVISION = "revision"  # the store revision that ASSESSMENT was saved as
PENDING = "pending"  # an Assessment whose save failed, kept for "Try saving again"
SAVE_PROBLEM = "save_problem"  # a session.SaveProblem, or None
OPEN_PROBLEM = "open_problem"  # why the link or list entry could not be opened
THEME = "current_theme"
IMPORT_NOTES = "import_notes"  # what the last upload did, in words
IMPORT_PROBLEM = "import_problem"
PAGES = "menu_pages"  # this session's st.Page objects (checklist.ui.main)
MEMO = "memo"  # results and chart specs kept until the assessment changes (checklist.ui.memo)

THEME_PICKER = "theme-picker"
UPLOAD = "upload"
RESUME_TEXT = "resume-text"
SERVICE_FIELDS = ("service-name", "service-organisation", "service-area", "assessor-name", "assessor-role")
ASSESSED_ON = "assessed-on"

WIDGET_PREFIXES = (
    "answer-",
    "note-",
    "na-reason-",
    "profile-",
    "service-",
    "assessor-",
    ASSESSED_ON,
    # The action plan's fields (checklist.ui.plan_page), not its open panels.
    "plan-text-",
    "plan-owner-",
    "plan-due-",
    "plan-status-",
)


def answer_key(question_id: str) -> str:
    return f"answer-{question_id}"


def note_key(question_id: str) -> str:
    return f"note-{question_id}"


def na_reason_key(question_id: str) -> str:
    return f"na-reason-{question_id}"


def profile_key(profile_id: str) -> str:
    return f"profile-{profile_id}"


def open_key(assessment_id: str) -> str:
    return f"open-{assessment_id}"


def init() -> None:
    """Give every key its starting value once per session."""
    for key in (ASSESSMENT, PENDING, SAVE_PROBLEM, OPEN_PROBLEM, THEME, IMPORT_PROBLEM):
        st.session_state.setdefault(key, None)
    st.session_state.setdefault(REVISION, 0)
    st.session_state.setdefault(IMPORT_NOTES, [])


def seed(key: str, value: object) -> None:
    """Give a widget its saved value unless it already holds one (possibly an unsaved edit)."""
    if key not in st.session_state:
        st.session_state[key] = value


def forget_widgets() -> None:
    """Drop every answer and profile widget value, so the next page shows the newly opened assessment."""
    for key in [k for k in st.session_state if isinstance(k, str) and k.startswith(WIDGET_PREFIXES)]:
        del st.session_state[key]
