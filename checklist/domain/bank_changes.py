"""What changed in a version of the question bank, read from the bank's own data.

A service re-assessing against a newer bank needs to know which questions are
new, which changed meaning (their old answers are not compared like for like)
and which were retired. The bank records this itself (`added_in`,
`changed_in`, `retired`), so this list can never disagree with the scoring.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

from checklist.domain.bank import QuestionBank, version_key


class _Result(BaseModel):
    model_config = ConfigDict(frozen=True, defer_build=True)


class ChangedQuestion(_Result):
    question_id: str
    theme: str
    text: str
    note: str


class RetiredId(_Result):
    question_id: str
    reason: str


class BankChanges(_Result):
    version: str
    added: tuple[ChangedQuestion, ...]
    changed: tuple[ChangedQuestion, ...]
    retired: tuple[RetiredId, ...]
    # How many survey questions this version added, when it is the one that added the survey.
    survey_added: int = 0

    @property
    def empty(self) -> bool:
        return not (self.added or self.changed or self.retired or self.survey_added)


def changes_in(bank: QuestionBank, version: str | None = None) -> BankChanges:
    """The questions added, changed and retired in `version` (the bank's own version by default)."""
    version = version or bank.version

    def entry(theme: str, question_id: str, text: str, note: str | None) -> ChangedQuestion:
        return ChangedQuestion(question_id=question_id, theme=theme, text=text, note=note or "")

    added = tuple(entry(t.title, q.id, q.text, q.change_note) for t, q in bank.questions() if q.added_in == version)
    # A question added in this version is listed once, as new, even if it also says changed_in.
    changed = tuple(
        entry(t.title, q.id, q.text, q.change_note)
        for t, q in bank.questions()
        if q.changed_in == version and q.added_in != version
    )
    retired = tuple(RetiredId(question_id=r.id, reason=r.reason) for r in bank.retired if r.retired_in == version)
    survey = bank.survey
    survey_added = len(survey.questions) if survey is not None and survey.added_in == version else 0
    return BankChanges(version=version, added=added, changed=changed, retired=retired, survey_added=survey_added)


def versions_with_changes(bank: QuestionBank) -> list[str]:
    """Every bank version that the bank records a change for, newest first."""
    found = {q.added_in for _, q in bank.questions()} | {q.changed_in for _, q in bank.questions()}
    found |= {r.retired_in for r in bank.retired}
    if bank.survey is not None:
        found.add(bank.survey.added_in)
    return sorted((v for v in found if v), key=version_key, reverse=True)
