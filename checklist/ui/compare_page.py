"""Compare submissions: a commissioner uploads many files and sees the area at once.

Gather (files, options, filters), call the core (read_submissions,
compare_intake), show. Both results are cached by the files' hashes, so a
rerun with 1,000 files loaded does not load or score them again.
"""

from __future__ import annotations

import hashlib
from datetime import date
from typing import NamedTuple

import pandas as pd
import streamlit as st

from checklist import __version__
from checklist.domain.assessment import ANSWER_LABELS
from checklist.domain.bank import QuestionBank
from checklist.domain.compare import Comparison, Filters, Intake, compare_intake, filter_options, read_submissions
from checklist.domain.wording import counted
from checklist.render.compare_charts import (
    HEATMAP_COLUMNS,
    HEATMAP_LIMIT,
    SORTS,
    blocks,
    heatmap_chart,
    sorted_rows,
    spread_chart,
    spread_frame,
)
from checklist.render.exports import comparison_tables, gaps_table, services_table, to_csv, to_xlsx
from checklist.ui import resources

# This page's session-state and widget keys, kept in state.py with every other page's.
from checklist.ui.state import COMPARE_ANONYMISE as ANONYMISE
from checklist.ui.state import COMPARE_AREAS as AREAS
from checklist.ui.state import COMPARE_DETAIL as DETAIL
from checklist.ui.state import COMPARE_NOTES as NOTES
from checklist.ui.state import COMPARE_PRACTICE as PRACTICE
from checklist.ui.state import COMPARE_SETTINGS as SETTINGS
from checklist.ui.state import COMPARE_SORT as SORT
from checklist.ui.state import COMPARE_UPLOAD as UPLOAD
from checklist.ui.state import COMPARE_VERSIONS as VERSIONS
from checklist.ui.text import literal

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

FileKey = tuple[tuple[str, str], ...]


class Choice(NamedTuple):
    """What the user chose above the results; plain values, so Streamlit can hash it for the cache."""

    practice: bool
    anonymise: bool
    areas: tuple[str, ...]
    settings: tuple[str, ...]
    versions: tuple[str, ...]


# Results are frozen, so one shared copy is safe and saves pickling 1,000 assessments on every
# rerun (st.cache_data would copy them); keys are the files' hashes, so nothing leaks between users.
@st.cache_resource(show_spinner="Reading the files…", max_entries=4, ttl=3600)
def _intake(bank_sha: str, key: FileKey, _bank: QuestionBank, _files: tuple[tuple[str, bytes], ...]) -> Intake:
    return read_submissions(_files, _bank)


@st.cache_resource(show_spinner="Comparing…", max_entries=16, ttl=3600)
def _comparison(
    bank_sha: str, key: FileKey, choice: Choice, today: date, _bank: QuestionBank, _intake: Intake
) -> Comparison:
    filters = Filters(frozenset(choice.areas), frozenset(choice.settings), frozenset(choice.versions))
    return compare_intake(
        _bank, _intake, today=today, include_practice=choice.practice, anonymise=choice.anonymise, filters=filters
    )


def show() -> None:
    st.title("Compare submissions")
    st.write(
        "Upload the assessment files services have sent you (JSON, or PDFs made by this tool). "
        "Nothing leaves this computer. Each file is checked; broken files and copies are reported, not counted."
    )
    bank = resources.bank()
    if bank is None:
        return
    uploads = st.file_uploader(
        "Submitted assessment files", type=["json", "pdf"], accept_multiple_files=True, key=UPLOAD
    )
    if not uploads:
        st.info("Choose the files to compare: select many at once, or a whole folder's worth.")
        return
    files = tuple((f.name, f.getvalue()) for f in uploads)
    key: FileKey = tuple((name, hashlib.sha256(data).hexdigest()) for name, data in files)
    intake = _intake(bank.sha256, key, bank, files)
    _file_report(intake)
    if not intake.usable:
        st.error("No file could be used. The report above says why for each one.")
        return
    comparison = _comparison(bank.sha256, key, _choice(intake, bank), date.today(), bank, intake)
    _versions(comparison)
    _practice(comparison)
    if not comparison.rows:
        st.warning("No service matches these choices. Change the filters, or include practice files.")
        return
    _headline(comparison)
    tabs = st.tabs(["Services × themes", "Common gaps", "Theme spread", "Action plans", "One service"])
    with tabs[0]:
        _heatmap(comparison)
    with tabs[1]:
        _common_gaps(comparison)
    with tabs[2]:
        _spread(comparison)
    with tabs[3]:
        _plans(comparison)
    with tabs[4]:
        _detail(comparison)
    _downloads(comparison)


