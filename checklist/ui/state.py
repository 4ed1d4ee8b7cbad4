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
SIGN_IN_ON = "sign_in_on"  # True when [auth] is configured (checklist.ui.signin), else local mode
SUBJECT = "subject"  # the signed-in person's "<issuer> <sub>"; their roles are looked up by it on each use
SIGN_IN_PROBLEM = "sign_in_problem"  # why the signed-in person's roles could not be read, or None
WORKING_FOR = "working-for"  # the organisation id new assessments go to, for staff of several providers
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


# plan page (checklist/ui/plan_page.py)
PLAN_QUICK_WINS = "plan-quick-wins"
PLAN_DOWNLOAD = "plan-download"
PLAN_PROBLEM = "plan-problem"


def plan_text_key(action_id: str) -> str:
    return f"plan-text-{action_id}"


def plan_owner_key(action_id: str) -> str:
    return f"plan-owner-{action_id}"


def plan_due_key(action_id: str) -> str:
    return f"plan-due-{action_id}"


def plan_status_key(action_id: str) -> str:
    return f"plan-status-{action_id}"


def plan_own_action_key(question_id: str) -> str:
    return f"plan-own-{question_id}"


def plan_table_key(revision: int) -> str:
    """The whole-plan table, new for each saved revision: its edits are then always about the rows shown."""
    return f"plan-table-{revision}"


def plan_gap_key(question_id: str) -> str:
    """The expander of one gap: True while it is open."""
    return f"plan-gap-{question_id}"


# compare page (checklist/ui/compare_page.py)
COMPARE_UPLOAD = "compare-files"
COMPARE_ANONYMISE = "compare-anonymise"
COMPARE_PRACTICE = "compare-practice"
COMPARE_NOTES = "compare-notes"
COMPARE_AREAS = "compare-areas"
COMPARE_SETTINGS = "compare-settings"
COMPARE_VERSIONS = "compare-versions"
COMPARE_SORT = "compare-sort"
COMPARE_DETAIL = "compare-detail"
COMPARE_ROUND = "compare-upload-round"  # bumped to empty the upload box once its files are kept
COMPARE_FILES = "compare-loaded-files"  # the files kept in the session, in upload order
COMPARE_DRAFTS = "compare-drafts"

# results page (checklist/ui/results_page.py)
RESULTS_REASSESS_PREFILL = "results-reassess-prefill"
RESULTS_REASSESS = "results-reassess"
RESULTS_EVIDENCE_FILTER = "results-evidence-filter"

# start page (checklist/ui/start_page.py)
START_UPLOAD_CHOICE = "upload-choice"
START_UPLOAD_PREFILL = "upload-prefill"
START_REASSESSED = "reassessed-from-upload"  # set by the upload callback, read once by the page to switch page

# workshop participant page (checklist/ui/workshop_participant_page.py)
JOIN_CODE_INPUT = "wp-code"
JOIN_NAME_INPUT = "wp-name"
JOIN_SESSION = "wp-session"  # this browser session's id, for counting wrong codes
JOIN_WRONG_CODES_COUNTED = "wp-wrong-codes-counted"

# workshop pages (checklist/ui/workshop_facilitator_page.py, workshop_participant_page.py)
WORKSHOP_PROBLEM = "workshop_problem"  # a plain message for the page, or None
WORKSHOP_BLANK_READY = "wf-blank-ready"  # the paper checklist has been asked for in this session

# submitting in the app (checklist/ui/submit_panel.py, checklist/ui/area_submissions.py)
SUBMIT = "submit-to-commissioner"
SUBMIT_DONE = "submit-done"  # what the last submission in this session said: when and to whom
SUBMIT_PROBLEM = "submit-problem"  # (assessment id, why it could not be submitted, in words), or None
COMPARE_SOURCE = "compare-source"  # a commissioner's choice: the area's submissions, or uploaded files
SUBMISSIONS_SEEN = "submissions-seen"  # area id -> her visit before this session (what counts as new), read once
SUBMISSION_SNAPSHOTS = "submission-snapshots"  # submission id -> its file, read once (a submission never changes)


def participant_answer_key(question_id: str) -> str:
    return f"wp-answer-{question_id}"


def participant_reason_key(question_id: str) -> str:
    return f"wp-reason-{question_id}"


def consensus_key(question_id: str) -> str:
    return f"wf-consensus-{question_id}"


def consensus_reason_key(question_id: str) -> str:
    return f"wf-consensus-reason-{question_id}"


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


# the women's survey: the public page (checklist/ui/survey_answer_page.py) and staff's page (survey_page.py)
SURVEY_PARAM = "survey"  # the query parameter holding a round's link, on the app's root address
SURVEY_PAGES = "survey-pages"  # this visit's one st.Page for the public survey
SURVEY_SENT = "survey-sent"  # the round this visit has answered (one answer per visit)
SURVEY_FORM = "survey-form"
SURVEY_OVERALL = "survey-overall"
SURVEY_COMMENT = "survey-comment"
SURVEY_SEND = "survey-send"
SURVEY_OPENS = "survey-opens"
SURVEY_CLOSES = "survey-closes"
SURVEY_INTRODUCTION = "survey-introduction"
SURVEY_THRESHOLD = "survey-threshold"
SURVEY_OPEN_ROUND = "survey-open-round"
SURVEY_CLOSE_ROUND = "survey-close-round"
SURVEY_ATTACH = "survey-attach"
SURVEY_POSTER = "survey-poster"
SURVEY_NOTICE = "survey-notice"  # what the last action on the staff page did, in words


def survey_answer_key(question_id: str) -> str:
    return f"survey-answer-{question_id}"


def survey_remove_key(response_id: int) -> str:
    return f"survey-remove-{response_id}"


def init() -> None:
    """Give every key its starting value once per session."""
    for key in (ASSESSMENT, PENDING, SAVE_PROBLEM, OPEN_PROBLEM, THEME, IMPORT_PROBLEM, WORKSHOP_PROBLEM):
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
