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
DRAWN = "drawn-widgets"  # keys of the Themes widgets this session has drawn (checklist.ui.themes_page.first_draw)
RUNS_WORKSHOPS = "runs-workshops"  # whether the signed-in person may run workshops, read afresh on each run

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


def plan_add_key(question_id: str, index: int) -> str:
    """The button that adds the bank's `index`-th suggested action for a gap."""
    return f"plan-add-{question_id}-{index}"


def plan_add_own_key(question_id: str) -> str:
    return f"plan-add-own-{question_id}"


def plan_action_key(action_id: str) -> str:
    """The box around one planned action's fields."""
    return f"plan-action-{action_id}"


def plan_remove_key(action_id: str) -> str:
    return f"plan-remove-{action_id}"


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
COMPARE_CLEAR = "compare-clear"
COMPARE_COUNT_PRACTICE = "compare-count-practice"
COMPARE_COUNT_DRAFTS = "compare-count-drafts"
COMPARE_SERVICES = "compare-services"
COMPARE_DOWNLOAD_CSV = "compare-dl-csv"
COMPARE_DOWNLOAD_GAPS = "compare-dl-gaps"
COMPARE_DOWNLOAD_XLSX = "compare-dl-xlsx"
COMPARE_DOWNLOAD_PDF = "compare-dl-pdf"
# The page's tables (st.dataframe keys)
COMPARE_REPORT_TABLE = "compare-report"
COMPARE_LEFT_OUT_TABLE = "compare-left-out"
COMPARE_PRACTICE_TABLE = "compare-practice-table"
COMPARE_DRAFTS_TABLE = "compare-drafts-table"
COMPARE_GAPS_TABLE = "compare-gaps"
COMPARE_SPREAD_TABLE = "compare-spread"
COMPARE_PLANS_TABLE = "compare-plans"
COMPARE_OVERDUE_TABLE = "compare-overdue"
COMPARE_DETAIL_ANSWERS_TABLE = "compare-detail-answers"
COMPARE_DETAIL_PLAN_TABLE = "compare-detail-plan"
COMPARE_SURVEY_TABLE = "compare-survey"


def compare_upload_key(upload_round: int) -> str:
    """The upload box of this round: a new key empties the box once its files are kept (COMPARE_ROUND)."""
    return f"{COMPARE_UPLOAD}-{upload_round}"


def compare_detail_key(anonymised: bool) -> str:
    """A new key when labels change, so the box never keeps showing a name after anonymising."""
    return f"{COMPARE_DETAIL}-{'anonymous' if anonymised else 'named'}"


# results page (checklist/ui/results_page.py)
RESULTS_REASSESS_PREFILL = "results-reassess-prefill"
RESULTS_REASSESS = "results-reassess"
RESULTS_EVIDENCE_FILTER = "results-evidence-filter"

# start page (checklist/ui/start_page.py)
START_UPLOAD_CHOICE = "upload-choice"
START_UPLOAD_PREFILL = "upload-prefill"
START_REASSESSED = "reassessed-from-upload"  # set by the upload callback, read once by the page to switch page
START_NEW = "start-new"
START_DELETE_ASKED = "delete-asked"  # (assessment id, its name as listed) awaiting "Delete for good", or None
START_DELETE_DONE = "delete-done"  # what the last deletion in this session did, in words, or None
START_DELETE_CONFIRM = "delete-confirm"
START_DELETE_CANCEL = "delete-cancel"

# workshop participant page (checklist/ui/workshop_participant_page.py)
JOIN_CODE_INPUT = "wp-code"
JOIN_NAME_INPUT = "wp-name"
JOIN_SESSION = "wp-session"  # this browser session's id, for counting wrong codes
JOIN_WRONG_CODES_COUNTED = "wp-wrong-codes-counted"

