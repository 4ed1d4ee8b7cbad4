"""What the assessment and workshop stores share: where the database is, how to reach it, how failures read.

Many sessions write at the same time, so SQLite runs in WAL mode with a busy
timeout, and a down PostgreSQL server fails a save in seconds instead of hanging
the page. Every database failure reaches the user as a StoreError message.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Connection, MetaData, create_engine, event
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DataError, IntegrityError, SQLAlchemyError

from checklist.paths import FolderUnusable, data_dir, usable_folder

UNAVAILABLE = "could not save: the database is not reachable; your answers are still on this page, try again"
NOT_READABLE = "could not open the saved assessments: the database is not reachable; try again in a moment"
SQLITE_BUSY_SECONDS = 15
POSTGRES_CONNECT_SECONDS = 5


class StoreError(Exception):
    """A store problem, with a message fit to show the user as it is."""

    def __init__(self, message: str) -> None:
        self.message = message
        super().__init__(message)


class StoreUnavailable(StoreError):
    """The database cannot be reached, or a write failed."""


class StaleRevision(StoreError):
    """Someone else (another tab, a colleague) saved a newer revision first."""


class KeyClash(StoreUnavailable):
    """A write hit a unique key already taken; left unhandled, it reads as any failed write."""


class KeyNotComparable(StoreUnavailable):
    """A lookup by a value the database cannot even compare (a NUL in a pasted link): it names nothing saved."""


def database_url() -> str:
    """CHECKLIST_DATABASE_URL, or a SQLite file in the data folder (created if missing)."""
    configured = os.environ.get("CHECKLIST_DATABASE_URL")
    if configured:
        return configured
    try:
        folder = usable_folder(data_dir(), "The data folder (CHECKLIST_DATA_DIR)")
    except FolderUnusable as exc:
        raise StoreUnavailable(exc.message) from None
    return f"sqlite:///{folder / 'checklist.sqlite3'}"


def make_engine(url: str) -> Engine:
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"timeout": SQLITE_BUSY_SECONDS})

        @event.listens_for(engine, "connect")
        def _wal(dbapi_connection: Any, _record: Any) -> None:
            # WAL lets readers go on while one session writes; the busy timeout
            # makes concurrent writers wait their turn instead of failing.
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_SECONDS * 1000}")
            cursor.close()

        return engine
    return create_engine(url, pool_pre_ping=True, connect_args=_connect_args(url))


def _connect_args(url: str) -> dict[str, Any]:
    return {"connect_timeout": POSTGRES_CONNECT_SECONDS} if url.startswith("postgresql") else {}


class TableStore:
    """An engine on one database whose tables (`metadata`) are created on first use."""

    metadata: MetaData

    def __init__(self, url: str) -> None:
        self.url = url
        self._engine = make_engine(url)
        self._ready = False

    def _connect_ready(self) -> None:
        if not self._ready:
            self.metadata.create_all(self._engine)
            self._ready = True

    @contextmanager
    def _writing(self, *, refused: str = UNAVAILABLE) -> Iterator[Connection]:
        """A transaction whose failures become StoreUnavailable; `refused` is the message for a value refused."""
        try:
            self._connect_ready()
            with self._engine.begin() as conn:
                yield conn
        except IntegrityError:
            raise KeyClash(UNAVAILABLE) from None
        except DataError:
            raise StoreUnavailable(refused) from None
        except SQLAlchemyError:
            raise StoreUnavailable(UNAVAILABLE) from None

    @contextmanager
    def _reading(self) -> Iterator[Connection]:
        try:
            self._connect_ready()
            with self._engine.connect() as conn:
                yield conn
        except DataError:
            raise KeyNotComparable(NOT_READABLE) from None
        except SQLAlchemyError:
            raise StoreUnavailable(NOT_READABLE) from None

    def dispose(self) -> None:
        """Close pooled connections (tests, and servers that reconfigure)."""
        self._engine.dispose()
