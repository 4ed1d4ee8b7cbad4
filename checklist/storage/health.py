"""Is the configured database ready to serve: reachable, and holding every table and column the stores use."""

from __future__ import annotations

from sqlalchemy import Connection, inspect, select
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, SQLAlchemyError

from checklist.storage import store, workshops
from checklist.storage.database import make_engine
from checklist.storage.migrations import applied, columns_by_step

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
            return problems + _migrated_problems(conn, where)
    except SQLAlchemyError as exc:
        reason = (str(getattr(exc, "orig", None) or exc).strip().splitlines() or ["no reason given"])[0]
        return [f"the database {where} is not reachable: {reason}"]
    finally:
        engine.dispose()


def _migrated_problems(conn: Connection, where: str) -> list[str]:
    """Each named migration the database records as applied must have left its tables and columns.

    A step not yet applied is no problem: the app applies it when it first needs those tables.
    """
    found = inspect(conn)
    present = set(found.get_table_names())
    done = set(conn.scalars(select(applied.c.name))) if applied.name in present else set()
    problems = []
    for name, added in columns_by_step():
        if name not in done:
            continue
        for table, columns in added.items():
            if table not in present:
                problems.append(f"the database {where} records migration {name} but has no '{table}' table")
                continue
            missing = sorted(columns - {column["name"] for column in found.get_columns(table)})
            problems += [
                f"the '{table}' table in {where} has no column '{column}', which migration {name} adds"
                for column in missing
            ]
    return problems
