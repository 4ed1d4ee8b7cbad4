"""The comparison: rows, common gaps, spread, plans, versions, practice and anonymity."""

from __future__ import annotations

from datetime import date

import pytest

from checklist.domain.assessment import ActionStatus, Answer, AnswerValue, Assessment, BankRef, PlannedAction, Service
from checklist.domain.compare import Filters, anonymous_label, compare_assessments, filter_options
from tests.builders import make_assessment, make_bank, question

TODAY = date(2025, 6, 1)
BANK = make_bank(
    {
        "alpha": [question("a1", safety=True), question("a2", weight=3)],
        "beta": [question("b1", weight=1), question("b2", applies_if={"groups": ["yes"]})],
    },
    profile=[
        {
            "id": "setting",
            "text": "Setting?",
            "options": [{"id": "community", "label": "Community"}, {"id": "residential", "label": "Residential"}],
        },
        {"id": "groups", "text": "Groups?", "options": [{"id": "yes", "label": "Yes"}, {"id": "no", "label": "No"}]},
    ],
)


def svc(name: str, area: str = "North", setting: str = "community", organisation: str = "Org") -> Service:
    return Service(name=name, organisation=organisation, area=area, profile={"setting": setting})


def assess(name: str, answers: dict[str, str], **overrides: object) -> Assessment:
    return make_assessment(BANK, answers, service=overrides.pop("service", svc(name)), **overrides)


def test_each_service_row_carries_the_scores_from_score_assessment() -> None:
    comparison = compare_assessments(BANK, [assess("Hub", {"a1": "met", "a2": "not_met", "b1": "met"})], today=TODAY)

    row = comparison.rows[0]
    assert (row.name, row.overall, row.theme_scores) == ("Hub", 50.0, (40.0, 100.0))


def test_the_setting_is_shown_with_the_banks_label() -> None:
    comparison = compare_assessments(BANK, [assess("Hub", {"a1": "met"})], today=TODAY)

    assert comparison.rows[0].setting == "Community"


def test_common_gaps_count_services_with_the_gap_most_common_first() -> None:
    services = [
        assess("One", {"a1": "met", "a2": "not_met", "b1": "partly"}),
        assess("Two", {"a1": "met", "a2": "partly", "b1": "met"}),
    ]

    gaps = compare_assessments(BANK, services, today=TODAY).common_gaps

    assert [(g.question_id, g.services, g.answered) for g in gaps] == [("a2", 2, 2), ("b1", 1, 2)]


def test_a_safety_question_counts_its_gaps_as_safety_gaps() -> None:
    gaps = compare_assessments(BANK, [assess("One", {"a1": "unknown"})], today=TODAY).common_gaps

    assert (gaps[0].safety_gaps, gaps[0].to_check) == (1, 1)


def test_common_gaps_carry_the_banks_suggested_actions() -> None:
    gaps = compare_assessments(BANK, [assess("One", {"a2": "not_met"})], today=TODAY).common_gaps

    assert [a.text for a in gaps[0].actions] == ["Fix a2."]


def test_theme_spread_gives_min_quartiles_median_and_max() -> None:
    services = [assess(f"S{i}", {"b1": v}) for i, v in enumerate(["met", "partly", "not_met", "met", "met"])]

    spread = compare_assessments(BANK, services, today=TODAY).spread[1]

    assert (spread.minimum, spread.lower_quartile, spread.median, spread.upper_quartile, spread.maximum) == (
        0.0,
        50.0,
        100.0,
        100.0,
        100.0,
    )


def test_a_theme_nobody_answered_has_no_spread() -> None:
    spread = compare_assessments(BANK, [assess("One", {"a1": "met"})], today=TODAY).spread[1]

    assert (spread.services, spread.median) == (0, None)


def action(status: ActionStatus, due: date | None) -> PlannedAction:
    return PlannedAction(question_id="a2", text="Do it.", status=status, due=due)


def test_action_plans_count_actions_by_status() -> None:
    actions = [action(ActionStatus.PLANNED, None), action(ActionStatus.DONE, None), action(ActionStatus.DONE, None)]

    plan = compare_assessments(BANK, [assess("One", {"a2": "partly"}, actions=actions)], today=TODAY).plans[0]

    assert (plan.planned, plan.in_progress, plan.done, plan.dropped) == (1, 0, 2, 0)