def _file_report(intake: Intake) -> None:
    st.subheader("Files")
    st.text(intake.summary())
    table = pd.DataFrame(
        [
            {"File": r.name, "Status": r.status.label, "Reason": r.reason, "Warnings": "\n".join(r.warnings)}
            for r in intake.reports
        ],
        columns=["File", "Status", "Reason", "Warnings"],
    )
    st.dataframe(table, hide_index=True, width="stretch", key="compare-report")


def _choice(intake: Intake, bank: QuestionBank) -> Choice:
    found = filter_options(intake.assessments)
    setting = bank.profile_question("setting")
    left, middle, right = st.columns(3)
    areas = left.multiselect("Area", found["areas"], key=AREAS, placeholder="All areas")
    settings = middle.multiselect(
        "Setting",
        found["settings"],
        # Options stay the profile's ids (what Filters compares); people see the bank's words.
        format_func=lambda option: setting.label_of(option) if setting else option,
        key=SETTINGS,
        placeholder="All settings",
    )
    versions = right.multiselect("Question bank version", found["versions"], key=VERSIONS, placeholder="All versions")
    anonymise = st.checkbox('Show services as "Service A, B, …" (also in downloads)', key=ANONYMISE)
    practice = st.checkbox("Count practice files (examples, workshops) in the figures", key=PRACTICE)
    return Choice(practice, anonymise, tuple(areas), tuple(settings), tuple(versions))


def _versions(comparison: Comparison) -> None:
    loaded = ", ".join(
        f"{v.version}{' (current)' if v.current else ''}: {counted(v.services, 'service')}" for v in comparison.versions
    )
    st.text(f"Question bank versions loaded: {loaded or 'none'}. Compared on version {comparison.bank_version}.")
    if comparison.left_out:
        st.write("Some answers are left out so that services are compared like for like:")
        st.dataframe(
            pd.DataFrame(
                [
                    {"Question": x.question_id, "Bank version": x.bank_version, "Services": x.services, "Why": x.reason}
                    for x in comparison.left_out
                ]
            ),
            hide_index=True,
            key="compare-left-out",
        )


def _practice(comparison: Comparison) -> None:
    if comparison.practice_apart:
        with st.expander(f"Practice files, left out of the figures ({len(comparison.practice_apart)})"):
            st.dataframe(
                pd.DataFrame([{"Service": r.name, "Overall score": r.overall} for r in comparison.practice_apart]),
                hide_index=True,
                key="compare-practice-table",
            )


def _headline(comparison: Comparison) -> None:
    h = comparison.headline
    cols = st.columns(4)
    cols[0].metric("Services compared", h.services)
    cols[1].metric("Median overall score", "-" if h.median_overall is None else f"{h.median_overall:.1f}")
    cols[2].metric("Services with a safety gap", h.with_safety_gap)
    cols[3].metric("Overdue actions", h.overdue_actions)


def _heatmap(comparison: Comparison) -> None:
    sort = st.selectbox("Sort services by", list(SORTS), key=SORT)
    rows = sorted_rows(comparison, sort)
    if len(rows) > HEATMAP_LIMIT:
        st.write(f"The charts show the first {HEATMAP_LIMIT} of {len(rows)} services in this order; the table has all.")
    # Themes are rows with whole titles; a few services per chart, so their names stay level and readable.
    for block in blocks(rows[:HEATMAP_LIMIT], HEATMAP_COLUMNS):
        st.altair_chart(heatmap_chart(comparison, block), width="content")
    order = {r.key: i for i, r in enumerate(rows)}
    table = services_table(comparison, safe=False)
    table = table.iloc[sorted(range(len(table)), key=lambda i: order[comparison.rows[i].key])]
    st.dataframe(table, hide_index=True, key="compare-services")


def _common_gaps(comparison: Comparison) -> None:
    st.write("The questions most services have as a gap: worth commissioning once for everyone.")
    st.dataframe(gaps_table(comparison, safe=False), hide_index=True, width="stretch", key="compare-gaps")


