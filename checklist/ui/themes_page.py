"""Themes: one theme at a time, every answer saved as soon as it changes."""

from __future__ import annotations

import html
from typing import Literal

import streamlit as st

from checklist.domain import bank as bank_rules
from checklist.domain.assessment import ANSWER_LABELS, AnswerValue, Assessment
from checklist.domain.bank import Question, QuestionBank, Theme, evidence_words
from checklist.domain.scoring import ScoreResult
from checklist.domain.wording import agrees, counted
from checklist.ui import memo, navigation, session, state, widgets
from checklist.ui.forms import answer_from_inputs, first_valid_theme, neighbours
from checklist.ui.state import THEMES_SHOWN_THEME as SHOWN_THEME
from checklist.ui.text import literal, spoken

OPTIONS = [value.value for value in AnswerValue]


def _go_to_theme(theme_id: str) -> None:
    st.session_state[state.THEME] = theme_id
    st.query_params["t"] = theme_id


def _picked() -> None:
    _go_to_theme(st.session_state[state.THEME_PICKER])


def _answer_changed(bank: QuestionBank, question_id: str) -> None:
    current = session.working()
    ss = st.session_state
    built = answer_from_inputs(
        ss.get(state.answer_key(question_id)),
        ss.get(state.note_key(question_id)),
        ss.get(state.na_reason_key(question_id)),
    )
    if current is None or built.answer is None:
        return  # the page says what is still needed
    words = f"{bank.text_of(question_id)} — {built.answer.answer.label}"
    session.save(current.with_answer(question_id, built.answer), unsaved=words, question_id=question_id)


def first_draw(key: str) -> bool:
    """True until this session has drawn the widget `key`: in a new session, as after a failover.

    Streamlit runs a widget's on_change or on_click only for widgets the session drew in an earlier
    run. A browser whose app process died reconnects (through the proxy) to another process, which
    gives it a new session; a click sent before that session has drawn the page arrives there with
    no callback, and a seeded value would even put the saved answer back over it. On a widget's
    first draw the page therefore takes what the browser sent, and acts on it itself.
    """
    return key not in st.session_state.setdefault(state.DRAWN, set())


def drawn(key: str) -> None:
    st.session_state[state.DRAWN].add(key)


def show() -> None:
    opened = widgets.open_assessment(empty_title="Themes")
    if opened is None:
        return
    bank, assessment = opened
    theme_id = first_valid_theme(bank, [st.query_params.get("t"), st.session_state[state.THEME]])
    _go_to_theme(theme_id)
    if st.session_state.get(SHOWN_THEME) != theme_id:
        assessment = session.refresh() or assessment  # a theme opened: what is saved now
    theme = next(t for t in bank.themes if t.id == theme_id)
    result = memo.score(bank, assessment)
    number = [t.id for t in bank.themes].index(theme_id) + 1
    widgets.save_while_typing()
    st.title(literal(theme.title))
    st.write(f"Theme {number} of {len(bank.themes)}")
    _progress(bank, result, theme)
    widgets.save_problem()
    st.markdown(literal(theme.summary))
    applies = bank_rules.applicable(bank, assessment.service.profile)
    applicable = [q for q in theme.questions if q.id in applies]
    for number, question in enumerate(applicable, start=1):
        _question(bank, assessment, question, number, len(applicable))
    _left_out(theme, applicable)
    _previous_next(bank, theme_id)
    _open_at_top(theme_id)


# Streamlit keeps the scroll position across reruns, so "Next theme" (at the bottom) would open the
# next theme at its bottom too. This scrolls the page's scrolling box to the top instead.
_TO_TOP = """<script>
for (const box of document.querySelectorAll('[data-testid="stMain"], [data-testid="stAppViewContainer"]')) {{
  box.scrollTo({{top: 0, behavior: "instant"}});
}}
window.scrollTo(0, 0);
</script><span hidden data-theme="{theme}"></span>"""


def _open_at_top(theme_id: str) -> None:
    """Show a theme from its title whenever it is not the theme this page showed last.

    Drawn last on the page: an element that comes and goes above the questions would shift them, and
    the browser would redraw them and lose the keyboard focus after the first answer in a theme.
    """
    if st.session_state.get(SHOWN_THEME) == theme_id:
        return
    st.session_state[SHOWN_THEME] = theme_id
    st.html(_TO_TOP.format(theme=html.escape(theme_id)), unsafe_allow_javascript=True)


def _progress(bank: QuestionBank, result: ScoreResult, theme: Theme) -> None:
    st.progress(result.completion, text=f"Answered {result.answered} of {result.applicable} questions that apply")
    labels = {}
    for number, item in enumerate(bank.themes, start=1):
        score = result.theme(item.id)
        done = f"{score.answered}/{score.applicable}" if score else ""
        labels[item.id] = f"{number}. {item.title} ({done} answered)"
    st.session_state[state.THEME_PICKER] = theme.id
    st.selectbox(
        "Theme", options=list(labels), format_func=labels.__getitem__, key=state.THEME_PICKER, on_change=_picked
    )


