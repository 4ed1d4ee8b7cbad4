"""Which trainer made which workshop.

`version_0005` is the schema migration 0005 creates, kept exactly as shipped. Beside the
workshops table rather than a column in it, as `assessment_owners` is beside the assessments:
the workshop store stays as it is, and a workshop made in local mode simply has no trainer.
"""

from __future__ import annotations

from sqlalchemy import Column, DateTime, Index, Integer, MetaData, String, Table

version_0005 = MetaData()

workshop_owners = Table(
    "workshop_owners",
    version_0005,
    Column("workshop_id", String(64), primary_key=True),
    # No foreign key: removing a person must not be blocked by the workshops they ran.
    Column("person_id", Integer, nullable=False),
    # The trainer's sign-in subject when it was made: a person id that SQLite re-uses after a removal
    # then names someone else with another subject, who does not inherit the workshops.
    Column("subject", String(1000), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Index("ix_workshop_owners_person", "person_id"),
)