def _spread(comparison: Comparison) -> None:
    chart_col, table_col = st.columns([3, 2])
    chart_col.altair_chart(spread_chart(comparison), width="stretch")
    table_col.dataframe(spread_frame(comparison), hide_index=True, key="compare-spread")


def _plans(comparison: Comparison) -> None:
    st.dataframe(
        pd.DataFrame(
            [
                {
                    "Service": p.name,
                    "Planned": p.planned,
                    "In progress": p.in_progress,
                    "Done": p.done,
                    "Dropped": p.dropped,
                    "Overdue": p.overdue,
                }
                for p in comparison.plans
            ]
        ),
        hide_index=True,
        width="stretch",
        key="compare-plans",
    )
    overdue = [
        {
            "Service": row.name,
            "Question": a.question_id,
            "Action": a.text,
            "Owner": a.owner,
            "Due": a.due,
            "Status": a.status.label,
        }
        for row in comparison.rows
        if (detail := comparison.detail(row.key)) is not None
        for a in detail.overdue
    ]
    st.write(f"Overdue actions (due date passed, not done or dropped): {len(overdue)}")
    if overdue:
        st.dataframe(pd.DataFrame(overdue), hide_index=True, width="stretch", key="compare-overdue")


def _detail(comparison: Comparison) -> None:
    names = {r.key: r.name for r in comparison.rows}
    key = st.selectbox("Service", list(names), format_func=lambda k: names[k], key=DETAIL)
    detail = comparison.detail(key) if key else None
    if detail is None:
        return
    st.markdown(
        f"**{literal(detail.row.name)}**: overall score {_pct(detail.row.overall)}, "
        f"completion {detail.row.completion:.0%}"
    )
    answers = pd.DataFrame(
        [
            {
                "Question": qid,
                "Answer": ANSWER_LABELS[a.answer],
                "Note": a.note or "",
                "Reason not applicable": a.na_reason or "",
            }
            for qid, a in sorted(detail.assessment.answers.items())
        ],
        columns=["Question", "Answer", "Note", "Reason not applicable"],
    )
    st.dataframe(answers, hide_index=True, width="stretch", key="compare-detail-answers")
    overdue = {a.id for a in detail.overdue}
    plan = pd.DataFrame(
        [
            {
                "Question": a.question_id,
                "Action": a.text,
                "Owner": a.owner,
                "Due": a.due,
                "Status": a.status.label,
                "Overdue": "yes" if a.id in overdue else "",
            }
            for a in detail.assessment.actions
        ],
        columns=["Question", "Action", "Owner", "Due", "Status", "Overdue"],
    )
    st.dataframe(plan, hide_index=True, width="stretch", key="compare-detail-plan")


def _downloads(comparison: Comparison) -> None:
    """Each file is made only when its button is clicked, so reruns with 1,000 services stay quick."""
    st.subheader("Downloads")
    notes = st.checkbox("Include free-text notes in the spreadsheet (left out unless you ask)", key=NOTES)
    cols = st.columns(4)
    cols[0].download_button(
        "Services (CSV)",
        lambda: to_csv(services_table(comparison)),
        "comparison.csv",
        "text/csv",
        key="compare-dl-csv",
        on_click="ignore",
    )
    cols[1].download_button(
        "Common gaps (CSV)",
        lambda: to_csv(gaps_table(comparison)),
        "common-gaps.csv",
        "text/csv",
        key="compare-dl-gaps",
        on_click="ignore",
    )
    cols[2].download_button(
        "All tables (Excel)",
        lambda: to_xlsx(comparison_tables(comparison, include_notes=notes)),
        "comparison.xlsx",
        XLSX,
        key="compare-dl-xlsx",
        on_click="ignore",
    )
    cols[3].download_button(
        "Area summary (PDF)",
        lambda: _summary_pdf(comparison),
        "area-summary.pdf",
        "application/pdf",
        key="compare-dl-pdf",
        on_click="ignore",
    )


def _summary_pdf(comparison: Comparison) -> bytes:
    from checklist.render.area_pdf import build_area_summary_pdf  # fonts and charts load only when asked

    return build_area_summary_pdf(comparison, tool_version=__version__)


def _pct(value: float | None) -> str:
    return "no score yet" if value is None else f"{value:.1f}"
