"""Pages: gather input, call the core, show the result."""

from __future__ import annotations

import streamlit as st

from checklist.domain.bank import QuestionBank, load_bank
from checklist.domain.errors import BankError
from checklist.paths import default_bank_path


@st.cache_resource
def shipped_bank() -> QuestionBank:
    return load_bank(default_bank_path())


def bank_overview() -> None:
    st.title("Women's access self-assessment")
    try:
        bank = shipped_bank()
    except BankError as exc:
        st.error(f"The question bank cannot be used. {exc.message}")
        return
    st.write(f"Question bank {bank.id}, version {bank.version}: {bank.question_count} questions in {len(bank.themes)} themes.")
    for theme in bank.themes:
        with st.expander(f"{theme.title} ({len(theme.questions)} questions)"):
            st.text(theme.summary)
