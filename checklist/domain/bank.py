"""The question bank: strict, versioned data loaded once from YAML.

The bank format is a public contract (README, "The question bank format"):
other organisations write their own banks, so every check here produces a
message that names the file, the place and the problem in plain words.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterator, Mapping
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Literal

import yaml
from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationError,
    field_validator,
    model_validator,
)
from pydantic_core import ErrorDetails

from checklist.domain.errors import BankError, own_words
from checklist.paths import InputProblem, read_limited

SCHEMA_VERSION = 1
MAX_BANK_BYTES = 2_000_000

Id = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_-]*$", max_length=64)]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=4000)]
SemVer = Annotated[str, StringConstraints(pattern=r"^\d+\.\d+\.\d+$")]


class Cost(StrEnum):
    """What it costs a service to close a gap, cheapest first."""

    NONE = "none"
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"

    @property
    def rank(self) -> int:
        return _COST_RANKS[self]


# Worked out once: the enum's order, asked for every gap of every assessment scored.
_COST_RANKS = {cost: i for i, cost in enumerate(Cost)}


class Jurisdiction(StrEnum):
    """Where a source applies, or which nations its figures describe."""

    ENGLAND = "england"
    WALES = "wales"
    SCOTLAND = "scotland"
    NORTHERN_IRELAND = "northern-ireland"
    ENGLAND_AND_WALES = "england-and-wales"
    GREAT_BRITAIN = "great-britain"
    UK = "uk"
    INTERNATIONAL = "international"

    @property
    def label(self) -> str:
        return JURISDICTION_LABELS[self]


JURISDICTION_LABELS = {
    Jurisdiction.ENGLAND: "England",
    Jurisdiction.WALES: "Wales",
    Jurisdiction.SCOTLAND: "Scotland",
    Jurisdiction.NORTHERN_IRELAND: "Northern Ireland",
    Jurisdiction.ENGLAND_AND_WALES: "England and Wales",
    Jurisdiction.GREAT_BRITAIN: "Great Britain",
    Jurisdiction.UK: "UK",
    Jurisdiction.INTERNATIONAL: "International",
}


class EvidenceKind(StrEnum):
    """What kind of document a question rests on; shown to users, never scored."""

    GUIDANCE = "guidance"
    RESEARCH = "research"
    PRACTICE = "practice"
    LIVED_EXPERIENCE = "lived_experience"

    @property
    def label(self) -> str:
        return EVIDENCE_LABELS[self]


EVIDENCE_LABELS = {
    EvidenceKind.GUIDANCE: "guidance",
    EvidenceKind.RESEARCH: "research",
    EvidenceKind.PRACTICE: "practice",
    EvidenceKind.LIVED_EXPERIENCE: "women's own accounts",
}

# What each kind means, for "How this was scored" and the README.
EVIDENCE_MEANINGS = {
    EvidenceKind.GUIDANCE: "statutory, NICE or national clinical guidance, or the law",
    EvidenceKind.RESEARCH: "published research or official statistics",
    EvidenceKind.PRACTICE: "a practice example, a toolkit, or a position agreed by the sector",
    EvidenceKind.LIVED_EXPERIENCE: "what women who use services have said, in their own words",
}


def evidence_words(kinds: tuple[EvidenceKind, ...]) -> str:
    """'guidance, research' in the bank's own order of kinds; empty when none is recorded."""
    return ", ".join(k.label for k in EvidenceKind if k in kinds)


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)


class Source(_Strict):
    id: Id
    title: Text
    publisher: Text
    year: int = Field(ge=1900, le=2100)
    url: Annotated[str, StringConstraints(pattern=r"^https?://\S+$")]
    # Optional in the format, so banks written for 1.0 still load; the shipped bank sets both.
    jurisdiction: Jurisdiction | None = None
    kinds: tuple[EvidenceKind, ...] = ()


class ProfileOption(_Strict):
    id: Id
    label: Text


class ProfileQuestion(_Strict):
    """A question about the service itself; its answer decides which questions apply."""

    id: Id
    text: Text
    help: Text | None = None
    options: tuple[ProfileOption, ...] = Field(min_length=2)

    def label_of(self, option_id: str) -> str:
        return next((o.label for o in self.options if o.id == option_id), option_id)


class SuggestedAction(_Strict):
    text: Text
    cost: Cost


