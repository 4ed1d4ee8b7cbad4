"""Submitting in the app, at the page level: the Action plan's button for staff, and Compare's list for commissioners.

Sign-in itself (st.login) runs only in a served app, so here the person is taken as signed in
(`signed_in_as`); the full sign-in through a real provider is tests/e2e/test_submit_e2e.py.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from checklist.domain.assessment import Assessment, Service
from checklist.domain.bank import QuestionBank
from checklist.domain.people import OrganisationKind, Role
from checklist.storage import AssessmentStore
from checklist.storage.access import NO_AREA
from checklist.storage.directory import DirectoryStore
from checklist.storage.submissions import SubmissionStore
from checklist.ui import state
from checklist.ui.area_submissions import AREA, FILES
from tests.builders import make_assessment

PLAN = "checklist/ui/app_pages/plan.py"
COMPARE = "checklist/ui/app_pages/compare.py"
READY = {"service": Service(name="Riverside women", organisation="Riverside"), "assessed_on": date(2026, 12, 1)}


@pytest.fixture
def url(app_env: Path) -> str:
    app_env.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{app_env / 'checklist.sqlite3'}"


@pytest.fixture
def directory(url: str) -> Iterator[DirectoryStore]:
    """Northshire commissions Riverside and Hillside; Ana is staff of Riverside, Bo of Hillside, Cara commissions."""
    found = DirectoryStore(url)
    found.add_organisation("Northshire", OrganisationKind.AREA)
    found.add_organisation("Riverside", OrganisationKind.PROVIDER, area="Northshire")
    found.add_organisation("Hillside", OrganisationKind.PROVIDER, area="Northshire")
    for email, role, organisation in (
        ("ana@example.org", Role.STAFF, "Riverside"),
        ("bo@example.org", Role.STAFF, "Hillside"),
        ("cara@example.org", Role.COMMISSIONER, "Northshire"),
    ):
        found.invite(email, role, organisation)
        found.sign_in(f"iss {email}", email)
    yield found
    found.dispose()


def riverside_assessment(
    store: AssessmentStore, directory: DirectoryStore, bank: QuestionBank, **fields: object
) -> Assessment:
    assessment = make_assessment(bank, {"a1": "met", "a2": "met", "b1": "not_met", "b2": "met"}, **fields)
    riverside = next(o for o in directory.organisations() if o.name == "Riverside")
    directory.set_owner(assessment.id, riverside.id)
    store.create(assessment)
    return assessment


def plan_page(new_app: Callable[..., AppTest], assessment_id: str) -> AppTest:
    return new_app(a=assessment_id).switch_page(PLAN).run()


def test_staff_submit_from_the_action_plan_and_are_told_when_and_to_whom(
    new_app: Callable[..., AppTest],
    store: AssessmentStore,
    directory: DirectoryStore,
    bank: QuestionBank,
    url: str,
    signed_in_as: Callable[[str], None],
) -> None:
    assessment = riverside_assessment(store, directory, bank, **READY)
    signed_in_as("ana@example.org")
    at = plan_page(new_app, assessment.id)
    assert not at.exception

    at.button(key=state.SUBMIT).click().run()

    assert not at.exception
    assert [s.value for s in at.success] == ["Submitted."]
    told = [t.value for t in at.text if t.value.startswith("Submitted on ")]
    assert len(told) == 1
    assert told[0].endswith(" by ana@example.org to the commissioners of Northshire.")
    sent = SubmissionStore(url)
    assert [s.service_name for s in sent.for_assessment(assessment.id)] == ["Riverside women"]
    sent.dispose()
    again = plan_page(new_app, assessment.id)
    assert [t.value for t in again.text if t.value.startswith("Last submitted on ")] == [
        "Last " + told[0][0].lower() + told[0][1:]
    ]


def test_the_button_says_what_the_profile_still_needs_and_sends_nothing(
    new_app: Callable[..., AppTest],
    store: AssessmentStore,
    directory: DirectoryStore,
    bank: QuestionBank,
    signed_in_as: Callable[[str], None],
) -> None:
    assessment = riverside_assessment(store, directory, bank, service=Service(name="Riverside women"))
    signed_in_as("ana@example.org")
    at = plan_page(new_app, assessment.id)
    assert at.button(key=state.SUBMIT).disabled
    assert "Before it can be submitted, the service profile needs the organisation and the date of the assessment." in [
        w.value for w in at.warning
    ]


def test_in_local_mode_there_is_no_submit_button_and_compare_reads_files_only(
    new_app: Callable[..., AppTest], store: AssessmentStore, bank: QuestionBank
) -> None:
    assessment = make_assessment(bank, {"a1": "met"}, **READY)
    store.create(assessment)
    at = plan_page(new_app, assessment.id)
    assert not at.exception
    assert [b for b in at.button if b.key == state.SUBMIT] == []
    compare = new_app().switch_page(COMPARE).run()
    assert not compare.exception
    assert [r for r in compare.radio if r.key == state.COMPARE_SOURCE] == []
    assert len(compare.get("file_uploader")) == 1


def _submit_as_ana(
    new_app: Callable[..., AppTest], assessment: Assessment, signed_in_as: Callable[[str], None]
) -> None:
    signed_in_as("ana@example.org")
    plan_page(new_app, assessment.id).button(key=state.SUBMIT).click().run()


def test_the_commissioner_sees_each_service_once_marked_new_and_compares_it_without_files(
    new_app: Callable[..., AppTest],
    store: AssessmentStore,
    directory: DirectoryStore,
    bank: QuestionBank,
    signed_in_as: Callable[[str], None],
) -> None:
    assessment = riverside_assessment(store, directory, bank, **READY)
    _submit_as_ana(new_app, assessment, signed_in_as)
    _submit_as_ana(new_app, assessment, signed_in_as)  # a second time: it supersedes the first

    signed_in_as("cara@example.org")
    at = new_app().switch_page(COMPARE).run()
    assert not at.exception
    assert at.radio(key=state.COMPARE_SOURCE).value == AREA
    assert "1 service submitted to Northshire; 1 new since your last visit." in [t.value for t in at.text]
    assert "New since your last visit: Riverside women (Riverside)." in [t.value for t in at.text]
    listed = at.dataframe[0].value
    assert list(listed["Service"]) == ["Riverside women"]
    assert list(listed["New"]) == ["New"]
    assert list(listed["Earlier submissions"]) == [1]
    assert list(listed["Completion"]) == ["100%"]
    assert [e.label for e in at.expander if e.label.startswith("Earlier submissions")] == [
        "Earlier submissions, superseded by a later one (1)"
    ]
    assert [m.value for m in at.metric if m.label == "Services compared"] == ["1"]
    assert at.get("file_uploader") == []
    # She handled no file, so the report speaks of what she compared: submissions.
    assert "Submissions read" in [h.value for h in at.header]
    assert "Files" not in [h.value for h in at.header]
    assert "1 submission: 1 accepted" in [t.value for t in at.text]

    later = new_app().switch_page(COMPARE).run()  # her next visit: nothing new since
    assert "1 service submitted to Northshire; 0 new since your last visit." in [t.value for t in later.text]

    later.radio(key=state.COMPARE_SOURCE).set_value(FILES).run()
    assert len(later.get("file_uploader")) == 1


def test_staff_of_another_provider_get_no_submissions_on_compare(
    new_app: Callable[..., AppTest],
    store: AssessmentStore,
    directory: DirectoryStore,
    bank: QuestionBank,
    signed_in_as: Callable[[str], None],
) -> None:
    _submit_as_ana(new_app, riverside_assessment(store, directory, bank, **READY), signed_in_as)
    signed_in_as("bo@example.org")
    at = new_app().switch_page(COMPARE).run()
    assert not at.exception
    assert [r for r in at.radio if r.key == state.COMPARE_SOURCE] == []
    assert "Riverside women" not in str([t.value for t in at.text])


def test_an_unsaved_change_must_be_saved_before_submitting(
    new_app: Callable[..., AppTest],
    store: AssessmentStore,
    directory: DirectoryStore,
    bank: QuestionBank,
    signed_in_as: Callable[[str], None],
) -> None:
    assessment = riverside_assessment(store, directory, bank, **READY)
    signed_in_as("ana@example.org")
    at = plan_page(new_app, assessment.id)
    at.session_state[state.PENDING] = assessment.model_copy(update={"service": Service(name="Not saved")})
    at.run()
    assert at.button(key=state.SUBMIT).disabled
    assert any(w.value.startswith("Your last change is not saved yet") for w in at.warning)


def test_the_list_of_submissions_is_hidden_while_services_are_anonymised(
    new_app: Callable[..., AppTest],
    store: AssessmentStore,
    directory: DirectoryStore,
    bank: QuestionBank,
    signed_in_as: Callable[[str], None],
) -> None:
    _submit_as_ana(new_app, riverside_assessment(store, directory, bank, **READY), signed_in_as)
    signed_in_as("cara@example.org")
    at = new_app().switch_page(COMPARE).run()
    at.checkbox(key=state.COMPARE_ANONYMISE).check().run()
    assert not at.exception
    assert 'The list of submissions is hidden while services are shown as "Service A, B, …".' in [
        m.value for m in at.markdown
    ]
    assert "Riverside women" not in str([t.value for t in at.text])
    assert not any("Riverside women" in grid.value.to_csv() for grid in at.dataframe)
    assert [m.value for m in at.metric if m.label == "Services compared"] == ["1"]


def test_a_provider_in_no_area_is_told_to_send_the_file_instead(
    new_app: Callable[..., AppTest],
    store: AssessmentStore,
    directory: DirectoryStore,
    bank: QuestionBank,
    signed_in_as: Callable[[str], None],
) -> None:
    lone = directory.add_organisation("Lone", OrganisationKind.PROVIDER)
    directory.invite("lee@example.org", Role.STAFF, "Lone")
    directory.sign_in("iss lee@example.org", "lee@example.org")
    assessment = make_assessment(bank, {"a1": "met"}, **READY)
    directory.set_owner(assessment.id, lone.id)
    store.create(assessment)
    signed_in_as("lee@example.org")
    at = plan_page(new_app, assessment.id)

    at.button(key=state.SUBMIT).click().run()

    assert not at.exception
    assert "Submitted." not in [s.value for s in at.success]
    assert [e.value for e in at.error] == [NO_AREA]