def _question(bank: QuestionBank, assessment: Assessment, question: Question, number: int, total: int) -> None:
    saved = assessment.answers.get(question.id)
    answer_key, note_key, reason_key = (
        state.answer_key(question.id),
        state.note_key(question.id),
        state.na_reason_key(question.id),
    )
    saved_value = saved.answer.value if saved else None
    first = first_draw(answer_key)
    if first and answer_key not in st.session_state:
        index = None if saved_value is None else OPTIONS.index(saved_value)  # what the browser sent wins
    else:
        state.seed(answer_key, saved_value)
        index = None
    state.seed(note_key, (saved.note if saved else None) or "")
    state.seed(reason_key, (saved.na_reason if saved else None) or "")
    with st.container(border=True, key=state.question_box_key(question.id)):
        st.markdown(f"**Question {number} of {total}.** {literal(question.text)}")
        st.markdown(f"*Why it matters:* {literal(question.why)} {_sources(bank, question)}")
        if question.evidence:
            st.markdown(f"*Evidence:* {literal(evidence_words(question.evidence))}")
        if question.suggested_standards:
            standards = "; ".join(question.suggested_standards)
            st.markdown(f"*Suggested standard* (set by this tool, not by a source): {literal(standards)}")
        st.markdown(f"*What “met” looks like:* {literal(question.good_looks_like)}")
        st.radio(
            # The label is hidden and becomes the aria-label, where escapes would be read out.
            f"Answer to question {number}: {spoken(question.text)}",
            options=OPTIONS,
            format_func=lambda value: ANSWER_LABELS[AnswerValue(value)],
            index=index,
            key=answer_key,
            horizontal=True,
            label_visibility="collapsed",
            on_change=_answer_changed,
            args=(bank, question.id),
        )
        drawn(answer_key)
        if first and st.session_state[answer_key] not in (None, saved_value):
            _answer_changed(bank, question.id)  # a click that reached this session before it drew the page
            st.rerun()
        if st.session_state[answer_key] == AnswerValue.NA.value:
            st.text_area(
                "Why does this not apply to your service? (required for “not applicable”)",
                key=reason_key,
                max_chars=2000,
                height=80,
                on_change=_answer_changed,
                args=(bank, question.id),
            )
        st.text_area(
            "Evidence or note (optional)",
            key=note_key,
            max_chars=5000,
            height=80,
            on_change=_answer_changed,
            args=(bank, question.id),
        )
        built = answer_from_inputs(
            st.session_state[answer_key], st.session_state[note_key], st.session_state.get(reason_key)
        )
        if built.waiting_for:
            st.warning(built.waiting_for)
        widgets.save_problem(question.id)


def _sources(bank: QuestionBank, question: Question) -> str:
    links = []
    for source_id in question.sources:
        source = bank.source(source_id)
        if source is not None:
            url = source.url.replace("(", "%28").replace(")", "%29")
            where = f" ({source.jurisdiction.label})" if source.jurisdiction else ""
            links.append(f"[{literal(source.title)}]({url}){literal(where)}")
    return f"(Source: {'; '.join(links)})" if links else ""


def _left_out(theme: Theme, applicable: list[Question]) -> None:
    left_out = [q for q in theme.questions if q not in applicable]
    if left_out:
        n = len(left_out)
        st.write(f"{counted(n, 'question')} in this theme {agrees(n, 'is', 'are')} left out by the service profile.")


def _previous_next(bank: QuestionBank, theme_id: str) -> None:
    before, after = neighbours(bank, theme_id)
    with st.container(horizontal=True):
        if before is not None:
            _theme_button("Previous theme", before, key=state.THEMES_PREVIOUS, icon=":material/arrow_back:")
        if after is not None:
            _theme_button("Next theme", after, key=state.THEMES_NEXT, type="primary", icon=":material/arrow_forward:")
        elif st.button("Review your answers", key=state.THEMES_TO_REVIEW, type="primary", icon=":material/fact_check:"):
            navigation.go(navigation.REVIEW)


def _theme_button(
    label: str, theme_id: str, *, key: str, icon: str, type: Literal["primary", "secondary"] = "secondary"
) -> None:
    first = first_draw(key)
    clicked = st.button(label, on_click=_go_to_theme, args=(theme_id,), key=key, type=type, icon=icon)
    drawn(key)
    if clicked and first:  # clicked before this session drew the button: its on_click did not run (first_draw)
        _go_to_theme(theme_id)
        st.rerun()
