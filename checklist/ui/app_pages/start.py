"""The start page."""

from checklist.ui.start_page import show

show()
