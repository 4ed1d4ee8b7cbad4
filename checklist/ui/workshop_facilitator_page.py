"""The facilitator's screen: create a workshop, watch the room answer, discuss, agree, keep the result.

The page's address (?w=<workshop id>) is the facilitator's key: the workshop
lives in the database, so a refresh or a server restart loses nothing.
Nothing here shows who gave which answer.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import timedelta
from functools import partial
from urllib.parse import parse_qs, urlencode, urlsplit

import pandas as pd
import streamlit as st

from checklist import __version__
from checklist.domain.assessment import ANSWER_LABELS, Service
from checklist.domain.bank import QuestionBank, Theme
from checklist.domain.examples import EXAMPLES, example_base_service, example_service
from checklist.domain.join_address import PUBLIC_URL_SETTING, JoinAddress, join_address
from checklist.domain.wording import clock_time, long_moment
from checklist.domain.workshop import (
    QuestionSpread,
    Workshop,
    WorkshopError,
    answer_spread,
    consensus_assessment,
    create_workshop,
    progress,
    remove_participant,
    remove_silent_participants,
    with_consensus,
    workshop_questions,
)
from checklist.render.qr import qr_png
from checklist.render.spread_chart import question_label, spread_chart
from checklist.render.spread_export import spread_csv, spread_json
from checklist.storage import StoreError
from checklist.ui import navigation, resources, state
from checklist.ui import workshop_common as common
from checklist.ui.forms import answer_from_inputs

# This page's session-state and widget keys, kept in state.py with every other page's.
from checklist.ui.state import FACILITATOR_BASE_INPUT as BASE_INPUT
from checklist.ui.state import FACILITATOR_CURRENT as CURRENT
from checklist.ui.state import FACILITATOR_JOINING_TOGGLE as JOINING_TOGGLE
from checklist.ui.state import FACILITATOR_LINK_INPUT as LINK_INPUT
from checklist.ui.state import FACILITATOR_LIVE_TOGGLE as LIVE_TOGGLE
from checklist.ui.state import FACILITATOR_ROOM_ON as ROOM_ON
from checklist.ui.state import FACILITATOR_ROOM_QUESTION as ROOM_QUESTION
from checklist.ui.state import FACILITATOR_RUNNING as RUNNING
from checklist.ui.state import FACILITATOR_THEMES_INPUT as THEMES_INPUT
from checklist.ui.state import FACILITATOR_TITLE_INPUT as TITLE_INPUT
from checklist.ui.text import literal

LIVE_EVERY = timedelta(seconds=5)
BLANK = "blank"
NOT_REACHABLE = (
    "**Phones in the room cannot open this link.** It points at {host}, which means this computer only. "
    "To run the workshop on the room's network, stop the app and start it with `make serve-room` "
    '(README, "Workshops on the room\'s network"), which prints the address to share; or, on a shared '
    "server, set CHECKLIST_PUBLIC_URL to the address participants use."
)
# The room's view is for a projector: no menu, no header, large type. Our own constant CSS, never user text.
PROJECTOR_CSS = """<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stHeader"] {display: none;}
.st-key-wf-projector p, .st-key-wf-projector li {font-size: 1.75rem; line-height: 1.4;}
.st-key-wf-projector h2 {font-size: 3rem; line-height: 1.2;}
.st-key-wf-projector-steps button {opacity: 0.6;}
</style>"""


def show() -> None:
    bank = resources.bank()
    if bank is None:
        st.title("Workshop")
        return
    workshop_id = st.query_params.get(common.FACILITATOR_PARAM)
    if not workshop_id:
        st.title("Run a workshop")
        common.show_problem()
        _way_back()
        _create_form(bank)
        return
    workshop = _load(workshop_id)
    if workshop is None:
        st.title("Workshop")
        return
    _remember_running(workshop)
    if st.session_state.get(ROOM_ON):
        _projector(bank, workshop.id)
        return
    st.title(f"Workshop: {literal(workshop.title)}" if workshop.title else "Workshop")
    _join_details(bank, workshop)
    st.button(
        "Show the room: one question, large, for the projector",
        key=state.FACILITATOR_SHOW_ROOM,
        icon=":material/present_to_all:",
        on_click=_set_room,
        args=(True,),
    )
    st.toggle("Update the answers every few seconds", key=LIVE_TOGGLE, value=True)
    st.button("Refresh now", key=state.FACILITATOR_REFRESH)
    _live(bank, workshop.id)


def _load(workshop_id: str) -> Workshop | None:
    try:
        stored = resources.workshops().get(workshop_id)
    except StoreError as exc:
        st.error(exc.message)
        return None
    if stored is None:
        st.error(common.NO_WORKSHOP)
        st.page_link(common.FACILITATOR_PAGE.path, label="Create a new workshop", query_params={})
        return None
    return stored.workshop


# Finding the way back ---------------------------------------------------------


def _remember_running(workshop: Workshop) -> None:
    """This browser tab runs this workshop: the menu's "Run a workshop" leads back to it."""
    running: dict[str, str] = st.session_state.setdefault(RUNNING, {})
    running[workshop.id] = workshop.title or f"Workshop {workshop.join_code}"


