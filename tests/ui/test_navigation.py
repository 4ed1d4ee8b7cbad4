"""One page registry: every page declared once, grouped in the menu by who uses it."""

from __future__ import annotations

from collections.abc import Callable

from streamlit.testing.v1 import AppTest

from checklist.ui import navigation
from checklist.ui.navigation import PAGE_DIR, PAGES


def test_every_page_file_is_in_the_registry_once_and_every_registered_page_has_a_file() -> None:
    assert sorted(spec.file for spec in PAGES) == sorted(p.name for p in PAGE_DIR.glob("*.py"))


def test_no_two_pages_share_a_url_or_a_title() -> None:
    assert (len({s.url_path for s in PAGES}), len({s.title for s in PAGES})) == (len(PAGES), len(PAGES))


def test_the_menu_groups_pages_by_who_uses_them() -> None:
    grouped = {section: [spec.title for spec in specs] for section, specs in navigation.sections().items()}

    assert grouped == {
        "Assess your service": [
            "Start",
            "Service profile",
            "Themes",
            "Review",
            "Results",
            "Action plan",
            "Women's survey",
        ],
        "Compare submissions": ["Compare submissions"],
        "Workshops": ["Run a workshop", "Join a workshop"],
        "Administration": ["Organisations and people", "Audit trail"],
    }


def test_the_sidebar_shows_the_section_headings_in_order(new_app: Callable[..., AppTest]) -> None:
    at = new_app()

    headings = [m.value for m in at.sidebar.markdown if m.value.startswith("**")]
    assert headings[:3] == ["**Assess your service**", "**Compare submissions**", "**Workshops**"]


def test_on_a_laptop_the_menu_has_no_administration_section(new_app: Callable[..., AppTest]) -> None:
    """Organisations and people matter only with sign-in on: the laptop's menu stays as it was."""
    at = new_app()

    assert "**Administration**" not in [m.value for m in at.sidebar.markdown]
    links = [link.proto.label for link in at.sidebar.get("page_link")]
    assert "Start" in links
    assert "Organisations and people" not in links
