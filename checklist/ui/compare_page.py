"""Compare submissions: a commissioner uploads many files and sees the area at once.

Gather (files, options, filters), call the core (read_submissions,
compare_intake), show the tables render.compare_tables builds for the
downloads too. Both results are cached by the files' hashes, so a rerun with
1,000 files loaded does not load or score them again.

Files are taken out of the upload box as soon as they arrive and kept in the
session, so the page lists them itself and can hide their names when services
are anonymised (the upload box would show them).
"""

from __future__ import annotations

import hashlib
from datetime import date
from typing import Literal, NamedTuple

import pandas as pd
import streamlit as st

from checklist import __version__
from checklist.collector import cycle_collector_paused
from checklist.domain.audit import Export
from checklist.domain.bank import QuestionBank
from checklist.domain.compare import Comparison, Filters, Intake, compare_intake, filter_options, read_submissions
from checklist.domain.compare_survey import common_differences, survey_rows
from checklist.domain.scoring import DRAFT_THRESHOLD
from checklist.domain.wording import NO_SCORE_CELL, counted, question_words, score_text
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
from checklist.render.compare_tables import (
    answers_table,
    file_table,
    gaps_table,
    left_apart_table,
    overdue_table,
    plans_table,
    service_plan_table,
    services_table,
)
from checklist.render.exports import to_csv, to_xlsx, workbook_tables
from checklist.render.survey_tables import survey_table
from checklist.ui import area_submissions, resources, state
from checklist.ui.html_tables import html_table

# This page's session-state and widget keys, kept in state.py with every other page's.
from checklist.ui.state import COMPARE_ANONYMISE as ANONYMISE
from checklist.ui.state import COMPARE_AREAS as AREAS
from checklist.ui.state import COMPARE_DRAFTS as DRAFTS
from checklist.ui.state import COMPARE_FILES as FILES
from checklist.ui.state import COMPARE_NOTES as NOTES
from checklist.ui.state import COMPARE_PRACTICE as PRACTICE
from checklist.ui.state import COMPARE_ROUND as ROUND
from checklist.ui.state import COMPARE_SETTINGS as SETTINGS
from checklist.ui.state import COMPARE_SORT as SORT
from checklist.ui.state import COMPARE_VERSIONS as VERSIONS
from checklist.ui.text import literal

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# Up to this many rows a table is drawn whole with its text wrapped; longer ones scroll in a grid.
WRAPPED_ROWS = 80
# Widths that keep every column of a table in view at 1366 pixels, the question widest.
COLUMN_WIDTHS: dict[str, Literal["medium", "large"]] = {
    "Question": "large",
    "Reason": "large",
    "Action": "medium",
    "Warnings": "medium",
    "Note": "medium",
    "Reason not applicable": "medium",
    "Draft": "medium",
    "Why": "medium",
}
DRAFT_PERCENT = f"{DRAFT_THRESHOLD:.0%}"
SCORE_NOTE = f"{NO_SCORE_CELL} means no score yet: no question in it is answered."

FileKey = tuple[tuple[str, str], ...]


class Choice(NamedTuple):
    """What the user chose above the results; plain values, so Streamlit can hash it for the cache."""

    practice: bool
    drafts: bool
    anonymise: bool
    areas: tuple[str, ...]
    settings: tuple[str, ...]
    versions: tuple[str, ...]


# Results are frozen, so one shared copy is safe and saves pickling 1,000 assessments on every
# rerun (st.cache_data would copy them); keys are the files' hashes, so nothing leaks between users.
@st.cache_resource(show_spinner="Reading the files…", max_entries=4, ttl=3600)
def _intake(bank_sha: str, key: FileKey, _bank: QuestionBank, _files: tuple[tuple[str, bytes], ...]) -> Intake:
    with cycle_collector_paused():  # many objects, no cycles: see the helper, and the README's Speed table
        return read_submissions(_files, _bank)


@st.cache_resource(show_spinner="Comparing…", max_entries=16, ttl=3600)
def _comparison(
    bank_sha: str, key: FileKey, choice: Choice, today: date, _bank: QuestionBank, _intake: Intake
) -> Comparison:
    filters = Filters(frozenset(choice.areas), frozenset(choice.settings), frozenset(choice.versions))
    with cycle_collector_paused():
        return compare_intake(
            _bank,
            _intake,
            today=today,
            include_practice=choice.practice,
            include_drafts=choice.drafts,
            anonymise=choice.anonymise,
            filters=filters,
        )


# The page's tabs, in order; the browser tests go through each of them from here.
TABS = ("Services × themes", "Common gaps", "Theme spread", "Action plans", "One service", "Women's experience")


