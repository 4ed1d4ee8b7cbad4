"""The sidebar on every page: which assessment is open, how far it is, and "Download a copy"."""

from __future__ import annotations

import streamlit as st

from checklist import __version__
from checklist.domain.audit import Export
from checklist.domain.loading import dump_assessment
from checklist.ui import memo, navigation, resources, session, state
from checklist.ui.forms import download_name


def menu(hidden: frozenset[str] = frozenset()) -> None:
    """Every page, grouped under who uses it (navigation.PAGES is the one list), but those `hidden` (url paths)
    and, for anyone but an administrator, the Administration section."""
    administrator = resources.administers()
    with st.sidebar:
        for section, specs in navigation.sections().items():
            shown = [
                spec
                for spec in specs
                if spec.url_path not in hidden and navigation.shown_in_menu(spec, administrator=administrator)
            ]
            if not shown:
                continue
            with st.container(key=state.menu_section_key(section)):
                st.markdown(f"**{section}**")
                for spec in shown:
                    st.page_link(spec.path, label=spec.title)


def show() -> None:
    assessment = session.working()
    if assessment is None:
        return
    bank = resources.bank()
    with st.sidebar:
        # Plain text rather than st.caption: caption grey on white fails the 4.5:1 contrast check.
        st.markdown("**Open assessment**")
        st.text(assessment.service.name or "Service not named yet")
        if bank is not None:
            result = memo.score(bank, assessment)
            st.write(f"Answered {result.answered} of {result.applicable} questions that apply")
        st.download_button(
            "Download a copy",
            # Made only when clicked: serialising on every rerun of every page is wasted work.
            data=resources.noted_export(
                Export.JSON_FILE, lambda: dump_assessment(assessment, tool_version=__version__), assessment.id
            ),
            file_name=download_name(assessment),
            mime="application/json",
            on_click="ignore",
            help="The assessment as a JSON file. Upload it on the Start page to carry on, here or on another server.",
            key=state.SIDEBAR_DOWNLOAD_COPY,
        )
