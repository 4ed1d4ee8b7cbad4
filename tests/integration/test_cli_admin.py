"""`checklist admin`: organisations, people and roles from the command line, checked through the database."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from checklist.cli import main
from checklist.domain.people import Role, RoleGrant
from checklist.storage.directory import DirectoryStore


@pytest.fixture
def database(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'area.sqlite3'}"


def admin(database: str, *args: str) -> Result:
    return CliRunner().invoke(main, ["admin", *args], env={"CHECKLIST_DATABASE_URL": database}, catch_exceptions=False)


def directory(database: str) -> DirectoryStore:
    return DirectoryStore(database)


def _area(database: str) -> None:
    for args in (
        ("add-organisation", "Northshire public health", "--kind", "area"),
        ("add-organisation", "Riverside Recovery", "--kind", "provider", "--area", "Northshire public health"),
    ):
        assert admin(database, *args).exit_code == 0


def test_the_first_administrator_is_invited_from_the_command_line(database: str) -> None:
    result = admin(database, "invite", "Chris@Example.org", "administrator")
    assert result.exit_code == 0
    assert result.output == "chris@example.org is now administrator\n"
    person = directory(database).person_by_email("chris@example.org")
    assert person is not None
    assert person.roles == (RoleGrant(role=Role.ADMINISTRATOR),)


def test_an_area_a_provider_in_it_and_a_service_are_added_and_listed(database: str) -> None:
    _area(database)
    assert admin(database, "add-service", "Riverside Recovery", "Women's service").exit_code == 0
    assert admin(database, "invite", "ana@example.org", "staff", "--organisation", "Riverside Recovery").exit_code == 0
    assert admin(database, "invite", "ana@example.org", "trainer").exit_code == 0
    listed = admin(database, "list")
    assert listed.exit_code == 0
    assert listed.output == (
        "Organisations:\n"
        "  Northshire public health (commissioning area)\n"
        "  Riverside Recovery (service provider, in Northshire public health)\n"
        "    service: Women's service\n"
        "People:\n"
        "  ana@example.org (invited, not signed in yet): service staff of Riverside Recovery, trainer\n"
    )


def test_an_empty_directory_lists_as_none_yet(database: str) -> None:
    assert admin(database, "list").output == "Organisations: none yet\nPeople: none yet\n"


def test_a_role_in_an_organisation_that_does_not_exist_fails_plainly(database: str) -> None:
    result = admin(database, "invite", "ana@example.org", "staff", "--organisation", "Nowhere")
    assert result.exit_code == 1
    assert "Error: Nowhere: there is no organisation with this name" in result.output
    assert directory(database).people() == []


def test_a_bad_email_address_fails_plainly(database: str) -> None:
    result = admin(database, "invite", "not-an-address", "trainer")
    assert result.exit_code == 1
    assert "is not an e-mail address" in result.output


def test_removing_a_role_then_the_person_then_the_organisation(database: str) -> None:
    _area(database)
    admin(database, "invite", "ana@example.org", "staff", "--organisation", "Riverside Recovery")
    removed = admin(database, "remove-role", "ana@example.org", "staff", "--organisation", "Riverside Recovery")
    assert removed.output == "Removed service staff of 'Riverside Recovery' from ana@example.org\n"
    person = directory(database).person_by_email("ana@example.org")
    assert person is not None
    assert person.roles == ()
    assert admin(database, "remove-person", "ana@example.org").exit_code == 0
    assert directory(database).people() == []
    assert admin(database, "remove-organisation", "Riverside Recovery").exit_code == 0
    assert [o.name for o in directory(database).organisations()] == ["Northshire public health"]


def test_removing_a_role_nobody_holds_fails_plainly(database: str) -> None:
    admin(database, "invite", "ana@example.org", "trainer")
    result = admin(database, "remove-role", "ana@example.org", "administrator")
    assert result.exit_code == 1
    assert "does not have this role (administrator)" in result.output


def test_an_organisation_name_with_terminal_escapes_is_printed_as_visible_escapes(database: str) -> None:
    result = admin(database, "add-organisation", "Evil\x1b[2J", "--kind", "area")
    assert result.exit_code == 0
    assert "\x1b" not in result.output
    assert "Evil\\x1b[2J" in result.output
    listed = admin(database, "list").output
    assert "\x1b" not in listed
    assert "Evil\\x1b[2J (commissioning area)" in listed
