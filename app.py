"""Streamlit entry point: only the navigation frame. Pages live in checklist/ui/."""

from checklist.ui.main import run

run()
