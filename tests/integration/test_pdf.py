"""The PDF action plan, read back with pypdf and pdftotext."""

from __future__ import annotations

import io
import logging
import subprocess
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from pypdf import PdfReader

from checklist.domain.assessment import Answer, AnswerValue, Assessor, PlannedAction, Service
from checklist.domain.loading import load_assessment
from checklist.domain.scoring import score_assessment
from checklist.render.fonts import REPLACEMENT
from checklist.render.pdf import build_action_plan_pdf
from tests.builders import make_assessment, make_bank, question

CREATED = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)
UNICODE_LINE = "Welsh ŵ ŷ, Polish ł ż „Zażółć gęślą jaźń”, ‘curly’ “quotes” and €12"
BANK = make_bank(
    {
        "safety": [question("s1", safety=True, weight=3, text="Is there a safe waiting space?"), question("s2")],
        "access": [question("a1", weight=3, cost="none"), question("a2", applies_if={"groups": ["yes"]})],
    }
)


def an_assessment(**overrides: object):
    base = make_assessment(
        BANK,
        {"s1": "not_met", "s2": "na", "a1": "partly"},
        service=Service(name="Gwasanaeth Ŵyn", organisation="Org „Zażółć”", area="Gwynedd", profile={"groups": "no"}),
        assessor=Assessor(name="Siân Jones", role="Service manager"),
        assessed_on=date(2026, 3, 1),
        id="assessment-under-test",
        actions=[
            PlannedAction(id="act1", question_id="a1", text="Put up a poster.", owner="Łucja", due=date(2026, 6, 1)),
            PlannedAction(id="act2", question_id="s1", text="Open a women-only room.", owner="Siân"),
        ],
    )
    answers = {**base.answers, "s1": Answer(answer=AnswerValue.NOT_MET, note=UNICODE_LINE)}
    return base.model_copy(update={"answers": answers, **overrides})


def build(assessment=None, **kwargs: object) -> bytes:
    assessment = assessment or an_assessment()
    return build_action_plan_pdf(
        BANK, assessment, score_assessment(BANK, assessment), tool_version="9.9.9", creation_date=CREATED, **kwargs
    )


def pdftotext(pdf: bytes, tmp_path: Path, *, page: int | None = None) -> str:
    path = tmp_path / "plan.pdf"
    path.write_bytes(pdf)
    pages = ["-f", str(page), "-l", str(page)] if page else []
    return subprocess.run(["pdftotext", *pages, str(path), "-"], capture_output=True, text=True, check=True).stdout


@pytest.fixture(scope="module")
def pdf() -> bytes:
    return build()


@pytest.fixture(scope="module")
def reader(pdf: bytes) -> PdfReader:
    return PdfReader(io.BytesIO(pdf))


def outline_titles(entries: list[object]) -> list[str]:
    titles: list[str] = []
    for entry in entries:
        titles += outline_titles(entry) if isinstance(entry, list) else [entry.title]  # type: ignore[attr-defined]
    return titles


def test_the_pdf_is_a4(reader: PdfReader):
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)


def test_the_pdf_has_a_title_author_and_subject(reader: PdfReader):
    meta = reader.metadata
    assert meta is not None
    assert (meta.title, meta.author, meta.subject.split("; ")[0]) == (
        "Action plan: Gwasanaeth Ŵyn",
        "Siân Jones",
        "Women's access self-assessment and action plan for Gwasanaeth Ŵyn",
    )
    assert meta.subject.split("; ")[1].startswith("assessment.json SHA-256 ")


def test_the_pdf_language_is_british_english_and_viewers_show_the_title(reader: PdfReader):
    root = reader.trailer["/Root"]
    assert (root["/Lang"], bool(root["/ViewerPreferences"]["/DisplayDocTitle"])) == ("en-GB", True)


