"""`checklist doctor` through the CLI: a ready configuration passes, each kind of broken one is named and fails."""

from __future__ import annotations

import json
import socket
import sqlite3
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from checklist.cli import main
from checklist.storage import AssessmentStore, workshops
from checklist.storage import store as assessment_tables
from checklist.storage.database import make_engine
from checklist.storage.migrations import MIGRATIONS, applied, migrate
from checklist.storage.workshops import WorkshopStore

GOOD_SECRET = "a" * 64
TABLES_BEFORE_MIGRATIONS = [*assessment_tables.metadata.tables, *workshops.metadata.tables]
DISCOVERY = {"issuer": "http://127.0.0.1", "authorization_endpoint": "http://127.0.0.1/authorize"}


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
    return port


@pytest.fixture
def ready_database(tmp_path: Path) -> str:
    """A SQLite database whose tables the app has made, as after its first start."""
    url = f"sqlite:///{tmp_path / 'ready.sqlite3'}"
    for store in (AssessmentStore(url), WorkshopStore(url)):
        store.get("nothing-yet")
        store.dispose()
    return url


@pytest.fixture
def migrated_database(ready_database: str) -> str:
    """The ready database after every named migration, as once sign-in, submissions or a survey were first used."""
    engine = make_engine(ready_database)
    migrate(engine)
    engine.dispose()
    return ready_database


@pytest.fixture
def provider() -> Iterator[str]:
    """A stand-in identity provider on loopback serving an OpenID Connect discovery document."""

    class Discovery(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            body = json.dumps(DISCOVERY).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Discovery)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/.well-known/openid-configuration"
    server.shutdown()
    server.server_close()


def auth_section(metadata_url: str, **changes: str | None) -> str:
    values: dict[str, str | None] = {
        "redirect_uri": "https://checklist.example.org/oauth2callback",
        "cookie_secret": GOOD_SECRET,
        "server_metadata_url": metadata_url,
        "client_id": "womens-access-checklist",
        "client_secret": "s3cret-value",
        **changes,
    }
    lines = [f'{key} = "{value}"' for key, value in values.items() if value is not None]
    return "[auth]\n" + "\n".join(lines) + "\n"


def doctor(tmp_path: Path, database: str, *, secrets: str | None = None, **env: str) -> Result:
    secrets_path = tmp_path / "secrets.toml"
    if secrets is not None:
        secrets_path.write_text(secrets, encoding="utf-8")
    environment = {
        "CHECKLIST_DATABASE_URL": database,
        "CHECKLIST_BANK": "",
        "CHECKLIST_PUBLIC_URL": "",
        "STREAMLIT_SERVER_ALLOWED_HOSTS": "",
        "STREAMLIT_SERVER_ADDRESS": "127.0.0.1",
        **env,
    }
    return CliRunner().invoke(main, ["doctor", "--secrets", str(secrets_path)], env=environment)


def test_a_ready_local_configuration_passes_every_check(tmp_path: Path, ready_database: str) -> None:
    result = doctor(tmp_path, ready_database)
    assert result.exit_code == 0, result.output
    assert "problem:" not in result.output
    assert "sign-in is not configured" in result.output
    assert "Everything checked is ready." in result.output


def test_a_ready_public_configuration_with_sign_in_passes(tmp_path: Path, ready_database: str, provider: str) -> None:
    result = doctor(
        tmp_path,
        ready_database,
        secrets=auth_section(provider),
        CHECKLIST_PUBLIC_URL="https://checklist.example.org",
        STREAMLIT_SERVER_ALLOWED_HOSTS="localhost 127.0.0.1 checklist.example.org",
    )
    assert result.exit_code == 0, result.output
    assert f"sign-in provider's metadata {provider} is reachable" in result.output


def test_an_unreachable_database_is_named_without_its_password(tmp_path: Path) -> None:
    url = f"postgresql+psycopg://checklist:hunter2@127.0.0.1:{closed_port()}/checklist"
    result = doctor(tmp_path, url)
    assert result.exit_code == 1
    assert "is not reachable" in result.output
    assert "hunter2" not in result.output
    assert "Traceback" not in result.output


def test_a_database_the_app_has_never_set_up_is_reported_table_by_table(tmp_path: Path) -> None:
    result = doctor(tmp_path, f"sqlite:///{tmp_path / 'empty.sqlite3'}")
    assert result.exit_code == 1
    assert "has no 'assessments' table yet" in result.output
    assert "has no 'workshops' table yet" in result.output


def test_a_fully_migrated_database_passes(tmp_path: Path, migrated_database: str) -> None:
    result = doctor(tmp_path, migrated_database)
    assert result.exit_code == 0, result.output
    assert "problem:" not in result.output


def test_a_table_a_recorded_migration_made_is_reported_when_it_is_gone(tmp_path: Path, migrated_database: str) -> None:
    with sqlite3.connect(migrated_database.removeprefix("sqlite:///")) as conn:
        conn.execute("DROP TABLE survey_responses")
    result = doctor(tmp_path, migrated_database)
    assert result.exit_code == 1
    assert "records migration 0003_survey_rounds_and_responses but has no 'survey_responses' table" in result.output
    assert "Traceback" not in result.output


