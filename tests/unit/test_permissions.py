"""Every role x action x object, from one table written by hand.

Two areas: Northshire commissions Riverside and Hillside; Southshire commissions Fenside.
Columns are the objects acted on; Y means allowed, . means refused:

  Riv, Hil, Fen   the three provider organisations
  Nor, Sou        the two commissioning areas
  riv             a draft assessment of Riverside (not submitted)
  riv+ hil+ fen+  a submitted assessment of Riverside, Hillside, Fenside
  own?            an assessment with no owner (made before sign-in was switched on)
  -               nothing: an action over the whole server
  sub:riv sub:fen a submission (the snapshot sent) of Riverside to Northshire, of Fenside to Southshire
  ws:own ws:his   a workshop made by the holder of the roles, and one made by another trainer
  ws?             a workshop with no trainer (made in local mode, before sign-in was switched on)

Nobody may change a submission (the "change" rows): a later one supersedes it instead.
Only the owning organisation's staff delete an assessment; only an administrator reads the audit
trail and sets how long drafts are kept (the "audit" and "retain" rows).
"""

from __future__ import annotations

import pytest

from checklist.domain.people import DirectoryError, Organisation, OrganisationKind, Role, RoleGrant, normalise_email
from checklist.domain.permissions import Action, AssessmentRef, SubmissionRef, Target, WorkshopRef, can

NOR, SOU, RIV, HIL, FEN = 10, 20, 1, 2, 3
PERSON, ANOTHER = 7, 8  # the holder of the roles, and another person

OBJECTS: dict[str, Target] = {
    "Riv": Organisation(id=RIV, name="Riverside", kind=OrganisationKind.PROVIDER, area_id=NOR),
    "Hil": Organisation(id=HIL, name="Hillside", kind=OrganisationKind.PROVIDER, area_id=NOR),
    "Fen": Organisation(id=FEN, name="Fenside", kind=OrganisationKind.PROVIDER, area_id=SOU),
    "Nor": Organisation(id=NOR, name="Northshire", kind=OrganisationKind.AREA),
    "Sou": Organisation(id=SOU, name="Southshire", kind=OrganisationKind.AREA),
    "riv": AssessmentRef(organisation_id=RIV, area_id=NOR, submitted=False),
    "riv+": AssessmentRef(organisation_id=RIV, area_id=NOR, submitted=True),
    "hil+": AssessmentRef(organisation_id=HIL, area_id=NOR, submitted=True),
    "fen+": AssessmentRef(organisation_id=FEN, area_id=SOU, submitted=True),
    "own?": AssessmentRef(organisation_id=None, area_id=None, submitted=True),
    "-": None,
    "sub:riv": SubmissionRef(organisation_id=RIV, area_id=NOR),
    "sub:fen": SubmissionRef(organisation_id=FEN, area_id=SOU),
    "ws:own": WorkshopRef(trainer_id=PERSON),
    "ws:his": WorkshopRef(trainer_id=ANOTHER),
    "ws?": WorkshopRef(trainer_id=None),
}

HOLDERS: dict[str, tuple[RoleGrant, ...]] = {
    "staff:Riv": (RoleGrant(role=Role.STAFF, organisation_id=RIV),),
    "comm:Nor": (RoleGrant(role=Role.COMMISSIONER, organisation_id=NOR),),
    "trainer": (RoleGrant(role=Role.TRAINER),),
    "admin": (RoleGrant(role=Role.ADMINISTRATOR),),
    "nobody": (),
}

ACTIONS = {
    "create": Action.CREATE_ASSESSMENT,
    "read": Action.READ_ASSESSMENT,
    "edit": Action.EDIT_ASSESSMENT,
    "submit": Action.SUBMIT_ASSESSMENT,
    "compare": Action.COMPARE_SUBMISSIONS,
    "workshop": Action.RUN_WORKSHOP,
    "orgs": Action.MANAGE_ORGANISATIONS,
    "people": Action.MANAGE_PEOPLE,
    "readsub": Action.READ_SUBMISSION,
    "change": Action.CHANGE_SUBMISSION,
    "delete": Action.DELETE_ASSESSMENT,
    "audit": Action.READ_AUDIT,
    "retain": Action.SET_RETENTION,
    "open": Action.OPEN_WORKSHOP,
    "wchange": Action.CHANGE_WORKSHOP,
}