def test_the_outline_has_an_entry_for_every_section_and_theme(reader: PdfReader):
    assert outline_titles(reader.outline) == [
        "Self-assessment and action plan",
        "Summary",
        "The 2 most important gaps",
        "Quick wins",
        "Action plan",
        "Answers by theme",
        "1. Safety",
        "2. Access",
        "How the scoring works",
        "What this means for this assessment",
        "Sources",
    ]


def test_the_attached_assessment_loads_back_as_the_same_assessment(pdf: bytes):
    loaded = load_assessment(pdf, "plan.pdf", BANK).assessment
    assert loaded.model_copy(update={"saved_at": None, "created_with": ""}) == an_assessment()


def test_the_attachment_is_stamped_with_the_creation_date_and_tool_version(pdf: bytes):
    loaded = load_assessment(pdf, "plan.pdf", BANK).assessment
    assert (loaded.saved_at, loaded.created_with) == (CREATED, "checklist 9.9.9")


def structure_elements(node: object) -> list[dict[str, object]]:
    node = node.get_object() if hasattr(node, "get_object") else node
    if isinstance(node, list):
        return [e for child in node for e in structure_elements(child)]
    if isinstance(node, dict):
        return [node, *structure_elements(node.get("/K", []))]
    return []


def test_every_image_has_alt_text(reader: PdfReader):
    images = sum(len(page.images) for page in reader.pages)
    alts = [str(e["/Alt"]) for e in structure_elements(reader.trailer["/Root"]["/StructTreeRoot"]) if "/Alt" in e]
    expected = "Bar chart of the score out of 100 for each theme: Safety 0.0"
    assert (images, [a.startswith(expected) for a in alts]) == (1, [True])


def test_typed_unicode_text_comes_out_unchanged(pdf: bytes, tmp_path: Path):
    assert UNICODE_LINE in pdftotext(pdf, tmp_path)


def test_the_cover_names_the_service_organisation_date_assessor_and_bank(pdf: bytes, tmp_path: Path):
    cover = pdftotext(pdf, tmp_path, page=1)
    for expected in (
        "Gwasanaeth Ŵyn",
        "Org „Zażółć”",
        "Gwynedd",
        "1 March 2026",
        "Siân Jones, Service manager",
        "Test bank (test-bank, version 1.0.0)",
    ):
        assert expected in cover


def test_every_page_says_page_n_of_the_total(reader: PdfReader, pdf: bytes, tmp_path: Path):
    total = len(reader.pages)
    footers = [f"Page {n} of {total}" in pdftotext(pdf, tmp_path, page=n) for n in range(1, total + 1)]
    assert footers == [True] * total


def test_the_summary_shows_overall_score_completion_and_top_gaps(pdf: bytes, tmp_path: Path):
    """s1 not met (weight 3 × 0), a1 partly met (3 × 0.5), s2 not applicable, a2 left out: 1.5 / 6 = 25.0."""
    summary = pdftotext(pdf, tmp_path, page=2)
    assert "25.0 out of 100" in summary
    assert "3 of 3 applicable questions answered (100%)" in summary
    assert "Is there a safe waiting space? (Safety; Not met, safety, quick win)" in summary


def test_the_plan_lists_actions_in_gap_order_with_owner_due_date_and_status(pdf: bytes, tmp_path: Path):
    plan = pdftotext(pdf, tmp_path, page=3)
    assert plan.index("Open a women-only room.") < plan.index("Put up a poster.")
    for expected in ("Łucja", "1 June 2026", "Planned"):
        assert expected in plan


def test_the_answers_show_notes_na_reasons_and_profile_exclusions(pdf: bytes, tmp_path: Path):
    text = pdftotext(pdf, tmp_path)
    assert "Not applicable because: We do not do this." in text
    assert "Left out by the service profile: 'Do you run groups?' was answered 'No'." in text


def test_the_sources_are_listed_with_their_urls(pdf: bytes, tmp_path: Path):
    assert "A source. Someone, 2021.\nhttps://example.org/" in pdftotext(pdf, tmp_path)


