"""The women's survey pages in AppTest: staff open a round and read counts; a woman answers once."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
import yaml
from streamlit.testing.v1 import AppTest

from checklist.domain.assessment import Service
from checklist.domain.loading import dump_assessment
from checklist.domain.survey import SurveyAnswer, SurveyCounts, SurveyResponse, SurveyRound, SurveySummary
from checklist.storage import AssessmentStore
from checklist.storage.surveys import SurveyStore
from checklist.ui import resources, signin
from tests.builders import bank_document, make_assessment, make_bank, question
from tests.ui.html_tables import html_tables
from tests.unit.test_survey import SURVEY

SURVEY_PAGE = "checklist/ui/app_pages/survey.py"
RESULTS = "checklist/ui/app_pages/results.py"
PLAN = "checklist/ui/app_pages/plan.py"
COMPARE = "checklist/ui/app_pages/compare.py"
THEMES = {"alpha": [question("a1"), question("a2", weight=3)], "beta": [question("b1", weight=1)]}
BANK = make_bank(THEMES, version="1.2.0", survey=SURVEY)
TODAY = date.today()


@pytest.fixture
def bank_path(tmp_path: Path) -> Path:
    path = tmp_path / "bank.yaml"
    path.write_text(yaml.safe_dump(bank_document(THEMES, version="1.2.0", survey=SURVEY)), encoding="utf-8")
    return path


@pytest.fixture
def surveys(app_env: Path) -> SurveyStore:
    app_env.mkdir(parents=True, exist_ok=True)
    return SurveyStore(f"sqlite:///{app_env / 'checklist.sqlite3'}")


def a_round(assessment_id: str, **overrides: object) -> SurveyRound:
    values: dict[str, object] = {"assessment_id": assessment_id, "opens_on": TODAY, "closes_on": TODAY + timedelta(7)}
    return SurveyRound.model_validate(values | overrides)


def women(store: SurveyStore, round_id: str, n: int, **answers: SurveyAnswer) -> None:
    for _ in range(n):
        store.add_response(round_id, SurveyResponse(answers=answers, received_on=TODAY))


def staff_page(new_app: Callable[..., AppTest], assessment_id: str) -> AppTest:
    return new_app(a=assessment_id).switch_page(SURVEY_PAGE).run()


def texts(at: AppTest) -> str:
    return " ".join([m.value for m in at.markdown] + [t.value for t in at.text])


def test_staff_open_a_round_and_get_its_link(
    new_app: Callable[..., AppTest], store: AssessmentStore, surveys: SurveyStore
) -> None:
    assessment = store.create(make_assessment(BANK)).assessment
    at = staff_page(new_app, assessment.id)
    at.button(key="survey-open-round").click().run()

    rounds = surveys.rounds_for(assessment.id)
    assert [(r.opens_on, r.closes_on, r.threshold) for r in rounds] == [(TODAY, TODAY + timedelta(weeks=4), 5)]
    assert [c.value for c in at.code] == [f"/?survey={rounds[0].id}"]
    assert at.success[0].value.startswith("The round is open from")


def test_a_round_that_closes_before_it_opens_is_not_opened_and_says_why(
    new_app: Callable[..., AppTest], store: AssessmentStore, surveys: SurveyStore
) -> None:
    assessment = store.create(make_assessment(BANK)).assessment
    at = staff_page(new_app, assessment.id)
    at.date_input(key="survey-closes").set_value(TODAY - timedelta(days=1)).run()
    at.button(key="survey-open-round").click().run()
    assert surveys.rounds_for(assessment.id) == []
    assert [t.value for t in at.toast] == ["The round was not opened: the closing date is before the opening date."]


def test_four_answers_show_nothing_and_five_show_counts_with_their_base(
    new_app: Callable[..., AppTest], store: AssessmentStore, surveys: SurveyStore
) -> None:
    assessment = store.create(make_assessment(BANK)).assessment
    opened = surveys.open_round(a_round(assessment.id))
    women(surveys, opened.id, 4, s1=SurveyAnswer.NO)
    at = staff_page(new_app, assessment.id)
    assert len(at.table) == 0
    assert "fewer than 5 women have answered them: 3 of 3 questions" in texts(at)

    women(surveys, opened.id, 1, s1=SurveyAnswer.YES)
    at = staff_page(new_app, assessment.id)
    # st.table reads cells as Markdown, so the page escapes them; read them back without the escapes.
    row = [str(v).replace("\\", "") for v in at.table[0].value.iloc[0]]
    assert row == ["Did you feel safe?", "5", "1 of 5 women", "0 of 5 women", "4 of 5 women", "0"]


def test_comments_are_shown_literally_to_staff_and_removed_for_good(
    new_app: Callable[..., AppTest], store: AssessmentStore, surveys: SurveyStore
) -> None:
    assessment = store.create(make_assessment(BANK)).assessment
    opened = surveys.open_round(a_round(assessment.id))
    surveys.add_response(opened.id, SurveyResponse(comment="**Ask for Jo** <b>at reception</b>", received_on=TODAY))
    at = staff_page(new_app, assessment.id)
    assert [t.value for t in at.main.text] == ["**Ask for Jo** <b>at reception</b>"]

    response_id = surveys.comments(opened.id)[0].response_id
    at.button(key=f"survey-remove-{response_id}").click().run()
    assert (surveys.comments(opened.id), [t.value for t in at.main.text]) == ([], [])


def test_results_put_beside_the_assessment_make_an_experience_gap_on_results_and_plan(
    new_app: Callable[..., AppTest], store: AssessmentStore, surveys: SurveyStore
) -> None:
    assessment = store.create(make_assessment(BANK, {"a1": "met", "a2": "met", "b1": "met"})).assessment
    opened = surveys.open_round(a_round(assessment.id))
    women(surveys, opened.id, 6, s1=SurveyAnswer.NO)
    surveys.add_response(opened.id, SurveyResponse(comment="Ask for Jo at reception", received_on=TODAY))
    at = staff_page(new_app, assessment.id)
    at.button(key="survey-attach").click().run()

    saved = store.get(assessment.id)
    assert saved is not None
    assert "Ask for Jo" not in saved.assessment.model_dump_json()
    assert saved.assessment.survey is not None
    assert (saved.assessment.survey.responses, [c.question_id for c in saved.assessment.survey.questions]) == (
        7,
        ["s1"],
    )

    results = at.switch_page(RESULTS).run()
    assert [s.value for s in results.header if "experience" in s.value] == ["Where women's experience differs (1)"]
    gap_table = next(
        t.value for t in results.table if "What the women said" in t.value.columns and "Rank" in t.value.columns
    )
    row = [str(v).replace("\\", "") for v in gap_table.iloc[0]]
    assert row == ["1", "Question a1?", "Met", "6 of 6 women said no, 0 partly, 0 yes", "1.00"]

    plan = at.switch_page(PLAN).run()
    assert [s.value for s in plan.header if "experience" in s.value] == ["Where women's experience differs (1)"]
    assert [e.label.replace("\\", "") for e in plan.expander if "Question a1" in e.label] == ["Question a1?"]


def test_the_public_survey_takes_one_answer_per_visit(
    new_app: Callable[..., AppTest], store: AssessmentStore, surveys: SurveyStore
) -> None:
    assessment = store.create(make_assessment(BANK)).assessment
    opened = surveys.open_round(a_round(assessment.id))
    at = new_app(survey=opened.id)
    assert at.title[0].value == "Tell us about your visits"
    assert len(at.sidebar.button) == 0
    at.radio(key="survey-answer-s1").set_value(SurveyAnswer.PARTLY)
    at.text_area(key="survey-comment").input("<script>x</script>")
    at.button(key="survey-send").click().run()

    assert surveys.responses(opened.id) == [
        SurveyResponse(answers={"s1": SurveyAnswer.PARTLY}, comment="<script>x</script>", received_on=TODAY)
    ]
    assert "Thank you. Your answers have been sent." in texts(at)
    assert len(at.radio) == 0


def test_the_public_survey_refuses_an_empty_answer(
    new_app: Callable[..., AppTest], store: AssessmentStore, surveys: SurveyStore
) -> None:
    assessment = store.create(make_assessment(BANK)).assessment
    opened = surveys.open_round(a_round(assessment.id))
    at = new_app(survey=opened.id)
    at.button(key="survey-send").click().run()
    assert surveys.responses(opened.id) == []
    assert [w.value for w in at.warning] == ["Please answer at least one question before sending, or press Leave now."]


@pytest.mark.parametrize(
    ("when", "shown"),
    [
        ({"opens_on": TODAY - timedelta(9), "closes_on": TODAY - timedelta(1)}, "This survey has closed."),
        ({"opens_on": TODAY + timedelta(2), "closes_on": TODAY + timedelta(9)}, "This survey opens on"),
        ({"closed_early": True}, "This survey has closed."),
    ],
)
def test_a_closed_or_not_yet_open_round_shows_a_plain_page_and_no_form(
    new_app: Callable[..., AppTest],
    store: AssessmentStore,
    surveys: SurveyStore,
    when: dict[str, object],
    shown: str,
) -> None:
    assessment = store.create(make_assessment(BANK)).assessment
    opened = surveys.open_round(a_round(assessment.id, **when))
    at = new_app(survey=opened.id)
    assert shown in texts(at)
    assert len(at.radio) == 0


def test_an_unknown_survey_link_shows_a_plain_page(new_app: Callable[..., AppTest]) -> None:
    at = new_app(survey="no-such-round-link")
    assert "This link does not open a survey." in texts(at)
    assert (len(at.radio), len(at.exception)) == (0, 0)


def test_compare_shows_how_many_women_answered_each_service_and_where_they_differ(
    new_app: Callable[..., AppTest],
) -> None:
    shown = SurveySummary(
        survey_version="1.0.0",
        responses=7,
        questions=(SurveyCounts(question_id="s1", yes=1, partly=0, no=6),),
        hidden=("s2", "s3"),
    )
    answered = {"a1": "met", "a2": "met", "b1": "met"}
    hub = make_assessment(BANK, answered, service=Service(name="Hub")).model_copy(update={"survey": shown})
    home = make_assessment(BANK, answered, service=Service(name="Home"))
    at = new_app().switch_page(COMPARE).run()
    for assessment in (hub, home):
        at.file_uploader[0].upload(
            f"{assessment.service.name}.json",
            dump_assessment(assessment, tool_version="test", now=datetime(2025, 1, 1, tzinfo=UTC)),
            "application/json",
        )
    at.run()

    table = next(t for t in html_tables(at) if "Women who answered" in t.columns)
    # Anonymised by default: the services are "Service A" and "Service B", in an order of their own.
    rows = [[str(v) for v in row][1:] for row in table.itertuples(index=False)]
    assert sorted(rows) == [["7", "1 of 3", "Question a1?"], ["no survey results sent", "", ""]]


def test_closing_a_round_now_stops_its_link_taking_answers(
    new_app: Callable[..., AppTest], store: AssessmentStore, surveys: SurveyStore
) -> None:
    assessment = store.create(make_assessment(BANK)).assessment
    opened = surveys.open_round(a_round(assessment.id))
    at = staff_page(new_app, assessment.id)
    at.button(key="survey-close-round").click().run()

    closed = surveys.round(opened.id)
    assert closed is not None
    assert closed.closed_early is True
    assert [s.value for s in at.success] == ["The round is closed: its link no longer takes answers."]
    assert "This survey has closed." in texts(new_app(survey=opened.id))


def test_answers_beyond_the_rounds_limit_in_a_minute_are_refused_and_say_so(
    new_app: Callable[..., AppTest], store: AssessmentStore, surveys: SurveyStore
) -> None:
    assessment = store.create(make_assessment(BANK)).assessment
    opened = surveys.open_round(a_round(assessment.id))
    limiter = resources.answer_limiter()  # the one every session of this process shares
    now = datetime.now(UTC)
    while limiter.allow(opened.id, now):
        pass
    at = new_app(survey=opened.id)
    at.radio(key="survey-answer-s1").set_value(SurveyAnswer.YES)
    at.button(key="survey-send").click().run()

    assert surveys.responses(opened.id) == []
    assert [w.value for w in at.warning] == [
        "A lot of answers are arriving at once. Please wait a minute and press the button again."
    ]


def test_with_sign_in_on_the_survey_still_opens_without_signing_in(
    new_app: Callable[..., AppTest], store: AssessmentStore, surveys: SurveyStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(signin, "is_configured", lambda: True)
    assessment = store.create(make_assessment(BANK)).assessment
    opened = surveys.open_round(a_round(assessment.id))

    assert [t.value for t in new_app().title] == [signin.SIGN_IN_TITLE]
    survey = new_app(survey=opened.id)
    assert [t.value for t in survey.title] == ["Tell us about your visits"]
    assert len(survey.radio) == len(SURVEY["questions"]) + 1
