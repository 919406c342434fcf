"""to_json writes exactly what `json.dumps(model_dump(...), ensure_ascii=False, indent=2)` writes."""

from __future__ import annotations

import json

import pytest

from pvparse.emit import to_json
from pvparse.schema import Counts, Decision, Diagnostic, Document, Generator, Source, Span


def _doc(text: str) -> Document:
    return Document(
        generator=Generator(version="1"),
        source=Source(path=text, sha256="0", encoding="utf-8", media_type="text/plain", length=len(text)),
        decisions=[
            Decision(id="d1", result="adopted", counts=Counts(**{"for": 10**20}), span=Span(start=0, end=0))
        ],
        diagnostics=[Diagnostic(code="x", severity="info", message=text)],
    )


@pytest.mark.parametrize(
    "text",
    [
        "plain",
        "accents é, apostrophe ’, NBSP \u00a0, line separator \u2028, emoji \U0001f600",
        "".join(chr(c) for c in range(0x20)) + '"\\\x7f',  # control characters and escapes
        "a\ud800b",  # a lone surrogate (a str passed to parse_text may hold one): json's way, no error
    ],
)
def test_to_json_is_the_json_module_text(text: str) -> None:
    doc = _doc(text)
    expected = json.dumps(doc.model_dump(mode="json", by_alias=True), ensure_ascii=False, indent=2) + "\n"
    assert to_json(doc) == expected
    assert '"for": 100000000000000000000' in expected
