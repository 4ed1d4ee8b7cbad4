"""Which trainer made which workshop, on SQLite and PostgreSQL: each trainer sees and changes only their own."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import create_engine, inspect

from checklist.domain.people import Person, Role
from checklist.domain.workshop import Workshop, create_workshop
from checklist.storage import StoreError, migrations
from checklist.storage.directory import DirectoryStore
from checklist.storage.workshop_access import LocalWorkshops, TrainerWorkshops
from checklist.storage.workshop_owners import WorkshopOwnerStore
from checklist.storage.workshops import WorkshopStore
from tests.builders import make_bank, question

BANK = make_bank({"alpha": [question("a1")]})
DAY = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)


def made_on(title: str, moment: datetime) -> Workshop:
    return create_workshop(BANK, title=title).model_copy(update={"created_at": moment})


def signed_in(directory: DirectoryStore, email: str, role: Role = Role.TRAINER) -> Person:
    directory.invite(email, role)
    person = directory.sign_in(f"iss {email}", email)
    assert person is not None
    return person


def test_a_trainer_sees_only_his_workshops_newest_first(url: str) -> None:
    directory, store, owners = DirectoryStore(url), WorkshopStore(url), WorkshopOwnerStore(url)
    tom, tia = signed_in(directory, "tom@example.org"), signed_in(directory, "tia@example.org")
    as_tom, as_tia = TrainerWorkshops(store, owners, tom), TrainerWorkshops(store, owners, tia)
    first = as_tom.create(made_on("Monday", DAY)).workshop
    second = as_tom.create(made_on("Tuesday", DAY + timedelta(days=1))).workshop
    theirs = as_tia.create(made_on("Her day", DAY)).workshop

    assert [s.workshop.title for s in as_tom.mine()] == ["Tuesday", "Monday"]
    assert [s.workshop.title for s in as_tia.mine()] == ["Her day"]
    assert as_tom.get(first.id) is not None
    assert (as_tom.get(theirs.id), as_tia.get(second.id)) == (None, None)
    for opened in (directory, store, owners):
        opened.dispose()


def test_another_trainers_workshop_cannot_be_changed_and_the_refusal_is_logged(
    url: str, caplog: pytest.LogCaptureFixture
) -> None:
    directory, store, owners = DirectoryStore(url), WorkshopStore(url), WorkshopOwnerStore(url)
    tom, tia = signed_in(directory, "tom@example.org"), signed_in(directory, "tia@example.org")
    theirs = TrainerWorkshops(store, owners, tia).create(create_workshop(BANK, title="Her day")).workshop
    with pytest.raises(StoreError, match="no longer exists"):
        TrainerWorkshops(store, owners, tom).update(theirs.id, lambda w: w.model_copy(update={"closed": True}))
    assert f"refused: tom@example.org may not change workshop {theirs.id}" in caplog.text
    stored = store.get(theirs.id)
    assert stored is not None
    assert stored.workshop.closed is False
    for opened in (directory, store, owners):
        opened.dispose()


def test_only_a_trainer_creates_workshops_and_an_administrator_opens_none(url: str) -> None:
    directory, store, owners = DirectoryStore(url), WorkshopStore(url), WorkshopOwnerStore(url)
    tom = signed_in(directory, "tom@example.org")
    admin = signed_in(directory, "ada@example.org", Role.ADMINISTRATOR)
    made = TrainerWorkshops(store, owners, tom).create(create_workshop(BANK)).workshop
    as_admin = TrainerWorkshops(store, owners, admin)
    with pytest.raises(StoreError, match="not a trainer"):
        as_admin.create(create_workshop(BANK))
    assert (as_admin.may_run(), as_admin.get(made.id), as_admin.mine()) == (False, None, [])
    assert TrainerWorkshops(store, owners, None).may_run() is False
    for opened in (directory, store, owners):
        opened.dispose()


def test_a_trainer_who_loses_the_role_opens_his_workshops_no_more(url: str) -> None:
    directory, store, owners = DirectoryStore(url), WorkshopStore(url), WorkshopOwnerStore(url)
    tom = signed_in(directory, "tom@example.org")
    made = TrainerWorkshops(store, owners, tom).create(create_workshop(BANK)).workshop
    directory.remove_role("tom@example.org", Role.TRAINER)
    now = directory.person_by_subject("iss tom@example.org")
    no_longer = TrainerWorkshops(store, owners, now)
    assert (no_longer.get(made.id), no_longer.mine()) == (None, [])
    for opened in (directory, store, owners):
        opened.dispose()


def test_a_new_person_given_a_removed_trainers_id_does_not_inherit_his_workshops(url: str) -> None:
    directory, store, owners = DirectoryStore(url), WorkshopStore(url), WorkshopOwnerStore(url)
    tom = signed_in(directory, "tom@example.org")
    made = TrainerWorkshops(store, owners, tom).create(create_workshop(BANK)).workshop
    directory.remove_person("tom@example.org")
    newcomer = signed_in(directory, "new@example.org")  # SQLite may hand out tom's id again
    as_newcomer = TrainerWorkshops(store, owners, newcomer)
    assert (as_newcomer.get(made.id), as_newcomer.mine()) == (None, [])
    for opened in (directory, store, owners):
        opened.dispose()


def test_in_local_mode_every_workshop_opens_as_before(url: str) -> None:
    store = WorkshopStore(url)
    made = LocalWorkshops(store).create(create_workshop(BANK, title="Laptop day")).workshop
    found = LocalWorkshops(store).get(made.id)
    assert (found and found.workshop.title, LocalWorkshops(store).may_run()) == ("Laptop day", True)
    store.dispose()


def test_a_database_at_the_previous_schema_gains_the_workshop_owners_table_and_keeps_its_data(
    url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    before_owners = [step for step in migrations.MIGRATIONS if step[0] != "0005_workshop_owners"]
    with monkeypatch.context() as before:
        before.setattr(migrations, "MIGRATIONS", tuple(before_owners))
        directory = DirectoryStore(url)
        tom = signed_in(directory, "tom@example.org")
        directory.dispose()
    old = WorkshopStore(url)
    made = old.create(create_workshop(BANK, title="Before owners")).workshop
    engine = create_engine(url)
    assert "workshop_owners" not in inspect(engine).get_table_names()

    owners = WorkshopOwnerStore(url)
    assert owners.made_by(tom.id) == []
    assert "workshop_owners" in inspect(engine).get_table_names()
    assert migrations.applied_names(engine)[-1] == "0005_workshop_owners"
    assert set(migrations.applied_names(engine)) == {name for name, _ in migrations.MIGRATIONS}
    # A workshop made before is nobody's: with sign-in on no trainer opens it, on a laptop it opens as before.
    assert TrainerWorkshops(old, owners, tom).get(made.id) is None
    assert LocalWorkshops(old).get(made.id) is not None
    for opened in (old, owners):
        opened.dispose()
    engine.dispose()


def test_an_unknown_or_hostile_facilitator_link_finds_nothing_and_logs_one_line(
    url: str, caplog: pytest.LogCaptureFixture
) -> None:
    directory, store, owners = DirectoryStore(url), WorkshopStore(url), WorkshopOwnerStore(url)
    as_tom = TrainerWorkshops(store, owners, signed_in(directory, "tom@example.org"))
    links = ["nothing-like-it", "", "x" * 5000, "bad\x00link", "forged\nrefused: someone else"]
    assert [as_tom.get(link) for link in links] == [None] * len(links)
    refusals = [r.getMessage() for r in caplog.records if r.getMessage().startswith("refused:")]
    assert len(refusals) == len(links)
    assert all("\n" not in line and len(line) < 200 for line in refusals)
    for opened in (directory, store, owners):
        opened.dispose()
