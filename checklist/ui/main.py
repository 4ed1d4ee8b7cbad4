"""The navigation frame around the pages."""

from __future__ import annotations

import streamlit as st

from checklist.ui import navigation, resources, session, sidebar, signin, state, survey_answer_page


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


# A collapsed sidebar (a phone) hides its links but still scrolled its long menu: a scroll box with
# nothing to focus, which keyboard users cannot reach (axe scrollable-region-focusable, serious).
COLLAPSED_SIDEBAR = (
    '<style>[data-testid="stSidebar"][data-collapsed="true"] [data-testid="stSidebarContent"]'
    " { overflow: hidden !important; }</style>"
)

# The open sidebar scrolls when its menu is taller than the window. A scroll box must be reachable
# by keyboard (axe scrollable-region-focusable, serious): its links make it so only while they are
# drawn, so the box itself takes the focus too. Kept on the box if Streamlit redraws the sidebar.
FOCUSABLE_SIDEBAR = """<script>
(() => {
  const mark = () => {
    const box = document.querySelector('[data-testid="stSidebarContent"]');
    if (box && !box.hasAttribute("tabindex")) {
      box.setAttribute("tabindex", "0");
      box.setAttribute("role", "region");
      box.setAttribute("aria-label", "Menu");
    }
  };
  mark();
  if (!window.checklistSidebarWatch) {
    window.checklistSidebarWatch = new MutationObserver(mark);
    window.checklistSidebarWatch.observe(document.body, {childList: true, subtree: true});
  }
})();
</script>"""


def _survey_visit() -> bool:
    """A woman answering the survey: its own page, with no menu, no sign-in and a neutral tab title."""
    if not st.query_params.get(state.SURVEY_PARAM):
        return False
    st.set_page_config(page_title=survey_answer_page.TAB_TITLE, layout="centered", initial_sidebar_state="collapsed")
    pages: list[st.Page] | None = st.session_state.get(state.SURVEY_PAGES)
    if pages is None:
        pages = [st.Page(survey_answer_page.show, title=survey_answer_page.TAB_TITLE, default=True)]
        st.session_state[state.SURVEY_PAGES] = pages
    st.navigation(pages, position="hidden").run()
    return True


def run() -> None:
    if _survey_visit():
        return
    # No page_icon: a material icon favicon is fetched from fonts.gstatic.com, and the app must stay on loopback.
    st.set_page_config(page_title="Women's access self-assessment", layout="wide")
    st.html(COLLAPSED_SIDEBAR)
    st.html(FOCUSABLE_SIDEBAR, unsafe_allow_javascript=True)
    state.init()
    problem = resources.folder_problem()
    if problem:
        st.error(problem)
    visitor = signin.identify()
    if visitor in (signin.Visitor.LOCAL, signin.Visitor.MEMBER):
        session.follow_url()
    else:
        session.close()  # nothing stays on screen from before a sign-out or a lost role
    # Our own menu, not Streamlit's: its sectioned menu puts headers inside the <ul> (axe "list" and
    # "listitem", serious), so screen readers could not tell the groups or count the pages.
    every_page = [page for pages in _pages().values() for page in pages]
    current = st.navigation(signin.pages(visitor, every_page), position="hidden")
    if signin.position(visitor) == "sidebar":
        sidebar.menu(signin.hidden_pages(visitor))
    sidebar.show()
    signin.show_in_sidebar(visitor)
    current.run()
