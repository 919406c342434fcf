"""The output contract: the committed JSON Schema matches the models; the integrity validator bites."""

from __future__ import annotations

import json

import pytest
from pydantic import ValidationError

import pvparse
from pvparse.schema import Document, Span
from tests.conftest import ROOT

SCHEMA_FILE = ROOT / "schema" / "document.schema.json"


def test_committed_schema_is_current() -> None:
    current = Document.model_json_schema(by_alias=True)
    committed = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    assert committed == current, "schema/document.schema.json is stale: run `pvparse schema > schema/document.schema.json`"


def _minimal(**over) -> dict:
    base = {
        "generator": {"version": "0", "model": None},
        "source": {"path": None, "sha256": "0" * 64, "encoding": "utf-8", "media_type": "text/plain", "length": 20},
    }
    base.update(over)
    return base


def test_minimal_document_validates() -> None:
    doc = Document.model_validate(_minimal())
    assert doc.schema_version == "1.0"


@pytest.mark.parametrize(
    ("over", "message"),
    [
        ({"persons": [{"id": "p1", "name": "A"}, {"id": "p1", "name": "B"}]}, "duplicate id"),
        (
            {"turns": [{"id": "t1", "label": "X", "label_span": {"start": 0, "end": 1}, "speakers": ["p9"],
                        "resolution": "exact", "text": "", "span": {"start": 1, "end": 1}}]},
            "unknown id p9",
        ),
        (
            {"sections": [{"id": "s1", "level": 1, "title": "T", "heading_span": {"start": 0, "end": 30},
                           "span": {"start": 0, "end": 30}}]},
            "beyond text length",
        ),
        ({"meeting": {"date": "07/07/2022"}}, "not ISO"),
        ({"meeting": {"start_time": "14h"}}, "HH:MM"),
        ({"unknown_key": 1}, "Extra inputs"),
    ],
)
def test_integrity_violations_are_rejected(over: dict, message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        Document.model_validate(_minimal(**over))


def test_span_must_be_ordered() -> None:
    with pytest.raises(ValidationError, match="start 5 > end 2"):
        Span(start=5, end=2)


def test_output_validates_against_the_published_schema(ag2022_doc) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    jsonschema.validate(json.loads(pvparse.to_json(ag2022_doc)), schema)


def test_public_api_is_locked() -> None:
    assert sorted(pvparse.__all__) == sorted(
        ["SCHEMA_VERSION", "Document", "InputError", "PVParseError", "ResourceError", "parse_file", "parse_text",
         "to_json"]
    )


def _span(start: int, end: int) -> dict:
    return {"start": start, "end": end}


_EVERY_PROBLEM = {
    "meeting": {
        "organization": "o9",
        "chair": "p9",
        "secretary": "p1",
        "title_span": _span(0, 21),
        "date_span": _span(0, 20),
        "attendance": {"span": _span(0, 22)},
        "signature": {"span": _span(0, 23), "signatories": [{"person": "p7", "span": _span(0, 24)}]},
    },
    "persons": [
        {"id": "p1", "name": "A", "memberships": [{"organization": "o8"}, {"organization": "o1"}],
         "mentions": [_span(0, 2), _span(0, 25)]},
        {"id": "p1", "name": "B"},
    ],
    "organizations": [{"id": "o1", "name": "O", "mentions": [_span(0, 26)]}],
    "sections": [
        {"id": "s1", "parent": "s9", "level": 1, "title": "T", "heading_span": _span(0, 27), "span": _span(0, 28),
         "roles": [{"role": "chair", "person": "p6", "span": _span(0, 29)}]},
    ],
    "turns": [
        {"id": "t1", "section": "s8", "label": "X", "label_span": _span(0, 30), "speakers": ["p5", "p1"],
         "resolution": "ambiguous", "candidates": ["p4"], "text": "", "span": _span(0, 31)},
    ],
    "lists": [
        {"id": "l1", "kind": "present", "span": _span(0, 32),
         "entries": [{"text": "", "span": _span(0, 33), "person": "p3", "represented_by": "p2",
                      "organization": "o7"}]},
    ],
    "decisions": [{"id": "d1", "section": "s7", "result": "adopted", "span": _span(0, 34)}],
    "diagnostics": [{"code": "x", "severity": "info", "message": "", "span": _span(0, 35)}],
}

# every problem of `_EVERY_PROBLEM`, in the order the validator finds them
_PROBLEMS = [
    "duplicate id p1",
    "meeting.organization refers to unknown id o9",
    "meeting.chair refers to unknown id p9",
    "meeting.title span 0-21 beyond text length 20",
    "meeting.attendance span 0-22 beyond text length 20",
    "meeting.signature span 0-23 beyond text length 20",
    "signatory refers to unknown id p7",
    "signatory span 0-24 beyond text length 20",
    "p1.memberships refers to unknown id o8",
    "p1 span 0-25 beyond text length 20",
    "o1 span 0-26 beyond text length 20",
    "s1.parent refers to unknown id s9",
    "s1 span 0-27 beyond text length 20",
    "s1 span 0-28 beyond text length 20",
    "s1.roles refers to unknown id p6",
    "s1.roles span 0-29 beyond text length 20",
    "t1.section refers to unknown id s8",
    "t1.speakers refers to unknown id p5",
    "t1.speakers refers to unknown id p4",
    "t1 span 0-30 beyond text length 20",
    "t1 span 0-31 beyond text length 20",
    "l1 span 0-32 beyond text length 20",
    "l1.entries refers to unknown id p3",
    "l1.entries refers to unknown id p2",
    "l1.entries refers to unknown id o7",
    "l1 span 0-33 beyond text length 20",
    "d1.section refers to unknown id s7",
    "d1 span 0-34 beyond text length 20",
    "diagnostic x span 0-35 beyond text length 20",
]


def _problems(over: dict) -> list[str]:
    with pytest.raises(ValidationError) as err:
        Document.model_validate(_minimal(**over))
    message = err.value.errors()[0]["msg"]
    assert message.startswith("Value error, ")
    return message.removeprefix("Value error, ").split("; ")


def test_integrity_reports_the_first_ten_problems_in_order() -> None:
    assert _problems(_EVERY_PROBLEM) == _PROBLEMS[:10]


@pytest.mark.parametrize("group", ["sections", "turns", "lists", "decisions", "diagnostics"])
def test_integrity_reports_each_problem_in_order(group: str) -> None:
    # one group at a time after the persons and organisations it refers to (their own problems first)
    over = {k: _EVERY_PROBLEM[k] for k in ("persons", "organizations", group)}
    before = [
        "duplicate id p1",
        "p1.memberships refers to unknown id o8",
        "p1 span 0-25 beyond text length 20",
        "o1 span 0-26 beyond text length 20",
    ]
    item = _EVERY_PROBLEM[group][0]
    own = [p for p in _PROBLEMS if p.startswith(item.get("id", "diagnostic"))]
    assert _problems(over) == [*before, *own]
