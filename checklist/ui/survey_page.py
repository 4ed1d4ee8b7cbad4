"""The women's survey, for the service's staff: open a round, share its link and poster, read the results.

A round belongs to one assessment, and is reached only through an assessment this person may open.
Counts are shown only under the threshold rule of `checklist.domain.survey`; comments only here.
"""

from __future__ import annotations

import os
from datetime import date

import streamlit as st
from pydantic import ValidationError

from checklist import __version__
from checklist.domain.assessment import Assessment
from checklist.domain.bank import Survey
from checklist.domain.errors import own_words
from checklist.domain.join_address import PUBLIC_URL_SETTING, JoinAddress, join_address
from checklist.domain.survey import (
    DEFAULT_ROUND_LENGTH,
    MAX_INTRODUCTION,
    MIN_THRESHOLD,
    OVERALL_ANSWER_LABELS,
    RoundStatus,
    SurveyRound,
    SurveySummary,
)
from checklist.domain.wording import agrees, counted, long_date
from checklist.render.qr import qr_png
from checklist.render.survey_poster import build_survey_poster
from checklist.render.survey_tables import round_table
from checklist.storage import StoreError
from checklist.storage.surveys import Comment
from checklist.ui import resources, session, state, widgets
from checklist.ui.text import literal

TITLE = "Women's survey"
NOT_REACHABLE = (
    "**Phones cannot open this link.** It points at {host}, which means this computer only. On a shared "
    "server, set CHECKLIST_PUBLIC_URL to the address people use; on a laptop, see \"Workshops on the room's "
    'network" in the README.'
)
STATUS_WORDS = {
    RoundStatus.NOT_YET_OPEN: "opens on {opens}",
    RoundStatus.OPEN: "open until {closes}",
    RoundStatus.CLOSED: "closed",
}


def show() -> None:
    opened = widgets.open_assessment(empty_title=TITLE)
    if opened is None:
        return
    bank, assessment = opened
    st.title(TITLE)
    if bank.survey is None:
        st.info("This question bank has no survey for women who use the service.")
        return
    st.write(
        "Ask the women who use your service about their own experience, and set it beside your answers. "
        "The survey is anonymous, short and made for a phone. Nothing is shown for a question until at "
        f"least {MIN_THRESHOLD} women have answered it."
    )
    notice = st.session_state.pop(state.SURVEY_NOTICE, None)
    if notice:
        st.success(notice)
    try:
        rounds = resources.survey_store().rounds_for(assessment.id)
    except StoreError as exc:
        st.error(exc.message)
        return
    if rounds:
        _round(bank.survey, assessment, rounds[0])
    _open_form(assessment, has_round=bool(rounds))


# Opening a round ---------------------------------------------------------------


def _open_form(assessment: Assessment, *, has_round: bool) -> None:
    with st.expander("Open a new round" if has_round else "Open a survey round", expanded=not has_round):
        today = date.today()
        st.date_input("First day", value=today, key=state.SURVEY_OPENS, format="DD/MM/YYYY")
        st.date_input("Last day", value=today + DEFAULT_ROUND_LENGTH, key=state.SURVEY_CLOSES, format="DD/MM/YYYY")
        st.text_area(
            "A short introduction of your own (optional; the survey's own is used otherwise)",
            max_chars=MAX_INTRODUCTION,
            key=state.SURVEY_INTRODUCTION,
        )
        st.number_input(
            f"Show a question's results once this many women have answered it (at least {MIN_THRESHOLD})",
            min_value=MIN_THRESHOLD,
            max_value=100,
            value=MIN_THRESHOLD,
            key=state.SURVEY_THRESHOLD,
        )
        st.button("Open the round", key=state.SURVEY_OPEN_ROUND, on_click=_open_round, args=(assessment.id,))


def _open_round(assessment_id: str) -> None:
    try:
        survey_round = SurveyRound(
            assessment_id=assessment_id,
            opens_on=st.session_state[state.SURVEY_OPENS],
            closes_on=st.session_state[state.SURVEY_CLOSES],
            introduction=(st.session_state.get(state.SURVEY_INTRODUCTION) or "").strip(),
            threshold=int(st.session_state[state.SURVEY_THRESHOLD]),
        )
    except ValidationError as exc:
        reasons = "; ".join(own_words(e) for e in exc.errors())
        st.toast(f"The round was not opened: {reasons}.")
        return
    try:
        resources.survey_store().open_round(survey_round)
    except StoreError as exc:
        st.toast(exc.message)
        return
    st.session_state[state.SURVEY_NOTICE] = (
        f"The round is open from {long_date(survey_round.opens_on)} to {long_date(survey_round.closes_on)}. "
        "Share its link, QR code or poster below."
    )


# The current round ----------------------------------------------------------------


