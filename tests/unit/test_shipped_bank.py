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


# Document-scraping sites that re-host other people's reports: a source must point to its publisher.
MIRROR_HOSTS = (
    "yumpu",
    "scribd",
    "issuu",
    "docplayer",
    "pdf4pro",
    "studylib",
    "documents.pub",
    "fliphtml5",
    "dokumen.pub",
    "silo.tips",
    "manualzz",
    "readkong",
    "docslib",
    "pdffox",
    "healthdocbox",
    "doczz",
    "vdocuments",
    "pdfslide",
    "moam.info",
    "docest",
    "studyres",
)


def test_no_source_points_to_a_document_scraping_mirror(shipped_bank: QuestionBank) -> None:
    mirrored = [s.id for s in shipped_bank.sources if any(m in s.url.split("/")[2] for m in MIRROR_HOSTS)]
    assert mirrored == []


def test_every_source_says_where_it_applies_and_what_kind_of_document_it_is(shipped_bank: QuestionBank) -> None:
    assert [s.id for s in shipped_bank.sources if s.jurisdiction is None or not s.kinds] == []


def test_every_question_says_what_kind_of_evidence_it_rests_on(shipped_bank: QuestionBank) -> None:
    assert [q.id for _, q in shipped_bank.questions() if not q.evidence] == []


def test_the_shipped_bank_is_version_1_2_0_with_76_questions_and_41_sources(shipped_bank: QuestionBank) -> None:
    assert (shipped_bank.version, shipped_bank.question_count, len(shipped_bank.sources)) == ("1.2.0", 76, 41)


def test_the_split_older_womens_question_is_retired_and_never_reused(shipped_bank: QuestionBank) -> None:
    assert [(r.id, r.retired_in) for r in shipped_bank.retired] == [("reach-older-women", "1.1.0")]
    assert shipped_bank.question("reach-older-women") is None


def test_the_questions_for_lgbtq_and_older_women_are_weight_2(shipped_bank: QuestionBank) -> None:
    weights = {
        qid: q.weight
        for qid in ("reach-lgbtq", "reach-older-women-menopause", "reach-older-women-medicines")
        if (q := shipped_bank.question(qid))
    }
    assert weights == {"reach-lgbtq": 2, "reach-older-women-menopause": 2, "reach-older-women-medicines": 2}


def test_the_perpetrator_question_does_not_assume_the_abuser_is_a_man(shipped_bank: QuestionBank) -> None:
    question = shipped_bank.question("abuse-perpetrator-response")
    assert question is not None
    assert "men in your service" not in question.text
    assert "anyone in your service who discloses abusing a partner" in " ".join(question.text.split())


def test_selling_sex_is_named_in_one_wording_throughout(shipped_bank: QuestionBank) -> None:
    """'Sex work', 'sex worker' and 'sex trade' appear only in source titles, never in the bank's own text."""
    words = []
    for t in shipped_bank.themes:
        words += [t.summary, *(e.text for e in t.evidence)]
        for q in t.questions:
            words += [q.text, q.why, q.good_looks_like, *(a.text for a in q.actions)]
    text = " ".join(" ".join(words).split()).lower()
    assert [w for w in ("sex work", "sex-work", "sex trade", "sex-worker") if w in text] == []
    assert "sell or exchange sex" in text


NEW_TOPICS = {
    "links-housing": "no recourse to public funds",
    "parents-contraception": "contraception",
    "safety-testing-examinations": "chaperone",
    "access-digital-safety": "phone",
    "women-only-access-policy": "who may use each women-only",
    "reach-harm-reduction": "naloxone",
    "reach-young-women": "young people's service",
    "access-keyworker-continuity": "keyworker",
    "abuse-stalking-honour": "forced marriage",
}


def test_each_topic_the_review_found_missing_has_a_question_added_in_1_1_0(shipped_bank: QuestionBank) -> None:
    found = {}
    for qid, phrase in NEW_TOPICS.items():
        q = shipped_bank.question(qid)
        found[qid] = (q is not None and phrase in " ".join(q.text.split()), q.added_in if q else None)
    assert found == dict.fromkeys(NEW_TOPICS, (True, "1.1.0"))


def test_the_lawful_policy_question_cites_the_equality_act_single_sex_exceptions(shipped_bank: QuestionBank) -> None:
    question = shipped_bank.question("women-only-access-policy")
    source = shipped_bank.source("equality-act-sch3")
    assert question is not None
    assert source is not None
    assert "equality-act-sch3" in question.sources
    assert source.url == "https://www.legislation.gov.uk/ukpga/2010/15/schedule/3/part/7"
    assert "Schedule 3, Part 7" in question.why


def test_each_questions_evidence_is_what_its_cited_sources_are(shipped_bank: QuestionBank) -> None:
    """The evidence kinds are set from the sources, not claimed on top of them."""
    drift = {}
    for _, q in shipped_bank.questions():
        kinds = {k for s in q.sources if (source := shipped_bank.source(s)) for k in source.kinds}
        if set(q.evidence) != kinds:
            drift[q.id] = (sorted(q.evidence), sorted(kinds))
    assert drift == {}


# Words a woman would not want on her screen if someone else picked up her phone.
UNSAFE_ON_SCREEN = ("abuse", "abuser", "violence", "violent", "partner", "rape", "danger", "attack", "hurt")


def test_the_shipped_bank_has_a_survey_of_13_questions_each_checking_a_checklist_question(
    shipped_bank: QuestionBank,
) -> None:
    survey = shipped_bank.survey
    assert survey is not None
    assert (survey.version, len(survey.questions)) == ("1.0.0", 13)
    assert [q.id for q in survey.questions if not all(shipped_bank.question(c) for c in q.checks)] == []


def test_survey_questions_are_short_and_name_no_danger_outright(shipped_bank: QuestionBank) -> None:
    assert shipped_bank.survey is not None
    texts = [q.text for q in shipped_bank.survey.questions] + [shipped_bank.survey.overall, shipped_bank.survey.comment]
    too_long = [t for t in texts if len(t.split()) > 20]
    unsafe = [t for t in texts if any(word in t.lower().split() for word in UNSAFE_ON_SCREEN)]
    assert (too_long, unsafe) == ([], [])


def test_every_survey_question_cites_a_source_that_its_checklist_questions_also_cite(
    shipped_bank: QuestionBank,
) -> None:
    def shared(survey_question_id: str, checks: tuple[str, ...], sources: tuple[str, ...]) -> bool:
        cited = {s for c in checks if (q := shipped_bank.question(c)) for s in q.sources}
        return bool(set(sources) & cited)

    assert shipped_bank.survey is not None
    unbacked = [q.id for q in shipped_bank.survey.questions if not shared(q.id, q.checks, q.sources)]
    assert unbacked == []
