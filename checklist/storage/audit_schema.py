"""The tables of the audit trail and of the retention setting.

`version_0004` is the schema that migration 0004 creates, kept exactly as shipped. An event row holds
no answer, note, service name or other text a person typed: only fixed words chosen by the code, ids,
and the actor's address (see `checklist.domain.audit`).
"""

from __future__ import annotations

from sqlalchemy import Column, DateTime, Index, Integer, MetaData, String, Table

version_0004 = MetaData()

# Rows are only ever inserted; nothing in the app changes or removes one.
audit_events = Table(
    "audit_events",
    version_0004,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("at", DateTime(timezone=True), nullable=False),
    # An e-mail address, "local mode", or "command line (<os user>)".
    Column("actor", String(400), nullable=False),
    Column("action", String(40), nullable=False),
    Column("object_kind", String(40), nullable=False),
    Column("object_id", String(200), nullable=False),
    Column("organisation_id", Integer, nullable=True),
    Column("detail", String(200), nullable=False, default=""),
    Index("ix_audit_events_at", "at"),
    Index("ix_audit_events_object", "object_id", "action", "actor"),
)

# At most one row (id 1): the period is one setting for the whole server; no row means "off".
retention = Table(
    "retention",
    version_0004,
    Column("id", Integer, primary_key=True),
    Column("days", Integer, nullable=False),
    Column("set_by", String(400), nullable=False),
    Column("set_at", DateTime(timezone=True), nullable=False),
)
