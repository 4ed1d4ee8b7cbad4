"""Organisations and people: the administrators' page, the same work as the `checklist admin` commands.

Every read and change goes through `checklist.storage.administration.Administration`, which checks
the role first, so the page itself only gathers and shows. Names and e-mail addresses are other
people's text: each is shown literally. Changes run in button callbacks, before the page is drawn,
so the lists below always show the result, and a click after one's role was taken away is refused.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

import streamlit as st

from checklist.domain.errors import ChecklistError
from checklist.domain.join_address import PUBLIC_URL_SETTING, app_base
from checklist.domain.people import OrganisationKind, Role
from checklist.domain.permissions import Action
from checklist.storage import StoreError
from checklist.storage.administration import Administration, NotAllowed, OrganisationEntry, PersonEntry
from checklist.ui import resources, state
from checklist.ui.text import literal

TITLE = "Organisations and people"
LOCAL_ONLY = (
    "Organisations and people matter only on a server with sign-in on, where each service's staff see "
    "only their own organisation's assessments. This copy has no sign-in, so there is nothing to manage here. "
    'The README\'s section "Running it for an area" says how to set up such a server.'
)
NO_ACCESS_TITLE = "No access to this page"
NO_ACCESS = (
    "This page is for the administrators of this server. "
    "To have an organisation added or someone invited, ask your administrator."
)
NO_AREA = ""  # the area choice meaning "none"
NO_ORGANISATION = ""  # the organisation choice meaning "none" (trainers and administrators)


@dataclass(frozen=True)
class Pending:
    """A removal asked for, waiting for its confirmation; `button` is the key of the button that asked."""

    kind: Literal["organisation", "role", "person"]
    button: str
    name: str  # the organisation's name, the role's description, or the person's e-mail
    email: str = ""
    role: Role | None = None
    organisation: str | None = None  # where the role is held


@dataclass(frozen=True)
class Notice:
    """What the last change did (ok) or why it was refused, and for an invitation what to tell the person."""

    ok: bool
    text: str
    address: str | None = None  # the server's address, to tell someone just invited
    email: str | None = None


def show() -> None:
    if not st.session_state.get(state.SIGN_IN_ON):
        st.title(TITLE)
        st.write(LOCAL_ONLY)
        return
    admin = resources.administration()
    try:
        admin.require(Action.MANAGE_PEOPLE, "open the page Organisations and people")
        admin.require(Action.MANAGE_ORGANISATIONS, "open the page Organisations and people")
        organisations = admin.organisations()
        people = admin.people()
    except NotAllowed:
        st.title(NO_ACCESS_TITLE)
        st.write(NO_ACCESS)
        return
    except StoreError as exc:
        st.title(TITLE)
        st.error(exc.message)
        return
    st.title(TITLE)
    st.write(
        "Service providers and commissioning areas, and the people who may sign in, each with their roles. "
        "The same as the checklist admin commands on the server."
    )
    _show_notice()
    st.header("Organisations")
    _organisations(admin, organisations)
    _add_organisation_form(organisations)
    _add_service_form(organisations)
    st.header("People")
    _people(admin, people)
    _invite_form(organisations)


# Showing ------------------------------------------------------------------------


def _show_notice() -> None:
    notice: Notice | None = st.session_state.get(state.ADMIN_NOTICE)
    if notice is None:
        return
    if not notice.ok:
        st.error(literal(notice.text))
        return
    st.success(literal(notice.text))
    if notice.email:
        if notice.address:
            st.write("Tell them to open this address and sign in with this e-mail address:")
            st.code(notice.address, language=None)
        else:
            st.write("Tell them to open this server's address and sign in with this e-mail address:")
        st.code(notice.email, language=None)


def _pending() -> Pending | None:
    found: Pending | None = st.session_state.get(state.ADMIN_PENDING)
    return found


def _organisations(admin: Administration, organisations: list[OrganisationEntry]) -> None:
    if not organisations:
        st.write("No organisations yet. Add a commissioning area first, then its service providers.")
        return
    pending = _pending()
    for entry in organisations:
        organisation = entry.organisation
        with st.container(border=True):
            st.markdown(f"**{literal(organisation.name)}**")
            st.text(entry.description[0].upper() + entry.description[1:])
            if organisation.kind == OrganisationKind.PROVIDER:
                st.text("Services: " + ", ".join(entry.services) if entry.services else "No services yet")
            key = state.admin_remove_organisation_key(organisation.id)
            st.button(
                f"Remove {literal(organisation.name)}",
                key=key,
                on_click=_ask,
                args=(Pending(kind="organisation", button=key, name=organisation.name),),
            )
            if pending is not None and pending.button == key:
                _confirm_organisation(admin, pending)


def _people(admin: Administration, people: list[PersonEntry]) -> None:
    if not people:
        st.write("Nobody yet. The first administrator is invited on the server with checklist admin invite.")
        return
    pending = _pending()
    for entry in people:
        person = entry.person
        with st.container(border=True):
            st.markdown(f"**{literal(person.email)}**")
            st.text(entry.state[0].upper() + entry.state[1:])
            if not entry.roles:
                st.text("No role")
            for index, held in enumerate(entry.roles):
                key = state.admin_remove_role_key(person.id, index)
                st.text(held.description[0].upper() + held.description[1:])
                st.button(
                    f"Remove the role {literal(held.description)}",
                    key=key,
                    on_click=_ask,
                    args=(
                        Pending(
                            kind="role",
                            button=key,
                            name=held.description,
                            email=person.email,
                            role=held.grant.role,
                            organisation=held.organisation,
                        ),
                    ),
                )
                if pending is not None and pending.button == key:
                    _confirm_role(pending)
            key = state.admin_remove_person_key(person.id)
            st.button(
                f"Remove {literal(person.email)}",
                key=key,
                on_click=_ask,
                args=(Pending(kind="person", button=key, name=person.email, email=person.email),),
            )
            if pending is not None and pending.button == key:
                _confirm_person(entry)


def _confirm_organisation(admin: Administration, pending: Pending) -> None:
    removal = admin.removal(pending.name)
    with st.container(border=True):
        st.markdown(f"**Remove the organisation {literal(removal.name)}?**")
        for sentence in removal.sentences:
            st.write(sentence)
        _confirm_buttons(pending, f"Yes, remove {literal(removal.name)}" if removal.allowed else None)


def _confirm_role(pending: Pending) -> None:
    with st.container(border=True):
        st.markdown(f"**Take the role {literal(pending.name)} away from {literal(pending.email)}?**")
        st.write(
            "It stops working on their next click. Nothing they wrote is deleted: assessments stay with "
            "their organisation."
        )
        _confirm_buttons(pending, "Yes, take this role away")


def _confirm_person(entry: PersonEntry) -> None:
    pending = _pending()
    assert pending is not None
    with st.container(border=True):
        st.markdown(f"**Remove {literal(entry.person.email)} and all their roles?**")
        if entry.signed_in:
            st.write(
                "If they are signed in, their next click shows the page that says they have no access. "
                "Nothing they wrote is deleted: assessments stay with their organisation, and what they "
                "submitted stays with the commissioners."
            )
        else:
            st.write("They have never signed in: this withdraws the invitation.")
        _confirm_buttons(pending, f"Yes, remove {literal(entry.person.email)}")


def _confirm_buttons(pending: Pending, yes: str | None) -> None:
    if yes is not None:
        st.button(yes, type="primary", key=state.ADMIN_CONFIRM, on_click=_carry_out, args=(pending,))
    st.button("Cancel" if yes is not None else "Close", key=state.ADMIN_CANCEL, on_click=_cancel)


# Forms --------------------------------------------------------------------------


def _add_organisation_form(organisations: list[OrganisationEntry]) -> None:
    areas = [e.organisation.name for e in organisations if e.organisation.kind == OrganisationKind.AREA]
    with st.form(state.ADMIN_ORGANISATION_FORM):
        st.subheader("Add an organisation")
        st.text_input("Name", key=state.ADMIN_ORGANISATION_NAME, max_chars=500)
        st.radio(
            "Kind",
            list(OrganisationKind),
            format_func=lambda kind: kind.label[0].upper() + kind.label[1:],
            key=state.ADMIN_ORGANISATION_KIND,
        )
        st.selectbox(
            "Its commissioning area (for a service provider)",
            [NO_AREA, *areas],
            format_func=lambda name: name or "None",
            key=state.ADMIN_ORGANISATION_AREA,
        )
        st.form_submit_button("Add the organisation", key=state.ADMIN_ORGANISATION_ADD, on_click=_add_organisation)


def _add_service_form(organisations: list[OrganisationEntry]) -> None:
    providers = [e.organisation.name for e in organisations if e.organisation.kind == OrganisationKind.PROVIDER]
    if not providers:
        return
    with st.form(state.ADMIN_SERVICE_FORM):
        st.subheader("Add a service")
        st.selectbox("Service provider", providers, key=state.ADMIN_SERVICE_PROVIDER)
        st.text_input("Name of the service", key=state.ADMIN_SERVICE_NAME, max_chars=500)
        st.form_submit_button("Add the service", key=state.ADMIN_SERVICE_ADD, on_click=_add_service)


def _invite_form(organisations: list[OrganisationEntry]) -> None:
    names = [e.organisation.name for e in organisations]
    with st.form(state.ADMIN_INVITE_FORM):
        st.subheader("Invite a person")
        st.write(
            "They sign in with this e-mail address, as their identity provider gives it; their first sign-in "
            "ties their account to the invitation."
        )
        st.text_input("E-mail address", key=state.ADMIN_INVITE_EMAIL, max_chars=320)
        st.selectbox(
            "Role",
            list(Role),
            format_func=lambda role: role.label[0].upper() + role.label[1:],
            key=state.ADMIN_INVITE_ROLE,
        )
        st.selectbox(
            "Organisation (service staff: their provider; a commissioner: their area)",
            [NO_ORGANISATION, *names],
            format_func=lambda name: name or "None (trainer or administrator)",
            key=state.ADMIN_INVITE_ORGANISATION,
        )
        st.form_submit_button("Invite", key=state.ADMIN_INVITE_ADD, on_click=_invite)


# Callbacks: they run before the page is drawn, with the roles read afresh --------


def _apply(change: Callable[[Administration], Notice], *, clear: tuple[str, ...] = ()) -> None:
    try:
        notice = change(resources.administration())
    except (ChecklistError, StoreError) as exc:
        notice = Notice(ok=False, text=exc.message)
    else:
        for key in clear:
            st.session_state[key] = ""
    st.session_state[state.ADMIN_NOTICE] = notice


def _ask(pending: Pending) -> None:
    st.session_state[state.ADMIN_PENDING] = pending


def _cancel() -> None:
    st.session_state[state.ADMIN_PENDING] = None


def _carry_out(pending: Pending) -> None:
    st.session_state[state.ADMIN_PENDING] = None

    def change(admin: Administration) -> Notice:
        if pending.kind == "organisation":
            admin.remove_organisation(pending.name)
            return Notice(ok=True, text=f"Removed the organisation {pending.name}.")
        if pending.kind == "role":
            assert pending.role is not None
            admin.remove_role(pending.email, pending.role, pending.organisation)
            return Notice(ok=True, text=f"Took the role {pending.name} away from {pending.email}.")
        admin.remove_person(pending.email)
        return Notice(ok=True, text=f"Removed {pending.email} and all their roles.")

    _apply(change)


def _add_organisation() -> None:
    name = str(st.session_state.get(state.ADMIN_ORGANISATION_NAME) or "")
    kind = OrganisationKind(st.session_state.get(state.ADMIN_ORGANISATION_KIND) or OrganisationKind.PROVIDER)
    area = st.session_state.get(state.ADMIN_ORGANISATION_AREA) or None

    def change(admin: Administration) -> Notice:
        added = admin.add_organisation(name, kind, area=area if kind == OrganisationKind.PROVIDER else None)
        where = f" in {area}" if area and kind == OrganisationKind.PROVIDER else ""
        return Notice(ok=True, text=f"Added the {kind.label} {added.name}{where}.")

    _apply(change, clear=(state.ADMIN_ORGANISATION_NAME,))


def _add_service() -> None:
    provider = str(st.session_state.get(state.ADMIN_SERVICE_PROVIDER) or "")
    name = str(st.session_state.get(state.ADMIN_SERVICE_NAME) or "")

    def change(admin: Administration) -> Notice:
        added = admin.add_service(provider, name)
        return Notice(ok=True, text=f"Added the service {added.name} to {provider}.")

    _apply(change, clear=(state.ADMIN_SERVICE_NAME,))


def _invite() -> None:
    email = str(st.session_state.get(state.ADMIN_INVITE_EMAIL) or "")
    role = Role(st.session_state.get(state.ADMIN_INVITE_ROLE) or Role.STAFF)
    organisation = st.session_state.get(state.ADMIN_INVITE_ORGANISATION) or None

    def change(admin: Administration) -> Notice:
        person = admin.invite(email, role, organisation)
        held = role.label + (f" of {organisation}" if organisation else "")
        if person.subject is not None:
            return Notice(
                ok=True, text=f"{person.email} is now {held}. They have signed in before: it works on their next click."
            )
        return Notice(ok=True, text=f"{person.email} is now {held}.", address=server_address(), email=person.email)

    _apply(change, clear=(state.ADMIN_INVITE_EMAIL,))


def server_address() -> str | None:
    """The address people open: CHECKLIST_PUBLIC_URL when set, else the one the administrator's browser used."""
    configured = os.environ.get(PUBLIC_URL_SETTING, "").strip()
    if configured.startswith(("http://", "https://")):
        return configured.rstrip("/")
    url = st.context.url  # None outside a served app (AppTest)
    return app_base(url) if url else None
