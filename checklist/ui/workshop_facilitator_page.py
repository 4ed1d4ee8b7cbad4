"""The facilitator's screen: create a workshop, watch the room answer, discuss, agree, keep the result.

The page's address (?w=<workshop id>) is the facilitator's key: the workshop
lives in the database, so a refresh or a server restart loses nothing.
Nothing here shows who gave which answer.
"""

from __future__ import annotations

from datetime import timedelta

import pandas as pd
import streamlit as st

from checklist import __version__
from checklist.domain.assessment import ANSWER_LABELS, Service
from checklist.domain.bank import QuestionBank, Theme
from checklist.domain.examples import EXAMPLES, example_base_service, example_service
from checklist.domain.workshop import (
    QuestionSpread,
    Workshop,
    WorkshopError,
    answer_spread,
    consensus_assessment,
    create_workshop,
    progress,
    with_consensus,
)
from checklist.render.spread_chart import question_label, spread_chart
from checklist.render.spread_export import spread_csv, spread_json
from checklist.storage import StoreError
from checklist.ui import navigation, resources
from checklist.ui import workshop_common as common
from checklist.ui.forms import answer_from_inputs
from checklist.ui.text import literal

LIVE_EVERY = timedelta(seconds=5)
BLANK = "blank"
TITLE_INPUT, BASE_INPUT, THEMES_INPUT = "wf-title", "wf-base", "wf-themes"
LIVE_TOGGLE, ROOM_TOGGLE, ROOM_QUESTION = "wf-live", "wf-room", "wf-room-question"


def show() -> None:
    common.init()
    bank = resources.bank()
    if bank is None:
        st.title("Workshop")
        return
    workshop_id = st.query_params.get(common.FACILITATOR_PARAM)
    if not workshop_id:
        st.title("Run a workshop")
        _create_form(bank)
        return
    workshop = _load(workshop_id)
    if workshop is None:
        st.title("Workshop")
        return
    room = st.session_state.get(ROOM_TOGGLE, False)
    if not room:
        st.title(f"Workshop: {literal(workshop.title)}" if workshop.title else "Workshop")
        _join_details(workshop)
    common.show_problem()
    st.toggle("Show the room: one question at a time, nothing else on screen", key=ROOM_TOGGLE)
    if not room:
        st.toggle("Update the answers every few seconds", key=LIVE_TOGGLE, value=True)
        # A whole-page rerun, so the discussion below shows the newest answers too.
        st.button("Refresh now", key="wf-refresh")
        _live(bank, workshop.id)
    _discussion(bank, workshop)
    if not room:
        _consensus_assessment(bank, workshop)
        _exports(bank, workshop)


def _load(workshop_id: str) -> Workshop | None:
    try:
        stored = common.store().get(workshop_id)
    except StoreError as exc:
        st.error(exc.message)
        return None
    if stored is None:
        st.error("No workshop has this link. Check that the whole facilitator's link was copied.")
        st.page_link(common.FACILITATOR_PAGE.path, label="Create a new workshop", query_params={})
        return None
    return stored.workshop


# Creating ---------------------------------------------------------------


def _create_form(bank: QuestionBank) -> None:
    st.write(
        "Everyone rates the same service on their own device; then the room sees where answers differ, "
        "discusses and agrees. Everything made in a workshop is marked as practice."
    )
    common.show_problem()
    bases = [BLANK, *(e.id for e in EXAMPLES)]
    labels = {BLANK: "A blank profile (every question applies)"} | {e.id: f"Example: {e.name}" for e in EXAMPLES}
    with st.form("wf-create", border=True):
        st.text_input("Workshop name (optional, shown to participants)", key=TITLE_INPUT, max_chars=200)
        st.selectbox("Service to rate", options=bases, format_func=labels.__getitem__, key=BASE_INPUT)
        titles = {t.id: t.title for t in bank.themes}
        st.multiselect(
            "Themes (leave empty for all)",
            options=list(titles),
            format_func=titles.__getitem__,
            key=THEMES_INPUT,
        )
        st.form_submit_button("Create the workshop", type="primary", on_click=_create, args=(bank,))


def _create(bank: QuestionBank) -> None:
    ss = st.session_state
    base = ss.get(BASE_INPUT) or BLANK
    service = Service() if base == BLANK else example_base_service(bank, example_service(base))
    try:
        workshop = create_workshop(
            bank,
            theme_ids=ss.get(THEMES_INPUT) or None,
            service=service,
            title=(ss.get(TITLE_INPUT) or "").strip(),
            example_id=None if base == BLANK else base,
        )
        stored = common.store().create(workshop)
    except (StoreError, WorkshopError) as exc:
        common.remember_problem(exc.message)
        return
    common.remember_problem(None)
    st.query_params[common.FACILITATOR_PARAM] = stored.workshop.id


# Join code and live progress ---------------------------------------------------


def _join_link(code: str) -> str:
    page = st.context.url or ""
    base = page.split("?")[0].rsplit("/", 1)[0] if page else ""
    return f"{base}/join?{common.JOIN_PARAM}={code}"


