"""CSV and XLSX exports of a comparison, safe to open in a spreadsheet (every cell through `neutralise`)."""

from __future__ import annotations

import io
from collections.abc import Iterator, Mapping
from typing import Any

import pandas as pd

from checklist.domain.assessment import ANSWER_LABELS
from checklist.domain.compare import Comparison
from checklist.render.spreadsheet import neutralise

SERVICES = "Services"
COMMON_GAPS = "Common gaps"
NOTES = "Notes"


def _frame(records: list[dict[str, Any]], columns: list[str], safe: bool) -> pd.DataFrame:
    """A table; `safe` neutralises it for a spreadsheet, while the app shows text as typed."""
    if not safe:
        return pd.DataFrame(records, columns=columns)
    inert = [{neutralise(k): neutralise(v) for k, v in r.items()} for r in records]
    return pd.DataFrame(inert, columns=[neutralise(c) for c in columns])


def services_table(comparison: Comparison, *, safe: bool = True) -> pd.DataFrame:
    """One row per service: who, where, version, overall, completion and each theme's score."""
    themes = [t.title for t in comparison.themes]
    overdue = {p.key: p.overdue for p in comparison.plans}
    columns = [
        "Service",
        *([] if comparison.anonymised else ["Organisation"]),
        "Area",
        "Setting",
        "Bank version",
        "Assessed on",
        "Practice",
        "Overall score",
        "Completion (%)",
        "Answered",
        "Applicable",
        "Gaps",
        "Safety gaps",
        "Overdue actions",
        *themes,
    ]
    records = []
    for row in comparison.rows:
        record: dict[str, Any] = {
            "Service": row.name,
            "Organisation": row.organisation,
            "Area": row.area,
            "Setting": row.setting,
            "Bank version": row.bank_version,
            "Assessed on": row.assessed_on.isoformat() if row.assessed_on else "",
            "Practice": "yes" if row.practice else "no",
            "Overall score": row.overall,
            "Completion (%)": round(100 * row.completion, 1),
            "Answered": row.answered,
            "Applicable": row.applicable,
            "Gaps": row.gaps,
            "Safety gaps": row.safety_gaps,
            "Overdue actions": overdue.get(row.key, 0),
        }
        record.update(zip(themes, row.theme_scores, strict=True))
        records.append({c: record[c] for c in columns})
    return _frame(records, columns, safe)


def gaps_table(comparison: Comparison, *, safe: bool = True) -> pd.DataFrame:
    """One row per question that is a gap somewhere, most common first, with the bank's actions."""
    columns = [
        "Question id",
        "Theme",
        "Question",
        "Services with the gap",
        "Services that answered",
        "Safety",
        "Safety gaps",
        "To check",
        "Suggested actions",
    ]
    records = [
        {
            "Question id": g.question_id,
            "Theme": g.theme_title,
            "Question": g.text,
            "Services with the gap": g.services,
            "Services that answered": g.answered,
            "Safety": "yes" if g.safety else "no",
            "Safety gaps": g.safety_gaps,
            "To check": g.to_check,
            "Suggested actions": "\n".join(f"{a.text} (cost: {a.cost.value})" for a in g.actions),
        }
        for g in comparison.common_gaps
    ]
    return _frame(records, columns, safe)


def notes_table(comparison: Comparison, *, safe: bool = True) -> pd.DataFrame:
    """Free-text notes and not-applicable reasons: only exported when the user asks."""
    columns = ["Service", "Question id", "Answer", "Note", "Reason not applicable"]
    return _frame(list(_note_records(comparison)), columns, safe)


def _note_records(comparison: Comparison) -> Iterator[dict[str, Any]]:
    for row in comparison.rows:
        detail = comparison.detail(row.key)
        if detail is None:
            continue
        for qid, answer in sorted(detail.assessment.answers.items()):
            if answer.note or answer.na_reason:
                yield {
                    "Service": row.name,
                    "Question id": qid,
                    "Answer": ANSWER_LABELS[answer.answer],
                    "Note": answer.note or "",
                    "Reason not applicable": answer.na_reason or "",
                }


def comparison_tables(comparison: Comparison, *, include_notes: bool = False) -> dict[str, pd.DataFrame]:
    tables = {SERVICES: services_table(comparison), COMMON_GAPS: gaps_table(comparison)}
    if include_notes:
        tables[NOTES] = notes_table(comparison)
    return tables


def to_csv(table: pd.DataFrame) -> bytes:
    # The byte-order mark makes Excel read the file as UTF-8 (Welsh letters, curly quotes).
    return table.to_csv(index=False, lineterminator="\r\n").encode("utf-8-sig")


def to_xlsx(tables: Mapping[str, pd.DataFrame]) -> bytes:
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        for sheet, table in tables.items():
            table.to_excel(writer, sheet_name=sheet[:31], index=False)
    return buffer.getvalue()
