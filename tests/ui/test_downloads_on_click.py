"""A file made only when its button is clicked downloads without rerunning the page.

A click that also reruns the page races the browser's request for the file: a run that ends first
withdraws a file made on click (Streamlit 1.67), and on a busy server the download fails. So every
such button takes on_click="ignore", and the audit trail notes the export as the file is made.
"""

from __future__ import annotations

from collections.abc import Callable

from streamlit.testing.v1 import AppTest

from checklist.domain.bank import QuestionBank
from tests.ui.conftest import go, started
from tests.ui.test_compare_page import loaded


def made_on_click(at: AppTest) -> dict[str, bool]:
    """Each download button whose file is made on click, with whether a click reruns the page."""
    return {b.proto.label: not b.proto.ignore_rerun for b in at.get("download_button") if b.proto.deferred_file_id}


def test_the_compare_downloads_are_made_on_click_and_never_rerun_the_page(
    new_app: Callable[..., AppTest], bank: QuestionBank
) -> None:
    at = loaded(new_app, bank)

    assert made_on_click(at) == {
        "Services (CSV)": False,
        "Common gaps (CSV)": False,
        "All tables (Excel)": False,
        "Area summary (PDF)": False,
    }


def test_download_a_copy_in_the_sidebar_is_made_on_click_and_never_reruns_the_page(
    new_app: Callable[..., AppTest],
) -> None:
    at = go(started(new_app), "profile")

    assert made_on_click(at) == {"Download a copy": False}
