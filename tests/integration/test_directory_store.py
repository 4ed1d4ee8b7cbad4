"""Organisations, people and roles in the same database as the assessments: SQLite always, PostgreSQL when set."""

from __future__ import annotations

from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

import pytest
from sqlalchemy import create_engine, inspect

from checklist.domain.assessment import Service
from checklist.domain.people import DirectoryError, OrganisationKind, Role, RoleGrant
from checklist.storage import AssessmentStore
from checklist.storage.directory import DirectoryStore
from checklist.storage.migrations import applied_names
from checklist.storage.workshops import WorkshopStore
from tests.builders import make_assessment, make_bank


@pytest.fixture
def directory(url: str) -> Iterator[DirectoryStore]:
    store = DirectoryStore(url)
    yield store
    store.dispose()


def _area_with_two_providers(directory: DirectoryStore) -> None:
    directory.add_organisation("Northshire public health", OrganisationKind.AREA)
    directory.add_organisation("Riverside Recovery", OrganisationKind.PROVIDER, area="Northshire public health")
    directory.add_organisation("Hillside Drug Service", OrganisationKind.PROVIDER, area="Northshire public health")


def test_a_database_made_by_the_previous_schema_is_migrated_and_keeps_its_assessments(url: str) -> None:
    """The previous schema is the assessment and workshop tables alone, as `make run` has made them until now."""
    bank = make_bank()
    before = AssessmentStore(url)
    kept = before.create(make_assessment(bank, service=Service(name="Made before sign-in")))
    WorkshopStore(url).get("nothing")  # makes the workshop table, as the app did
    before.dispose()
    engine = create_engine(url)
    assert "organisations" not in inspect(engine).get_table_names()

    directory = DirectoryStore(url)
    assert directory.organisations() == []

    tables = set(inspect(engine).get_table_names())
    assert {"organisations", "services", "people", "roles", "assessment_owners", "schema_migrations"} <= tables
    assert applied_names(engine) == [
        "0001_organisations_people_roles",
        "0002_submissions",
        "0003_survey_rounds_and_responses",
        "0004_audit_and_retention",
        "0005_workshop_owners",
    ]
    after = AssessmentStore(url)
    reopened = after.get(kept.assessment.id)
    assert reopened is not None
    assert reopened.assessment.service.name == "Made before sign-in"
    assert directory.owner_of(kept.assessment.id) is None
    for store in (directory, after):
        store.dispose()
    engine.dispose()


def test_opening_a_migrated_database_again_applies_nothing_twice(url: str) -> None:
    first = DirectoryStore(url)
    first.add_organisation("Northshire public health", OrganisationKind.AREA)
    first.dispose()
    second = DirectoryStore(url)
    assert [o.name for o in second.organisations()] == ["Northshire public health"]
    engine = create_engine(url)
    assert applied_names(engine) == [
        "0001_organisations_people_roles",
        "0002_submissions",
        "0003_survey_rounds_and_responses",
        "0004_audit_and_retention",
        "0005_workshop_owners",
    ]
    second.dispose()
    engine.dispose()


def test_a_provider_belongs_to_an_area_and_runs_services(directory: DirectoryStore) -> None:
    _area_with_two_providers(directory)
    directory.add_service("Riverside Recovery", "Riverside women's service")
    found = {o.name: o for o in directory.organisations()}
    area = found["Northshire public health"]
    assert found["Riverside Recovery"].area_id == area.id
    assert area.area_id is None
    assert [(s.organisation_id, s.name) for s in directory.services()] == [
        (found["Riverside Recovery"].id, "Riverside women's service")
    ]


def test_a_provider_cannot_belong_to_another_provider(directory: DirectoryStore) -> None:
    _area_with_two_providers(directory)
    with pytest.raises(DirectoryError, match="is a service provider, not a commissioning area"):
        directory.add_organisation("Satellite", OrganisationKind.PROVIDER, area="Riverside Recovery")


def test_two_organisations_cannot_share_a_name(directory: DirectoryStore) -> None:
    directory.add_organisation("Northshire public health", OrganisationKind.AREA)
    with pytest.raises(DirectoryError, match="already an organisation with this name"):
        directory.add_organisation("Northshire  public health", OrganisationKind.PROVIDER)


def test_an_invited_person_is_found_by_their_email_in_any_case_and_width(directory: DirectoryStore) -> None:
    """NFKC makes the full-width letters the same address; case folding makes the capitals the same."""
    _area_with_two_providers(directory)
    directory.invite("Ana.Lopez@Example.ORG", Role.STAFF, "Riverside Recovery")
    found = directory.person_by_email("ａｎａ.lopez@example.org")
    assert found is not None
    assert found.email == "ana.lopez@example.org"
    assert found.subject is None


def test_a_person_may_hold_roles_in_two_organisations(directory: DirectoryStore) -> None:
    _area_with_two_providers(directory)
    directory.invite("sam@example.org", Role.STAFF, "Riverside Recovery")
    person = directory.invite("SAM@example.org", Role.STAFF, "Hillside Drug Service")
    ids = {o.name: o.id for o in directory.organisations()}
    assert set(person.roles) == {
        RoleGrant(role=Role.STAFF, organisation_id=ids["Riverside Recovery"]),
        RoleGrant(role=Role.STAFF, organisation_id=ids["Hillside Drug Service"]),
    }
    assert len(directory.people()) == 1


