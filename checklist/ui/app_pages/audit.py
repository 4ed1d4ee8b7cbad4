"""The audit trail: for administrators (and, in local mode, the person at this computer)."""

from checklist.ui.audit_page import show

show()