def test_a_column_a_recorded_migration_made_is_reported_when_it_is_gone(tmp_path: Path, migrated_database: str) -> None:
    with sqlite3.connect(migrated_database.removeprefix("sqlite:///")) as conn:
        conn.execute("ALTER TABLE submissions DROP COLUMN bank_version")
    result = doctor(tmp_path, migrated_database)
    assert result.exit_code == 1
    assert "the 'submissions' table" in result.output
    assert "has no column 'bank_version', which migration 0002_submissions adds" in result.output


def test_every_named_migration_is_checked_by_the_doctor(tmp_path: Path, migrated_database: str) -> None:
    """Dropping any table any step made is found: the doctor's list is the migrations themselves."""
    path = migrated_database.removeprefix("sqlite:///")
    with sqlite3.connect(path) as conn:
        made = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        conn.execute("PRAGMA foreign_keys = OFF")
        migrated = made - set(TABLES_BEFORE_MIGRATIONS) - {applied.name}
        for table in sorted(migrated):
            conn.execute(f"DROP TABLE {table}")
    result = doctor(tmp_path, migrated_database)
    assert result.exit_code == 1
    named = {name for name, _ in MIGRATIONS}
    assert {name for name in named if f"records migration {name} but" in result.output} == named


def test_a_table_made_by_another_version_is_reported_by_its_missing_column(tmp_path: Path, ready_database: str) -> None:
    path = ready_database.removeprefix("sqlite:///")
    with sqlite3.connect(path) as conn:
        conn.execute("ALTER TABLE assessments DROP COLUMN ui_state")
    result = doctor(tmp_path, ready_database)
    assert result.exit_code == 1
    assert "the 'assessments' table" in result.output
    assert "has no column 'ui_state'" in result.output


def test_a_broken_question_bank_is_reported(tmp_path: Path, ready_database: str) -> None:
    bank = tmp_path / "bank.yaml"
    bank.write_text("id: broken\nthemes: [\n", encoding="utf-8")
    result = doctor(tmp_path, ready_database, CHECKLIST_BANK=str(bank))
    assert result.exit_code == 1
    assert "the question bank cannot be used" in result.output


def test_a_secrets_file_that_is_not_toml_is_reported(tmp_path: Path, ready_database: str) -> None:
    result = doctor(tmp_path, ready_database, secrets='[auth\nclient_id = "x"\n')
    assert result.exit_code == 1
    assert "is not valid TOML" in result.output


def test_sign_in_secrets_missing_a_key_are_named_key_by_key(tmp_path: Path, ready_database: str) -> None:
    secrets = auth_section("https://idp.example.org/.well-known/openid-configuration", client_secret=None, client_id="")
    result = doctor(
        tmp_path,
        ready_database,
        secrets=secrets,
        CHECKLIST_PUBLIC_URL="https://checklist.example.org",
        STREAMLIT_SERVER_ALLOWED_HOSTS="checklist.example.org",
    )
    assert result.exit_code == 1
    assert "[auth] has no client_id" in result.output
    assert "[auth] has no client_secret" in result.output
    assert "metadata" not in result.output.split("problem:", 1)[1]  # no provider is asked while keys are missing


def test_a_short_cookie_secret_and_a_plain_http_redirect_are_refused(tmp_path: Path, ready_database: str) -> None:
    secrets = auth_section(
        "https://idp.example.org/.well-known/openid-configuration",
        cookie_secret="short",
        redirect_uri="http://checklist.example.org/callback",
    )
    result = doctor(tmp_path, ready_database, secrets=secrets, CHECKLIST_PUBLIC_URL="https://checklist.example.org")
    assert result.exit_code == 1
    assert "cookie_secret is only 5 characters" in result.output
    assert "redirect_uri must start with https://" in result.output
    assert "redirect_uri must end with /oauth2callback" in result.output


def test_an_unreachable_sign_in_provider_is_reported(tmp_path: Path, ready_database: str) -> None:
    metadata = f"http://127.0.0.1:{closed_port()}/.well-known/openid-configuration"
    result = doctor(
        tmp_path,
        ready_database,
        secrets=auth_section(metadata),
        CHECKLIST_PUBLIC_URL="https://checklist.example.org",
        STREAMLIT_SERVER_ALLOWED_HOSTS="checklist.example.org",
    )
    assert result.exit_code == 1
    assert f"the sign-in provider's metadata address {metadata} cannot be reached" in result.output


def test_serving_a_public_name_without_a_public_address_is_reported(tmp_path: Path, ready_database: str) -> None:
    result = doctor(tmp_path, ready_database, STREAMLIT_SERVER_ALLOWED_HOSTS="localhost checklist.example.org")
    assert result.exit_code == 1
    assert "CHECKLIST_PUBLIC_URL is not set" in result.output


def test_a_public_address_streamlit_would_refuse_is_reported(tmp_path: Path, ready_database: str) -> None:
    result = doctor(
        tmp_path,
        ready_database,
        CHECKLIST_PUBLIC_URL="https://checklist.example.org",
        STREAMLIT_SERVER_ALLOWED_HOSTS="localhost 127.0.0.1",
    )
    assert result.exit_code == 1
    assert "do not include checklist.example.org" in result.output


def test_a_public_address_that_is_not_https_is_reported(tmp_path: Path, ready_database: str) -> None:
    result = doctor(
        tmp_path,
        ready_database,
        CHECKLIST_PUBLIC_URL="http://checklist.example.org",
        STREAMLIT_SERVER_ALLOWED_HOSTS="*.example.org",
    )
    assert result.exit_code == 1
    assert "serve it over https://" in result.output
    assert "do not include" not in result.output  # *.example.org covers the name
