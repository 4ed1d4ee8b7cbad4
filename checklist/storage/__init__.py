"""Where assessments live between visits: a SQLAlchemy store (SQLite by default, PostgreSQL for teams)."""

from checklist.storage.store import (
    AssessmentStore,
    AssessmentSummary,
    StaleRevision,
    StoredAssessment,
    StoreError,
    StoreUnavailable,
    database_url,
)

__all__ = [
    "AssessmentStore",
    "AssessmentSummary",
    "StaleRevision",
    "StoreError",
    "StoreUnavailable",
    "StoredAssessment",
    "database_url",
]
