"""The survey poster: one A4 page with the link and its QR code, for a waiting room or a keyworker's desk.

It says what the survey is in words that are safe to see on a wall: nothing about abuse or danger.
"""

from __future__ import annotations

import io
from datetime import UTC, date, datetime

from checklist.domain.survey import SurveyRound
from checklist.domain.wording import long_date
from checklist.render.pdf_layout import PlanDocument, metadata
from checklist.render.qr import qr_png

QR_SIZE_MM = 110


def build_survey_poster(
    survey_round: SurveyRound, link: str, *, service: str, tool_version: str, creation_date: datetime | None = None
) -> bytes:
    pdf = PlanDocument()
    metadata(
        pdf,
        title="Tell us about your visits",
        author="checklist",
        subject=f"Survey poster for {service}" if service else "Survey poster",
        creator=f"checklist {tool_version}",
        producer=f"checklist {tool_version}",
        creation_date=creation_date or datetime.now(UTC),
    )
    pdf.add_page()
    pdf.heading("Tell us about your visits", 0)
    if service:
        pdf.para(service)
    pdf.para(
        "A few short questions for the women who use this service, about what it has been like for you. "
        "It takes about three minutes on your phone.",
        gap=3,
    )
    pdf.image(io.BytesIO(qr_png(link, scale=10)), x=(pdf.w - QR_SIZE_MM) / 2, w=QR_SIZE_MM, h=QR_SIZE_MM)
    pdf.ln(4)
    pdf.para(f"Or type this address: {link}", gap=3)
    pdf.bullets(_promises(survey_round.closes_on, survey_round.threshold))
    return bytes(pdf.output())


def _promises(closes_on: date, threshold: int) -> list[str]:
    return [
        "You do not give your name, and the service keeps no record of who answered or from which phone.",
        f"Staff see only totals, and nothing for a question until at least {threshold} women have answered it.",
        "You can skip any question. The Leave now button takes you off the page straight away, "
        "and the back button does not bring it back.",
        f"Open until {long_date(closes_on)}.",
    ]
