"""Sign-in with OpenID Connect, through Streamlit's st.login, when `[auth]` is in .streamlit/secrets.toml.

Without `[auth]` the app is a single-user tool on one computer (local mode), as it always was.
With it, every run works out who is here, from the identity cookie and then the database:
a signed-out visitor may open only the sign-in page and the workshop join page; a signed-in
person with no role only a page saying whom to ask; anyone with a role every page, with
each read and write checked below the pages (checklist.storage.access).
"""

from __future__ import annotations

import logging
import os
from enum import Enum
from typing import Literal

import streamlit as st

from checklist.domain.people import Person
from checklist.domain.permissions import Action, can
from checklist.storage import StoreError
from checklist.storage.access import PersonAccess
from checklist.storage.directory import subject_of
from checklist.ui import navigation, resources, state
from checklist.ui.workshop_common import NO_WORKSHOP, PARTICIPANT_PAGE

log = logging.getLogger(__name__)

SIGN_IN_TITLE = "Sign in"
NO_ROLE_TITLE = "No access yet"
LOCAL_MODE = "Local mode: no sign-in; everything stays on this computer."
PROVIDER_DOWN = (
    "The sign-in service cannot be reached just now, so you cannot sign in. Nothing you saved is affected. "
    "Try again in a few minutes; if it goes on, tell {administrator}."
)
PROVIDER_WAIT = 5.0  # seconds to wait for the provider's metadata before saying it cannot be reached
UNREACHABLE = (
    "The server cannot reach its database just now, so it cannot tell what you may open. Try again in a moment."
)


class Visitor(Enum):
    LOCAL = "local"  # no [auth]: single-user local mode
    SIGNED_OUT = "signed out"
    NO_ROLE = "no role"  # signed in, but not invited, or every role taken away
    MEMBER = "member"  # signed in, holding at least one role


def is_configured() -> bool:
    """Whether `[auth]` is in the secrets: sign-in is on exactly when it is."""
    return bool(st.secrets.load_if_toml_exists() and "auth" in st.secrets)


def identify() -> Visitor:
    """Who is here, from the identity cookie and then the database (roles are read afresh on every run)."""
    st.session_state[state.SIGN_IN_ON] = is_configured()
    st.session_state[state.RUNS_WORKSHOPS] = False
    if not st.session_state[state.SIGN_IN_ON]:
        return Visitor.LOCAL
    # st.user.is_logged_in, read as a key: outside a served app (AppTest) the key is simply absent.
    if st.user.get("is_logged_in") is not True:
        st.session_state[state.SUBJECT] = None
        return Visitor.SIGNED_OUT
    sub = st.user.get("sub")
    if not sub:  # every OpenID Connect ID token has one; without it there is nobody to look up
        st.session_state[state.SUBJECT] = None
        return Visitor.NO_ROLE
    subject = subject_of(str(st.user.get("iss") or ""), str(sub))
    st.session_state[state.SUBJECT] = subject
    person = _person(subject)
    if person is None or not person.roles:
        return Visitor.NO_ROLE
    st.session_state[state.RUNS_WORKSHOPS] = can(person.roles, Action.RUN_WORKSHOP)
    return Visitor.MEMBER


def _person(subject: str) -> Person | None:
    # An identity provider that says the address is unverified must not match an invitation by it.
    verified = st.user.get("email_verified") is not False
    email = st.user.get("email") if verified else None
    st.session_state[state.SIGN_IN_PROBLEM] = None
    try:
        return resources.directory().sign_in(subject, str(email) if email else None)
    except StoreError as exc:
        log.warning("sign-in lookup failed: %s", exc.message)
        st.session_state[state.SIGN_IN_PROBLEM] = UNREACHABLE
        return None


def pages(visitor: Visitor, menu: list[st.Page]) -> list[st.Page]:
    """The pages this visitor may open.

    Signed out or with no role, every address of the menu but the join page shows the sign-in
    (or no-access) page in its place: a bookmarked link lands there, not on "Page not found".
    """
    if visitor == Visitor.LOCAL:
        return menu
    if visitor == Visitor.MEMBER:
        return _member_pages(menu)
    key = state.sign_in_pages_key(visitor.value)
    own: list[st.Page] | None = st.session_state.get(key)
    if own is None:
        show = show_sign_in_page if visitor == Visitor.SIGNED_OUT else show_no_role_page
        title = SIGN_IN_TITLE if visitor == Visitor.SIGNED_OUT else NO_ROLE_TITLE
        # Per session, like the menu's pages: st.navigation marks the pages it is given as this session's.
        own = [st.Page(show, title=title, default=True)] + [
            p if p.url_path == PARTICIPANT_PAGE.url_path else st.Page(show, title=title, url_path=p.url_path)
            for p in menu
            if p.url_path
        ]
        st.session_state[key] = own
    return own


