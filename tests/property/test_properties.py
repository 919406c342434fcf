"""Properties every parse must have, over generated minutes-like text and raw bytes.

- no exception but InputError (and that one only for input that is not minutes text);
- the JSON validates against schema/document.schema.json and round-trips through the pydantic model;
- every span lies inside the text and spells its evidence (tests/spans.py);
- ids are unique and every reference resolves;
- the same input parsed twice gives byte-identical JSON;
- re-encoding (UTF-8, UTF-8 with BOM, UTF-16, cp1252) or switching line ends (LF, CRLF, CR) does not
  change what is found (sections, turns, lists, decisions, persons compared by line number and label).

Example counts come from the Hypothesis profile (tests/conftest.py): "ci" by default, "long" with
PVPARSE_HYPOTHESIS_PROFILE=long (see the README).
"""

from __future__ import annotations

import json
import tempfile
import unicodedata
from bisect import bisect_right
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

import pvparse
from pvparse import Document, InputError, to_json
from pvparse.lines import split_lines
from pvparse.pipeline import parse_source
from pvparse.read import decode_bytes, read_source
from tests.property.strategies import free_text, minutes
from tests.spans import span_problems

ROOT = Path(__file__).resolve().parents[2]
SCHEMA = json.loads((ROOT / "schema" / "document.schema.json").read_text(encoding="utf-8"))
VALIDATOR = jsonschema.validators.validator_for(SCHEMA)(SCHEMA)


@pytest.fixture(scope="module", autouse=True)
def _model_loaded(nlp: Any) -> None:
    """Hypothesis reruns a test body many times: the spaCy model is loaded once, by the session fixture,
    before the first example (function-scoped fixtures would not be reset between examples)."""


def examples(share: float) -> int:
    """This test's share of the active profile's example budget (profiles set the total per test)."""
    return max(10, int(settings.default.max_examples * share))


# --- checks ------------------------------------------------------------------------------------


def id_problems(doc: Document) -> list[str]:
    """Ids unique and well formed; every reference points to an object of the right kind; parents first."""
    out: list[str] = []
    pools: dict[str, set[str]] = {}
    seen: set[str] = set()
    for prefix, group in (
        ("p", doc.persons), ("o", doc.organizations), ("s", doc.sections), ("t", doc.turns), ("l", doc.lists),
        ("d", doc.decisions),
    ):  # fmt: skip
        pools[prefix] = set()
        for item in group:
            if item.id in seen:
                out.append(f"duplicate id {item.id}")
            if not (item.id.startswith(prefix) and item.id[len(prefix) :].isdigit()):
                out.append(f"id {item.id} is not {prefix}<n>")
            seen.add(item.id)
            pools[prefix].add(item.id)

    def ref(value: str | None, kind: str, where: str) -> None:
        if value is not None and value not in pools[kind]:
            out.append(f"{where} -> {value}: no such {kind} id")

    m = doc.meeting
    ref(m.organization, "o", "meeting.organization")
    ref(m.chair, "p", "meeting.chair")
    ref(m.secretary, "p", "meeting.secretary")
    if m.signature:
        for s in m.signature.signatories:
            ref(s.person, "p", "signatory")
    for p in doc.persons:
        for ms in p.memberships:
            ref(ms.organization, "o", f"{p.id}.membership")
    earlier: set[str] = set()
    for sec in doc.sections:
        if sec.parent is not None and sec.parent not in earlier:
            out.append(f"{sec.id}.parent {sec.parent} is not an earlier section")
        earlier.add(sec.id)
        for r in sec.roles:
            ref(r.person, "p", f"{sec.id}.role")
    for t in doc.turns:
        ref(t.section, "s", f"{t.id}.section")
        for x in (*t.speakers, *t.candidates):
            ref(x, "p", f"{t.id}.speaker")
    for lst in doc.lists:
        for e in lst.entries:
            ref(e.person, "p", f"{lst.id}.entry")
            ref(e.organization, "o", f"{lst.id}.entry")
            ref(e.represented_by, "p", f"{lst.id}.entry")
    for d in doc.decisions:
        ref(d.section, "s", f"{d.id}.section")
    return out


def check_document(doc: Document, text: str) -> str:
    """All the per-document properties; returns the JSON."""
    out = to_json(doc)
    data = json.loads(out)
    errors = sorted(VALIDATOR.iter_errors(data), key=lambda e: list(e.path))
    assert not errors, f"schema: {errors[0].message} at {list(errors[0].path)}"
    assert Document.model_validate_json(out) == doc
    assert span_problems(doc, text) == []
    assert id_problems(doc) == []
    assert doc.source.length == len(text)
    return out


def indexed(text: str) -> str:
    """The text spans index: a leading BOM is not part of it (the contract)."""
    return text[1:] if text.startswith("\ufeff") else text


def blank(text: str) -> bool:
    """Nothing visible: white space and invisible format characters (ZWSP, BOM, direction marks) only."""
    return all(c.isspace() or unicodedata.category(c) == "Cf" for c in text)


def parse_or_refuse(text: str) -> Document | None:
    try:
        return pvparse.parse_text(text)
    except InputError as exc:
        assert str(exc), "an InputError must say what is wrong"
        assert blank(text), f"only blank text may be refused, not {text[:80]!r}: {exc}"
        return None


