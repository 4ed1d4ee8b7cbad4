"""The trainer's workshop screen (AppTest): one consensus, a screen that cannot be lost, the service described."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from checklist.domain.assessment import Answer, AnswerValue
from checklist.domain.bank import QuestionBank
from checklist.domain.examples import example_base_service, example_service
from checklist.domain.workshop import create_workshop, join_workshop
from checklist.storage import AssessmentStore
from checklist.storage.workshops import WorkshopStore
from tests.ui.test_workshop_pages import FACILITATOR, PARTICIPANT, page, room_with_answers, saved


@pytest.fixture
def workshops(app_env: Path) -> WorkshopStore:
    app_env.mkdir(parents=True, exist_ok=True)
    return WorkshopStore(f"sqlite:///{app_env / 'checklist.sqlite3'}")


def test_creating_the_consensus_twice_updates_the_same_assessment(
    new_app: Callable[..., AppTest], workshops: WorkshopStore, store: AssessmentStore, bank: QuestionBank
) -> None:
    workshop = room_with_answers(bank, workshops, ["met", "partly"])
    at = page(new_app, FACILITATOR, w=workshop.id)
    at.radio(key="wf-consensus-a1").set_value("partly").run()
    at.button(key="wf-make-assessment").click().run()
    first = saved(workshops, workshop.id).consensus_assessment_id
    at.radio(key="wf-consensus-a1").set_value("not_met").run()
    at.button(key="wf-make-assessment").click().run()

    stored = store.get(first or "")
    assert stored is not None
    assert (
        saved(workshops, workshop.id).consensus_assessment_id,
        len(store.list_summaries()),
        stored.assessment.answers,
        at.button(key="wf-make-assessment").label,
    ) == (first, 1, {"a1": Answer(answer=AnswerValue.NOT_MET)}, "Update the consensus assessment")


def test_run_a_workshop_leads_back_to_the_workshop_this_browser_runs(
    new_app: Callable[..., AppTest], workshops: WorkshopStore, bank: QuestionBank
) -> None:
    workshop = room_with_answers(bank, workshops, [])
    at = page(new_app, FACILITATOR, w=workshop.id)
    at.query_params.clear()
    at.switch_page(FACILITATOR).run()
    links = [(link.proto.label, link.proto.page, link.proto.query_string) for link in at.get("page_link")]
    assert ("Back to Team day", "workshop", f"w={workshop.id}") in links


def test_a_pasted_facilitator_link_reopens_the_workshop(
    new_app: Callable[..., AppTest], workshops: WorkshopStore, bank: QuestionBank
) -> None:
    workshop = room_with_answers(bank, workshops, [])
    at = page(new_app, FACILITATOR)
    at.text_input(key="wf-link").input(f"http://192.0.2.7:8501/workshop?w={workshop.id}")
    at.button(key="wf-reopen-submit").click().run()
    assert (at.query_params["w"], at.title[0].value) == (workshop.id, "Workshop: Team day")


def test_a_participant_rating_an_example_reads_its_description_before_answering(
    new_app: Callable[..., AppTest], workshops: WorkshopStore, bank: QuestionBank
) -> None:
    workshop = create_workshop(
        bank, service=example_base_service(bank, example_service("rural-outreach")), example_id="rural-outreach"
    )
    workshops.create(workshop)
    at = page(new_app, PARTICIPANT, join=workshop.join_code)
    shown = [t.value for t in at.text]
    assert "A small rural service that mostly meets women at home, in GP surgeries and village halls." in shown
    assert "Do you run groups? No" in shown


def test_the_room_view_has_no_facilitator_controls_and_a_way_back(
    new_app: Callable[..., AppTest], workshops: WorkshopStore, bank: QuestionBank
) -> None:
    workshop = room_with_answers(bank, workshops, ["met", "not_met"])
    at = page(new_app, FACILITATOR, w=workshop.id)
    at.button(key="wf-next").click().run()
    at.button(key="wf-show-room").click().run()
    in_room = (len(at.toggle), len(at.selectbox), len(at.radio), [m.value for m in at.markdown if "##" in m.value])
    at.button(key="wf-leave-room").click().run()
    assert (in_room, at.title[0].value, at.selectbox(key="wf-room-question").value) == (
        (0, 0, 0, [r"## Question a2\?"]),
        "Workshop: Team day",
        "a2",
    )


def test_the_facilitator_closes_joining_and_reopens_it(
    new_app: Callable[..., AppTest], workshops: WorkshopStore, bank: QuestionBank
) -> None:
    workshop = room_with_answers(bank, workshops, [])
    at = page(new_app, FACILITATOR, w=workshop.id)
    at.toggle(key="wf-joining").set_value(False).run()
    shut = saved(workshops, workshop.id).joining_open
    at.toggle(key="wf-joining").set_value(True).run()
    assert (shut, saved(workshops, workshop.id).joining_open) == (False, True)


def test_the_facilitator_removes_a_participant_without_seeing_names(
    new_app: Callable[..., AppTest], workshops: WorkshopStore, bank: QuestionBank
) -> None:
    workshop, person = join_workshop(create_workshop(bank), "Priya")
    workshops.create(workshop)
    at = page(new_app, FACILITATOR, w=workshop.id)
    listed = [t.value for t in at.text if t.value.startswith("Participant 1:")]
    at.button(key=f"wf-remove-{person.id}").click().run()
    after = saved(workshops, workshop.id)
    assert (len(listed), "Priya" in " ".join(listed), after.participants, after.removed) == (1, False, {}, (person.id,))


def test_closing_the_workshop_is_saved(
    new_app: Callable[..., AppTest], workshops: WorkshopStore, bank: QuestionBank
) -> None:
    workshop = room_with_answers(bank, workshops, [])
    at = page(new_app, FACILITATOR, w=workshop.id)
    at.button(key="wf-close-workshop").click().run()
    assert (saved(workshops, workshop.id).closed, at.button(key="wf-reopen-workshop").label) == (
        True,
        "Reopen the workshop",
    )


def test_the_participant_cap_comes_from_its_setting(
    new_app: Callable[..., AppTest], workshops: WorkshopStore, bank: QuestionBank, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CHECKLIST_WORKSHOP_MAX_PARTICIPANTS", "1")
    workshop, _ = join_workshop(create_workshop(bank))
    workshops.create(workshop)
    at = page(new_app, PARTICIPANT, join=workshop.join_code)
    at.button[0].click().run()
    assert (len(saved(workshops, workshop.id).participants), "full (1 participants)" in at.error[0].value) == (
        1,
        True,
    )


def test_after_ten_wrong_codes_even_the_right_code_is_refused(
    new_app: Callable[..., AppTest], workshops: WorkshopStore, bank: QuestionBank
) -> None:
    workshop = room_with_answers(bank, workshops, [])
    at = page(new_app, PARTICIPANT)
    for n in range(10):
        at.query_params["join"] = f"WRONG{n}"
        at.run()
    at.query_params["join"] = workshop.join_code
    at.run()
    assert ("Too many wrong join codes" in at.error[0].value, [b.label for b in at.button]) == (
        True,
        ["Find the workshop"],
    )


def test_a_cap_setting_that_is_not_a_number_is_reported_and_the_usual_cap_applies(
    new_app: Callable[..., AppTest], workshops: WorkshopStore, bank: QuestionBank, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CHECKLIST_WORKSHOP_MAX_PARTICIPANTS", "lots")
    workshop = room_with_answers(bank, workshops, [])
    at = page(new_app, FACILITATOR, w=workshop.id)
    assert (
        "The server's CHECKLIST_WORKSHOP_MAX_PARTICIPANTS setting is 'lots', which is not a whole number above 0, "
        "so the usual cap of 200 participants applies."
    ) in [w.value for w in at.warning]
    assert at.toggle(key="wf-joining").label == "Let new people join with the code (at most 200)"


def test_a_pasted_link_without_a_workshop_in_it_says_what_to_paste(new_app: Callable[..., AppTest]) -> None:
    at = page(new_app, FACILITATOR)
    at.text_input(key="wf-link").input("http://192.0.2.7:8501/join?join=ABCDEF")
    at.button(key="wf-reopen-submit").click().run()
    assert "w" not in at.query_params
    assert [e.value for e in at.error] == ["Paste the whole facilitator's link, or the code after ?w= in it."]
