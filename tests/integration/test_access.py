"""The role check below the pages: every read and write of an assessment goes through it."""

from __future__ import annotations

import logging
from collections.abc import Iterator

import pytest

from checklist.domain.assessment import Service
from checklist.domain.people import OrganisationKind, Person, Role
from checklist.storage import AssessmentStore, StoreError, StoreUnavailable
from checklist.storage.access import LocalAccess, PersonAccess
from checklist.storage.directory import DirectoryStore
from tests.builders import make_assessment, make_bank


@pytest.fixture
def stores(url: str) -> Iterator[tuple[AssessmentStore, DirectoryStore]]:
    store, directory = AssessmentStore(url), DirectoryStore(url)
    directory.add_organisation("Northshire", OrganisationKind.AREA)
    directory.add_organisation("Riverside", OrganisationKind.PROVIDER, area="Northshire")
    directory.add_organisation("Hillside", OrganisationKind.PROVIDER, area="Northshire")
    yield store, directory
    store.dispose()
    directory.dispose()


def _staff(directory: DirectoryStore, email: str, organisation: str) -> Person:
    return directory.invite(email, Role.STAFF, organisation)


def _access(stores: tuple[AssessmentStore, DirectoryStore], person: Person | None) -> PersonAccess:
    return PersonAccess(stores[0], stores[1], person)


def test_a_new_assessment_belongs_to_its_makers_organisation(stores: tuple[AssessmentStore, DirectoryStore]) -> None:
    ana = _staff(stores[1], "ana@example.org", "Riverside")
    made = _access(stores, ana).create(make_assessment(make_bank()))
    owner = stores[1].owner_of(made.assessment.id)
    assert owner is not None
    assert owner.name == "Riverside"


def test_staff_of_one_provider_cannot_open_or_list_anothers_assessment(
    stores: tuple[AssessmentStore, DirectoryStore], caplog: pytest.LogCaptureFixture
) -> None:
    ana = _access(stores, _staff(stores[1], "ana@example.org", "Riverside"))
    bo = _access(stores, _staff(stores[1], "bo@example.org", "Hillside"))
    bank = make_bank()
    riverside = ana.create(make_assessment(bank, service=Service(name="Riverside women"))).assessment
    hillside = bo.create(make_assessment(bank, service=Service(name="Hillside women"))).assessment

    with caplog.at_level(logging.WARNING, logger="checklist.storage.access"):
        assert ana.get(hillside.id) is None
    assert "refused: ana@example.org may not read assessment " + hillside.id in caplog.text
    assert [s.service_name for s in ana.list_summaries()] == ["Riverside women"]
    assert [s.service_name for s in bo.list_summaries()] == ["Hillside women"]
    opened = ana.get(riverside.id)
    assert opened is not None
    assert opened.assessment.service.name == "Riverside women"


def test_a_guessed_id_and_another_organisations_id_get_the_same_answer(
    stores: tuple[AssessmentStore, DirectoryStore],
) -> None:
    ana = _access(stores, _staff(stores[1], "ana@example.org", "Riverside"))
    bo = _access(stores, _staff(stores[1], "bo@example.org", "Hillside"))
    theirs = bo.create(make_assessment(make_bank())).assessment
    assert ana.get(theirs.id) == ana.get("guessed-id-that-names-nothing") is None


def test_saving_over_another_organisations_assessment_is_refused(
    stores: tuple[AssessmentStore, DirectoryStore],
) -> None:
    ana = _access(stores, _staff(stores[1], "ana@example.org", "Riverside"))
    bo = _access(stores, _staff(stores[1], "bo@example.org", "Hillside"))
    theirs = bo.create(make_assessment(make_bank(), service=Service(name="Hillside women"))).assessment
    changed = theirs.model_copy(update={"service": Service(name="Defaced")})
    # A StoreUnavailable, so the page shows it as a save that did not happen rather than failing.
    with pytest.raises(StoreUnavailable, match="No saved assessment has this link"):
        ana.save(changed, expected_revision=1)
    kept = stores[0].get(theirs.id)
    assert kept is not None
    assert kept.assessment.service.name == "Hillside women"


def test_a_removed_role_stops_reads_at_once(stores: tuple[AssessmentStore, DirectoryStore]) -> None:
    """The store reads the person's roles from the database, so the check after removal refuses."""
    directory = stores[1]
    ana = _staff(directory, "ana@example.org", "Riverside")
    directory.sign_in("iss ana", "ana@example.org")
    made = _access(stores, ana).create(make_assessment(make_bank())).assessment
    directory.remove_role("ana@example.org", Role.STAFF, "Riverside")
    assert _access(stores, directory.person_by_subject("iss ana")).may_read(made.id) is False


def test_someone_with_no_organisation_cannot_start_an_assessment(
    stores: tuple[AssessmentStore, DirectoryStore],
) -> None:
    trainer = stores[1].invite("tia@example.org", Role.TRAINER)
    for person in (trainer, None):
        with pytest.raises(StoreError, match="not service staff of any service provider"):
            _access(stores, person).create(make_assessment(make_bank()))
    assert stores[0].list_summaries() == []


def test_an_assessment_made_before_sign_in_was_switched_on_is_nobodys(
    stores: tuple[AssessmentStore, DirectoryStore],
) -> None:
    old = stores[0].create(make_assessment(make_bank())).assessment
    ana = _access(stores, _staff(stores[1], "ana@example.org", "Riverside"))
    assert ana.get(old.id) is None
    assert ana.list_summaries() == []


def test_local_mode_passes_everything_through(stores: tuple[AssessmentStore, DirectoryStore]) -> None:
    local = LocalAccess(stores[0])
    made = local.create(make_assessment(make_bank(), service=Service(name="On my laptop"))).assessment
    assert local.may_read(made.id)
    assert [s.service_name for s in local.list_summaries()] == ["On my laptop"]
    assert stores[1].owner_of(made.id) is None


def test_staff_of_two_providers_see_both_and_start_assessments_for_the_one_they_chose(
    stores: tuple[AssessmentStore, DirectoryStore],
) -> None:
    store, directory = stores
    directory.invite("sam@example.org", Role.STAFF, "Riverside")
    sam = directory.invite("sam@example.org", Role.STAFF, "Hillside")
    hillside = next(o for o in directory.organisations() if o.name == "Hillside")
    first = PersonAccess(store, directory, sam).create(make_assessment(make_bank(), service=Service(name="One")))
    chosen = PersonAccess(store, directory, sam, working_for=hillside.id)
    second = chosen.create(make_assessment(make_bank(), service=Service(name="Two")))
    owners = {a.assessment.id: directory.owner_of(a.assessment.id) for a in (first, second)}
    assert [o.name if o else None for o in owners.values()] == ["Riverside", "Hillside"]
    assert sorted(s.service_name for s in chosen.list_summaries()) == ["One", "Two"]
    assert [o.name for o in chosen.staff_organisations()] == ["Riverside", "Hillside"]