def _way_back() -> None:
    if st.session_state.get(state.SIGN_IN_ON):
        _your_workshops()
        st.header("Start a new workshop")
        return
    running: dict[str, str] = st.session_state.get(RUNNING, {})
    if running:
        st.header("Workshops you are running in this browser")
        for workshop_id, title in running.items():
            st.page_link(
                common.FACILITATOR_PAGE.path,
                label=f"Back to {title}",
                icon=":material/arrow_back:",
                query_params={common.FACILITATOR_PARAM: workshop_id},
            )
    with st.form("wf-reopen", border=True):
        st.text_input(
            "Running a workshop already? Paste your facilitator's link (it ends in ?w= and a code)",
            key=LINK_INPUT,
            max_chars=500,
        )
        st.form_submit_button("Open my workshop", on_click=_reopen, key=state.FACILITATOR_REOPEN_SUBMIT)
    st.header("Start a new workshop")


def _your_workshops() -> None:
    """With sign-in, a trainer's own workshops, newest first, from any browser: the facilitator's link is not needed."""
    try:
        mine = resources.workshops().mine()
    except StoreError as exc:
        st.error(exc.message)
        return
    if not mine:
        return
    st.header("Your workshops")
    for stored in mine:
        workshop = stored.workshop
        name = literal(workshop.title) if workshop.title else f"Workshop {workshop.join_code}"
        closed = ", closed" if workshop.closed else ""
        st.page_link(
            common.FACILITATOR_PAGE.path,
            label=f"{name} (made {long_moment(workshop.created_at)}{closed})",
            icon=":material/arrow_forward:",
            query_params={common.FACILITATOR_PARAM: workshop.id},
        )


def _reopen() -> None:
    workshop_id = workshop_id_in_link(st.session_state.get(LINK_INPUT) or "")
    if not workshop_id:
        common.remember_problem("Paste the whole facilitator's link, or the code after ?w= in it.")
        return
    common.remember_problem(None)
    st.query_params[common.FACILITATOR_PARAM] = workshop_id


def workshop_id_in_link(pasted: str) -> str:
    """The workshop id in a pasted facilitator's link, or the pasted id itself."""
    text = pasted.strip()
    found = parse_qs(urlsplit(text).query).get(common.FACILITATOR_PARAM) if "?" in text else None
    return found[0].strip() if found else text if text and "/" not in text and "=" not in text else ""


# Creating ---------------------------------------------------------------


def _create_form(bank: QuestionBank) -> None:
    st.write(
        "Everyone rates the same service on their own device; then the room sees where answers differ, "
        "discusses and agrees. Everything made in a workshop is marked as practice."
    )
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
        st.form_submit_button(
            "Create the workshop", type="primary", on_click=_create, args=(bank,), key=state.FACILITATOR_CREATE_SUBMIT
        )


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
        stored = resources.workshops().create(workshop)
    except (StoreError, WorkshopError) as exc:
        common.remember_problem(exc.message)
        return
    common.remember_problem(None)
    st.query_params[common.FACILITATOR_PARAM] = stored.workshop.id


# Join code and live progress ---------------------------------------------------


def _join_address(code: str) -> JoinAddress:
    return join_address(
        code, public_url=os.environ.get(PUBLIC_URL_SETTING), page_url=st.context.url, param=common.JOIN_PARAM
    )


