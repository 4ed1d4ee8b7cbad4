"""Chart specs, tested through chart.to_dict() rather than pixels."""

from __future__ import annotations

from datetime import date
from typing import Any

from checklist.domain.plan import compare_with_previous, start_reassessment
from checklist.domain.scoring import score_assessment
from checklist.render.charts import delta_chart, theme_scores_chart
from tests.builders import make_assessment, make_bank, question

BANK = make_bank(
    {
        "alpha": [
            question("safe_cheap", safety=True, weight=3, cost="none"),
            question("safe_dear", safety=True, weight=3, cost="high"),
            question("cheap", weight=2, cost="low"),
            question("cheap2", weight=2, cost="low"),
        ],
        "beta": [question("dear", weight=1, cost="medium")],
        "gamma": [question("unanswered")],
    }
)
ANSWERS = {"safe_cheap": "not_met", "safe_dear": "partly", "cheap": "not_met", "cheap2": "unknown", "dear": "not_met"}
RESULT = score_assessment(BANK, make_assessment(BANK, ANSWERS))


def layer_data(spec: dict[str, Any]) -> list[dict[str, Any]]:
    data = spec.get("data") or spec["layer"][0]["data"]
    # Altair moves inline values into top-level named datasets.
    return list(data["values"] if "values" in data else spec["datasets"][data["name"]])


def test_theme_chart_has_one_bar_per_theme_with_its_score_written_on_it():
    rows = layer_data(theme_scores_chart(RESULT).to_dict())
    assert [(r["theme"], r["label"]) for r in rows] == [("Alpha", "15.0"), ("Beta", "0.0"), ("Gamma", "no score yet")]


def test_theme_chart_writes_the_values_as_a_text_layer():
    marks = [layer["mark"]["type"] for layer in theme_scores_chart(RESULT).to_dict()["layer"]]
    assert marks == ["bar", "text"]


def test_theme_chart_has_a_title_and_a_description_listing_every_score():
    spec = theme_scores_chart(RESULT).to_dict()
    assert (spec["title"]["text"], spec["description"]) == (
        "Score by theme",
        "Bar chart of the score out of 100 for each theme: Alpha 15.0, Beta 0.0, Gamma no score yet.",
    )


def test_theme_chart_scale_is_always_zero_to_a_hundred():
    assert theme_scores_chart(RESULT).to_dict()["layer"][0]["encoding"]["x"]["scale"]["domain"] == [0, 100]


def test_delta_chart_shows_signed_changes_overall_and_per_theme():
    old = make_assessment(BANK, ANSWERS, assessed_on=date(2025, 1, 1))
    new = start_reassessment(BANK, old, prefill=True, today=date(2026, 1, 1))
    new = new.with_answer("dear", make_assessment(BANK, {"dear": "met"}).answers["dear"])
    rows = layer_data(delta_chart(compare_with_previous(BANK, new, date(2026, 1, 1))).to_dict())  # type: ignore[arg-type]
    assert [(r["theme"], r["label"], r["direction"]) for r in rows] == [
        ("Overall", "+9.1", "Up"),
        ("Alpha", "+0.0", "No change"),
        ("Beta", "+100.0", "Up"),
        ("Gamma", "not comparable", "No change"),
    ]


def test_result_charts_fall_back_to_a_sans_serif_font_in_the_browser() -> None:
    assert theme_scores_chart(RESULT).to_dict()["config"]["font"] == "Noto Sans, sans-serif"


DRAFT = score_assessment(BANK, make_assessment(BANK, {"safe_cheap": "not_met", "dear": "met"}))


def test_a_drafts_theme_chart_marks_every_theme_score_as_draft():
    """Two of six questions answered (33%) is a draft: each bar's score says so, and the subtitle says why."""
    spec = theme_scores_chart(DRAFT).to_dict()
    labels = [r["label"] for r in layer_data(spec)]
    assert labels == ["0.0 (draft)", "100.0 (draft)", "no score yet"]
    assert (
        spec["title"]["subtitle"] == "Out of 100; higher is better. Draft: 2 of 6 questions answered: not yet a result"
    )


def test_a_finished_assessments_theme_chart_has_no_draft_mark():
    assert all("draft" not in r["label"] for r in layer_data(theme_scores_chart(RESULT).to_dict()))