# workshop pages (checklist/ui/workshop_facilitator_page.py, workshop_participant_page.py)
WORKSHOP_PROBLEM = "workshop_problem"  # a plain message for the page, or None
WORKSHOP_BLANK_READY = "wf-blank-ready"  # the paper checklist has been asked for in this session

# workshop facilitator page (checklist/ui/workshop_facilitator_page.py)
FACILITATOR_TITLE_INPUT = "wf-title"
FACILITATOR_BASE_INPUT = "wf-base"
FACILITATOR_THEMES_INPUT = "wf-themes"
FACILITATOR_LIVE_TOGGLE = "wf-live"
FACILITATOR_ROOM_QUESTION = "wf-room-question"
# Not widget keys: they must outlive the widgets that set them, which the room's view does not show.
FACILITATOR_ROOM_ON = "wf-room"
FACILITATOR_CURRENT = "wf-current-question"
FACILITATOR_LINK_INPUT = "wf-link"
FACILITATOR_JOINING_TOGGLE = "wf-joining"
FACILITATOR_RUNNING = "wf-running"  # workshop id -> its title, for the workshops this browser tab runs
FACILITATOR_REOPEN_SUBMIT = "wf-reopen-submit"
FACILITATOR_CREATE_SUBMIT = "wf-create-submit"
FACILITATOR_SHOW_ROOM = "wf-show-room"
FACILITATOR_REFRESH = "wf-refresh"
FACILITATOR_JOIN_BOX = "wf-join"
FACILITATOR_REOPEN_WORKSHOP = "wf-reopen-workshop"
FACILITATOR_CLOSE_WORKSHOP = "wf-close-workshop"
FACILITATOR_REMOVE_SILENT = "wf-remove-silent"
FACILITATOR_CARD = "wf-card"
FACILITATOR_PREVIOUS = "wf-previous"
FACILITATOR_NEXT = "wf-next"
FACILITATOR_PROJECTOR = "wf-projector"
FACILITATOR_PROJECTOR_STEPS = "wf-projector-steps"
FACILITATOR_LEAVE_ROOM = "wf-leave-room"
FACILITATOR_MAKE_ASSESSMENT = "wf-make-assessment"
FACILITATOR_SPREAD_CSV = "wf-spread-csv"
FACILITATOR_SPREAD_JSON = "wf-spread-json"
FACILITATOR_MAKE_BLANK = "wf-make-blank"
FACILITATOR_BLANK_PDF = "wf-blank-pdf"


def facilitator_remove_key(participant_id: str) -> str:
    return f"wf-remove-{participant_id}"


# submitting in the app (checklist/ui/submit_panel.py, checklist/ui/area_submissions.py)
SUBMIT = "submit-to-commissioner"
SUBMIT_DONE = "submit-done"  # what the last submission in this session said: when and to whom
SUBMIT_PROBLEM = "submit-problem"  # (assessment id, why it could not be submitted, in words), or None
COMPARE_SOURCE = "compare-source"  # a commissioner's choice: the area's submissions, or uploaded files
SUBMISSIONS_SEEN = "submissions-seen"  # area id -> her visit before this session (what counts as new), read once
SUBMISSION_SNAPSHOTS = "submission-snapshots"  # submission id -> its file, read once (a submission never changes)
SUBMISSIONS_LATEST = "submissions-latest"
SUBMISSIONS_HISTORY = "submissions-history"


def participant_answer_key(question_id: str) -> str:
    return f"wp-answer-{question_id}"


def participant_reason_key(question_id: str) -> str:
    return f"wp-reason-{question_id}"


def participant_question_box_key(question_id: str) -> str:
    return f"wp-question-{question_id}"


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


def delete_key(assessment_id: str) -> str:
    return f"delete-{assessment_id}"


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


# themes page (checklist/ui/themes_page.py)
THEMES_SHOWN_THEME = "themes-shown-theme"  # the theme drawn last in this session
THEMES_PREVIOUS = "previous-theme"
THEMES_NEXT = "next-theme"
THEMES_TO_REVIEW = "to-review"


