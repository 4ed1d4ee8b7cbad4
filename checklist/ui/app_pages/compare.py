"""Compare submissions: the commissioner's page."""

from checklist.ui.compare_page import show

show()
