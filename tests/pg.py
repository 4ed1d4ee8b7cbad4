"""A private PostgreSQL server per test, for tests that stop and start the database.

The shared server that scripts/test.sh starts must never be stopped: other tests use it
in parallel. A test that takes the database away gets its own cluster instead:

    def test_something(private_postgres: PrivatePostgres) -> None:
        store = AssessmentStore(private_postgres.url)
        private_postgres.stop()      # the database goes away (fast shutdown)
        private_postgres.start()     # and comes back on the same port, with the same data

The cluster lives in a folder of its own under /tmp (PostgreSQL refuses to run as root, so as
root it runs as `nobody`, who cannot enter pytest's tmp_path). Tests skip, saying why, only when
no PostgreSQL binaries are installed.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

NO_BINARIES = "PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb); apt-get install postgresql"
USER = "checklist"
DATABASE = "checklist"


def postgres_bin() -> Path | None:
    """The newest installed PostgreSQL's bin folder, or None."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(Path(p).parts[4]))
    return Path(found[-1]).parent if found else None


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _as_postgres(command: list[str]) -> list[str]:
    return ["runuser", "-u", "nobody", "--", *command] if os.geteuid() == 0 else command


@dataclass
class PrivatePostgres:
    """One throwaway cluster: `url` for SQLAlchemy, `stop()` and `start()` to take it away and back."""

    bin: Path
    folder: Path
    port: int

    @property
    def url(self) -> str:
        return f"postgresql+psycopg://{USER}@127.0.0.1:{self.port}/{DATABASE}"

    def _run(self, *command: str) -> None:
        subprocess.run(_as_postgres(list(command)), check=True, capture_output=True, timeout=60)

    def init(self) -> PrivatePostgres:
        self._run(str(self.bin / "initdb"), "-D", str(self.folder / "data"), "-U", USER, "--auth=trust", "-N")
        self.start()
        self._run(str(self.bin / "createdb"), "-h", "127.0.0.1", "-p", str(self.port), "-U", USER, DATABASE)
        return self

    def start(self) -> None:
        options = f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 -c fsync=off"
        self._run(
            str(self.bin / "pg_ctl"), "-D", str(self.folder / "data"), "-o", options, "-l", str(self.folder / "log"),
            "-w", "start",
        )  # fmt: skip

    def stop(self) -> None:
        """Shut down at once, closing every client connection (what an administrator's restart does)."""
        self._run(str(self.bin / "pg_ctl"), "-D", str(self.folder / "data"), "-m", "fast", "-w", "stop")

    def discard(self) -> None:
        subprocess.run(
            _as_postgres([str(self.bin / "pg_ctl"), "-D", str(self.folder / "data"), "-m", "immediate", "stop"]),
            capture_output=True,
            timeout=60,
        )
        shutil.rmtree(self.folder, ignore_errors=True)


@pytest.fixture
def private_postgres() -> Iterator[PrivatePostgres]:
    """A PostgreSQL server of this test's own, on a free port; removed afterwards."""
    binaries = postgres_bin()
    if binaries is None:
        pytest.skip(NO_BINARIES)
    folder = Path(tempfile.mkdtemp(prefix="checklist-pg-"))
    if os.geteuid() == 0:
        shutil.chown(folder, "nobody")
    server = PrivatePostgres(binaries, folder, _free_port())
    try:
        yield server.init()
    finally:
        server.discard()
