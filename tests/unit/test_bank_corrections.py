"""The evidence review's corrections (section 7, items 1 to 6) stay made.

Each test reads the shipped bank's own text and fails if the wording the review
found wrong comes back. The expected phrases are written out by hand.
"""

from __future__ import annotations

from pathlib import Path

from checklist.domain.bank import QuestionBank, Theme


def theme(bank: QuestionBank, theme_id: str) -> Theme:
    found = next((t for t in bank.themes if t.id == theme_id), None)
    assert found is not None, theme_id
    return found


def why(bank: QuestionBank, question_id: str) -> str:
    question = bank.question(question_id)
    assert question is not None, question_id
    return question.why


def every_text(bank: QuestionBank) -> str:
    """All the words a user reads: description, summaries, evidence and every question field."""
    parts = [bank.description]
    for t in bank.themes:
        parts += [t.summary, *(e.text for e in t.evidence), *t.prompts]
        for q in t.questions:
            parts += [q.text, q.why, q.good_looks_like, *(a.text for a in q.actions)]
    return " ".join(" ".join(parts).split())


# 1. The eight-times figure leads with Hidden Hurt's framing.


def test_the_abuse_summary_leads_with_hidden_hurts_own_finding(shipped_bank: QuestionBank) -> None:
    summary = theme(shipped_bank, "abuse").summary
    assert summary.startswith("Agenda's Hidden Hurt research (England, 2016) found that women with the most extensive")
    assert summary.index("eight times") < summary.index("With You")


def test_the_eight_times_figure_is_never_put_as_domestic_abuse_against_none(shipped_bank: QuestionBank) -> None:
    text = every_text(shipped_bank)
    assert "who have experienced domestic abuse are eight times" not in text
    assert "With You reports that women" not in text


# 2. "Predatory males" came from women, "a hunting ground" from one treatment worker.


def test_predatory_males_is_the_womens_phrase_and_hunting_ground_one_workers(shipped_bank: QuestionBank) -> None:
    safety = theme(shipped_bank, "safety")
    for text in (safety.summary, safety.evidence[1].text):
        assert 'said they felt vulnerable to "predatory males"' in text
        assert 'one treatment worker likened mixed groups to "a hunting ground"' in text
    assert 'women said they felt vulnerable to "predatory males"' in why(shipped_bank, "safety-conduct-code")
    assert 'one treatment worker likened mixed groups to "a hunting ground"' in why(
        shipped_bank, "safety-exploitation-referral"
    )


def test_no_text_says_practitioners_called_services_a_hunting_ground(shipped_bank: QuestionBank) -> None:
    text = every_text(shipped_bank)
    assert "Practitioners described" not in text
    assert "practitioners calling some services" not in text
    assert "predatory men targeting women" not in text


# 3. The 2023 report and the 2025 article are one West Midlands study.


def test_the_journal_article_is_not_presented_as_a_second_study(shipped_bank: QuestionBank) -> None:
    text = every_text(shipped_bank)
    assert "Staffordshire study" not in text
    assert "in a 2025 study" not in text
    assert "journal article by University of Staffordshire researchers, 2025" in why(
        shipped_bank, "women-only-mixed-optional"
    )


# 4. Real titles, publishers' own pages.


def test_the_drugscope_report_has_its_real_title(shipped_bank: QuestionBank) -> None:
    source = shipped_bank.source("drugscope-ava-2013")
    assert source is not None
    assert source.title == (
        "The Challenge of Change: Improving services for women involved in prostitution and substance use"
    )
    assert source.url.startswith("https://www.basw.co.uk/")


def test_the_mirrored_reports_now_point_to_their_publishers(shipped_bank: QuestionBank) -> None:
    hosts = {}
    for source_id in ("hidden-hurt", "ava-complicated", "mapping-maze", "stella-2007"):
        source = shipped_bank.source(source_id)
        assert source is not None
        hosts[source_id] = source.url.split("/")[2]
    assert hosts == {
        "hidden-hurt": "lankellychase.org.uk",
        "ava-complicated": "www.avaproject.org.uk",
        "mapping-maze": "agendaalliance.org",
        "stella-2007": "www.avaproject.org.uk",
    }


def test_the_dash_checklist_is_cited_to_safelives(shipped_bank: QuestionBank) -> None:
    source = shipped_bank.source("safelives-dash")
    assert source is not None
    assert (source.publisher, source.url.split("/")[2]) == ("SafeLives", "safelives.org.uk")


def test_the_cji_briefing_no_longer_has_a_made_up_descriptive_title(shipped_bank: QuestionBank) -> None:
    source = shipped_bank.source("cji-principles")
    assert source is not None
    assert (
        source.title
        != "Centre for Justice Innovation principles for commissioning women's treatment (DDN, April 2024, p.16)"
    )
    assert "All-Party Parliamentary Group" in source.title


# 5. Mapping the Maze: all five needs.


def test_mapping_the_maze_is_quoted_as_all_five_needs(shipped_bank: QuestionBank) -> None:
    five = "all five of substance use, mental health, homelessness, offending and complex needs"
    assert five in " ".join(theme(shipped_bank, "links").summary.split())
    assert five in " ".join(why(shipped_bank, "links-womens-centre").split())
    text = every_text(shipped_bank)
    assert "covering all of these needs" not in text
    assert "covering substance use alongside other needs" not in text


# 6. The bank's own reasoning is not put in With You's mouth.


def test_the_waiting_space_reason_is_not_attributed_to_with_you(shipped_bank: QuestionBank) -> None:
    text = why(shipped_bank, "welcome-separate-waiting")
    assert "one of the simplest ways" not in text
    assert text.startswith("With You heard that services dominated by men were often intimidating")
    assert "Separately, the Womanifesto" in text


def test_the_senior_owner_point_is_the_tools_own_view(shipped_bank: QuestionBank) -> None:
    text = why(shipped_bank, "voice-plan-owner")
    assert "happen only if someone senior owns them" not in text
    assert "This tool's own view" in text
    assert "could improve women's engagement" in text


def test_with_you_is_quoted_with_its_own_hedges(shipped_bank: QuestionBank) -> None:
    description = " ".join(shipped_bank.description.split())
    assert "many helpful changes need little funding" not in description
    assert "practical steps needing little funding that could improve women's engagement" in description
    assert "With You argues that women are held back by a system that often lacks" in " ".join(
        why(shipped_bank, "access-missed-appointments").split()
    )
    remote = shipped_bank.question("access-remote")
    assert remote is not None
    assert "ddn-peters" in remote.sources


def test_the_readme_no_longer_says_with_you_found_that_women_only_groups_help() -> None:
    readme = " ".join((Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8").split())
    assert "women-only groups help" not in readme
    assert "a woman quoted by With You credited women's groups with rebuilding her confidence" in readme
