"""What every session shares: the bank and the stores (one engine per store per process), and settings."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable
from typing import TypeVar

import streamlit as st

from checklist.domain.audit import Export
from checklist.domain.bank import QuestionBank, load_bank
from checklist.domain.errors import BankError
from checklist.domain.survey import AnswerLimiter
from checklist.paths import FolderUnusable, default_bank_path
from checklist.render.fonts import cache_dir
from checklist.storage import AssessmentStore, StoreError, database_url
from checklist.storage.access import Assessments, LocalAccess, PersonAccess
from checklist.storage.administration import Administration
from checklist.storage.audit import AuditTrail
from checklist.storage.directory import DirectoryStore
from checklist.storage.submissions import SubmissionStore
from checklist.storage.surveys import SurveyStore
from checklist.storage.workshop_access import LocalWorkshops, TrainerWorkshops, Workshops
from checklist.storage.workshop_owners import WorkshopOwnerStore
from checklist.storage.workshops import WorkshopStore
from checklist.ui import state
from checklist.ui.forms import switch_is_on

Made = TypeVar("Made", str, bytes)


@st.cache_resource(show_spinner=False)
def _bank_at(path: str) -> QuestionBank:
    return load_bank(path)


@st.cache_resource(show_spinner=False)
def _store_at(url: str) -> AssessmentStore:
    return AssessmentStore(url)


@st.cache_resource(show_spinner=False)
def _directory_at(url: str) -> DirectoryStore:
    return DirectoryStore(url)


@st.cache_resource(show_spinner=False)
def _submissions_at(url: str) -> SubmissionStore:
    return SubmissionStore(url)


@st.cache_resource(show_spinner=False)
def _audit_at(url: str) -> AuditTrail:
    return AuditTrail(url)


def _workshop_store_at(url: str) -> WorkshopStore:
    return WorkshopStore(url)


@st.cache_resource(show_spinner=False)
def _workshop_owners_at(url: str) -> WorkshopOwnerStore:
    return WorkshopOwnerStore(url)


@st.cache_resource(show_spinner=False)
def _survey_store_at(url: str) -> SurveyStore:
    return SurveyStore(url)


@st.cache_resource(show_spinner=False)
def answer_limiter() -> AnswerLimiter:
    """One per server process, shared by every visitor's session."""
    return AnswerLimiter()


def bank() -> QuestionBank | None:
    """The question bank, or None after showing why it cannot be used."""
    try:
        return _bank_at(str(default_bank_path()))
    except BankError as exc:
        st.error("The question bank cannot be used, so assessments cannot be filled in.")
        st.text(exc.message)
        return None


def store() -> AssessmentStore:
    """The store itself, unchecked: pages use `assessments()`, which checks the viewer's role."""
    return _store_at(database_url())


def directory() -> DirectoryStore:
    return _directory_at(database_url())


def assessments() -> Assessments:
    """The assessments this session may use: all of them in local mode, else the signed-in person's.

    Their roles are read from the database here, on each use, never kept from an earlier run: a callback
    on the click after an administrator removed a role is already refused.
    """
    return _access_maker()()


def _access_maker() -> Callable[[], Assessments]:
    """What `assessments()` gives, made later on call: it reads the session now, and the roles then."""
    trail = _audit_at(database_url())
    if not st.session_state.get(state.SIGN_IN_ON):
        local = LocalAccess(store(), trail)
        return lambda: local
    subject = st.session_state.get(state.SUBJECT)
    working_for = st.session_state.get(state.WORKING_FOR)
    assessment_store, people, submissions = store(), directory(), _submissions_at(database_url())

    def made() -> Assessments:
        person = people.person_by_subject(subject) if subject else None
        return PersonAccess(assessment_store, people, person, working_for, submissions, trail)

    return made


def record_export(export: Export, assessment_id: str | None = None) -> None:
    """A download button's on_click: the audit trail notes what was downloaded (never what it held)."""
    _note_export(assessments, export, assessment_id)


def noted_export(export: Export, make: Callable[[], Made], assessment_id: str | None = None) -> Callable[[], Made]:
    """A file made only when its button is clicked, noted in the audit trail as it is made.

    Its button takes on_click="ignore". A click that also reruns the page races the browser's request
    for the file: a run that ends first withdraws the file, and the download fails. The file is made
    outside any script run, so the session is read now and the roles when the file is made.
    """
    access = _access_maker()

    def make_and_note() -> Made:
        made = make()
        _note_export(access, export, assessment_id)
        return made

    return make_and_note


def _note_export(access: Callable[[], Assessments], export: Export, assessment_id: str | None) -> None:
    # With the database down the download itself still works; a page reports the database on its own.
    with contextlib.suppress(StoreError):
        access().record_export(export, assessment_id)


def administration() -> Administration:
    """Organisations and people as this session's person may manage them (roles read afresh, as above)."""
    subject = st.session_state.get(state.SUBJECT) if st.session_state.get(state.SIGN_IN_ON) else None
    person = directory().person_by_subject(subject) if subject else None
    return Administration(directory(), person)


def administers() -> bool:
    """Whether this session's person is an administrator with sign-in on: only they see the Administration pages."""
    if not st.session_state.get(state.SIGN_IN_ON):
        return False
    try:
        return administration().may_manage()
    except StoreError:
        return False


def workshop_store() -> WorkshopStore:
    return _workshop_store_at(database_url())


def workshops() -> Workshops:
    """The workshops this session may run: all of them in local mode, else the signed-in trainer's own.

    Roles are read from the database on each use, as for `assessments()`.
    """
    if not st.session_state.get(state.SIGN_IN_ON):
        return LocalWorkshops(workshop_store())
    subject = st.session_state.get(state.SUBJECT)
    person = directory().person_by_subject(subject) if subject else None
    return TrainerWorkshops(workshop_store(), _workshop_owners_at(database_url()), person)


def survey_store() -> SurveyStore:
    """The survey rounds and answers, unchecked: staff reach a round only through an assessment they may open."""
    return _survey_store_at(database_url())


def prepare() -> None:
    """Load the bank and open the store before any page asks (make run does this while the browser connects).

    A broken bank or an unreachable database is left for the page to report, in its own words.
    """
    with contextlib.suppress(BankError, StoreError):
        _bank_at(str(default_bank_path()))
        _store_at(database_url())


def list_is_shown() -> bool:
    """Shared deployments switch the list off (CHECKLIST_LIST_ASSESSMENTS=0) so each service sees only its own link."""
    return switch_is_on(os.environ.get("CHECKLIST_LIST_ASSESSMENTS"))


@st.cache_resource(show_spinner=False)
def _folder_problem_for(data_dir: str, cache: str, database: str) -> str | None:
    try:
        database_url()
        cache_dir()
    except (StoreError, FolderUnusable) as exc:
        return exc.message
    return None


def folder_problem() -> str | None:
    """Why the data or cache folder set in the environment cannot be used, in a sentence; checked once per setting."""
    return _folder_problem_for(
        os.environ.get("CHECKLIST_DATA_DIR", ""),
        os.environ.get("CHECKLIST_CACHE_DIR", ""),
        os.environ.get("CHECKLIST_DATABASE_URL", ""),
    )
