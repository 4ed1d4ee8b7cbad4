"""Writes the bad-input corpus, and makes its large files at test time.

Run `python -m tests.corpus.make_corpus` to rewrite the small committed files
after changing them here. Files of megabytes are never committed: the manifest
names a generator instead, and the test calls it into a temporary folder.

Every assessment file is judged against the tiny test bank of tests/builders.py
(bank id "test-bank", questions a1, a2, b1, profile question "groups").
"""

from __future__ import annotations

import copy
import hashlib
import io
import json
import zipfile
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import yaml

from tests.builders import bank_document
from tests.hostile_bank import MARKUP, markup_bank

CORPUS = Path(__file__).parent
FILES = CORPUS / "files"

VALID_ASSESSMENT: dict[str, Any] = {
    "format": "checklist.assessment",
    "format_version": 2,
    "id": "corpus-assessment-0001",
    "practice": False,
    "bank": {"id": "test-bank", "version": "1.0.0", "sha256": ""},
    "service": {"name": "Corpus service", "organisation": "", "area": "", "profile": {"groups": "yes"}},
    "assessor": None,
    "assessed_on": "2024-03-01",
    "answers": {"a1": {"answer": "met", "note": None, "na_reason": None}},
    "actions": [
        {"id": "act1", "question_id": "a2", "text": "Start a women-only group.", "owner": "", "due": None},
    ],
    "previous": None,
    "saved_at": None,
    "created_with": "checklist corpus",
}


def assessment(**changes: Any) -> bytes:
    doc = copy.deepcopy(VALID_ASSESSMENT)
    doc.update(changes)
    return json.dumps(doc, indent=2).encode()


def assessment_at(path: tuple[str | int, ...], value: Any) -> bytes:
    """The valid assessment with one value deep inside replaced."""
    doc = copy.deepcopy(VALID_ASSESSMENT)
    node: Any = doc
    for key in path[:-1]:
        node = node[key]
    node[path[-1]] = value
    return json.dumps(doc, indent=2).encode()


def without(key: str) -> bytes:
    doc = copy.deepcopy(VALID_ASSESSMENT)
    del doc[key]
    return json.dumps(doc, indent=2).encode()


def bank(mutate: Callable[[dict[str, Any]], None]) -> bytes:
    doc = bank_document()
    mutate(doc)
    return yaml.safe_dump(doc, sort_keys=False, allow_unicode=True).encode()


def _first_question(doc: dict[str, Any]) -> dict[str, Any]:
    question: dict[str, Any] = doc["themes"][0]["questions"][0]
    return question


def _markup_bank(name: str) -> Callable[[], bytes]:
    return lambda: yaml.safe_dump(markup_bank(MARKUP[name]), allow_unicode=True).encode()


def pdf(attachments: dict[str, bytes] | None = None) -> bytes:
    from fpdf import FPDF

    document = FPDF()
    document.set_creation_date(datetime(2024, 3, 1, tzinfo=UTC))
    document.add_page()
    document.set_font("helvetica", size=12)
    document.cell(text="An action plan that is not what it seems.")
    for basename, payload in (attachments or {}).items():
        document.embed_file(
            bytes=payload,
            basename=basename,
            mime_type="application/json",
            modification_date=datetime(2024, 3, 1, tzinfo=UTC),
            compress=True,
        )
    return bytes(document.output())


def plain_pdf(attachments: list[tuple[str, bytes]], *, subject: str = "") -> bytes:
    """A PDF whose pages are not compressed, so that the only /FlateDecode is the attachment's."""
    from fpdf import FPDF

    document = FPDF()
    document.set_compression(False)
    document.set_creation_date(datetime(2024, 3, 1, tzinfo=UTC))
    if subject:
        document.set_subject(subject)
    document.add_page()
    document.set_font("helvetica", size=12)
    document.cell(text="An action plan that is not what it seems.")
    for basename, payload in attachments:
        document.embed_file(
            bytes=payload,
            basename=basename,
            mime_type="application/json",
            modification_date=datetime(2024, 3, 1, tzinfo=UTC),
            compress=True,
        )
    return bytes(document.output())


def pdf_with_filter(name: str) -> bytes:
    """The attachment's filter renamed in place; padded to the same length so the offsets stay right."""
    data = plain_pdf([("assessment.json", VALID_ASSESSMENT_BYTES)])
    assert data.count(b"/FlateDecode") == 1
    assert len(name) <= len("/FlateDecode")
    return data.replace(b"/FlateDecode", name.ljust(len("/FlateDecode")).encode())


