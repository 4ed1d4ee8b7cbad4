"""The women's survey, as a woman who uses the service sees it: no sign-in, one screen, a quick exit.

Opened from the app's root address with ?survey=<link>, outside the app's menu and sign-in.
Nothing on it names the service's purpose in the tab title, and it shows nobody else's answers.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Mapping
from datetime import UTC, date, datetime
from typing import Any

import streamlit as st
from pydantic import ValidationError

from checklist.domain.bank import Survey
from checklist.domain.survey import (
    MAX_COMMENT,
    OVERALL_ANSWER_LABELS,
    SURVEY_ANSWER_LABELS,
    OverallAnswer,
    RoundStatus,
    SurveyAnswer,
    SurveyResponse,
    SurveyRound,
    clean_comment,
)
from checklist.domain.wording import long_date
from checklist.storage import StoreError
from checklist.ui import resources, state
from checklist.ui.text import literal, spoken

log = logging.getLogger(__name__)

TAB_TITLE = "Feedback"
TITLE = "Tell us about your visits"
# A neutral, busy site to leave for: nothing about it says where she was.
EXIT_SETTING = "CHECKLIST_SURVEY_EXIT_URL"
DEFAULT_EXIT = "https://www.bbc.co.uk/weather"
UNKNOWN = "This link does not open a survey. Please check it with the person who gave it to you."
UNREACHABLE = "This page cannot be opened just now. Please try again later."
CLOSED = "This survey has closed. Thank you for wanting to help."
BUSY = "A lot of answers are arriving at once. Please wait a minute and press the button again."
THANKS = "Thank you. Your answers have been sent."

# "Leave now" on every screen, as UK domestic-abuse websites have it: it replaces this page in the
# history, so the back button does not bring the survey back. A plain link still leaves without script.
QUICK_EXIT = """<style>
#leave-now {{ position: fixed; top: 0.5rem; right: 0.5rem; z-index: 1000001; padding: 0.7rem 1.1rem;
  background: #8a1538; color: #ffffff !important; font-weight: 700; border-radius: 0.4rem;
  text-decoration: none; font-size: 1.05rem; }}
#leave-now:focus {{ outline: 3px solid #ffbf47; outline-offset: 2px; }}
</style>
<a id="leave-now" href="{url}" rel="noreferrer noopener">Leave now</a>
<script>
(() => {{
  // Streamlit remembers the colour theme in the browser's storage; nothing of this visit is to stay behind.
  const forget = () => Object.keys(localStorage).filter((k) => k.startsWith("stActiveTheme"))
    .forEach((k) => localStorage.removeItem(k));
  forget();
  if (window.checklistLeaveNow) return;
  window.checklistLeaveNow = true;
  window.addEventListener("pagehide", forget);
  new MutationObserver(forget).observe(document.body, {{childList: true, subtree: true}});
  document.addEventListener("click", (event) => {{
    const link = event.target.closest && event.target.closest("#leave-now");
    if (link) {{ event.preventDefault(); window.location.replace(link.href); }}
  }}, true);
}})();
</script>"""


def exit_url() -> str:
    configured = os.environ.get(EXIT_SETTING, "").strip()
    return configured if configured.startswith(("https://", "http://")) else DEFAULT_EXIT


def show() -> None:
    st.html(QUICK_EXIT.format(url=exit_url()), unsafe_allow_javascript=True)
    round_id = str(st.query_params.get(state.SURVEY_PARAM, ""))
    bank = resources.bank()
    try:
        survey_round = resources.survey_store().round(round_id)
    except StoreError as exc:
        log.warning("survey round could not be read: %s", exc.message)
        _plain(UNREACHABLE)
        return
    if bank is None or bank.survey is None or survey_round is None:
        _plain(UNKNOWN)
        return
    status = survey_round.status(date.today())
    if status is RoundStatus.CLOSED:
        _plain(CLOSED)
    elif status is RoundStatus.NOT_YET_OPEN:
        _plain(f"This survey opens on {long_date(survey_round.opens_on)}. Please come back then.")
    elif st.session_state.get(state.SURVEY_SENT) == survey_round.id:
        _plain(THANKS + " You can close this page now, or press Leave now.")
    else:
        _form(bank.survey, survey_round)


def _plain(message: str) -> None:
    st.title(TITLE)
    st.write(message)


def _form(survey: Survey, survey_round: SurveyRound) -> None:
    st.title(TITLE)
    st.write(literal(survey_round.introduction or survey.introduction))
    with st.form(state.SURVEY_FORM, border=False):
        for question in survey.questions:
            _question(question.text, list(SurveyAnswer), SURVEY_ANSWER_LABELS, state.survey_answer_key(question.id))
        _question(survey.overall, list(OverallAnswer), OVERALL_ANSWER_LABELS, state.SURVEY_OVERALL)
        st.markdown(f"**{literal(survey.comment)}** (optional, up to {MAX_COMMENT:,} characters)")
        st.text_area(
            spoken(survey.comment), max_chars=MAX_COMMENT, key=state.SURVEY_COMMENT, label_visibility="collapsed"
        )
        sent = st.form_submit_button("Send my answers", type="primary", key=state.SURVEY_SEND)
    st.write("Every question can be left out. Nothing is sent until you press Send my answers.")
    if sent:
        _send(survey, survey_round)


def _question(text: str, options: list[Any], labels: Mapping[Any, str], key: str) -> None:
    st.markdown(f"**{literal(text)}**")
    # The label is hidden and becomes the group's aria-label, where escapes would be read out.
    st.radio(spoken(text), options, format_func=lambda a: labels[a], index=None, key=key, label_visibility="collapsed")


def _send(survey: Survey, survey_round: SurveyRound) -> None:
    answers = {q.id: value for q in survey.questions if (value := st.session_state.get(state.survey_answer_key(q.id)))}
    overall = st.session_state.get(state.SURVEY_OVERALL)
    comment = clean_comment(st.session_state.get(state.SURVEY_COMMENT))
    if not (answers or overall or comment):
        st.warning("Please answer at least one question before sending, or press Leave now.")
        return
    try:
        response = SurveyResponse(
            answers=answers,
            overall=overall,
            comment=comment,
            received_on=date.today(),
        )
    except ValidationError:
        st.error("Those answers could not be read. Please try again.")
        return
    if not resources.answer_limiter().allow(survey_round.id, datetime.now(UTC)):
        st.warning(BUSY)
        return
    try:
        resources.survey_store().add_response(survey_round.id, response)
    except StoreError:
        st.error("Your answers could not be sent just now. Please press the button again in a moment.")
        return
    st.session_state[state.SURVEY_SENT] = survey_round.id
    st.rerun()
