"""The review page."""

from checklist.ui.review_page import show

show()
