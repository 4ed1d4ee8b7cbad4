"""The Compare submissions page under AppTest: report, figures from the core, filters, privacy, downloads."""

from __future__ import annotations

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

COMPARE = "checklist/ui/app_pages/compare.py"


def as_file(assessment: Assessment) -> bytes:
    return dump_assessment(assessment, tool_version="test", now=datetime(2025, 1, 1, tzinfo=UTC))


def services(bank: QuestionBank) -> list[Assessment]:
    hub = make_assessment(
        bank, {"a1": "met", "b1": "not_met"}, service=Service(name="*City* Hub", area="North")
    ).with_answer("b2", Answer(answer=AnswerValue.PARTLY, note="Only on **Tuesdays**"))
    home = make_assessment(bank, {"a1": "partly", "b1": "not_met"}, service=Service(name="Home", area="South"))
    return [hub, home]


def upload(at: AppTest, files: list[tuple[str, bytes]]) -> AppTest:
    uploader = at.file_uploader(key="compare-files")
    for name, data in files:
        uploader.upload(name, data, "application/json")
    return at.run()


def opened(new_app: Callable[..., AppTest]) -> AppTest:
    return new_app().switch_page(COMPARE).run()


def loaded(new_app: Callable[..., AppTest], bank: QuestionBank, *extra: tuple[str, bytes]) -> AppTest:
    files = [(f"{a.service.name}.json", as_file(a)) for a in services(bank)]
    return upload(opened(new_app), [*files, *extra])


# AppTest does not expose a dataframe's key, so each table is found by the columns only it has.
TABLES = {
    "report": ["File", "Status", "Reason", "Warnings"],
    "services": ["Service", "Organisation", "Area"],
    "anonymous services": ["Service", "Area", "Setting"],
    "gaps": ["Question id", "Theme", "Question", "Services with the gap"],
    "practice": ["Service", "Overall score"],
    "answers": ["Question", "Answer", "Note", "Reason not applicable"],
    "overdue": ["Service", "Question", "Action", "Owner", "Due", "Status"],
}


def frame(at: AppTest, table: str) -> pd.DataFrame:
    columns = TABLES[table]
    return next(d.value for d in at.dataframe if list(d.value.columns)[: len(columns)] == columns)


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


def test_the_headline_shows_the_services_median_score_safety_gaps_and_overdue_actions(
    new_app: Callable[..., AppTest], bank: QuestionBank
) -> None:
    """Hub: a1 met (2 × 1), b1 not met (1 × 0), b2 partly (2 × 0.5): 3 / 5 = 60.0. Home: a1 partly (2 × 0.5),
    b1 not met: 1 / 3 = 33.3. The median of two is their mean: of the scores as published, (60.0 + 33.3) / 2
    = 46.65, which rounds to 46.6 in binary floating point. No safety question, no planned action."""
    at = loaded(new_app, bank)

    assert [m.value for m in at.metric] == ["2", "46.6", "0", "0"]


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

    assert sorted(frame(at, "anonymous services")["Service"]) == ["Service A", "Service B"]


def test_practice_files_are_listed_apart_and_left_out_of_the_figures(
    new_app: Callable[..., AppTest], bank: QuestionBank
) -> None:
    example = make_assessment(bank, {"a1": "met"}, service=Service(name="Example"), practice=True)

    at = loaded(new_app, bank, ("example.json", as_file(example)))

    assert frame(at, "practice")["Service"].tolist() == ["Example"]
    assert at.metric[0].value == "2"


def test_common_gaps_list_the_gap_every_service_has_first(new_app: Callable[..., AppTest], bank: QuestionBank) -> None:
    at = loaded(new_app, bank)

    gaps = frame(at, "gaps")
    assert (gaps.loc[0, "Question id"], gaps.loc[0, "Services with the gap"]) == ("b1", 2)


def test_one_service_in_detail_shows_its_notes_as_typed(new_app: Callable[..., AppTest], bank: QuestionBank) -> None:
    at = loaded(new_app, bank)
    box = at.selectbox(key="compare-detail")

    box.select_index(box.options.index("*City* Hub")).run()

    assert frame(at, "answers")["Note"].tolist() == ["", "", "Only on **Tuesdays**"]


def test_the_downloads_offer_both_csv_tables_the_workbook_and_the_summary(
    new_app: Callable[..., AppTest], bank: QuestionBank
) -> None:
    at = loaded(new_app, bank)

    labels = [b.proto.label for b in at.get("download_button")]
    assert labels == ["Services (CSV)", "Common gaps (CSV)", "All tables (Excel)", "Area summary (PDF)"]


def test_overdue_actions_are_listed_with_their_service(new_app: Callable[..., AppTest], bank: QuestionBank) -> None:
    late = PlannedAction(question_id="b1", text="Open a women-only group.", due=date(2020, 1, 1))
    behind = make_assessment(bank, {"b1": "not_met"}, service=Service(name="Behind"), actions=[late])

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
    hub = make_assessment(bank, {"a1": "met"}, service=Service(name="Hub", profile={"setting": "community"}))
    home = make_assessment(bank, {"a1": "partly"}, service=Service(name="Home", profile={"setting": "residential"}))
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
