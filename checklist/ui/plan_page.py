"""Action plan: pick, edit or add actions for each gap, in the core's priority order; download the PDF.

Every change is saved at once through session.save, like the answers.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import pandas as pd
import streamlit as st

from checklist import __version__
from checklist.domain.assessment import MAX_TEXT, ActionStatus, Assessment, PlannedAction
from checklist.domain.audit import Export
from checklist.domain.bank import Question, QuestionBank
from checklist.domain.plan import (
    ActionOutcome,
    PlanError,
    action_outcome,
    add_action,
    is_planned,
    ordered_plan,
    plan_from_quick_wins,
    remove_action,
    update_action,
)
from checklist.domain.readiness import listed, missing_for_report
from checklist.domain.scoring import ExperienceGap, Gap, ScoreResult, experience_gaps, score_assessment
from checklist.domain.wording import counted
from checklist.ui import navigation, resources, session, state, submit_panel, widgets

# This page's session-state and widget keys, kept in state.py with every other page's.
from checklist.ui.state import PLAN_DOWNLOAD as DOWNLOAD
from checklist.ui.state import PLAN_PROBLEM as PROBLEM
from checklist.ui.state import PLAN_QUICK_WINS as QUICK_WINS
from checklist.ui.state import plan_due_key as due_key
from checklist.ui.state import plan_gap_key as gap_key
from checklist.ui.state import plan_own_action_key as own_action_key
from checklist.ui.state import plan_owner_key as owner_key
from checklist.ui.state import plan_status_key as status_key
from checklist.ui.state import plan_text_key as text_key
from checklist.ui.text import literal

# Room for three lines of wrapped text per row; the widths keep all seven columns on a laptop.
ROW_HEIGHT = 72
GAP_WIDTH = 45
TEXT_WIDTH = 220
STATUSES = list(ActionStatus)
_FIELD_WORDS = {"text": "text", "owner": "owner", "due": "due date", "status": "status"}


def show() -> None:
    opened = widgets.open_scored_assessment("Action plan")
    if opened is None:
        return
    bank, assessment, result = opened
    widgets.save_while_typing()
    if st.session_state.get(PROBLEM):
        st.error(st.session_state[PROBLEM])
    _download(bank, assessment, result)
    submit_panel.show(bank, assessment)
    if not result.gaps and not assessment.actions and not experience_gaps(bank, assessment, assessment.survey):
        st.success("There are no gaps to plan for: every answered question is met.")
        return
    st.write(
        "For each gap, most important first, pick one of the suggested actions or write your own, "
        "then give it an owner, a due date and a status. Changes are saved as you make them."
    )
    st.button(
        f"Start the plan from the quick wins ({len(result.quick_wins)})",
        key=QUICK_WINS,
        on_click=_quick_wins,
        args=(bank,),
        disabled=not result.quick_wins,
    )
    _plan_table(bank, assessment, result)
    st.header("Gaps, most important first")
    for rank, gap in enumerate(result.gaps, 1):
        _gap(bank, assessment, rank, gap)
    planned_elsewhere = _experience_gaps(bank, assessment, result)
    _actions_for_non_gaps(bank, assessment, result, planned_elsewhere)


def _plan_table(bank: QuestionBank, assessment: Assessment, result: ScoreResult) -> None:
    actions = ordered_plan(bank, assessment, result)
    st.header(f"The whole plan ({counted(len(actions), 'action')})")
    if not actions:
        st.write("No actions yet: add them under the gaps below, or start from the quick wins.")
        return
    rank = {gap.question_id: n for n, gap in enumerate(result.gaps, 1)}
    today = date.today()
    rows = [
        {
            "Gap": rank.get(a.question_id),
            "Action": a.text,
            "Question": q.text if (q := bank.question(a.question_id)) else a.question_id,
            "Owner": a.owner,
            "Due": a.due,
            "Status": a.status.label,
            "Overdue": "Overdue" if action_outcome(a, today) is ActionOutcome.OVERDUE else "",
        }
        for a in actions
    ]
    st.write("Change an action, its owner, due date or status here or under its gap: it is saved at once.")
    st.data_editor(
        pd.DataFrame(rows),
        key=state.plan_table_key(st.session_state[state.REVISION]),
        hide_index=True,
        width="stretch",
        row_height=ROW_HEIGHT,
        placeholder="–",
        column_order=["Gap", "Action", "Question", "Owner", "Due", "Overdue", "Status"],
        disabled=["Gap", "Question", "Overdue"],
        column_config={
            "Gap": st.column_config.NumberColumn("Gap", help="The gap's rank below", width=GAP_WIDTH),
            "Action": st.column_config.TextColumn("Action", width=TEXT_WIDTH, required=True, max_chars=MAX_TEXT),
            "Question": st.column_config.TextColumn("Question", width=TEXT_WIDTH),
            "Owner": st.column_config.TextColumn("Owner", width=130, max_chars=500),
            "Due": st.column_config.DateColumn("Due", format="DD/MM/YYYY", width=100),
            "Status": st.column_config.SelectboxColumn(
                "Status", options=[s.label for s in STATUSES], required=True, width=110
            ),
            "Overdue": st.column_config.TextColumn("Overdue", width=80),
        },
        on_change=_table_changed,
        args=(bank, [a.id for a in actions]),
    )


def _download(bank: QuestionBank, assessment: Assessment, result: ScoreResult) -> None:
    missing = missing_for_report(assessment)
    if missing:
        # Answering and planning go on meanwhile: only the report that names the service waits.
        st.warning(f"Before the PDF action plan can be made, the service profile needs {listed(missing)}.")
        st.page_link(
            navigation.PROFILE.path,
            label="Fill them in on the Service profile",
            icon=":material/edit:",
            query_params={"a": assessment.id},
        )
        return

    def pdf() -> bytes:
        from checklist.render.pdf import build_action_plan_pdf

        return build_action_plan_pdf(bank, assessment, result, tool_version=__version__)

    name = (assessment.service.name or "assessment").strip().replace(" ", "-")[:40] or "assessment"
    st.download_button(
        "Download the PDF action plan",
        data=pdf,
        file_name=f"action-plan-{name}.pdf",
        mime="application/pdf",
        key=DOWNLOAD,
        type="primary",
        on_click=resources.record_export,
        args=(Export.PDF_PLAN, assessment.id),
    )
    st.write("The PDF carries the whole assessment: it can be opened again here, or submitted as it is.")


def _gap(bank: QuestionBank, assessment: Assessment, rank: int, gap: Gap) -> None:
    question = bank.question(gap.question_id)
    if question is None:
        return
    planned = [a for a in assessment.actions if a.question_id == gap.question_id]
    title = f"{rank}. {question.text}"
    label = literal(title) + (f" ({counted(len(planned), 'action')})" if planned else "")
    # Drawn only while open: a finished assessment has dozens of gaps, each with a dozen widgets,
    # and building them all on every click made the page slow.
    with st.expander(label, key=gap_key(gap.question_id), on_change="rerun") as box:
        if box.open:
            marks = [
                m for m, on in (("safety", gap.safety), ("quick win", gap.quick_win), ("to check", gap.to_check)) if on
            ]
            st.text(f"Answer: {gap.answer.label}. " + (f"Marked: {', '.join(marks)}." if marks else ""))
            _gap_details(bank, gap, question, planned)


def _experience_gaps(bank: QuestionBank, assessment: Assessment, result: ScoreResult) -> set[str]:
    """The women's-experience gaps on questions that are not gaps already; returns their ids."""
    if assessment.survey is None:
        return set()
    gaps = {g.question_id for g in result.gaps}
    extra = [g for g in experience_gaps(bank, assessment, assessment.survey) if g.question_id not in gaps]
    if extra:
        st.header(f"Where women's experience differs ({len(extra)})")
        st.write(
            "You answered these met, but most of the women who rated them in the survey said otherwise "
            "(Results shows how). Plan an action for each as for any gap."
        )
    for gap in extra:
        question = bank.question(gap.question_id)
        if question is None:
            continue
        planned = [a for a in assessment.actions if a.question_id == gap.question_id]
        label = literal(question.text) + (f" ({counted(len(planned), 'action')})" if planned else "")
        with st.expander(label, key=gap_key(gap.question_id), on_change="rerun") as box:
            if box.open:
                st.text(f"Your answer: {gap.answer.label}. In the survey, {gap.women.in_words()}.")
                _gap_details(bank, gap, question, planned)
    return {g.question_id for g in extra}


