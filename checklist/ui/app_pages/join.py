"""The participants' page: join a workshop and answer."""

from checklist.ui.workshop_participant_page import show

show()
