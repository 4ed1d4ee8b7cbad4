"""The navigation frame around the pages."""

from __future__ import annotations

import streamlit as st

from checklist.ui import pages


def run() -> None:
    st.set_page_config(page_title="Women's access self-assessment", layout="wide")
    st.navigation([st.Page(pages.bank_overview, title="Question bank", url_path="bank")]).run()
