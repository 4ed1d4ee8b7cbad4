"""CSV and XLSX exports of a comparison, safe to open in a spreadsheet.

Text from submissions can start with '=' or '+' (a pasted formula, a phone
number); a spreadsheet would run it. Every such text cell gets a leading
single quote, while numbers stay numbers so they still sort and sum. The
tables themselves are the page's (compare_tables), so the two cannot disagree.
"""

from __future__ import annotations

import io
from collections.abc import Mapping

import pandas as pd

from checklist.domain.compare import Comparison
from checklist.render.compare_tables import (
    gaps_table,
    left_apart_table,
    notes_table,
    overdue_table,
    plans_table,
    services_table,
)
from checklist.render.spreadsheet import neutralise

__all__ = [
    "ACTION_PLANS",
    "COMMON_GAPS",
    "DRAFTS",
    "NOTES",
    "OVERDUE",
    "SERVICES",
    "comparison_tables",
    "gaps_table",
    "neutralise",
    "notes_table",
    "services_table",
    "to_csv",
    "to_xlsx",
    "workbook_tables",
]

SERVICES = "Services"
COMMON_GAPS = "Common gaps"
ACTION_PLANS = "Action plans"
OVERDUE = "Overdue actions"
DRAFTS = "Drafts left out"
NOTES = "Notes"


def comparison_tables(comparison: Comparison, *, include_notes: bool = False) -> dict[str, pd.DataFrame]:
    """The page's tables, made inert: services, common gaps, plans, overdue actions, drafts left out, notes."""
    tables = {SERVICES: services_table(comparison), COMMON_GAPS: gaps_table(comparison)}
    if include_notes:
        tables[NOTES] = notes_table(comparison)
    return tables


def workbook_tables(comparison: Comparison, *, include_notes: bool = False) -> dict[str, pd.DataFrame]:
    """Every sheet of the Excel download: the CSV tables plus the action plans and any drafts left out."""
    tables = {SERVICES: services_table(comparison), COMMON_GAPS: gaps_table(comparison)}
    tables[ACTION_PLANS] = plans_table(comparison)
    tables[OVERDUE] = overdue_table(comparison)
    if comparison.drafts_apart:
        tables[DRAFTS] = left_apart_table(comparison.drafts_apart)
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
