"""The tables of the women's survey: rounds, and the answers given in them.

`version_0003` is the schema migration 0003 creates, kept exactly as shipped. An answer row holds
no address, device, session or time of day: only the day it came, the answers and the comment.
"""

from __future__ import annotations

from sqlalchemy import Boolean, Column, Date, DateTime, ForeignKey, Index, Integer, MetaData, String, Table, Text

version_0003 = MetaData()

survey_rounds = Table(
    "survey_rounds",
    version_0003,
    Column("id", String(64), primary_key=True),
    Column("assessment_id", String(64), nullable=False, index=True),
    Column("document", Text, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
)

survey_responses = Table(
    "survey_responses",
    version_0003,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("round_id", String(64), ForeignKey("survey_rounds.id"), nullable=False),
    Column("received_on", Date, nullable=False),
    Column("document", Text, nullable=False),
    # Set when staff remove a comment that could identify someone; the comment itself is then gone.
    Column("comment_removed", Boolean, nullable=False, default=False),
    Index("ix_survey_responses_round", "round_id"),
)
