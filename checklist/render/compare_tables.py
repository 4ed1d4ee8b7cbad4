"""The comparison's tables, built once for the page and for every download (CSV, XLSX, CLI).

The screen and the files cannot disagree: both take their rows and columns from
here. Key numbers come first (overall score, completion, gaps), questions are
shown by their words in bank order, and ids go last. `safe` makes text inert for
a spreadsheet (exports.neutralise); the app shows text as typed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pandas as pd

from checklist.domain.assessment import ANSWER_LABELS, PlannedAction
from checklist.domain.compare import Comparison, Intake, ServiceDetail, ServiceRow
from checklist.domain.wording import long_date, question_words
from checklist.render.spreadsheet import neutralise

HIDDEN = "hidden while services are anonymised"
SCORE_COLUMNS = ("Overall score", "Completion (%)")
NO_DRAFT = ""


def _frame(records: list[dict[str, Any]], columns: list[str], safe: bool) -> pd.DataFrame:
    if not safe:
        return pd.DataFrame(records, columns=columns)
    inert = [{neutralise(k): neutralise(v) for k, v in r.items()} for r in records]
    return pd.DataFrame(inert, columns=[neutralise(c) for c in columns])


def theme_columns(comparison: Comparison) -> list[str]:
    return [t.title for t in comparison.themes]


def services_table(comparison: Comparison, *, safe: bool = True, rows: list[ServiceRow] | None = None) -> pd.DataFrame:
    """One row per service: the figures a decision needs first, then each theme, then who and where."""
    themes = theme_columns(comparison)
    overdue = {p.key: p.overdue for p in comparison.plans}
    columns = [
        "Service",
        "Overall score",
        "Completion (%)",
        "Draft",
        "Gaps",
        "Safety gaps",
        "Overdue actions",
        *themes,
        *([] if comparison.anonymised else ["Organisation"]),
        "Area",
        "Setting",
        "Bank version",
        "Assessed on",
        "Practice",
        "Answered",
        "Applicable",
    ]
    records = []
    for row in comparison.rows if rows is None else rows:
        record: dict[str, Any] = {
            "Service": row.name,
            "Overall score": row.overall,
            "Completion (%)": round(100 * row.completion, 1),
            "Draft": row.draft_label or NO_DRAFT,
            "Gaps": row.gaps,
            "Safety gaps": row.safety_gaps,
            "Overdue actions": overdue.get(row.key, 0),
            "Organisation": row.organisation,
            "Area": row.area,
            "Setting": row.setting,
            "Bank version": row.bank_version,
            "Assessed on": long_date(row.assessed_on),
            "Practice": "yes" if row.practice else "no",
            "Answered": row.answered,
            "Applicable": row.applicable,
        }
        record.update(zip(themes, row.theme_scores, strict=True))
        records.append({c: record[c] for c in columns})
    return _frame(records, columns, safe)


def left_apart_table(rows: tuple[ServiceRow, ...], *, safe: bool = True) -> pd.DataFrame:
    """Practice files or drafts listed apart from the figures: who, score, how far answered."""
    columns = ["Service", "Overall score", "Completion (%)", "Draft"]
    records = [
        {
            "Service": r.name,
            "Overall score": r.overall,
            "Completion (%)": round(100 * r.completion, 1),
            "Draft": r.draft_label or NO_DRAFT,
        }
        for r in rows
    ]
    return _frame(records, columns, safe)


def gaps_table(comparison: Comparison, *, safe: bool = True) -> pd.DataFrame:
    """One row per question that is a gap somewhere, most common first, with the bank's actions; id last."""
    columns = [
        "Question",
        "Services with the gap",
        "Services that answered",
        "Safety gaps",
        "To check",
        "Theme",
        "Suggested actions",
        "Question id",
    ]
    records = [
        {
            "Question": g.text,
            "Services with the gap": g.services,
            "Services that answered": g.answered,
            "Safety gaps": g.safety_gaps,
            "To check": g.to_check,
            "Theme": g.theme_title,
            "Suggested actions": "\n".join(f"{a.text} (cost: {a.cost.value})" for a in g.actions),
            "Question id": g.question_id,
        }
        for g in comparison.common_gaps
    ]
    return _frame(records, columns, safe)


def plans_table(comparison: Comparison, *, safe: bool = True) -> pd.DataFrame:
    """Each service's actions counted by status, overdue first."""
    columns = ["Service", "Overdue", "Planned", "In progress", "Done", "Dropped"]
    records = [
        {
            "Service": p.name,
            "Overdue": p.overdue,
            "Planned": p.planned,
            "In progress": p.in_progress,
            "Done": p.done,
            "Dropped": p.dropped,
        }
        for p in comparison.plans
    ]
    return _frame(records, columns, safe)


def overdue_table(comparison: Comparison, *, safe: bool = True) -> pd.DataFrame:
    """Every overdue action with its service; owners are hidden when services are anonymised."""
    columns = ["Service", "Question", "Action", "Owner", "Due", "Status"]
    records = [
        {"Service": row.name, **_action_record(comparison, a)}
        for row in comparison.rows
        if (detail := comparison.detail(row.key)) is not None
        for a in _in_bank_order(comparison, detail.overdue)
    ]
    return _frame([{c: r[c] for c in columns} for r in records], columns, safe)


