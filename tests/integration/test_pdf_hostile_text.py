"""Hostile text in the PDFs: printed as typed, wrapped, and never drawn past the page's margins.

The action plan holds every free-text field of an assessment; the area summary
holds the service names and areas. Read back with pdftotext, and with
`pdftotext -bbox` for where each word sits on its page.
"""

from __future__ import annotations

import re
import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from checklist.domain.assessment import Answer, AnswerValue, Assessment, Assessor, PlannedAction, Service
from checklist.domain.compare import compare_assessments
from checklist.domain.scoring import score_assessment
from checklist.render.area_pdf import build_area_summary_pdf
from checklist.render.pdf import CELL_LIMIT, build_action_plan_pdf
from tests.builders import make_assessment, make_bank
from tests.hostile import HOSTILE, LONG_LINE, hostile_assessment

BANK = make_bank()
CREATED = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)
TODAY = date(2026, 3, 2)
MM = 72 / 25.4  # PDF points in a millimetre
MARGIN = 15 * MM  # PlanDocument's left and right margins
SLACK = 1.0  # points: glyph boxes may poke a hair past the cell they were measured for
# A few of each kind: markup the browser could run, markup a renderer could read, formulas, invisible characters.
REPRESENTATIVE = [
    "html",
    "script",
    "markdown_link",
    "markdown_list_and_code",
    "streamlit_markup",
    "formula_hyperlink",
    "formula_after_tab",
    "rtl_override",
    "zero_width",
    "newlines",
    "welsh_and_quotes",
]
# pdftotext wraps right-to-left runs in embedding marks of its own; they are not in the PDF's text.
_EXTRACTION_MARKS = dict.fromkeys(map(ord, "\u202a\u202b\u202c\u2066\u2067\u2068\u2069"))
_WORD = re.compile(r'<word xMin="([-\d.]+)" yMin="([-\d.]+)" xMax="([-\d.]+)" yMax="([-\d.]+)">')
_PAGE = re.compile(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', re.DOTALL)


@dataclass(frozen=True)
class Placed:
    """One word's box on one page, in points from the top left."""

    page: int
    x_min: float
    y_min: float
    x_max: float
    y_max: float
    page_width: float
    page_height: float

    def inside_margins(self) -> bool:
        across = self.x_min >= MARGIN - SLACK and self.x_max <= self.page_width - MARGIN + SLACK
        return across and self.y_min >= 0 and self.y_max <= self.page_height


def action_plan(assessment: Assessment) -> bytes:
    result = score_assessment(BANK, assessment)
    return build_action_plan_pdf(BANK, assessment, result, tool_version="9.9.9", creation_date=CREATED)


def area_summary(assessment: Assessment) -> bytes:
    comparison = compare_assessments(BANK, (assessment,), today=TODAY)
    return build_area_summary_pdf(comparison, tool_version="9.9.9", creation_date=CREATED)


def pdftotext(pdf: bytes, folder: Path, *options: str) -> str:
    path = folder / "hostile.pdf"
    path.write_bytes(pdf)
    command = ["pdftotext", *options, str(path), "-"]
    return subprocess.run(command, capture_output=True, text=True, check=True).stdout


def without_spaces(text: str) -> str:
    """Text with every space and line break gone, so wrapping (even inside a word) does not matter."""
    return "".join(text.translate(_EXTRACTION_MARKS).split())


def word_boxes(pdf: bytes, folder: Path) -> list[Placed]:
    boxes = []
    for number, (width, height, body) in enumerate(_PAGE.findall(pdftotext(pdf, folder, "-bbox")), 1):
        for found in _WORD.finditer(body):
            x_min, y_min, x_max, y_max = map(float, found.groups())
            boxes.append(Placed(number, x_min, y_min, x_max, y_max, float(width), float(height)))
    return boxes


def plain_assessment() -> Assessment:
    """No W anywhere in what the user typed, so a long line of W's can be counted on the pages."""
    base = make_assessment(
        BANK,
        {"a1": "na", "a2": "not_met", "b1": "partly"},
        service=Service(name="Plain service", organisation="Plain trust", area="Plainshire"),
        assessor=Assessor(name="Sam", role="Manager"),
        assessed_on=date(2026, 3, 1),
    )
    answers = {**base.answers, "a1": Answer(answer=AnswerValue.NA, na_reason="No such clinic here.")}
    action = PlannedAction(id="act", question_id="a2", text="Put up a poster.", owner="Sam")
    return base.model_copy(update={"answers": answers, "actions": [action]})


def with_long_line(assessment: Assessment, field: str) -> Assessment:
    answers, actions = dict(assessment.answers), list(assessment.actions)
    if field == "note":
        answers["b1"] = Answer(answer=AnswerValue.PARTLY, note=LONG_LINE)
    elif field == "reason":
        answers["a1"] = Answer(answer=AnswerValue.NA, na_reason=LONG_LINE)
    else:
        actions = [actions[0].model_copy(update={"text": LONG_LINE})]
    return assessment.model_copy(update={"answers": answers, "actions": actions})


@pytest.mark.parametrize("name", REPRESENTATIVE)
def test_the_action_plan_prints_hostile_text_as_typed(name: str, tmp_path: Path) -> None:
    text = HOSTILE[name]

    printed = pdftotext(action_plan(hostile_assessment(BANK, text)), tmp_path)

    assert without_spaces(text) in without_spaces(printed)


@pytest.mark.parametrize("name", REPRESENTATIVE)
def test_the_area_summary_prints_hostile_service_names_as_typed(name: str, tmp_path: Path) -> None:
    text = HOSTILE[name]

    printed = pdftotext(area_summary(hostile_assessment(BANK, text)), tmp_path)

    assert without_spaces(text) in without_spaces(printed)


@pytest.mark.parametrize("name", [*REPRESENTATIVE, "long_line"])
@pytest.mark.parametrize("build", [action_plan, area_summary], ids=["action plan", "area summary"])
def test_hostile_text_never_runs_past_the_margins(
    name: str, build: Callable[[Assessment], bytes], tmp_path: Path
) -> None:
    pdf = build(hostile_assessment(BANK, HOSTILE[name]))

    boxes = word_boxes(pdf, tmp_path)

    assert boxes
    assert [box for box in boxes if not box.inside_margins()] == []


# Where a 10,000-character line typed in each field is printed, and how many times: a reason is
# listed again under "how the scoring works"; an action is cut in the plan's table and given whole after it.
LONG_LINE_COPIES = {"note": 10_000, "reason": 2 * 10_000, "action": 10_000 + CELL_LIMIT - 1}


@pytest.mark.parametrize("field", sorted(LONG_LINE_COPIES))
def test_a_ten_thousand_character_line_is_printed_whole(field: str, tmp_path: Path) -> None:
    plain = plain_assessment()
    before = pdftotext(action_plan(plain), tmp_path).count("W")

    after = pdftotext(action_plan(with_long_line(plain, field)), tmp_path).count("W")

    assert after - before == LONG_LINE_COPIES[field]
