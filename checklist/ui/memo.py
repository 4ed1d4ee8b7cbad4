"""Work a page would otherwise redo on every rerun, kept in this session until its inputs change.

Streamlit runs the whole page again on every click and every refresh of a live view; scoring an
assessment and building its charts cost more than drawing them. The open assessment is a frozen
object that a save replaces, and the bank is one shared object, so identity says whether anything
changed: no hashing, and nothing is shared between sessions.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import streamlit as st

from checklist.domain.assessment import Assessment
from checklist.domain.bank import QuestionBank
from checklist.domain.scoring import ScoreResult, score_assessment
from checklist.ui import state

T = TypeVar("T")


def remembered(name: str, inputs: tuple[object, ...], make: Callable[[], T]) -> T:
    """`make()`, or what it gave last time in this session for the very same `inputs` objects."""
    memo: dict[str, tuple[tuple[object, ...], Any]] = st.session_state.setdefault(state.MEMO, {})
    kept = memo.get(name)
    if kept is not None and len(kept[0]) == len(inputs) and all(a is b for a, b in zip(kept[0], inputs, strict=True)):
        value: T = kept[1]
        return value
    made = make()
    memo[name] = (inputs, made)
    return made


def score(bank: QuestionBank, assessment: Assessment) -> ScoreResult:
    """score_assessment, once per saved version of the assessment."""
    return remembered("score", (bank, assessment), lambda: score_assessment(bank, assessment))


def chart_spec(name: str, source: object, build: Callable[[], Any]) -> dict[str, Any]:
    """A chart's Vega-Lite spec, built again only when `source` (a core result) is a new object."""

    def spec() -> dict[str, Any]:
        made: dict[str, Any] = build().to_dict()
        return made

    return remembered(f"chart-{name}", (source,), spec)


def show_chart(name: str, source: object, build: Callable[[], Any], where: Any = None) -> None:
    """Draw a remembered chart in `where` (a column or container), or in the page."""
    (where or st).vega_lite_chart(spec=chart_spec(name, source, build), width="stretch")
