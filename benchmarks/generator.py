"""Realistic submitted assessment files, for the comparison benchmark and for demos of scale.

The mix mirrors what a commissioner receives: mostly complete files, some
drafts, a few from an older bank version, a few sent twice, a few broken.
Everything is drawn from one seeded random generator, so a run is repeatable.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from checklist.domain.assessment import (
    ActionStatus,
    Answer,
    AnswerValue,
    Assessment,
    PlannedAction,
    Service,
    bank_ref,
)
from checklist.domain.bank import QuestionBank, load_bank
from checklist.domain.errors import BankError
from checklist.domain.loading import dump_assessment
from checklist.paths import default_bank_path

AREAS = ("Northshire", "Southvale", "Eastmoor", "Westbridge", "Central City", "Riverside")
KINDS = ("Recovery Hub", "Community Drug and Alcohol Service", "Women's Service", "Outreach Team", "Rehab")
ORGANISATIONS = ("Change Grow Live", "With You", "Turning Point", "NHS Trust", "Forward Trust", "Local Charity")
NOTES = (
    "Discussed at team meeting; policy drafted but not yet signed off.",
    "We rely on the local women's centre for this.",
    "Only at the main site, not at satellite clinics.",
    '=HYPERLINK("http://example.org") pasted from a spreadsheet',
    "Crèche on Tuesdays only – staff say demand is higher.",
    "+44 number for the out-of-hours line",
)
ANSWER_MIX = (
    (AnswerValue.MET, 45),
    (AnswerValue.PARTLY, 25),
    (AnswerValue.NOT_MET, 15),
    (AnswerValue.UNKNOWN, 7),
    (AnswerValue.NA, 3),
    (None, 5),
)
TOOL_VERSION = "bench"


@dataclass(frozen=True)
class Mix:
    """Shares of the odd files among the generated ones."""

    duplicates: float = 0.03
    broken: float = 0.01
    practice: float = 0.02
    older_version: float = 0.1


def generate_files(bank: QuestionBank, count: int, *, seed: int = 1, mix: Mix | None = None) -> list[tuple[str, bytes]]:
    """`count` files (name, bytes) as they would arrive: JSON, with duplicates and broken ones mixed in."""
    mix = mix or Mix()
    rng = random.Random(seed)
    files: list[tuple[str, bytes]] = []
    for i in range(count):
        roll = rng.random()
        if files and roll < mix.duplicates:
            name, data = rng.choice(files)
            files.append((f"resent-{i:05d}-{name}", data))
        elif roll < mix.duplicates + mix.broken:
            files.append((f"broken-{i:05d}.json", _broken(rng)))
        else:
            assessment = make_submission(
                bank, rng, i, practice=rng.random() < mix.practice, older=rng.random() < mix.older_version
            )
            now = datetime(2025, 1, 1, tzinfo=UTC) + timedelta(minutes=i)
            files.append((f"service-{i:05d}.json", dump_assessment(assessment, tool_version=TOOL_VERSION, now=now)))
    return files


def make_submission(bank: QuestionBank, rng: random.Random, index: int, *, practice: bool, older: bool) -> Assessment:
    profile = {p.id: rng.choice(p.options).id for p in bank.profile}
    answers = {}
    for _, question in bank.questions():
        if not question.applies_to(profile):
            continue
        value = rng.choices([v for v, _ in ANSWER_MIX], weights=[w for _, w in ANSWER_MIX])[0]
        if value is None:
            continue
        note = rng.choice(NOTES) if rng.random() < 0.2 else None
        reason = "We do not offer this kind of support." if value is AnswerValue.NA else None
        answers[question.id] = Answer(answer=value, note=note, na_reason=reason)
    ref = bank_ref(bank)
    if older:
        ref = ref.model_copy(update={"version": "0.9.0", "sha256": ""})
    return Assessment(
        id=f"bench-{rng.getrandbits(64):016x}",
        practice=practice,
        bank=ref,
        service=Service(
            name=f"{rng.choice(AREAS)} {rng.choice(KINDS)} {index}",
            organisation=rng.choice(ORGANISATIONS),
            area=rng.choice(AREAS),
            profile=profile,
        ),
        assessed_on=date(2024, 1, 1) + timedelta(days=rng.randrange(365)),
        answers=answers,
        actions=_actions(bank, answers, rng),
    )


def _actions(bank: QuestionBank, answers: dict[str, Answer], rng: random.Random) -> list[PlannedAction]:
    gaps = [qid for qid, a in answers.items() if a.answer in (AnswerValue.NOT_MET, AnswerValue.PARTLY)]
    actions = []
    for qid in rng.sample(gaps, k=min(len(gaps), rng.randrange(0, 8))):
        question = bank.question(qid)
        text = question.actions[0].text if question else "Agree an action."
        actions.append(
            PlannedAction(
                id=f"{rng.getrandbits(48):012x}",
                question_id=qid,
                text=text,
                owner=rng.choice(("Service manager", "Team lead", "Commissioner", "")),
                due=date(2024, 6, 1) + timedelta(days=rng.randrange(540)),
                status=rng.choice(list(ActionStatus)),
            )
        )
    return actions


def _broken(rng: random.Random) -> bytes:
    return rng.choice((b"", b'{"format": "checklist.assessment", "answers": {', b"not json at all", b"%PDF-1.7 cut"))


def bench_bank() -> QuestionBank:
    """The shipped bank when it loads, else a synthetic one of the same size (10 themes x 5 questions)."""
    try:
        return load_bank(default_bank_path())
    except BankError:
        return synthetic_bank()


def synthetic_bank() -> QuestionBank:
    import yaml

    from checklist.domain.bank import parse_bank

    return parse_bank(yaml.safe_dump(synthetic_bank_document()).encode(), "synthetic-bank.yaml")


def synthetic_bank_document() -> dict[str, object]:
    def question(t: int, q: int) -> dict[str, object]:
        return {
            "id": f"t{t}q{q}",
            "text": f"Theme {t}, question {q}?",
            "why": "Because it matters to women using the service.",
            "good_looks_like": "A written, reviewed policy.",
            "weight": 1 + (t + q) % 3,
            "safety": q == 0,
            "cost": ("none", "low", "medium", "high")[(t * q) % 4],
            "sources": ["wy2021"],
            "actions": [{"text": f"Close gap {t}.{q}.", "cost": "low"}],
            **({"applies_if": {"groups": ["yes"]}} if q == 4 else {}),
            **({"changed_in": "1.0.0"} if (t, q) == (0, 1) else {}),
        }

    return {
        "schema_version": 1,
        "id": "women-access",
        "version": "1.0.0",
        "title": "Synthetic bank",
        "description": "Ten themes of five questions, the shape of the shipped bank.",
        "sources": [
            {
                "id": "wy2021",
                "title": "A system designed for women?",
                "publisher": "With You",
                "year": 2021,
                "url": "https://www.wearewithyou.org.uk/",
            }
        ],
        "profile": [
            {
                "id": "setting",
                "text": "Setting?",
                "options": [
                    {"id": "community", "label": "Community"},
                    {"id": "residential", "label": "Residential"},
                    {"id": "outreach", "label": "Outreach"},
                ],
            },
            {
                "id": "groups",
                "text": "Groups?",
                "options": [{"id": "yes", "label": "Yes"}, {"id": "no", "label": "No"}],
            },
        ],
        "themes": [
            {
                "id": f"t{t}",
                "title": f"Theme {t}",
                "summary": "Why it matters.",
                "questions": [question(t, q) for q in range(5)],
            }
            for t in range(10)
        ],
    }


def write_files(files: list[tuple[str, bytes]], folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name, data in files:
        (folder / name).write_bytes(data)