TABLE = """
holder    action   Riv Hil Fen Nor Sou riv riv+ hil+ fen+ own? - sub:riv sub:fen ws:own ws:his ws?
staff:Riv create   Y   .   .   .   .   .   .    .    .    .    . .       .       .      .      .
staff:Riv read     .   .   .   .   .   Y   Y    .    .    .    . .       .       .      .      .
staff:Riv edit     .   .   .   .   .   Y   Y    .    .    .    . .       .       .      .      .
staff:Riv submit   .   .   .   .   .   Y   Y    .    .    .    . .       .       .      .      .
staff:Riv compare  .   .   .   .   .   .   .    .    .    .    . .       .       .      .      .
staff:Riv workshop .   .   .   .   .   .   .    .    .    .    . .       .       .      .      .
staff:Riv orgs     .   .   .   .   .   .   .    .    .    .    . .       .       .      .      .
staff:Riv people   .   .   .   .   .   .   .    .    .    .    . .       .       .      .      .
staff:Riv readsub  .   .   .   .   .   .   .    .    .    .    . Y       .       .      .      .
staff:Riv change   .   .   .   .   .   .   .    .    .    .    . .       .       .      .      .
staff:Riv delete   .   .   .   .   .   Y   Y    .    .    .    . .       .       .      .      .
staff:Riv audit    .   .   .   .   .   .   .    .    .    .    . .       .       .      .      .
staff:Riv retain   .   .   .   .   .   .   .    .    .    .    . .       .       .      .      .
staff:Riv open     .   .   .   .   .   .   .    .    .    .    . .       .       .      .      .
staff:Riv wchange  .   .   .   .   .   .   .    .    .    .    . .       .       .      .      .
comm:Nor  create   .   .   .   .   .   .   .    .    .    .    . .       .       .      .      .
comm:Nor  read     .   .   .   .   .   .   Y    Y    .    .    . .       .       .      .      .
comm:Nor  edit     .   .   .   .   .   .   .    .    .    .    . .       .       .      .      .
comm:Nor  submit   .   .   .   .   .   .   .    .    .    .    . .       .       .      .      .
comm:Nor  compare  .   .   .   Y   .   .   .    .    .    .    . .       .       .      .      .
comm:Nor  workshop .   .   .   .   .   .   .    .    .    .    . .       .       .      .      .
comm:Nor  orgs     .   .   .   .   .   .   .    .    .    .    . .       .       .      .      .
comm:Nor  people   .   .   .   .   .   .   .    .    .    .    . .       .       .      .      .
comm:Nor  readsub  .   .   .   .   .   .   .    .    .    .    . Y       .       .      .      .
comm:Nor  change   .   .   .   .   .   .   .    .    .    .    . .       .       .      .      .
comm:Nor  delete   .   .   .   .   .   .   .    .    .    .    . .       .       .      .      .
comm:Nor  audit    .   .   .   .   .   .   .    .    .    .    . .       .       .      .      .
comm:Nor  retain   .   .   .   .   .   .   .    .    .    .    . .       .       .      .      .
comm:Nor  open     .   .   .   .   .   .   .    .    .    .    . .       .       .      .      .
comm:Nor  wchange  .   .   .   .   .   .   .    .    .    .    . .       .       .      .      .
trainer   create   .   .   .   .   .   .   .    .    .    .    . .       .       .      .      .
trainer   read     .   .   .   .   .   .   .    .    .    .    . .       .       .      .      .
trainer   edit     .   .   .   .   .   .   .    .    .    .    . .       .       .      .      .
trainer   submit   .   .   .   .   .   .   .    .    .    .    . .       .       .      .      .
trainer   compare  .   .   .   .   .   .   .    .    .    .    . .       .       .      .      .
trainer   workshop .   .   .   .   .   .   .    .    .    .    Y .       .       .      .      .
trainer   orgs     .   .   .   .   .   .   .    .    .    .    . .       .       .      .      .
trainer   people   .   .   .   .   .   .   .    .    .    .    . .       .       .      .      .
trainer   readsub  .   .   .   .   .   .   .    .    .    .    . .       .       .      .      .
trainer   change   .   .   .   .   .   .   .    .    .    .    . .       .       .      .      .
trainer   delete   .   .   .   .   .   .   .    .    .    .    . .       .       .      .      .
trainer   audit    .   .   .   .   .   .   .    .    .    .    . .       .       .      .      .
trainer   retain   .   .   .   .   .   .   .    .    .    .    . .       .       .      .      .
trainer   open     .   .   .   .   .   .   .    .    .    .    . .       .       Y      .      .
trainer   wchange  .   .   .   .   .   .   .    .    .    .    . .       .       Y      .      .
admin     create   .   .   .   .   .   .   .    .    .    .    . .       .       .      .      .
admin     read     .   .   .   .   .   .   .    .    .    .    . .       .       .      .      .
admin     edit     .   .   .   .   .   .   .    .    .    .    . .       .       .      .      .
admin     submit   .   .   .   .   .   .   .    .    .    .    . .       .       .      .      .
admin     compare  .   .   .   .   .   .   .    .    .    .    . .       .       .      .      .
admin     workshop .   .   .   .   .   .   .    .    .    .    . .       .       .      .      .
admin     orgs     .   .   .   .   .   .   .    .    .    .    Y .       .       .      .      .
admin     people   .   .   .   .   .   .   .    .    .    .    Y .       .       .      .      .
admin     readsub  .   .   .   .   .   .   .    .    .    .    . .       .       .      .      .
admin     change   .   .   .   .   .   .   .    .    .    .    . .       .       .      .      .
admin     delete   .   .   .   .   .   .   .    .    .    .    . .       .       .      .      .
admin     audit    .   .   .   .   .   .   .    .    .    .    Y .       .       .      .      .
admin     retain   .   .   .   .   .   .   .    .    .    .    Y .       .       .      .      .
admin     open     .   .   .   .   .   .   .    .    .    .    . .       .       .      .      .
admin     wchange  .   .   .   .   .   .   .    .    .    .    . .       .       .      .      .
nobody    create   .   .   .   .   .   .   .    .    .    .    . .       .       .      .      .
nobody    read     .   .   .   .   .   .   .    .    .    .    . .       .       .      .      .
nobody    edit     .   .   .   .   .   .   .    .    .    .    . .       .       .      .      .
nobody    submit   .   .   .   .   .   .   .    .    .    .    . .       .       .      .      .
nobody    compare  .   .   .   .   .   .   .    .    .    .    . .       .       .      .      .
nobody    workshop .   .   .   .   .   .   .    .    .    .    . .       .       .      .      .
nobody    orgs     .   .   .   .   .   .   .    .    .    .    . .       .       .      .      .
nobody    people   .   .   .   .   .   .   .    .    .    .    . .       .       .      .      .
nobody    readsub  .   .   .   .   .   .   .    .    .    .    . .       .       .      .      .
nobody    change   .   .   .   .   .   .   .    .    .    .    . .       .       .      .      .
nobody    delete   .   .   .   .   .   .   .    .    .    .    . .       .       .      .      .
nobody    audit    .   .   .   .   .   .   .    .    .    .    . .       .       .      .      .
nobody    retain   .   .   .   .   .   .   .    .    .    .    . .       .       .      .      .
nobody    open     .   .   .   .   .   .   .    .    .    .    . .       .       .      .      .
nobody    wchange  .   .   .   .   .   .   .    .    .    .    . .       .       .      .      .
"""


