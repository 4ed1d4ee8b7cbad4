"""Reading an assessment file (JSON, or a PDF with the JSON attached).

One loader for the app, the CLI and the comparison: it never raises anything
but AssessmentFileError, and reports what it tolerated as warnings.
"""

from __future__ import annotations

import hashlib
import io
import json
import logging
import operator
import re
import zlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from pydantic import ValidationError

from checklist.domain.assessment import (
    FORMAT,
    FORMAT_VERSION,
    Answer,
    Assessment,
    PlannedAction,
    distinct_action_ids,
)
from checklist.domain.bank import QuestionBank
from checklist.domain.errors import AssessmentFileError, own_words
from checklist.domain.upgrades import upgrade
from checklist.domain.wording import agrees, counted

MAX_FILE_BYTES = 5_000_000
MAX_ATTACHMENT_BYTES = 2_000_000
ATTACHMENT_NAME = "assessment.json"
_MAX_DEPTH = 20


@dataclass(frozen=True)
class LoadedAssessment:
    assessment: Assessment
    warnings: list[str] = field(default_factory=list)


def load_assessment(data: bytes, name: str, bank: QuestionBank) -> LoadedAssessment:
    """Load an assessment from a file's bytes, checked against `bank`.

    Total: whatever goes wrong inside (a library's bug, a case no one foresaw)
    becomes an AssessmentFileError, so one strange file never stops the rest.
    """
    try:
        return _load_assessment(data, name, bank)
    except AssessmentFileError:
        raise
    # Broad on purpose: the per-file boundary: any failure at all becomes this file's message.
    except Exception as exc:
        raise AssessmentFileError(name, [could_not_be_read(exc)]) from None


def could_not_be_read(exc: BaseException) -> str:
    """An unexpected failure while reading one file, in plain words."""
    return f"the file could not be read ({_plain_reason(exc)})"


def _plain_reason(exc: BaseException) -> str:
    if isinstance(exc, MemoryError):
        return "it needs more memory than this computer has free"
    if isinstance(exc, RecursionError):
        return "it is nested too deeply"
    if isinstance(exc, OverflowError):
        return "it holds a number or a date too large to work with"
    if isinstance(exc, NotImplementedError):
        return "it uses a feature this tool cannot read"
    return f"an unexpected problem inside the tool ({type(exc).__name__}); please report it with the file"


def _load_assessment(data: bytes, name: str, bank: QuestionBank) -> LoadedAssessment:
    if len(data) > MAX_FILE_BYTES:
        raise AssessmentFileError(
            name,
            [f"the file is {len(data):,} bytes; an assessment file may be at most {MAX_FILE_BYTES:,} bytes"],
        )
    text = _sniff(data, name)
    at_once = validated_at_once(text)
    assessment = at_once if at_once is not None else parse_document(_parse_json(text, name), name)
    assessment, repaired = _with_distinct_action_ids(assessment)
    return LoadedAssessment(assessment, repaired + bank_warnings(assessment, bank))


# A key with a space before its colon, anywhere (even inside a text): the key count below would miss it.
_SPACED_KEY = re.compile(rb'"[ \t\r\n]+:')
# The version written as the whole number 2: pydantic would take 2.0, which the careful path refuses.
_CURRENT_VERSION = re.compile(rb'"format_version":[ \t\r\n]*' + str(FORMAT_VERSION).encode() + rb"[ \t\r\n]*[,}]")