def _lf(s: str) -> str:
    return s.replace("\r\n", "\n").replace("\r", "\n")


def findings(doc: Document, text: str) -> dict[str, Any]:
    """What was found, located by line number (independent of offsets, encodings and line ends)."""
    starts = [ln.start for ln in split_lines(text)]

    def line(offset: int) -> int:
        return bisect_right(starts, offset) - 1

    return {
        "title": doc.meeting.title,
        "date": doc.meeting.date,
        "sections": [(line(s.heading_span.start), s.level, s.title) for s in doc.sections],
        "turns": [(line(t.label_span.start), t.label, t.resolution, len(t.speakers)) for t in doc.turns],
        "lists": [(line(lst.span.start), lst.kind, [_lf(e.text) for e in lst.entries]) for lst in doc.lists],
        "decisions": [(line(d.span.start), d.result, d.unanimous, d.counts) for d in doc.decisions],
        "persons": sorted(p.name for p in doc.persons),
        "organizations": sorted(o.name for o in doc.organizations),
    }


# --- properties --------------------------------------------------------------------------------

MINUTES_EXAMPLE = (
    "PROCÈS-VERBAL DU CONSEIL\n\nPrésents : Jean Dupont (Ville de Grenoble), Marie Martin\n"
    "14h05-14h15 : INTRODUCTION\nJean Dupont : le budget est voté.\nPour : 12 — Contre : 2\n"
)


@settings(
    max_examples=examples(0.45), suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large]
)
@given(minutes)
@example(MINUTES_EXAMPLE)
@example("Marie\u00a0Martin\u202f: bonjour\x00 ש\u0301 😀\nPrésents\u00a0: A, B (Org)\n")
def test_minutes_like_text(text: str) -> None:
    doc = parse_or_refuse(text)
    if doc is None:
        return
    out = check_document(doc, indexed(text))
    assert to_json(pvparse.parse_text(text)) == out, "the same input must give byte-identical JSON"


@settings(max_examples=examples(0.15), suppress_health_check=[HealthCheck.too_slow])
@given(free_text)
def test_free_unicode_text(text: str) -> None:
    doc = parse_or_refuse(text)
    if doc is not None:
        check_document(doc, indexed(text))


ENCODINGS = ["utf-8", "utf-8-sig", "utf-16", "cp1252"]
LINE_ENDS = ["\n", "\r\n", "\r"]


@settings(
    max_examples=examples(0.2), suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large]
)
@given(minutes, st.sampled_from(ENCODINGS), st.sampled_from(LINE_ENDS))
@example(MINUTES_EXAMPLE, "cp1252", "\r\n")
@example("Présents : Hélène Léger, Zoë Œuvray\nHélène Léger : d’accord « oui » — 12 €", "cp1252", "\r")
def test_encoding_and_line_ends_do_not_change_findings(text: str, encoding: str, end: str) -> None:
    try:
        data = text.replace("\n", end).encode(encoding)
    except UnicodeEncodeError:
        assume(False)  # only cp1252 can fail: the text holds characters it lacks
    try:
        base = pvparse.parse_text(text)
    except InputError:
        assume(False)  # nothing to compare
    try:
        decoded, _ = decode_bytes(data, name="pv.txt")
    except InputError as exc:
        pytest.fail(f"{encoding}/{end!r}: text parsed as UTF-8 but the re-encoded bytes are refused: {exc}")
    assert decoded == text.replace("\n", end), f"{encoding} bytes did not decode back to the same text"
    doc = pvparse.parse_text(decoded)
    check_document(doc, decoded)
    assert findings(doc, decoded) == findings(base, text)


_SUFFIXES = [".txt", ".md", ".html", ".docx", ".odt", ".pdf", ".doc", ""]
_TMP = tempfile.TemporaryDirectory(prefix="pvparse-prop-")


def _mutated(data: bytes, flips: list[tuple[int, int]]) -> bytes:
    b = bytearray(data)
    for at, value in flips:
        if b:
            b[at % len(b)] = value
    return bytes(b)


raw_bytes = st.one_of(
    st.binary(max_size=3000),
    st.builds(
        _mutated,
        st.builds(lambda t, enc: t.encode(enc, "replace"), minutes, st.sampled_from(ENCODINGS)),
        st.lists(st.tuples(st.integers(0, 10**6), st.integers(0, 255)), max_size=8),
    ),
)


@settings(
    max_examples=examples(0.2), suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large]
)
@given(raw_bytes, st.sampled_from(_SUFFIXES))
@example(b"%PDF-1.4\n" + bytes(range(256)), ".pdf")
@example(b"PK\x03\x04" + bytes(range(256)), ".docx")
@example(b"\xff\xfe" + "Présents : Jean Dupont".encode("utf-16-le")[:-1], ".txt")
def test_raw_bytes(data: bytes, suffix: str) -> None:
    """Bytes through the reader: decode_bytes + parse_text, and the whole file path (formats too)."""
    try:
        text, _ = decode_bytes(data)
    except InputError:
        pass
    else:
        check_document(pvparse.parse_text(text), text)
    path = Path(_TMP.name) / f"pv{suffix}"
    path.write_bytes(data)
    try:
        source = read_source(path)
    except InputError as exc:
        assert "\n" not in str(exc) and str(exc).startswith(str(path)), f"unclear error: {exc!r}"
        return
    check_document(parse_source(source), source.text)