@pytest.mark.parametrize(
    ("status", "due", "overdue"),
    [
        (ActionStatus.PLANNED, date(2025, 5, 31), 1),
        (ActionStatus.IN_PROGRESS, date(2025, 5, 31), 1),
        (ActionStatus.DONE, date(2025, 5, 31), 0),
        (ActionStatus.DROPPED, date(2025, 5, 31), 0),
        (ActionStatus.PLANNED, TODAY, 0),
        (ActionStatus.PLANNED, None, 0),
    ],
)
def test_an_action_is_overdue_only_when_its_due_date_has_passed_and_it_is_still_open(
    status: ActionStatus, due: date | None, overdue: int
) -> None:
    comparison = compare_assessments(BANK, [assess("One", {}, actions=[action(status, due)])], today=TODAY)

    assert comparison.plans[0].overdue == overdue


def test_practice_files_are_shown_apart_and_left_out_of_figures() -> None:
    services = [assess("Real", {"a1": "met"}), assess("Example", {"a1": "not_met"}, practice=True)]

    comparison = compare_assessments(BANK, services, today=TODAY)

    assert ([r.name for r in comparison.rows], [r.name for r in comparison.practice_apart]) == (["Real"], ["Example"])
    assert comparison.common_gaps == ()


def test_practice_files_count_when_asked() -> None:
    services = [assess("Real", {"a1": "met"}), assess("Example", {"a1": "not_met"}, practice=True)]

    comparison = compare_assessments(BANK, services, today=TODAY, include_practice=True)

    assert (comparison.headline.services, comparison.practice_apart) == (2, ())


def on_version(assessment: Assessment, version: str) -> Assessment:
    return assessment.model_copy(update={"bank": BankRef(id=assessment.bank.id, version=version)})


CHANGED = make_bank(
    {"alpha": [question("a1"), question("a2", changed_in="1.1.0")], "beta": [question("b1")]},
    version="1.1.0",
    retired=[{"id": "old1", "retired_in": "1.1.0", "reason": "merged into a1"}],
)


def test_a_question_changed_after_a_submissions_version_is_left_out_for_it() -> None:
    services = [
        on_version(make_assessment(CHANGED, {"a1": "met", "a2": "not_met"}), "1.0.0"),
    ]

    comparison = compare_assessments(CHANGED, services, today=TODAY)

    assert (comparison.rows[0].overall, comparison.rows[0].gaps) == (100.0, 0)
    assert [(x.question_id, x.bank_version) for x in comparison.left_out] == [("a2", "1.0.0")]


def test_a_changed_question_still_counts_for_submissions_on_the_current_version() -> None:
    comparison = compare_assessments(CHANGED, [make_assessment(CHANGED, {"a1": "met", "a2": "not_met"})], today=TODAY)

    assert (comparison.rows[0].gaps, comparison.left_out) == (1, ())


def test_answers_to_questions_the_bank_no_longer_has_are_reported_with_the_reason() -> None:
    services = [make_assessment(CHANGED, {"a1": "met", "old1": "met", "zz": "met"})]

    reasons = {x.question_id: x.reason for x in compare_assessments(CHANGED, services, today=TODAY).left_out}

    assert reasons == {
        "old1": "retired in version 1.1.0: merged into a1",
        "zz": "not in the current question bank (version 1.1.0)",
    }


def test_the_versions_loaded_are_listed_oldest_first() -> None:
    services = [
        make_assessment(CHANGED, {"a1": "met"}),
        on_version(make_assessment(CHANGED, {"a1": "met"}), "1.0.0"),
    ]

    versions = compare_assessments(CHANGED, services, today=TODAY).versions

    assert [(v.version, v.services, v.current) for v in versions] == [("1.0.0", 1, False), ("1.1.0", 1, True)]


@pytest.mark.parametrize(
    ("index", "label"), [(0, "Service A"), (25, "Service Z"), (26, "Service AA"), (27, "Service AB")]
)
def test_anonymous_labels_run_like_spreadsheet_columns(index: int, label: str) -> None:
    assert anonymous_label(index) == label


def test_anonymised_rows_hide_names_and_organisations() -> None:
    comparison = compare_assessments(BANK, [assess("Secret Hub", {"a1": "met"})], today=TODAY, anonymise=True)

    row = comparison.rows[0]
    assert (row.name, row.organisation) == ("Service A", "")


