"""The area's submissions on the Compare page, for a commissioner when sign-in is on.

She chooses what to compare: the submissions services sent her in the app (the latest
per service), or files she uploads as before. Above the comparison, the list: each
service once, with completion, marked new when sent since her last visit (kept in the
database), and the earlier submissions it superseded. In local mode nothing is drawn.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pandas as pd
import streamlit as st

from checklist.domain.people import Organisation
from checklist.domain.sent import SentSubmission, by_service, is_new, latest_per_service
from checklist.domain.wording import counted, long_moment
from checklist.storage import StoreError
from checklist.storage.access import PersonAccess
from checklist.ui import resources, state

AREA = "The area's submissions"
FILES = "Files I upload"

Files = tuple[tuple[str, bytes], ...]


def files_to_compare() -> Files | None:
    """The latest snapshot of each service, as files; None to compare uploaded files (always so in local mode)."""
    if not st.session_state.get(state.SIGN_IN_ON):
        return None  # local mode: the page is as it always was, and the store is not even asked
    try:
        access = resources.assessments()
        if not isinstance(access, PersonAccess):
            return None
        areas = access.commissioned_areas()
        if not areas:
            return None
        source = st.radio("Compare", [AREA, FILES], key=state.COMPARE_SOURCE, horizontal=True)
        if source == FILES:
            return None
        sent = access.area_submissions()
        seen = _seen_before(access, areas)
        _show_list(areas, sent, seen)
        latest = latest_per_service(sent)
        snapshots = _snapshots(access, [s.id for s in latest])
    except StoreError as exc:
        st.error(exc.message)
        return ()
    return tuple((file_name(s), snapshots[s.id]) for s in latest if s.id in snapshots)


def _snapshots(access: PersonAccess, wanted: list[int]) -> dict[int, bytes]:
    """The snapshots, each read from the database once per session: a submission never changes.

    Only those listed for her on this run are used, and that list is read afresh on every run,
    so a commissioner whose role was taken away gets none of the ones kept here.
    """
    kept: dict[int, bytes] = st.session_state.setdefault(state.SUBMISSION_SNAPSHOTS, {})
    kept.update(access.snapshots([i for i in wanted if i not in kept]))
    return {i: kept[i] for i in wanted if i in kept}


def file_name(sent: SentSubmission) -> str:
    """How a submission is named in the file report: whose, and when it was sent."""
    return f"{_whose(sent)}, submitted {long_moment(sent.submitted_at)}.json"


def _whose(sent: SentSubmission) -> str:
    return f"{sent.service_name} ({sent.organisation_name})"


def _seen_before(access: PersonAccess, areas: list[Organisation]) -> dict[int, datetime | None]:
    """Her previous visit per area, read once per session; this visit is recorded for next time.

    Read once, so that the marks stay while she works here (every click reruns the page).
    """
    seen: dict[int, datetime | None] = st.session_state.setdefault(state.SUBMISSIONS_SEEN, {})
    now = datetime.now(UTC)
    for area in areas:
        if area.id not in seen:
            seen[area.id] = access.last_visit(area.id)
            access.record_visit(area.id, now)
    return seen


def _show_list(areas: list[Organisation], sent: list[SentSubmission], seen: dict[int, datetime | None]) -> None:
    names = ", ".join(a.name for a in areas)
    st.header("Submissions")
    groups = by_service(sent)
    if not groups:
        st.text(f"No service has submitted to {names} yet.")
        st.write("Services submit from their Action plan page. Until then, you can compare files they e-mail you.")
        return
    new = [g for g in groups if is_new(g.latest, seen.get(g.latest.area_id))]
    st.text(f"{counted(len(groups), 'service')} submitted to {names}; {len(new)} new since your last visit.")
    if st.session_state.get(state.COMPARE_ANONYMISE):
        # The list names services; the comparison below is anonymised, and so must be the page.
        st.write('The list of submissions is hidden while services are shown as "Service A, B, …".')
        return
    if new:
        st.text("New since your last visit: " + "; ".join(_whose(g.latest) for g in new) + ".")
    rows = [
        {
            "New": "New" if is_new(g.latest, seen.get(g.latest.area_id)) else "",
            "Service": g.latest.service_name,
            "Organisation": g.latest.organisation_name,
            "Completion": f"{g.latest.completion:.0%}",
            "Submitted": long_moment(g.latest.submitted_at),
            "By": g.latest.submitted_by,
            "Bank version": g.latest.bank_version,
            "Earlier submissions": len(g.superseded),
        }
        for g in groups
    ]
    # A grid, not st.table: service and organisation names are shown exactly as typed.
    st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch", key=state.SUBMISSIONS_LATEST)
    earlier = [s for g in groups for s in g.superseded]
    if earlier:
        with st.expander(f"Earlier submissions, superseded by a later one ({len(earlier)})"):
            st.write("Each service's latest submission is the one compared; these stay as its history.")
            history = [
                {
                    "Service": s.service_name,
                    "Organisation": s.organisation_name,
                    "Completion": f"{s.completion:.0%}",
                    "Submitted": long_moment(s.submitted_at),
                    "By": s.submitted_by,
                }
                for s in earlier
            ]
            st.dataframe(pd.DataFrame(history), hide_index=True, width="stretch", key=state.SUBMISSIONS_HISTORY)
