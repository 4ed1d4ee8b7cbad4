"""The survey store: rounds of the women's survey and the answers given in them.

Same database as the assessments; its tables come from migration 0003. Nothing here records who
answered, from where or on what device, and a comment removed by staff is deleted, not hidden.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime

from pydantic import ValidationError
from sqlalchemy import insert, select, update

from checklist.domain.bank import Survey
from checklist.domain.survey import SurveyResponse, SurveyRound, SurveySummary, new_round_id, summarise
from checklist.storage.database import KeyClash, KeyNotComparable, StoreError
from checklist.storage.migrations import MigratedStore
from checklist.storage.survey_schema import survey_responses, survey_rounds, version_0003

UNREADABLE = "a saved survey round cannot be read; it may have been changed by hand"


@dataclass(frozen=True)
class Comment:
    response_id: int
    received_on: date
    text: str


class SurveyStore(MigratedStore):
    metadata = version_0003

    def open_round(self, survey_round: SurveyRound) -> SurveyRound:
        for _ in range(5):
            try:
                with self._writing() as conn:
                    conn.execute(insert(survey_rounds).values(**_row(survey_round), created_at=datetime.now(UTC)))
                return survey_round
            except KeyClash:  # a link already in use: astronomically unlikely, but never share one
                survey_round = survey_round.model_copy(update={"id": new_round_id()})
        raise StoreError("could not make a new survey link; try again")

    def save_round(self, survey_round: SurveyRound) -> SurveyRound:
        """Change a round's dates, introduction or threshold, or close it early."""
        with self._writing() as conn:
            changed = conn.execute(
                update(survey_rounds)
                .where(survey_rounds.c.id == survey_round.id)
                .values(document=survey_round.model_dump_json())
            ).rowcount
        if changed != 1:
            raise StoreError("this survey round no longer exists")
        return survey_round

    def round(self, round_id: str) -> SurveyRound | None:
        """The round with this link, or None (an unknown or mistyped link)."""
        if not round_id or len(round_id) > 64:
            return None
        try:
            with self._reading() as conn:
                document = conn.scalar(select(survey_rounds.c.document).where(survey_rounds.c.id == round_id))
        except KeyNotComparable:
            return None
        return None if document is None else _round(document)

    def rounds_for(self, assessment_id: str) -> list[SurveyRound]:
        """The assessment's rounds, newest first."""
        with self._reading() as conn:
            documents = conn.scalars(
                select(survey_rounds.c.document)
                .where(survey_rounds.c.assessment_id == assessment_id)
                .order_by(survey_rounds.c.created_at.desc())
            ).all()
        return [_round(d) for d in documents]

    def add_response(self, round_id: str, response: SurveyResponse) -> None:
        with self._writing() as conn:
            conn.execute(
                insert(survey_responses).values(
                    round_id=round_id,
                    received_on=response.received_on,
                    document=response.model_dump_json(),
                    comment_removed=False,
                )
            )

    def responses(self, round_id: str) -> list[SurveyResponse]:
        with self._reading() as conn:
            documents = conn.scalars(
                select(survey_responses.c.document)
                .where(survey_responses.c.round_id == round_id)
                .order_by(survey_responses.c.id)
            ).all()
        return [SurveyResponse.model_validate_json(d) for d in documents]

    def comments(self, round_id: str) -> list[Comment]:
        """The comments still kept, oldest first: for the service's own staff only."""
        with self._reading() as conn:
            rows = conn.execute(
                select(survey_responses.c.id, survey_responses.c.document)
                .where(survey_responses.c.round_id == round_id, survey_responses.c.comment_removed.is_(False))
                .order_by(survey_responses.c.id)
            ).all()
        found = [(row.id, SurveyResponse.model_validate_json(row.document)) for row in rows]
        return [Comment(i, r.received_on, r.comment) for i, r in found if r.comment]

    def remove_comment(self, round_id: str, response_id: int) -> None:
        """Delete one comment for good; the woman's other answers stay counted."""
        with self._reading() as conn:
            document = conn.scalar(
                select(survey_responses.c.document).where(
                    survey_responses.c.id == response_id, survey_responses.c.round_id == round_id
                )
            )
        if document is None:
            raise StoreError("that comment is no longer there")
        kept = SurveyResponse.model_validate_json(document).model_copy(update={"comment": None})
        with self._writing() as conn:
            conn.execute(
                update(survey_responses)
                .where(survey_responses.c.id == response_id)
                .values(document=kept.model_dump_json(), comment_removed=True)
            )

    def summary(self, survey_round: SurveyRound, survey: Survey) -> SurveySummary:
        return summarise(survey, self.responses(survey_round.id), threshold=survey_round.threshold)


def _row(survey_round: SurveyRound) -> dict[str, object]:
    return {
        "id": survey_round.id,
        "assessment_id": survey_round.assessment_id,
        "document": survey_round.model_dump_json(),
    }


def _round(document: str) -> SurveyRound:
    try:
        return SurveyRound.model_validate_json(document)
    except ValidationError:
        raise StoreError(UNREADABLE) from None
