"""Every document of corpus/ end to end: sound spans, determinism, and the reviewed golden JSON.

Goldens live in tests/e2e/golden/NAME.json. They are rewritten only when PVPARSE_UPDATE_GOLDEN=1
is set; read `git diff tests/e2e/golden` before committing a rewrite.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

import pvparse
from pvparse.read import read_source
from tests.conftest import CORPUS
from tests.spans import span_problems

GOLDEN = Path(__file__).parent / "golden"
DOCS = sorted(p for p in CORPUS.iterdir() if p.is_file() and p.suffix in {".txt", ".md", ".rst"})
UPDATE = os.environ.get("PVPARSE_UPDATE_GOLDEN") == "1"


@pytest.fixture(scope="module", params=DOCS, ids=lambda p: p.name)
def parsed(request, nlp):
    path: Path = request.param
    doc = pvparse.parse_file(path)
    return path, doc, read_source(path).text


def test_spans_spell_their_evidence(parsed) -> None:
    path, doc, text = parsed
    assert span_problems(doc, text) == []


def test_deterministic(parsed) -> None:
    path, doc, _ = parsed
    assert pvparse.to_json(pvparse.parse_file(path)) == pvparse.to_json(doc)


def test_golden(parsed) -> None:
    path, doc, _ = parsed
    golden = GOLDEN / f"{path.stem}.json"
    got = pvparse.to_json(doc)
    if UPDATE:
        GOLDEN.mkdir(exist_ok=True)
        golden.write_text(got, encoding="utf-8")
    if not golden.exists():
        pytest.fail(f"no golden for {path.name}: run with PVPARSE_UPDATE_GOLDEN=1, review, commit")
    want = json.loads(golden.read_text(encoding="utf-8"))
    want["generator"]["version"] = doc.generator.version  # a release bump is not a behaviour change
    assert json.loads(got) == want