def show() -> None:
    st.title("Compare submissions")
    bank = resources.bank()
    if bank is None:
        return
    sent = area_submissions.files_to_compare()  # None unless a signed-in commissioner chose them
    files = _files() if sent is None else sent
    if sent is None:
        _upload_section(files)
    if not files:
        return
    key: FileKey = tuple((name, hashlib.sha256(data).hexdigest()) for name, data in files)
    intake = _intake(bank.sha256, key, bank, files)
    report = st.container()
    if not intake.usable:
        with report:
            _file_report(intake, None, anonymise=bool(st.session_state.get(ANONYMISE)), from_area=sent is not None)
        st.error("No file could be used. The report above says why for each one.")
        return
    choice = _choice(intake, bank)
    comparison = _comparison(bank.sha256, key, choice, date.today(), bank, intake)
    with report:
        _file_report(intake, comparison, anonymise=choice.anonymise, from_area=sent is not None)
    _versions(comparison)
    _left_apart(comparison)
    if not comparison.rows:
        _nothing_counted(comparison)
        return
    _headline(comparison)
    tabs = st.tabs(list(TABS))
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
    with tabs[5]:
        _womens_experience(bank, comparison)
    _downloads(comparison)


def _upload_section(files: tuple[tuple[str, bytes], ...]) -> None:
    if not files:
        st.info("Choose the files to compare: select many at once, or a whole folder's worth.")
    st.write(
        "Upload the assessment files services have sent you (JSON, or PDFs made by this tool). "
        "Nothing leaves this computer. Each file is checked; broken files and copies are reported, not counted."
    )
    _upload_box(files)


def _files() -> tuple[tuple[str, bytes], ...]:
    loaded: dict[str, bytes] = st.session_state.setdefault(FILES, {})
    return tuple(loaded.items())


def _take_files(widget: str) -> None:
    """Moves what was just uploaded into the session's files (a file of the same name is replaced)."""
    uploads = st.session_state.get(widget) or []
    loaded: dict[str, bytes] = st.session_state.setdefault(FILES, {})
    for upload in uploads:
        loaded[upload.name] = upload.getvalue()
    # A new upload box, empty: the page lists the files itself.
    st.session_state[ROUND] = st.session_state.get(ROUND, 0) + 1


def _clear_files() -> None:
    st.session_state[FILES] = {}


def _upload_box(files: tuple[tuple[str, bytes], ...]) -> None:
    widget = state.compare_upload_key(st.session_state.get(ROUND, 0))
    st.file_uploader(
        "Add submitted assessment files" if files else "Submitted assessment files",
        type=["json", "pdf"],
        accept_multiple_files=True,
        key=widget,
        on_change=_take_files,
        args=(widget,),
    )
    if files:
        st.button(f"Clear the {counted(len(files), 'file')}", key=state.COMPARE_CLEAR, on_click=_clear_files)


def _file_report(intake: Intake, comparison: Comparison | None, *, anonymise: bool, from_area: bool) -> None:
    # The area's submissions are read as files too, but the commissioner never handled a file.
    noun = "submission" if from_area else "file"
    st.header("Submissions read" if from_area else "Files")
    st.text(intake.summary(noun))
    if anonymise:
        st.write(f"{noun.capitalize()}s are named file 1, file 2, … while services are anonymised.")
    _table(file_table(intake, comparison, anonymise=anonymise), state.COMPARE_REPORT_TABLE, label="Files")


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
    drafts = st.checkbox(f"Count drafts (under {DRAFT_PERCENT} of questions answered) in the figures", key=DRAFTS)
    return Choice(practice, drafts, anonymise, tuple(areas), tuple(settings), tuple(versions))


def _versions(comparison: Comparison) -> None:
    if comparison.versions:
        loaded = ", ".join(
            f"{v.version}{' (current)' if v.current else ''}: {counted(v.services, 'service')}"
            for v in comparison.versions
        )
        st.text(f"Question bank versions compared: {loaded}. Compared on version {comparison.bank_version}.")
    if comparison.left_out:
        st.write("Some answers are left out so that services are compared like for like:")
        _table(
            pd.DataFrame(
                [
                    {
                        "Question": question_words(comparison.question_texts, x.question_id),
                        "Bank version": x.bank_version,
                        "Services": x.services,
                        "Why": x.reason,
                    }
                    for x in comparison.left_out
                ],
                columns=["Question", "Bank version", "Services", "Why"],
            ),
            state.COMPARE_LEFT_OUT_TABLE,
            label="Answers left out",
        )


