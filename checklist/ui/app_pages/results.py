"""The results page."""

from checklist.ui.results_page import show

show()
