"""The service a workshop rates, described for the room."""

from __future__ import annotations

from checklist.domain.assessment import Service
from checklist.domain.examples import example_base_service, example_service
from checklist.domain.workshop import ServiceScenario, create_workshop, service_scenario
from tests.builders import make_bank, question

BANK = make_bank({"alpha": [question("a1")]})


def test_an_example_workshop_describes_the_service_and_its_profile_in_words() -> None:
    service = example_base_service(BANK, example_service("city-hub"))
    workshop = create_workshop(BANK, service=service, example_id="city-hub")
    assert service_scenario(BANK, workshop) == ServiceScenario(
        name="Riverside Women's Hub (fictional)",
        description="A large city-centre community hub with groups, prescribing and a women-only afternoon.",
        facts=(("Do you run groups?", "Yes"),),
    )


def test_a_blank_profile_has_nothing_to_describe() -> None:
    assert service_scenario(BANK, create_workshop(BANK, service=Service())) is None
