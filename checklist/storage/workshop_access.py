"""The workshop store as one trainer may use it: the facilitator's every read and write checks here.

On a laptop (no sign-in) `LocalWorkshops` passes everything through, as before: whoever has the
facilitator's link runs the workshop. With sign-in, `TrainerWorkshops` asks
`checklist.domain.permissions.can` first: a trainer creates workshops, and opens and changes only
their own. Another trainer's workshop is answered as missing, the same answer as a link that names
nothing, and the refusal is logged. Participants never come here: they join with the code and no
account (checklist.ui.workshop_participant_page).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Protocol

from checklist.domain.people import Person
from checklist.domain.permissions import Action, WorkshopRef, can
from checklist.domain.workshop import Workshop
from checklist.storage.database import StoreError
from checklist.storage.workshop_owners import WorkshopOwnerStore
from checklist.storage.workshops import StoredWorkshop, WorkshopStore

log = logging.getLogger(__name__)

GONE = "this workshop no longer exists"  # the store's own words for a workshop that is not there
NOT_A_TRAINER = "You cannot run workshops on this server: you are not a trainer. Ask your administrator."


class Workshops(Protocol):
    """What the facilitator's page may do with workshops; both kinds of access below provide it."""

    def may_run(self) -> bool: ...

    def create(self, workshop: Workshop) -> StoredWorkshop: ...

    def get(self, workshop_id: str) -> StoredWorkshop | None: ...

    def update(self, workshop_id: str, change: Callable[[Workshop], Workshop]) -> StoredWorkshop: ...

    def mine(self) -> list[StoredWorkshop]: ...


class LocalWorkshops:
    """Single-user local mode: no sign-in, so no checks; the workshop store as it always was."""

    def __init__(self, store: WorkshopStore) -> None:
        self._store = store

    def may_run(self) -> bool:
        return True

    def create(self, workshop: Workshop) -> StoredWorkshop:
        return self._store.create(workshop)

    def get(self, workshop_id: str) -> StoredWorkshop | None:
        return self._store.get(workshop_id)

    def update(self, workshop_id: str, change: Callable[[Workshop], Workshop]) -> StoredWorkshop:
        return self._store.update(workshop_id, change)

    def mine(self) -> list[StoredWorkshop]:
        """Nobody's in particular: on a laptop the page lists the workshops this browser runs instead."""
        return []


class TrainerWorkshops:
    """One signed-in person's workshops: `person` None (signed in but never invited) may do nothing."""

    def __init__(self, store: WorkshopStore, owners: WorkshopOwnerStore, person: Person | None) -> None:
        self._store = store
        self._owners = owners
        self.person = person

    @property
    def _person_id(self) -> int | None:
        return self.person.id if self.person else None

    def _who(self) -> str:
        return self.person.email if self.person else "someone with no invitation"

    def _can(self, action: Action, workshop_id: str | None = None) -> bool:
        roles = self.person.roles if self.person else ()
        target = None if workshop_id is None else WorkshopRef(trainer_id=self._owners.owner_of(workshop_id))
        return can(roles, action, target, person_id=self._person_id)

    def _allowed(self, action: Action, workshop_id: str) -> bool:
        allowed = self._can(action, workshop_id)
        if not allowed:
            log.warning("refused: %s may not %s %s", self._who(), action.value, _printable(workshop_id))
        return allowed

    def may_run(self) -> bool:
        """Whether the Workshop page is offered: checked without logging, as the menu asks on every run."""
        return self._can(Action.RUN_WORKSHOP)

    def create(self, workshop: Workshop) -> StoredWorkshop:
        """Save a new workshop as its trainer's: the owner is recorded first, so it is never anybody's."""
        if self.person is None or not self.person.subject or not self._can(Action.RUN_WORKSHOP):
            log.warning("refused: %s may not create a workshop", self._who())
            raise StoreError(NOT_A_TRAINER)
        self._owners.set_owner(workshop.id, self.person.id, self.person.subject, now=workshop.created_at)
        return self._store.create(workshop)

    def get(self, workshop_id: str) -> StoredWorkshop | None:
        if not self._allowed(Action.OPEN_WORKSHOP, workshop_id):
            return None
        return self._store.get(workshop_id)

    def update(self, workshop_id: str, change: Callable[[Workshop], Workshop]) -> StoredWorkshop:
        if not self._allowed(Action.CHANGE_WORKSHOP, workshop_id):
            raise StoreError(GONE)
        return self._store.update(workshop_id, change)

    def mine(self) -> list[StoredWorkshop]:
        """This trainer's workshops, newest first (none for someone who is no longer a trainer)."""
        person_id, roles = self._person_id, self.person.roles if self.person else ()
        own = WorkshopRef(trainer_id=person_id)
        if person_id is None or not can(roles, Action.OPEN_WORKSHOP, own, person_id=person_id):
            return []
        found = (self._store.get(owned.workshop_id) for owned in self._owners.made_by(person_id))
        return [stored for stored in found if stored is not None]


def _printable(workshop_id: str) -> str:
    """The id as logged: a link's text, cut short and with no line breaks, so it cannot forge log lines."""
    return "".join(c if c.isprintable() else "?" for c in workshop_id[:100])
