"""The PDF action plan and its attachment agree: the pages carry the attachment's hash, and a swap is refused."""

from __future__ import annotations

import hashlib
import io
from datetime import UTC, date, datetime

import pytest
from pypdf import PdfReader, PdfWriter

from checklist.domain.assessment import Service
from checklist.domain.errors import AssessmentFileError
from checklist.domain.loading import load_assessment
from checklist.domain.scoring import score_assessment
from checklist.render.pdf import build_action_plan_pdf
from tests.builders import make_assessment, make_bank

BANK = make_bank()
CREATED = datetime(2025, 3, 1, tzinfo=UTC)

# The PDF needs a service name, an organisation and a date.
READY = Service(name="Test service", organisation="Test provider")


def plan_pdf(answer: str = "met") -> bytes:
    assessment = make_assessment(BANK, {"a1": answer}, service=READY, assessed_on=date(2026, 1, 5))
    return build_action_plan_pdf(
        BANK, assessment, score_assessment(BANK, assessment), tool_version="test", creation_date=CREATED
    )


def attachment(pdf: bytes) -> bytes:
    return PdfReader(io.BytesIO(pdf)).attachments["assessment.json"][0]


def with_attachment_swapped(pdf: bytes, other: bytes) -> bytes:
    writer = PdfWriter(clone_from=io.BytesIO(pdf))
    names = writer._root_object["/Names"]["/EmbeddedFiles"]["/Names"]  # the only way pypdf can drop one
    del names[:]
    writer.add_attachment("assessment.json", other)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_the_subject_carries_the_full_hash_and_every_footer_its_first_twelve_characters() -> None:
    pdf = plan_pdf()
    digest = hashlib.sha256(attachment(pdf)).hexdigest()
    reader = PdfReader(io.BytesIO(pdf))

    assert reader.metadata is not None
    assert reader.metadata.subject.endswith(f"; assessment.json SHA-256 {digest}")
    assert all(f"Attached answers: SHA-256 {digest[:12]}" in page.extract_text() for page in reader.pages)


def test_a_pdf_made_by_the_tool_still_loads() -> None:
    assert load_assessment(plan_pdf(), "plan.pdf", BANK).assessment.answers["a1"].answer.value == "met"


def test_a_pdf_whose_attachment_was_swapped_is_refused() -> None:
    other = attachment(plan_pdf("not_met"))
    swapped = with_attachment_swapped(plan_pdf("met"), other)

    with pytest.raises(AssessmentFileError) as refused:
        load_assessment(swapped, "plan.pdf", BANK)

    assert refused.value.problems == [
        "the assessment attached to this PDF is not the one its pages were made from "
        "(the fingerprints differ): the attachment may have been swapped, so neither can be trusted"
    ]
