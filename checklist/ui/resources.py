"""What every session shares: the bank and the stores (one engine per store per process), and settings."""

from __future__ import annotations

import contextlib
import os

import streamlit as st

from checklist.domain.bank import QuestionBank, load_bank
from checklist.domain.errors import BankError
from checklist.paths import default_bank_path
from checklist.storage import AssessmentStore, StoreError, database_url
from checklist.storage.workshops import WorkshopStore
from checklist.ui.forms import switch_is_on


@st.cache_resource(show_spinner=False)
def _bank_at(path: str) -> QuestionBank:
    return load_bank(path)


@st.cache_resource(show_spinner=False)
def _store_at(url: str) -> AssessmentStore:
    return AssessmentStore(url)


@st.cache_resource(show_spinner=False)
def _workshop_store_at(url: str) -> WorkshopStore:
    return WorkshopStore(url)


def bank() -> QuestionBank | None:
    """The question bank, or None after showing why it cannot be used."""
    try:
        return _bank_at(str(default_bank_path()))
    except BankError as exc:
        st.error("The question bank cannot be used, so assessments cannot be filled in.")
        st.text(exc.message)
        return None


def store() -> AssessmentStore:
    return _store_at(database_url())


def workshop_store() -> WorkshopStore:
    return _workshop_store_at(database_url())


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
