"""The Themes and Review pages agree on which questions apply, even for a profile value the bank does not know."""

from __future__ import annotations

from collections.abc import Callable

from streamlit.testing.v1 import AppTest

from checklist.domain.assessment import Service
from checklist.domain.bank import QuestionBank
from checklist.storage import AssessmentStore
from checklist.ui import state
from tests.builders import make_assessment
from tests.ui.conftest import EVERY_PAGE


def test_a_question_review_lists_as_unanswered_is_shown_on_the_themes_page(
    new_app: Callable[..., AppTest], store: AssessmentStore, bank: QuestionBank
) -> None:
    """With groups: 'weekly' (an older bank's option), a2 applies: the Themes page once hid it."""
    assessment = make_assessment(
        bank, {"a1": "met", "b1": "met", "b2": "met"}, service=Service(name="S", profile={"groups": "weekly"})
    )
    store.create(assessment)

    review = new_app(a=assessment.id).switch_page(EVERY_PAGE["review"]).run()
    themes = new_app(a=assessment.id, t="alpha").switch_page(EVERY_PAGE["themes"]).run()

    assert [s.value for s in review.header if s.value.startswith("Not answered")] == ["Not answered yet (1)"]
    assert [r.key for r in themes.radio] == [state.answer_key("a1"), state.answer_key("a2")]