def _join_details(bank: QuestionBank, workshop: Workshop) -> None:
    address = _join_address(workshop.join_code)
    with st.container(border=True, key=state.FACILITATOR_JOIN_BOX):
        st.header("Join code")
        code_column, qr_column = st.columns([3, 2])
        with code_column:
            # Large enough to read across a room; h2 like its heading (not a second h1), so levels keep their order.
            st.markdown(f"## {workshop.join_code}")
            st.write("Participants scan the QR code or open this link, or open Join a workshop and enter the code:")
            st.code(address.link, language=None)
            if workshop.service.name:
                st.text(f"Service being rated: {workshop.service.name}")
            common.show_scenario(bank, workshop, expanded=False)
        if address.link.startswith("http"):
            # No caption: Streamlit draws captions in a grey too faint to read, and the link is beside it.
            qr_column.image(qr_png(address.link), alt=f"QR code of {address.link}", width=240)
        if address.problem:
            st.warning(address.problem)
        if address.reachable is False:
            st.warning(NOT_REACHABLE.format(host=literal(address.host)), icon=":material/wifi_off:")
        st.write("Keep this page's address: it is the facilitator's link. Do not share it with participants.")


def _live(bank: QuestionBank, workshop_id: str) -> None:
    every = LIVE_EVERY if st.session_state.get(LIVE_TOGGLE, True) else None

    # Everything that shows the room's answers reads one copy of the workshop on the same tick,
    # so the discussion card can never lag behind or contradict the chart above it.
    @st.fragment(run_every=every)
    def live() -> None:
        workshop = _load(workshop_id)
        if workshop is None:
            return
        common.show_problem()
        _progress(bank, workshop)
        _spread(bank, workshop)
        _discussion(bank, workshop)
        _consensus_assessment(bank, workshop)
        _exports(bank, workshop)
        _who_can_join(bank, workshop)

    live()


def _progress(bank: QuestionBank, workshop: Workshop) -> None:
    st.header("Progress")
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
    st.header("Where the room disagrees")
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
        rows.append(
            {
                "Question": bank.text_of(spread.question_id),
                "Disagreement (%)": round(spread.disagreement * 100),
                "Answered": spread.answered,
                **{label: spread.counts[value] for value, label in ANSWER_LABELS.items()},
            }
        )
    return pd.DataFrame(rows)


# Who can join -------------------------------------------------------------------


def _who_can_join(bank: QuestionBank, workshop: Workshop) -> None:
    st.header("Who can join")
    if workshop.closed:
        st.info("This workshop is closed: its join code no longer works and no answers are taken.")
        st.button(
            "Reopen the workshop",
            key=state.FACILITATOR_REOPEN_WORKSHOP,
            on_click=_change,
            args=(workshop.id, _reopened),
        )
        return
    if problem := common.max_participants_problem():
        st.warning(problem)
    st.session_state[JOINING_TOGGLE] = workshop.joining_open
    st.toggle(
        f"Let new people join with the code (at most {common.max_participants()})",
        key=JOINING_TOGGLE,
        on_change=_joining_changed,
        args=(workshop.id,),
    )
    st.button(
        "Close the workshop: the code stops working and no more answers are taken",
        key=state.FACILITATOR_CLOSE_WORKSHOP,
        on_click=_change,
        args=(workshop.id, _closed),
    )
    _participants(bank, workshop)


def _participants(bank: QuestionBank, workshop: Workshop) -> None:
    people = list(workshop.participants.values())
    total = len(workshop_questions(bank, workshop))
    with st.expander(f"Participants ({len(people)}): remove someone who should not be here"):
        st.write("Names are never shown here: each person is listed by when they joined and how much they answered.")
        silent = sum(1 for p in people if not workshop.answers.get(p.id))
        st.button(
            f"Remove everyone who has answered nothing ({silent})",
            key=state.FACILITATOR_REMOVE_SILENT,
            disabled=not silent,
            on_click=_change,
            args=(workshop.id, remove_silent_participants),
        )
        for number, person in enumerate(people, start=1):
            joined = f"joined {clock_time(person.joined_at)}, " if person.joined_at else ""
            answered = len(workshop.answers.get(person.id, {}))
            row, button = st.columns([4, 1])
            row.text(f"Participant {number}: {joined}{answered} of {total} answered")
            button.button(
                "Remove",
                key=state.facilitator_remove_key(person.id),
                on_click=_change,
                args=(workshop.id, partial(remove_participant, participant_id=person.id)),
            )


def _closed(workshop: Workshop) -> Workshop:
    return workshop.model_copy(update={"closed": True})


