"""A name that shows nothing is no name: service, organisation, assessor, action owner, participant, workshop."""

from __future__ import annotations

from datetime import date

import pytest

from checklist.domain.assessment import Assessor, PlannedAction, Service
from checklist.domain.compare import UNNAMED, compare_assessments
from checklist.domain.loading import dump_assessment, load_assessment
from checklist.domain.plan import PlanError, add_action
from checklist.domain.workshop import ANONYMOUS, create_workshop, join_workshop
from tests.builders import make_assessment, make_bank

BANK = make_bank()
INVISIBLE = ["\u200b\u200b", "\u200d\ufeff", "\u3164", "  \u2060 ", "\u202e\u200f"]


@pytest.mark.parametrize("invisible", INVISIBLE)
def test_a_service_organisation_and_assessor_name_of_invisible_characters_is_kept_as_not_given(invisible: str) -> None:
    service = Service(name=invisible, organisation=invisible, area=invisible)
    assessor = Assessor(name=invisible, role=invisible)

    assert (service.name, service.organisation, service.area, assessor.name, assessor.role) == ("",) * 5


@pytest.mark.parametrize("name", ["Women's Hub", "\u200bHub", "Ŵ"])
def test_a_name_with_something_visible_is_kept_exactly_as_typed(name: str) -> None:
    assert Service(name=name).name == name


@pytest.mark.parametrize("invisible", INVISIBLE)
def test_an_action_owner_of_invisible_characters_is_no_owner(invisible: str) -> None:
    assert PlannedAction(question_id="a1", text="Fix it", owner=invisible).owner == ""


@pytest.mark.parametrize("invisible", INVISIBLE)
def test_an_action_whose_text_shows_nothing_is_refused_with_a_message(invisible: str) -> None:
    with pytest.raises(PlanError, match="an action needs some text saying what will be done"):
        add_action(make_assessment(BANK), BANK, "a1", invisible)


@pytest.mark.parametrize("invisible", INVISIBLE)
def test_a_participant_who_gives_an_invisible_name_joins_as_anonymous(invisible: str) -> None:
    workshop = create_workshop(BANK, title=invisible)

    _, participant = join_workshop(workshop, invisible)

    assert (workshop.title, participant.shown_name) == ("", ANONYMOUS)


def test_a_file_whose_service_name_shows_nothing_is_listed_as_not_named_in_a_comparison() -> None:
    sent = make_assessment(BANK, {"a1": "met"}, service=Service(name="Hub"))
    data = dump_assessment(sent, tool_version="t").replace(b'"name": "Hub"', b'"name": "\\u200b\\u200b"')

    loaded = load_assessment(data, "x.json", BANK).assessment
    comparison = compare_assessments(BANK, [loaded], today=date(2024, 3, 1))

    assert (loaded.service.name, comparison.rows[0].name) == ("", UNNAMED)
