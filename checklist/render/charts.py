"""Altair chart specs built from the core's results, and their PNG form for the PDF.

Colours are the Okabe-Ito palette (safe for the common kinds of colour
blindness), and colour is never the only signal: values are written on the
bars, and changes carry their sign.
"""

from __future__ import annotations

import json
from functools import lru_cache
from typing import Any

import altair as alt

from checklist.domain.plan import ReassessmentDelta
from checklist.domain.scoring import Gap, ScoreResult
from checklist.domain.wording import NO_SCORE

BLUE = "#0072B2"
VERMILLION = "#D55E00"
GREY = "#666666"
# The browser may not have Noto Sans; without a generic family it would fall back to a serif.
FONT = "Noto Sans, sans-serif"


def _configured(chart: Any) -> Any:
    return chart.configure(font=FONT).configure_view(stroke=None)


# After each theme score of a draft, in the chart and the PDF's theme headings.
DRAFT_MARK = " (draft)"


def theme_scores_chart(result: ScoreResult) -> Any:
    """One bar per theme, its score written at the end; themes with no answers say so; a draft's scores say so."""
    draft = DRAFT_MARK if result.is_draft else ""
    rows = [
        {
            "theme": t.title,
            "score": t.score if t.score is not None else 0,
            "label": f"{t.score:.1f}{draft}" if t.score is not None else NO_SCORE,
        }
        for t in result.themes
    ]
    subtitle = "Out of 100; higher is better"
    if result.draft_label:
        subtitle = f"{subtitle}. {result.draft_label}: not yet a result"
    described = ", ".join(f"{r['theme']} {r['label']}" for r in rows)
    base = alt.Chart(alt.InlineData(values=rows)).encode(
        y=alt.Y("theme:N", sort=None, title=None, axis=alt.Axis(labelLimit=260)),
        x=alt.X("score:Q", scale=alt.Scale(domain=[0, 100]), title="Score out of 100"),
        tooltip=[alt.Tooltip("theme:N", title="Theme"), alt.Tooltip("label:N", title="Score")],
    )
    bars = base.mark_bar(color=BLUE)
    labels = base.mark_text(align="left", dx=4, color="black").encode(text="label:N")
    chart = alt.layer(bars, labels).properties(
        title=alt.TitleParams("Score by theme", subtitle=subtitle),
        description=f"Bar chart of the score out of 100 for each theme: {described}.",
        width=420,
        height=alt.Step(22),
    )
    return _configured(chart)


def gap_kind(gap: Gap) -> str:
    if gap.safety:
        return "Safety gap and quick win" if gap.quick_win else "Safety gap"
    return "Quick win" if gap.quick_win else "Other gap"


def delta_chart(delta: ReassessmentDelta) -> Any:
    """Change in each theme's score since the previous assessment, signed and labelled."""
    rows = [
        {
            "theme": t.label,
            "change": t.change or 0,
            "direction": "Up" if (t.change or 0) > 0 else "Down" if (t.change or 0) < 0 else "No change",
            "label": "not comparable" if t.change is None else f"{t.change:+.1f}",
        }
        for t in [delta.overall, *delta.themes]
    ]
    described = ", ".join(f"{r['theme']} {r['label']}" for r in rows)
    base = alt.Chart(alt.InlineData(values=rows)).encode(
        y=alt.Y("theme:N", sort=None, title=None, axis=alt.Axis(labelLimit=260)),
        x=alt.X("change:Q", scale=alt.Scale(domain=[-100, 100]), title="Change in score since last time"),
    )
    bars = base.mark_bar().encode(
        color=alt.Color(
            "direction:N",
            scale=alt.Scale(domain=["Up", "Down", "No change"], range=[BLUE, VERMILLION, GREY]),
            title="Direction",
        )
    )
    labels = base.mark_text(align="left", dx=4, color="black").encode(text="label:N")
    chart = alt.layer(bars, labels).properties(
        title=alt.TitleParams("Change since the previous assessment", subtitle="Points out of 100; + is better"),
        description=f"Bar chart of the change in score since the previous assessment: {described}.",
        width=420,
        height=alt.Step(22),
    )
    return _configured(chart)


def chart_png(chart: Any, *, scale: float = 1.5) -> bytes:
    """The chart as PNG, rendered in-process by vl-convert (no browser)."""
    return _png(json.dumps(chart.to_dict(), sort_keys=True), scale)


@lru_cache(maxsize=32)
def _png(spec: str, scale: float) -> bytes:
    # Cached by spec: the app rebuilds the same PDF on every rerun, and vl-convert costs ~0.2 s a chart.
    import vl_convert as vlc

    from checklist.render.fonts import font_set

    _register_fonts(str(font_set().main[""].parent))
    png: bytes = vlc.vegalite_to_png(json.loads(spec), scale=scale)
    return png


_registered: set[str] = set()


def _register_fonts(directory: str) -> None:
    # vl-convert keeps registered fonts for the whole process; once is enough.
    if directory not in _registered:
        import vl_convert as vlc

        vlc.register_font_directory(directory)
        _registered.add(directory)
