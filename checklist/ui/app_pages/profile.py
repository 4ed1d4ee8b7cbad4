"""The profile page."""

from checklist.ui.profile_page import show

show()