def answers_table(comparison: Comparison, detail: ServiceDetail, *, safe: bool = True) -> pd.DataFrame:
    """One service's answers by theme, in bank order; notes and reasons hidden when anonymised."""
    columns = ["Theme", "Question", "Answer", "Note", "Reason not applicable"]
    answers = detail.assessment.answers
    records = [
        {
            "Theme": comparison.question_themes.get(qid, ""),
            "Question": question_words(comparison.question_texts, qid),
            "Answer": ANSWER_LABELS[answers[qid].answer],
            "Note": _private(comparison, answers[qid].note or ""),
            "Reason not applicable": _private(comparison, answers[qid].na_reason or ""),
        }
        for qid in _ordered_ids(comparison, answers)
    ]
    return _frame(records, columns, safe)


def service_plan_table(comparison: Comparison, detail: ServiceDetail, *, safe: bool = True) -> pd.DataFrame:
    """One service's action plan in bank order of its questions, overdue ones marked."""
    columns = ["Question", "Action", "Owner", "Due", "Status", "Overdue"]
    overdue = {a.id for a in detail.overdue}
    records = [
        {**_action_record(comparison, a), "Overdue": "yes" if a.id in overdue else ""}
        for a in _in_bank_order(comparison, detail.assessment.actions)
    ]
    return _frame(records, columns, safe)


def notes_table(comparison: Comparison, *, safe: bool = True) -> pd.DataFrame:
    """Free-text notes and not-applicable reasons: only exported when the user asks."""
    columns = ["Service", "Question", "Answer", "Note", "Reason not applicable", "Question id"]
    return _frame(list(_note_records(comparison)), columns, safe)


def _note_records(comparison: Comparison) -> Iterator[dict[str, Any]]:
    for row in comparison.rows:
        detail = comparison.detail(row.key)
        if detail is None:
            continue
        answers = detail.assessment.answers
        for qid in _ordered_ids(comparison, answers):
            answer = answers[qid]
            if answer.note or answer.na_reason:
                yield {
                    "Service": row.name,
                    "Question": question_words(comparison.question_texts, qid),
                    "Answer": ANSWER_LABELS[answer.answer],
                    "Note": answer.note or "",
                    "Reason not applicable": answer.na_reason or "",
                    "Question id": qid,
                }


def file_table(intake: Intake, comparison: Comparison | None, *, anonymise: bool) -> pd.DataFrame:
    """The file report: each file's status, why, and whether it is a draft; names become 'file 1…' when anonymised."""
    drafts = _drafts_by_digest(comparison)
    labels = {r.name: f"file {i}" for i, r in enumerate(intake.reports, 1)}
    hide = _name_hider(labels) if anonymise else (lambda text: text)
    digests = {s.name: s.digest[:16] for s in intake.submissions}
    records = [
        {
            "File": labels[r.name] if anonymise else r.name,
            "Status": r.status.label,
            "Draft": drafts.get(digests.get(r.name, ""), NO_DRAFT),
            "Reason": hide(r.reason),
            "Warnings": hide("\n".join(r.warnings)),
        }
        for r in intake.reports
    ]
    return pd.DataFrame(records, columns=["File", "Status", "Draft", "Reason", "Warnings"])


def _drafts_by_digest(comparison: Comparison | None) -> dict[str, str]:
    if comparison is None:
        return {}
    return {key: d.row.draft_label for key, d in comparison.details.items() if d.row.draft_label}


def _name_hider(labels: dict[str, str]) -> Callable[[str], str]:
    """Replaces every file name in a message with its label, longest first so a name inside another stays hidden."""
    names = sorted(labels, key=len, reverse=True)

    def hide(text: str) -> str:
        for name in names:
            if name:
                text = text.replace(name, labels[name])
        return text

    return hide


def _action_record(comparison: Comparison, action: PlannedAction) -> dict[str, Any]:
    return {
        "Question": question_words(comparison.question_texts, action.question_id),
        "Action": action.text,
        "Owner": _private(comparison, action.owner),
        "Due": long_date(action.due),
        "Status": action.status.label,
    }


def _private(comparison: Comparison, text: str) -> str:
    return HIDDEN if comparison.anonymised and text else text


def _ordered_ids(comparison: Comparison, answers: dict[str, Any]) -> list[str]:
    order = comparison.question_order
    return sorted(answers, key=lambda qid: (qid not in order, order.get(qid, 0), qid))


def _in_bank_order(
    comparison: Comparison, actions: tuple[PlannedAction, ...] | list[PlannedAction]
) -> list[PlannedAction]:
    order = comparison.question_order
    # sorted() is stable, so actions on one question keep the order they were planned in.
    return sorted(actions, key=lambda a: (a.question_id not in order, order.get(a.question_id, 0)))
