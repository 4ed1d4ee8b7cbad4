"""The Compare submissions page under AppTest: report, figures from the core, filters, privacy, downloads."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path
from typing import cast

import pandas as pd
import pytest
import yaml
from streamlit.testing.v1 import AppTest

from checklist.domain.assessment import Answer, AnswerValue, Assessment, PlannedAction, Service
from checklist.domain.bank import QuestionBank, load_bank
from checklist.domain.loading import dump_assessment
from tests.builders import make_assessment
from tests.ui.conftest import small_bank_document
from tests.ui.html_tables import html_tables

COMPARE = "checklist/ui/app_pages/compare.py"


def as_file(assessment: Assessment) -> bytes:
    return dump_assessment(assessment, tool_version="test", now=datetime(2025, 1, 1, tzinfo=UTC))


def services(bank: QuestionBank) -> list[Assessment]:
    """Two finished assessments (every question answered), so neither is a draft."""
    hub = make_assessment(
        bank, {"a1": "met", "a2": "met", "b1": "not_met"}, service=Service(name="*City* Hub", area="North")
    ).with_answer("b2", Answer(answer=AnswerValue.PARTLY, note="Only on **Tuesdays**"))
    home = make_assessment(
        bank, {"a1": "partly", "a2": "partly", "b1": "not_met", "b2": "met"}, service=Service(name="Home", area="South")
    )
    return [hub, home]


def draft(bank: QuestionBank, name: str = "Half done") -> Assessment:
    """One of four questions answered: 25%, under the 80% that makes a result."""
    return make_assessment(bank, {"a1": "met"}, service=Service(name=name, area="North"))


def upload(at: AppTest, files: list[tuple[str, bytes]]) -> AppTest:
    uploader = at.file_uploader[0]
    for name, data in files:
        uploader.upload(name, data, "application/json")
    return at.run()


def opened(new_app: Callable[..., AppTest]) -> AppTest:
    return new_app().switch_page(COMPARE).run()


def loaded(new_app: Callable[..., AppTest], bank: QuestionBank, *extra: tuple[str, bytes]) -> AppTest:
    files = [(f"{a.service.name}.json", as_file(a)) for a in services(bank)]
    return upload(opened(new_app), [*files, *extra])


# AppTest does not expose a table's key, so each table is found by the columns only it has.
TABLES = {
    "report": ["File", "Status", "Draft", "Reason", "Warnings"],
    "services": ["Service", "Overall score", "Completion (%)", "Draft", "Gaps"],
    "gaps": ["Question", "Services with the gap", "Services that answered"],
    "apart": ["Service", "Overall score", "Completion (%)", "Draft"],
    "answers": ["Theme", "Question", "Answer", "Note", "Reason not applicable"],
    "plans": ["Service", "Overdue", "Planned"],
    "overdue": ["Service", "Question", "Action", "Owner", "Due", "Status"],
    "service plan": ["Question", "Action", "Owner", "Due", "Status", "Overdue"],
}
ESCAPE = re.compile(r"\\(.)")


def shown(value: object) -> object:
    """Markdown as the reader sees it: the page escapes text so that it shows as typed."""
    return ESCAPE.sub(r"\1", value.replace("  \n", "\n")) if isinstance(value, str) else value


def frames(at: AppTest, table: str) -> list[pd.DataFrame]:
    columns = TABLES[table]
    found = [*(d.value for d in at.dataframe), *html_tables(at)]
    # The services table starts as the list of files left apart does, then goes on.
    exact = table == "apart"
    return [f for f in found if list(f.columns)[: len(columns)] == columns and (not exact or len(f.columns) == 4)]


def frame(at: AppTest, table: str) -> pd.DataFrame:
    return frames(at, table)[0]


def test_the_page_asks_for_files_before_anything_else(new_app: Callable[..., AppTest]) -> None:
    at = opened(new_app)

    assert not at.exception
    assert "Choose the files to compare" in at.info[0].value


def test_every_file_is_reported_and_a_broken_one_does_not_stop_the_rest(
    new_app: Callable[..., AppTest], bank: QuestionBank
) -> None:
    at = loaded(new_app, bank, ("broken.json", b"{oops"))

    report = frame(at, "report")
    assert not at.exception
    assert report["Status"].tolist() == ["Accepted", "Accepted", "Rejected"]
    assert at.metric[0].value == "2"
    assert "Files" in [h.value for h in at.header]
    assert "3 files: 2 accepted, 1 rejected" in [t.value for t in at.text]


def test_the_headline_shows_the_services_median_score_safety_gaps_and_overdue_actions(
    new_app: Callable[..., AppTest], bank: QuestionBank
) -> None:
    """Both services run groups, so all four questions apply (weights a1 2, a2 3, b1 1, b2 2; out of 8).
    Hub: a1 met 2 + a2 met 3 + b1 not met 0 + b2 partly 1 = 6 / 8 = 75.0. Home: a1 partly 1 + a2 partly 1.5
    + b1 0 + b2 met 2 = 4.5 / 8 = 56.25, published as 56.2. The median of two is the mean of the published
    scores: (75.0 + 56.2) / 2 = 65.6. No safety question, no planned action."""
    at = loaded(new_app, bank)

    assert [m.value for m in at.metric] == ["2", "65.6", "0", "0"]


def test_service_names_are_shown_as_typed_never_as_markdown(
    new_app: Callable[..., AppTest], bank: QuestionBank
) -> None:
    at = loaded(new_app, bank)

    assert "*City* Hub" in frame(at, "services")["Service"].tolist()


def test_a_duplicate_is_reported_and_counted_once(new_app: Callable[..., AppTest], bank: QuestionBank) -> None:
    again = ("Home again.json", as_file(services(bank)[1]))

    at = loaded(new_app, bank, again)

    assert "Duplicate" in frame(at, "report")["Status"].tolist()
    assert at.metric[0].value == "2"


def test_filtering_by_area_compares_only_that_area(new_app: Callable[..., AppTest], bank: QuestionBank) -> None:
    at = loaded(new_app, bank)

    at.multiselect(key="compare-areas").select("South").run()

    assert frame(at, "services")["Service"].tolist() == ["Home"]


def test_anonymising_hides_names_in_the_tables(new_app: Callable[..., AppTest], bank: QuestionBank) -> None:
    at = loaded(new_app, bank)

    at.checkbox(key="compare-anonymise").check().run()

    assert sorted(frame(at, "services")["Service"]) == ["Service A", "Service B"]


def test_practice_files_are_listed_apart_and_left_out_of_the_figures(
    new_app: Callable[..., AppTest], bank: QuestionBank
) -> None:
    example = make_assessment(bank, {"a1": "met"}, service=Service(name="Example"), practice=True)

    at = loaded(new_app, bank, ("example.json", as_file(example)))

    assert frame(at, "apart")["Service"].tolist() == ["Example"]
    assert at.metric[0].value == "2"


def test_common_gaps_list_the_gap_every_service_has_first(new_app: Callable[..., AppTest], bank: QuestionBank) -> None:
    at = loaded(new_app, bank)

    gaps = frame(at, "gaps")
    assert (gaps.loc[0, "Question"], gaps.loc[0, "Services with the gap"]) == ("Question b1?", 2)


def test_one_service_in_detail_shows_its_notes_as_typed(new_app: Callable[..., AppTest], bank: QuestionBank) -> None:
    at = loaded(new_app, bank)
    box = at.selectbox(key="compare-detail-named")

    box.select_index(box.options.index("*City* Hub")).run()

    assert frame(at, "answers")["Note"].tolist() == ["", "", "", "Only on **Tuesdays**"]


def test_the_downloads_offer_both_csv_tables_the_workbook_and_the_summary(
    new_app: Callable[..., AppTest], bank: QuestionBank
) -> None:
    at = loaded(new_app, bank)

    labels = [b.proto.label for b in at.get("download_button")]
    assert labels == ["Services (CSV)", "Common gaps (CSV)", "All tables (Excel)", "Area summary (PDF)"]


def test_overdue_actions_are_listed_with_their_service(new_app: Callable[..., AppTest], bank: QuestionBank) -> None:
    late = PlannedAction(question_id="b1", text="Open a women-only group.", due=date(2020, 1, 1))
    behind = make_assessment(
        bank, {"a1": "met", "a2": "met", "b1": "not_met", "b2": "met"}, service=Service(name="Behind"), actions=[late]
    )

    at = loaded(new_app, bank, ("behind.json", as_file(behind)))

    overdue = frame(at, "overdue")
    assert overdue[["Service", "Action"]].values.tolist() == [["Behind", "Open a women-only group."]]


def test_no_usable_file_gives_a_plain_message_and_no_figures(new_app: Callable[..., AppTest]) -> None:
    at = upload(opened(new_app), [("empty.json", b"")])

    assert not at.exception
    assert at.error[0].value == "No file could be used. The report above says why for each one."
    assert list(at.metric) == []


SETTING = {
    "id": "setting",
    "text": "Where do you work with women?",
    "options": [{"id": "community", "label": "Community service"}, {"id": "residential", "label": "Residential rehab"}],
}


@pytest.fixture
def settings_bank(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, app_env: Path) -> QuestionBank:
    """The small bank with a setting question; the app reads it instead of the one without."""
    document = small_bank_document()
    document["profile"] = [*cast(list[object], document["profile"]), SETTING]
    path = tmp_path / "settings-bank.yaml"
    path.write_text(yaml.safe_dump(document), encoding="utf-8")
    monkeypatch.setenv("CHECKLIST_BANK", str(path))
    return load_bank(path)


def by_setting(bank: QuestionBank) -> list[tuple[str, bytes]]:
    every = {"a2": "met", "b1": "met", "b2": "met"}
    hub = make_assessment(bank, {"a1": "met", **every}, service=Service(name="Hub", profile={"setting": "community"}))
    home = make_assessment(
        bank, {"a1": "partly", **every}, service=Service(name="Home", profile={"setting": "residential"})
    )
    return [("hub.json", as_file(hub)), ("home.json", as_file(home))]


def test_the_setting_filter_offers_the_banks_words_not_option_ids(
    new_app: Callable[..., AppTest], settings_bank: QuestionBank
) -> None:
    at = upload(opened(new_app), by_setting(settings_bank))

    assert at.multiselect(key="compare-settings").options == ["Community service", "Residential rehab"]


def test_choosing_a_setting_by_its_label_compares_only_services_in_that_setting(
    new_app: Callable[..., AppTest], settings_bank: QuestionBank
) -> None:
    at = upload(opened(new_app), by_setting(settings_bank))

    at.multiselect(key="compare-settings").select("residential").run()

    assert frame(at, "services")["Service"].tolist() == ["Home"]


def test_a_draft_is_marked_in_the_file_report_and_left_out_of_the_headline(
    new_app: Callable[..., AppTest], bank: QuestionBank
) -> None:
    at = loaded(new_app, bank, ("half.json", as_file(draft(bank))))

    report = frame(at, "report").set_index("File")
    assert report.loc["half.json", "Draft"] == "Draft: 1 of 4 questions answered"
    assert at.metric[0].value == "2"
    assert frame(at, "apart")["Service"].tolist() == ["Half done"]


def test_drafts_count_in_the_figures_only_when_the_switch_is_on(
    new_app: Callable[..., AppTest], bank: QuestionBank
) -> None:
    at = loaded(new_app, bank, ("half.json", as_file(draft(bank))))

    at.checkbox(key="compare-drafts").check().run()

    services = frame(at, "services").set_index("Service")
    assert at.metric[0].value == "3"
    assert services.loc["Half done", "Draft"] == "Draft: 1 of 4 questions answered"
    assert services.loc["Home", "Draft"] == ""


def test_the_one_service_view_says_draft_next_to_a_drafts_score(
    new_app: Callable[..., AppTest], bank: QuestionBank
) -> None:
    at = loaded(new_app, bank, ("half.json", as_file(draft(bank))))
    at.checkbox(key="compare-drafts").check().run()
    box = at.selectbox(key="compare-detail-named")

    box.select_index(box.options.index("Half done")).run()

    assert any("overall score 100.0 (Draft: 1 of 4 questions answered)" in shown(m.value) for m in at.markdown), [
        m.value for m in at.markdown
    ]


def test_when_every_submission_is_a_draft_the_page_says_so_and_offers_to_count_them(
    new_app: Callable[..., AppTest], bank: QuestionBank
) -> None:
    at = upload(opened(new_app), [("half.json", as_file(draft(bank)))])

    assert "The only submission is a draft (under 80% of questions answered)" in at.warning[0].value
    at.button(key="compare-count-drafts").click().run()
    assert (at.metric[0].value, at.checkbox(key="compare-drafts").value) == ("1", True)


def test_when_every_file_is_practice_the_page_says_so_in_one_sentence_and_offers_the_switch(
    new_app: Callable[..., AppTest], bank: QuestionBank
) -> None:
    examples = [
        make_assessment(
            bank, {"a1": "met", "a2": "met", "b1": "met", "b2": "met"}, service=Service(name=n), practice=True
        )
        for n in ("Example one", "Example two")
    ]
    at = upload(opened(new_app), [(f"{a.service.name}.json", as_file(a)) for a in examples])

    assert at.warning[0].value == (
        "All 2 files are practice files (from examples or workshops), so they are left out of the figures."
    )
    assert not any("No service matches" in w.value for w in at.warning)
    at.button(key="compare-count-practice").click().run()
    assert at.metric[0].value == "2"


def test_common_gaps_show_the_question_first_and_its_id_last(
    new_app: Callable[..., AppTest], bank: QuestionBank
) -> None:
    at = loaded(new_app, bank)

    columns = list(frame(at, "gaps").columns)
    assert (columns[0], columns[-1]) == ("Question", "Question id")


def test_one_service_lists_its_answers_by_their_words_in_bank_order(
    new_app: Callable[..., AppTest], bank: QuestionBank
) -> None:
    at = loaded(new_app, bank)
    box = at.selectbox(key="compare-detail-named")

    box.select_index(box.options.index("Home")).run()

    answers = frame(at, "answers")
    assert answers[["Theme", "Question"]].values.tolist() == [
        ["Alpha", "Question a1?"],
        ["Alpha", "Question a2?"],
        ["Beta", "Question b1?"],
        ["Beta", "Question b2?"],
    ]


def test_overdue_actions_name_their_question_by_its_words(new_app: Callable[..., AppTest], bank: QuestionBank) -> None:
    late = PlannedAction(question_id="b1", text="Open a women-only group.", due=date(2020, 1, 1))
    behind = make_assessment(
        bank, {"a1": "met", "a2": "met", "b1": "not_met", "b2": "met"}, service=Service(name="Behind"), actions=[late]
    )

    at = loaded(new_app, bank, ("behind.json", as_file(behind)))

    overdue = frame(at, "overdue")
    assert overdue[["Question", "Due"]].values.tolist() == [["Question b1?", "1 January 2020"]]


def test_the_services_table_starts_with_the_key_numbers(new_app: Callable[..., AppTest], bank: QuestionBank) -> None:
    at = loaded(new_app, bank)

    columns = list(frame(at, "services").columns)
    assert columns[:7] == [
        "Service",
        "Overall score",
        "Completion (%)",
        "Draft",
        "Gaps",
        "Safety gaps",
        "Overdue actions",
    ]


def test_no_table_on_the_page_shows_the_word_none(new_app: Callable[..., AppTest], bank: QuestionBank) -> None:
    """A theme without answers has no score: the tables say so with a dash, never "None"."""
    unscored = make_assessment(
        bank, {"a1": "na", "a2": "na", "b1": "met", "b2": "met"}, service=Service(name="Only beta")
    )

    at = upload(opened(new_app), [("beta.json", as_file(unscored))])

    cells = [str(v) for t in html_tables(at) for v in t.to_numpy().ravel()]
    assert [c for c in cells if c in {"None", "nan", "NaN", "<NA>"}] == []
    assert "–" in cells


def test_the_page_with_no_files_says_what_to_do_right_under_its_title(new_app: Callable[..., AppTest]) -> None:
    at = opened(new_app)

    shown_first = [e.type for e in at.main if e.type in ("title", "info", "markdown")][:2]
    assert shown_first == ["title", "info"]
