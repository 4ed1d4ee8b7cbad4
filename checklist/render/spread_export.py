"""The workshop's spread of answers as files to keep beside the consensus assessment."""

from __future__ import annotations

import csv
import io
import json

from checklist.domain.bank import QuestionBank
from checklist.domain.workshop import Workshop, spread_records
from checklist.render.spreadsheet import neutralise  # bank text too: a bank is a file anyone can edit


def spread_csv(bank: QuestionBank, workshop: Workshop) -> bytes:
    """One row per question, most disagreed first; UTF-8 with a BOM so Excel reads it right."""
    rows = spread_records(bank, workshop)
    buffer = io.StringIO()
    if rows:
        writer = csv.DictWriter(buffer, fieldnames=list(rows[0]), lineterminator="\r\n")
        writer.writeheader()
        writer.writerows({k: neutralise(v) for k, v in row.items()} for row in rows)
    return buffer.getvalue().encode("utf-8-sig")


def spread_json(bank: QuestionBank, workshop: Workshop) -> bytes:
    """The spread with what identifies the workshop and the assessment it became."""
    document = {
        "format": "checklist.workshop-spread",
        "workshop_id": workshop.id,
        "join_code": workshop.join_code,
        "bank": workshop.bank.model_dump(),
        "participants": len(workshop.participants),
        "consensus_assessment_id": workshop.consensus_assessment_id,
        "questions": spread_records(bank, workshop),
    }
    return json.dumps(document, indent=2, ensure_ascii=False).encode("utf-8")
