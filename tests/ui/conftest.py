"""AppTest fixtures: the real app.py against a tiny bank and a throwaway database in tmp_path."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from streamlit.testing.v1 import AppTest

from checklist.domain.bank import QuestionBank, load_bank
from checklist.storage import AssessmentStore
from checklist.ui import navigation, signin, state
from tests.builders import bank_document, question

APP = str(Path(__file__).resolve().parents[2] / "app.py")
# Every page of the app, from its one registry, by url path: a new page is covered without editing tests.
EVERY_PAGE = {spec.url_path: str(spec.path) for spec in navigation.PAGES}
PAGE_FILES = EVERY_PAGE


def small_bank_document() -> dict[str, object]:
    """Two themes; one question applies only to services that run groups."""
    return bank_document(
        {
            "alpha": [question("a1"), question("a2", weight=3, applies_if={"groups": ["yes"]})],
            "beta": [question("b1", weight=1), question("b2")],
        }
    )


@pytest.fixture
def bank_path(tmp_path: Path) -> Path:
    path = tmp_path / "bank.yaml"
    path.write_text(yaml.safe_dump(small_bank_document()), encoding="utf-8")
    return path


@pytest.fixture
def bank(bank_path: Path) -> QuestionBank:
    return load_bank(bank_path)


@pytest.fixture
def app_env(tmp_path: Path, bank_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The app reads its bank and database from the environment; point both into tmp_path."""
    monkeypatch.setenv("CHECKLIST_BANK", str(bank_path))
    monkeypatch.setenv("CHECKLIST_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("CHECKLIST_DATABASE_URL", raising=False)
    monkeypatch.delenv("CHECKLIST_LIST_ASSESSMENTS", raising=False)
    return tmp_path / "data"


@pytest.fixture
def store(app_env: Path) -> AssessmentStore:
    """The same database the app under test uses."""
    app_env.mkdir(parents=True, exist_ok=True)
    return AssessmentStore(f"sqlite:///{app_env / 'checklist.sqlite3'}")


@pytest.fixture
def new_app(app_env: Path) -> Callable[..., AppTest]:
    """A fresh browser session on the app, like a new tab; query parameters as in a pasted link."""

    def make(**query: str) -> AppTest:
        at = AppTest.from_file(APP, default_timeout=30)
        for key, value in query.items():
            at.query_params[key] = value
        return at.run()

    return make


def go(at: AppTest, page: str) -> AppTest:
    """Open one page of the app (as clicking it in the menu does)."""
    return at.switch_page(PAGE_FILES[page]).run()


def started(new_app: Callable[..., AppTest]) -> AppTest:
    """A session in which a new assessment has just been started."""
    at = new_app()
    at.button(key="start-new").click().run()
    return at


@pytest.fixture
def signed_in_as(monkeypatch: pytest.MonkeyPatch) -> Callable[[str], None]:
    """Take the next runs as signed in with this e-mail, as subject "iss <e-mail>" (AppTest has no st.login)."""

    def sign_in(email: str) -> None:
        def identify() -> signin.Visitor:
            import streamlit as st

            st.session_state[state.SIGN_IN_ON] = True
            st.session_state[state.SUBJECT] = f"iss {email}"
            return signin.Visitor.MEMBER

        monkeypatch.setattr(signin, "identify", identify)

    return sign_in
