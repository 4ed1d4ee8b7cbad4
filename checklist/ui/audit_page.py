"""Audit trail: who created, changed, submitted, exported or deleted what, and when; never what anything said.

Administrators only. Anyone else is told there is nothing at this address, as for any refusal,
and the refusal is logged (checklist.storage.access). In local mode the person at the laptop is
their own administrator, so the page shows the laptop's own trail.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

import pandas as pd
import streamlit as st

from checklist.domain.audit import MAX_RETENTION_DAYS, AuditAction, AuditEvent, RetentionSetting
from checklist.domain.wording import counted, long_moment
from checklist.render.audit_csv import audit_csv
from checklist.storage import StoreError
from checklist.storage.access import Assessments
from checklist.storage.audit import DEFAULT_LIMIT, AuditTrail
from checklist.ui import resources, state
from checklist.ui.html_tables import html_table

NOT_FOUND_TITLE = "Not found"
NOT_FOUND = "There is nothing at this address for you. Check the link, or choose a page from the menu."
ALL_ACTIONS = "Every action"
COLUMNS = ("When", "Who", "Action", "Object", "Object id", "Organisation", "Detail")


def show() -> None:
    try:
        access = resources.assessments()
        trail = access.audit_trail()
    except StoreError as exc:
        st.title("Audit trail")
        st.error(exc.message)
        return
    if trail is None:
        st.title(NOT_FOUND_TITLE)
        st.write(NOT_FOUND)
        return
    st.title("Audit trail")
    st.write(
        "Who created, changed, submitted, exported or deleted which assessment, and when, with the changes "
        "made to organisations and people. It never holds what an assessment says: no answers, notes, "
        "service names or other text typed in it. Changes made while someone works are noted at most once "
        "every ten minutes per person and assessment."
    )
    if not st.session_state.get(state.SIGN_IN_ON):
        st.info("Local mode: this is the trail of this computer's own assessments, and you are their administrator.")
    try:
        _retention(trail.retention(), access)
        _events(trail)
    except StoreError as exc:
        st.error(exc.message)


def _retention(setting: RetentionSetting | None, access: Assessments) -> None:
    st.header("Retention")
    notice = st.session_state.pop(state.AUDIT_NOTICE, None)
    if notice:
        st.success(notice)
    if setting is None:
        st.write("Retention is off: drafts (assessments never submitted) are kept until someone deletes them.")
    else:
        st.text(
            f"Drafts (assessments never submitted) untouched for {counted(setting.days, 'day')} are deleted "
            f"each time the scheduled deletion runs. Set by {setting.set_by} on {long_moment(setting.set_at)}."
        )
    st.write(
        "The deletion runs when the server's scheduler runs `checklist admin retention run` (see the README). "
        "Submitted assessments are never deleted by it."
    )
    if not access.may_set_retention():
        return
    with st.form(state.AUDIT_RETENTION_FORM, border=False), st.container(horizontal=True, vertical_alignment="bottom"):
        st.number_input(
            "Delete drafts untouched for (days)",
            min_value=1,
            max_value=MAX_RETENTION_DAYS,
            value=setting.days if setting else 365,
            step=1,
            key=state.AUDIT_RETENTION_DAYS,
        )
        st.form_submit_button("Set the period", key=state.AUDIT_RETENTION_SAVE, on_click=_set_retention)
        if setting is not None:
            st.form_submit_button("Turn retention off", key=state.AUDIT_RETENTION_OFF, on_click=_retention_off)


def _set_retention() -> None:
    days = int(st.session_state[state.AUDIT_RETENTION_DAYS])
    _change_retention(days, f"Drafts untouched for {counted(days, 'day')} will be deleted at the next run.")


def _retention_off() -> None:
    _change_retention(None, "Retention is off: drafts are kept until someone deletes them.")


def _change_retention(days: int | None, said: str) -> None:
    # The person's roles are read again here: the click may come after their role was taken away.
    try:
        resources.assessments().set_retention(days)
    except StoreError as exc:
        st.session_state[state.AUDIT_NOTICE] = None
        st.error(exc.message)
        return
    st.session_state[state.AUDIT_NOTICE] = said


def _events(trail: AuditTrail) -> None:
    st.header("Events, newest first")
    choices = [ALL_ACTIONS, *(a.value for a in AuditAction)]
    columns = st.columns(2)
    chosen = columns[0].selectbox("Action", choices, key=state.AUDIT_ACTION)
    since: date | None = columns[1].date_input("Since (leave empty for all)", value=None, key=state.AUDIT_SINCE)
    action = None if chosen == ALL_ACTIONS else AuditAction(chosen)
    start = datetime(since.year, since.month, since.day, tzinfo=UTC) if since else None
    events = trail.entries(action=action, since=start, limit=DEFAULT_LIMIT)
    if not events:
        st.write("No events match.")
        return
    if len(events) == DEFAULT_LIMIT:
        st.write(f"The newest {DEFAULT_LIMIT} are shown; the CSV file holds them all.")
    # Plain HTML, escaped: e-mail addresses and ids are shown exactly as they are, never as markup.
    st.html(html_table(_table(events), label="Audit trail events, newest first", wide=True))
    st.download_button(
        "Download as CSV",
        data=lambda: audit_csv(trail.entries(action=action, since=start, limit=None)),
        file_name="audit-trail.csv",
        mime="text/csv",
        key=state.AUDIT_DOWNLOAD,
        on_click="ignore",
    )


def _table(events: list[AuditEvent]) -> pd.DataFrame:
    names = _organisation_names()
    rows = [
        (
            long_moment(e.at.astimezone(UTC)),
            e.actor,
            e.action.value,
            e.object_kind.value,
            e.object_id,
            "" if e.organisation_id is None else names.get(e.organisation_id, str(e.organisation_id)),
            e.detail,
        )
        for e in events
    ]
    return pd.DataFrame(rows, columns=list(COLUMNS))


def _organisation_names() -> dict[int, str]:
    """Organisations by id, for reading the table: the trail stores ids, not the names typed for them."""
    if not st.session_state.get(state.SIGN_IN_ON):
        return {}
    return {o.id: o.name for o in resources.directory().organisations()}
