"""The Audit trail page and deleting an assessment from the Start page, at the page level.

Sign-in is taken as done (`signed_in_as`, as in test_submit_pages); the full sign-in is tests/e2e/test_audit_e2e.py.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from checklist.domain.bank import QuestionBank
from checklist.domain.people import Role
from checklist.storage import AssessmentStore
from checklist.storage.audit import AuditTrail
from checklist.storage.directory import DirectoryStore
from checklist.ui import state
from checklist.ui.audit_page import NOT_FOUND, NOT_FOUND_TITLE
from checklist.ui.start_page import WHAT_IS_DELETED
from tests.builders import make_assessment
from tests.ui.html_tables import html_tables
from tests.ui.test_submit_pages import directory, riverside_assessment, url

__all__ = ["directory", "url"]  # fixtures shared with the submit page tests

AUDIT = "checklist/ui/app_pages/audit.py"
HOSTILE_EMAIL = "**bold**_<b>x</b>@example.org"


@pytest.fixture
def administrator(directory: DirectoryStore) -> str:
    directory.invite("chris@example.org", Role.ADMINISTRATOR)
    directory.sign_in("iss chris@example.org", "chris@example.org")
    return "chris@example.org"


def audit_page(new_app: Callable[..., AppTest]) -> AppTest:
    return new_app().switch_page(AUDIT).run()


def _cells(at: AppTest, column: str) -> list[str]:
    return list(html_tables(at)[0][column])


def test_in_local_mode_the_page_shows_this_computers_trail(
    new_app: Callable[..., AppTest], store: AssessmentStore, bank: QuestionBank
) -> None:
    at = new_app()
    at.button(key="start-new").click().run()
    page = audit_page(new_app)
    assert not page.exception
    assert [t.value for t in page.title] == ["Audit trail"]
    assert _cells(page, "Action") == ["created"]
    assert _cells(page, "Who") == ["local mode"]
    assert any("Retention is off" in m.value for m in page.markdown)
    assert [b.proto.label for b in page.get("download_button")] == ["Download as CSV"]


def test_staff_and_commissioners_find_nothing_at_the_address(
    new_app: Callable[..., AppTest], directory: DirectoryStore, signed_in_as: Callable[[str], None]
) -> None:
    for email in ("ana@example.org", "cara@example.org"):
        signed_in_as(email)
        at = audit_page(new_app)
        assert not at.exception
        assert [t.value for t in at.title] == [NOT_FOUND_TITLE]
        assert NOT_FOUND in [m.value for m in at.markdown]
        assert html_tables(at) == []


def test_an_administrator_sees_the_events_with_addresses_shown_as_they_are_and_filters_them(
    new_app: Callable[..., AppTest],
    store: AssessmentStore,
    directory: DirectoryStore,
    bank: QuestionBank,
    url: str,
    administrator: str,
    signed_in_as: Callable[[str], None],
) -> None:
    assessment = riverside_assessment(store, directory, bank)
    trail = AuditTrail(url)
    trail.set_retention(90, actor=HOSTILE_EMAIL)
    owner = directory.owner_of(assessment.id)
    assert owner is not None
    trail.record_change(assessment.id, actor=HOSTILE_EMAIL, organisation_id=owner.id)
    trail.dispose()
    signed_in_as(administrator)

    at = audit_page(new_app)

    assert not at.exception
    assert _cells(at, "Who")[:2] == [HOSTILE_EMAIL, HOSTILE_EMAIL]
    assert _cells(at, "Action")[:2] == ["changed", "retention set"]
    assert _cells(at, "Organisation")[0] == "Riverside"
    assert any(t.value.startswith("Drafts (assessments never submitted) untouched for 90 days") for t in at.text)
    at.selectbox(key=state.AUDIT_ACTION).select("person invited").run()
    assert set(_cells(at, "Action")) == {"person invited"}
    assert len(_cells(at, "Action")) == 4  # ana, bo, cara and chris
    assert "Riverside" not in _cells(at, "Detail")


def test_an_administrator_sets_the_retention_period_on_the_page_and_turns_it_off(
    new_app: Callable[..., AppTest], url: str, administrator: str, signed_in_as: Callable[[str], None]
) -> None:
    signed_in_as(administrator)
    at = audit_page(new_app)
    at.number_input(key=state.AUDIT_RETENTION_DAYS).set_value(180)
    at.button(key=state.AUDIT_RETENTION_SAVE).click().run()

    assert not at.exception
    assert [s.value for s in at.success] == ["Drafts untouched for 180 days will be deleted at the next run."]
    trail = AuditTrail(url)
    setting = trail.retention()
    assert setting is not None
    assert (setting.days, setting.set_by) == (180, administrator)
    at.button(key=state.AUDIT_RETENTION_OFF).click().run()
    assert trail.retention() is None
    assert _cells(at, "Action")[:2] == ["retention set", "retention set"]
    assert _cells(at, "Detail")[:2] == ["off", "180 days"]
    trail.dispose()


def test_deleting_from_the_list_asks_first_names_the_assessment_and_can_be_kept(
    new_app: Callable[..., AppTest], store: AssessmentStore, bank: QuestionBank, app_env: Path
) -> None:
    assessment = make_assessment(bank, service={"name": "Riverside *women*"})
    store.create(assessment)
    at = new_app()

    at.button(key=state.delete_key(assessment.id)).click().run()

    assert "**Delete the assessment of Riverside \\*women\\*?**" in [m.value for m in at.markdown]
    assert WHAT_IS_DELETED in [m.value for m in at.markdown]
    at.button(key=state.START_DELETE_CANCEL).click().run()
    assert [b for b in at.button if b.key == state.START_DELETE_CONFIRM] == []
    assert store.get(assessment.id) is not None


def test_deleting_after_confirming_removes_it_says_what_went_and_its_link_then_finds_nothing(
    new_app: Callable[..., AppTest], store: AssessmentStore, bank: QuestionBank, app_env: Path
) -> None:
    assessment = make_assessment(bank, service={"name": "Riverside women"})
    store.create(assessment)
    at = new_app(a=assessment.id)

    at.button(key=state.delete_key(assessment.id)).click().run()
    at.button(key=state.START_DELETE_CONFIRM).click().run()

    assert not at.exception
    assert store.get(assessment.id) is None
    assert next(s.value for s in at.success).startswith("Deleted the assessment of Riverside women: its answers")
    assert "a" not in at.query_params
    assert [b for b in at.button if b.key == state.delete_key(assessment.id)] == []
    trail = AuditTrail(f"sqlite:///{app_env / 'checklist.sqlite3'}")
    assert [e.action.value for e in trail.entries() if e.object_id == assessment.id] == ["deleted"]
    trail.dispose()
    later = new_app(a=assessment.id)
    assert "No saved assessment has this link" in later.error[0].value


def test_staff_are_offered_delete_only_for_their_own_organisations_assessments(
    new_app: Callable[..., AppTest],
    store: AssessmentStore,
    directory: DirectoryStore,
    bank: QuestionBank,
    signed_in_as: Callable[[str], None],
) -> None:
    assessment = riverside_assessment(store, directory, bank)
    signed_in_as("ana@example.org")
    assert new_app().button(key=state.delete_key(assessment.id)).label == "Delete"
    signed_in_as("bo@example.org")
    assert [b for b in new_app().button if b.key == state.delete_key(assessment.id)] == []
