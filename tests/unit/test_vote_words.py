"""The vote vocabulary's cheap word cues: prefix trees, word places, and the guards that skip patterns.

A guard is only sound if it is a necessary condition: whenever the pattern it guards can match, the
guard holds. The tables below pair each guarded pattern with its guard and check that implication on
every line of the corpus and on generated lines made of lexicon words.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pvparse.extract.decisions import line_evidence
from pvparse.extract.vote_words import (
    _FOLD_TABLE,
    _SHORT,
    _folds_once,
    alternation,
    find_words,
    find_words_in,
    fold_keep,
    fold_lines,
    load_lexicon,
    may_count,
    may_hold_vote,
    patterns,
    word_tree,
)
from pvparse.lines import split_lines

ROOT = Path(__file__).resolve().parents[2]
CORPUS_LINES = sorted(
    {
        line.text
        for path in sorted((ROOT / "corpus").glob("*.*"))
        for line in split_lines(path.read_text(encoding="utf-8"))
        if line.text.strip()
    }
)


def _lexicon_words() -> list[str]:
    data = tomllib.loads((ROOT / "models" / "decisions.toml").read_text(encoding="utf-8"))
    out: list[str] = []

    def walk(x: object) -> None:
        if isinstance(x, str):
            out.append(x)
        elif isinstance(x, list):
            for y in x:
                walk(y)
        elif isinstance(x, dict):
            for k, v in x.items():
                out.append(k)
                walk(v)

    walk(data)
    return sorted(set(out))


WORDS = _lexicon_words()
FILLERS = [
    "le", "la", "budget", "Marie", "Le CA", "L'assemblée", "est", "sont", "a été", "ont", "a", "12", "3",
    ":", "=", ",", ".", "→", "->", "(", ")", "«", "»", "**", "_", "?", "-", "n'", "pas", "donc", "  ",
]  # fmt: skip


def groups(text: str) -> set[str]:
    return find_words(text, 0, len(text)).groups(0, len(text))


# --- folding -----------------------------------------------------------------------------------------


def _table_fold(s: str) -> str:
    return s.translate(_FOLD_TABLE)


def test_fold_keep_folds_every_code_point_as_the_table_does() -> None:
    points = [chr(c) for c in range(0x110000) if not 0xD800 <= c <= 0xDFFF]
    plain = [c for c in points if _folds_once(c)]
    odd = sorted(set(points) - set(plain))
    assert "\u1fef" in odd and len(odd) < 20  # "`" (U+1FEF) folds into "`", which folds into "'"
    ascii_text = "".join(points[:128])
    assert fold_keep(ascii_text) == _table_fold(ascii_text)
    # every other code point in strings that fold the fast way, forwards and backwards ...
    for k in range(128, len(plain), 256):
        chunk = "".join(plain[k : k + 256])
        for text in (chunk, "Ab`" + chunk[::-1]):
            assert fold_keep(text) == _table_fold(text), hex(ord(plain[k]))
    # ... and the few that do not, which send the whole string to the table
    for c in odd:
        text = "É" + c + "AΣ x" + "é" * _SHORT
        assert fold_keep(text) == _table_fold(text), hex(ord(c))


@pytest.mark.parametrize(
    "text",
    [
        "Adoptée À L’UNANIMITÉ — Œuvre",
        "ΟΔΟΣ ΟΔΟΣ Σ ΑΣ",  # a capital sigma lowers by its neighbours: the table is used
        "İstanbul",  # "İ" lowers into two characters: the table is used
        "Kelvin K and Å",  # Kelvin and Ångström signs lower into other letters
        "`quote´ and ‐dash‑",
        "plain ascii TEXT",
        "",
    ],
)
def test_fold_keep_keeps_one_character_per_character(text: str) -> None:
    for t in (text, text * (_SHORT // max(len(text), 1) + 1)):  # short and long ones fold differently
        assert fold_keep(t) == _table_fold(t)
        assert len(fold_keep(t)) == len(t)


def test_nothing_but_a_line_break_folds_into_one() -> None:
    assert [chr(c) for c in range(0x110000) if _FOLD_TABLE[c] == "\n"] == ["\n"]


@pytest.mark.parametrize(
    "texts",
    [["Vote : Adopté", "", "  Σ ΑΣ  ", "Pour : 12"], ["line\nwith a break", "É"], [], [""]],
)
def test_fold_lines_is_fold_keep_of_each_line(texts: list[str]) -> None:
    assert fold_lines(texts) == [fold_keep(t) for t in texts]


# --- the "count" group stands for `count_word` ------------------------------------------------------


def _check_count_group(line: str) -> None:
    t = fold_keep(line)
    places = find_words(t, 0, len(t))
    for s, e in ((0, len(t)), (len(t) // 2, len(t)), (0, len(t) // 2), (1, len(t) - 1)):
        found = patterns().cues.count_word.search(t, s, e) is not None
        assert ("count" in places.groups(s, e)) is found, (line, s, e)


def test_count_group_is_where_count_word_finds_a_word_on_the_corpus() -> None:
    for line in CORPUS_LINES:
        _check_count_group(line)


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(WORDS + FILLERS), min_size=1, max_size=8), st.sampled_from([" ", "", "  "]))
def test_count_group_is_where_count_word_finds_a_word(parts: list[str], sep: str) -> None:
    _check_count_group(sep.join(parts))


@pytest.mark.parametrize(
    ("text", "counted"),
    [("12 pour", True), ("Contre : 2", True), ("votants", True), ("pourtant", True), ("le budget", False)],
)
def test_count_group(text: str, counted: bool) -> None:
    assert ("count" in groups(fold_keep(text))) is counted


# --- words of many lines at once ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lines", "spans"),
    [
        (["vote : adopte", "", "12 pour", "rien"], [(0, 13), (0, 0), (0, 7), (0, 4)]),
        (["- vote", "adopte a l'unanimite des presents"], [(2, 6), (0, 13)]),  # cut inside a word
        (["a l'unanimite des presents   "], [(0, 9)]),  # too short for any word that starts there
        (["vote", "votes blancs"], [(1, 4), (0, 12)]),  # a word before the span is not in it
        (["s'abstient d'", "d' ", "adopte"], [(0, 13), (0, 3), (3, 6)]),
    ],
)
def test_find_words_in_is_find_words_of_each_line(lines: list[str], spans: list[tuple[int, int]]) -> None:
    together = find_words_in(lines, spans)
    assert [w.places for w in together] == [find_words(f, s, e).places for f, (s, e) in zip(lines, spans)]
    assert [w.folded for w in together] == lines


def test_find_words_in_on_the_corpus_lines() -> None:
    folded = [fold_keep(t) for t in CORPUS_LINES]
    spans = [(len(t) - len(t.lstrip(" -*>")), len(t.rstrip())) for t in folded]
    together = find_words_in(folded, spans)
    assert sum(len(w.places) for w in together) > 100
    assert [w.places for w in together] == [find_words(f, s, e).places for f, (s, e) in zip(folded, spans)]


# --- prefix trees -----------------------------------------------------------------------------------


def _groups_of_words() -> dict[str, list[str]]:
    lx = load_lexicon()
    r = lx.results
    return {
        "vote_heads": lx.vote_heads,
        "counts": [w for ws in lx.counts.by_field().values() for w in ws],
        "numbers": list(lx.numbers),
        "participles": [*r.adopted_participles, *r.rejected_participles],
        "verbs": [*r.adopted_verbs, *r.rejected_verbs],
        "consent": r.consent,
        "unanimity": r.unanimity,
        "past_cues": r.past_cues,
    }


@pytest.mark.parametrize("name", sorted(_groups_of_words()))
def test_word_tree_matches_what_the_alternation_matches(name: str) -> None:
    words = _groups_of_words()[name]
    tree, flat = re.compile(word_tree(words)), re.compile(alternation(words))
    samples = set()
    for w in words:
        f = " ".join(fold_keep(w).split())
        samples |= {f, f.replace(" ", "   "), f.replace("'", "' "), f[:-1], f + "x", "x" + f, f[1:]}
    for s in sorted(samples):
        assert bool(tree.fullmatch(s)) == bool(flat.fullmatch(s)), (name, s)
        assert bool(tree.search(s)) == bool(flat.search(s)), (name, s)


# --- word places --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected", "absent"),
    [
        ("votes blancs", {"noun", "head", "abstain_blank", "vote_word", "participle"}, {"verb"}),
        ("reelu", {"participle"}, {"noun"}),  # "reelu" and "elu" both start in it
        ("adoptee a l'unanimite", {"participle", "unanimity", "verb"}, {"consent"}),
        ("il a ete decide de", {"impersonal", "decide", "label"}, {"noun"}),
        ("marie presente le bilan", set(), {"participle", "noun", "verb"}),
    ],
)
def test_groups_found(text: str, expected: set[str], absent: set[str]) -> None:
    found = groups(text)
    assert expected <= found
    assert not (absent & found)


def test_a_word_cut_by_the_end_counts_only_if_a_shorter_one_fits() -> None:
    text = "a l'unanimite des presents"
    places = find_words(text, 0, len(text))
    assert "unanimity" in places.groups(0, len("a l'unanimite"))
    assert "unanimity" not in places.groups(0, len("a l'unani"))


# --- the line prefilter ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "passes"),
    [
        ("Le budget est adopté.", True),
        ("Vote du quitus :", True),
        ("Pour : 12 — Contre : 2", True),
        ("15 pour, 2 contre", True),
        ("Deux abstentions.", True),
        ("À l'unanimité.", True),
        ("Pas d'objection.", True),
        ("Il est convenu de repeindre le local.", True),
        ("La commission émet un avis favorable.", True),
        ("Marie présente le bilan de l'année.", False),
        ("On part pour la fête.", False),  # "pour" alone, no number, ":" nor "="
        ("Pour la suite, voir la page 2", True),  # "pour" and a number: may be a count, read further
        ("Les acteurs du territoire", True),  # "acte": a participle inside a word still passes
        ("", False),
    ],
)
def test_line_prefilter(line: str, passes: bool) -> None:
    f = fold_keep(line)
    assert may_hold_vote(groups(f), f, 0, len(f)) is passes


@pytest.mark.parametrize(
    ("line", "has_evidence"),
    [
        ("Le budget est adopté.", True),  # a cue: read, and evidence found
        ("Pour : 12 — Contre : 2", True),
        ("Les acteurs du territoire", False),  # a cue: read, but nothing found
        ("Marie présente le bilan de l'année.", False),  # no cue: not read at all
    ],
)
def test_lines_with_a_cue_still_go_through(line: str, has_evidence: bool) -> None:
    (ln,) = split_lines(line)
    assert bool(line_evidence(ln)) is has_evidence


# --- every guard is a necessary condition ------------------------------------------------------------

_DIGIT = re.compile(r"\d")
_MARK = re.compile(r"[:=]")
_NUMBER_MARK = re.compile(r"[\d:=]")


def _has(text: str, rx: re.Pattern[str]) -> bool:
    return rx.search(text) is not None


def _guards() -> list[tuple[str, Callable[[str, set[str]], bool]]]:
    """(pattern, guard) as decisions.py pairs them: the pattern may run only when the guard holds."""
    c = patterns().cues

    def count_word(t: str) -> bool:
        return _has(t, c.count_word)

    return [
        ("count_by_against", lambda t, g: _has(t, _DIGIT) and "noun" in g),
        ("count_by_votes", lambda t, g: _has(t, _DIGIT) and "noun" in g),
        ("bare_votes", lambda t, g: _has(t, _DIGIT) and "noun" in g),
        ("count_label", lambda t, g: _has(t, _MARK) and count_word(t)),
        ("count_number", lambda t, g: _has(t, _DIGIT) and count_word(t)),
        ("count_words_number", lambda t, g: "noun" in g or "abstain_blank" in g),
        ("vote_word", lambda t, g: "vote_word" in g),
        ("procedural", lambda t, g: "procedural" in g),
        ("past", lambda t, g: "past" in g),
        ("decision_label", lambda t, g: "label" in g),
        ("impersonal", lambda t, g: "impersonal" in g),
        ("opinion", lambda t, g: "opinion" in g),
        ("active", lambda t, g: "verb" in g),
        ("active_past", lambda t, g: _has(t, c.perfect)),
        ("passive", lambda t, g: "participle" in g and _has(t, c.aux)),
        ("quitus", lambda t, g: "quitus" in g),
        ("standalone", lambda t, g: "participle" in g),
        ("label_result", lambda t, g: "participle" in g),
        ("noun_result", lambda t, g: "participle" in g),
        ("any_participle", lambda t, g: "participle" in g),
        ("label_flag", lambda t, g: bool(g & {"unanimity", "majority", "consent"})),
        ("flag_only", lambda t, g: bool(g & {"unanimity", "majority", "consent"})),
        ("unanimous_noun", lambda t, g: "unanimous" in g),
        ("consent", lambda t, g: "consent" in g),
        ("unanimity", lambda t, g: "unanimity" in g),
        ("unanimity_minus", lambda t, g: "unanimity" in g),
        ("majority", lambda t, g: "majority" in g),
    ]


GUARDS = _guards()
# The patterns that make evidence; a line the prefilter drops must match none of them.
EVIDENCE = [n for n, _ in GUARDS if n not in ("vote_word", "procedural", "past")] + ["vote_head"]


def _check(line: str) -> None:
    p = patterns()
    t = fold_keep(line)
    g = groups(t)
    for name, guard in GUARDS:
        if getattr(p, name).search(t):
            assert guard(t, g), (name, line)
    if not may_hold_vote(g, t, 0, len(t)):
        assert not any(getattr(p, n).search(t) for n in EVIDENCE), line
    if not may_count(g, t, 0, len(t)):
        assert not any(getattr(p, n).search(t) for n in EVIDENCE if n.startswith(("count_", "bare"))), line


def test_guards_hold_on_every_corpus_line() -> None:
    assert len(CORPUS_LINES) > 500
    for line in CORPUS_LINES:
        _check(line)


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(WORDS + FILLERS), min_size=1, max_size=8), st.sampled_from([" ", "", "  "]))
def test_guards_hold_on_lines_of_lexicon_words(parts: list[str], sep: str) -> None:
    _check(sep.join(parts))
