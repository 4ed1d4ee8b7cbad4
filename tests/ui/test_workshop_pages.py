"""Workshop pages (AppTest): the facilitator creates, participants join and answer, the room agrees."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from checklist.domain.assessment import Answer, AnswerValue
from checklist.domain.bank import QuestionBank
from checklist.domain.workshop import Workshop, create_workshop, join_workshop, with_participant_answer
from checklist.storage import AssessmentStore
from checklist.storage.workshops import WorkshopStore

FACILITATOR = "checklist/ui/app_pages/workshop.py"
PARTICIPANT = "checklist/ui/app_pages/join.py"


@pytest.fixture
def workshops(app_env: Path) -> WorkshopStore:
    app_env.mkdir(parents=True, exist_ok=True)
    return WorkshopStore(f"sqlite:///{app_env / 'checklist.sqlite3'}")


def page(new_app: Callable[..., AppTest], file: str, **query: str) -> AppTest:
    at = new_app(**query)
    for key, value in query.items():
        at.query_params[key] = value
    return at.switch_page(file).run()


def saved(workshops: WorkshopStore, workshop_id: str) -> Workshop:
    stored = workshops.get(workshop_id)
    assert stored is not None
    return stored.workshop


def room_with_answers(bank: QuestionBank, workshops: WorkshopStore, answers: list[str]) -> Workshop:
    """A saved workshop where participant i answered a1 with answers[i]."""
    workshop = create_workshop(bank, title="Team day")
    for value in answers:
        workshop, person = join_workshop(workshop)
        workshop = with_participant_answer(bank, workshop, person.id, "a1", Answer(answer=AnswerValue(value)))
    workshops.create(workshop)
    return workshop


def test_facilitator_creates_a_workshop_on_chosen_themes_from_an_example(
    new_app: Callable[..., AppTest], workshops: WorkshopStore
) -> None:
    at = page(new_app, FACILITATOR)
    at.text_input(key="wf-title").input("Team day")
    at.selectbox(key="wf-base").select("city-hub")
    at.multiselect(key="wf-themes").select("beta")
    at.button(key="wf-create-submit").click().run()

    workshop = saved(workshops, at.query_params["w"])
    assert (workshop.title, workshop.theme_ids, workshop.example_id, "(fictional)" in workshop.service.name) == (
        "Team day",
        ("beta",),
        "city-hub",
        True,
    )


def test_facilitator_sees_the_join_code_and_the_join_link(
    new_app: Callable[..., AppTest], workshops: WorkshopStore, bank: QuestionBank
) -> None:
    workshop = room_with_answers(bank, workshops, [])
    at = page(new_app, FACILITATOR, w=workshop.id)
    assert not at.exception
    assert any(workshop.join_code in m.value for m in at.markdown)
    assert any(f"/join?join={workshop.join_code}" in c.value for c in at.code)


def test_a_facilitator_link_that_does_not_exist_says_so(new_app: Callable[..., AppTest]) -> None:
    at = page(new_app, FACILITATOR, w="NoSuchWorkshopXXXXXXXX")
    assert not at.exception
    assert [e.value for e in at.error] == [
        "No workshop has this link. Check that the whole facilitator's link was copied."
    ]


def test_spread_lists_the_most_disagreed_question_first_without_names(
    new_app: Callable[..., AppTest], workshops: WorkshopStore, bank: QuestionBank
) -> None:
    workshop = create_workshop(bank)
    people = []
    for name in ("Priya", "Sam", "Lee"):
        workshop, person = join_workshop(workshop, name)
        people.append(person.id)
    for pid, a1, b1 in zip(people, ("met", "met", "met"), ("met", "not_met", "partly"), strict=True):
        for qid, value in (("a1", a1), ("b1", b1)):
            workshop = with_participant_answer(bank, workshop, pid, qid, Answer(answer=AnswerValue(value)))
    workshops.create(workshop)

    at = page(new_app, FACILITATOR, w=workshop.id)
    table = next(d.value for d in at.dataframe if "Disagreement (%)" in d.value.columns)
    shown = " ".join(str(v) for v in table.to_numpy().ravel())
    assert (list(table["Question"]), list(table["Disagreement (%)"]), "Priya" in shown) == (
        ["Question b1?", "Question a1?"],
        [67, 0],
        False,
    )


def test_room_mode_hides_everything_but_the_question(
    new_app: Callable[..., AppTest], workshops: WorkshopStore, bank: QuestionBank
) -> None:
    workshop = room_with_answers(bank, workshops, ["met", "not_met"])
    at = page(new_app, FACILITATOR, w=workshop.id)
    at.button(key="wf-show-room").click().run()
    assert (not at.exception, workshop.join_code in " ".join(m.value for m in at.markdown), len(at.dataframe)) == (
        True,
        False,
        0,
    )
    assert any("## Question a1" in m.value for m in at.markdown)


def test_agreed_answer_is_saved_to_the_workshop(
    new_app: Callable[..., AppTest], workshops: WorkshopStore, bank: QuestionBank
) -> None:
    workshop = room_with_answers(bank, workshops, ["met", "partly"])
    at = page(new_app, FACILITATOR, w=workshop.id)
    at.radio(key="wf-consensus-a1").set_value("partly").run()
    assert saved(workshops, workshop.id).consensus == {"a1": Answer(answer=AnswerValue.PARTLY)}


def test_next_question_moves_the_discussion_on(
    new_app: Callable[..., AppTest], workshops: WorkshopStore, bank: QuestionBank
) -> None:
    workshop = room_with_answers(bank, workshops, ["met", "partly"])
    at = page(new_app, FACILITATOR, w=workshop.id)
    first = at.selectbox(key="wf-room-question").value
    at.button(key="wf-next").click().run()
    assert (first, at.selectbox(key="wf-room-question").value) == ("a1", "a2")


def test_consensus_becomes_a_practice_assessment_in_the_store(
    new_app: Callable[..., AppTest], workshops: WorkshopStore, store: AssessmentStore, bank: QuestionBank
) -> None:
    workshop = room_with_answers(bank, workshops, ["met", "partly"])
    at = page(new_app, FACILITATOR, w=workshop.id)
    at.radio(key="wf-consensus-a1").set_value("partly").run()
    at.button(key="wf-make-assessment").click().run()

    assessment_id = saved(workshops, workshop.id).consensus_assessment_id
    stored = store.get(assessment_id or "")
    assert stored is not None
    assert (stored.assessment.practice, stored.assessment.answers) == (True, {"a1": Answer(answer=AnswerValue.PARTLY)})


def test_participant_joins_by_code_anonymously_and_gets_their_own_link(
    new_app: Callable[..., AppTest], workshops: WorkshopStore, bank: QuestionBank
) -> None:
    workshop = room_with_answers(bank, workshops, [])
    at = page(new_app, PARTICIPANT, join=workshop.join_code.lower())
    at.button[0].click().run()

    participants = saved(workshops, workshop.id).participants
    assert (list(participants), participants[at.query_params["p"]].shown_name) == ([at.query_params["p"]], "Anonymous")


def test_participant_answer_is_saved_at_once_and_comes_back_after_a_refresh(
    new_app: Callable[..., AppTest], workshops: WorkshopStore, bank: QuestionBank
) -> None:
    workshop, person = join_workshop(create_workshop(bank), "Sam")
    workshops.create(workshop)
    at = page(new_app, PARTICIPANT, join=workshop.join_code, p=person.id)
    at.radio(key="wp-answer-b1").set_value("not_met").run()

    again = page(new_app, PARTICIPANT, join=workshop.join_code, p=person.id)
    assert (saved(workshops, workshop.id).answers_of(person.id), again.radio(key="wp-answer-b1").value) == (
        {"b1": Answer(answer=AnswerValue.NOT_MET)},
        "not_met",
    )


def test_participant_not_applicable_waits_for_a_reason(
    new_app: Callable[..., AppTest], workshops: WorkshopStore, bank: QuestionBank
) -> None:
    workshop, person = join_workshop(create_workshop(bank))
    workshops.create(workshop)
    at = page(new_app, PARTICIPANT, join=workshop.join_code, p=person.id)
    at.radio(key="wp-answer-a1").set_value("na").run()
    before = saved(workshops, workshop.id).answers_of(person.id)
    at.text_input(key="wp-reason-a1").input("No groups here").run()
    assert (before, saved(workshops, workshop.id).answers_of(person.id)["a1"].na_reason) == ({}, "No groups here")


def test_wrong_join_code_says_so_in_plain_words(new_app: Callable[..., AppTest]) -> None:
    at = page(new_app, PARTICIPANT, join="ZZZZZZ")
    assert not at.exception
    assert [e.value for e in at.error] == [
        "No workshop has the join code ZZZZZZ. Check the code on the facilitator's screen and try again."
    ]


def test_participant_sees_only_the_chosen_themes(
    new_app: Callable[..., AppTest], workshops: WorkshopStore, bank: QuestionBank
) -> None:
    workshop, person = join_workshop(create_workshop(bank, theme_ids=["beta"]))
    workshops.create(workshop)
    at = page(new_app, PARTICIPANT, join=workshop.join_code, p=person.id)
    assert sorted(r.key for r in at.radio) == ["wp-answer-b1", "wp-answer-b2"]


def test_trying_an_example_opens_a_practice_assessment(new_app: Callable[..., AppTest], store: AssessmentStore) -> None:
    at = new_app()
    at.selectbox(key="example-picker").select("rural-outreach")
    at.button(key="try-example").click().run()
    stored = store.get(at.query_params["a"])
    assert stored is not None
    assert (stored.assessment.practice, stored.assessment.service.name) == (
        True,
        "Fenland Outreach Service (fictional)",
    )
