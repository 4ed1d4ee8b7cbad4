"""The shipped bank in the app: what changed in this version, evidence kinds and where sources apply."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from checklist.domain.bank import QuestionBank
from checklist.paths import default_bank_path
from checklist.storage import AssessmentStore
from tests.builders import make_assessment

RESULTS = "checklist/ui/app_pages/results.py"
THEMES = "checklist/ui/app_pages/themes.py"
PROFILE = {"setting": "community", "groups": "yes", "prescribing": "yes", "parents": "yes", "premises": "yes"}


@pytest.fixture
def bank_path() -> Path:
    """These pages are tested on the shipped bank, not the tiny test bank."""
    return default_bank_path()


def open_page(new_app: Callable[..., AppTest], page: str, assessment_id: str, **query: str) -> AppTest:
    return new_app(a=assessment_id, **query).switch_page(page).run()


def tables(at: AppTest, column: str) -> list[list[str]]:
    return [list(df.value[column]) for df in at.dataframe if column in df.value.columns]


def test_results_list_what_changed_in_each_bank_version_newest_first(
    new_app: Callable[..., AppTest], store: AssessmentStore, bank: QuestionBank
) -> None:
    assessment = make_assessment(bank, {"data-sex-split": "met"})
    store.create(assessment)

    at = open_page(new_app, RESULTS, assessment.id)

    assert [e.label for e in at.expander if e.label.startswith("What changed")] == [
        "What changed in the question bank (this is version 1.2.0)"
    ]
    headings = [m.value.replace("\\", "") for m in at.markdown if m.value.startswith("#### Version")]
    assert headings == ["#### Version 1.2.0", "#### Version 1.1.0"]
    survey_lines = [m.value for m in at.markdown if m.value.startswith("Added the women's survey")]
    assert survey_lines == [
        "Added the women's survey: 13 short questions that the women who use the service answer anonymously, "
        "set beside the service's own answers."
    ]
    assert tables(at, "Id") == [
        [
            "women-only-access-policy",
            "safety-testing-examinations",
            "abuse-stalking-honour",
            "access-digital-safety",
            "access-keyworker-continuity",
            "parents-contraception",
            "links-housing",
            "reach-harm-reduction",
            "reach-young-women",
            "reach-older-women-menopause",
            "reach-older-women-medicines",
        ],
        ["abuse-perpetrator-response", "reach-sex-work", "reach-lgbtq"],
        ["reach-older-women"],
    ]


def test_results_filter_the_gaps_by_kind_of_evidence(
    new_app: Callable[..., AppTest], store: AssessmentStore, bank: QuestionBank
) -> None:
    # women-only-access-policy rests on the law only; access-pharmacy on a practice article only.
    assessment = make_assessment(bank, {"women-only-access-policy": "not_met", "access-pharmacy": "not_met"})
    store.create(assessment)
    at = open_page(new_app, RESULTS, assessment.id)
    question = {q: t.text for q in ("women-only-access-policy", "access-pharmacy") if (t := bank.question(q))}

    every = next(df.value for df in at.table if "Evidence" in df.value.columns)
    at.multiselect(key="results-evidence-filter").set_value(["guidance"]).run()
    guidance = next(df.value for df in at.table if "Evidence" in df.value.columns)

    # st.table reads cells as Markdown, so the page escapes them; read them back without the escapes.
    def shown(column: pd.Series) -> list[str]:
        return [str(v).replace("\\", "") for v in column]

    assert sorted(shown(every["Question"])) == sorted(question.values())
    assert (shown(guidance["Question"]), shown(guidance["Evidence"])) == (
        [question["women-only-access-policy"]],
        ["guidance"],
    )


def test_how_it_was_scored_explains_that_evidence_kinds_never_change_a_score(
    new_app: Callable[..., AppTest], store: AssessmentStore, bank: QuestionBank
) -> None:
    assessment = make_assessment(bank, {"data-sex-split": "met"})
    store.create(assessment)

    at = open_page(new_app, RESULTS, assessment.id)

    text = " ".join(m.value for m in at.markdown)
    assert "never changes a score" in text
    assert "Women's own accounts: what women who use services have said, in their own words" in text.replace("\\", "")


def test_a_question_shows_its_evidence_kind_and_where_its_source_applies(
    new_app: Callable[..., AppTest], store: AssessmentStore, bank: QuestionBank
) -> None:
    assessment = make_assessment(bank, {}).model_copy(
        update={"service": make_assessment(bank).service.model_copy(update={"profile": PROFILE})}
    )
    store.create(assessment)

    at = open_page(new_app, THEMES, assessment.id, t="women-only")

    text = " ".join(m.value.replace("\\", "") for m in at.markdown)
    assert "Equality Act 2010, Schedule 3, Part 7: separate, single and concessionary services](" in text
    assert "(Great Britain)" in text
    assert "*Evidence:* guidance" in text
    assert "*Suggested standard* (set by this tool, not by a source): at least once a week" in text