def _reopened(workshop: Workshop) -> Workshop:
    return workshop.model_copy(update={"closed": False})


def _joining_changed(workshop_id: str) -> None:
    joining = bool(st.session_state.get(JOINING_TOGGLE))
    _change(workshop_id, lambda w: w.model_copy(update={"joining_open": joining}))


def _change(workshop_id: str, change: Callable[[Workshop], Workshop]) -> None:
    try:
        resources.workshops().update(workshop_id, change)
    except (StoreError, WorkshopError) as exc:
        common.remember_problem(f"The change was not saved: {exc.message}")
        return
    common.remember_problem(None)


# Discussion and consensus -----------------------------------------------------


def _set_room(on: bool) -> None:
    st.session_state[ROOM_ON] = on


def _current(order: list[str]) -> int:
    """Where the discussion is, kept by question id so a new answer that reorders the list does not move it."""
    if st.session_state.get(CURRENT) not in order:
        st.session_state[CURRENT] = order[0]
    return order.index(st.session_state[CURRENT])


def _discussion(bank: QuestionBank, workshop: Workshop) -> None:
    spreads = answer_spread(bank, workshop)
    if not spreads:
        st.info("None of the chosen questions applies to this service's profile.")
        return
    order = [s.question_id for s in spreads]
    st.header("Discuss and agree, one question at a time")
    at = _current(order)
    st.session_state[ROOM_QUESTION] = order[at]
    st.selectbox(
        "Question (most disagreed first)",
        options=order,
        format_func=lambda qid: question_label(bank, qid, order.index(qid) + 1),
        key=ROOM_QUESTION,
        on_change=_picked,
    )
    _steps(order, at)
    with st.container(border=True, key=state.FACILITATOR_CARD):
        _room_question(bank, workshop, spreads[at], at)
        _consensus_input(bank, workshop, spreads[at].question_id)


def _picked() -> None:
    st.session_state[CURRENT] = st.session_state[ROOM_QUESTION]


def _steps(order: list[str], at: int) -> None:
    previous, following = st.columns(2)
    previous.button(
        "Previous question", key=state.FACILITATOR_PREVIOUS, disabled=at == 0, on_click=_move, args=(order, at - 1)
    )
    following.button(
        "Next question", key=state.FACILITATOR_NEXT, disabled=at + 1 >= len(order), on_click=_move, args=(order, at + 1)
    )


def _move(order: list[str], index: int) -> None:
    st.session_state[CURRENT] = order[index]


def _projector(bank: QuestionBank, workshop_id: str) -> None:
    """The room's view: the current question in large type, live, with no menu and no facilitator's controls."""
    st.html(PROJECTOR_CSS)

    @st.fragment(run_every=LIVE_EVERY)
    def card() -> None:
        workshop = _load(workshop_id)
        if workshop is None:
            return
        spreads = answer_spread(bank, workshop)
        if not spreads:
            st.info("None of the chosen questions applies to this service's profile.")
            return
        order = [s.question_id for s in spreads]
        at = _current(order)
        with st.container(key=state.FACILITATOR_PROJECTOR):
            _room_question(bank, workshop, spreads[at], at)
        with st.container(key=state.FACILITATOR_PROJECTOR_STEPS):
            _steps(order, at)

    card()
    st.button("Back to the facilitator's screen", key=state.FACILITATOR_LEAVE_ROOM, on_click=_set_room, args=(False,))


def _room_question(bank: QuestionBank, workshop: Workshop, spread: QuestionSpread, index: int) -> None:
    question, theme = bank.question(spread.question_id), bank.theme_of(spread.question_id)
    if question is None or theme is None:
        return
    st.text(theme.title)
    st.markdown(f"## {literal(question.text)}")
    people = len(workshop.participants)
    st.write(
        f"{spread.answered} of {people} answered. Disagreement: {spread.disagreement:.0%}. "
        + "; ".join(f"{ANSWER_LABELS[v]}: {n}" for v, n in spread.counts.items())
        + "."
    )
    if spread.answered:
        chart = spread_chart(bank, [spread], title="How the room answered this question", first_number=index + 1)
        st.altair_chart(chart, width="stretch")
    st.markdown(f"**Why it matters.** {literal(question.why)}")
    st.markdown(f"**What “met” looks like.** {literal(question.good_looks_like)}")
    _evidence(bank, theme)
    if theme.prompts:
        prompt = theme.prompts[index % len(theme.prompts)]
        st.markdown(f"**For discussion.** {literal(prompt)}")


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
        resources.workshops().update(workshop_id, lambda w: with_consensus(bank, w, question_id, answer))
    except (StoreError, WorkshopError) as exc:
        common.remember_problem(f"The agreed answer was not saved: {exc.message}")
        return
    common.remember_problem(None)


