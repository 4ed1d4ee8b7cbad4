"""The audit trail, deletion and retention, on SQLite and PostgreSQL: the facts are kept, the content never."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import create_engine, inspect, select, update

from checklist.domain.assessment import Assessment, Service
from checklist.domain.audit import LOCAL_MODE_ACTOR, AuditAction, Export, ObjectKind
from checklist.domain.bank import QuestionBank
from checklist.domain.people import OrganisationKind, Role
from checklist.domain.survey import SurveyAnswer, SurveyResponse, SurveyRound
from checklist.render.audit_csv import audit_csv
from checklist.storage import AssessmentStore, StoreError, migrations
from checklist.storage import directory as directory_module
from checklist.storage.access import LocalAccess, PersonAccess
from checklist.storage.audit import AuditTrail
from checklist.storage.audit_schema import audit_events
from checklist.storage.directory import DirectoryStore
from checklist.storage.store import assessments
from checklist.storage.submissions import SubmissionStore
from checklist.storage.surveys import SurveyStore
from tests.builders import make_assessment, make_bank
from tests.hostile import hostile_assessment

NOW = datetime(2026, 12, 3, 9, 0, tzinfo=UTC)
READY = {"service": Service(name="Riverside women", organisation="Riverside"), "assessed_on": date(2026, 12, 1)}
SECRET = '=HYPERLINK("http://evil.example") secret note about Mrs Jones'


@dataclass
class Area:
    url: str
    store: AssessmentStore
    directory: DirectoryStore
    sent: SubmissionStore
    trail: AuditTrail
    bank: QuestionBank

    def person(self, email: str, role: Role, organisation: str | None = None) -> PersonAccess:
        person = self.directory.invite(email, role, organisation, actor="admin@example.org")
        return PersonAccess(self.store, self.directory, person, submissions=self.sent, audit=self.trail)


@pytest.fixture
def area(url: str) -> Iterator[Area]:
    found = Area(url, AssessmentStore(url), DirectoryStore(url), SubmissionStore(url), AuditTrail(url), make_bank())
    found.directory.add_organisation("Northshire", OrganisationKind.AREA, actor="admin@example.org")
    for provider in ("Riverside", "Hillside"):
        found.directory.add_organisation(provider, OrganisationKind.PROVIDER, area="Northshire")
    yield found
    for store in (found.store, found.directory, found.sent, found.trail):
        store.dispose()


def _actions(trail: AuditTrail, object_id: str) -> list[str]:
    return [e.action.value for e in trail.entries() if e.object_id == object_id]


def _age(url: str, assessment_id: str, moment: datetime) -> None:
    """Set when the assessment was last changed, as if it had sat untouched since `moment`."""
    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(update(assessments).where(assessments.c.id == assessment_id).values(updated_at=moment))
    engine.dispose()


def test_a_database_at_the_0003_schema_gains_the_audit_tables_and_keeps_its_data(
    url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    with monkeypatch.context() as before_audit:
        before_audit.setattr(migrations, "MIGRATIONS", migrations.MIGRATIONS[:3])
        before_audit.setattr(directory_module, "insert_event", lambda *_: None)  # no audit trail before 0004
        before = DirectoryStore(url)
        before.add_organisation("Northshire", OrganisationKind.AREA)
        before.dispose()
    engine = create_engine(url)
    assert "audit_events" not in inspect(engine).get_table_names()

    trail = AuditTrail(url)
    assert trail.entries() == []
    assert trail.retention() is None
    assert {"audit_events", "retention"} <= set(inspect(engine).get_table_names())
    assert migrations.applied_names(engine) == [
        "0001_organisations_people_roles",
        "0002_submissions",
        "0003_survey_rounds_and_responses",
        "0004_audit_and_retention",
        "0005_workshop_owners",
    ]
    columns = [c["name"] for c in inspect(engine).get_columns("audit_events")]
    assert columns == ["id", "at", "actor", "action", "object_kind", "object_id", "organisation_id", "detail"]
    after = DirectoryStore(url)
    assert [o.name for o in after.organisations()] == ["Northshire"]
    for opened in (trail, after):
        opened.dispose()
    engine.dispose()


def test_creating_changing_submitting_exporting_and_deleting_are_recorded_newest_first(area: Area) -> None:
    ana = area.person("ana@example.org", Role.STAFF, "Riverside")
    made = ana.create(make_assessment(area.bank, **READY))
    assessment = made.assessment
    saved = ana.save(assessment.model_copy(update={"assessor": None}), expected_revision=1)
    ana.save(saved.assessment, expected_revision=2)  # autosave again at once: no second "changed" row
    ana.submit(assessment.id, area.bank)
    ana.record_export(Export.PDF_PLAN, assessment.id)
    assert ana.delete(assessment.id)

    found = [e for e in area.trail.entries() if e.object_kind == ObjectKind.ASSESSMENT]
    assert [e.action for e in found] == [
        AuditAction.DELETED,
        AuditAction.EXPORTED,
        AuditAction.SUBMITTED,
        AuditAction.CHANGED,
        AuditAction.CREATED,
    ]
    assert {e.actor for e in found} == {"ana@example.org"}
    assert {e.object_id for e in found} == {assessment.id}
    assert len({e.organisation_id for e in found}) == 1
    assert found[1].detail == "PDF action plan"


def test_a_person_changing_an_assessment_all_afternoon_leaves_one_changed_row_per_ten_minutes(area: Area) -> None:
    for minutes in (0, 3, 9, 11, 15, 22):
        area.trail.record_change("a-1", actor="ana@example.org", now=NOW + timedelta(minutes=minutes))
    area.trail.record_change("a-1", actor="bo@example.org", now=NOW + timedelta(minutes=1))
    changed = area.trail.entries(action=AuditAction.CHANGED)
    assert [(e.actor, e.at) for e in changed] == [
        ("ana@example.org", NOW + timedelta(minutes=22)),
        ("ana@example.org", NOW + timedelta(minutes=11)),
        ("bo@example.org", NOW + timedelta(minutes=1)),
        ("ana@example.org", NOW),
    ]


def test_entries_are_filtered_by_action_and_by_the_day_they_start_from(area: Area) -> None:
    for days, action in ((0, AuditAction.CREATED), (2, AuditAction.EXPORTED), (5, AuditAction.CREATED)):
        area.trail.record(
            action, actor="ana@example.org", object_kind=ObjectKind.ASSESSMENT, object_id=f"a-{days}",
            now=NOW + timedelta(days=days),
        )  # fmt: skip
    created = area.trail.entries(action=AuditAction.CREATED)
    assert [e.object_id for e in created] == ["a-5", "a-0"]
    assert [e.object_id for e in area.trail.entries(since=NOW + timedelta(days=1)) if e.object_id.startswith("a-")] == [
        "a-5",
        "a-2",
    ]


def test_local_mode_records_under_local_mode_and_may_delete_and_read_the_trail(area: Area) -> None:
    local = LocalAccess(area.store, area.trail)
    made = local.create(make_assessment(area.bank))
    local.save(made.assessment, expected_revision=1)
    local.record_export(Export.JSON_FILE, made.assessment.id)
    assert local.may_delete(made.assessment.id)
    assert local.delete(made.assessment.id)
    assert local.get(made.assessment.id) is None
    assert local.audit_trail() is area.trail
    assert _actions(area.trail, made.assessment.id) == ["deleted", "exported", "changed", "created"]
    assert {e.actor for e in area.trail.entries() if e.object_id == made.assessment.id} == {LOCAL_MODE_ACTOR}


def test_deleting_removes_the_assessment_its_owner_submissions_and_survey_rounds_and_keeps_the_fact(
    area: Area,
) -> None:
    ana = area.person("ana@example.org", Role.STAFF, "Riverside")
    assessment = ana.create(make_assessment(area.bank, **READY)).assessment
    ana.submit(assessment.id, area.bank)
    surveys = SurveyStore(area.url)
    kept_round = surveys.open_round(
        SurveyRound(assessment_id="someone-else", opens_on=date(2026, 11, 1), closes_on=date(2026, 11, 30))
    )
    opened = surveys.open_round(
        SurveyRound(assessment_id=assessment.id, opens_on=date(2026, 11, 1), closes_on=date(2026, 11, 30))
    )
    for round_id in (opened.id, kept_round.id):
        surveys.add_response(round_id, SurveyResponse(answers={"s1": SurveyAnswer.YES}, received_on=date(2026, 11, 2)))

    assert ana.delete(assessment.id)

    assert area.store.get(assessment.id) is None
    assert area.directory.owner_of(assessment.id) is None
    assert area.sent.for_assessment(assessment.id) == []
    assert surveys.rounds_for(assessment.id) == []
    assert surveys.responses(opened.id) == []
    assert len(surveys.responses(kept_round.id)) == 1
    assert _actions(area.trail, assessment.id)[0] == "deleted"
    assert not ana.delete(assessment.id)  # gone: a second delete finds nothing, and records nothing
    assert _actions(area.trail, assessment.id).count("deleted") == 1
    surveys.dispose()


def test_staff_of_another_organisation_and_an_administrator_cannot_delete(area: Area) -> None:
    ana = area.person("ana@example.org", Role.STAFF, "Riverside")
    bo = area.person("bo@example.org", Role.STAFF, "Hillside")
    chris = area.person("chris@example.org", Role.ADMINISTRATOR)
    assessment = ana.create(make_assessment(area.bank)).assessment
    for other in (bo, chris):
        assert not other.may_delete(assessment.id)
        assert not other.delete(assessment.id)
    assert ana.may_delete(assessment.id)
    assert area.store.get(assessment.id) is not None
    assert "deleted" not in _actions(area.trail, assessment.id)


def test_only_an_administrator_reads_the_trail(area: Area) -> None:
    chris = area.person("chris@example.org", Role.ADMINISTRATOR)
    ana = area.person("ana@example.org", Role.STAFF, "Riverside")
    cara = area.person("cara@example.org", Role.COMMISSIONER, "Northshire")
    assert chris.audit_trail() is area.trail
    assert ana.audit_trail() is None
    assert cara.audit_trail() is None


def test_only_an_administrator_sets_the_retention_period(area: Area) -> None:
    chris = area.person("chris@example.org", Role.ADMINISTRATOR)
    ana = area.person("ana@example.org", Role.STAFF, "Riverside")
    assert not ana.may_set_retention()
    with pytest.raises(StoreError, match="Only an administrator"):
        ana.set_retention(1)
    assert area.trail.retention() is None
    assert chris.may_set_retention()
    chris.set_retention(60)
    setting = area.trail.retention()
    assert setting is not None
    assert (setting.days, setting.set_by) == (60, "chris@example.org")


def test_directory_changes_are_recorded_with_who_made_them_and_no_names(area: Area) -> None:
    area.directory.add_service("Riverside", "Riverside women's group")
    area.directory.invite("bo@example.org", Role.STAFF, "Hillside", actor="admin@example.org")
    area.directory.remove_role("bo@example.org", Role.STAFF, "Hillside")
    area.directory.remove_person("bo@example.org")
    found = area.trail.entries()
    assert [e.action for e in found[:4]] == [
        AuditAction.PERSON_REMOVED,
        AuditAction.ROLE_REMOVED,
        AuditAction.PERSON_INVITED,
        AuditAction.SERVICE_ADDED,
    ]
    assert found[0].actor.startswith("command line (")
    assert found[2].actor == "admin@example.org"
    assert found[2].object_id == "bo@example.org"
    assert found[2].detail == Role.STAFF.label
    added = [e for e in found if e.action == AuditAction.ORGANISATION_ADDED]
    assert len(added) == 3
    assert added[-1].actor == "admin@example.org"
    assert not any("Riverside" in cell or "Northshire" in cell for e in found for cell in (e.detail, e.object_id))


def test_no_column_of_the_trail_holds_an_answer_note_or_a_service_name(area: Area) -> None:
    ana = area.person("ana@example.org", Role.STAFF, "Riverside")
    hostile: Assessment = hostile_assessment(area.bank, SECRET)
    made = ana.create(hostile)
    ana.save(made.assessment, expected_revision=1)
    ana.submit(hostile.id, area.bank)
    ana.record_export(Export.PDF_PLAN, hostile.id)
    ana.record_export(Export.JSON_FILE, hostile.id)
    assert ana.delete(hostile.id)

    engine = create_engine(area.url)
    with engine.connect() as conn:
        rows = conn.execute(select(audit_events)).all()
    engine.dispose()
    cells = [str(cell) for row in rows for cell in row]
    assert len(rows) >= 6
    assert not any("Mrs Jones" in cell or "HYPERLINK" in cell for cell in cells)


def test_the_csv_neutralises_a_cell_that_a_spreadsheet_would_run(area: Area) -> None:
    area.trail.record(
        AuditAction.EXPORTED, actor="=cmd|'/c calc'!A1@example.org", object_kind=ObjectKind.ASSESSMENT,
        object_id="+a-1", detail=Export.JSON_FILE.value, now=NOW,
    )  # fmt: skip
    data = audit_csv(area.trail.entries(action=AuditAction.EXPORTED))
    assert data.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[0] == ["When (UTC)", "Who", "Action", "Object", "Object id", "Organisation id", "Detail"]
    assert rows[1] == [
        "2026-12-03 09:00:00",
        "'=cmd|'/c calc'!A1@example.org",
        "exported",
        "assessment",
        "'+a-1",
        "",
        "JSON file",
    ]


def test_retention_deletes_only_drafts_untouched_for_the_period_and_records_each(area: Area) -> None:
    ana = area.person("ana@example.org", Role.STAFF, "Riverside")
    old_draft = ana.create(make_assessment(area.bank)).assessment
    recent_draft = ana.create(make_assessment(area.bank)).assessment
    old_submitted = ana.create(make_assessment(area.bank, **READY)).assessment
    ana.submit(old_submitted.id, area.bank)
    for assessment_id, days in ((old_draft.id, 31), (recent_draft.id, 29), (old_submitted.id, 400)):
        _age(area.url, assessment_id, NOW - timedelta(days=days))

    assert area.trail.apply_retention(actor="command line (cron)", now=NOW) == []  # off until it is set
    area.trail.set_retention(30, actor="command line (root)", now=NOW)
    assert area.trail.apply_retention(actor="command line (cron)", now=NOW, dry_run=True) == [old_draft.id]
    assert area.store.get(old_draft.id) is not None

    assert area.trail.apply_retention(actor="command line (cron)", now=NOW) == [old_draft.id]
    assert area.store.get(old_draft.id) is None
    assert area.store.get(recent_draft.id) is not None
    assert area.store.get(old_submitted.id) is not None
    assert len(area.sent.for_assessment(old_submitted.id)) == 1
    [event] = [e for e in area.trail.entries() if e.object_id == old_draft.id and e.action != AuditAction.CREATED]
    assert (event.action, event.actor, event.detail) == (AuditAction.DELETED_BY_RETENTION, "command line (cron)", "")
    assert event.organisation_id is not None
    assert area.trail.apply_retention(actor="command line (cron)", now=NOW) == []


def test_the_retention_setting_is_kept_changed_turned_off_and_each_change_recorded(area: Area) -> None:
    area.trail.set_retention(90, actor="command line (root)", now=NOW)
    setting = area.trail.retention()
    assert setting is not None
    assert (setting.days, setting.set_by, setting.set_at) == (90, "command line (root)", NOW)
    area.trail.set_retention(30, actor="chris@example.org", now=NOW + timedelta(hours=1))
    again = area.trail.retention()
    assert again is not None
    assert again.days == 30
    area.trail.set_retention(None, actor="chris@example.org", now=NOW + timedelta(hours=2))
    assert area.trail.retention() is None
    changes = area.trail.entries(action=AuditAction.RETENTION_SET)
    assert [e.detail for e in changes] == ["off", "30 days", "90 days"]