def _cases() -> list[tuple[str, str, str, bool]]:
    header, *rows = [line.split() for line in TABLE.strip().splitlines()]
    objects = header[2:]
    assert objects == list(OBJECTS), "the table's columns are the objects, in order"
    cases = []
    for row in rows:
        holder, action, marks = row[0], row[1], row[2:]
        assert len(marks) == len(objects), f"row {holder} {action} has {len(marks)} marks"
        cases += [(holder, action, name, mark == "Y") for name, mark in zip(objects, marks, strict=True)]
    return cases


CASES = _cases()


def test_the_table_covers_every_holder_action_and_object_once() -> None:
    assert len(CASES) == len(HOLDERS) * len(ACTIONS) * len(OBJECTS)
    assert len({(h, a, o) for h, a, o, _ in CASES}) == len(CASES)


@pytest.mark.parametrize(("holder", "action", "target", "allowed"), CASES, ids=lambda v: str(v))
def test_each_role_may_do_exactly_what_the_table_says(holder: str, action: str, target: str, allowed: bool) -> None:
    assert can(HOLDERS[holder], ACTIONS[action], OBJECTS[target], person_id=PERSON) is allowed


def test_a_person_with_roles_in_two_organisations_may_work_on_both() -> None:
    both = (RoleGrant(role=Role.STAFF, organisation_id=RIV), RoleGrant(role=Role.STAFF, organisation_id=HIL))
    assert can(both, Action.EDIT_ASSESSMENT, OBJECTS["riv"])
    assert can(both, Action.EDIT_ASSESSMENT, OBJECTS["hil+"])
    assert not can(both, Action.EDIT_ASSESSMENT, OBJECTS["fen+"])


@pytest.mark.parametrize(
    ("typed", "normalised"),
    [
        ("Ana@Example.org", "ana@example.org"),
        ("  ana@example.org ", "ana@example.org"),
        ("ａｎａ@ｅｘａｍｐｌｅ.org", "ana@example.org"),  # full-width letters, as some keyboards type them
        ("STRASSE@example.de", "strasse@example.de"),
    ],
)
def test_email_addresses_are_compared_after_nfkc_and_case_folding(typed: str, normalised: str) -> None:
    assert normalise_email(typed) == normalised


@pytest.mark.parametrize("typed", ["", "ana", "ana@", "@example.org", "ana@localhost", "ana lopez@example.org"])
def test_something_that_is_not_an_email_address_is_refused_in_plain_words(typed: str) -> None:
    with pytest.raises(DirectoryError, match="e-mail address"):
        normalise_email(typed)


def test_a_trainer_whose_identity_is_not_given_opens_no_workshop() -> None:
    assert not can(HOLDERS["trainer"], Action.OPEN_WORKSHOP, OBJECTS["ws:own"])
    assert not can(HOLDERS["trainer"], Action.CHANGE_WORKSHOP, WorkshopRef(trainer_id=None), person_id=None)