def _consensus_assessment(bank: QuestionBank, workshop: Workshop) -> None:
    st.header("The consensus assessment")
    total = len(answer_spread(bank, workshop))
    made = workshop.consensus_assessment_id is not None
    st.write(
        f"Agreed so far: {len(workshop.consensus)} of {total} questions. The agreed answers become an ordinary "
        "assessment, marked as practice, with results, an action plan and a PDF like any other."
        + (" Updating it again brings the same assessment up to date; its action plan is kept." if made else "")
    )
    st.button(
        "Update the consensus assessment" if made else "Create the consensus assessment",
        key=state.FACILITATOR_MAKE_ASSESSMENT,
        type="primary",
        disabled=not workshop.consensus,
        on_click=_make_assessment,
        args=(bank, workshop.id),
    )
    if workshop.consensus_assessment_id:
        # A new tab, so this screen stays open behind it: leaving it was the way trainers lost it.
        st.link_button(
            "Open the consensus assessment (in a new tab)",
            url=f"{navigation.REVIEW.url_path}?{urlencode({'a': workshop.consensus_assessment_id})}",
            icon=":material/open_in_new:",
        )
        st.text(f"Its id: {workshop.consensus_assessment_id}")


def _make_assessment(bank: QuestionBank, workshop_id: str) -> None:
    latest = resources.workshops().get(workshop_id)
    if latest is None:
        return
    workshop = latest.workshop
    assessments = resources.assessments()
    try:
        existing = assessments.get(workshop.consensus_assessment_id) if workshop.consensus_assessment_id else None
        if existing is not None:
            updated = consensus_assessment(bank, workshop, existing=existing.assessment)
            assessments.save(updated, expected_revision=existing.revision, ui_state=existing.ui_state)
            common.remember_problem(None)
            return
        assessment = consensus_assessment(bank, workshop)
        assessments.create(assessment)
        resources.workshops().update(
            workshop_id, lambda w: w.model_copy(update={"consensus_assessment_id": assessment.id})
        )
    except StoreError as exc:
        common.remember_problem(f"The consensus assessment was not saved: {exc.message}")
        return
    common.remember_problem(None)


def _exports(bank: QuestionBank, workshop: Workshop) -> None:
    st.header("Keep the spread")
    st.write("The spread of answers, most disagreed first, with the agreed answer beside each question.")
    csv_column, json_column = st.columns(2)
    csv_column.download_button(
        "Download the spread (CSV)",
        data=spread_csv(bank, workshop),
        file_name=f"workshop-{workshop.join_code}-spread.csv",
        mime="text/csv",
        on_click="ignore",
        key=state.FACILITATOR_SPREAD_CSV,
    )
    json_column.download_button(
        "Download the spread (JSON)",
        data=spread_json(bank, workshop),
        file_name=f"workshop-{workshop.join_code}-spread.json",
        mime="application/json",
        on_click="ignore",
        key=state.FACILITATOR_SPREAD_JSON,
    )
    _paper_checklist(bank)


@st.cache_data(show_spinner="Making the paper checklist…", max_entries=4)
def _blank_pdf(_bank: QuestionBank, sha256: str) -> bytes:
    from checklist.render.blank_pdf import build_blank_checklist_pdf

    return build_blank_checklist_pdf(_bank, tool_version=__version__)


def _paper_checklist(bank: QuestionBank) -> None:
    st.header("Printable materials")
    if st.button("Make the paper checklist (PDF)", key=state.FACILITATOR_MAKE_BLANK):
        st.session_state[state.WORKSHOP_BLANK_READY] = True
    if st.session_state.get(state.WORKSHOP_BLANK_READY):
        st.download_button(
            "Download the paper checklist",
            data=_blank_pdf(bank, bank.sha256),
            file_name="checklist.pdf",
            mime="application/pdf",
            on_click="ignore",
            key=state.FACILITATOR_BLANK_PDF,
        )
