"""Submitting in the app: the snapshot store, its migration, and who may send and read what."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import create_engine, inspect

from checklist.domain.assessment import Service
from checklist.domain.bank import QuestionBank
from checklist.domain.people import OrganisationKind, Person, Role
from checklist.domain.readiness import NotReadyForReport
from checklist.storage import AssessmentStore, StoreError, migrations
from checklist.storage import directory as directory_module
from checklist.storage.access import PersonAccess
from checklist.storage.directory import DirectoryStore
from checklist.storage.submissions import SubmissionStore
from tests.builders import make_assessment, make_bank

DAY = datetime(2026, 12, 1, 10, 0, tzinfo=UTC)
READY = {"service": Service(name="Riverside women", organisation="Riverside"), "assessed_on": DAY.date()}


@dataclass
class Area:
    store: AssessmentStore
    directory: DirectoryStore
    sent: SubmissionStore
    bank: QuestionBank

    def access(self, person: Person | None) -> PersonAccess:
        return PersonAccess(self.store, self.directory, person, submissions=self.sent)

    def person(self, email: str, role: Role, organisation: str | None = None) -> PersonAccess:
        return self.access(self.directory.invite(email, role, organisation))


@pytest.fixture
def area(url: str) -> Iterator[Area]:
    """Northshire commissions Riverside and Hillside; Southshire commissions Fenside; Lone belongs to no area."""
    found = Area(AssessmentStore(url), DirectoryStore(url), SubmissionStore(url), make_bank())
    found.directory.add_organisation("Northshire", OrganisationKind.AREA)
    found.directory.add_organisation("Southshire", OrganisationKind.AREA)
    for provider, area in (("Riverside", "Northshire"), ("Hillside", "Northshire"), ("Fenside", "Southshire")):
        found.directory.add_organisation(provider, OrganisationKind.PROVIDER, area=area)
    found.directory.add_organisation("Lone", OrganisationKind.PROVIDER)
    yield found
    for store in (found.store, found.directory, found.sent):
        store.dispose()


def test_a_database_at_the_previous_schema_gains_the_submissions_tables_and_keeps_its_data(
    url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    with monkeypatch.context() as only_0001:
        only_0001.setattr(migrations, "MIGRATIONS", migrations.MIGRATIONS[:1])
        only_0001.setattr(directory_module, "insert_event", lambda *_: None)  # no audit trail before 0004
        before = DirectoryStore(url)
        before.add_organisation("Northshire", OrganisationKind.AREA)
        before.invite("cara@example.org", Role.COMMISSIONER, "Northshire")
        before.dispose()
    engine = create_engine(url)
    assert migrations.applied_names(engine) == ["0001_organisations_people_roles"]
    assert "submissions" not in inspect(engine).get_table_names()

    sent = SubmissionStore(url)
    assert sent.for_areas([1]) == []
    assert {"submissions", "submission_visits"} <= set(inspect(engine).get_table_names())
    assert migrations.applied_names(engine) == [
        "0001_organisations_people_roles",
        "0002_submissions",
        "0003_survey_rounds_and_responses",
        "0004_audit_and_retention",
        "0005_workshop_owners",
    ]
    after = DirectoryStore(url)
    person = after.person_by_email("cara@example.org")
    assert person is not None
    assert [o.name for o in after.organisations()] == ["Northshire"]
    for store in (sent, after):
        store.dispose()
    engine.dispose()


def test_staff_submit_a_snapshot_that_the_areas_commissioner_reads_with_its_sender_time_and_bank(area: Area) -> None:
    ana = area.person("ana@example.org", Role.STAFF, "Riverside")
    cara = area.person("cara@example.org", Role.COMMISSIONER, "Northshire")
    made = ana.create(make_assessment(area.bank, {"q1": "met"}, **READY)).assessment

    kept = ana.submit(made.id, area.bank, now=DAY)

    assert (kept.area_name, kept.organisation_name, kept.submitted_by) == ("Northshire", "Riverside", "ana@example.org")
    assert (kept.submitted_at, kept.bank_id, kept.bank_version) == (DAY, area.bank.id, area.bank.version)
    assert cara.area_submissions() == [kept]
    snapshot = cara.snapshot(kept.id)
    assert snapshot is not None
    assert json.loads(snapshot)["service"]["name"] == "Riverside women"
    assert ana.sent_from(made.id) == [kept]


def test_the_snapshot_stays_as_sent_when_the_assessment_changes_and_a_resubmission_is_a_new_row(area: Area) -> None:
    ana = area.person("ana@example.org", Role.STAFF, "Riverside")
    cara = area.person("cara@example.org", Role.COMMISSIONER, "Northshire")
    made = ana.create(make_assessment(area.bank, **READY))
    first = ana.submit(made.assessment.id, area.bank, now=DAY)
    renamed = made.assessment.model_copy(update={"service": Service(name="Renamed", organisation="Riverside")})
    ana.save(renamed, expected_revision=made.revision)
    second = ana.submit(made.assessment.id, area.bank, now=DAY + timedelta(days=1))

    assert [s.id for s in cara.area_submissions()] == [first.id, second.id]
    first_snapshot = cara.snapshot(first.id)
    assert first_snapshot is not None
    assert json.loads(first_snapshot)["service"]["name"] == "Riverside women"
    assert not any(hasattr(area.sent, name) for name in ("change", "update", "delete"))
    # Staff may delete their whole assessment (with its history), never change what was sent.
    assert not any(hasattr(ana, name) for name in ("change", "update"))


def test_others_get_not_found_for_a_submission_and_the_refusal_is_logged(
    area: Area, caplog: pytest.LogCaptureFixture
) -> None:
    ana = area.person("ana@example.org", Role.STAFF, "Riverside")
    kept = ana.submit(ana.create(make_assessment(area.bank, **READY)).assessment.id, area.bank)
    others = {
        "staff of another provider in the area": area.person("bo@example.org", Role.STAFF, "Hillside"),
        "a commissioner of another area": area.person("sol@example.org", Role.COMMISSIONER, "Southshire"),
        "a trainer": area.person("tia@example.org", Role.TRAINER),
        "an administrator": area.person("ad@example.org", Role.ADMINISTRATOR),
        "someone never invited": area.access(None),
    }
    for who, access in others.items():
        with caplog.at_level(logging.WARNING, logger="checklist.storage.access"):
            assert access.submission(kept.id) is None, who
            assert access.snapshot(kept.id) is None, who
            assert access.snapshots([kept.id]) == {}, who
            assert access.submission(kept.id + 1000) is None, who
        assert access.area_submissions() == [], who
    assert f"refused: bo@example.org may not read submission {kept.id}" in caplog.text


def test_only_staff_of_the_assessments_organisation_may_submit_it(area: Area) -> None:
    ana = area.person("ana@example.org", Role.STAFF, "Riverside")
    made = ana.create(make_assessment(area.bank, **READY)).assessment
    for other in (
        area.person("bo@example.org", Role.STAFF, "Hillside"),
        area.person("cara@example.org", Role.COMMISSIONER, "Northshire"),
    ):
        with pytest.raises(StoreError, match="No saved assessment has this link"):
            other.submit(made.id, area.bank)
    assert area.sent.for_areas([o.id for o in area.directory.organisations()]) == []


def test_a_submission_needs_what_the_pdf_needs(area: Area) -> None:
    ana = area.person("ana@example.org", Role.STAFF, "Riverside")
    made = ana.create(make_assessment(area.bank, service=Service(name="Riverside women"))).assessment
    with pytest.raises(NotReadyForReport) as raised:
        ana.submit(made.id, area.bank)
    assert raised.value.missing == ("the organisation", "the date of the assessment")


def test_an_organisation_in_no_area_is_told_to_send_the_file_instead(area: Area) -> None:
    lee = area.person("lee@example.org", Role.STAFF, "Lone")
    made = lee.create(make_assessment(area.bank, **READY)).assessment
    with pytest.raises(StoreError, match="belongs to no commissioning area"):
        lee.submit(made.id, area.bank)


def test_the_last_visit_is_kept_per_commissioner_and_area(area: Area) -> None:
    cara = area.person("cara@example.org", Role.COMMISSIONER, "Northshire")
    northshire = cara.commissioned_areas()[0]
    assert cara.last_visit(northshire.id) is None
    cara.record_visit(northshire.id, DAY)
    cara.record_visit(northshire.id, DAY + timedelta(hours=1))
    assert cara.last_visit(northshire.id) == DAY + timedelta(hours=1)
    other = area.person("sol@example.org", Role.COMMISSIONER, "Southshire")
    other.record_visit(northshire.id, DAY)  # not her area: nothing is recorded
    assert other.last_visit(northshire.id) is None


def test_many_snapshots_at_once_are_only_those_the_person_may_read(area: Area) -> None:
    ana = area.person("ana@example.org", Role.STAFF, "Riverside")
    fay = area.person("fay@example.org", Role.STAFF, "Fenside")
    cara = area.person("cara@example.org", Role.COMMISSIONER, "Northshire")
    ours = ana.submit(ana.create(make_assessment(area.bank, **READY)).assessment.id, area.bank)
    fenside = {"service": Service(name="Fenside women", organisation="Fenside"), "assessed_on": DAY.date()}
    theirs = fay.submit(fay.create(make_assessment(area.bank, **fenside)).assessment.id, area.bank)
    found = cara.snapshots([ours.id, theirs.id, theirs.id + 1000])
    assert list(found) == [ours.id]
    assert json.loads(found[ours.id])["service"]["name"] == "Riverside women"