def pdf_with_corrupt_attachment() -> bytes:
    data = plain_pdf([("assessment.json", VALID_ASSESSMENT_BYTES)])
    start = data.index(b"stream\n", data.index(b"/Type /EmbeddedFile")) + len(b"stream\n") + 20
    return data[:start] + b"\x00" * 30 + data[start + 30 :]


def pdf_with_two_attachments() -> bytes:
    other = VALID_ASSESSMENT_BYTES.replace(b"Corpus service", b"Swapped service")
    data = plain_pdf([("assessment.json", VALID_ASSESSMENT_BYTES), ("assessment.jsoX", other)])
    return data.replace(b"assessment.jsoX", b"assessment.json")


def pdf_with_swapped_attachment() -> bytes:
    """Pages made for one assessment (their hash in /Subject), carrying another."""
    shown = hashlib.sha256(VALID_ASSESSMENT_BYTES).hexdigest()
    swapped = VALID_ASSESSMENT_BYTES.replace(b'"answer": "met"', b'"answer": "not_met"')
    return plain_pdf([("assessment.json", swapped)], subject=f"assessment.json SHA-256 {shown}")


def pdf_encrypted() -> bytes:
    # A standard security handler in the trailer is what makes a reader ask for a password.
    data = pdf()
    return data.replace(b"trailer\n<<", b"trailer\n<<\n/Encrypt <</Filter /Standard /V 1 /R 2 /O (x) /U (x) /P -4>>", 1)


def zip_archive() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(zipfile.ZipInfo("assessment.json", date_time=(2024, 3, 1, 0, 0, 0)), VALID_ASSESSMENT_BYTES)
    return buffer.getvalue()


def many(key: str, count: int) -> bytes:
    if key == "actions":
        items: Any = [{"id": f"x{i}", "question_id": "a2", "text": "Act."} for i in range(count)]
    else:
        items = {f"q{i}": {"answer": "met"} for i in range(count)}
    doc = copy.deepcopy(VALID_ASSESSMENT)
    doc[key] = items
    return json.dumps(doc, separators=(",", ":")).encode()


VALID_ASSESSMENT_BYTES = assessment()
_DUPLICATE_ANSWER = VALID_ASSESSMENT_BYTES.replace(
    b'"answers": {', b'"answers": {\n    "a1": {"answer": "not_met", "note": null, "na_reason": null},', 1
)
_BILLION_LAUGHS = b"""schema_version: 1
a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
"""