def _join_details(workshop: Workshop) -> None:
    with st.container(border=True):
        st.header("Join code")
        # Large enough to read across a room; h2 like its heading, not a second h1, so heading levels keep their order.
        st.markdown(f"## {workshop.join_code}")
        st.write("Participants open this link, or the Join a workshop page, and enter the code:")
        st.code(_join_link(workshop.join_code), language=None)
        if workshop.service.name:
            st.text(f"Service being rated: {workshop.service.name}")
        st.write(
            "Keep this page's address: it is the facilitator's link and the only way back to this screen. "
            "Do not share it with participants."
        )


def _live(bank: QuestionBank, workshop_id: str) -> None:
    every = LIVE_EVERY if st.session_state.get(LIVE_TOGGLE, True) else None

    @st.fragment(run_every=every)
    def live() -> None:
        workshop = _load(workshop_id)
        if workshop is None:
            return
        _progress(bank, workshop)
        _spread(bank, workshop)

    live()


def _progress(bank: QuestionBank, workshop: Workshop) -> None:
    st.subheader("Progress")
    people = len(workshop.participants)
    counts = progress(bank, workshop)
    finished = sum(1 for s in counts if people and s.answered == people)
    st.write(f"{people} joined. {finished} of {len(counts)} questions answered by everyone.")
    with st.expander("How many have answered each question"):
        st.dataframe(
            pd.DataFrame(
                {
                    "Question": [question_label(bank, s.question_id, n) for n, s in enumerate(counts, 1)],
                    "Answered": [s.answered for s in counts],
                    "Joined": [people] * len(counts),
                }
            ),
            hide_index=True,
            width="stretch",
        )


def _spread(bank: QuestionBank, workshop: Workshop) -> None:
    st.subheader("Where the room disagrees")
    spreads = [s for s in answer_spread(bank, workshop) if s.answered]
    if not spreads:
        st.write("No answers yet.")
        return
    st.write(
        "Disagreement is the share of people who gave another answer than the most common one: "
        "0% means everyone agrees. Questions where someone said Met and someone Not met come first among equals."
    )
    st.dataframe(spread_table(bank, spreads), hide_index=True, width="stretch")
    # Full width under its table: each bar segment is labelled with its answer, which needs the room.
    st.altair_chart(spread_chart(bank, spreads[:12]), width="stretch")


def spread_table(bank: QuestionBank, spreads: list[QuestionSpread]) -> pd.DataFrame:
    rows = []
    for spread in spreads:
        question = bank.question(spread.question_id)
        rows.append(
            {
                "Question": question.text if question else spread.question_id,
                "Disagreement (%)": round(spread.disagreement * 100),
                "Answered": spread.answered,
                **{label: spread.counts[value] for value, label in ANSWER_LABELS.items()},
            }
        )
    return pd.DataFrame(rows)


# Discussion and consensus -----------------------------------------------------


def _discussion(bank: QuestionBank, workshop: Workshop) -> None:
    spreads = answer_spread(bank, workshop)
    if not spreads:
        st.info("None of the chosen questions applies to this service's profile.")
        return
    order = [s.question_id for s in spreads]
    st.subheader("Discuss and agree, one question at a time")
    current = st.session_state.get(ROOM_QUESTION)
    if current not in order:
        st.session_state[ROOM_QUESTION] = order[0]
    st.selectbox(
        "Question (most disagreed first)",
        options=order,
        format_func=lambda qid: question_label(bank, qid, order.index(qid) + 1),
        key=ROOM_QUESTION,
    )
    at = order.index(st.session_state[ROOM_QUESTION])
    previous, following = st.columns(2)
    previous.button("Previous question", key="wf-previous", disabled=at == 0, on_click=_move, args=(order, at - 1))
    following.button(
        "Next question", key="wf-next", disabled=at + 1 >= len(order), on_click=_move, args=(order, at + 1)
    )
    _room_question(bank, workshop, spreads[at], at)


def _move(order: list[str], index: int) -> None:
    st.session_state[ROOM_QUESTION] = order[index]


def _room_question(bank: QuestionBank, workshop: Workshop, spread: QuestionSpread, index: int) -> None:
    question, theme = bank.question(spread.question_id), bank.theme_of(spread.question_id)
    if question is None or theme is None:
        return
    with st.container(border=True):
        st.text(theme.title)
        st.markdown(f"### {literal(question.text)}")
        people = len(workshop.participants)
        st.write(
            f"{spread.answered} of {people} answered. Disagreement: {spread.disagreement:.0%}. "
            + "; ".join(f"{ANSWER_LABELS[v]}: {n}" for v, n in spread.counts.items())
            + "."
        )
        if spread.answered:
            st.altair_chart(spread_chart(bank, [spread]), width="stretch")
        st.markdown(f"**Why it matters.** {literal(question.why)}")
        st.markdown(f"**What met looks like.** {literal(question.good_looks_like)}")
        _evidence(bank, theme)
        if theme.prompts:
            prompt = theme.prompts[index % len(theme.prompts)]
            st.markdown(f"**For discussion.** {literal(prompt)}")
        _consensus_input(bank, workshop, spread.question_id)