def validated_at_once(data: bytes) -> Assessment | None:
    """The assessment read and checked in one pass by pydantic's JSON parser, or None to take the careful path.

    The careful path (json.loads, then the checks of `_parse_json` and `parse_document`) gives each
    problem its own plain message; for a current-version file that is fine it finds nothing to say,
    so this pass is used when its answer is sure to be the same:
    - it validates (so it is UTF-8 JSON, an object, and nested no deeper than the model: no field holds
      free-form JSON, so the depth limit cannot be reached);
    - it names its format and the current format version itself, written as a whole number (the
      model would take a missing one as the default and 2.0 as 2; the careful path refuses both);
    - no key appears twice in one object: pydantic keeps the last one silently, the careful path
      refuses the file. Every key is counted where it ends with `":`; with no key spaced from its
      colon, that count is at least the keys written, so equal to the keys the model holds means
      none was repeated. A text holding `\":` only makes the counts differ, and the careful path runs.
    Anything else (an older version to upgrade, a broken file) returns None. `tests/unit/test_loading_fast.py`
    checks both paths agree.
    """
    if _SPACED_KEY.search(data) or not _CURRENT_VERSION.search(data):
        return None
    try:
        assessment = Assessment.model_validate_json(data)
    # Broad on purpose: whatever this pass cannot read, the careful path reads and explains.
    except Exception:
        return None
    if "format" not in assessment.model_fields_set or data.count(b'":') != _keys_held(assessment):
        return None
    return assessment


def _keys_held(assessment: Assessment) -> int:
    """How many keys the file gave that the model kept: each object's fields as given, and each map's entries."""
    count = len(assessment.model_fields_set) + len(assessment.bank.model_fields_set)
    if "service" in assessment.model_fields_set:
        count += len(assessment.service.model_fields_set) + len(assessment.service.profile)
    if assessment.assessor is not None:
        count += len(assessment.assessor.model_fields_set)
    count += _answers_and_actions(assessment.answers, assessment.actions)
    previous = assessment.previous
    if previous is not None:
        count += len(previous.model_fields_set) + len(previous.bank.model_fields_set)
        count += _answers_and_actions(previous.answers, previous.actions)
    return count


def _answers_and_actions(answers: Mapping[str, Answer], actions: list[PlannedAction]) -> int:
    given = _FIELDS_GIVEN
    return len(answers) + sum(map(len, map(given, answers.values()))) + sum(map(len, map(given, actions)))


# What model_fields_set reads, without a Python call for each of thousands of answers.
_FIELDS_GIVEN = operator.attrgetter("__pydantic_fields_set__")


def _with_distinct_action_ids(assessment: Assessment) -> tuple[Assessment, list[str]]:
    actions, repeated = distinct_action_ids(assessment.actions)
    previous = assessment.previous
    if previous is not None:
        previous_actions, previous_repeated = distinct_action_ids(previous.actions)
        previous = previous.model_copy(update={"actions": previous_actions})
        repeated = sorted({*repeated, *previous_repeated})
    if not repeated:
        return assessment, []
    n = len(repeated)
    ids = ", ".join(f"'{i}'" for i in repeated)
    warning = (
        f"more than one action had the {agrees(n, 'id', 'ids')} {ids}; each action now has its own id, "
        "so every action can be edited or removed"
    )
    return assessment.model_copy(update={"actions": actions, "previous": previous}), [warning]


def parse_document(doc: Any, name: str) -> Assessment:
    """Validate a parsed JSON document, upgrading an older format version first."""
    if not isinstance(doc, dict):
        raise AssessmentFileError(name, ["this is JSON, but not an assessment (it should be a JSON object)"])
    if doc.get("format") != FORMAT:
        raise AssessmentFileError(
            name,
            [f"this is not an assessment file: 'format' should be \"{FORMAT}\", found {_short(doc.get('format'))}"],
        )
    version = doc.get("format_version")
    if isinstance(version, float) and version.is_integer() and 1 <= version <= FORMAT_VERSION:
        raise AssessmentFileError(
            name,
            [f"format_version is written {version}; it should be the whole number {int(version)}, with no decimals"],
        )
    if not isinstance(version, int) or isinstance(version, bool) or not 1 <= version <= FORMAT_VERSION:
        raise AssessmentFileError(
            name,
            [
                f"format_version {_short(version)} is not one this tool reads (1 to {FORMAT_VERSION}); "
                "a newer version of the tool may be needed"
            ],
        )
    doc = upgrade(doc, FORMAT_VERSION)
    try:
        return Assessment.model_validate(doc)
    except ValidationError as exc:
        raise AssessmentFileError(name, [_describe(e) for e in exc.errors()]) from None


