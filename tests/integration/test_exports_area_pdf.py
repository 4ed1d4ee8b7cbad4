"""The area summary PDF: headline figures, heatmap, common gaps with actions, services; anonymised when asked."""

from __future__ import annotations

import csv
import io
import re
import subprocess
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from pypdf import PdfReader

from checklist.cli import main
from checklist.domain.assessment import Service
from checklist.domain.bank import QuestionBank, parse_bank
from checklist.domain.compare import CommonGap, Comparison, compare_assessments
from checklist.domain.loading import dump_assessment
from checklist.render.area_pdf import build_area_summary_pdf
from checklist.render.compare_charts import sorted_rows
from checklist.render.compare_tables import services_table
from checklist.render.exports import to_csv
from tests.builders import bank_document, make_assessment, make_bank, question

BANK = make_bank()
MADE = datetime(2025, 6, 1, 9, 0, tzinfo=UTC)
LONG_TITLE = "Pregnancy, parenting and fear of child removal"


def bank_with_a_long_theme_title() -> QuestionBank:
    document = bank_document({"alpha": [question("a1")], "beta": [question("b1")]})
    document["themes"][1]["title"] = LONG_TITLE
    return parse_bank(yaml.safe_dump(document).encode(), "long-title.yaml")


def bank_of_long_questions(words: int) -> QuestionBank:
    """Ten questions of about `words` × 6 words, each with a long first action, so page breaks fall mid-list."""
    questions = [
        question(
            f"q{n}",
            text=f"Question {n}: {' '.join(['does the service do the thing'] * words)}?",
            actions=[
                {"text": "Agree a referral route with the local programme. " * 5, "cost": "low"},
                {"text": "Check it.", "cost": "none"},
            ],
        )
        for n in range(10)
    ]
    return parse_bank(yaml.safe_dump(bank_document({"alpha": questions})).encode(), "long-questions.yaml")