def _gap_details(
    bank: QuestionBank, gap: Gap | ExperienceGap, question: Question, planned: list[PlannedAction]
) -> None:
    st.markdown("**Suggested actions**")
    for index, suggestion in enumerate(question.actions):
        cols = st.columns([5, 1])
        cols[0].text(f"{suggestion.text} (cost: {suggestion.cost.value})")
        already = is_planned(planned, suggestion.text)
        cols[1].button(
            "Already planned" if already else "Add",
            key=state.plan_add_key(gap.question_id, index),
            on_click=_add,
            args=(bank, gap.question_id, suggestion.text),
            disabled=already,
        )
    st.text_input("Or write your own action", key=own_action_key(gap.question_id))
    st.button(
        "Add my action", key=state.plan_add_own_key(gap.question_id), on_click=_add_own, args=(bank, gap.question_id)
    )
    for action in planned:
        _action_form(action)


def _actions_for_non_gaps(
    bank: QuestionBank, assessment: Assessment, result: ScoreResult, planned_elsewhere: set[str]
) -> None:
    gaps = {g.question_id for g in result.gaps} | planned_elsewhere
    others = [a for a in assessment.actions if a.question_id not in gaps]
    if not others:
        return
    st.header(f"Actions for questions that are no longer gaps ({len(others)})")
    for action in others:
        st.text(bank.text_of(action.question_id))
        _action_form(action)