def bank_warnings(assessment: Assessment, bank: QuestionBank) -> list[str]:
    """What a user should know when a file does not match this bank exactly."""
    warnings = []
    ref = assessment.bank
    if ref.id != bank.id:
        warnings.append(
            f"this file was made with the question bank '{ref.id}' {ref.version}; "
            f"it is being read with '{bank.id}' {bank.version}, so many answers may not match"
        )
    elif ref.sha256 and ref.sha256 != bank.sha256:
        same = "a different edit of question bank version" if ref.version == bank.version else "question bank version"
        warnings.append(
            f"this file was made with {same} {ref.version}; "
            f"this tool has version {bank.version}: answers are matched by question id"
        )
    known = {q.id for theme in bank.themes for q in theme.questions}
    unknown = sorted(qid for qid in assessment.answers if qid not in known)
    if unknown:
        n = len(unknown)
        warnings.append(
            f"{counted(n, 'answer')} {agrees(n, 'is', 'are')} for questions this bank does not have, "
            f"and {agrees(n, 'is', 'are')} kept but not scored: " + ", ".join(unknown)
        )
    for key, value in assessment.service.profile.items():
        profile = bank.profile_question(key)
        if profile is None:
            warnings.append(f"the service profile has '{key}', which this bank does not ask about; it is ignored")
        elif value not in {o.id for o in profile.options}:
            warnings.append(
                f"the service profile answer '{value}' for '{key}' is not one of this bank's options; it is ignored"
            )
    return warnings


def dump_assessment(assessment: Assessment, *, tool_version: str, now: datetime | None = None) -> bytes:
    """The assessment as the JSON file users download and submit."""
    stamped = assessment.model_copy(
        update={"saved_at": now or datetime.now(UTC), "created_with": f"checklist {tool_version}"}
    )
    return stamped.model_dump_json(indent=2).encode("utf-8")


def _parse_json(data: bytes, name: str) -> Any:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise AssessmentFileError(name, [f"the file is not UTF-8 text (bad byte at position {exc.start})"]) from None
    if not text.strip():
        raise AssessmentFileError(name, ["the file is not valid JSON: it is empty"])
    if _nesting_depth(text) > _MAX_DEPTH:
        raise AssessmentFileError(
            name, [f"the JSON is nested more than {_MAX_DEPTH} levels deep; it is not an assessment"]
        )
    try:
        return json.loads(text, object_pairs_hook=_refuse_duplicate_keys)
    except json.JSONDecodeError as exc:
        raise AssessmentFileError(name, [f"the file is not valid JSON: {_json_problem(exc, text)}"]) from None
    except _DuplicateKeyError as exc:
        raise AssessmentFileError(name, [str(exc)]) from None
    except ValueError:
        # Python refuses to read integers of more than 4,300 digits; no assessment has one.
        raise AssessmentFileError(name, ["the file holds a number far too long to be part of an assessment"]) from None
    except RecursionError:
        raise AssessmentFileError(name, ["the JSON is nested too deeply"]) from None


# Python's parser messages, said in words a service manager can act on.
_JSON_PROBLEMS = {
    "Expecting value": "a value is missing or is not JSON (text must be in double quotes)",
    "Expecting property name enclosed in double quotes": (
        "a name is not in double quotes, or a comma comes just before a closing bracket"
    ),
    "Expecting ',' delimiter": "a comma is missing between two items",
    "Expecting ':' delimiter": "a colon is missing after a name",
    "Invalid control character at": "a text value holds a line break or another control character",
    "Invalid \\escape": "a backslash starts an escape that JSON does not have",
}


def _json_problem(exc: json.JSONDecodeError, text: str) -> str:
    if exc.msg == "Extra data":
        return f"there is text after the end (line {exc.lineno})"
    if exc.pos >= len(text.rstrip()) or exc.msg.startswith("Unterminated string"):
        return f"it stops in the middle (line {exc.lineno}); it may have been cut short"
    what = _JSON_PROBLEMS.get(exc.msg, "it breaks the rules of JSON")
    return f"{what} (line {exc.lineno}, column {exc.colno})"


class _DuplicateKeyError(ValueError):
    pass


