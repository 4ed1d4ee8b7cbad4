"""Results: where the service stands, what to fix first, how it was scored, and what moved since last time.

Every figure comes from score_assessment and compare_with_previous; the page only shows them.
"""

from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st

from checklist.domain.assessment import Assessment
from checklist.domain.bank import EVIDENCE_MEANINGS, EvidenceKind, QuestionBank, evidence_words
from checklist.domain.bank_changes import BankChanges, changes_in, versions_with_changes
from checklist.domain.gap_grid import COSTS, GridCell, gap_grid
from checklist.domain.plan import ActionOutcome, ReassessmentDelta, compare_with_previous, start_reassessment
from checklist.domain.scoring import DRAFT_THRESHOLD, SCORING_RULES, Gap, ScoreResult
from checklist.domain.wording import agrees, counted, long_date, score_text
from checklist.render.charts import delta_chart, gap_kind, theme_scores_chart
from checklist.ui import memo, session, widgets
from checklist.ui import results_experience as experience

# This page's session-state and widget keys, kept in state.py with every other page's.
from checklist.ui.state import RESULTS_EVIDENCE_FILTER as EVIDENCE_FILTER
from checklist.ui.state import RESULTS_REASSESS as REASSESS
from checklist.ui.state import RESULTS_REASSESS_PREFILL as REASSESS_PREFILL
from checklist.ui.text import literal

GAP_COLUMNS = ["Rank", "Question", "Theme", "Answer", "Kind", "To check", "Weight", "Cost", "Evidence"]


def show() -> None:
    opened = widgets.open_scored_assessment("Results")
    if opened is None:
        return
    bank, assessment, result = opened
    widgets.wrap_tables()
    _headline(result)
    _themes(result)
    _gaps(bank, result)
    experience.show(bank, assessment)
    _how_scored(bank, result)
    today = date.today()
    delta = memo.remembered(
        f"delta-{today}", (bank, assessment), lambda: compare_with_previous(bank, assessment, today)
    )
    if delta is not None:
        _since_last_time(bank, delta)
    _reassess(bank)


_pct = score_text


def _headline(result: ScoreResult) -> None:
    if result.draft_label:
        st.warning(
            f"{result.draft_label}. Below {DRAFT_THRESHOLD:.0%} answered, these scores are a draft, not a result.",
            icon=":material/edit_note:",
        )
    cols = st.columns(3)
    cols[0].metric("Overall score (out of 100)", _pct(result.overall), help=result.draft_label)
    cols[1].metric("Completion", f"{result.completion:.0%}", help="Share of the questions that apply with an answer.")
    cols[2].metric("Gaps", len(result.gaps), help="Answered questions scoring below met.")


def _themes(result: ScoreResult) -> None:
    st.header("Score by theme")
    chart_col, table_col = st.columns([3, 2])
    memo.show_chart("theme-scores", result, lambda: theme_scores_chart(result), chart_col)
    # A static table, not a scrolling grid: the chart's text alternative must show every row and column.
    table_col.table(
        pd.DataFrame(
            {
                # st.table reads its cells as Markdown.
                "Theme": [literal(t.title) for t in result.themes],
                "Score": [_pct(t.score) for t in result.themes],
                "Answered": [f"{t.answered} of {t.applicable}" for t in result.themes],
            }
        ),
        hide_index=True,
        alt="Score out of 100 and questions answered, for each theme: the figures of the chart beside it.",
    )


def _gaps(bank: QuestionBank, result: ScoreResult) -> None:
    st.header(f"Gaps, most important first ({len(result.gaps)})")
    if not result.gaps:
        st.success("No gaps: every answered question is met.")
        return
    st.write("Safety gaps come first, then what matters most and costs least to close.")
    wanted = st.multiselect(
        "Show only gaps resting on this kind of evidence (choose none to see every gap)",
        options=[k.value for k in EvidenceKind],
        format_func=lambda value: EvidenceKind(value).label.capitalize(),
        key=EVIDENCE_FILTER,
    )
    rows = []
    for rank, gap in enumerate(result.gaps, 1):
        question, theme = bank.question(gap.question_id), bank.theme_of(gap.question_id)
        kinds = question.evidence if question else ()
        if wanted and not {k.value for k in kinds} & set(wanted):
            continue
        rows.append(
            {
                "Rank": str(rank),
                "Question": literal(bank.text_of(gap.question_id)),
                "Theme": literal(theme.title if theme else gap.theme_id),
                "Answer": gap.answer.label,
                "Marks": _marks(gap),
                "Evidence": evidence_words(kinds),
            }
        )
    if wanted:
        st.write(f"{counted(len(rows), 'gap')} of {len(result.gaps)} shown.")
    # A static table, not a grid: every question in full, wrapped, and every row, on a phone too.
    st.table(pd.DataFrame(rows), hide_index=True, alt="The gaps in priority order, with their marks.")
    _gap_grid(result)


def _marks(gap: Gap) -> str:
    """'Quick win, to check; importance 3 of 3, cost low': few columns, so a phone shows them all."""
    marks = [gap_kind(gap)] if gap.safety or gap.quick_win else []
    marks += ["to check"] if gap.to_check else []
    return "; ".join([*([", ".join(marks)] if marks else []), f"importance {gap.weight} of 3, cost {gap.cost.value}"])


