"""Service profile: who the service is, and the answers that decide which questions apply."""

from __future__ import annotations

from datetime import date
from functools import partial

import streamlit as st

from checklist.domain.assessment import Assessment, Assessor, Service, has_visible_text
from checklist.domain.bank import ProfileQuestion, QuestionBank
from checklist.domain.readiness import listed, missing_for_report
from checklist.ui import memo, navigation, session, state, widgets
from checklist.ui.text import literal, spoken

FIELD_LABELS = {
    "service-name": "Service name",
    "service-organisation": "Organisation",
    "service-area": "Local authority area",
    "assessor-name": "Your name (optional)",
    "assessor-role": "Your role (optional)",
}


def _field_values(assessment: Assessment) -> dict[str, str]:
    assessor = assessment.assessor or Assessor()
    return {
        "service-name": assessment.service.name,
        "service-organisation": assessment.service.organisation,
        "service-area": assessment.service.area,
        "assessor-name": assessor.name,
        "assessor-role": assessor.role,
    }


def _from_widgets(bank: QuestionBank, assessment: Assessment) -> Assessment:
    ss = st.session_state
    text = {key: (ss.get(key) or "").strip() for key in state.SERVICE_FIELDS}
    known = {p.id for p in bank.profile}
    # Answers to profile questions this bank does not ask (from an imported file) are kept untouched.
    profile = {k: v for k, v in assessment.service.profile.items() if k not in known}
    profile |= {p.id: ss[state.profile_key(p.id)] for p in bank.profile if ss.get(state.profile_key(p.id))}
    service = Service(
        name=text["service-name"],
        organisation=text["service-organisation"],
        area=text["service-area"],
        profile=profile,
    )
    assessor = Assessor(name=text["assessor-name"], role=text["assessor-role"])
    return assessment.model_copy(
        update={
            "service": service,
            "assessor": assessor if assessor.name or assessor.role else None,
            "assessed_on": ss.get(state.ASSESSED_ON),
        }
    )


def _on_change(bank: QuestionBank, what: str) -> None:
    current = session.working()
    if current is not None:
        session.save(_from_widgets(bank, current), unsaved=what)


def show() -> None:
    st.title("Service profile")
    opened = widgets.open_assessment()
    if opened is None:
        return
    bank, assessment = opened
    widgets.save_while_typing()
    widgets.save_problem()
    st.write("Tell us about the service. The answers about how it works decide which questions apply to it.")
    _needed_for_report(session.working() or assessment)
    for key, value in _field_values(assessment).items():
        state.seed(key, value)
        st.text_input(
            FIELD_LABELS[key],
            key=key,
            max_chars=500,
            on_change=_on_change,
            args=(bank, FIELD_LABELS[key].removesuffix(" (optional)")),
        )
        typed = st.session_state.get(key) or ""
        if typed and not has_visible_text(typed):
            st.warning(
                f"{FIELD_LABELS[key].removesuffix(' (optional)')}: what is typed shows no visible character, "
                "so it is saved as not given."
            )
    state.seed(state.ASSESSED_ON, assessment.assessed_on)
    st.date_input(
        "Date of the assessment",
        key=state.ASSESSED_ON,
        value=None,
        format="DD/MM/YYYY",
        max_value=date(2100, 1, 1),
        on_change=_on_change,
        args=(bank, "Date of the assessment"),
    )
    _profile_questions(bank, assessment)
    _exclusions(bank, session.working() or assessment)
    st.page_link(
        navigation.THEMES.path,
        label="Next: the themes",
        icon=":material/arrow_forward:",
        query_params={"a": assessment.id},
    )


def _needed_for_report(assessment: Assessment) -> None:
    missing = missing_for_report(assessment)
    if missing:
        st.info(
            "The service name, the organisation and the date of the assessment are needed before the PDF "
            f"action plan can be made. Still missing: {listed(missing)}. You can answer the questions meanwhile.",
            icon=":material/info:",
        )


def _profile_questions(bank: QuestionBank, assessment: Assessment) -> None:
    if not bank.profile:
        return
    st.header("How the service works")
    for question in bank.profile:
        key = state.profile_key(question.id)
        options = [o.id for o in question.options]
        saved = assessment.service.profile.get(question.id)
        state.seed(key, saved if saved in options else None)
        st.markdown(f"**{literal(question.text)}**", help=literal(question.help) if question.help else None)
        st.radio(
            # The label is hidden and becomes the aria-label, where escapes would be read out.
            spoken(question.text),
            options=options,
            format_func=partial(_option_label, question),
            index=None,
            key=key,
            horizontal=True,
            label_visibility="collapsed",
            on_change=_on_change,
            args=(bank, question.text),
        )


def _option_label(question: ProfileQuestion, option: str) -> str:
    return literal(question.label_of(option))


def _exclusions(bank: QuestionBank, assessment: Assessment) -> None:
    excluded = memo.score(bank, assessment).excluded_by_profile
    st.header("Questions that apply")
    if not excluded:
        st.write(f"All {bank.question_count} questions apply to this service.")
        return
    st.write(
        f"{len(excluded)} of {bank.question_count} questions are left out because of the service profile; "
        "they are not asked and not scored:"
    )
    for exclusion in excluded:
        text = bank.text_of(exclusion.question_id)
        st.markdown(f"- {literal(text)}  \n  *Left out because {literal(exclusion.reason)}.*")
