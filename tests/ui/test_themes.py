"""Themes: answers saved at once, N/A needs a reason, progress, navigation, and safe saving."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from streamlit.testing.v1 import AppTest

from checklist.domain.assessment import Answer, AnswerValue
from checklist.storage import AssessmentStore, StoreUnavailable
from checklist.storage.store import UNAVAILABLE
from checklist.ui.forms import NA_NEEDS_REASON
from tests.ui.conftest import go, started


@pytest.fixture
def themes(new_app: Callable[..., AppTest]) -> AppTest:
    return go(started(new_app), "themes")


def saved_answers(store: AssessmentStore, at: AppTest) -> dict[str, AnswerValue]:
    stored = store.get(at.query_params["a"])
    assert stored is not None
    return {qid: a.answer for qid, a in stored.assessment.answers.items()}


def test_an_answer_is_saved_as_soon_as_it_is_chosen(themes: AppTest, store: AssessmentStore) -> None:
    themes.radio(key="answer-a1").set_value("partly").run()

    assert saved_answers(store, themes) == {"a1": AnswerValue.PARTLY}


def test_a_note_is_saved_with_its_answer(themes: AppTest, store: AssessmentStore) -> None:
    themes.radio(key="answer-a1").set_value("met").run()
    themes.text_area(key="note-a1").input("Policy 4.2, signed off in May").run()

    stored = store.get(themes.query_params["a"])
    assert stored is not None
    assert stored.assessment.answers["a1"].note == "Policy 4.2, signed off in May"


def test_not_applicable_is_not_saved_until_a_reason_is_given(themes: AppTest, store: AssessmentStore) -> None:
    themes.radio(key="answer-a1").set_value("na").run()

    assert saved_answers(store, themes) == {}
    assert NA_NEEDS_REASON in [w.value for w in themes.warning]


def test_not_applicable_is_saved_once_a_reason_is_given(themes: AppTest, store: AssessmentStore) -> None:
    themes.radio(key="answer-a1").set_value("na").run()
    themes.text_area(key="na-reason-a1").input("We are a residential service.").run()

    assert saved_answers(store, themes) == {"a1": AnswerValue.NA}
    assert not themes.warning


def test_a_reason_of_zero_width_characters_does_not_save_not_applicable(
    themes: AppTest, store: AssessmentStore
) -> None:
    themes.radio(key="answer-a1").set_value("na").run()
    themes.text_area(key="na-reason-a1").input("\u200b\u200d\u2060").run()

    assert saved_answers(store, themes) == {}
    assert NA_NEEDS_REASON in [w.value for w in themes.warning]


def test_progress_counts_answered_of_applicable_overall_and_per_theme(themes: AppTest) -> None:
    themes.radio(key="answer-a1").set_value("met").run()
    themes.radio(key="answer-a2").set_value("unknown").run()

    labels = themes.selectbox(key="theme-picker").options
    assert labels == ["1. Alpha (2/2 answered)", "2. Beta (0/2 answered)"]
    assert themes.get("progress")[0].proto.text == "Answered 2 of 4 questions that apply"


def test_next_and_previous_move_between_themes_and_the_url_follows(themes: AppTest) -> None:
    themes.button(key="next-theme").click().run()
    after_next = (themes.selectbox(key="theme-picker").value, themes.query_params["t"], [r.key for r in themes.radio])
    themes.button(key="previous-theme").click().run()

    assert after_next == ("beta", "beta", ["answer-b1", "answer-b2"])
    assert themes.selectbox(key="theme-picker").value == "alpha"


def test_the_theme_picker_jumps_to_a_theme(themes: AppTest) -> None:
    themes.selectbox(key="theme-picker").select("beta").run()

    assert [r.key for r in themes.radio] == ["answer-b1", "answer-b2"]


def test_answers_are_still_shown_after_visiting_another_theme(themes: AppTest) -> None:
    themes.radio(key="answer-a1").set_value("not_met").run()
    themes.button(key="next-theme").click().run()
    themes.button(key="previous-theme").click().run()

    assert themes.radio(key="answer-a1").value == "not_met"


def test_a_colleagues_answer_to_another_question_does_not_reject_yours(
    themes: AppTest, new_app: Callable[..., AppTest], store: AssessmentStore
) -> None:
    colleague = go(new_app(a=themes.query_params["a"]), "themes")
    colleague.button(key="next-theme").click().run()
    colleague.radio(key="answer-b1").set_value("met").run()

    themes.radio(key="answer-a1").set_value("not_met").run()

    assert saved_answers(store, themes) == {"a1": AnswerValue.NOT_MET, "b1": AnswerValue.MET}
    assert list(themes.error) == []


def test_a_change_to_the_same_question_another_tab_changed_is_refused_and_kept_on_screen(
    themes: AppTest, new_app: Callable[..., AppTest], store: AssessmentStore
) -> None:
    other_tab = go(new_app(a=themes.query_params["a"]), "themes")
    other_tab.radio(key="answer-a1").set_value("met").run()

    themes.radio(key="answer-a1").set_value("not_met").run()

    assert saved_answers(store, themes) == {"a1": AnswerValue.MET}
    assert themes.error[0].value.startswith("A colleague (or another tab) changed this same answer or field")
    assert themes.radio(key="answer-a1").value == "not_met"


def test_after_a_clash_one_click_keeps_your_answer_over_theirs(
    themes: AppTest, new_app: Callable[..., AppTest], store: AssessmentStore
) -> None:
    other_tab = go(new_app(a=themes.query_params["a"]), "themes")
    other_tab.radio(key="answer-a1").set_value("met").run()
    themes.radio(key="answer-a1").set_value("not_met").run()

    themes.button(key="keep-mine-top").click().run()

    assert saved_answers(store, themes) == {"a1": AnswerValue.NOT_MET}
    assert (themes.radio(key="answer-a1").value, list(themes.error)) == ("not_met", [])


def test_showing_theirs_after_a_clash_shows_the_latest_answers(
    themes: AppTest, new_app: Callable[..., AppTest]
) -> None:
    other_tab = go(new_app(a=themes.query_params["a"]), "themes")
    other_tab.radio(key="answer-a1").set_value("met").run()
    themes.radio(key="answer-a1").set_value("not_met").run()

    themes.button(key="reload-top").click().run()

    assert (themes.radio(key="answer-a1").value, list(themes.error)) == ("met", [])


def test_a_failed_write_keeps_the_answer_and_try_again_saves_it(
    themes: AppTest, store: AssessmentStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_save = AssessmentStore.save

    def database_down(*args: object, **kwargs: object) -> None:
        raise StoreUnavailable(UNAVAILABLE)

    monkeypatch.setattr(AssessmentStore, "save", database_down)
    themes.radio(key="answer-a1").set_value("partly").run()
    shown_while_down = (themes.error[0].value, themes.radio(key="answer-a1").value)
    monkeypatch.setattr(AssessmentStore, "save", real_save)

    themes.button(key="retry-top").click().run()

    assert shown_while_down == (UNAVAILABLE, "partly")
    assert saved_answers(store, themes) == {"a1": AnswerValue.PARTLY}
    assert not themes.error


def test_the_last_theme_leads_to_the_review(themes: AppTest) -> None:
    themes.button(key="next-theme").click().run()
    themes.button(key="to-review").click().run()

    assert themes.title[0].value == "Review"


@pytest.mark.parametrize(("page", "title"), [("themes", "Themes"), ("results", "Results"), ("plan", "Action plan")])
def test_with_nothing_open_the_page_says_what_to_do_right_under_its_title(
    new_app: Callable[..., AppTest], page: str, title: str
) -> None:
    at = new_app().switch_page(f"checklist/ui/app_pages/{page}.py").run()

    shown = [(e.type, e.value) for e in at.main if e.type in ("title", "info", "error", "markdown")][:2]
    assert shown == [
        ("title", title),
        ("info", "No assessment is open. Start a new one or resume one on the Start page."),
    ]


def test_a_theme_opened_again_shows_what_is_saved_now_not_the_copy_this_page_held(
    themes: AppTest, store: AssessmentStore
) -> None:
    themes.radio(key="answer-a1").set_value("partly").run()
    themes.button(key="next-theme").click().run()
    stored = store.get(themes.query_params["a"])
    assert stored is not None
    noted = Answer(answer=AnswerValue.PARTLY, note="Asked at first contact")
    store.save(stored.assessment.with_answer("a1", noted), expected_revision=stored.revision, base=stored.assessment)

    themes.button(key="previous-theme").click().run()

    assert themes.text_area(key="note-a1").value == "Asked at first contact"
    assert themes.radio(key="answer-a1").value == "partly"


def test_a_theme_opened_again_leaves_a_clash_on_screen_and_one_click_still_keeps_your_answer(
    themes: AppTest, new_app: Callable[..., AppTest], store: AssessmentStore
) -> None:
    other_tab = go(new_app(a=themes.query_params["a"]), "themes")
    other_tab.radio(key="answer-a1").set_value("met").run()
    themes.radio(key="answer-a1").set_value("not_met").run()

    themes.button(key="next-theme").click().run()
    themes.button(key="previous-theme").click().run()

    assert themes.error[0].value.startswith("A colleague (or another tab) changed this same answer or field")
    themes.button(key="keep-mine-top").click().run()
    assert saved_answers(store, themes) == {"a1": AnswerValue.NOT_MET}
