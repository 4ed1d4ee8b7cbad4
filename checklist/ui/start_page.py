"""Start: begin a new assessment, resume one (link, list, upload), or read what the tool is."""

from __future__ import annotations

from datetime import date
from urllib.parse import urlparse

import streamlit as st

from checklist.domain.assessment import new_id, start_assessment
from checklist.domain.bank import QuestionBank
from checklist.domain.errors import AssessmentFileError
from checklist.domain.loading import MAX_FILE_BYTES, LoadedAssessment, load_assessment
from checklist.domain.plan import start_reassessment
from checklist.domain.wording import long_date
from checklist.storage import StoreError
from checklist.ui import example_panel, navigation, resources, session, state
from checklist.ui.forms import assessment_id_from

# This page's session-state and widget keys, kept in state.py with every other page's.
from checklist.ui.state import START_REASSESSED as REASSESSED
from checklist.ui.state import START_UPLOAD_CHOICE as UPLOAD_CHOICE
from checklist.ui.state import START_UPLOAD_PREFILL as UPLOAD_PREFILL
from checklist.ui.text import literal

LIST_LIMIT = 200
OPEN_AS_IS = "Open it as it is"
REASSESS = "Start a re-assessment from it"
START_BLANK = "Answers start blank"
PREFILLED = "Answers start from the file's answers"
UNNAMED = "Service not named yet"
WHAT_IS_DELETED = (
    "This deletes the assessment with its answers, notes and action plan, every submission sent from it to "
    "the commissioner, and its women's survey rounds with the answers given in them. It cannot be undone: "
    "download a copy first if you may need it. The audit trail keeps only the fact that it was deleted, "
    "by whom and when."
)


def show() -> None:
    st.title("Women's access self-assessment")
    st.write(
        "Check how well your drug and alcohol service works for women, one theme at a time. "
        "Every answer is saved as you go: keep the link to come back later, from any device."
    )
    bank = resources.bank()
    if bank is None:
        return
    if st.session_state[state.OPEN_PROBLEM]:
        st.error(st.session_state[state.OPEN_PROBLEM])
    _continue_current()
    _start_new(bank)
    _resume_from_link()
    if resources.list_is_shown() or st.session_state.get(state.SIGN_IN_ON):
        _saved_list()
    _upload(bank)
    example_panel.show(bank)
    _about(bank)


def _continue_current() -> None:
    current = session.working()
    if current is None:
        return
    with st.container(border=True):
        st.header("Carry on where you left off")
        st.text(f"Open now: {current.service.name or 'service not named yet'}")
        st.write("Keep this link: it brings you (or a colleague) back to this assessment, on any device.")
        st.code(resume_link(current.id), language=None, wrap_lines=True)
        st.page_link(
            navigation.THEMES.path,
            label="Continue answering",
            icon=":material/arrow_forward:",
            query_params={"a": current.id},
        )


def resume_link(assessment_id: str) -> str:
    """The address that reopens an assessment, built from the address this page was opened at."""
    here = urlparse(st.context.url or "http://localhost:8501/")
    return f"{here.scheme}://{here.netloc}/{navigation.THEMES.url_path}?a={assessment_id}"


def _start_new(bank: QuestionBank) -> None:
    st.header("Start a new assessment")
    started = st.button("Start a new assessment", type="primary", key=state.START_NEW, on_click=_start, args=(bank,))
    if started and st.session_state[state.OPEN_PROBLEM] is None:
        navigation.go(navigation.PROFILE)


def _start(bank: QuestionBank) -> None:
    session.create(start_assessment(bank))


def _open(assessment_id: str) -> None:
    session.open_by_id(assessment_id)


def _open_resume_text() -> None:
    found = assessment_id_from(st.session_state[state.RESUME_TEXT] or "")
    if found is None:
        st.session_state[state.OPEN_PROBLEM] = (
            "That is not a resume link. A resume link is this app's address ending in ?a= and a long code."
        )
        return
    session.open_by_id(found)


