"""The parts of a served site, as deploy/ describes it, shared by the proxy test and the load benchmark.

app = UnitServer(home=folder, env=app_environment(folder, database_url, proxy.url, bank), port=port).start()
route_to(proxy, app.port)   # a route cookie value that nginx sends to that process
"""

from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass
from pathlib import Path

from checklist.paths import PROJECT_ROOT
from tests.deploy import NginxProxy, env_file_as_shell_reads_it, unit_command, unit_environment
from tests.e2e.conftest import AppServer


@dataclass
class UnitServer(AppServer):
    """An app process started with checklist@.service's own command line."""

    def start(self) -> UnitServer:
        log = (self.home / "server.log").open("ab")
        self.process = subprocess.Popen(
            unit_command(self.port), cwd=PROJECT_ROOT, env=self.env, stdin=subprocess.DEVNULL, stdout=log,
            stderr=subprocess.STDOUT,
        )  # fmt: skip
        self._wait_healthy()
        return self


def app_environment(folder: Path, database: str, public_url: str, bank: Path) -> dict[str, str]:
    """The unit's environment: deploy/checklist.env.example as a shell reads it, pointed at the test's parts."""
    shipped = env_file_as_shell_reads_it()
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "LANG": "C.UTF-8",
        **shipped,
        **unit_environment(),
        "CHECKLIST_DATABASE_URL": database,
        "CHECKLIST_PUBLIC_URL": public_url,
        "STREAMLIT_SERVER_ALLOWED_HOSTS": shipped["STREAMLIT_SERVER_ALLOWED_HOSTS"].replace(
            "checklist.example.org", "localhost"
        ),
        "CHECKLIST_BANK": str(bank),
        "HOME": str(folder / "home"),
        "CHECKLIST_DATA_DIR": str(folder / "data"),
        "CHECKLIST_CACHE_DIR": str(folder / "cache"),
    }
    (folder / "home").mkdir(parents=True, exist_ok=True)
    return env


def route_to(proxy: NginxProxy, port: int) -> str:
    """A route cookie value that nginx's consistent hash sends to the app on `port` (found by asking nginx)."""
    for n in range(200):
        candidate = f"probe-{n}"
        proxy.get(f"/?probe={n}", route=candidate)
        if (candidate, port) in proxy.routes():
            return candidate
    raise AssertionError(f"no route cookie reached port {port}")
