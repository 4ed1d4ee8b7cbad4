"""Local mode against sign-in mode, at the page level (the full sign-in runs in tests/e2e/test_signin_e2e.py)."""

from __future__ import annotations

from collections.abc import Callable

from streamlit.testing.v1 import AppTest

from checklist.ui import signin
from checklist.ui.signin import LOCAL_MODE, PROVIDER_DOWN
from tests.ui.conftest import APP

AUTH = {
    "redirect_uri": "http://127.0.0.1:8501/oauth2callback",
    "cookie_secret": "a-test-secret",
    "client_id": "checklist",
    "client_secret": "not-used",
    "server_metadata_url": "http://127.0.0.1:9/.well-known/openid-configuration",
}


def test_without_auth_secrets_the_app_is_in_local_mode_and_says_so(new_app: Callable[..., AppTest]) -> None:
    at = new_app()
    assert not at.exception
    assert LOCAL_MODE in [m.value for m in at.sidebar.markdown]
    assert [b.label for b in at.button if b.label == "Sign in"] == []


def test_with_auth_secrets_a_signed_out_visitor_gets_only_the_sign_in_page(app_env: object) -> None:
    at = AppTest.from_file(APP, default_timeout=30)
    at.secrets["auth"] = AUTH
    at.run()
    assert not at.exception
    assert [t.value for t in at.title] == ["Sign in"]
    assert at.button(key="sign-in").label == "Sign in"
    assert LOCAL_MODE not in [m.value for m in at.sidebar.markdown]


def test_when_the_sign_in_service_cannot_be_reached_the_page_says_so_in_plain_words(app_env: object) -> None:
    """Port 9 of loopback answers nothing, as a provider that is down (the browser test stops a real one)."""
    at = AppTest.from_file(APP, default_timeout=30)
    at.secrets["auth"] = AUTH
    at.run()
    at.button(key="sign-in").click().run()
    assert not at.exception
    assert [t.value for t in at.title] == ["Sign in"]
    assert [e.value for e in at.error] == [PROVIDER_DOWN.format(administrator=signin._administrator())]
    assert at.button(key="sign-in").label == "Try signing in again"