def _member_pages(menu: list[st.Page]) -> list[st.Page]:
    """Everything, but for someone who is not a trainer the Workshop page's address says only "not found"."""
    if st.session_state.get(state.RUNS_WORKSHOPS):
        return menu
    stand_in: st.Page | None = st.session_state.get(state.NO_WORKSHOP_PAGE)
    if stand_in is None:
        spec = navigation.WORKSHOP
        stand_in = st.Page(show_no_workshop_page, title=spec.title, url_path=spec.url_path)
        st.session_state[state.NO_WORKSHOP_PAGE] = stand_in
    return [stand_in if p.url_path == navigation.WORKSHOP.url_path else p for p in menu]


def hidden_pages(visitor: Visitor) -> frozenset[str]:
    """The menu's pages this visitor is not offered (by url path): the Workshop page, unless a trainer."""
    if visitor == Visitor.MEMBER and not st.session_state.get(state.RUNS_WORKSHOPS):
        return frozenset({navigation.WORKSHOP.url_path})
    return frozenset()


def show_no_workshop_page() -> None:
    # The same words as a facilitator's link that names nothing: no hint that workshops are here.
    st.title("Workshop")
    st.error(NO_WORKSHOP)


def position(visitor: Visitor) -> Literal["sidebar", "hidden"]:
    """No menu for someone who may open only one page (and the join page, linked from it)."""
    return "sidebar" if visitor in (Visitor.LOCAL, Visitor.MEMBER) else "hidden"


def show_in_sidebar(visitor: Visitor) -> None:
    with st.sidebar:
        if visitor == Visitor.LOCAL:
            # Markdown, not st.text: the constant has no markup, and page tests read the page's last st.text.
            st.markdown(LOCAL_MODE)
            return
        if visitor == Visitor.SIGNED_OUT:
            return
        st.text(f"Signed in as {st.user.get('email') or st.user.get('name') or 'you'}")
        if visitor == Visitor.MEMBER:
            _working_for()
        if st.button("Sign out", key=state.SIGN_OUT):
            st.logout()


def _working_for() -> None:
    """Staff of several providers choose which one their new assessments belong to."""
    access = resources.assessments()
    organisations = access.staff_organisations() if isinstance(access, PersonAccess) else []
    if len(organisations) < 2:
        return
    names = {o.id: o.name for o in organisations}
    if st.session_state.get(state.WORKING_FOR) not in names:
        st.session_state[state.WORKING_FOR] = organisations[0].id
    st.selectbox("New assessments are for", list(names), format_func=names.__getitem__, key=state.WORKING_FOR)


def show_sign_in_page() -> None:
    st.title("Sign in")
    st.write(
        "This server keeps the self-assessments of the drug and alcohol services in an area. "
        "Sign in with your work account to see your organisation's assessments."
    )
    if st.session_state.get(state.SIGN_IN_UNREACHABLE):
        st.error(PROVIDER_DOWN.format(administrator=_administrator()))
        label = "Try signing in again"
    else:
        label = "Sign in"
    if st.button(label, type="primary", key=state.SIGN_IN):
        if provider_reachable():
            st.session_state[state.SIGN_IN_UNREACHABLE] = False
            st.login()
        else:
            st.session_state[state.SIGN_IN_UNREACHABLE] = True
            st.rerun()
    st.write("Taking part in a workshop? You do not need to sign in.")
    st.page_link(PARTICIPANT_PAGE.path, label="Join a workshop", icon=":material/arrow_forward:")


def provider_reachable() -> bool:
    """Whether the identity provider's metadata can be read, as st.login's server route is about to read it.

    That route (streamlit/web/server/starlette/starlette_auth_routes.py, `_auth_login`) has Authlib fetch
    `server_metadata_url` with httpx; when that fails it answers a bare "Authentication error" page. So the
    same fetch is tried here first, and exactly its failures (an httpx error, or a reply that is not JSON)
    keep the person on our own page instead.
    """
    url = _metadata_url()
    if url is None:
        return True  # nothing to check: st.login reports a configuration mistake itself
    import httpx  # only a sign-in asks: kept off every page's first run (about 0.06 s of CPU to import)

    try:
        reply = httpx.get(url, timeout=PROVIDER_WAIT)
        reply.raise_for_status()
        reply.json()
    except (httpx.HTTPError, ValueError) as exc:
        log.warning("sign-in provider unreachable: %s (%s)", url, type(exc).__name__)
        return False
    return True


def _metadata_url() -> str | None:
    auth = st.secrets.get("auth")
    url = auth.get("server_metadata_url") if auth is not None else None
    return str(url) if url else None


def show_no_role_page() -> None:
    if st.session_state.get(state.SIGN_IN_PROBLEM):
        st.title("Try again in a moment")
        st.error(st.session_state[state.SIGN_IN_PROBLEM])
        return
    st.title("You have no access yet")
    st.text(f"You are signed in as {st.user.get('email') or 'an account without an e-mail address'}.")
    st.write(
        "Your account has no role on this server yet, so there is nothing to show you. "
        f"Ask {_administrator()} to invite this e-mail address to your organisation, then sign in again."
    )
    if st.button("Sign out", key=state.SIGN_OUT_NO_ROLE):
        st.logout()


def _administrator() -> str:
    contact = os.environ.get("CHECKLIST_ADMIN_CONTACT", "").strip()
    return (
        f"your administrator ({contact})" if contact else "your administrator (whoever runs this server for your area)"
    )
