"""Two people changing one assessment at once: keep both changes unless they touch the same thing.

An assessment is seen as parts: one per answer, one per field of each action, one per service field and
profile answer, and the assessor, date, practice flag and the women's survey results. A change made from an older copy
(`base`) is merged into the newest saved copy when none of the parts it changed was changed
there too; otherwise the two clash, and the person is asked which to keep.
"""

from __future__ import annotations

from typing import Any

from checklist.domain.assessment import Assessment, PlannedAction, Service

_GONE = object()  # a part that one side has and the other has not


def _parts(assessment: Assessment) -> dict[str, Any]:
    parts: dict[str, Any] = {f"answer:{qid}": answer for qid, answer in assessment.answers.items()}
    # An action is parts too (its text, owner, due date, status): one person may date it while another names its owner.
    parts |= {f"action:{action.id}:{field}": value for action in assessment.actions for field, value in action}
    parts |= {f"profile:{pid}": value for pid, value in assessment.service.profile.items()}
    parts |= {f"service:{name}": getattr(assessment.service, name) for name in ("name", "organisation", "area")}
    parts |= {
        "assessor": assessment.assessor,
        "assessed_on": assessment.assessed_on,
        "practice": assessment.practice,
        "previous": assessment.previous,
        "survey": assessment.survey,
    }
    return parts


def changed_parts(before: Assessment, after: Assessment) -> set[str]:
    """The names of the parts that differ (added, removed or changed) between two copies."""
    old, new = _parts(before), _parts(after)
    return {name for name in old.keys() | new.keys() if old.get(name, _GONE) != new.get(name, _GONE)}


def clashes(base: Assessment, mine: Assessment, theirs: Assessment) -> set[str]:
    """The parts both sides changed from `base`, each in its own way."""
    both = changed_parts(base, mine) & changed_parts(base, theirs)
    mine_parts, their_parts = _parts(mine), _parts(theirs)
    return {name for name in both if mine_parts.get(name, _GONE) != their_parts.get(name, _GONE)}


def apply_changes(base: Assessment, mine: Assessment, onto: Assessment) -> Assessment:
    """`onto` with every part that `mine` changed from `base` set as in `mine` (mine wins any clash)."""
    mine_parts, result = _parts(mine), _parts(onto)
    for name in changed_parts(base, mine):
        if name in mine_parts:
            result[name] = mine_parts[name]
        else:
            result.pop(name, None)
    return _rebuild(onto, mine, result)


def merge(base: Assessment, mine: Assessment, theirs: Assessment) -> Assessment | None:
    """Both sides' changes in one assessment, or None when they clash on a part."""
    if clashes(base, mine, theirs):
        return None
    return apply_changes(base, mine, theirs)


def _rebuild(onto: Assessment, mine: Assessment, parts: dict[str, Any]) -> Assessment:
    def named(prefix: str) -> dict[str, Any]:
        return {name.removeprefix(prefix): value for name, value in parts.items() if name.startswith(prefix)}

    fields: dict[str, dict[str, Any]] = {}
    for name, value in named("action:").items():
        action_id, field = name.rsplit(":", 1)
        fields.setdefault(action_id, {})[field] = value
    # An action someone removed while the other changed it stays removed: its id field is gone too.
    actions = {i: PlannedAction.model_validate(f) for i, f in fields.items() if "id" in f}
    # The newest copy's order first, then actions only this side added, in its order.
    order = [a.id for a in onto.actions] + [a.id for a in mine.actions if a.id not in {b.id for b in onto.actions}]
    service = Service(
        name=parts["service:name"],
        organisation=parts["service:organisation"],
        area=parts["service:area"],
        profile=named("profile:"),
    )
    return onto.model_copy(
        update={
            "answers": named("answer:"),
            "actions": [actions[i] for i in order if i in actions],
            "service": service,
            "assessor": parts["assessor"],
            "assessed_on": parts["assessed_on"],
            "practice": parts["practice"],
            "previous": parts["previous"],
            "survey": parts["survey"],
        }
    )
