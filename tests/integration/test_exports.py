"""CSV and XLSX exports, read back with pandas: formula-looking text is inert, numbers stay numbers."""

from __future__ import annotations

import io
import re
from datetime import date

import pandas as pd
import pytest

from checklist.domain.assessment import Answer, AnswerValue, Assessment, Service
from checklist.domain.compare import Comparison, compare_assessments
from checklist.paths import PROJECT_ROOT
from checklist.render.exports import (
    COMMON_GAPS,
    NOTES,
    SERVICES,
    comparison_tables,
    gaps_table,
    services_table,
    to_csv,
    to_xlsx,
)
from checklist.render.spreadsheet import neutralise
from tests.builders import make_assessment, make_bank, question

BANK = make_bank({"alpha": [question("a1", text="=SUM(A1:A9) is this a question?")], "beta": [question("b1")]})
TODAY = date(2025, 6, 1)


def hostile(name: str = '=HYPERLINK("http://evil.example")', note: str = "+44 7700 900123") -> Assessment:
    service = Service(name=name, organisation="@org", area="-North")
    assessment = make_assessment(BANK, {"a1": "not_met", "b1": "met"}, service=service)
    return assessment.with_answer("a1", Answer(answer=AnswerValue.NOT_MET, note=note))


def comparison(*assessments: Assessment, anonymise: bool = False) -> Comparison:
    return compare_assessments(BANK, assessments or (hostile(),), today=TODAY, anonymise=anonymise)


def read_csv(data: bytes) -> pd.DataFrame:
    return pd.read_csv(io.BytesIO(data), encoding="utf-8-sig")


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_text_starting_like_a_formula_gets_a_leading_quote(start: str) -> None:
    assert neutralise(f"{start}1+1") == f"'{start}1+1"


@pytest.mark.parametrize("value", [-5, 3.5, None, "plain text", "a=b"])
def test_numbers_and_ordinary_text_are_left_alone(value: object) -> None:
    assert neutralise(value) == value


def test_the_services_csv_neutralises_names_organisations_and_areas() -> None:
    table = read_csv(to_csv(services_table(comparison())))

    assert list(table.loc[0, ["Service", "Organisation", "Area"]]) == [
        '\'=HYPERLINK("http://evil.example")',
        "'@org",
        "'-North",
    ]


def test_the_services_csv_keeps_scores_as_numbers() -> None:
    table = read_csv(to_csv(services_table(comparison())))

    assert list(table.loc[0, ["Overall score", "Completion (%)", "Alpha", "Beta"]]) == [50.0, 100.0, 0.0, 100.0]
    assert pd.api.types.is_numeric_dtype(table["Overall score"])


def test_the_gaps_csv_neutralises_question_text_from_the_bank() -> None:
    table = read_csv(to_csv(gaps_table(comparison())))

    assert (table.loc[0, "Question"], table.loc[0, "Services with the gap"]) == ("'=SUM(A1:A9) is this a question?", 1)


def test_the_xlsx_has_one_sheet_per_table_with_inert_text_and_numeric_scores() -> None:
    sheets = pd.read_excel(io.BytesIO(to_xlsx(comparison_tables(comparison()))), sheet_name=None)

    services = sheets[SERVICES]
    assert list(sheets) == [SERVICES, COMMON_GAPS]
    assert (services.loc[0, "Service"], services.loc[0, "Overall score"]) == (
        '\'=HYPERLINK("http://evil.example")',
        50.0,
    )


def test_the_xlsx_stores_no_formula_cells() -> None:
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(to_xlsx(comparison_tables(comparison(), include_notes=True))))

    kinds = {cell.data_type for sheet in book for row in sheet.iter_rows() for cell in row}
    assert "f" not in kinds


def test_notes_are_left_out_unless_asked_for() -> None:
    assert NOTES not in comparison_tables(comparison())


def test_notes_when_asked_for_are_neutralised_too() -> None:
    notes = read_csv(to_csv(comparison_tables(comparison(), include_notes=True)[NOTES]))

    assert list(notes.loc[0, ["Question id", "Answer", "Note"]]) == ["a1", "Not met", "'+44 7700 900123"]


def test_anonymised_exports_show_labels_and_no_organisation() -> None:
    table = read_csv(to_csv(services_table(comparison(anonymise=True))))

    assert table.loc[0, "Service"] == "Service A"
    assert "Organisation" not in table.columns


def test_anonymised_notes_name_the_service_by_its_label() -> None:
    notes = comparison_tables(comparison(anonymise=True), include_notes=True)[NOTES]

    assert notes["Service"].tolist() == ["Service A"]


def test_a_service_without_answers_exports_empty_scores_not_zero() -> None:
    empty = make_assessment(BANK, {}, service=Service(name="Draft"))

    table = read_csv(to_csv(services_table(comparison(empty))))

    assert table["Overall score"].isna().tolist() == [True]


def test_welsh_letters_survive_the_csv() -> None:
    table = read_csv(to_csv(services_table(comparison(hostile(name="Gwasanaeth Cŵn a Ŷ")))))

    assert table.loc[0, "Service"] == "Gwasanaeth Cŵn a Ŷ"


def test_the_comparison_and_the_workshop_exports_share_one_spreadsheet_escape() -> None:
    """One rule in one place: no export keeps a formula check of its own."""
    own_rules = [
        path.name
        for path in (PROJECT_ROOT / "checklist").rglob("*.py")
        if path.name != "spreadsheet.py" and re.search(r"""\(\s*["']=["']\s*,\s*["']\+["']""", path.read_text())
    ]

    assert own_rules == []