class Evidence(_Strict):
    """A short fact, with its sources, used in workshops and theme summaries."""

    text: Text
    sources: tuple[Id, ...] = Field(min_length=1)


class Question(_Strict):
    id: Id
    text: Text
    why: Text
    good_looks_like: Text
    weight: Literal[1, 2, 3]
    safety: bool
    cost: Cost
    sources: tuple[Id, ...] = Field(min_length=1)
    actions: tuple[SuggestedAction, ...] = Field(min_length=1)
    applies_if: Mapping[Id, tuple[Id, ...]] = Field(default_factory=dict)
    # What the cited sources are (guidance, research, ...): shown beside "why", never scored.
    evidence: tuple[EvidenceKind, ...] = ()
    # Thresholds written by the bank's authors, not taken from any source ("at least once a
    # week"): each phrase must appear in the question, what met looks like, or an action.
    suggested_standards: tuple[Text, ...] = ()
    # The bank version in which this question's meaning last changed; answers
    # given against an older bank are not compared like for like.
    changed_in: SemVer | None = None
    added_in: SemVer | None = None
    # Why it was added or changed, for the in-app "what changed" list.
    change_note: Text | None = None

    @field_validator("weight", mode="before")
    @classmethod
    def _weight_is_not_a_yes(cls, value: object) -> object:
        # Python counts True as 1, so without this a bare `weight: yes` would load as weight 1.
        if isinstance(value, bool):
            raise ValueError("Input should be 1, 2 or 3")
        return value

    def applies_to(self, profile: Mapping[str, str]) -> bool:
        """Whether the question applies to a service with this profile.

        A condition on a profile question that has not been answered yet
        counts as met: a draft never hides a question the service may need.
        """
        return all(
            profile.get(field) is None or profile[field] in allowed for field, allowed in self.applies_if.items()
        )


class Theme(_Strict):
    id: Id
    title: Text
    summary: Text
    evidence: tuple[Evidence, ...] = ()
    prompts: tuple[Text, ...] = ()
    questions: tuple[Question, ...] = Field(min_length=1)


class RetiredQuestion(_Strict):
    """A question id that was used once and must never be used again."""

    id: Id
    retired_in: SemVer
    reason: Text


class SurveyQuestion(_Strict):
    """A question for the women who use the service, answered yes / partly / no on a phone.

    `checks` names the checklist questions whose answer it tests from the women's side.
    """

    id: Id
    text: Text
    checks: tuple[Id, ...] = Field(min_length=1)
    sources: tuple[Id, ...] = Field(min_length=1)


class Survey(_Strict):
    """The companion survey of women's experience, run by a service beside its self-assessment."""

    version: SemVer
    # The bank version that first shipped the survey, so "what changed" can say so.
    added_in: SemVer | None = None
    introduction: Text
    questions: tuple[SurveyQuestion, ...] = Field(min_length=1, max_length=25)
    # The overall Friends-and-Family-style question, and the one optional free-text question.
    overall: Text
    comment: Text

    def question(self, question_id: str) -> SurveyQuestion | None:
        return next((q for q in self.questions if q.id == question_id), None)


class QuestionBank(_Strict):
    schema_version: Literal[1]
    id: Id
    version: SemVer
    title: Text
    description: Text
    sources: tuple[Source, ...] = Field(min_length=1)
    profile: tuple[ProfileQuestion, ...] = ()
    themes: tuple[Theme, ...] = Field(min_length=1)
    retired: tuple[RetiredQuestion, ...] = ()
    # Optional, so banks without a survey (all banks before 1.2.0) load as before.
    survey: Survey | None = None
    # Filled in by load_bank from the file's bytes, never written by hand.
    sha256: str = ""

    @model_validator(mode="after")
    def _check_references(self) -> QuestionBank:
        problems = list(_reference_problems(self))
        if problems:
            # One line per problem, split again by _validation_messages so each is listed on its own.
            raise ValueError("\n".join(problems))
        return self

    # Lookups used everywhere; the bank is small, so plain scans are fine.
    def questions(self) -> Iterator[tuple[Theme, Question]]:
        for theme in self.themes:
            for question in theme.questions:
                yield theme, question

    def question(self, question_id: str) -> Question | None:
        return next((q for _, q in self.questions() if q.id == question_id), None)

    def theme_of(self, question_id: str) -> Theme | None:
        return next((t for t, q in self.questions() if q.id == question_id), None)

    def text_of(self, question_id: str) -> str:
        """A question as people read it: its text, or its id when this bank does not have it."""
        question = self.question(question_id)
        return question.text if question else question_id

    def source(self, source_id: str) -> Source | None:
        return next((s for s in self.sources if s.id == source_id), None)

    def profile_question(self, profile_id: str) -> ProfileQuestion | None:
        return next((p for p in self.profile if p.id == profile_id), None)

    @property
    def question_count(self) -> int:
        return sum(len(t.questions) for t in self.themes)


