"""The audit trail as a CSV file, through the one rule for text a spreadsheet could run."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from datetime import UTC

from checklist.domain.audit import AuditEvent
from checklist.render.spreadsheet import neutralise

CSV_COLUMNS = ("When (UTC)", "Who", "Action", "Object", "Object id", "Organisation id", "Detail")


def audit_csv(events: Iterable[AuditEvent]) -> bytes:
    """The events as a CSV file; every text cell that a spreadsheet could run is made inert (e-mails are typed)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for e in events:
        cells = (
            e.at.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S"),
            e.actor,
            e.action.value,
            e.object_kind.value,
            e.object_id,
            "" if e.organisation_id is None else str(e.organisation_id),
            e.detail,
        )
        writer.writerow([neutralise(c) for c in cells])
    # The byte-order mark makes Excel read the file as UTF-8, as the other CSV downloads do.
    return buffer.getvalue().encode("utf-8-sig")
