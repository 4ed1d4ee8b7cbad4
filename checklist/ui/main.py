"""The navigation frame around the pages."""

from __future__ import annotations

import streamlit as st

from checklist.ui import navigation, resources, session, sidebar, signin, state, workshop_common
from checklist.ui.navigation import PageSpec

# The menu, in order. To add a page, write its show() function in checklist/ui/,
# a two-line file in app_pages/, and one line here, for example:
#     PageSpec("results.py", "Results", "results"),
#     PageSpec("plan.py", "Action plan", "plan"),
#     PageSpec("compare.py", "Compare submissions", "compare"),
PAGES: tuple[PageSpec, ...] = (
    navigation.START,
    navigation.PROFILE,
    navigation.THEMES,
    navigation.REVIEW,
    PageSpec("results.py", "Results", "results"),
    PageSpec("plan.py", "Action plan", "plan"),
    PageSpec("compare.py", "Compare submissions", "compare"),
    workshop_common.FACILITATOR_PAGE,
    workshop_common.PARTICIPANT_PAGE,
)


def registered(url_path: str) -> PageSpec | None:
    """A page by its url path, if it is in the menu (pages link to optional pages this way)."""
    return next((spec for spec in PAGES if spec.url_path == url_path), None)


def _pages() -> list[st.Page]:
    # st.Page resolves its file on the disk each time it is made (several lstat calls a page, on
    # every rerun); the objects are the same each time, so this session keeps them. Per session,
    # not per process: st.navigation marks the one it returns as runnable, so sessions must not share them.
    pages: list[st.Page] | None = st.session_state.get(state.PAGES)
    if pages is None:
        pages = [spec.page(default=spec is PAGES[0]) for spec in PAGES]
        st.session_state[state.PAGES] = pages
    return pages


def run() -> None:
    # No page_icon: a material icon favicon is fetched from fonts.gstatic.com, and the app must stay on loopback.
    st.set_page_config(page_title="Women's access self-assessment", layout="wide")
    state.init()
    problem = resources.folder_problem()
    if problem:
        st.error(problem)
    visitor = signin.identify()
    if visitor in (signin.Visitor.LOCAL, signin.Visitor.MEMBER):
        session.follow_url()
    else:
        session.close()  # nothing stays on screen from before a sign-out or a lost role
    current = st.navigation(signin.pages(visitor, _pages()), position=signin.position(visitor))
    sidebar.show()
    signin.show_in_sidebar(visitor)
    current.run()
