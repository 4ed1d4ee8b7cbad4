"""The themes page."""

from checklist.ui.themes_page import show

show()
