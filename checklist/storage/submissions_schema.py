"""The tables of submissions sent in the app, and of when each commissioner last looked at them.

`version_0002` is the schema that migration 0002 creates, kept exactly as shipped (see
`checklist.storage.directory_schema` for the tables it builds on).
"""

from __future__ import annotations

from sqlalchemy import Column, DateTime, Float, ForeignKey, Index, Integer, MetaData, String, Table, Text

from checklist.storage.directory_schema import organisations

version_0002 = MetaData()

# Rows are only ever inserted: a submission is a snapshot as sent, and a later one supersedes it.
submissions = Table(
    "submissions",
    version_0002,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("assessment_id", String(64), nullable=False),
    Column("organisation_id", Integer, ForeignKey(organisations.c.id), nullable=False),
    Column("area_id", Integer, ForeignKey(organisations.c.id), nullable=False),
    Column("service_name", String(500), nullable=False),
    Column("bank_id", String(200), nullable=False),
    Column("bank_version", String(200), nullable=False),
    Column("completion", Float, nullable=False),
    # The sender's address as it was then: the person may later leave, the record of who sent it stays.
    Column("submitted_by", String(320), nullable=False),
    Column("submitted_at", DateTime(timezone=True), nullable=False),
    # The assessment and its plan as the JSON file the app downloads, so Compare reads it like a file.
    Column("snapshot", Text, nullable=False),
    Index("ix_submissions_area", "area_id"),
    Index("ix_submissions_assessment", "assessment_id"),
)

# One row per commissioner and area: when they last opened the area's list, so newer ones read as new.
submission_visits = Table(
    "submission_visits",
    version_0002,
    Column("person_id", Integer, primary_key=True),
    Column("area_id", Integer, primary_key=True),
    Column("visited_at", DateTime(timezone=True), nullable=False),
)
