"""`checklist admin audit` and `checklist admin retention`: the trail and the retention period from the command line."""

from __future__ import annotations

import getpass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from sqlalchemy import create_engine, update

from checklist.cli import main
from checklist.domain.audit import AuditAction, ObjectKind
from checklist.storage import AssessmentStore
from checklist.storage.audit import AuditTrail
from checklist.storage.store import assessments
from tests.builders import make_assessment, make_bank


@pytest.fixture
def database(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'area.sqlite3'}"


def admin(database: str, *args: str) -> Result:
    return CliRunner().invoke(main, ["admin", *args], env={"CHECKLIST_DATABASE_URL": database}, catch_exceptions=False)


def _draft(database: str, untouched_days: int) -> str:
    store = AssessmentStore(database)
    made = store.create(make_assessment(make_bank()))
    store.dispose()
    engine = create_engine(database)
    with engine.begin() as conn:
        moment = datetime.now(UTC) - timedelta(days=untouched_days)
        conn.execute(update(assessments).where(assessments.c.id == made.assessment.id).values(updated_at=moment))
    engine.dispose()
    return made.assessment.id


def test_the_audit_command_prints_directory_changes_newest_first_with_the_os_user(database: str) -> None:
    assert admin(database, "add-organisation", "Northshire public health", "--kind", "area").exit_code == 0
    assert admin(database, "invite", "chris@example.org", "administrator").exit_code == 0
    result = admin(database, "audit")
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert len(lines) == 2
    assert f"command line ({getpass.getuser()})  person invited person chris@example.org (administrator)" in lines[0]
    assert "organisation added organisation 1 (commissioning area), organisation 1" in lines[1]
    assert "Northshire" not in result.output


def test_the_audit_command_says_when_there_is_nothing_since_a_day(database: str) -> None:
    assert admin(database, "invite", "chris@example.org", "administrator").exit_code == 0
    result = admin(database, "audit", "--since", "2999-01-01")
    assert result.exit_code == 0
    assert result.output == "No events since 1 January 2999 in the audit trail.\n"


def test_the_audit_csv_is_written_with_cells_a_spreadsheet_would_run_made_inert(database: str, tmp_path: Path) -> None:
    trail = AuditTrail(database)
    trail.record(AuditAction.CREATED, actor="=1+1@example.org", object_kind=ObjectKind.ASSESSMENT, object_id="a-1")
    trail.dispose()
    out = tmp_path / "audit.csv"
    result = admin(database, "audit", "--csv", str(out))
    assert result.exit_code == 0
    assert result.output == f"Wrote 1 event to {out}\n"
    text = out.read_text(encoding="utf-8-sig")
    assert ",'=1+1@example.org,created,assessment,a-1,," in text
    again = admin(database, "audit", "--csv", str(out))
    assert again.exit_code == 1
    assert "already exists; add --force to replace it" in again.output


def test_an_unwritable_csv_file_is_refused_in_one_plain_sentence(database: str, tmp_path: Path) -> None:
    folder = tmp_path / "no-such-folder"
    result = admin(database, "audit", "--csv", str(folder / "audit.csv"))
    assert result.exit_code == 1
    assert result.output == f"Error: {folder / 'audit.csv'}: the folder {folder} does not exist\n"
    assert "Traceback" not in result.output


def test_retention_is_shown_set_and_turned_off(database: str) -> None:
    assert (
        admin(database, "retention", "show").output == "Retention is off: drafts are kept until someone deletes them.\n"
    )
    set_it = admin(database, "retention", "set", "90")
    assert set_it.exit_code == 0
    assert set_it.output == "Drafts untouched for 90 days will be deleted when `checklist admin retention run` runs.\n"
    shown = admin(database, "retention", "show").output
    assert shown.startswith(
        "Drafts untouched for 90 days are deleted when `checklist admin retention run` runs (set by command line ("
    )
    assert admin(database, "retention", "set", "0").exit_code == 2  # at least one day
    assert admin(database, "retention", "off").exit_code == 0
    assert admin(database, "retention", "show").output.startswith("Retention is off")
    trail = AuditTrail(database)
    assert [e.detail for e in trail.entries(action=AuditAction.RETENTION_SET)] == ["off", "90 days"]
    trail.dispose()


def test_retention_run_deletes_old_drafts_and_names_them_and_a_dry_run_deletes_nothing(database: str) -> None:
    old, recent = _draft(database, 40), _draft(database, 5)
    assert admin(database, "retention", "run").output.startswith("Retention is off: nothing was deleted.")
    assert admin(database, "retention", "set", "30").exit_code == 0

    dry = admin(database, "retention", "run", "--dry-run")
    assert dry.exit_code == 0
    assert dry.output == f"1 draft untouched for over 30 days would be deleted:\n  {old}\n"
    store = AssessmentStore(database)
    assert store.get(old) is not None

    ran = admin(database, "retention", "run")
    assert ran.output == f"1 draft untouched for over 30 days was deleted:\n  {old}\n"
    assert store.get(old) is None
    assert store.get(recent) is not None
    assert admin(database, "retention", "run").output == "0 drafts untouched for over 30 days were deleted.\n"
    store.dispose()
    trail = AuditTrail(database)
    [event] = trail.entries(action=AuditAction.DELETED_BY_RETENTION)
    assert (event.object_id, event.actor) == (old, f"command line ({getpass.getuser()})")
    trail.dispose()