def page_text(tmp_path: Path, data: bytes, page: int) -> str:
    """One page as pdftotext lays it out: words placed on a line together are on one line here."""
    path = tmp_path / "summary.pdf"
    path.write_bytes(data)
    done = subprocess.run(
        ["pdftotext", "-layout", "-f", str(page), "-l", str(page), str(path), "-"],
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout


def page_texts(data: bytes) -> list[str]:
    """Each page's text with runs of white space made single, so wrapped lines read as one."""
    return [" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(data)).pages]


def kept(rank: int, gap: CommonGap, page: str) -> bool:
    """The gap's question, its note and the start of its first action are all on `page`."""
    return f"{rank}. {gap.text} A gap for" in page and gap.actions[0].text[:40] in page


def all_text(data: bytes) -> str:
    return " ".join(page_texts(data))


def comparison(*, anonymise: bool = False) -> Comparison:
    services = [
        make_assessment(BANK, {"a1": "met", "a2": "not_met"}, service=Service(name="Gwasanaeth Cŵn", area="North")),
        make_assessment(BANK, {"a1": "partly", "a2": "not_met"}, service=Service(name="Riverside Home")),
    ]
    return compare_assessments(BANK, services, today=date(2025, 6, 1), anonymise=anonymise)


@pytest.fixture(scope="module")
def summary_text() -> str:
    reader = PdfReader(io.BytesIO(build_area_summary_pdf(comparison(), tool_version="test", creation_date=MADE)))
    return "\n".join(page.extract_text() for page in reader.pages)


def test_the_summary_gives_the_headline_figures(summary_text: str) -> None:
    assert "Services compared" in summary_text
    assert "Median overall score" in summary_text


def test_the_summary_lists_the_common_gaps_with_the_banks_actions(summary_text: str) -> None:
    assert "Question a2?" in summary_text
    assert "Fix a2. (cost: low)" in summary_text


def test_the_summary_lists_every_service_with_welsh_letters_intact(summary_text: str) -> None:
    assert "Gwasanaeth Cŵn" in summary_text
    assert "Riverside Home" in summary_text


def test_the_heatmap_is_text_not_a_picture_so_its_titles_and_scores_can_be_read_aloud() -> None:
    reader = PdfReader(io.BytesIO(build_area_summary_pdf(comparison(), tool_version="test", creation_date=MADE)))

    assert not any(page.images for page in reader.pages)


def test_a_long_theme_title_is_written_whole_on_one_line_of_the_first_page(tmp_path: Path) -> None:
    bank = bank_with_a_long_theme_title()
    services = [make_assessment(bank, {"a1": "met", "b1": "not_met"}, service=Service(name="Hub"))]
    found = compare_assessments(bank, services, today=date(2025, 6, 1))

    assert LONG_TITLE in page_text(tmp_path, build_area_summary_pdf(found, tool_version="test"), 1)


def test_each_theme_row_of_the_heatmap_holds_every_services_score_lowest_overall_first(tmp_path: Path) -> None:
    found = comparison()
    expected = [f"{r.theme_scores[0]:.0f}" for r in sorted_rows(found, "Overall score, lowest first")]

    first_page = page_text(tmp_path, build_area_summary_pdf(found, tool_version="test"), 1)

    alpha = next(line for line in first_page.splitlines() if line.strip().startswith("Alpha"))
    assert alpha.split()[1:] == expected


def test_many_services_are_split_across_heatmap_tables_with_every_service_shown() -> None:
    services = [make_assessment(BANK, {"a1": "met"}, service=Service(name=f"Hub {n}")) for n in range(20)]
    found = compare_assessments(BANK, services, today=date(2025, 6, 1), anonymise=True)

    text = all_text(build_area_summary_pdf(found, tool_version="test"))

    heatmap = text[text.index("Theme scores by service") : text.index("The most common gaps")]
    assert [r.label for r in found.rows if r.label not in heatmap] == []


@pytest.mark.parametrize("words", range(6, 13))
def test_a_common_gaps_question_is_never_split_from_its_note_and_first_action(words: int) -> None:
    bank = bank_of_long_questions(words)
    answers = {q.id: "not_met" for _, q in bank.questions()}
    services = [make_assessment(bank, answers, service=Service(name=f"Hub {n}")) for n in range(2)]
    found = compare_assessments(bank, services, today=date(2025, 6, 1))

    pages = page_texts(build_area_summary_pdf(found, tool_version="test"))

    split = [
        rank
        for rank, gap in enumerate(found.common_gaps, 1)
        if not any(
            f"{rank}. {gap.text} A gap for 2 of 2 services" in p and gap.actions[0].text[:40] in p for p in pages
        )
    ]
    assert split == []


def test_an_anonymised_summary_names_no_service() -> None:
    data = build_area_summary_pdf(comparison(anonymise=True), tool_version="test", creation_date=MADE)

    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages)
    assert "Riverside Home" not in text
    assert "Gwasanaeth Cŵn" not in text
    assert "Service A" in text


def test_the_same_comparison_and_date_give_the_same_bytes() -> None:
    first = build_area_summary_pdf(comparison(), tool_version="test", creation_date=MADE)
    second = build_area_summary_pdf(comparison(), tool_version="test", creation_date=MADE)

    assert first == second


def test_the_command_writes_the_summary_with_pdf(tmp_path: Path) -> None:
    bank = tmp_path / "bank.yaml"
    bank.write_text(yaml.safe_dump(bank_document()), encoding="utf-8")
    hub = tmp_path / "hub.json"
    hub.write_bytes(
        dump_assessment(
            make_assessment(BANK, {"a1": "met", "a2": "met", "b1": "met"}, service=Service(name="Hub")),
            tool_version="t",
        )
    )
    out = tmp_path / "summary.pdf"

    result = CliRunner().invoke(main, ["compare", "--bank", str(bank), str(hub), "--pdf", str(out)])

    assert result.exit_code == 0
    assert PdfReader(out).metadata.title == "Area summary: how well services serve women"  # type: ignore[union-attr]


def test_a_draft_counted_in_the_summary_has_its_score_marked_draft() -> None:
    """Both services answered two of three questions (67%), under the 80% draft line, and were counted."""
    services_page = page_texts(build_area_summary_pdf(comparison(), tool_version="test", creation_date=MADE))[-1]

    assert services_page.count("(draft)") == 2


def test_the_summary_says_when_it_was_made_in_the_products_date_format(summary_text: str) -> None:
    assert "1 June 2025" in summary_text


def four_services() -> Comparison:
    """Finished, part-answered, "don't know" only and empty: a score of none, 0.0 and more, drafts among them."""
    services = [
        make_assessment(
            BANK, {"a1": "met", "a2": "met", "b1": "partly"}, service=Service(name="Gwasanaeth Cŵn", area="North")
        ),
        make_assessment(BANK, {"a1": "partly", "a2": "not_met"}, service=Service(name="Riverside Home")),
        make_assessment(BANK, {"b1": "unknown"}, service=Service(name="Formula Hub", area="South")),
        make_assessment(BANK, {}, service=Service(name="Empty Hub", area="South")),
    ]
    return compare_assessments(BANK, services, today=date(2025, 6, 1))


def services_rows(tmp_path: Path, data: bytes) -> list[list[str]]:
    """The last page's services table as pdftotext lays it out; a cell's wrapped last words join its row."""
    last = page_text(tmp_path, data, len(PdfReader(io.BytesIO(data)).pages))
    lines = [line.strip() for line in last.splitlines() if line.strip()]
    rows: list[list[str]] = []
    for line in lines[lines.index("Services") + 2 : -1]:
        cells = re.split(r"\s{2,}", line)
        if len(cells) == 1:
            rows[-1][3] += f" {cells[0]}"
        else:
            rows.append(cells)
    return rows


def test_the_summarys_services_are_the_rows_of_the_pages_table_and_its_csv(tmp_path: Path) -> None:
    """One services table (compare_tables.services_table) feeds the page, the CSV download and the PDF."""
    found = four_services()
    downloaded = list(csv.DictReader(io.StringIO(to_csv(services_table(found)).decode("utf-8-sig"))))
    on_screen = services_table(found, safe=False).to_dict("records")

    printed = services_rows(tmp_path, build_area_summary_pdf(found, tool_version="test", creation_date=MADE))

    assert printed == [
        ["Empty Hub", "South", "1.0.0", "no score yet (draft)", "0%", "0"],
        ["Formula Hub", "South", "1.0.0", "0.0 (draft)", "33%", "0"],
        ["Gwasanaeth Cŵn", "North", "1.0.0", "91.7", "100%", "0"],
        ["Riverside Home", "—", "1.0.0", "20.0 (draft)", "67%", "0"],
    ]
    assert [
        [
            r["Service"],
            r["Area"],
            r["Bank version"],
            r["Overall score"],
            r["Completion (%)"],
            r["Draft"],
            r["Safety gaps"],
        ]
        for r in downloaded
    ] == [
        ["Empty Hub", "South", "1.0.0", "", "0.0", "Draft: 0 of 3 questions answered", "0"],
        ["Formula Hub", "South", "1.0.0", "0.0", "33.3", "Draft: 1 of 3 questions answered", "0"],
        ["Gwasanaeth Cŵn", "North", "1.0.0", "91.7", "100.0", "", "0"],
        ["Riverside Home", "", "1.0.0", "20.0", "66.7", "Draft: 2 of 3 questions answered", "0"],
    ]
    assert [(r["Service"], r["Completion (%)"]) for r in on_screen] == [
        ("Empty Hub", 0.0),
        ("Formula Hub", 33.3),
        ("Gwasanaeth Cŵn", 100.0),
        ("Riverside Home", 66.7),
    ]