def _action_form(action: PlannedAction) -> None:
    """One action's fields, each saved the moment it changes (as the answers are)."""
    state.seed(text_key(action.id), action.text)
    state.seed(owner_key(action.id), action.owner)
    state.seed(due_key(action.id), action.due)
    state.seed(status_key(action.id), action.status)
    with st.container(border=True, key=state.plan_action_key(action.id)):
        st.text_area("Action", key=text_key(action.id), on_change=_field_changed, args=(action.id, "text"))
        cols = st.columns(3)
        cols[0].text_input("Owner", key=owner_key(action.id), on_change=_field_changed, args=(action.id, "owner"))
        cols[1].date_input(
            "Due",
            value=None,
            key=due_key(action.id),
            format="DD/MM/YYYY",
            on_change=_field_changed,
            args=(action.id, "due"),
        )
        cols[2].selectbox(
            "Status",
            STATUSES,
            format_func=lambda s: s.label,
            key=status_key(action.id),
            on_change=_field_changed,
            args=(action.id, "status"),
        )
        st.button("Remove this action", key=state.plan_remove_key(action.id), on_click=_remove, args=(action.id,))


# Callbacks: they run before the page is drawn again, so they may change state freely.


def _current() -> Assessment | None:
    st.session_state[PROBLEM] = None
    return session.working()


def _apply(change: str, make: Callable[[Assessment], Assessment]) -> None:
    assessment = _current()
    if assessment is None:
        return
    try:
        updated = make(assessment)
    except PlanError as exc:
        st.session_state[PROBLEM] = exc.message
        return
    session.save(updated, unsaved=change)


def _quick_wins(bank: QuestionBank) -> None:
    def make(assessment: Assessment) -> Assessment:
        return plan_from_quick_wins(bank, assessment, score_assessment(bank, assessment))

    _apply("the quick-win actions", make)


def _add(bank: QuestionBank, question_id: str, text: str) -> None:
    _apply(f"a new action: {text}", lambda a: add_action(a, bank, question_id, text))
    _keep_open(question_id)


def _keep_open(question_id: str) -> None:
    # The panel's title counts its actions, so Streamlit would draw it as a new, closed panel.
    st.session_state[gap_key(question_id)] = True


def _add_own(bank: QuestionBank, question_id: str) -> None:
    text = st.session_state.get(own_action_key(question_id)) or ""
    _apply(f"a new action: {text}", lambda a: add_action(a, bank, question_id, text))
    if st.session_state.get(PROBLEM) is None:
        st.session_state[own_action_key(question_id)] = ""
    _keep_open(question_id)


def _field_changed(action_id: str, field: str) -> None:
    """Save the one field of an action that just changed."""
    keys = {"text": text_key, "owner": owner_key, "due": due_key, "status": status_key}
    value = st.session_state.get(keys[field](action_id))
    changes: dict[str, Any]
    if field == "status":
        changes = {"status": ActionStatus(value) if value else None}
    elif field == "due":
        changes = {"due": value}
    else:
        changes = {field: value or ""}
    _apply(f"the {_FIELD_WORDS[field]} of an action", lambda a: update_action(a, action_id, **changes))


def _table_changed(bank: QuestionBank, action_ids: list[str]) -> None:
    """Save the cells changed in the plan table."""
    edits: dict[int, dict[str, Any]] = st.session_state[state.plan_table_key(st.session_state[state.REVISION])].get(
        "edited_rows", {}
    )
    by_label = {s.label: s for s in STATUSES}

    def make(assessment: Assessment) -> Assessment:
        for row, cells in edits.items():
            changes: dict[str, Any] = {}
            if "Action" in cells:
                changes["text"] = cells["Action"] or ""
            if "Owner" in cells:
                changes["owner"] = cells["Owner"] or ""
            if "Due" in cells:
                changes["due"] = date.fromisoformat(str(cells["Due"])[:10]) if cells["Due"] else None
            if cells.get("Status") in by_label:
                changes["status"] = by_label[cells["Status"]]
            assessment = update_action(assessment, action_ids[int(row)], **changes)
        return assessment

    _apply("the changes in the plan table", make)
    # The panels' fields show the saved values again, not what was typed there before.
    for action_id in action_ids:
        for key in (text_key, owner_key, due_key, status_key):
            st.session_state.pop(key(action_id), None)


def _remove(action_id: str) -> None:
    _apply("removing an action", lambda a: remove_action(a, action_id))