def test_anonymous_labels_do_not_follow_alphabetical_order_of_names() -> None:
    services = [assess(f"Service name {i:02d}", {"a1": "met"}) for i in range(12)]

    comparison = compare_assessments(BANK, services, today=TODAY)

    assert [r.label for r in comparison.rows] != [anonymous_label(i) for i in range(12)]


def test_a_service_keeps_its_label_whichever_filter_is_chosen() -> None:
    services = [
        assess(f"S{i}", {"a1": "met"}, service=svc(f"S{i}", area="North" if i % 2 else "South")) for i in range(6)
    ]

    everyone = {r.key: r.label for r in compare_assessments(BANK, services, today=TODAY).rows}
    north = compare_assessments(BANK, services, today=TODAY, filters=Filters(areas=frozenset({"North"})))

    assert all(everyone[r.key] == r.label for r in north.rows)
    assert {r.area for r in north.rows} == {"North"}


def test_filters_by_setting_and_version_apply_before_comparing() -> None:
    services = [
        assess("Home", {"a1": "met"}, service=svc("Home", setting="residential")),
        assess("Hub", {"a1": "not_met"}),
    ]

    comparison = compare_assessments(
        BANK, services, today=TODAY, filters=Filters(settings=frozenset({"residential"}), versions=frozenset({"1.0.0"}))
    )

    assert ([r.name for r in comparison.rows], comparison.common_gaps) == (["Home"], ())


def test_filter_options_list_what_the_submissions_hold() -> None:
    services = [
        assess("A", {}, service=svc("A", area="South")),
        assess("B", {}, service=svc("B", setting="residential")),
    ]

    assert filter_options(services) == {
        "areas": ["North", "South"],
        "settings": ["community", "residential"],
        "versions": ["1.0.0"],
    }


def test_the_service_detail_gives_its_answers_notes_and_overdue_actions() -> None:
    late = action(ActionStatus.PLANNED, date(2025, 1, 1))
    one = assess("One", {}, actions=[late]).with_answer("a1", Answer(answer=AnswerValue.PARTLY, note="Only Tuesdays"))

    comparison = compare_assessments(BANK, [one], today=TODAY)
    detail = comparison.detail(comparison.rows[0].key)

    assert detail is not None
    assert (detail.assessment.answers["a1"].note, detail.overdue) == ("Only Tuesdays", (late,))


def test_the_headline_gives_medians_and_counts() -> None:
    services = [assess("One", {"a1": "met"}), assess("Two", {"a1": "not_met"}), assess("Three", {"a1": "partly"})]

    headline = compare_assessments(BANK, services, today=TODAY).headline

    assert (headline.services, headline.median_overall, headline.with_safety_gap) == (3, 50.0, 2)


EVERY = {"a1": "met", "a2": "partly", "b1": "not_met", "b2": "met"}


def test_a_draft_row_says_how_many_questions_it_answered() -> None:
    comparison = compare_assessments(BANK, [assess("Half", {"a1": "met"})], today=TODAY)

    assert comparison.rows[0].draft_label == "Draft: 1 of 4 questions answered"


def test_drafts_are_listed_apart_and_left_out_of_the_headline_when_asked() -> None:
    services = [assess("Done", EVERY), assess("Half", {"a1": "not_met"})]

    comparison = compare_assessments(BANK, services, today=TODAY, include_drafts=False)

    assert ([r.name for r in comparison.rows], [r.name for r in comparison.drafts_apart]) == (["Done"], ["Half"])
    # (2×1 + 3×0.5 + 1×0 + 2×1) / 8 = 68.75
    assert (comparison.headline.services, comparison.headline.median_overall) == (1, 68.8)


def test_a_finished_assessment_is_not_a_draft() -> None:
    comparison = compare_assessments(BANK, [assess("Done", EVERY)], today=TODAY, include_drafts=False)

    assert (comparison.rows[0].draft_label, comparison.drafts_apart) == (None, ())


def test_a_practice_draft_is_listed_once_with_the_practice_files() -> None:
    services = [assess("Done", EVERY), assess("Example", {"a1": "met"}, practice=True)]

    comparison = compare_assessments(BANK, services, today=TODAY, include_drafts=False)

    assert ([r.name for r in comparison.practice_apart], comparison.drafts_apart) == (["Example"], ())
