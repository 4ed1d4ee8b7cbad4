"""Service profile: details saved as typed, and the profile decides which questions apply."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from streamlit.testing.v1 import AppTest

from checklist.storage import AssessmentStore
from tests.ui.conftest import go, started


def test_service_details_are_saved_as_typed(new_app: Callable[..., AppTest], store: AssessmentStore) -> None:
    at = go(started(new_app), "profile")

    at.text_input(key="service-name").input("Women's *Hub*").run()
    at.text_input(key="assessor-role").input("Service manager").run()
    at.date_input(key="assessed-on").set_value(date(2026, 2, 3)).run()

    saved = store.get(at.query_params["a"])
    assert saved is not None
    assert saved.assessment.service.name == "Women's *Hub*"
    assert saved.assessment.assessor is not None
    assert saved.assessment.assessor.role == "Service manager"
    assert saved.assessment.assessed_on == date(2026, 2, 3)


def test_the_profile_leaves_out_questions_and_says_why(new_app: Callable[..., AppTest]) -> None:
    at = go(started(new_app), "profile")

    at.radio(key="profile-groups").set_value("no").run()

    assert "1 of 4 questions are left out because of the service profile" in " ".join(m.value for m in at.markdown)
    shown = " ".join(m.value.replace("\\", "") for m in at.markdown)
    assert "Left out because 'Do you run groups?' was answered 'No'" in shown


def test_a_question_left_out_by_the_profile_is_not_asked(new_app: Callable[..., AppTest]) -> None:
    at = go(started(new_app), "profile")
    at.radio(key="profile-groups").set_value("no").run()

    go(at, "themes")

    assert [r.key for r in at.radio] == ["answer-a1"]
    assert "1 question in this theme is left out by the service profile." in [m.value for m in at.markdown]


def test_a_service_name_of_invisible_characters_gets_a_message_and_is_saved_as_not_given(
    new_app: Callable[..., AppTest],
) -> None:
    at = go(started(new_app), "profile")

    at.text_input(key="service-name").input("\u200b\u200d").run()

    assert [w.value for w in at.warning] == [
        "Service name: what is typed shows no visible character, so it is saved as not given."
    ]
    assert at.session_state["assessment"].service.name == ""
