"""The page for someone signed in with no role yet."""

from checklist.ui.signin import show_no_role_page

show_no_role_page()
