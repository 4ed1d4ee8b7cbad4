"""The facilitator's workshop page."""

from checklist.ui.workshop_facilitator_page import show

show()
