"""Cues of a pattern (literal strings every match holds) and the index that skips texts without them.

The prefilter must never drop a text a pattern matches: checked on every pattern of models/meeting.toml
against the corpus lines and their upper/lower-cased forms, and on texts with characters lower-casing
cannot be trusted with ("ſ", "İ").
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from pvparse.extract import attendance, regex_cues
from pvparse.extract.meeting_lexicon import MeetingLexicon, compiled, load_lexicon
from pvparse.extract.regex_cues import SAFE_RE, CueIndex, pattern_cues

CORPUS = Path(__file__).resolve().parents[2] / "corpus"


@pytest.mark.parametrize(
    ("pattern", "flags", "strongest"),
    [
        (r"\bquorum\s+non\s+atteint", re.I, {"atteint"}),
        (r"\bsous\s+la\s+présidence\s+de\s+(?P<name>[A-Z]\w+)", re.I, {"présidence"}),
        (r"(?:s['’]est\s+tenue?|réunie?s?)\b", re.I, {"tenu", "réuni"}),
        (r"(?:président|co-présidente)\s*:", 0, {"président"}),  # the longer one holds the shorter
        (r"SÉANCE", 0, {"séance"}),  # lower-cased
        (r"(?:séance)?\s+levée", re.I, {"levée"}),  # an optional part requires nothing
        (r"ab(?:c|d)+e", 0, {"ab"}),  # "c" or "d" is a class, "e" is shorter
        (r"[Ss]éance", 0, {"éance"}),  # a class is no literal
    ],
)
def test_strongest_cues(pattern: str, flags: int, strongest: set[str]) -> None:
    assert pattern_cues(re.compile(pattern, flags))[0] == strongest


@pytest.mark.parametrize("pattern", [r"\d+", r"(?:quorum|\w+)", r"(?:séance)?", r"[A-Z]{2,}", r"^\s*$"])
def test_no_cue(pattern: str) -> None:
    assert pattern_cues(re.compile(pattern)) == ()


def test_every_requirement_is_listed() -> None:
    reqs = pattern_cues(re.compile(r"\bla\s+séance\s+est\s+levée", re.I))
    assert set(map(frozenset, [{"séance"}, {"levée"}, {"est"}, {"la"}])) == set(reqs)


def _lexicon_patterns(lex: MeetingLexicon) -> list[re.Pattern[str]]:
    groups = [
        lex.times.start, lex.times.convened, lex.times.end, lex.place.patterns,
        lex.chair.anywhere, lex.chair.opening, lex.chair.with_other, lex.chair.by_role,
        lex.secretary.anywhere, lex.secretary.opening, lex.attendance.patterns,
        lex.quorum.not_reached, lex.quorum.reached,
        lex.organization.label_patterns, lex.organization.mention_patterns,
    ]  # fmt: skip
    return [p for g in groups for p in compiled(tuple(g))] + [attendance._LABEL_COUNT_RE]


def _texts() -> list[str]:
    lines = [ln for f in sorted(CORPUS.glob("*.txt")) for ln in f.read_text().splitlines() if ln.strip()]
    made = [
        "La séance est levée à 16h40",
        "LA SÉANCE EST LEVÉE À 16H40",
        "la SéAnCe est LeVée à seize heures",
        "Le quorum étant atteint, l'assemblée peut valablement délibérer.",
        "Présents : 14 — Votants : 16",
        "Elle est présidée par Sébastien Fabre.",
        "Secrétaire de séance : Malik Haddad",
        "ſéance levée à 18h",  # "ſ" matches "s" under re.IGNORECASE, and is no "s" once lower-cased
        "Le quorum est atteİnt",
    ]
    return lines + [t.upper() for t in lines] + [t.lower() for t in lines] + made


def test_no_text_a_pattern_matches_is_skipped() -> None:
    texts = _texts()
    index = CueIndex(texts)
    for p in _lexicon_patterns(load_lexicon()):
        where = index.where(p)
        for i, t in enumerate(texts):
            if p.search(t):
                assert i in where, (p.pattern, t)
                assert CueIndex([t]).may_match(0, p), (p.pattern, t)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("La séance est levée à 16h40", True),
        ("LA SÉANCE EST LEVÉE À 16H40", True),
        ("ſéance levée à 18h", True),  # an unsafe character: always looked at
        ("La séance continue", False),  # "levée" missing
        ("La réunion est close", False),  # "séance" missing
    ],
)
def test_candidates(text: str, expected: bool) -> None:
    pattern = re.compile(r"\bséance\s+levée\s+à\s+\d+h", re.IGNORECASE)
    index = CueIndex(["Ordre du jour", text, "Fin"])
    assert (1 in index.where(pattern)) is expected
    assert CueIndex(["Ordre du jour", text, "Fin"]).may_match(1, pattern) is expected
    assert 0 not in index.where(pattern)


def test_by_text_keeps_the_order() -> None:
    end, start = re.compile("levée", re.I), re.compile("ouverte", re.I)
    index = CueIndex(["Séance ouverte", "rien", "Séance levée, ouverte", "levée"])
    assert index.by_text([end, start]) == {0: [start], 2: [end, start], 3: [end]}
    assert list(index.by_text([end, start], within=[3, 2]).items()) == [(3, [end]), (2, [end, start])]


def test_by_text_within_is_may_match_of_each() -> None:
    pats = [re.compile(p, re.I) for p in ("levée", r"\d+", "séance ouverte", "ouverte")]
    texts = ["Séance ouverte", "rien", "Séance levée, 3 ouverte", "levée", "ſéance ouverte"]
    for looked in (False, True):
        index = CueIndex(texts)
        if looked:  # `where` has searched the whole document: its answers are reused
            index.by_text(pats)
        within = [4, 1, 0, 2, 3]
        expected = {i: [p for p in pats if index.may_match(i, p)] for i in within}
        got = index.by_text(pats, within)
        assert list(got.items()) == [(i, ps) for i, ps in expected.items() if ps]
        assert all(p.search(texts[i]) is None for i in within for p in pats if p not in got.get(i, []))


def test_safe_characters_lower_case_as_ignorecase_compares() -> None:
    """Within SAFE_RE, two characters re.IGNORECASE takes as equal have the same str.lower(), of
    length 1: looking for a lower-cased cue in a lower-cased text finds what the pattern would."""
    ranges = [(0, 0x250), (0x300, 0x370), (0x2000, 0x2070), (0x20A0, 0x20D0), (0x2190, 0x27C0)]
    ranges.append((0x1F300, 0x1FB00))
    safe = [c for a, b in ranges for c in map(chr, range(a, b)) if SAFE_RE.fullmatch(c)]
    assert "ſ" not in safe and "İ" not in safe and "ı" not in safe
    everything = "".join(safe)
    for c in safe:
        assert len(c.lower()) == 1, c
        for d in re.findall(re.escape(c), everything, re.IGNORECASE):
            assert d.lower() == c.lower(), (c, d)


@pytest.mark.parametrize(
    ("parse", "why"),
    [
        (lambda source, flags: (_ for _ in ()).throw(ValueError("new syntax")), "the parser raises"),
        (lambda source, flags: [(regex_cues._parser.LITERAL, "q")], "a node of an unknown shape"),
        (lambda source, flags: [("NEW_OP", None)], "an unknown opcode: no requirement"),
        (lambda source, flags: None, "not a sequence"),
    ],
)
def test_a_pattern_the_parser_fails_on_has_no_cue(
    monkeypatch: pytest.MonkeyPatch, parse: object, why: str
) -> None:
    """`re._parser` is private: whatever goes wrong with it, the pattern runs on every text."""
    pattern = re.compile(r"\bquorum\s+atteint", re.I)
    assert pattern_cues(pattern)  # normally: cues, and a text without them is skipped
    assert CueIndex(["rien ici", "Quorum atteint"]).where(pattern) == {1}
    regex_cues._cues.cache_clear()
    monkeypatch.setattr(regex_cues._parser, "parse", parse)
    try:
        assert pattern_cues(pattern) == (), why
        index = CueIndex(["rien ici", "Quorum atteint"])
        assert index.where(pattern) == {0, 1}
        assert index.may_match(0, pattern)
    finally:
        regex_cues._cues.cache_clear()  # no cue-less result left for the other tests


def test_no_parser_module_means_no_cue(monkeypatch: pytest.MonkeyPatch) -> None:
    regex_cues._cues.cache_clear()
    monkeypatch.setattr(regex_cues, "_parser", None)
    try:
        assert pattern_cues(re.compile("séance levée")) == ()
    finally:
        regex_cues._cues.cache_clear()


@pytest.mark.parametrize(
    "texts",
    [
        ["Séance levée", "rien", "LEVÉE à 17h"],
        ["Séance\nlevée", "rien", "LEVÉE à 17h"],  # a text holding the separator
        ["ſéance", "Séance levée", "rien", "LEVÉE à 17h"],  # an unsafe text: blanked out, a candidate
    ],
)
def test_texts_are_found_around_separators_and_unsafe_texts(texts: list[str]) -> None:
    pattern = re.compile(r"levée", re.I)
    index = CueIndex(texts)
    expected = {i for i, t in enumerate(texts) if pattern.search(t)}
    assert expected <= index.where(pattern)
    assert index.where(pattern) - expected <= {i for i, t in enumerate(texts) if SAFE_RE.sub("", t)}
    assert "rien" not in {texts[i] for i in index.where(pattern)}
    assert [index.may_match(i, pattern) for i in range(len(texts))] == [
        i in index.where(pattern) for i in range(len(texts))
    ]


def test_latin1_table_lower_cases_as_str_lower() -> None:
    latin1 = "".join(map(chr, range(256)))
    assert latin1.encode("latin-1").translate(regex_cues._LATIN1_LOWER).decode("latin-1") == latin1.lower()


@pytest.mark.parametrize(
    ("text", "unsafe"),
    [
        ("Séance levée À 18 H", False),  # Latin-1: the table
        ("ORDRE DU JOUR", False),  # ASCII
        ("L’ŒUVRE — 12 €", False),  # beyond Latin-1, all safe: str.lower()
        ("ſéance", True),  # unsafe: blanked out, always a candidate
        ("Le quorum est atteİnt", True),
    ],
)
def test_texts_are_lower_cased_as_a_whole(text: str, unsafe: bool) -> None:
    index = CueIndex(["avant", text, "après"])
    assert index._lows[1] == ("\n" * len(text) if unsafe else text.lower())
    assert (1 in index._unsafe) is unsafe
    assert index._low == "\n".join(index._lows)