def question_box_key(question_id: str) -> str:
    """The box around one question on the Themes page."""
    return f"question-{question_id}"


# example panel (checklist/ui/example_panel.py)
EXAMPLE_PICKER = "example-picker"
EXAMPLE_TRY = "try-example"

# sidebar (checklist/ui/sidebar.py)
SIDEBAR_DOWNLOAD_COPY = "download-copy"


def menu_section_key(section: str) -> str:
    """The box around one section of the menu, named from its heading."""
    return f"menu-{section.lower().replace(' ', '-')}"


# sign-in (checklist/ui/signin.py)
SIGN_IN = "sign-in"
SIGN_OUT = "sign-out"
SIGN_OUT_NO_ROLE = "sign-out-no-role"
NO_WORKSHOP_PAGE = "signin-no-workshop-page"  # the stand-in for the Workshop page, for members who are not trainers
SIGN_IN_UNREACHABLE = "sign-in-unreachable"  # the provider could not be reached when Sign in was pressed


def sign_in_pages_key(visitor: str) -> str:
    """This session's stand-in st.Page objects for one kind of visitor."""
    return f"signin_pages-{visitor}"


# save problems (checklist/ui/widgets.py), one set of buttons per place they are shown
def retry_key(where: str) -> str:
    return f"retry-{where}"


def keep_mine_key(where: str) -> str:
    return f"keep-mine-{where}"


def reload_key(where: str) -> str:
    return f"reload-{where}"


# audit trail page (checklist/ui/audit_page.py)
AUDIT_ACTION = "audit-action"
AUDIT_SINCE = "audit-since"
AUDIT_DOWNLOAD = "audit-download"
AUDIT_RETENTION_FORM = "audit-retention-form"
AUDIT_RETENTION_DAYS = "audit-retention-days"
AUDIT_RETENTION_SAVE = "audit-retention-save"
AUDIT_RETENTION_OFF = "audit-retention-off"
AUDIT_NOTICE = "audit-notice"  # what the last change of the retention period did, in words, or None


# administration page (checklist/ui/administration_page.py)
ADMIN_PENDING = "admin-pending"  # the removal asked for and waiting for "Yes, remove" (administration_page.Pending)
ADMIN_NOTICE = "admin-notice"  # what the last change did, or why it was refused (administration_page.Notice)
ADMIN_ORGANISATION_FORM = "admin-organisation-form"
ADMIN_ORGANISATION_NAME = "admin-organisation-name"
ADMIN_ORGANISATION_KIND = "admin-organisation-kind"
ADMIN_ORGANISATION_AREA = "admin-organisation-area"
ADMIN_ORGANISATION_ADD = "admin-organisation-add"
ADMIN_SERVICE_FORM = "admin-service-form"
ADMIN_SERVICE_PROVIDER = "admin-service-provider"
ADMIN_SERVICE_NAME = "admin-service-name"
ADMIN_SERVICE_ADD = "admin-service-add"
ADMIN_INVITE_FORM = "admin-invite-form"
ADMIN_INVITE_EMAIL = "admin-invite-email"
ADMIN_INVITE_ROLE = "admin-invite-role"
ADMIN_INVITE_ORGANISATION = "admin-invite-organisation"
ADMIN_INVITE_ADD = "admin-invite-add"
ADMIN_CONFIRM = "admin-confirm"
ADMIN_CANCEL = "admin-cancel"


def admin_remove_organisation_key(organisation_id: int) -> str:
    return f"admin-remove-organisation-{organisation_id}"


def admin_remove_role_key(person_id: int, index: int) -> str:
    """The button that takes away the person's index-th role, as listed."""
    return f"admin-remove-role-{person_id}-{index}"


def admin_remove_person_key(person_id: int) -> str:
    return f"admin-remove-person-{person_id}"


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