# Small files, committed so a reader can open each one.
SMALL: dict[str, Callable[[], bytes]] = {
    # Not JSON at all, or JSON cut short.
    "empty.json": lambda: b"",
    "whitespace_only.json": lambda: b"  \n\t \n",
    "truncated.json": lambda: VALID_ASSESSMENT_BYTES[: len(VALID_ASSESSMENT_BYTES) // 2],
    "trailing_comma.json": lambda: b'{"format": "checklist.assessment", "format_version": 2,}',
    "single_quotes.json": lambda: b"{'format': 'checklist.assessment'}",
    "plain_text.json": lambda: b"Service name: Riverside\nAnswers: all met\n",
    "csv_renamed.json": lambda: b"question,answer\na1,met\na2,not_met\n",
    "png_renamed.json": lambda: b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01",
    "invalid_utf8.json": lambda: VALID_ASSESSMENT_BYTES.replace(b"Corpus service", b"Corpus \xff\xfe service"),
    "utf16.json": lambda: VALID_ASSESSMENT_BYTES.decode().encode("utf-16"),
    "deeply_nested.json": lambda: b"[" * 5000 + b"]" * 5000,
    "nested_in_note.json": lambda: assessment_at(("answers", "a1", "note"), None).replace(
        b'"note": null', b'"note": ' + b"[" * 100 + b"]" * 100
    ),
    "huge_integer.json": lambda: VALID_ASSESSMENT_BYTES.replace(
        b'"format_version": 2', b'"format_version": ' + b"9" * 5000
    ),
    # JSON, but not an assessment.
    "json_array.json": lambda: b"[1, 2, 3]",
    "json_string.json": lambda: b'"checklist.assessment"',
    "json_null.json": lambda: b"null",
    "wrong_format.json": lambda: assessment(format="checklist.bank"),
    "missing_format.json": lambda: without("format"),
    "future_format_version.json": lambda: assessment(format_version=99),
    "format_version_zero.json": lambda: assessment(format_version=0),
    "format_version_string.json": lambda: assessment(format_version="2"),
    "format_version_true.json": lambda: assessment(format_version=True),
    "format_version_infinity.json": lambda: VALID_ASSESSMENT_BYTES.replace(
        b'"format_version": 2', b'"format_version": Infinity'
    ),
    # An assessment with wrong types or values.
    "answers_as_list.json": lambda: assessment(answers=[{"a1": "met"}]),
    "answer_value_unknown.json": lambda: assessment_at(("answers", "a1", "answer"), "yes"),
    "answer_as_number.json": lambda: assessment_at(("answers", "a1"), 1),
    "na_without_reason.json": lambda: assessment_at(("answers", "a1", "answer"), "na"),
    "service_name_number.json": lambda: assessment_at(("service", "name"), 42),
    "service_name_too_long.json": lambda: assessment_at(("service", "name"), "R" * 600),
    "note_too_long.json": lambda: assessment_at(("answers", "a1", "note"), "word " * 4_100),
    "lone_surrogate.json": lambda: VALID_ASSESSMENT_BYTES.replace(b"Corpus service", b"Corpus \\ud800 service"),
    "practice_as_list.json": lambda: assessment(practice=[True]),
    "unknown_top_level_key.json": lambda: assessment(password="hunter2"),
    "survey_below_threshold.json": lambda: assessment(
        survey={
            "survey_version": "1.0.0",
            "responses": 4,
            "questions": [{"question_id": "s1", "yes": 1, "partly": 0, "no": 3}],
        }
    ),
    "survey_threshold_lowered.json": lambda: assessment(
        survey={"survey_version": "1.0.0", "responses": 2, "threshold": 2, "questions": []}
    ),
    "survey_with_comments.json": lambda: assessment(
        survey={"survey_version": "1.0.0", "responses": 6, "comments": ["Ask for Jo at reception"]}
    ),
    "bank_missing.json": lambda: without("bank"),
    "profile_value_object.json": lambda: assessment_at(("service", "profile", "groups"), {"yes": True}),
    "question_id_too_long.json": lambda: assessment_at(("answers", "q" * 100), {"answer": "met"}),
    "action_without_question.json": lambda: assessment_at(("actions", 0), {"id": "x", "text": "Do it."}),
    "action_status_unknown.json": lambda: assessment_at(("actions", 0, "status"), "finished"),
    # Dates that cannot be.
    "impossible_date_feb_30.json": lambda: assessment(assessed_on="2024-02-30"),
    "impossible_date_month_13.json": lambda: assessment(assessed_on="2024-13-01"),
    "date_in_words.json": lambda: assessment_at(("actions", 0, "due"), "next Tuesday"),
    "impossible_saved_at.json": lambda: assessment(saved_at="2024-03-01T25:61:00Z"),
    # Question ids: unknown ones are kept with a warning, a repeated one is refused.
    "unknown_question_ids.json": lambda: assessment_at(("answers", "zz9"), {"answer": "met"}),
    "duplicate_question_id.json": lambda: _DUPLICATE_ANSWER,
    "duplicate_top_level_key.json": lambda: VALID_ASSESSMENT_BYTES.replace(
        b'"format_version": 2,', b'"format_version": 2,\n  "format_version": 1,', 1
    ),
    "utf8_bom.json": lambda: b"\xef\xbb\xbf" + VALID_ASSESSMENT_BYTES,
    # PDFs.
    "pdf_without_attachment.pdf": lambda: pdf(),
    "pdf_truncated.pdf": lambda: pdf({"assessment.json": VALID_ASSESSMENT_BYTES})[:700],
    "pdf_header_only.pdf": lambda: b"%PDF-1.7\n%garbage that is not a PDF body\n",
    "pdf_attachment_wrong_name.pdf": lambda: pdf({"answers.json": VALID_ASSESSMENT_BYTES}),
    "pdf_attachment_not_assessment.pdf": lambda: pdf({"assessment.json": b"question,answer\na1,met\n"}),
    "pdf_attachment_other_json.pdf": lambda: pdf({"assessment.json": b'{"title": "A recipe"}'}),
    # Deflate shrinks 3 MB of spaces to a few kilobytes: the check must be on the unpacked size.
    "pdf_attachment_huge.pdf": lambda: pdf({"assessment.json": b"{" + b" " * 3_000_000 + b"}"}),
    "duplicate_action_id.json": lambda: assessment(
        actions=[
            {"id": "act1", "question_id": "a2", "text": "Start a women-only group.", "owner": "", "due": None},
            {"id": "act1", "question_id": "a1", "text": "Add a crèche.", "owner": "", "due": None},
        ]
    ),
    # Question banks.
    "bank_empty.yaml": lambda: b"",
    "bank_list.yaml": lambda: b"- one\n- two\n",
    "bank_malformed.yaml": lambda: b"schema_version: 1\nid: [unclosed\n",
    "bank_invalid_utf8.yaml": lambda: bank(lambda d: None).replace(b"Test bank", b"Test \xff bank"),
    "bank_wrong_schema_version.yaml": lambda: bank(lambda d: d.update(schema_version=2)),
    "bank_duplicate_question_ids.yaml": lambda: bank(lambda d: _first_question(d).update(id="a2")),
    "bank_duplicate_keys.yaml": lambda: b"schema_version: 1\nid: test-bank\nid: other-bank\n",
    "bank_missing_source.yaml": lambda: bank(lambda d: _first_question(d).update(sources=["nowhere"])),
    "bank_applies_if_unknown_profile.yaml": lambda: bank(
        lambda d: _first_question(d).update(applies_if={"setting": ["community"]})
    ),
    "bank_applies_if_unknown_option.yaml": lambda: bank(
        lambda d: _first_question(d).update(applies_if={"groups": ["sometimes"]})
    ),
    "bank_applies_if_not_a_list.yaml": lambda: bank(lambda d: _first_question(d).update(applies_if="groups")),
    "bank_weight_as_text.yaml": lambda: bank(lambda d: _first_question(d).update(weight="2")),
    "bank_unknown_key.yaml": lambda: bank(lambda d: d.update(author="someone")),
    "bank_billion_laughs.yaml": lambda: _BILLION_LAUGHS,
    "bank_python_tag.yaml": lambda: b'schema_version: 1\nid: !!python/object/apply:os.system ["echo pwned"]\n',
    "bank_custom_tag.yaml": lambda: b"schema_version: 1\nid: !include other.yaml\n",
    "bank_deeply_nested.yaml": lambda: b"schema_version: 1\nthemes: " + b"[" * 5000 + b"]" * 5000 + b"\n",
    "bank_date_as_key.yaml": lambda: b"schema_version: 1\n2024-03-01: launch day\n",
    "bank_huge_integer.yaml": lambda: b"schema_version: 1\nversion: " + b"7" * 5000 + b"\n",
    # Attachments packed with filters pypdf cannot undo, or not as the tool packs them (issue 11, item 1).
    "pdf_filter_jbig2.pdf": lambda: pdf_with_filter("/JBIG2Decode"),
    "pdf_filter_unknown_name.pdf": lambda: pdf_with_filter("/Foo"),
    "pdf_filter_number.pdf": lambda: pdf_with_filter("/1"),
    "pdf_filter_dct.pdf": lambda: pdf_with_filter("/DCTDecode"),
    "pdf_filter_lzw.pdf": lambda: pdf_with_filter("/LZWDecode"),
    "pdf_filter_crypt.pdf": lambda: pdf_with_filter("/Crypt"),
    "pdf_filter_ascii_hex.pdf": lambda: pdf_with_filter("/AHx"),
    # Dates at the calendar's edges, with and without a time zone: they load, and nothing downstream breaks.
    "saved_at_year_one_naive.json": lambda: assessment(saved_at="0001-01-01T00:00:00"),
    "saved_at_year_one_plus14.json": lambda: assessment(saved_at="0001-01-01T00:00:00+14:00"),
    "saved_at_year_9999_plus14.json": lambda: assessment(saved_at="9999-12-31T23:59:59+14:00"),
    "saved_at_year_9999_minus14.json": lambda: assessment(saved_at="9999-12-31T23:59:59-14:00"),
    "assessed_on_year_one.json": lambda: assessment(assessed_on="0001-01-01"),
    "assessed_on_year_9999.json": lambda: assessment(assessed_on="9999-12-31"),
    "due_year_one.json": lambda: assessment_at(("actions", 0, "due"), "0001-01-01"),
    # Messages that name the real problem (item 13).
    "pdf_encrypted.pdf": pdf_encrypted,
    "zip_renamed.json": zip_archive,
    "pdf_junk_before_header.pdf": lambda: b"Content-Type: application/pdf\r\n\r\n" + pdf(),
    "trailing_garbage.json": lambda: VALID_ASSESSMENT_BYTES + b"\n}\n",
    "two_json_objects.json": lambda: VALID_ASSESSMENT_BYTES + b"\n" + VALID_ASSESSMENT_BYTES,
    "format_version_two_point_zero.json": lambda: assessment(format_version=2.0),
    "pdf_attachment_corrupt_deflate.pdf": pdf_with_corrupt_attachment,
    "assessed_on_with_time.json": lambda: assessment(assessed_on="2024-03-01T10:30:00"),
    "assessed_on_with_midnight.json": lambda: assessment(assessed_on="2024-03-01T00:00:00Z"),
    "due_with_time.json": lambda: assessment_at(("actions", 0, "due"), "2024-06-01 09:00"),
    # Strict types (item 10).
    "practice_as_text.json": lambda: assessment(practice="true"),
    "practice_as_one.json": lambda: assessment(practice=1),
    "assessed_on_unix_time.json": lambda: assessment(assessed_on=1709251200),
    "saved_at_unix_time.json": lambda: assessment(saved_at=1709251200),
    "due_as_number.json": lambda: assessment_at(("actions", 0, "due"), 20240601),
    "saved_at_date_only.json": lambda: assessment(saved_at="2024-03-01"),
    "bank_version_unquoted_decimal.yaml": lambda: bank(lambda d: d.update(version="VERSION")).replace(
        b"version: VERSION", b"version: 1.10"
    ),
    "bank_version_sexagesimal.yaml": lambda: bank(lambda d: d.update(version="VERSION")).replace(
        b"version: VERSION", b"version: 1:30"
    ),
    "bank_weight_hex.yaml": lambda: bank(lambda d: _first_question(d).update(weight=7)).replace(
        b"weight: 7", b"weight: 0x2"
    ),
    "bank_weight_underscore.yaml": lambda: bank(lambda d: _first_question(d).update(weight=7)).replace(
        b"weight: 7", b"weight: 0_3"
    ),
    "bank_weight_octal.yaml": lambda: bank(lambda d: _first_question(d).update(weight=7)).replace(
        b"weight: 7", b"weight: 02"
    ),
    "bank_weight_decimal.yaml": lambda: bank(lambda d: _first_question(d).update(weight=7)).replace(
        b"weight: 7", b"weight: 2.0"
    ),
    "bank_safety_yes.yaml": lambda: bank(lambda d: _first_question(d).update(safety="SAFE")).replace(
        b"safety: SAFE", b"safety: yes"
    ),
    "bank_safety_off.yaml": lambda: bank(lambda d: _first_question(d).update(safety="SAFE")).replace(
        b"safety: SAFE", b"safety: off"
    ),
    # Limits (item 5) and the PDF agreeing with its attachment (item 14).
    "actions_too_many.json": lambda: many("actions", 1_001),
    "answers_too_many.json": lambda: many("answers", 1_001),
    "pdf_two_attachments.pdf": pdf_with_two_attachments,
    "pdf_attachment_swapped.pdf": pdf_with_swapped_attachment,
    # Markup in bank text: loaded, and shown literally by the app (tests/e2e/test_bank_markup_e2e.py).
    **{f"bank_{name}.yaml": _markup_bank(name) for name in MARKUP},
}


def ten_mb_string() -> bytes:
    return assessment_at(("service", "name"), "A" * 10_000_000)


def ten_mb_string_in_pdf() -> bytes:
    return pdf({"assessment.json": ten_mb_string()})


def bank_ten_mb_string() -> bytes:
    return bank(lambda d: d.update(title="B" * 10_000_000))


def four_mb_note() -> bytes:
    return assessment_at(("answers", "a1", "note"), "x" * 4_000_000)


# Large files, made at test time into a temporary folder.
GENERATED: dict[str, Callable[[], bytes]] = {
    "ten_mb_string.json": ten_mb_string,
    "ten_mb_string_in_pdf.pdf": ten_mb_string_in_pdf,
    "bank_ten_mb_string.yaml": bank_ten_mb_string,
    "four_mb_note.json": four_mb_note,
}


def write_small_files(folder: Path = FILES) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name, make in SMALL.items():
        (folder / name).write_bytes(make())


if __name__ == "__main__":
    write_small_files()
    print(f"wrote {len(SMALL)} files to {FILES}")
