"""Each file in deploy/ is checked by the tool that will read it: nginx, systemd, a shell, checklist doctor."""

from __future__ import annotations

import subprocess
import tomllib
from pathlib import Path

from click.testing import CliRunner

from checklist.cli import main
from checklist.commands.doctor import AUTH_KEYS
from checklist.paths import PROJECT_ROOT
from tests.deploy import (
    ENV_EXAMPLE,
    SECRETS_EXAMPLE,
    SITE,
    UNIT,
    NginxProxy,
    env_file_as_shell_reads_it,
    unit_command,
)


def test_nginx_accepts_the_site_file(tmp_path: Path) -> None:
    checked = NginxProxy(tmp_path, app_ports=[18501, 18502]).write().test_config()
    assert checked.returncode == 0, checked.stderr
    assert "test is successful" in checked.stderr


def test_the_site_passes_websockets_keeps_browsers_on_one_process_and_answers_health_checks() -> None:
    site = SITE.read_text(encoding="utf-8")
    assert "location = /_stcore/stream" in site
    assert "proxy_set_header Upgrade $http_upgrade;" in site
    assert "proxy_read_timeout 1d;" in site
    assert "hash $checklist_route consistent;" in site
    assert "location = /_stcore/health" in site


def test_systemd_accepts_the_unit_without_a_warning(tmp_path: Path) -> None:
    unit = UNIT.read_text(encoding="utf-8").replace("/opt/checklist", str(PROJECT_ROOT))
    unit = unit.replace("/etc/checklist/checklist.env", str(ENV_EXAMPLE))
    (tmp_path / "checklist@.service").write_text(unit, encoding="utf-8")
    verified = subprocess.run(
        ["systemd-analyze", "verify", "--man=no", "./checklist@8501.service"],
        cwd=tmp_path, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert verified.returncode == 0, verified.stderr
    assert verified.stderr.strip() == ""


def test_each_unit_instance_serves_its_own_port_on_loopback_only() -> None:
    command = unit_command(8502)
    assert command[command.index("--server.port") + 1] == "8502"
    assert command[command.index("--server.address") + 1] == "127.0.0.1"
    assert command[:3] == [str(PROJECT_ROOT / ".venv/bin/streamlit"), "run", "app.py"]


def test_the_env_file_reads_the_same_in_a_shell_as_systemd_would() -> None:
    """Double-quoted values: systemd drops the quotes, and a shell keeps the spaces in one value."""
    env = env_file_as_shell_reads_it()
    assert env["STREAMLIT_SERVER_ALLOWED_HOSTS"].split() == ["localhost", "127.0.0.1", "checklist.example.org"]
    assert env["CHECKLIST_PUBLIC_URL"] == "https://checklist.example.org"
    assert env["CHECKLIST_DATABASE_URL"].startswith("postgresql+psycopg://")
    for line in ENV_EXAMPLE.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            name, _, value = line.partition("=")
            assert value[0] + value[-1] == '""', name


def test_the_secrets_example_has_every_sign_in_key_and_doctor_refuses_its_placeholders(tmp_path: Path) -> None:
    auth = tomllib.loads(SECRETS_EXAMPLE.read_text(encoding="utf-8"))["auth"]
    assert sorted(auth) == sorted(AUTH_KEYS)
    result = CliRunner().invoke(
        main,
        ["doctor", "--secrets", str(SECRETS_EXAMPLE)],
        env={
            "CHECKLIST_DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
            "CHECKLIST_PUBLIC_URL": "https://checklist.example.org",
            "STREAMLIT_SERVER_ALLOWED_HOSTS": "checklist.example.org",
        },
    )
    assert result.exit_code == 1
    assert "cookie_secret is only 30 characters" in result.output