def test_the_same_input_and_creation_date_give_the_same_bytes(pdf: bytes):
    assert build() == pdf


def test_a_character_no_font_has_is_shown_as_a_replacement_and_logged(tmp_path: Path, caplog):
    assessment = an_assessment(service=Service(name="Done ✅ here", organisation="Org"))
    with caplog.at_level(logging.WARNING, logger="checklist.render.fonts"):
        text = pdftotext(build(assessment), tmp_path)
    assert f"Done {REPLACEMENT} here" in text
    assert {r.getMessage() for r in caplog.records} == {f"No font can draw U+2705; shown as {REPLACEMENT} in the PDF"}


def test_a_very_long_line_without_spaces_wraps_and_is_all_there(tmp_path: Path):
    long_note = "ẅ" * 10_000
    assessment = an_assessment()
    assessment = assessment.with_answer("a1", Answer(answer=AnswerValue.PARTLY, note=long_note))
    assessment = assessment.model_copy(
        update={"actions": [PlannedAction(question_id="a1", text="ŷ" * 10_000, owner="o" * 500)]}
    )
    text = pdftotext(build(assessment), tmp_path)
    assert text.count("ẅ") == 10_000
    # In full after the plan table, cut to 899 and an ellipsis in it, and once in the test bank's Welsh sample.
    assert text.count("ŷ") == 10_000 + 899 + 1


def test_the_plan_table_repeats_its_headings_on_every_page(tmp_path: Path):
    actions = [PlannedAction(question_id="a1", text=f"Action number {i} " * 6, owner="Ana") for i in range(60)]
    pdf = build(an_assessment(actions=actions))
    pages = [pdftotext(pdf, tmp_path, page=n) for n in range(1, len(PdfReader(io.BytesIO(pdf)).pages) + 1)]
    with_actions = [p for p in pages if "Action number" in p]
    assert len(with_actions) >= 3
    assert all("Owner" in p and "Status" in p for p in with_actions)


def test_a_character_only_the_fallback_font_has_is_drawn_not_replaced(tmp_path: Path):
    assessment = an_assessment(service=Service(name="Checked ✓ → next", organisation="Org"))
    assert "Checked ✓ → next" in pdftotext(build(assessment), tmp_path)


def test_a_single_gap_is_headed_in_the_singular(tmp_path: Path):
    one_gap = an_assessment(answers=make_assessment(BANK, {"s1": "not_met", "s2": "met", "a1": "met"}).answers)
    text = pdftotext(build(one_gap), tmp_path)
    assert "The most important gap" in text
    assert "The 1 most important gaps" not in text


def test_a_draft_says_so_on_the_cover_and_beside_the_overall_score(tmp_path: Path):
    """One of the three applicable questions answered (33%) is below the 80% draft line."""
    draft = an_assessment(answers=make_assessment(BANK, {"s1": "not_met"}).answers)
    cover = pdftotext(build(draft), tmp_path, page=1)
    summary = pdftotext(build(draft), tmp_path, page=2)
    assert "Draft: 1 of 3 questions answered: the scores are not yet a result." in cover
    assert "0.0 out of 100 (Draft: 1 of 3 questions answered)" in summary


def test_a_finished_assessment_carries_no_draft_mark(pdf: bytes, tmp_path: Path):
    cover_and_summary = pdftotext(pdf, tmp_path, page=1) + pdftotext(pdf, tmp_path, page=2)
    assert "Draft:" not in cover_and_summary


def test_a_drafts_theme_scores_are_marked_as_draft_in_the_answers_by_theme(tmp_path: Path):
    draft = make_assessment(
        BANK,
        {"s1": "not_met"},
        service=Service(name="Riverside", organisation="Riverside Trust", profile={"groups": "no"}),
        assessed_on=date(2026, 1, 5),
    )
    text = pdftotext(build(draft), tmp_path)
    assert "Score 0.0 out of 100 (draft); 1 of" in text
