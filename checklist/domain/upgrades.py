"""Named, ordered steps that bring an older assessment file up to date.

Each step takes the JSON document of version N and returns version N + 1.
Steps never drop a user's answer, note or action.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from typing import Any

Document = dict[str, Any]


def v1_to_v2(doc: Document) -> Document:
    """Version 2 added the assessment id, the practice flag, action ids and `previous`."""
    doc = dict(doc)
    doc.setdefault("id", secrets.token_urlsafe(16))
    doc.setdefault("practice", False)
    doc.setdefault("previous", None)
    actions = doc.get("actions")
    if isinstance(actions, list):
        doc["actions"] = [
            {"id": secrets.token_hex(6), **a} if isinstance(a, dict) and "id" not in a else a for a in actions
        ]
    doc["format_version"] = 2
    return doc


UPGRADES: dict[int, Callable[[Document], Document]] = {1: v1_to_v2}


def upgrade(doc: Document, to_version: int) -> Document:
    """Apply every step from the document's version up to `to_version`."""
    version = doc.get("format_version")
    while isinstance(version, int) and version < to_version and version in UPGRADES:
        doc = UPGRADES[version](doc)
        version = doc["format_version"]
    return doc