def _resume_from_link() -> None:
    st.header("Resume an assessment")
    with st.form("resume-form", border=False):
        st.text_input("Paste your resume link", key=state.RESUME_TEXT, max_chars=2000)
        resumed = st.form_submit_button("Resume", on_click=_open_resume_text)
        if resumed and st.session_state[state.OPEN_PROBLEM] is None:
            navigation.go(navigation.THEMES)


def _saved_list() -> None:
    signed_in = st.session_state.get(state.SIGN_IN_ON)
    st.header("Your organisation's assessments" if signed_in else "Assessments saved on this server")
    done = st.session_state.pop(state.START_DELETE_DONE, None)
    if done:
        st.success(done)
    try:
        access = resources.assessments()
        summaries = access.list_summaries()[:LIST_LIMIT]
        deletable = {s.id for s in summaries if access.may_delete(s.id)}
    except StoreError as exc:
        st.error(exc.message)
        return
    if not summaries:
        st.write("None yet.")
        return
    asked = st.session_state.get(state.START_DELETE_ASKED)
    for summary in summaries:
        name = summary.service_name or UNNAMED
        with st.container(border=True, horizontal=True, vertical_alignment="center"):
            st.text(name, width="stretch")
            st.text(f"{summary.answered} answered · {_assessed_on(summary.assessed_on)}", width="content")
            if st.button("Open", key=state.open_key(summary.id), on_click=_open, args=(summary.id,)):
                navigation.go(navigation.THEMES)
            if summary.id in deletable:
                st.button("Delete", key=state.delete_key(summary.id), on_click=_ask_delete, args=(summary.id, name))
        if asked is not None and asked[0] == summary.id:
            _confirm_delete(summary.id, name)


def _ask_delete(assessment_id: str, name: str) -> None:
    st.session_state[state.START_DELETE_ASKED] = (assessment_id, name)


def _confirm_delete(assessment_id: str, name: str) -> None:
    """The second step: the assessment named, what goes with it, and that it cannot be undone."""
    with st.container(border=True):
        st.markdown(f"**Delete the assessment of {literal(name)}?**")
        st.write(WHAT_IS_DELETED)
        with st.container(horizontal=True):
            st.button(
                "Delete for good",
                type="primary",
                key=state.START_DELETE_CONFIRM,
                on_click=_delete,
                args=(assessment_id, name),
            )
            st.button("Keep it", key=state.START_DELETE_CANCEL, on_click=_keep)


def _keep() -> None:
    st.session_state[state.START_DELETE_ASKED] = None


def _delete(assessment_id: str, name: str) -> None:
    st.session_state[state.START_DELETE_ASKED] = None
    try:
        deleted = resources.assessments().delete(assessment_id)
    except StoreError as exc:
        st.session_state[state.OPEN_PROBLEM] = f"The assessment was not deleted: {exc.message}"
        return
    if not deleted:
        st.session_state[state.OPEN_PROBLEM] = session.NOT_FOUND
        return
    current = session.saved()
    if current is not None and current.id == assessment_id:
        session.close()
        st.session_state[state.OPEN_PROBLEM] = None
        st.query_params.pop("a", None)
    # Shown with st.success, which reads Markdown: the name is shown as typed.
    st.session_state[state.START_DELETE_DONE] = (
        f"Deleted the assessment of {literal(name)}: its answers, notes and action plan, the submissions sent from it "
        "and its women's survey rounds. Its link now opens nothing."
    )


def _import_upload(bank: QuestionBank) -> None:
    st.session_state[state.IMPORT_PROBLEM] = None
    st.session_state[state.IMPORT_NOTES] = []
    loaded = _read_upload(bank)
    if loaded is None:
        return
    if st.session_state.get(UPLOAD_CHOICE) == REASSESS:
        _reassess_from(bank, loaded)
        return
    # An import is a new assessment: it must never overwrite the one it was copied from.
    if session.create(loaded.assessment.model_copy(update={"id": new_id()})):
        st.session_state[state.IMPORT_NOTES] = ["The file was loaded as a new assessment.", *loaded.warnings]
    else:
        st.session_state[state.IMPORT_PROBLEM] = st.session_state[state.OPEN_PROBLEM]


