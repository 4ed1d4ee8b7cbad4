"""Organisations, people and their roles, for a server that serves a whole area.

A commissioning area (for example a local authority's public-health team) commissions
service providers; each provider runs services and belongs to one area. A person is
invited by e-mail and identified, from their first sign-in on, by the OpenID Connect
subject their identity provider gives them. Roles tie a person to what they may do:
see `checklist.domain.permissions`.
"""

from __future__ import annotations

import unicodedata
from enum import StrEnum

from pydantic import BaseModel, ConfigDict

from checklist.domain.errors import ChecklistError

MAX_EMAIL = 320  # RFC 5321: 64 for the local part, @, 255 for the domain


class DirectoryError(ChecklistError):
    """A request about organisations, people or roles that cannot be carried out as asked."""


class OrganisationKind(StrEnum):
    PROVIDER = "provider"  # runs services and fills in their assessments
    AREA = "area"  # commissions providers and reads what they submit

    @property
    def label(self) -> str:
        return {"provider": "service provider", "area": "commissioning area"}[self.value]


class Role(StrEnum):
    STAFF = "staff"  # of a provider: create, edit and submit its assessments
    COMMISSIONER = "commissioner"  # of an area: read and compare its providers' submissions
    TRAINER = "trainer"  # run workshops
    ADMINISTRATOR = "administrator"  # manage organisations and people

    @property
    def label(self) -> str:
        return {
            "staff": "service staff",
            "commissioner": "commissioner",
            "trainer": "trainer",
            "administrator": "administrator",
        }[self.value]

    @property
    def scope(self) -> OrganisationKind | None:
        """The kind of organisation this role is held in; None for a role over the whole server."""
        return {"staff": OrganisationKind.PROVIDER, "commissioner": OrganisationKind.AREA}.get(self.value)


_FROZEN = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class Organisation(BaseModel):
    model_config = _FROZEN

    id: int
    name: str
    kind: OrganisationKind
    area_id: int | None = None  # a provider's commissioning area


class Service(BaseModel):
    model_config = _FROZEN

    id: int
    organisation_id: int
    name: str


class RoleGrant(BaseModel):
    """One role of one person; `organisation_id` is None for trainer and administrator."""

    model_config = _FROZEN

    role: Role
    organisation_id: int | None = None


class Person(BaseModel):
    model_config = _FROZEN

    id: int
    email: str  # normalised: see normalise_email
    subject: str | None = None  # "<issuer> <sub>" once they have signed in
    roles: tuple[RoleGrant, ...] = ()


def normalise_email(text: str) -> str:
    """The form two e-mail addresses are compared in: NFKC, case folded, surrounding spaces dropped.

    NFKC makes a full-width "ａ" and a plain "a" (and other look-alike forms) the same address, so an
    invitation typed on one keyboard matches the claim an identity provider sends from another.
    """
    folded = unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", text).casefold()).strip()
    problems = _email_problems(folded)
    if problems:
        raise DirectoryError("e-mail address", problems)
    return folded


def _email_problems(address: str) -> list[str]:
    local, at, domain = address.rpartition("@")
    if not at or not local or not domain or "." not in domain.strip("."):
        return [f"{address!r} is not an e-mail address (it needs a name, an @ and a domain, like ana@example.org)"]
    if len(address) > MAX_EMAIL:
        return [f"an e-mail address may be at most {MAX_EMAIL} characters"]
    if any(c.isspace() or unicodedata.category(c) in {"Cc", "Cf"} for c in address):
        return ["an e-mail address may not contain spaces or invisible characters"]
    return []


def check_grant(grant: RoleGrant, organisation: Organisation | None) -> None:
    """Refuse a role given in the wrong kind of organisation (staff of an area, a commissioner of a provider)."""
    scope = grant.role.scope
    if scope is None and organisation is not None:
        raise DirectoryError(
            grant.role.label, [f"the {grant.role.label} role is not held in an organisation; leave it out"]
        )
    if scope is not None and organisation is None:
        raise DirectoryError(grant.role.label, [f"the {grant.role.label} role needs a {scope.label}"])
    if scope is not None and organisation is not None and organisation.kind != scope:
        raise DirectoryError(
            grant.role.label,
            [f"{organisation.name!r} is a {organisation.kind.label}; this role needs a {scope.label}"],
        )
