"""Chart specs for the comparison: services x themes heatmap, and the spread of each theme's scores.

Every number comes from the Comparison; charts only place them. Scores are
written in the heatmap's cells, so colour is never the only signal.
"""

from __future__ import annotations

import math
import textwrap
from collections.abc import Sequence
from typing import Any, TypeVar

import altair as alt
import pandas as pd

from checklist.domain.compare import Comparison, ServiceRow
from checklist.domain.wording import NO_SCORE_CELL

# The browser may not have Noto Sans; without a generic family it would fall back to a serif.
FONT = "Noto Sans, sans-serif"
BLUE = "#0072B2"
HEATMAP_LIMIT = 60
# Services per heatmap chart, and how their names are wrapped, so names stay level and readable.
HEATMAP_COLUMNS = 7
COLUMN_STEP = 84
COLUMN_CHARS = 11
COLUMN_LINES = 4
THEME_LABEL_LIMIT = 360
LINE_HEIGHT = 14
INK_TEXT = "#262730"
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
Row = TypeVar("Row")
# A theme with no answers has no score (not zero); a dash fits the narrowest cell.
NO_SCORE = NO_SCORE_CELL
# Under a draft's name in the heatmap: its scores are not yet a result.
DRAFT_MARK = "(draft)"
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


def blocks(rows: Sequence[Row], most: int) -> list[Sequence[Row]]:
    """`rows` in order, cut into the fewest blocks of at most `most`, as even in size as possible."""
    if not rows:
        return []
    size = math.ceil(len(rows) / math.ceil(len(rows) / most))
    return [rows[i : i + size] for i in range(0, len(rows), size)]


def column_labels(rows: Sequence[ServiceRow]) -> list[str]:
    """Each service's name wrapped for a narrow column, lines joined by a line break; a repeated name gets a number.

    Every label gets as many lines as the longest (blank lines first), because Vega
    hangs extra lines below a label's anchor, which the chart's top edge would cover.
    """
    wrapped: list[list[str]] = []
    for row in rows:
        lines = textwrap.wrap(row.name, COLUMN_CHARS) or [row.name]
        if len(lines) > COLUMN_LINES:
            lines = [*lines[: COLUMN_LINES - 1], lines[COLUMN_LINES - 1][: COLUMN_CHARS - 1] + "…"]
        if row.is_draft:
            lines = [*lines, DRAFT_MARK]
        # Two services of the same name would otherwise share, and overdraw, one column.
        if lines in wrapped:
            lines = [*lines, f"({len(wrapped) + 1})"]
        wrapped.append(lines)
    most = max((len(lines) for lines in wrapped), default=1)
    return ["\n".join([""] * (most - len(lines)) + lines) for lines in wrapped]


def heatmap_frame(comparison: Comparison, rows: Sequence[ServiceRow]) -> pd.DataFrame:
    columns = column_labels(rows)
    records = [
        {
            "Service": r.name,
            "Column": column,
            "Key": r.key,
            "Theme": t.title,
            "Score": score,
            "Label": NO_SCORE if score is None else f"{score:.0f}",
            "Overall": r.overall,
            "Draft": r.draft_label or "",
        }
        for r, column in zip(rows, columns, strict=True)
        for t, score in zip(comparison.themes, r.theme_scores, strict=True)
    ]
    return pd.DataFrame(records, columns=["Service", "Column", "Key", "Theme", "Score", "Label", "Overall", "Draft"])


def heatmap_chart(comparison: Comparison, rows: Sequence[ServiceRow]) -> Any:
    """One row per theme, whole titles level; one column per service, in the order given; empty cells have no score.

    Meant for up to HEATMAP_COLUMNS services: show more as several charts (`blocks`).
    """
    data = heatmap_frame(comparison, rows)
    themes = [t.title for t in comparison.themes]
    columns = column_labels(rows)
    lines = max((c.count("\n") + 1 for c in columns), default=1)
    base = alt.Chart(data).encode(
        x=alt.X(
            "Column:N",
            sort=columns,
            title=None,
            # Labels carry "\n" between lines; Vega draws an array of strings as lines.
            axis=alt.Axis(
                orient="top",
                labelAngle=0,
                labelExpr="split(datum.label, '\\n')",
                labelLimit=0,
                labelLineHeight=LINE_HEIGHT,
                labelPadding=(lines - 1) * LINE_HEIGHT + 4,
                # Every service keeps its name: Vega would hide labels it thinks overlap.
                labelOverlap=False,
            ),
        ),
        y=alt.Y("Theme:N", sort=themes, title=None, axis=alt.Axis(labelLimit=THEME_LABEL_LIMIT)),
        tooltip=[
            "Service",
            "Theme",
            alt.Tooltip("Score:Q", format=".1f"),
            alt.Tooltip("Overall:Q", format=".1f"),
            "Draft",
        ],
    )
    cells = base.mark_rect(stroke="white").encode(
        color=alt.Color(
            "Score:Q",
            scale=alt.Scale(domain=[0, 100], scheme="blues"),
            title="Theme score (darker is higher)",
            legend=alt.Legend(orient="bottom", direction="horizontal", titleLimit=0),
        ),
    )
    labels = base.mark_text(fontSize=11).encode(
        text="Label:N",
        color=alt.condition(f"datum.Score >= {WHITE_INK_FROM}", alt.value("white"), alt.value("black")),
    )
    described = ", ".join(r.name for r in rows)
    # Fixed steps, so cells keep their size whatever width the page gives the chart.
    chart = (cells + labels).properties(
        width=alt.Step(COLUMN_STEP),
        height=alt.Step(26),
        description=(
            f"Heatmap of theme scores out of 100: one row per theme, one column per service ({described}); "
            f"each cell holds the score, {NO_SCORE} where a theme has no score."
        ),
    )
    # Streamlit's theme greys axis labels; the page's own text colour reads better against white.
    return (
        chart.configure(font=FONT)
        .configure_view(stroke=None)
        .configure_axis(labelColor=INK_TEXT, labelFontSize=12)
        .configure_legend(labelColor=INK_TEXT, titleColor=INK_TEXT)
    )


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
