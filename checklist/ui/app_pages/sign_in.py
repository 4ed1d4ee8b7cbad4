"""The sign-in page (only when sign-in is on)."""

from checklist.ui.signin import show_sign_in_page

show_sign_in_page()
