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
