"""The action plan page."""

from checklist.ui.plan_page import show

show()
