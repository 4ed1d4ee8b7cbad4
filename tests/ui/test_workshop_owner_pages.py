"""With sign-in on, a trainer's workshops are his own (AppTest): listed to reopen, and hidden from everyone else.

The sign-in cookie is stood in for by `st.user` (st.login runs only in a served app); everything after it,
from the secrets to the database, is the app's own. The full sign-in is tests/e2e/test_workshop_owners_e2e.py.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import streamlit
from streamlit.testing.v1 import AppTest

from checklist.domain.bank import QuestionBank
from checklist.domain.people import OrganisationKind, Person, Role
from checklist.domain.workshop import Workshop, create_workshop
from checklist.storage import AssessmentStore
from checklist.storage.directory import DirectoryStore
from checklist.storage.workshop_access import TrainerWorkshops
from checklist.storage.workshop_owners import WorkshopOwnerStore
from checklist.storage.workshops import WorkshopStore
from checklist.ui.workshop_common import NO_WORKSHOP
from checklist.ui.workshop_participant_page import CLOSED_SCREEN
from tests.ui.conftest import APP
from tests.ui.test_signin_pages import AUTH
from tests.ui.test_workshop_pages import FACILITATOR, PARTICIPANT, room_with_answers

ISSUER = "http://127.0.0.1:9"


@pytest.fixture
def url(app_env: Path) -> str:
    app_env.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{app_env / 'checklist.sqlite3'}"


@pytest.fixture
def people(url: str) -> Iterator[dict[str, Person]]:
    """Tom and Tia are trainers, Ana is staff of Riverside; each has signed in once."""
    directory = DirectoryStore(url)
    directory.add_organisation("Riverside", OrganisationKind.PROVIDER)
    found = {}
    for email, role, organisation in (
        ("tom@example.org", Role.TRAINER, None),
        ("tia@example.org", Role.TRAINER, None),
        ("ana@example.org", Role.STAFF, "Riverside"),
    ):
        directory.invite(email, role, organisation)
        person = directory.sign_in(f"{ISSUER} {email}", email)
        assert person is not None
        found[email] = person
    yield found
    directory.dispose()


def made_by(url: str, person: Person, bank: QuestionBank, title: str) -> Workshop:
    store, owners = WorkshopStore(url), WorkshopOwnerStore(url)
    made = TrainerWorkshops(store, owners, person).create(create_workshop(bank, title=title)).workshop
    store.dispose()
    owners.dispose()
    return made


@pytest.fixture
def signed_in_as(monkeypatch: pytest.MonkeyPatch, app_env: Path) -> Callable[..., AppTest]:
    """A new session signed in with this e-mail, on `file` with these query parameters."""

    def open_as(email: str, file: str, **query: str) -> AppTest:
        claims = {"is_logged_in": True, "iss": ISSUER, "sub": email, "email": email}
        monkeypatch.setattr(streamlit, "user", claims)
        at = AppTest.from_file(APP, default_timeout=30)
        at.secrets["auth"] = AUTH
        for key, value in query.items():
            at.query_params[key] = value
        at.run()
        return at.switch_page(file).run()

    return open_as


def links(at: AppTest) -> list[str]:
    return [link.proto.label for link in at.get("page_link")]


def test_a_trainer_sees_his_own_workshops_newest_first_and_not_another_trainers(
    signed_in_as: Callable[..., AppTest], people: dict[str, Person], url: str, bank: QuestionBank
) -> None:
    made_by(url, people["tom@example.org"], bank, "Monday session")
    made_by(url, people["tia@example.org"], bank, "Her session")
    made_by(url, people["tom@example.org"], bank, "Tuesday session")
    at = signed_in_as("tom@example.org", FACILITATOR)
    assert not at.exception
    assert "Your workshops" in [h.value for h in at.header]
    mine = [label for label in links(at) if "session" in label]
    assert [label.split(" (made")[0] for label in mine] == ["Tuesday session", "Monday session"]


def test_another_trainers_facilitator_link_is_not_found(
    signed_in_as: Callable[..., AppTest], people: dict[str, Person], url: str, bank: QuestionBank
) -> None:
    theirs = made_by(url, people["tia@example.org"], bank, "Her session")
    at = signed_in_as("tom@example.org", FACILITATOR, w=theirs.id)
    assert (at.title[0].value, [e.value for e in at.error]) == ("Workshop", [NO_WORKSHOP])
    assert theirs.join_code not in [m.value for m in at.markdown]
    at = signed_in_as("tia@example.org", FACILITATOR, w=theirs.id)
    assert at.title[0].value == "Workshop: Her session"


def test_a_workshop_a_trainer_creates_is_his(
    signed_in_as: Callable[..., AppTest], people: dict[str, Person], url: str
) -> None:
    at = signed_in_as("tom@example.org", FACILITATOR)
    at.text_input(key="wf-title").input("New day")
    at.button(key="wf-create-submit").click().run()
    owners = WorkshopOwnerStore(url)
    assert owners.owner_of(at.query_params["w"]) == people["tom@example.org"].id
    owners.dispose()


def test_someone_who_is_not_a_trainer_has_no_workshop_page_but_can_still_join(
    signed_in_as: Callable[..., AppTest], people: dict[str, Person], url: str, bank: QuestionBank
) -> None:
    theirs = made_by(url, people["tia@example.org"], bank, "Her session")
    at = signed_in_as("ana@example.org", PARTICIPANT)
    assert not at.exception
    assert "Run a workshop" not in links(at)
    assert "Join a workshop" in links(at)
    # The facilitator's page is not among her pages: its address shows a stand-in (tests/e2e: "not found").
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        signed_in_as("ana@example.org", FACILITATOR, w=theirs.id)


def owned_room(url: str, person: Person, bank: QuestionBank) -> Workshop:
    store, owners = WorkshopStore(url), WorkshopOwnerStore(url)
    workshop = room_with_answers(bank, store, ["met", "partly"])
    assert person.subject is not None
    owners.set_owner(workshop.id, person.id, person.subject)
    store.dispose()
    owners.dispose()
    return workshop


def test_the_consensus_assessment_goes_through_the_assessment_rules(
    signed_in_as: Callable[..., AppTest], people: dict[str, Person], url: str, bank: QuestionBank
) -> None:
    """A trainer who is no service's staff may not save an assessment; one who is, saves it as that service's."""
    tom = people["tom@example.org"]
    workshop = owned_room(url, tom, bank)
    at = signed_in_as("tom@example.org", FACILITATOR, w=workshop.id)
    at.radio(key="wf-consensus-a1").set_value("partly").run()
    at.button(key="wf-make-assessment").click().run()
    assert any("you are not service staff" in e.value for e in at.error)
    assert AssessmentStore(url).list_summaries() == []

    directory = DirectoryStore(url)
    directory.invite("tom@example.org", Role.STAFF, "Riverside")
    at.button(key="wf-make-assessment").click().run()
    made = WorkshopStore(url).get(workshop.id)
    assert made is not None
    assert made.workshop.consensus_assessment_id is not None
    owner = directory.owner_of(made.workshop.consensus_assessment_id)
    assert owner is not None
    assert owner.name == "Riverside"
    directory.dispose()


def signed_out(monkeypatch: pytest.MonkeyPatch, file: str, **query: str) -> AppTest:
    monkeypatch.setattr(streamlit, "user", {})
    at = AppTest.from_file(APP, default_timeout=30)
    at.secrets["auth"] = AUTH
    for key, value in query.items():
        at.query_params[key] = value
    at.run()
    return at.switch_page(file).run()


def test_with_sign_in_on_participants_join_with_the_code_and_no_account_until_the_trainer_closes_it(
    signed_in_as: Callable[..., AppTest],
    people: dict[str, Person],
    url: str,
    bank: QuestionBank,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    workshop = owned_room(url, people["tom@example.org"], bank)
    before = len(workshop.participants)
    guest = signed_out(monkeypatch, PARTICIPANT, join=workshop.join_code)
    assert [b.label for b in guest.button] == ["Join"]
    guest.button[0].click().run()
    joined = WorkshopStore(url).get(workshop.id)
    assert joined is not None
    assert len(joined.workshop.participants) == before + 1

    trainer = signed_in_as("tom@example.org", FACILITATOR, w=workshop.id)
    trainer.button(key="wf-close-workshop").click().run()
    late = signed_out(monkeypatch, PARTICIPANT, join=workshop.join_code)
    assert [i.value for i in late.info] == [CLOSED_SCREEN]
    assert "Join" not in [b.label for b in late.button]