def _round(survey: Survey, assessment: Assessment, survey_round: SurveyRound) -> None:
    status = survey_round.status(date.today())
    words = STATUS_WORDS[status].format(
        opens=long_date(survey_round.opens_on), closes=long_date(survey_round.closes_on)
    )
    st.header("This round")
    st.write(f"From {long_date(survey_round.opens_on)} to {long_date(survey_round.closes_on)}: {words}.")
    if status is not RoundStatus.CLOSED:
        _share(assessment, survey_round)
        st.button("Close the round now", key=state.SURVEY_CLOSE_ROUND, on_click=_close_round, args=(survey_round,))
    try:
        summary = resources.survey_store().summary(survey_round, survey)
        comments = resources.survey_store().comments(survey_round.id)
    except StoreError as exc:
        st.error(exc.message)
        return
    _results(survey, summary)
    _attach(assessment, summary)
    _comments(survey_round, comments)


def _address(survey_round: SurveyRound) -> JoinAddress:
    return join_address(
        survey_round.id,
        public_url=os.environ.get(PUBLIC_URL_SETTING),
        page_url=st.context.url,
        param=state.SURVEY_PARAM,
        path="",
    )


def _share(assessment: Assessment, survey_round: SurveyRound) -> None:
    address = _address(survey_round)
    st.subheader("Share the survey")
    st.write("Women scan the QR code or open this link on their own phone, or on a tablet at the service:")
    st.code(address.link, language=None)
    if address.link.startswith("http"):
        st.image(qr_png(address.link), alt=f"QR code of {address.link}", width=220)
        st.download_button(
            "Download a poster with the QR code (PDF)",
            data=build_survey_poster(
                survey_round, address.link, service=assessment.service.name, tool_version=__version__
            ),
            file_name="survey-poster.pdf",
            mime="application/pdf",
            key=state.SURVEY_POSTER,
        )
    if address.problem:
        st.warning(address.problem)
    if address.reachable is False:
        st.warning(NOT_REACHABLE.format(host=literal(address.host)), icon=":material/wifi_off:")


def _close_round(survey_round: SurveyRound) -> None:
    try:
        resources.survey_store().save_round(survey_round.model_copy(update={"closed_early": True}))
    except StoreError as exc:
        st.toast(exc.message)
        return
    st.session_state[state.SURVEY_NOTICE] = "The round is closed: its link no longer takes answers."


# Results ------------------------------------------------------------------------


def _results(survey: Survey, summary: SurveySummary) -> None:
    st.subheader("What the women said")
    st.write(
        f"{counted(summary.responses, 'woman', 'women')} {agrees(summary.responses, 'has', 'have')} answered so far."
    )
    table = round_table(survey, summary)
    if not table.empty:
        widgets.wrap_tables()
        st.table(table.map(lambda v: literal(v) if isinstance(v, str) else v))
    hidden = len(summary.hidden)
    if hidden:
        st.write(
            f"Not shown yet, because fewer than {summary.threshold} women have answered "
            f"{agrees(hidden, 'it', 'them')}: {hidden} of {len(survey.questions)} questions."
        )
    if summary.overall is not None:
        total = sum(summary.overall.values())
        overall = ", ".join(f"{OVERALL_ANSWER_LABELS[a]} {n} of {total}" for a, n in summary.overall.items() if n)
        st.write(f"{literal(survey.overall)} {literal(overall)}.")


def _attach(assessment: Assessment, summary: SurveySummary) -> None:
    attached = assessment.survey == summary
    st.write(
        "These results are beside the assessment: Results, the PDF and the assessment file show them."
        if attached
        else "Put these results beside the assessment to see them on Results, in the PDF and in the assessment "
        "file (counts only, never the comments)."
    )
    st.button(
        "Put these results beside the assessment",
        key=state.SURVEY_ATTACH,
        on_click=_attach_now,
        args=(assessment, summary),
        disabled=attached,
    )


def _attach_now(assessment: Assessment, summary: SurveySummary) -> None:
    session.save(assessment.model_copy(update={"survey": summary}), unsaved="the survey results")
    if session.problem() is None:
        st.session_state[state.SURVEY_NOTICE] = "The survey results are now beside the assessment."


def _comments(survey_round: SurveyRound, comments: list[Comment]) -> None:
    st.subheader("Comments")
    st.write(
        "Only the service's own staff see these; they never go into a comparison, an export or the PDF. "
        "Remove any comment that names or could identify someone: it is deleted for good."
    )
    if not comments:
        st.write("No comments yet.")
    for comment in comments:
        with st.container(border=True):
            st.text(comment.text)
            st.button(
                "Remove this comment",
                key=state.survey_remove_key(comment.response_id),
                on_click=_remove,
                args=(survey_round.id, comment.response_id),
            )


def _remove(round_id: str, response_id: int) -> None:
    try:
        resources.survey_store().remove_comment(round_id, response_id)
    except StoreError as exc:
        st.toast(exc.message)
        return
    st.session_state[state.SURVEY_NOTICE] = "The comment was removed."
