"""Action plan page: start from the quick wins, add, edit and remove actions; all saved at once."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from streamlit.testing.v1 import AppTest

from checklist.domain.assessment import ActionStatus, PlannedAction, Service
from checklist.domain.bank import QuestionBank
from checklist.storage import AssessmentStore
from checklist.ui import plan_page
from tests.builders import make_assessment

PLAN = "checklist/ui/app_pages/plan.py"


def open_plan(new_app: Callable[..., AppTest], assessment_id: str) -> AppTest:
    """The plan page with every gap opened (a gap's actions are drawn only while it is open)."""
    at = new_app(a=assessment_id).switch_page(PLAN).run()
    for question_id in ("a1", "a2", "b1", "b2"):  # every question of the small test bank
        at.session_state[plan_page.gap_key(question_id)] = True
    return at.run()


def saved_actions(store: AssessmentStore, assessment_id: str) -> list[PlannedAction]:
    stored = store.get(assessment_id)
    assert stored is not None
    return stored.assessment.actions


def test_the_plan_starts_from_the_quick_wins_in_one_step(
    new_app: Callable[..., AppTest], store: AssessmentStore, bank: QuestionBank
) -> None:
    assessment = make_assessment(bank, {"a1": "not_met", "b1": "not_met"})
    store.create(assessment)
    at = open_plan(new_app, assessment.id)

    at.button(key=plan_page.QUICK_WINS).click().run()

    assert [(a.question_id, a.text) for a in saved_actions(store, assessment.id)] == [("a1", "Fix a1.")]


def test_a_suggested_action_can_be_added_to_a_gap(
    new_app: Callable[..., AppTest], store: AssessmentStore, bank: QuestionBank
) -> None:
    assessment = make_assessment(bank, {"b1": "partly"})
    store.create(assessment)
    at = open_plan(new_app, assessment.id)

    at.button(key="plan-add-b1-0").click().run()

    assert [(a.question_id, a.text) for a in saved_actions(store, assessment.id)] == [("b1", "Fix b1.")]


def test_an_own_action_can_be_written_and_added(
    new_app: Callable[..., AppTest], store: AssessmentStore, bank: QuestionBank
) -> None:
    assessment = make_assessment(bank, {"b1": "partly"})
    store.create(assessment)
    at = open_plan(new_app, assessment.id)

    at.text_input(key=plan_page.own_action_key("b1")).input("Ask the *women's* group").run()
    at.button(key="plan-add-own-b1").click().run()

    assert [a.text for a in saved_actions(store, assessment.id)] == ["Ask the *women's* group"]


def test_an_empty_own_action_is_refused_with_a_message(
    new_app: Callable[..., AppTest], store: AssessmentStore, bank: QuestionBank
) -> None:
    assessment = make_assessment(bank, {"b1": "partly"})
    store.create(assessment)
    at = open_plan(new_app, assessment.id)

    at.button(key="plan-add-own-b1").click().run()

    assert ([e.value for e in at.error], saved_actions(store, assessment.id)) == (
        ["Action plan: an action needs some text saying what will be done"],
        [],
    )


def test_an_owner_due_date_and_status_are_each_saved_the_moment_they_change(
    new_app: Callable[..., AppTest], store: AssessmentStore, bank: QuestionBank
) -> None:
    """No save button: every field is saved as the answers are."""
    action = PlannedAction(id="act1", question_id="b1", text="Fix b1.")
    assessment = make_assessment(bank, {"b1": "partly"}, actions=[action])
    store.create(assessment)
    at = open_plan(new_app, assessment.id)

    at.text_input(key=plan_page.owner_key("act1")).input("Ana").run()
    after_owner = saved_actions(store, assessment.id)[0].owner
    at.date_input(key=plan_page.due_key("act1")).set_value(date(2026, 9, 30)).run()
    after_due = saved_actions(store, assessment.id)[0].due
    at.selectbox(key=plan_page.status_key("act1")).set_value(ActionStatus.IN_PROGRESS).run()
    after_status = saved_actions(store, assessment.id)[0].status
    at.text_area(key=plan_page.text_key("act1")).input("Fix b1 by March.").run()
    after_text = saved_actions(store, assessment.id)[0].text

    assert (after_owner, after_due, after_status, after_text) == (
        "Ana",
        date(2026, 9, 30),
        ActionStatus.IN_PROGRESS,
        "Fix b1 by March.",
    )
    assert "Save this action" not in [b.label for b in at.button]


def test_an_owner_typed_into_an_action_is_shown_again_in_a_new_session(
    new_app: Callable[..., AppTest], store: AssessmentStore, bank: QuestionBank
) -> None:
    action = PlannedAction(id="act1", question_id="b1", text="Fix b1.")
    assessment = make_assessment(bank, {"b1": "partly"}, actions=[action])
    store.create(assessment)
    open_plan(new_app, assessment.id).text_input(key=plan_page.owner_key("act1")).input("Ana").run()

    again = open_plan(new_app, assessment.id)

    assert again.text_input(key=plan_page.owner_key("act1")).value == "Ana"


def test_an_action_can_be_removed(new_app: Callable[..., AppTest], store: AssessmentStore, bank: QuestionBank) -> None:
    assessment = make_assessment(bank, {"b1": "partly"}, actions=[PlannedAction(id="act1", question_id="b1", text="x")])
    store.create(assessment)
    at = open_plan(new_app, assessment.id)

    at.button(key="plan-remove-act1").click().run()

    assert saved_actions(store, assessment.id) == []


def test_the_page_offers_the_pdf_download_once_the_service_is_named_and_dated(
    new_app: Callable[..., AppTest], store: AssessmentStore, bank: QuestionBank
) -> None:
    assessment = make_assessment(
        bank, {"b1": "partly"}, service=Service(name="Hub", organisation="Trust"), assessed_on=date(2026, 1, 5)
    )
    store.create(assessment)

    at = open_plan(new_app, assessment.id)

    assert "Download the PDF action plan" in [b.proto.label for b in at.get("download_button")]


def test_a_suggestion_already_planned_for_a_gap_cannot_be_added_again(
    new_app: Callable[..., AppTest], store: AssessmentStore, bank: QuestionBank
) -> None:
    assessment = make_assessment(bank, {"b1": "partly"})
    store.create(assessment)
    at = open_plan(new_app, assessment.id)

    at.button(key="plan-add-b1-0").click().run()

    again = at.button(key="plan-add-b1-0")
    assert (again.label, again.disabled, len(saved_actions(store, assessment.id))) == ("Already planned", True, 1)


def test_the_pdf_waits_for_the_service_name_organisation_and_date_and_says_where_to_add_them(
    new_app: Callable[..., AppTest], store: AssessmentStore, bank: QuestionBank
) -> None:
    assessment = make_assessment(bank, {"b1": "partly"}, service=Service(name="Hub"))
    store.create(assessment)

    at = open_plan(new_app, assessment.id)

    assert [w.value for w in at.warning] == [
        "Before the PDF action plan can be made, the service profile needs the organisation and the date "
        "of the assessment."
    ]
    assert "Download the PDF action plan" not in [b.proto.label for b in at.get("download_button")]
    assert "Fill them in on the Service profile" in [link.proto.label for link in at.get("page_link")]
    assert at.button(key="plan-add-b1-0").label == "Add"  # planning goes on meanwhile
