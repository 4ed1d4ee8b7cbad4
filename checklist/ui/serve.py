"""`make run`: the Streamlit server, with the first page's imports made while the browser connects.

Between the server answering and the browser's first script run, the process
sits idle for most of a second while the browser loads Streamlit's scripts.
A background thread spends that time importing what the Start page needs
(pydantic models, SQLAlchemy and its SQLite dialect), reading the question bank
and opening the database, so the first run finds them ready. It waits for the
server to be listening first: started earlier, it competed with Streamlit's own
start-up for the interpreter and the server answered half a second later
(`benchmarks/cold_start_bench.py`, README "Speed"). Python's import lock makes
the script wait for a module the thread is still importing; nothing is imported
or made twice (the bank and the store are cached for every session).
"""

from __future__ import annotations

import importlib
import sys
import threading
import time

# What the first page imports, heaviest first (python -X importtime, see README "Speed").
FIRST_PAGE = (
    "sqlalchemy.dialects.sqlite",
    "checklist.ui.main",
    "checklist.ui.start_page",
)


def warm() -> None:
    for name in FIRST_PAGE:
        importlib.import_module(name)
    from checklist.ui import resources

    resources.prepare()  # the bank and the store are shared by every session, made once


# Never wait longer than this for the server: past it, warming up at once costs no more than waiting.
SERVER_START_LIMIT = 30.0


def warm_once_serving(limit: float = SERVER_START_LIMIT) -> None:
    """`warm`, once Streamlit's runtime has started (the server is listening), or after `limit` seconds."""
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline and not _serving():
        time.sleep(0.01)  # the runtime offers no event another thread can wait on; a poll costs nothing here
    warm()


def _serving() -> bool:
    from streamlit.runtime import Runtime, RuntimeState

    return Runtime.exists() and Runtime.instance().state != RuntimeState.INITIAL


def main() -> None:
    from streamlit.web import cli

    threading.Thread(target=warm_once_serving, name="warm-first-page", daemon=True).start()
    sys.argv = ["streamlit", "run", "app.py", *sys.argv[1:]]
    cli.main()


if __name__ == "__main__":
    main()
