"""Chart specs for the comparison: services x themes heatmap, and the spread of each theme's scores.

Every number comes from the Comparison; charts only place them. Scores are
written in the heatmap's cells, so colour is never the only signal.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import altair as alt
import pandas as pd

from checklist.domain.compare import Comparison, ServiceRow

FONT = "Noto Sans"
BLUE = "#0072B2"
HEATMAP_LIMIT = 60
# Vega's "blues" scheme, which it interpolates linearly in RGB between these stops (0, 10, …, 100);
# the PDF draws its heatmap with the same colours as the app's chart.
HEAT_STOPS = (
    "cfe1f2",
    "bed8ec",
    "a8cee5",
    "8fc1de",
    "74b2d7",
    "5ba3cf",
    "4592c6",
    "3181bd",
    "206fb2",
    "125ca4",
    "0a4a90",
)
BLACK = (0, 0, 0)
WHITE = (255, 255, 255)
Colour = tuple[int, int, int]
# A theme with no answers has no score (not zero); a dash fits the narrowest cell.
NO_SCORE = "–"
SORTS = {
    "Overall score, lowest first": lambda r: (r.overall is None, r.overall or 0.0, r.label),
    "Overall score, highest first": lambda r: (r.overall is None, -(r.overall or 0.0), r.label),
    "Completion, lowest first": lambda r: (r.completion, r.label),
    "Name": lambda r: (r.name.casefold(), r.label),
}


def sorted_rows(comparison: Comparison, sort: str) -> list[ServiceRow]:
    return sorted(comparison.rows, key=SORTS.get(sort, SORTS["Name"]))


def heat_colour(score: float) -> Colour:
    """The heatmap's fill for a score out of 100."""
    position = min(max(score, 0.0), 100.0) / 10
    low = min(int(position), len(HEAT_STOPS) - 2)
    start, end = _rgb(HEAT_STOPS[low]), _rgb(HEAT_STOPS[low + 1])
    share = position - low
    r, g, b = (round(a + (z - a) * share) for a, z in zip(start, end, strict=True))
    return (r, g, b)


def ink(fill: Colour) -> Colour:
    """Black or white, whichever contrasts more with `fill` (WCAG contrast ratio)."""
    light = _luminance(fill)
    return BLACK if (light + 0.05) / 0.05 >= 1.05 / (light + 0.05) else WHITE


def _rgb(hex_colour: str) -> Colour:
    return (int(hex_colour[0:2], 16), int(hex_colour[2:4], 16), int(hex_colour[4:6], 16))


def _luminance(colour: Colour) -> float:
    def linear(channel: int) -> float:
        c = channel / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (linear(c) for c in colour)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


# The lowest score whose cell takes white text; the chart's text colour is a threshold on the score.
WHITE_INK_FROM = next(s for s in range(101) if ink(heat_colour(s)) == WHITE)


def heatmap_frame(comparison: Comparison, rows: Sequence[ServiceRow]) -> pd.DataFrame:
    records = [
        {
            "Service": r.name,
            "Key": r.key,
            "Theme": t.title,
            "Score": score,
            "Label": NO_SCORE if score is None else f"{score:.0f}",
            "Overall": r.overall,
        }
        for r in rows
        for t, score in zip(comparison.themes, r.theme_scores, strict=True)
    ]
    return pd.DataFrame(records, columns=["Service", "Key", "Theme", "Score", "Label", "Overall"])


def heatmap_chart(comparison: Comparison, rows: Sequence[ServiceRow]) -> Any:
    """One row per service (in the order given), one column per theme; empty cells have no score."""
    data = heatmap_frame(comparison, rows)
    order = [r.name for r in rows]
    themes = [t.title for t in comparison.themes]
    base = alt.Chart(data).encode(
        x=alt.X("Theme:N", sort=themes, axis=alt.Axis(labelAngle=-35, labelLimit=180), title=None),
        y=alt.Y("Service:N", sort=order, title=None, axis=alt.Axis(labelLimit=220)),
        tooltip=["Service", "Theme", alt.Tooltip("Score:Q", format=".1f"), alt.Tooltip("Overall:Q", format=".1f")],
    )
    cells = base.mark_rect(stroke="white").encode(
        color=alt.Color("Score:Q", scale=alt.Scale(domain=[0, 100], scheme="blues"), title="Theme score"),
    )
    labels = base.mark_text(fontSize=10).encode(
        text="Label:N",
        color=alt.condition(f"datum.Score >= {WHITE_INK_FROM}", alt.value("white"), alt.value("black")),
    )
    # A fixed step per service, so rows keep their height whatever size the page gives the chart.
    return (cells + labels).properties(height=alt.Step(22)).configure(font=FONT).configure_view(stroke=None)


def spread_frame(comparison: Comparison) -> pd.DataFrame:
    records = [
        {
            "Theme": s.title,
            "Services": s.services,
            "Minimum": s.minimum,
            "Lower quartile": s.lower_quartile,
            "Median": s.median,
            "Upper quartile": s.upper_quartile,
            "Maximum": s.maximum,
        }
        for s in comparison.spread
    ]
    columns = ["Theme", "Services", "Minimum", "Lower quartile", "Median", "Upper quartile", "Maximum"]
    return pd.DataFrame(records, columns=columns)


def spread_chart(comparison: Comparison) -> Any:
    """A box per theme drawn from the core's quartiles: whiskers min to max, box the middle half, tick the median."""
    data = spread_frame(comparison).dropna(subset=["Median"])
    themes = [s.title for s in comparison.spread]
    base = alt.Chart(data).encode(y=alt.Y("Theme:N", sort=themes, title=None, axis=alt.Axis(labelLimit=220)))
    whisker = base.mark_rule(color="#666666").encode(
        x=alt.X("Minimum:Q", scale=alt.Scale(domain=[0, 100]), title="Theme score (0-100)"), x2="Maximum:Q"
    )
    box = base.mark_bar(color=BLUE, opacity=0.5, size=14).encode(x="Lower quartile:Q", x2="Upper quartile:Q")
    median = base.mark_tick(color="black", thickness=3, size=18).encode(
        x="Median:Q", tooltip=["Theme", "Services", "Minimum", "Lower quartile", "Median", "Upper quartile", "Maximum"]
    )
    return (whisker + box + median).properties(height=max(60, 28 * len(themes))).configure(font=FONT)
