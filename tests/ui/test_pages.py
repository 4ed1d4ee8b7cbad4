"""Every page runs, with and without an assessment open, on the tiny bank and on the shipped bank."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from streamlit.testing.v1 import AppTest

from checklist.paths import PROJECT_ROOT
from tests.ui.conftest import PAGE_FILES, go, started


@pytest.mark.parametrize("page", list(PAGE_FILES))
def test_every_page_runs_with_no_assessment_open(new_app: Callable[..., AppTest], page: str) -> None:
    at = go(new_app(), page)

    assert not at.exception


@pytest.mark.parametrize("page", list(PAGE_FILES))
def test_every_page_runs_with_an_assessment_open(new_app: Callable[..., AppTest], page: str) -> None:
    at = go(started(new_app), page)

    assert not at.exception


def test_pages_that_need_an_assessment_say_how_to_open_one(new_app: Callable[..., AppTest]) -> None:
    at = go(new_app(), "themes")

    assert [i.value for i in at.info] == ["No assessment is open. Start a new one or resume one on the Start page."]


@pytest.mark.parametrize("page", list(PAGE_FILES))
def test_every_page_runs_on_the_shipped_bank(
    new_app: Callable[..., AppTest], monkeypatch: pytest.MonkeyPatch, page: str
) -> None:
    monkeypatch.setenv("CHECKLIST_BANK", str(PROJECT_ROOT / "recommendations.yaml"))

    at = go(started(new_app), page)

    assert not at.exception
    assert not at.error


def test_a_bank_that_cannot_be_loaded_is_reported_and_the_app_keeps_running(
    new_app: Callable[..., AppTest], monkeypatch: pytest.MonkeyPatch, tmp_path: object
) -> None:
    monkeypatch.setenv("CHECKLIST_BANK", "/nonexistent/bank.yaml")

    at = new_app()

    assert not at.exception
    assert [e.value for e in at.error] == ["The question bank cannot be used, so assessments cannot be filled in."]