def _refuse_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    # Python's json silently keeps the last of two equal keys, so a file answering
    # a question twice would lose one answer without a word; refuse it instead.
    seen: set[str] = set()
    for key, _ in pairs:
        if key in seen:
            raise _DuplicateKeyError(
                f"the key {_short(key)} appears twice in the same JSON object; each answer or field may be given once"
            )
        seen.add(key)
    return dict(pairs)


# A whole JSON string, or an unterminated one up to the end (written "unrolled" so the regex engine never backtracks).
_STRING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*(?:"|\\?\Z)', re.DOTALL)
_BRACKET = re.compile(r"[\[\]{}]")


def _nesting_depth(text: str) -> int:
    """Deepest bracket nesting outside strings, found without parsing.

    Strings are cut out and only brackets are looped over: a loop over every
    character cost more than parsing the whole file.
    """
    depth = deepest = 0
    for bracket in _BRACKET.findall(_STRING.sub("", text)):
        if bracket in "[{":
            depth += 1
            deepest = max(deepest, depth)
        else:
            depth -= 1
    return deepest


def _sniff(data: bytes, name: str) -> bytes:
    """The JSON to parse: the file itself, or the assessment attached to a PDF; odd containers named plainly."""
    head = data[:1024]
    if data.lstrip()[:5] == b"%PDF-":
        return _attachment_from_pdf(data, name)
    if head.startswith(b"PK\x03\x04"):
        raise AssessmentFileError(
            name,
            ["this is a ZIP archive (or a Word or Excel file), not an assessment: send the .json file itself"],
        )
    start = head.find(b"%PDF-")
    if start > 0:
        raise AssessmentFileError(
            name,
            [
                f"there are {counted(start, 'byte')} of something else before the PDF starts "
                '("%PDF-" should come first); the file may have been damaged when it was sent'
            ],
        )
    return data


def _attachment_from_pdf(data: bytes, name: str) -> bytes:
    from pypdf import PdfReader

    # pypdf logs noisy warnings for damaged files; the user gets our message instead.
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        reader = PdfReader(io.BytesIO(data))
        encrypted = reader.is_encrypted
    # Broad on purpose: the per-file boundary: any failure at all becomes this file's message.
    except Exception:
        raise AssessmentFileError(name, ["this PDF cannot be read; it may be damaged or cut short"]) from None
    if encrypted:
        raise AssessmentFileError(
            name,
            [
                "this PDF is encrypted (protected with a password); the tool's own PDFs never are: "
                "send the JSON file, or the PDF as the tool made it"
            ],
        )
    payloads = _attached_payloads(reader, name)
    if len(payloads) > 1:
        raise AssessmentFileError(
            name,
            [
                f"this PDF has {len(payloads)} attachments called {ATTACHMENT_NAME}; "
                "the tool's PDFs carry exactly one, so which answers it holds is not clear"
            ],
        )
    payload = payloads[0]
    if len(payload) > MAX_ATTACHMENT_BYTES:
        raise AssessmentFileError(name, ["the assessment attached to this PDF is too large to be an assessment"])
    _check_attachment_hash(reader, payload, name)
    return payload


def _attached_payloads(reader: Any, name: str) -> list[bytes]:
    try:
        found = [f for f in reader.attachment_list if f.name == ATTACHMENT_NAME]
    # Broad on purpose: the per-file boundary: any failure at all becomes this file's message.
    except Exception:
        raise AssessmentFileError(name, ["this PDF cannot be read; it may be damaged or cut short"]) from None
    if not found:
        raise AssessmentFileError(
            name,
            [
                "this PDF has no assessment attached; only PDFs made by this tool carry their answers "
                f"(an attachment called {ATTACHMENT_NAME})"
            ],
        )
    return [_unpacked(f, name) for f in found]


# The tool writes its attachment plain or deflated; any other filter (images, external programs,
# unknown names) means the file was not made by it, and some of them pypdf cannot undo at all.
_KNOWN_FILTERS = frozenset({"/FlateDecode", "/Fl"})


def _unpacked(embedded: Any, name: str) -> bytes:
    try:
        stream = embedded.pdf_object["/EF"]["/F"].get_object()
        filters = stream.get("/Filter")
        listed = [] if filters is None else list(filters) if isinstance(filters, list) else [filters]
    # Broad on purpose: the per-file boundary: any failure at all becomes this file's message.
    except Exception:
        raise AssessmentFileError(name, ["the assessment attached to this PDF cannot be found inside it"]) from None
    unknown = [str(f) for f in listed if str(f) not in _KNOWN_FILTERS]
    if unknown:
        raise AssessmentFileError(
            name,
            [
                f"the assessment attached to this PDF is packed with {', '.join(unknown)}, which this tool "
                "does not unpack (the tool's own PDFs use ordinary compression)"
            ],
        )
    # Unpacked here, strictly and with a ceiling: pypdf would quietly return what it could of a
    # damaged stream, and would unpack a "zip bomb" whole before its size could be checked.
    raw: bytes = stream._data  # the stream's bytes as stored, before any filter
    if not listed:
        return raw
    damaged = AssessmentFileError(
        name, ["the assessment attached to this PDF is damaged: its compressed data cannot be unpacked"]
    )
    unpacker = zlib.decompressobj()
    try:
        data = unpacker.decompress(raw, MAX_ATTACHMENT_BYTES + 1)
    except zlib.error:
        raise damaged from None
    if unpacker.unconsumed_tail or len(data) > MAX_ATTACHMENT_BYTES:
        raise AssessmentFileError(name, ["the assessment attached to this PDF is too large to be an assessment"])
    if not unpacker.eof or len(listed) > 1:
        raise damaged
    return data


ATTACHMENT_HASH_LABEL = f"{ATTACHMENT_NAME} SHA-256"
_ATTACHMENT_HASH = re.compile(re.escape(ATTACHMENT_HASH_LABEL) + r" ([0-9a-f]{64})")


def attachment_fingerprint(payload: bytes) -> str:
    """What the tool's PDFs carry in /Subject, so the pages and the attachment can be checked against each other."""
    return f"{ATTACHMENT_HASH_LABEL} {hashlib.sha256(payload).hexdigest()}"


def _check_attachment_hash(reader: Any, payload: bytes, name: str) -> None:
    """Refuse a PDF whose attachment is not the one its pages were made from (see render.pdf).

    PDFs made before the fingerprint was added carry none and are read as before.
    """
    try:
        subject = str((reader.metadata or {}).get("/Subject") or "")
    # Broad on purpose: the per-file boundary: any failure at all becomes this file's message.
    except Exception:
        subject = ""
    found = _ATTACHMENT_HASH.search(subject)
    if found and found.group(1) != hashlib.sha256(payload).hexdigest():
        raise AssessmentFileError(
            name,
            [
                "the assessment attached to this PDF is not the one its pages were made from "
                "(the fingerprints differ): the attachment may have been swapped, so neither can be trusted"
            ],
        )


def _describe(error: Any) -> str:
    loc = ".".join(str(part) for part in error["loc"])
    message = own_words(error)
    if error["type"] == "extra_forbidden":
        message = "is not part of the assessment format"
    elif error["type"] == "missing":
        message = "is missing"
    elif error["type"] == "enum":
        message = f"is {_short(error.get('input'))}, which is not allowed ({message.removeprefix('Input should be ')})"
    elif error["type"] == "string_too_long":
        message = "is too long"
    elif error["type"] in {"bool_type", "bool_parsing"}:
        message = f"is {_short(error.get('input'))}; it must be true or false"
    elif error["type"] == "too_long":
        given = error.get("input")
        count = len(given) if isinstance(given, list | dict) else error.get("ctx", {}).get("actual_length") or 0
        limit = error.get("ctx", {}).get("max_length") or 0
        message = f"has {count:,} items; an assessment may have at most {limit:,}"
    elif error["type"] in _DATE_ERRORS:
        message = f"is {_short(error.get('input'))}, which is not a real date (dates are written like 2024-03-31)"
    return f"{loc} {message}" if loc else message


_DATE_ERRORS = {"date_parsing", "date_from_datetime_parsing", "datetime_parsing", "datetime_from_date_parsing"}


def _short(value: Any) -> str:
    text = json.dumps(value, default=str)
    return text if len(text) <= 40 else text[:37] + "..."