def _read_upload(bank: QuestionBank) -> LoadedAssessment | None:
    upload = st.session_state[state.UPLOAD]
    if upload is None:
        return None
    data = upload.getvalue()
    try:
        # The widget's own limit is only checked in the browser.
        if len(data) > MAX_FILE_BYTES:
            raise AssessmentFileError(upload.name, [f"the file is larger than {MAX_FILE_BYTES // 1_000_000} MB"])
        return load_assessment(data, upload.name, bank)
    except AssessmentFileError as exc:
        st.session_state[state.IMPORT_PROBLEM] = f"This file cannot be used. {exc.message}"
        return None


def _reassess_from(bank: QuestionBank, loaded: LoadedAssessment) -> None:
    prefill = st.session_state.get(UPLOAD_PREFILL) == PREFILLED
    if not session.create(start_reassessment(bank, loaded.assessment, prefill=prefill, today=date.today())):
        st.session_state[state.IMPORT_PROBLEM] = st.session_state[state.OPEN_PROBLEM]
        return
    st.session_state[state.IMPORT_NOTES] = [
        "A re-assessment was started from the file: the profile and the plan came along.",
        *loaded.warnings,
    ]
    # Warnings about the file must be read before moving on, so only a clean file switches page.
    st.session_state[REASSESSED] = not loaded.warnings


def _upload(bank: QuestionBank) -> None:
    st.header("Upload a saved copy")
    choice = st.radio(
        "What to do with the file (choose before you upload)",
        [OPEN_AS_IS, REASSESS],
        key=UPLOAD_CHOICE,
        horizontal=True,
    )
    if choice == REASSESS:
        st.radio("Answers in the new assessment", [START_BLANK, PREFILLED], key=UPLOAD_PREFILL, horizontal=True)
    st.file_uploader(
        "Assessment file (the JSON you downloaded, or a PDF action plan made by this tool)",
        type=["json", "pdf"],
        key=state.UPLOAD,
        on_change=_import_upload,
        args=(bank,),
        max_upload_size=MAX_FILE_BYTES // 1_000_000,
    )
    if st.session_state.pop(REASSESSED, False):
        navigation.go(navigation.PROFILE)
    if st.session_state[state.IMPORT_PROBLEM]:
        st.error("This file cannot be used.")
        st.text(st.session_state[state.IMPORT_PROBLEM].removeprefix("This file cannot be used. "))
    notes: list[str] = st.session_state[state.IMPORT_NOTES]
    if notes:
        st.success(notes[0])
        for note in notes[1:]:
            st.text(f"Note: {note}")
        st.page_link(navigation.PROFILE.path, label="Check the service profile", icon=":material/arrow_forward:")


def _about(bank: QuestionBank) -> None:
    with st.expander("What this tool is, and where its questions come from"):
        st.markdown(f"**{literal(bank.title)}** (question bank {literal(bank.id)}, version {literal(bank.version)})")
        st.markdown(literal(bank.description))
        st.write(f"{bank.question_count} questions in {len(bank.themes)} themes:")
        for theme in bank.themes:
            st.markdown(f"- **{literal(theme.title)}**: {literal(theme.summary)}")
        st.write("Sources:")
        for source in bank.sources:
            st.markdown(f"- [{literal(source.title)}]({_url(source.url)}), {literal(source.publisher)}, {source.year}")


def _url(url: str) -> str:
    # A bracket or space would end the markdown link early.
    return url.replace("(", "%28").replace(")", "%29").replace(" ", "%20")


def _assessed_on(stored: str | None) -> str:
    """The store keeps the day as text (YYYY-MM-DD); people read it as '3 March 2026'."""
    try:
        return long_date(date.fromisoformat(stored), empty="undated") if stored else "undated"
    except ValueError:
        return stored or "undated"
