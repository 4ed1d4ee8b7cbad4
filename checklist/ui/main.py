"""The navigation frame around the pages."""

from __future__ import annotations

import streamlit as st

from checklist.ui import navigation, session, sidebar, state


def _pages() -> dict[str, list[st.Page]]:
    # st.Page resolves its file on the disk each time it is made (several lstat calls a page, on
    # every rerun); the objects are the same each time, so this session keeps them. Per session,
    # not per process: st.navigation marks the one it returns as runnable, so sessions must not share them.
    pages: dict[str, list[st.Page]] | None = st.session_state.get(state.PAGES)
    if pages is None:
        first = navigation.PAGES[0]
        pages = {
            section: [spec.page(default=spec is first) for spec in specs]
            for section, specs in navigation.sections().items()
        }
        st.session_state[state.PAGES] = pages
    return pages


def run() -> None:
    # No page_icon: a material icon favicon is fetched from fonts.gstatic.com, and the app must stay on loopback.
    st.set_page_config(page_title="Women's access self-assessment", layout="wide")
    state.init()
    session.follow_url()
    # Our own menu, not Streamlit's: its sectioned menu puts headers inside the <ul> (axe "list" and
    # "listitem", serious), so screen readers could not tell the groups or count the pages.
    current = st.navigation(_pages(), position="hidden")
    sidebar.menu()
    sidebar.show()
    current.run()
