"""The app's pages. Each is a small file in app_pages/ that calls one show() function.

Pages are files (not callables) so that AppTest can open each one with switch_page.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import streamlit as st

PAGE_DIR = Path(__file__).resolve().parent / "app_pages"


# Sections of the menu, by who uses them: each user sees their own path through the app.
ASSESS = "Assess your service"
COMPARE_SECTION = "Compare submissions"
WORKSHOPS = "Workshops"
ADMINISTRATION = "Administration"  # shown only to administrators, and only with sign-in on (see shown_in_menu)


@dataclass(frozen=True)
class PageSpec:
    file: str  # in app_pages/
    title: str
    url_path: str
    section: str = ASSESS

    @property
    def path(self) -> Path:
        return PAGE_DIR / self.file

    def page(self, *, default: bool = False) -> st.Page:
        # No icon: Streamlit makes a page's icon the favicon and fetches material icons from
        # fonts.gstatic.com, while the app must make no request outside the server it runs on.
        return st.Page(self.path, title=self.title, url_path=self.url_path, default=default)


START = PageSpec("start.py", "Start", "start")
PROFILE = PageSpec("profile.py", "Service profile", "profile")
THEMES = PageSpec("themes.py", "Themes", "themes")
REVIEW = PageSpec("review.py", "Review", "review")
RESULTS = PageSpec("results.py", "Results", "results")
PLAN = PageSpec("plan.py", "Action plan", "plan")
SURVEY = PageSpec("survey.py", "Women's survey", "survey")
COMPARE = PageSpec("compare.py", "Compare submissions", "compare", COMPARE_SECTION)
WORKSHOP = PageSpec("workshop.py", "Run a workshop", "workshop", WORKSHOPS)
JOIN = PageSpec("join.py", "Join a workshop", "join", WORKSHOPS)
ORGANISATIONS_AND_PEOPLE = PageSpec("administration.py", "Organisations and people", "administration", ADMINISTRATION)
AUDIT = PageSpec("audit.py", "Audit trail", "audit", ADMINISTRATION)

# Every page, once, in menu order; the first is the default. The menu, the page tests, the browser
# and accessibility tests and the benchmarks are all made from this, so a new page is covered by
# adding it here (and its two-line file in app_pages/).
PAGES: tuple[PageSpec, ...] = (
    START,
    PROFILE,
    THEMES,
    REVIEW,
    RESULTS,
    PLAN,
    SURVEY,
    COMPARE,
    WORKSHOP,
    JOIN,
    ORGANISATIONS_AND_PEOPLE,
    AUDIT,
)


def sections() -> dict[str, list[PageSpec]]:
    """The pages grouped under their section headings, in menu order."""
    grouped: dict[str, list[PageSpec]] = {}
    for spec in PAGES:
        grouped.setdefault(spec.section, []).append(spec)
    return grouped


def shown_in_menu(spec: PageSpec, *, administrator: bool) -> bool:
    """The Administration section is for administrators on a server with sign-in; on a laptop it is not shown.

    Its pages still open by their address, and say there why they are not for this visitor.
    """
    return spec.section != ADMINISTRATION or administrator


def go(spec: PageSpec, **query: str) -> None:
    """Switch page, keeping the assessment id (and any other parameter) in the URL."""
    params = {"a": st.query_params["a"]} if "a" in st.query_params else {}
    st.switch_page(spec.path, query_params={**params, **query})
