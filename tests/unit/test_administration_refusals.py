"""Every role x every Administration method, from the rule table of tests/unit/test_permissions.py.

The directory here answers nothing: a method that touches it raises `Reached`, so a refusal is
seen to come before any read or write, and an allowed call is seen to get through.
"""

from __future__ import annotations

import logging
from typing import Any, cast

import pytest

from checklist.domain.people import OrganisationKind, Person, Role
from checklist.storage.administration import CHECKED, REFUSED, Administration, NotAllowed
from checklist.storage.directory import DirectoryStore
from tests.unit.test_permissions import ACTIONS, CASES, HOLDERS

# The arguments each method is called with: any will do, the check comes first.
ARGUMENTS: dict[str, tuple[Any, ...]] = {
    "organisations": (),
    "add_organisation": ("Riverside", OrganisationKind.PROVIDER),
    "add_service": ("Riverside", "Women's service"),
    "removal": ("Riverside",),
    "remove_organisation": ("Riverside",),
    "people": (),
    "invite": ("bo@example.org", Role.STAFF, "Riverside"),
    "remove_role": ("bo@example.org", Role.STAFF, "Riverside"),
    "remove_person": ("bo@example.org",),
}

# What the rule table says of each holder, for the two actions over the whole server ("-").
ALLOWED = {(holder, ACTIONS[action]): allowed for holder, action, target, allowed in CASES if target == "-"}


class Reached(Exception):
    """The call got past the check to the directory."""


class Untouchable:
    def __getattr__(self, name: str) -> Any:
        raise Reached(name)


def _administration(holder: str) -> Administration:
    person = Person(id=1, email=f"{holder.replace(':', '-')}@example.org", subject="iss sub", roles=HOLDERS[holder])
    return Administration(cast(DirectoryStore, Untouchable()), person)


def test_every_method_that_reads_or_changes_the_directory_is_checked_and_tried_here() -> None:
    public = {name for name in vars(Administration) if not name.startswith("_")} - {"require", "may_manage"}
    assert public == set(CHECKED) == set(ARGUMENTS)


@pytest.mark.parametrize("method", sorted(CHECKED))
@pytest.mark.parametrize("holder", list(HOLDERS))
def test_each_role_may_call_exactly_what_the_rule_table_allows(
    holder: str, method: str, caplog: pytest.LogCaptureFixture
) -> None:
    administration = _administration(holder)
    call = getattr(administration, method)

    if ALLOWED[(holder, CHECKED[method])]:
        with pytest.raises(Reached):
            call(*ARGUMENTS[method])
        return
    with caplog.at_level(logging.WARNING), pytest.raises(NotAllowed) as refused:
        call(*ARGUMENTS[method])
    assert refused.value.message == REFUSED
    assert f"refused: {administration.person.email if administration.person else ''} may not" in caplog.text


@pytest.mark.parametrize("method", sorted(CHECKED))
def test_someone_signed_in_with_no_invitation_is_refused_everything(method: str) -> None:
    with pytest.raises(NotAllowed):
        getattr(Administration(cast(DirectoryStore, Untouchable()), None), method)(*ARGUMENTS[method])


def test_only_an_administrator_is_offered_the_page() -> None:
    assert [holder for holder in HOLDERS if _administration(holder).may_manage()] == ["admin"]
