"""The tables of organisations, people, roles and who owns which assessment.

`version_0001` is the schema that migration 0001 creates, kept exactly as shipped; the
directory store reads and writes these same tables. A change to them is a new migration
in `checklist.storage.migrations` plus a change here.
"""

from __future__ import annotations

from sqlalchemy import Column, DateTime, ForeignKey, Integer, MetaData, String, Table, UniqueConstraint

version_0001 = MetaData()

organisations = Table(
    "organisations",
    version_0001,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("name", String(500), nullable=False, unique=True),
    Column("kind", String(20), nullable=False),
    Column("area_id", Integer, ForeignKey("organisations.id"), nullable=True),
    Column("created_at", DateTime(timezone=True), nullable=False),
)

services = Table(
    "services",
    version_0001,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("organisation_id", Integer, ForeignKey("organisations.id"), nullable=False),
    Column("name", String(500), nullable=False),
    UniqueConstraint("organisation_id", "name"),
)

people = Table(
    "people",
    version_0001,
    Column("id", Integer, primary_key=True, autoincrement=True),
    # Normalised (checklist.domain.people.normalise_email), so equal addresses collide here.
    Column("email", String(320), nullable=False, unique=True),
    # "<issuer> <sub>", bound at the first sign-in; until then the invitation waits on the e-mail.
    Column("subject", String(1000), nullable=True, unique=True),
    Column("invited_at", DateTime(timezone=True), nullable=False),
    Column("first_signed_in_at", DateTime(timezone=True), nullable=True),
)

roles = Table(
    "roles",
    version_0001,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("person_id", Integer, ForeignKey("people.id"), nullable=False),
    Column("role", String(20), nullable=False),
    # 0 for a role over the whole server: NULLs never collide in a unique constraint.
    Column("organisation_id", Integer, nullable=False),
    UniqueConstraint("person_id", "role", "organisation_id"),
)

# Beside the assessments table rather than a column in it: the assessment store stays as it is,
# and an assessment made before sign-in was switched on simply has no owner.
assessment_owners = Table(
    "assessment_owners",
    version_0001,
    Column("assessment_id", String(64), primary_key=True),
    Column("organisation_id", Integer, ForeignKey("organisations.id"), nullable=False),
)

WHOLE_SERVER = 0
