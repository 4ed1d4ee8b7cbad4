"""The shipped bank (recommendations.yaml): its content meets the promises the product makes."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from checklist.domain.bank import Cost, Question, QuestionBank


def questions_matching(bank: QuestionBank, test: Callable[[str], bool]) -> list[Question]:
    return [q for _, q in bank.questions() if test(q.text.lower())]


def test_the_shipped_bank_has_at_least_nine_themes(shipped_bank: QuestionBank) -> None:
    assert len(shipped_bank.themes) >= 9


def test_the_shipped_bank_has_at_least_forty_five_questions(shipped_bank: QuestionBank) -> None:
    assert shipped_bank.question_count >= 45


def test_every_question_cites_at_least_one_source_that_exists(shipped_bank: QuestionBank) -> None:
    def resolves(question: Question) -> bool:
        return bool(question.sources) and all(shipped_bank.source(s) for s in question.sources)

    assert [q.id for _, q in shipped_bank.questions() if not resolves(q)] == []


def test_every_question_has_at_least_one_suggested_action(shipped_bank: QuestionBank) -> None:
    assert [q.id for _, q in shipped_bank.questions() if not q.actions] == []


def test_every_source_is_cited_by_a_question_or_a_theme(shipped_bank: QuestionBank) -> None:
    cited = {s for _, q in shipped_bank.questions() for s in q.sources}
    cited |= {s for t in shipped_bank.themes for e in t.evidence for s in e.sources}
    assert sorted({s.id for s in shipped_bank.sources} - cited) == []


def test_women_only_sessions_or_groups_are_asked_about_as_a_cheap_step(shipped_bank: QuestionBank) -> None:
    found = questions_matching(shipped_bank, lambda t: "women-only" in t and ("session" in t or "group" in t))
    assert found
    assert any(q.cost in (Cost.NONE, Cost.LOW) for q in found)


def test_a_safe_or_separate_waiting_space_is_asked_about_as_a_cheap_step(shipped_bank: QuestionBank) -> None:
    found = questions_matching(shipped_bank, lambda t: "waiting" in t and ("safe" in t or "separate" in t))
    assert found
    assert any(q.cost in (Cost.NONE, Cost.LOW) for q in found)


def test_checking_whether_a_former_partner_or_abuser_attends_the_same_times_is_a_cheap_step(
    shipped_bank: QuestionBank,
) -> None:
    found = questions_matching(
        shipped_bank,
        lambda t: ("former partner" in t or "abuser" in t) and ("group" in t or "appointment" in t),
    )
    assert found
    assert any(q.cost in (Cost.NONE, Cost.LOW) for q in found)


@pytest.mark.parametrize("profile_id", ["setting", "groups", "prescribing", "parents"])
def test_the_profile_asks_about(shipped_bank: QuestionBank, profile_id: str) -> None:
    assert shipped_bank.profile_question(profile_id) is not None


def test_the_setting_profile_question_offers_community_residential_and_outreach(shipped_bank: QuestionBank) -> None:
    setting = shipped_bank.profile_question("setting")
    assert setting is not None
    assert {"community", "residential", "outreach"} <= {o.id for o in setting.options}


def test_some_questions_apply_only_to_some_services(shipped_bank: QuestionBank) -> None:
    conditioned = {field for _, q in shipped_bank.questions() for field in q.applies_if}
    assert {"setting", "groups", "prescribing", "parents"} <= conditioned


def test_every_theme_has_evidence_with_sources_that_exist(shipped_bank: QuestionBank) -> None:
    for theme in shipped_bank.themes:
        assert theme.evidence, theme.id
        for evidence in theme.evidence:
            assert evidence.sources, theme.id
            assert all(shipped_bank.source(s) for s in evidence.sources), theme.id


def test_every_theme_has_one_or_two_discussion_prompts(shipped_bank: QuestionBank) -> None:
    assert {t.id: len(t.prompts) for t in shipped_bank.themes if not 1 <= len(t.prompts) <= 2} == {}


def test_the_with_you_2021_report_is_a_source(shipped_bank: QuestionBank) -> None:
    titles = [s.title for s in shipped_bank.sources]
    assert any("A system designed for women?" in t for t in titles)


def test_every_question_says_why_and_what_good_looks_like(shipped_bank: QuestionBank) -> None:
    thin = [q.id for _, q in shipped_bank.questions() if len(q.why) < 30 or len(q.good_looks_like) < 30]
    assert thin == []


def test_there_are_safety_questions_and_quick_wins_to_rank(shipped_bank: QuestionBank) -> None:
    questions = [q for _, q in shipped_bank.questions()]
    assert any(q.safety for q in questions)
    assert any(q.cost in (Cost.NONE, Cost.LOW) and q.weight >= 2 for q in questions)
