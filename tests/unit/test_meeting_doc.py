"""The meeting document's shortcuts give what the plain computations give."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from pvparse.extract import meeting_doc
from pvparse.extract.meeting_doc import _RULE_RE, _is_rule, build_meeting_doc, line_of
from pvparse.extract.meeting_lexicon import compiled, load_lexicon
from pvparse.extract.regex_cues import CueIndex, _shared_keys
from pvparse.lines import split_lines

CORPUS = Path(__file__).resolve().parents[2] / "corpus"


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("-----", True),
        ("   ====   ", True),
        ("***", True),
        ("\t~~~~", True),
        ("::::", True),
        ("--", False),  # two are no rule
        ("- un point", False),
        ("=-=-=", False),  # one character repeated, not a mix
        ("Ordre du jour", False),
        ("  Séance levée", False),
        ("", False),
    ],
)
def test_is_rule_is_the_rule_pattern(text: str, rule: bool) -> None:
    assert _is_rule(text) is rule
    assert bool(_RULE_RE.match(text)) is rule


def test_is_rule_on_every_corpus_line() -> None:
    for f in sorted(CORPUS.glob("*.*")):
        for ln in f.read_text().splitlines():
            assert _is_rule(ln) == bool(_RULE_RE.match(ln)), ln


def test_line_of_by_bisection() -> None:
    text = "Titre\n\nLa séance est ouverte.\r\nFin\n"
    lines = split_lines(text)
    doc = build_meeting_doc(lines, None, None, [])
    for offset in range(-1, len(text) + 2):
        assert doc.line_of(offset) == line_of(lines, offset), offset


def test_paragraph_text_of_the_opening_only() -> None:
    lines = split_lines("Assemblée générale\ndu 3 mars 2021\n\nLa séance est ouverte à 18 h.\n")
    doc = build_meeting_doc(lines, None, None, [])
    assert doc.paragraph_text(0) == doc.paragraph_text(1) == "Assemblée générale du 3 mars 2021"
    assert doc.paragraph_text(3) == "La séance est ouverte à 18 h."
    with pytest.raises(ValueError):
        doc.paragraph_text(2)  # a blank line: in no paragraph of the opening


@pytest.mark.parametrize(
    ("cues", "keys"),
    [
        ({"présidé", "présidence", "présent"}, ("prés",)),
        ({"clôture", "clôturé", "levée"}, ("clôtur",)),
        ({"fin", "levée"}, ()),  # nothing shared
        ({"ouverte"}, ()),
    ],
)
def test_shared_keys(cues: set[str], keys: tuple[str, ...]) -> None:
    got = _shared_keys(frozenset(cues))
    assert got == keys
    assert all(sum(k in c for c in cues) > 1 for k in got)


def test_by_text_with_shared_keys_is_may_match() -> None:
    """Looking for shared parts first changes which searches are made, never the candidates."""
    lex = load_lexicon()
    texts = [ln for f in sorted(CORPUS.glob("*.*")) for ln in f.read_text().splitlines() if ln.strip()]
    texts += ["La présidente ouvre la séance", "PRÉSENTS : 12", "Séance clôturée à 18 h"]
    for group in (lex.times.start, lex.times.end, lex.chair.anywhere, lex.attendance.patterns):
        pats = compiled(tuple(group))
        got = CueIndex(texts).by_text(pats)
        one_by_one = CueIndex(texts)
        expected = {i: [p for p in pats if one_by_one.may_match(i, p)] for i in range(len(texts))}
        assert got == {i: ps for i, ps in expected.items() if ps}
        assert all(
            p.search(texts[i]) is None for i in range(len(texts)) for p in pats if p not in got.get(i, [])
        )


def test_rule_chars_open_every_rule() -> None:
    opening = re.search(r"\[(.*?)\]", _RULE_RE.pattern)
    assert opening is not None
    assert set(re.sub(r"\\(.)", r"\1", opening.group(1))) == meeting_doc._RULE_CHARS


def _reference(doc: meeting_doc.MeetingDoc) -> tuple[dict[int, str], list[int], list[int]]:
    """Paragraphs of every line and segments of the opening and officers, the whole text gone over."""
    paragraph: dict[int, int] = {}
    p = 0
    for ln in doc.lines:
        if ln.blank or _RULE_RE.match(ln.text):
            p += 1
        else:
            paragraph[ln.index] = p
    texts: dict[int, list[str]] = {}
    for seg in doc.segs:
        texts.setdefault(paragraph.get(seg.line, -1), []).append(seg.text)
    paras = {line: " ".join(texts.get(paragraph[line], [])) for line in doc.opening}
    opening = [i for i, s in enumerate(doc.segs) if s.line in doc.opening]
    officers = [i for i, s in enumerate(doc.segs) if s.line in doc.officers]
    return paras, opening, officers


@pytest.mark.parametrize("name", sorted(p.name for p in CORPUS.glob("*.*")))
def test_opening_stops_after_its_paragraphs(name: str) -> None:
    """The lines past the officers' paragraphs are not gone over: same paragraphs and segments."""
    lines = split_lines((CORPUS / name).read_text())
    long_opening = split_lines("\n".join(f"Ligne {i} du long premier paragraphe" for i in range(40)))
    for ls in (lines, long_opening):
        doc = build_meeting_doc(ls, None, None, [])
        paras, opening, officers = _reference(doc)
        assert {line: doc.paragraph_text(line) for line in doc.opening} == paras
        assert list(doc.opening_idx) == opening
        assert list(doc.officers_idx) == officers


@pytest.mark.parametrize("name", sorted(p.name for p in CORPUS.glob("*.*")))
def test_segments_by_line(name: str) -> None:
    lines = split_lines((CORPUS / name).read_text())
    doc = build_meeting_doc(lines, None, None, [])
    firsts = [s.lines[0] for s in doc.segs]
    assert firsts == sorted(firsts)  # what the bisections rely on
    assert all(list(s.lines) == sorted(s.lines) for s in doc.segs)
    for line in range(-1, len(lines) + 1):
        assert doc.segs_starting_on(line) == [s for s in doc.segs if s.line == line]
        assert doc.segs_through(line) == [s for s in doc.segs if line in s.lines]
