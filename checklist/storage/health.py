"""Is the configured database ready to serve: reachable, and holding every table and column the stores use."""

from __future__ import annotations

from sqlalchemy import inspect
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, SQLAlchemyError

from checklist.storage import store, workshops
from checklist.storage.database import make_engine

TABLES = (store.metadata, workshops.metadata)


def shown_url(url: str) -> str:
    """The URL with its password hidden, fit to print."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return "(not a database URL)"


def database_problems(url: str) -> list[str]:
    """What stops the app from using this database, in plain words; empty when it is ready."""
    where = shown_url(url)
    try:
        engine = make_engine(url)
    except (ArgumentError, SQLAlchemyError, ImportError, ValueError):
        return [f"CHECKLIST_DATABASE_URL is not a database address SQLAlchemy understands: {where}"]
    try:
        with engine.connect() as conn:
            found = inspect(conn)
            present = set(found.get_table_names())
            problems = []
            for metadata in TABLES:
                for table in metadata.sorted_tables:
                    if table.name not in present:
                        problems.append(
                            f"the database {where} has no '{table.name}' table yet: start the app once "
                            "(it creates its tables on first use), then run this again"
                        )
                        continue
                    columns = {column["name"] for column in found.get_columns(table.name)}
                    problems += [
                        f"the '{table.name}' table in {where} has no column '{name}': it was made by another "
                        "version of this tool"
                        for name in sorted(set(table.columns.keys()) - columns)
                    ]
            return problems
    except SQLAlchemyError as exc:
        reason = (str(getattr(exc, "orig", None) or exc).strip().splitlines() or ["no reason given"])[0]
        return [f"the database {where} is not reachable: {reason}"]
    finally:
        engine.dispose()
