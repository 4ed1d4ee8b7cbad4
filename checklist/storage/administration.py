"""Organisations and people as one administrator may manage them: every method checks the role first.

The Administration page goes through this, never the directory itself, so the check is in one
place below the page, as `checklist.storage.access` does for assessments. It does what the
`checklist admin` commands do, with two more refusals a page needs: an administrator cannot take
away their own administrator role or remove themself (another administrator, or the command line
on the server, can). The directory itself refuses to remove the last administrator, for both.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import ParamSpec, TypeVar

from checklist.domain.errors import ChecklistError
from checklist.domain.people import (
    DirectoryError,
    Organisation,
    OrganisationKind,
    Person,
    Role,
    RoleGrant,
    Service,
    normalise_email,
)
from checklist.domain.permissions import Action, can
from checklist.domain.wording import agrees, counted
from checklist.storage.directory import DirectoryStore

log = logging.getLogger(__name__)

P = ParamSpec("P")
T = TypeVar("T")

REFUSED = "Only an administrator of this server may manage its organisations and people."
NOT_SIGNED_IN = "invited, not signed in yet"
SIGNED_IN = "has signed in"
OWN_ROLE = (
    "You cannot take away your own administrator role: ask another administrator, or use checklist admin on the server."
)
YOURSELF = "You cannot remove yourself: ask another administrator, or use checklist admin on the server."


class NotAllowed(ChecklistError):
    """Someone who is not an administrator asked to manage organisations or people."""

    def __init__(self) -> None:
        super().__init__("Organisations and people", [REFUSED])

    @property
    def message(self) -> str:
        return REFUSED


@dataclass(frozen=True)
class OrganisationEntry:
    organisation: Organisation
    area: str | None  # a provider's commissioning area, by name
    services: tuple[str, ...]

    @property
    def description(self) -> str:
        return self.organisation.kind.label + (f" in {self.area}" if self.area else "")


@dataclass(frozen=True)
class HeldRole:
    grant: RoleGrant
    organisation: str | None  # the provider or area it is held in, by name

    @property
    def description(self) -> str:
        return self.grant.role.label + (f" of {self.organisation}" if self.organisation else "")


@dataclass(frozen=True)
class PersonEntry:
    person: Person
    roles: tuple[HeldRole, ...]

    @property
    def signed_in(self) -> bool:
        return self.person.subject is not None

    @property
    def state(self) -> str:
        return SIGNED_IN if self.signed_in else NOT_SIGNED_IN


@dataclass(frozen=True)
class Removal:
    """What removing an organisation would do, in sentences, and whether it may be removed now."""

    name: str
    allowed: bool
    sentences: tuple[str, ...]


def _checked(action: Action) -> Callable[[Callable[P, T]], Callable[P, T]]:
    """The method runs only for someone `can` lets do `action`; anyone else gets NotAllowed, and it is logged."""

    def wrap(method: Callable[P, T]) -> Callable[P, T]:
        def checked(*args: P.args, **kwargs: P.kwargs) -> T:
            self = args[0]
            assert isinstance(self, Administration)
            self.require(action, method.__name__)
            return method(*args, **kwargs)

        checked.__name__ = method.__name__
        checked.__doc__ = method.__doc__
        checked.action = action  # type: ignore[attr-defined]
        return checked

    return wrap


class Administration:
    """`person` None is someone signed in with no invitation: refused everything, like anyone without the role."""

    def __init__(self, directory: DirectoryStore, person: Person | None) -> None:
        self._directory = directory
        self.person = person

    def require(self, action: Action, what: str) -> None:
        roles = self.person.roles if self.person else ()
        if not can(roles, action):
            who = self.person.email if self.person else "someone with no invitation"
            log.warning("refused: %s may not %s (%s)", who, action.value, what)
            raise NotAllowed

    def may_manage(self) -> bool:
        """Whether the page (and its menu link) is for this person: checked without logging."""
        roles = self.person.roles if self.person else ()
        return can(roles, Action.MANAGE_ORGANISATIONS) and can(roles, Action.MANAGE_PEOPLE)

    # Organisations

    @_checked(Action.MANAGE_ORGANISATIONS)
    def organisations(self) -> list[OrganisationEntry]:
        """Every organisation by name, with its area and its services."""
        found = self._directory.organisations()
        names = {o.id: o.name for o in found}
        services: dict[int, list[str]] = {}
        for service in self._directory.services():
            services.setdefault(service.organisation_id, []).append(service.name)
        return [
            OrganisationEntry(
                organisation=o,
                area=names.get(o.area_id) if o.area_id is not None else None,
                services=tuple(services.get(o.id, ())),
            )
            for o in found
        ]

    @_checked(Action.MANAGE_ORGANISATIONS)
    def add_organisation(self, name: str, kind: OrganisationKind, *, area: str | None = None) -> Organisation:
        added = self._directory.add_organisation(name, kind, area=area, actor=self._who())
        log.info("administration: %s added %s %r", self._who(), kind.label, added.name)
        return added

    @_checked(Action.MANAGE_ORGANISATIONS)
    def add_service(self, organisation: str, name: str) -> Service:
        added = self._directory.add_service(organisation, name, actor=self._who())
        log.info("administration: %s added service %r to %r", self._who(), added.name, organisation)
        return added

    @_checked(Action.MANAGE_ORGANISATIONS)
    def removal(self, name: str) -> Removal:
        """What removing this organisation would do to its services, people and assessments, said plainly."""
        found = next((o for o in self._directory.organisations() if o.name == name), None)
        if found is None:
            return Removal(name, False, ("There is no organisation with this name any more.",))
        everyone = self._directory.people()
        holders = [p for p in everyone if any(g.organisation_id == found.id for g in p.roles)]
        left_with_none = [p for p in holders if all(g.organisation_id == found.id for g in p.roles)]
        services = [s for s in self._directory.services() if s.organisation_id == found.id]
        owned = [a for a, owner in self._directory.owners().items() if owner.id == found.id]
        providers = [o for o in self._directory.organisations() if o.area_id == found.id]
        sentences = []
        if providers:
            sentences.append(
                f"It cannot be removed yet: {counted(len(providers), 'service provider')} "
                f"{agrees(len(providers), 'belongs', 'belong')} to it. Remove them first."
            )
        if owned:
            sentences.append(
                f"It cannot be removed yet: it owns {counted(len(owned), 'saved assessment')}, and removing it "
                "would leave them with no owner. Nothing is deleted: its staff keep working on them."
            )
        if providers or owned:
            return Removal(found.name, False, tuple(sentences))
        sentences.append(
            f"Removing it also removes its {counted(len(services), 'service')} and the roles "
            f"{counted(len(holders), 'person', 'people')} {agrees(len(holders), 'holds', 'hold')} in it."
        )
        if left_with_none:
            sentences.append(
                f"{counted(len(left_with_none), 'person', 'people')} would have no role left: on "
                "their next click they see the page that says they have no access yet."
            )
        sentences.append("It owns no saved assessment, so no assessment is lost.")
        return Removal(found.name, True, tuple(sentences))

    @_checked(Action.MANAGE_ORGANISATIONS)
    def remove_organisation(self, name: str) -> None:
        """Remove it with its services and the roles held in it; refused while it owns assessments or providers."""
        self._directory.remove_organisation(name, actor=self._who())
        log.info("administration: %s removed organisation %r", self._who(), name)

    # People

    @_checked(Action.MANAGE_PEOPLE)
    def people(self) -> list[PersonEntry]:
        """Everyone invited, by e-mail, with every role they hold and whether they have ever signed in."""
        names = {o.id: o.name for o in self._directory.organisations()}
        return [
            PersonEntry(
                person=p,
                roles=tuple(
                    HeldRole(g, names.get(g.organisation_id) if g.organisation_id is not None else None)
                    for g in p.roles
                ),
            )
            for p in self._directory.people()
        ]

    @_checked(Action.MANAGE_PEOPLE)
    def invite(self, email: str, role: Role, organisation: str | None = None) -> Person:
        """Give a role to the person with this address, inviting them if they are new."""
        person = self._directory.invite(email, role, organisation, actor=self._who())
        log.info("administration: %s gave %s the %s role", self._who(), person.email, role.label)
        return person

    @_checked(Action.MANAGE_PEOPLE)
    def remove_role(self, email: str, role: Role, organisation: str | None = None) -> None:
        """Take one role away; it stops working on the person's next click."""
        if role == Role.ADMINISTRATOR and self._is_me(email):
            raise DirectoryError(self._who(), [OWN_ROLE])
        self._directory.remove_role(email, role, organisation, actor=self._who())
        log.info("administration: %s took the %s role from %s", self._who(), role.label, email)

    @_checked(Action.MANAGE_PEOPLE)
    def remove_person(self, email: str) -> None:
        """Remove a person (or an invitation never used) and every role they hold."""
        if self._is_me(email):
            raise DirectoryError(self._who(), [YOURSELF])
        self._directory.remove_person(email, actor=self._who())
        log.info("administration: %s removed %s", self._who(), email)

    def _is_me(self, email: str) -> bool:
        if self.person is None:
            return False
        try:
            return normalise_email(email) == self.person.email
        except DirectoryError:
            return False

    def _who(self) -> str:
        return self.person.email if self.person else "someone with no invitation"


# Every method that reads or changes the directory, with the action it needs (the refusal tests use this).
CHECKED: dict[str, Action] = {
    name: getattr(member, "action")  # noqa: B009 - set by _checked, unknown to the type checker
    for name, member in vars(Administration).items()
    if hasattr(member, "action")
}