def _left_apart(comparison: Comparison) -> None:
    if comparison.practice_apart:
        with st.expander(f"Practice files, left out of the figures ({len(comparison.practice_apart)})"):
            apart = left_apart_table(comparison.practice_apart, safe=False)
            _table(apart, state.COMPARE_PRACTICE_TABLE, label="Practice files")
    if comparison.drafts_apart:
        n = len(comparison.drafts_apart)
        with st.expander(f"Drafts, left out of the figures ({n})"):
            st.write(
                f"A draft has fewer than {DRAFT_PERCENT} of its questions answered, so its scores are not yet "
                "a result. Tick “Count drafts” above to include them."
            )
            _table(left_apart_table(comparison.drafts_apart, safe=False), state.COMPARE_DRAFTS_TABLE, label="Drafts")


def _nothing_counted(comparison: Comparison) -> None:
    """Says why nothing is compared, and offers the switch that would change it."""
    practice, drafts = len(comparison.practice_apart), len(comparison.drafts_apart)
    if practice and not drafts:
        st.warning(
            (
                "The only file is a practice file (from an example or a workshop)"
                if practice == 1
                else f"All {practice} files are practice files (from examples or workshops)"
            )
            + ", so they are left out of the figures."
        )
        st.button("Count the practice files", key=state.COMPARE_COUNT_PRACTICE, on_click=_switch_on, args=(PRACTICE,))
    elif drafts and not practice:
        st.warning(
            f"{'The only submission is a draft' if drafts == 1 else f'All {drafts} submissions are drafts'} "
            f"(under {DRAFT_PERCENT} of questions answered), so nothing is counted yet."
        )
        st.button("Count the drafts", key=state.COMPARE_COUNT_DRAFTS, on_click=_switch_on, args=(DRAFTS,))
    elif practice or drafts:
        st.warning(
            f"Every file is practice or a draft ({practice} practice, {counted(drafts, 'draft')}), "
            "so nothing is counted yet. Tick the boxes above to count them."
        )
    else:
        st.warning("No service matches these choices. Change the filters above.")


def _switch_on(widget: str) -> None:
    st.session_state[widget] = True


def _headline(comparison: Comparison) -> None:
    h = comparison.headline
    cols = st.columns(4)
    cols[0].metric("Services compared", h.services)
    cols[1].metric("Median overall score", score_text(h.median_overall, empty=NO_SCORE_CELL))
    cols[2].metric("Services with a safety gap", h.with_safety_gap)
    cols[3].metric("Overdue actions", h.overdue_actions)
    if comparison.drafts_apart:
        st.write(f"{counted(len(comparison.drafts_apart), 'draft')} left out of these figures (see above).")


def _heatmap(comparison: Comparison) -> None:
    sort = st.selectbox("Sort services by", list(SORTS), key=SORT)
    rows = sorted_rows(comparison, sort)
    if len(rows) > HEATMAP_LIMIT:
        st.write(f"The charts show the first {HEATMAP_LIMIT} of {len(rows)} services in this order; the table has all.")
    st.write(
        f"Scores are out of 100. {SCORE_NOTE} The table starts with the key figures; "
        "scroll it sideways for each theme and the details."
    )
    # Themes are rows with whole titles; a few services per chart, so their names stay level and readable.
    for block in blocks(rows[:HEATMAP_LIMIT], HEATMAP_COLUMNS):
        st.altair_chart(heatmap_chart(comparison, block), width="content")
    table = services_table(comparison, safe=False, rows=rows)
    _table(table, state.COMPARE_SERVICES, label="Services", wide=True)


def _common_gaps(comparison: Comparison) -> None:
    st.write("The questions most services have as a gap: worth commissioning once for everyone.")
    _table(gaps_table(comparison, safe=False), state.COMPARE_GAPS_TABLE, label="Common gaps")


def _spread(comparison: Comparison) -> None:
    st.write(
        "For each theme: the line runs from the lowest to the highest service's score, the box holds the "
        "middle half of services, and the black tick is the median."
    )
    st.write(SCORE_NOTE)
    # The table right under the chart: the chart's numbers for anyone who cannot see it.
    st.altair_chart(spread_chart(comparison), width="stretch")
    _table(spread_frame(comparison), state.COMPARE_SPREAD_TABLE, label="Theme spread")


def _plans(comparison: Comparison) -> None:
    st.header("Actions by status")
    _table(plans_table(comparison, safe=False), state.COMPARE_PLANS_TABLE, label="Actions by status")
    overdue = overdue_table(comparison, safe=False)
    st.header("Overdue actions")
    st.write(f"Due date passed, not done or dropped: {counted(len(overdue), 'action')}.")
    if len(overdue):
        _table(overdue, state.COMPARE_OVERDUE_TABLE, label="Overdue actions")