def valid_profile(bank: QuestionBank, profile: Mapping[str, str]) -> dict[str, str]:
    """The profile answers this bank knows; an unknown or retired value counts as unanswered."""
    options = {p.id: {o.id for o in p.options} for p in bank.profile}
    return {k: v for k, v in profile.items() if v in options.get(k, ())}


def applicable(bank: QuestionBank, profile: Mapping[str, str]) -> frozenset[str]:
    """The ids of the questions that apply to a service with this profile: the one rule for every caller.

    Scoring, the Themes and Review pages, workshops and the examples all ask this, so a question
    one of them hides can never be one another lists as still to answer.
    """
    known = valid_profile(bank, profile)
    return frozenset(q.id for _, q in bank.questions() if q.applies_to(known))


def version_key(version: str) -> tuple[int, ...]:
    """The order of bank versions: '1.10.0' after '1.9.0', '1.0' the same as '1.0.0'.

    A version that is not made of numbers sorts as the oldest, so every question changed since
    any version counts as changed since it: answers are never compared as if alike by mistake.
    """
    parts = version.strip().split(".")
    if not all(p.isascii() and p.isdigit() for p in parts):
        return (-1,)
    numbers = [int(p) for p in parts]
    return tuple(numbers + [0] * (3 - len(numbers)))


def changed_since(bank: QuestionBank, version: str) -> tuple[Question, ...]:
    """The questions whose meaning changed after `version` of this bank, in bank order."""
    then = version_key(version)
    return tuple(q for _, q in bank.questions() if q.changed_in is not None and version_key(q.changed_in) > then)


def _duplicates(ids: list[str]) -> list[str]:
    seen: set[str] = set()
    return sorted({i for i in ids if i in seen or seen.add(i)})  # type: ignore[func-returns-value]


def _reference_problems(bank: QuestionBank) -> Iterator[str]:
    for kind, ids in (
        ("source", [s.id for s in bank.sources]),
        ("profile question", [p.id for p in bank.profile]),
        ("theme", [t.id for t in bank.themes]),
        ("question", [q.id for _, q in bank.questions()]),
    ):
        for dup in _duplicates(ids):
            yield f"the {kind} id '{dup}' is used more than once"
    for profile in bank.profile:
        for dup in _duplicates([o.id for o in profile.options]):
            yield f"profile question '{profile.id}' lists the option '{dup}' twice"

    source_ids = {s.id for s in bank.sources}
    yield from _survey_problems(bank, source_ids)
    source_kinds = {s.id: set(s.kinds) for s in bank.sources}
    options = {p.id: {o.id for o in p.options} for p in bank.profile}
    retired = {r.id for r in bank.retired}
    for theme in bank.themes:
        for evidence in theme.evidence:
            for missing in sorted(set(evidence.sources) - source_ids):
                yield f"theme '{theme.id}': its evidence cites the source '{missing}', which is not in sources"
        for question in theme.questions:
            place = f"theme '{theme.id}', question '{question.id}'"
            if question.id in retired:
                yield f"{place}: this id was retired and must not be used again"
            for missing in sorted(set(question.sources) - source_ids):
                yield f"{place}: cites the source '{missing}', which is not in sources"
            yield from _evidence_problems(place, question, source_kinds)
            for field, allowed in question.applies_if.items():
                if field not in options:
                    yield f"{place}: applies_if refers to the profile question '{field}', which does not exist"
                    continue
                for value in allowed:
                    if value not in options[field]:
                        yield (
                            f"{place}: applies_if allows '{value}' for '{field}', "
                            f"but '{field}' only has {sorted(options[field])}"
                        )


