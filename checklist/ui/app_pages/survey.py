"""The staff page of the women's survey."""

from checklist.ui.survey_page import show

show()