def _detail(comparison: Comparison) -> None:
    names = {r.key: r.name for r in comparison.rows}
    box = state.compare_detail_key(comparison.anonymised)
    key = st.selectbox("Service", list(names), format_func=lambda k: names[k], key=box)
    detail = comparison.detail(key) if key else None
    if detail is None:
        return
    row = detail.row
    draft = f" ({row.draft_label})" if row.draft_label else ""
    st.markdown(
        f"**{literal(row.name)}**: overall score {score_text(row.overall)}{literal(draft)}, "
        f"completion {row.completion:.0%}"
    )
    if comparison.anonymised:
        st.write("Owners, notes and reasons are hidden while services are anonymised.")
    st.header("Answers, by theme")
    _table(answers_table(comparison, detail, safe=False), state.COMPARE_DETAIL_ANSWERS_TABLE, label="Answers, by theme")
    st.header("Action plan")
    plan = service_plan_table(comparison, detail, safe=False)
    if len(plan):
        _table(plan, state.COMPARE_DETAIL_PLAN_TABLE, label="Action plan")
    else:
        st.write("No actions planned yet.")


def _womens_experience(bank: QuestionBank, comparison: Comparison) -> None:
    st.write(
        "From the women's survey each service ran beside its self-assessment: counts only, and nothing for a "
        "question that fewer than 5 women (or the service's higher threshold) answered. Comments never leave "
        "the service."
    )
    rows = survey_rows(bank, comparison)
    if all(r.responses is None for r in rows):
        st.write("None of these services has sent survey results yet.")
        return
    _table(survey_table(comparison, rows), state.COMPARE_SURVEY_TABLE, label="Women's experience")
    common = common_differences(rows)
    if common:
        st.header("Where women's experience differs in more than one service")
        shared = [(comparison.question_texts.get(q, q), n) for q, n in common if n > 1]
        if shared:
            for text, n in shared:
                st.markdown(f"- {literal(text)}: {n} services")
        else:
            st.write("No question differs in more than one service.")


def _table(table: pd.DataFrame, key: str, *, label: str, wide: bool = False) -> None:
    """A table drawn whole, every cell's text in full and wrapped, shown exactly as typed.

    Past WRAPPED_ROWS rows (a thousand services) it is a grid, which scrolls and keeps the page quick.
    """
    if len(table) > WRAPPED_ROWS:
        widths = {c: st.column_config.TextColumn(width=COLUMN_WIDTHS[c]) for c in table.columns if c in COLUMN_WIDTHS}
        st.dataframe(table, hide_index=True, width="stretch", key=key, placeholder=NO_SCORE_CELL, column_config=widths)
    else:
        with st.container(key=key):
            st.html(html_table(table, label=label, wide=wide))


def _downloads(comparison: Comparison) -> None:
    """Each file is made only when its button is clicked, so reruns with 1,000 services stay quick."""
    st.header("Downloads")
    notes = st.checkbox("Include free-text notes in the spreadsheet (left out unless you ask)", key=NOTES)
    cols = st.columns(4)
    cols[0].download_button(
        "Services (CSV)",
        resources.noted_export(Export.CSV_SERVICES, lambda: to_csv(services_table(comparison))),
        "comparison.csv",
        "text/csv",
        key=state.COMPARE_DOWNLOAD_CSV,
        on_click="ignore",
    )
    cols[1].download_button(
        "Common gaps (CSV)",
        resources.noted_export(Export.CSV_GAPS, lambda: to_csv(gaps_table(comparison))),
        "common-gaps.csv",
        "text/csv",
        key=state.COMPARE_DOWNLOAD_GAPS,
        on_click="ignore",
    )
    cols[2].download_button(
        "All tables (Excel)",
        resources.noted_export(Export.EXCEL, lambda: to_xlsx(workbook_tables(comparison, include_notes=notes))),
        "comparison.xlsx",
        XLSX,
        key=state.COMPARE_DOWNLOAD_XLSX,
        on_click="ignore",
    )
    cols[3].download_button(
        "Area summary (PDF)",
        resources.noted_export(Export.AREA_PDF, lambda: _summary_pdf(comparison)),
        "area-summary.pdf",
        "application/pdf",
        key=state.COMPARE_DOWNLOAD_PDF,
        on_click="ignore",
    )


def _summary_pdf(comparison: Comparison) -> bytes:
    from checklist.render.area_pdf import build_area_summary_pdf  # fonts and charts load only when asked

    return build_area_summary_pdf(comparison, tool_version=__version__)