def _survey_problems(bank: QuestionBank, source_ids: set[str]) -> Iterator[str]:
    if bank.survey is None:
        return
    for dup in _duplicates([q.id for q in bank.survey.questions]):
        yield f"the survey question id '{dup}' is used more than once"
    question_ids = {q.id for _, q in bank.questions()}
    for question in bank.survey.questions:
        place = f"survey question '{question.id}'"
        for missing in sorted(set(question.checks) - question_ids):
            yield f"{place}: checks the question '{missing}', which is not in the themes"
        for missing in sorted(set(question.sources) - source_ids):
            yield f"{place}: cites the source '{missing}', which is not in sources"


def _evidence_problems(place: str, question: Question, source_kinds: dict[str, set[EvidenceKind]]) -> Iterator[str]:
    for dup in _duplicates([k.value for k in question.evidence]):
        yield f"{place}: evidence lists '{dup}' twice"
    cited = [source_kinds.get(s, set()) for s in question.sources]
    # Only checkable when every cited source says what it is.
    if question.evidence and all(cited):
        backed = set().union(*cited)
        for kind in question.evidence:
            if kind not in backed:
                yield f"{place}: evidence says '{kind.value}', but none of its sources is of that kind"
    searchable = " ".join([question.text, question.good_looks_like, *(a.text for a in question.actions)]).lower()
    for phrase in question.suggested_standards:
        if phrase.lower() not in searchable:
            yield (
                f"{place}: the suggested standard '{phrase}' does not appear in the question, "
                "what met looks like, or its actions"
            )


class _NoDuplicateKeysLoader(yaml.SafeLoader):
    """Safe YAML with no repeated keys: a repeated key usually hides a typo."""


def _construct_mapping(loader: yaml.SafeLoader, node: yaml.MappingNode, deep: bool = False) -> dict[object, object]:
    keys = [loader.construct_object(k, deep=deep) for k, _ in node.value]
    for dup in _duplicates([str(k) for k in keys]):
        raise yaml.constructor.ConstructorError(None, None, f"the key '{dup}' appears twice", node.start_mark)
    return loader.construct_mapping(node, deep=deep)


_NoDuplicateKeysLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


# YAML 1.2's plain forms of true/false and whole numbers. PyYAML reads YAML 1.1, which also turns
# yes/no/on/off into true/false, 1:30 into 5400, 0x1F into 31, 1_000 into 1000, 012 into 10 and the
# version 1.10 into the number 1.1: in a bank each of those is a typing slip, so it is refused.
_PLAIN_BOOL = re.compile(r"true|false|True|False|TRUE|FALSE")
_PLAIN_INT = re.compile(r"-?(0|[1-9][0-9]*)")


def _surprise(node: yaml.ScalarNode, read_as: object, hint: str) -> yaml.constructor.ConstructorError:
    return yaml.constructor.ConstructorError(
        None,
        None,
        f"the value {node.value} would be read as {read_as!r} (YAML 1.1 rules); {hint}",
        node.start_mark,
    )


