"""The survey store, on SQLite and PostgreSQL: rounds by link, answers kept, comments removed for good."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import create_engine, inspect, select

from checklist.domain.people import OrganisationKind
from checklist.domain.survey import SurveyAnswer, SurveyResponse, SurveyRound
from checklist.storage import directory as directory_module
from checklist.storage import migrations
from checklist.storage.directory import DirectoryStore
from checklist.storage.survey_schema import survey_responses
from checklist.storage.surveys import SurveyStore
from tests.unit.test_survey import BANK

DAY = date(2026, 11, 2)


def a_round(**overrides: object) -> SurveyRound:
    values: dict[str, object] = {"assessment_id": "a-1", "opens_on": DAY, "closes_on": date(2026, 11, 30)}
    return SurveyRound.model_validate(values | overrides)


def test_a_round_is_found_by_its_link_after_a_restart(url: str) -> None:
    opened = SurveyStore(url).open_round(a_round(introduction="About your visits"))
    again = SurveyStore(url).round(opened.id)
    assert again == opened


def test_an_unknown_or_hostile_link_finds_no_round(url: str) -> None:
    store = SurveyStore(url)
    store.open_round(a_round())
    assert [store.round(link) for link in ("nothing-like-it-at-all", "", "x" * 5000, "bad\x00link")] == [None] * 4


def test_rounds_of_an_assessment_are_listed_newest_first(url: str) -> None:
    store = SurveyStore(url)
    first = store.open_round(a_round())
    second = store.open_round(a_round(opens_on=date(2026, 12, 1), closes_on=date(2026, 12, 31)))
    store.open_round(a_round(assessment_id="a-2"))
    assert [r.id for r in store.rounds_for("a-1")] == [second.id, first.id]


def test_closing_a_round_early_is_kept(url: str) -> None:
    store = SurveyStore(url)
    opened = store.open_round(a_round())
    store.save_round(opened.model_copy(update={"closed_early": True}))
    again = SurveyStore(url).round(opened.id)
    assert again is not None
    assert again.closed_early is True


def test_answers_are_counted_into_the_summary_with_the_rounds_threshold(url: str) -> None:
    store = SurveyStore(url)
    opened = store.open_round(a_round(threshold=6))
    for _ in range(6):
        store.add_response(opened.id, SurveyResponse(answers={"s1": SurveyAnswer.NO}, received_on=DAY))
    for _ in range(5):
        store.add_response(opened.id, SurveyResponse(answers={"s2": SurveyAnswer.YES}, received_on=DAY))
    summary = SurveyStore(url).summary(opened, BANK.survey)  # type: ignore[arg-type]
    assert (summary.responses, summary.threshold, [c.question_id for c in summary.questions], summary.hidden) == (
        11,
        6,
        ["s1"],
        ("s2", "s3"),
    )


def test_a_removed_comment_is_deleted_from_the_database_and_the_answers_still_count(url: str) -> None:
    store = SurveyStore(url)
    opened = store.open_round(a_round())
    store.add_response(
        opened.id, SurveyResponse(answers={"s1": SurveyAnswer.NO}, comment="Ask for Jo", received_on=DAY)
    )
    store.add_response(opened.id, SurveyResponse(comment="<b>More groups</b>", received_on=DAY))
    first = store.comments(opened.id)[0]
    store.remove_comment(opened.id, first.response_id)

    assert [c.text for c in store.comments(opened.id)] == ["<b>More groups</b>"]
    assert [r.answers for r in store.responses(opened.id)] == [{"s1": SurveyAnswer.NO}, {}]
    engine = create_engine(url)
    with engine.connect() as conn:
        stored = " ".join(conn.scalars(select(survey_responses.c.document)))
    engine.dispose()
    assert "Ask for Jo" not in stored


def test_an_answer_row_holds_no_address_device_session_or_time_of_day(url: str) -> None:
    store = SurveyStore(url)
    opened = store.open_round(a_round())
    store.add_response(opened.id, SurveyResponse(answers={"s1": SurveyAnswer.YES}, received_on=DAY))
    engine = create_engine(url)
    columns = [c["name"] for c in inspect(engine).get_columns("survey_responses")]
    engine.dispose()
    assert columns == ["id", "round_id", "received_on", "document", "comment_removed"]
    assert store.responses(opened.id) == [SurveyResponse(answers={"s1": SurveyAnswer.YES}, received_on=DAY)]


def test_a_database_at_the_previous_schema_gains_the_survey_tables_and_keeps_its_data(
    url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    with monkeypatch.context() as before_surveys:
        before_surveys.setattr(migrations, "MIGRATIONS", migrations.MIGRATIONS[:2])
        before_surveys.setattr(directory_module, "insert_event", lambda *_: None)  # no audit trail before 0004
        before = DirectoryStore(url)
        before.add_organisation("Northshire", OrganisationKind.AREA)
        before.dispose()
    engine = create_engine(url)
    assert "survey_rounds" not in inspect(engine).get_table_names()

    store = SurveyStore(url)
    assert store.rounds_for("a-1") == []
    assert {"survey_rounds", "survey_responses"} <= set(inspect(engine).get_table_names())
    assert migrations.applied_names(engine) == [
        "0001_organisations_people_roles",
        "0002_submissions",
        "0003_survey_rounds_and_responses",
        "0004_audit_and_retention",
        "0005_workshop_owners",
    ]
    after = DirectoryStore(url)
    assert [o.name for o in after.organisations()] == ["Northshire"]
    for opened in (store, after):
        opened.dispose()
    engine.dispose()
