"""Small builders so tests state only what matters to them."""

from __future__ import annotations

from typing import Any

import yaml

from checklist.domain.assessment import Answer, AnswerValue, Assessment, BankRef, Service
from checklist.domain.bank import QuestionBank, parse_bank


def question(qid: str, **overrides: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "id": qid,
        "text": f"Question {qid}?",
        "why": "Because it matters.",
        "good_looks_like": "A written policy.",
        "weight": 2,
        "safety": False,
        "cost": "low",
        "sources": ["src"],
        "actions": [{"text": f"Fix {qid}.", "cost": "low"}],
    }
    return {**base, **overrides}


def bank_document(themes: dict[str, list[dict[str, Any]]] | None = None, **overrides: Any) -> dict[str, Any]:
    themes = themes or {"alpha": [question("a1"), question("a2", weight=3)], "beta": [question("b1", weight=1)]}
    base: dict[str, Any] = {
        "schema_version": 1,
        "id": "test-bank",
        "version": "1.0.0",
        "title": "Test bank",
        "description": "A tiny bank for tests.",
        "sources": [
            {"id": "src", "title": "A source", "publisher": "Someone", "year": 2021, "url": "https://example.org/"}
        ],
        "profile": [
            {
                "id": "groups",
                "text": "Do you run groups?",
                "options": [{"id": "yes", "label": "Yes"}, {"id": "no", "label": "No"}],
            },
        ],
        "themes": [
            {"id": tid, "title": tid.title(), "summary": f"Why {tid} matters.", "questions": qs}
            for tid, qs in themes.items()
        ],
    }
    return {**base, **overrides}


def make_bank(themes: dict[str, list[dict[str, Any]]] | None = None, **overrides: Any) -> QuestionBank:
    return parse_bank(yaml.safe_dump(bank_document(themes, **overrides)).encode(), "test-bank.yaml")


def make_assessment(bank: QuestionBank, answers: dict[str, str] | None = None, **overrides: Any) -> Assessment:
    def answer(value: str) -> Answer:
        return Answer(answer=AnswerValue(value), na_reason="We do not do this." if value == "na" else None)

    return Assessment(
        bank=BankRef(id=bank.id, version=bank.version, sha256=bank.sha256),
        service=overrides.pop("service", Service(name="Test service")),
        answers={qid: answer(v) for qid, v in (answers or {}).items()},
        **overrides,
    )