def _strict_bool(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> bool:
    value = loader.construct_yaml_bool(node)
    if not _PLAIN_BOOL.fullmatch(node.value):
        raise _surprise(node, value, "write true or false, or put the value in quotes if it is text")
    return value


def _strict_int(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> int:
    value = loader.construct_yaml_int(node)
    if not _PLAIN_INT.fullmatch(node.value):
        raise _surprise(node, value, "write a plain whole number such as 2, or put the value in quotes if it is text")
    return value


def _strict_float(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> float:
    value = loader.construct_yaml_float(node)
    raise _surprise(
        node, value, "a bank has no decimal numbers: put the value in quotes if it is text, such as a version"
    )


for _tag, _construct in (("bool", _strict_bool), ("int", _strict_int), ("float", _strict_float)):
    _NoDuplicateKeysLoader.add_constructor(f"tag:yaml.org,2002:{_tag}", _construct)


class _AliasCountingLoader(_NoDuplicateKeysLoader):
    """Refuses YAML aliases outright: a bank never needs them, and they allow "billion laughs"."""

    def compose_node(self, parent: yaml.Node | None, index: int) -> yaml.Node | None:
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()  # type: ignore[no-untyped-call]
            raise yaml.composer.ComposerError(
                None, None, "aliases (*name) are not allowed in a question bank", event.start_mark
            )
        return super().compose_node(parent, index)


class _Aliased(Exception):
    """The quick reader found a node used twice: an alias, which the careful reader refuses in its own words."""


# libyaml's reader, when PyYAML was built with it: about ten times faster (the shipped bank in 0.02 s, not 0.2 s).
_QuickBase: type[yaml.SafeLoader] | None = getattr(yaml, "CSafeLoader", None)
_QuickLoader: type[yaml.SafeLoader] | None = None
if _QuickBase is not None:
    _QuickLoader = type("_QuickLoader", (_QuickBase,), {"__doc__": "libyaml with the careful reader's constructors."})
    for _known, _constructor in _NoDuplicateKeysLoader.yaml_constructors.items():
        _QuickLoader.add_constructor(_known, _constructor)


# Where libyaml and PyYAML are known to read differently (found by tests/unit/test_bank_yaml_reader.py):
# tabs (libyaml takes `0<tab>`), tags (`!` alone), a byte-order mark inside the text, a comment
# straight after a block scalar's `|` or `>`, a `?` after a [ or { on the same line (libyaml reads
# `[0?]`, PyYAML refuses it), and a [ or { left open at the end of its line. A bank needs none of
# them (its [lists] are on one line, with no `?`); such a text goes the careful way.
_QUICK_DIFFERS = re.compile(r"[\t!\ufeff]|[|>][-+0-9]*#|[\[{][^\n]*\?|[\[{][^\n\]}]*(?:\n|$)")


def _read_yaml(text: str) -> object:
    """The YAML read the careful way's rules: no repeated key, no alias, YAML 1.2 booleans and numbers.

    libyaml reads it when it can, with the very same constructors; it refuses nesting over 1,000 deep
    itself. Whatever it cannot read (a slip, an alias, anything) is read again by the careful
    pure-Python reader, so every message is the careful reader's own, word for word.
    `tests/unit/test_bank_yaml_reader.py` checks both agree.
    """
    if _QuickLoader is not None and not _QUICK_DIFFERS.search(text):
        try:
            return _quick_yaml(text, _QuickLoader)
        # Broad on purpose: the careful reader below decides, and words, every refusal.
        except Exception:  # noqa: S110
            pass
    return yaml.load(text, Loader=_AliasCountingLoader)  # noqa: S506 - a SafeLoader subclass


def _quick_yaml(text: str, loader_class: type[yaml.SafeLoader]) -> object:
    loader = loader_class(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        _refuse_shared_nodes(node)
        return loader.construct_document(node)
    finally:
        loader.dispose()


def _refuse_shared_nodes(root: yaml.Node) -> None:
    """An alias makes libyaml reuse the node it names: a node met twice means the file has one."""
    seen: set[int] = set()
    stack = [root]
    while stack:
        node = stack.pop()
        if id(node) in seen:
            raise _Aliased
        seen.add(id(node))
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                stack += (key, value)
        elif isinstance(node, yaml.SequenceNode):
            stack += node.value


def parse_bank(data: bytes, name: str = "<bank>") -> QuestionBank:
    """Parse and check a bank from its bytes; `name` is used in messages."""
    if len(data) > MAX_BANK_BYTES:
        raise BankError(name, [f"the file is {len(data):,} bytes; a bank may be at most {MAX_BANK_BYTES:,}"])
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise BankError(name, [f"the file is not UTF-8 text (byte {exc.start})"]) from None
    try:
        raw = _read_yaml(text)
    except yaml.YAMLError as exc:
        raise BankError(name, [f"the YAML cannot be read: {_yaml_message(exc)}"]) from None
    except RecursionError:
        raise BankError(name, ["the YAML is nested far too deeply to be a question bank"]) from None
    except ValueError:
        # Python refuses to read integers of more than 4,300 digits; no bank has one.
        raise BankError(name, ["the YAML holds a number far too long to be part of a question bank"]) from None
    if not isinstance(raw, dict):
        raise BankError(name, ["the file must be a YAML mapping with schema_version, id, version, sources and themes"])
    if raw.get("schema_version") != SCHEMA_VERSION or isinstance(raw.get("schema_version"), bool):
        raise BankError(
            name,
            [f"schema_version is {raw.get('schema_version')!r}; this tool reads schema_version {SCHEMA_VERSION}"],
        )
    raw.pop("sha256", None)
    odd_key = _key_json_cannot_hold(raw)
    if odd_key is not None:
        raise BankError(name, [f"the key {odd_key} is not text (YAML read it as a date or similar): put it in quotes"])
    # Through JSON so that strict mode accepts YAML lists as tuples while still
    # refusing "2" for a weight or "yes" for a true/false field.
    document = json.dumps({**raw, "sha256": hashlib.sha256(data).hexdigest()}, default=str)
    try:
        bank = QuestionBank.model_validate_json(document, strict=True)
    except ValidationError as exc:
        raise BankError(name, _validation_messages(exc, raw)) from None
    return bank


def _key_json_cannot_hold(node: object) -> str | None:
    """The first mapping key, such as an unquoted date, that the trip through JSON would choke on."""
    if isinstance(node, dict):
        for key, value in node.items():
            if not isinstance(key, str | int | float | bool | None):
                return str(key)
            found = _key_json_cannot_hold(value)
            if found is not None:
                return found
    elif isinstance(node, list):
        for item in node:
            found = _key_json_cannot_hold(item)
            if found is not None:
                return found
    return None


def load_bank(path: str | Path) -> QuestionBank:
    """Load the bank at `path`, raising BankError with every problem found."""
    path = Path(path)
    try:
        # Not read_bytes: a FIFO would hang the app and a link to /dev/zero would fill its memory.
        data = read_limited(path, MAX_BANK_BYTES, "a bank")
    except InputProblem as exc:
        raise BankError(str(path), [exc.reason]) from None
    return parse_bank(data, str(path))


def _yaml_message(exc: yaml.YAMLError) -> str:
    mark = getattr(exc, "problem_mark", None)
    problem = getattr(exc, "problem", None) or str(exc)
    if isinstance(problem, str) and problem.startswith("could not determine a constructor for the tag"):
        # Tags such as !!python/object run code in unsafe loaders; say plainly that banks are plain data.
        tag = problem.removeprefix("could not determine a constructor for the tag ").replace("tag:yaml.org,2002:", "!!")
        problem = f"the tag {tag} is not allowed; a question bank is plain YAML data, without tags"
    return f"{problem} (line {mark.line + 1})" if mark else str(problem)


def _validation_messages(exc: ValidationError, raw: dict[str, object]) -> list[str]:
    errors = exc.errors()
    messages: list[str] = []
    for error in errors:
        if _is_follow_on(error, errors):
            continue
        place = _place(error["loc"], raw)
        text = own_words(error)
        if error["type"] == "extra_forbidden":
            text = "this key is not part of the bank format"
        elif error["type"] == "missing":
            text = "this required key is missing"
        elif isinstance(error.get("input"), bool):
            text += " (YAML reads a bare yes, no, true or false as a true/false value: put it in quotes)"
        messages.extend(f"{place}: {line}" if place else line for line in text.splitlines())
    return messages


def _is_follow_on(error: ErrorDetails, errors: list[ErrorDetails]) -> bool:
    """A list counted short only because one of its items failed: the item's own error says it all."""
    loc = error["loc"]
    return error["type"] == "too_short" and any(
        len(other["loc"]) > len(loc) and other["loc"][: len(loc)] == loc for other in errors
    )


def _place(loc: tuple[int | str, ...], raw: object) -> str:
    """Turn a pydantic location into words, naming theme and question ids."""
    parts: list[str] = []
    node = raw
    for i, key in enumerate(loc):
        if isinstance(key, int) and i >= 2 and loc[i - 2] == "applies_if":
            # A list of allowed values, not of records: "groups, value 1", never "group 1".
            parts.append(f"value {key + 1}")
        elif isinstance(key, int) and isinstance(node, list) and key < len(node):
            node = node[key]
            parent = str(loc[i - 1]) if i else ""
            label = {"themes": "theme", "questions": "question", "sources": "source", "profile": "profile question"}
            ident = node.get("id") if isinstance(node, dict) and isinstance(node.get("id"), str) else None
            noun = label.get(parent, parent.rstrip("s") or "item")
            if parts and parts[-1] == parent:
                parts.pop()
            parts.append(f"{noun} '{ident}'" if ident else f"{noun} {key + 1}")
        else:
            parts.append(str(key))
            node = node.get(key) if isinstance(node, dict) else None
    return ", ".join(parts)