def test_the_same_role_twice_is_refused(directory: DirectoryStore) -> None:
    directory.invite("admin@example.org", Role.ADMINISTRATOR)
    with pytest.raises(DirectoryError, match="already has this role"):
        directory.invite("admin@example.org", Role.ADMINISTRATOR)


def test_staff_of_an_area_and_a_commissioner_of_a_provider_are_refused(directory: DirectoryStore) -> None:
    _area_with_two_providers(directory)
    with pytest.raises(DirectoryError, match="needs a service provider"):
        directory.invite("x@example.org", Role.STAFF, "Northshire public health")
    with pytest.raises(DirectoryError, match="needs a commissioning area"):
        directory.invite("x@example.org", Role.COMMISSIONER, "Riverside Recovery")
    assert directory.people() == []


def test_a_trainer_or_administrator_role_is_not_held_in_an_organisation(directory: DirectoryStore) -> None:
    _area_with_two_providers(directory)
    with pytest.raises(DirectoryError, match="the trainer role is not held in an organisation"):
        directory.invite("x@example.org", Role.TRAINER, "Riverside Recovery")
    with pytest.raises(DirectoryError, match="the administrator role is not held in an organisation"):
        directory.invite("x@example.org", Role.ADMINISTRATOR, "Northshire public health")


def test_the_first_sign_in_binds_the_subject_and_later_ones_match_it_alone(directory: DirectoryStore) -> None:
    _area_with_two_providers(directory)
    directory.invite("ana@example.org", Role.STAFF, "Riverside Recovery")
    first = directory.sign_in("https://idp.example subject-1", "ANA@example.org")
    assert first is not None
    assert first.subject == "https://idp.example subject-1"
    # The address now names someone else at the identity provider: the roles stay with the subject.
    assert directory.sign_in("https://idp.example subject-2", "ana@example.org") is None
    again = directory.sign_in("https://idp.example subject-1", "renamed@example.org")
    assert again is not None
    assert again.id == first.id


def test_a_sign_in_nobody_invited_finds_nobody(directory: DirectoryStore) -> None:
    assert directory.sign_in("https://idp.example stranger", "stranger@example.org") is None
    assert directory.sign_in("https://idp.example stranger", None) is None
    assert directory.people() == []


def test_a_removed_role_is_gone_from_the_next_lookup(directory: DirectoryStore) -> None:
    _area_with_two_providers(directory)
    directory.invite("ana@example.org", Role.STAFF, "Riverside Recovery")
    directory.sign_in("iss ana", "ana@example.org")
    directory.remove_role("ana@example.org", Role.STAFF, "Riverside Recovery")
    person = directory.person_by_subject("iss ana")
    assert person is not None
    assert person.roles == ()


def test_a_removed_person_is_found_no_more(directory: DirectoryStore) -> None:
    directory.invite("ana@example.org", Role.TRAINER)
    directory.sign_in("iss ana", "ana@example.org")
    directory.remove_person("ana@example.org")
    assert directory.person_by_subject("iss ana") is None
    with pytest.raises(DirectoryError, match="nobody with this e-mail address"):
        directory.remove_person("ana@example.org")


def test_an_area_with_providers_and_a_provider_with_assessments_cannot_be_removed(directory: DirectoryStore) -> None:
    _area_with_two_providers(directory)
    riverside = next(o for o in directory.organisations() if o.name == "Riverside Recovery")
    directory.set_owner("assessment-1", riverside.id)
    with pytest.raises(DirectoryError, match="2 service providers belong to it"):
        directory.remove_organisation("Northshire public health")
    with pytest.raises(DirectoryError, match="owns 1 saved assessment"):
        directory.remove_organisation("Riverside Recovery")
    directory.invite("bo@example.org", Role.STAFF, "Hillside Drug Service")
    directory.remove_organisation("Hillside Drug Service")
    assert [o.name for o in directory.organisations()] == ["Northshire public health", "Riverside Recovery"]
    person = directory.person_by_email("bo@example.org")
    assert person is not None
    assert person.roles == ()


def test_an_assessment_belongs_to_the_organisation_that_made_it(directory: DirectoryStore) -> None:
    _area_with_two_providers(directory)
    ids = {o.name: o.id for o in directory.organisations()}
    directory.set_owner("a-1", ids["Riverside Recovery"])
    directory.set_owner("a-2", ids["Hillside Drug Service"])
    owner = directory.owner_of("a-1")
    assert owner is not None
    assert owner.name == "Riverside Recovery"
    assert directory.owned_by([ids["Hillside Drug Service"]]) == {"a-2"}
    assert directory.owned_by([]) == set()


def test_two_servers_starting_at_once_migrate_the_database_once(url: str) -> None:
    """Two app processes on one new database both find the tables made and the step recorded once."""
    stores = [DirectoryStore(url) for _ in range(2)]
    with ThreadPoolExecutor(max_workers=2) as pool:
        listed = list(pool.map(lambda store: store.organisations(), stores))
    assert listed == [[], []]
    engine = create_engine(url)
    assert applied_names(engine) == [
        "0001_organisations_people_roles",
        "0002_submissions",
        "0003_survey_rounds_and_responses",
        "0004_audit_and_retention",
        "0005_workshop_owners",
    ]
    for store in stores:
        store.dispose()
    engine.dispose()