def _gap_grid(result: ScoreResult) -> None:
    """How many gaps at each importance and cost (domain.gap_grid): the cheap, important ones sit top left."""
    st.markdown("**Gaps by importance and cost**")
    st.write("Top left: important and cheap to close. In brackets: how many of them are safety gaps.")

    def cell(here: GridCell) -> str:
        return (str(here.gaps) + (f" ({here.safety} safety)" if here.safety else "")) if here.gaps else "–"

    rows = gap_grid(result.gaps)
    grid = pd.DataFrame(
        {"Importance": [f"{row[0].weight} of 3" for row in rows]}
        | {f"Cost: {cost.value}": [cell(row[column]) for row in rows] for column, cost in enumerate(COSTS)}
    )
    st.table(grid, hide_index=True, alt="Number of gaps at each importance (rows) and cost to close (columns).")


def _how_scored(bank: QuestionBank, result: ScoreResult) -> None:
    with st.expander("How this was scored"):
        for rule in SCORING_RULES:
            st.markdown(f"- {literal(rule)}")
        st.markdown("**Kinds of evidence** (shown beside each question; they never change a score):")
        for kind, meaning in EVIDENCE_MEANINGS.items():
            st.markdown(f"- {literal(kind.label.capitalize())}: {literal(meaning)}")

        for title, rows in (
            (
                "Not applicable, with the reasons given",
                [{"Question": bank.text_of(e.question_id), "Reason": e.reason} for e in result.not_applicable],
            ),
            (
                "Left out by the service profile",
                [{"Question": bank.text_of(e.question_id), "Why": e.reason} for e in result.excluded_by_profile],
            ),
            ("To check (answered “don't know”)", [{"Question": bank.text_of(g.question_id)} for g in result.to_check]),
        ):
            st.markdown(f"**{literal(title)}: {len(rows)}**")
            if rows:
                # Wrapped in full; st.table reads cells as Markdown, so every cell is made literal.
                st.table(pd.DataFrame([{k: literal(v) for k, v in row.items()} for row in rows]), hide_index=True)


def _since_last_time(bank: QuestionBank, delta: ReassessmentDelta) -> None:
    when = long_date(delta.previous_assessed_on, empty="an earlier date")
    st.header(f"Since the previous assessment ({when})")
    change = delta.overall.change
    st.metric("Overall score", _pct(delta.overall.current), delta=None if change is None else f"{change:+.1f}")
    chart_col, table_col = st.columns([3, 2])
    memo.show_chart("delta", delta, lambda: delta_chart(delta), chart_col)
    table_col.table(
        pd.DataFrame(
            {
                "Theme": [literal(t.label) for t in delta.themes],
                "Before": [_pct(t.previous) for t in delta.themes],
                "Now": [_pct(t.current) for t in delta.themes],
                "Change": ["not comparable" if t.change is None else f"{t.change:+.1f}" for t in delta.themes],
            }
        ),
        hide_index=True,
        alt="Score before and now, and the change, for each theme: the figures of the chart beside it.",
    )
    if delta.not_compared:
        n = len(delta.not_compared)
        st.write(f"{counted(n, 'question')} changed in the bank since then and {agrees(n, 'is', 'are')} not compared.")
    counts = {o: len(delta.with_outcome(o)) for o in ActionOutcome}
    st.write(
        f"The previous plan: {counts[ActionOutcome.DONE]} done, {counts[ActionOutcome.OVERDUE]} overdue, "
        f"{counts[ActionOutcome.DROPPED]} dropped, {counts[ActionOutcome.OPEN]} still open."
    )
    if delta.actions:
        st.dataframe(
            pd.DataFrame(
                [
                    {
                        "Action": r.action.text,
                        "Question": (q.text if (q := bank.question(r.action.question_id)) else r.action.question_id),
                        "Owner": r.action.owner,
                        "Due": long_date(r.action.due),
                        "Outcome": r.outcome.value.capitalize(),
                    }
                    for r in delta.actions
                ]
            ),
            hide_index=True,
            width="stretch",
        )


def _reassess(bank: QuestionBank) -> None:
    st.header("Run it again")
    st.write(
        "Start a new assessment of the same service from this one: the profile and the plan come along, "
        "and the results will show what moved."
    )
    st.radio(
        "Answers in the new assessment",
        ["Start blank", "Start from these answers"],
        key=REASSESS_PREFILL,
        horizontal=True,
    )
    st.button("Start a re-assessment", key=REASSESS, on_click=_start_reassessment, args=(bank,))
    _bank_changes(bank)


def _bank_changes(bank: QuestionBank) -> None:
    with st.expander(f"What changed in the question bank (this is version {bank.version})"):
        st.write(
            "Answers given against an older version are not compared like for like on changed questions: "
            "they are left out of the comparison and counted. New questions have no earlier answer."
        )
        for version in versions_with_changes(bank):
            _changes_in_version(changes_in(bank, version))


def _changes_in_version(changes: BankChanges) -> None:
    st.markdown(f"#### Version {literal(changes.version)}")
    if changes.survey_added:
        st.write(
            f"Added the women's survey: {changes.survey_added} short questions that the women who use the "
            "service answer anonymously, set beside the service's own answers."
        )
    for title, items in (
        ("New questions", [(c.question_id, c.text, c.note) for c in changes.added]),
        ("Questions whose meaning changed", [(c.question_id, c.text, c.note) for c in changes.changed]),
        (
            "Retired questions (their ids are never used again)",
            [(r.question_id, "", r.reason) for r in changes.retired],
        ),
    ):
        if items:
            st.markdown(f"**{literal(title)}: {len(items)}**")
            st.dataframe(pd.DataFrame(items, columns=["Id", "Question", "Why"]), hide_index=True, width="stretch")


def _start_reassessment(bank: QuestionBank) -> None:
    previous: Assessment | None = session.working()
    if previous is None:
        return
    prefill = st.session_state.get(REASSESS_PREFILL) == "Start from these answers"
    session.create(start_reassessment(bank, previous, prefill=prefill, today=date.today()))
