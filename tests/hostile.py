"""Hostile text for every text field: import it in PDF, CSV, XLSX, UI and browser tests.

Each string is something a real user may paste (a formula, a heading, a link)
or something an attacker may try (a script, a right-to-left override). The app
must show every one literally, keep it byte for byte, and never run it.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from checklist.domain.assessment import (
    Answer,
    AnswerValue,
    Assessment,
    Assessor,
    PlannedAction,
    Service,
)
from checklist.domain.bank import QuestionBank
from tests.builders import make_assessment

LONG_LINE = "W" * 10_000  # widest letter, no space to break at: a test of wrapping, not of length limits

HOSTILE: dict[str, str] = {
    "html": '<b>bold</b> <img src=x onerror="alert(1)"> &amp; &lt;',
    "script": "<script>alert('pwned')</script>",
    "markdown_bold": "**bold** and __also bold__",
    "markdown_link": "[link](http://x)",
    "markdown_heading": "# heading",
    "markdown_list_and_code": "- item\n1. first\n```\ncode\n```",
    "streamlit_markup": ":red[red] :material/warning: $x^2$ :smile:",
    "formula_equals": "=1+1",
    "formula_plus": "+cmd|' /C calc'!A0",
    "formula_minus": "-2",
    "formula_at": "@SUM(1+1)",
    "formula_hyperlink": '=HYPERLINK("http://x","click")',
    "formula_after_tab": "\t=1+1",
    "formula_after_carriage_return": "\r=1+1",
    "rtl_override": "invoice\u202efdp.exe",
    "zero_width": "zero\u200bwidth\u200djoiner\ufeff",
    "sql": "'; DROP TABLE assessments; --",
    "backslashes": "C:\\new\\table \\* \\_",
    "newlines": "line one\nline two\r\nline three",
    "welsh_and_quotes": "Gwasanaeth ŵ ŷ “curly” ‘quotes’",
    "long_line": LONG_LINE,
}

# Names, organisations and owners hold at most 500 characters (ShortText in assessment.py).
HOSTILE_SHORT: dict[str, str] = {name: text for name, text in HOSTILE.items() if len(text) <= 500}


def hostile_assessment(bank: QuestionBank, text: str, short_text: str | None = None, **overrides: Any) -> Assessment:
    """An assessment with `text` in every free-text field: service, assessor, notes, reasons and actions.

    Fields limited to 500 characters get `short_text` (by default `text`, cut to 500).
    """
    short = short_text if short_text is not None else text[:500]
    ids = [q.id for _, q in bank.questions()]
    # Dated, so that the PDF action plan can be made of it (it needs a name, an organisation and a date).
    base = make_assessment(bank, dict.fromkeys(ids, "not_met"), **{"assessed_on": date(2026, 3, 1), **overrides})
    answers = {qid: Answer(answer=AnswerValue.NOT_MET, note=text) for qid in ids[1:]}
    answers[ids[0]] = Answer(answer=AnswerValue.NA, note=text, na_reason=text)
    return base.model_copy(
        update={
            "service": Service(name=short, organisation=short, area=short, profile=base.service.profile),
            "assessor": Assessor(name=short, role=short),
            "answers": answers,
            "actions": [PlannedAction(id="hostile", question_id=ids[-1], text=text, owner=short)],
        }
    )