def _evidence(bank: QuestionBank, theme: Theme) -> None:
    if not theme.evidence:
        return
    st.markdown("**What the evidence says**")
    for item in theme.evidence:
        cited = "; ".join(f"{s.publisher} {s.year}" for s in (bank.source(i) for i in item.sources) if s)
        st.markdown(f"- {literal(item.text)} ({literal(cited)})")


def _consensus_input(bank: QuestionBank, workshop: Workshop, question_id: str) -> None:
    answer_key, reason_key = common.consensus_key(question_id), common.consensus_reason_key(question_id)
    agreed = workshop.consensus.get(question_id)
    common.seed(answer_key, agreed.answer.value if agreed else None)
    common.seed(reason_key, (agreed.na_reason if agreed else None) or "")
    args = (bank, workshop.id, question_id)
    st.radio(
        "The answer the room agrees",
        options=common.ANSWER_OPTIONS,
        format_func=common.answer_label,
        index=None,
        key=answer_key,
        horizontal=True,
        on_change=_agreed,
        args=args,
    )
    if st.session_state.get(answer_key) == "na":
        st.text_input("Why it does not apply (needed)", key=reason_key, on_change=_agreed, args=args)


def _agreed(bank: QuestionBank, workshop_id: str, question_id: str) -> None:
    ss = st.session_state
    built = answer_from_inputs(
        ss.get(common.consensus_key(question_id)), None, ss.get(common.consensus_reason_key(question_id))
    )
    if built.answer is None:
        common.remember_problem(built.waiting_for)
        return
    answer = built.answer
    try:
        common.store().update(workshop_id, lambda w: with_consensus(bank, w, question_id, answer))
    except (StoreError, WorkshopError) as exc:
        common.remember_problem(f"The agreed answer was not saved: {exc.message}")
        return
    common.remember_problem(None)


def _consensus_assessment(bank: QuestionBank, workshop: Workshop) -> None:
    st.subheader("The consensus assessment")
    total = len(answer_spread(bank, workshop))
    st.write(
        f"Agreed so far: {len(workshop.consensus)} of {total} questions. The agreed answers become an ordinary "
        "assessment, marked as practice, with results, an action plan and a PDF like any other."
    )
    st.button(
        "Create the consensus assessment",
        key="wf-make-assessment",
        type="primary",
        disabled=not workshop.consensus,
        on_click=_make_assessment,
        args=(bank, workshop.id),
    )
    if workshop.consensus_assessment_id:
        st.page_link(
            navigation.REVIEW.path,
            label="Open the consensus assessment",
            icon=":material/arrow_forward:",
            query_params={"a": workshop.consensus_assessment_id},
        )
        st.text(f"Its id: {workshop.consensus_assessment_id}")


def _make_assessment(bank: QuestionBank, workshop_id: str) -> None:
    latest = common.store().get(workshop_id)
    if latest is None:
        return
    assessment = consensus_assessment(bank, latest.workshop)
    try:
        resources.store().create(assessment)
        common.store().update(workshop_id, lambda w: w.model_copy(update={"consensus_assessment_id": assessment.id}))
    except StoreError as exc:
        common.remember_problem(f"The consensus assessment was not saved: {exc.message}")
        return
    common.remember_problem(None)


def _exports(bank: QuestionBank, workshop: Workshop) -> None:
    st.subheader("Keep the spread")
    st.write("The spread of answers, most disagreed first, with the agreed answer beside each question.")
    csv_column, json_column = st.columns(2)
    csv_column.download_button(
        "Download the spread (CSV)",
        data=spread_csv(bank, workshop),
        file_name=f"workshop-{workshop.join_code}-spread.csv",
        mime="text/csv",
        on_click="ignore",
        key="wf-spread-csv",
    )
    json_column.download_button(
        "Download the spread (JSON)",
        data=spread_json(bank, workshop),
        file_name=f"workshop-{workshop.join_code}-spread.json",
        mime="application/json",
        on_click="ignore",
        key="wf-spread-json",
    )
    _paper_checklist(bank)


@st.cache_data(show_spinner="Making the paper checklist…", max_entries=4)
def _blank_pdf(_bank: QuestionBank, sha256: str) -> bytes:
    from checklist.render.blank_pdf import build_blank_checklist_pdf

    return build_blank_checklist_pdf(_bank, tool_version=__version__)


def _paper_checklist(bank: QuestionBank) -> None:
    st.subheader("Printable materials")
    if st.button("Make the paper checklist (PDF)", key="wf-make-blank"):
        st.session_state["wf-blank-ready"] = True
    if st.session_state.get("wf-blank-ready"):
        st.download_button(
            "Download the paper checklist",
            data=_blank_pdf(bank, bank.sha256),
            file_name="checklist.pdf",
            mime="application/pdf",
            on_click="ignore",
            key="wf-blank-pdf",
        )
