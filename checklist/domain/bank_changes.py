"""What changed in a version of the question bank, read from the bank's own data.

A service re-assessing against a newer bank needs to know which questions are
new, which changed meaning (their old answers are not compared like for like)
and which were retired. The bank records this itself (`added_in`,
`changed_in`, `retired`), so this list can never disagree with the scoring.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

from checklist.domain.bank import QuestionBank


class _Result(BaseModel):
    model_config = ConfigDict(frozen=True)


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

    @property
    def empty(self) -> bool:
        return not (self.added or self.changed or self.retired)


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
    return BankChanges(version=version, added=added, changed=changed, retired=retired)
