"""Organisations and people: the administrators' page."""

from checklist.ui.administration_page import show

show()
