"""The shortcuts of the decision stage give what the plain searches give.

Each shortcut replaces a regex search over a whole sentence by cheaper work: `str.find` for the
characters a match must open with (`matches_at`), the lexicon's word places for the words a pattern
opens with, `str.find` for plain words and digits. Each is checked here against the plain search it
replaces, on every corpus line and on generated lines full of the characters that matter.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pvparse.extract.decisions import (
    _BOUNDARY_RE,
    _FLAG_GROUPS,
    _LABEL_COLON_RE,
    _PAREN_RE,
    _QUOTED_RE,
    _STATEMENT_GROUPS,
    _mask,
    _segments,
    _Words,
    line_evidence,
)
from pvparse.extract.vote_words import (
    AUX_WORDS,
    _non_ascii,
    digit_offsets,
    find_all,
    find_words,
    fold_keep,
    has_digit,
    has_mark,
    matches_at,
    patterns,
    search_at,
)
from pvparse.lines import split_lines

ROOT = Path(__file__).resolve().parents[2]
CORPUS_FOLDED = sorted(
    {
        fold_keep(line.text)
        for path in sorted((ROOT / "corpus").glob("*.*"))
        for line in split_lines(path.read_text(encoding="utf-8"))
        if line.text.strip()
    }
)
PIECES = [
    "vote", "voix", "pour", "contre", "abstention", "adopte", "est", "a ete", "a adopte", "decide",
    "par", "a", "12", "3", "٣", "３", " ", "  ", ":", "=", ".", "!", "?", ";", "…", "*", "_", "→", "->",
    "=>", "-", ">", "(", ")", "[", "]", "«", "»", "“", "”", '"', "'", "\n", "x", "é", "œ",
    # every way `passive` can open: a negation or each auxiliary, and what may follow them
    "ne ", "n'", "sont", "ont", "fut", "furent", "ete", "pas", "approuve", "rejete", "ainsi",
]  # fmt: skip
generated = st.lists(st.sampled_from(PIECES), max_size=40).map("".join)


def _spans(text: str) -> list[tuple[int, int]]:
    n = len(text)
    return [(0, n), (min(3, n), n), (0, max(n - 2, 0)), (n // 3, 2 * n // 3)]


# --- matches_at: a pattern tried only where its matches can open --------------------------------


def _reference_segments(folded: str, start: int, end: int) -> list[tuple[int, int]]:
    out, pos = [], start
    for m in _BOUNDARY_RE.finditer(folded, start, end):
        if m.start() > pos:
            out.append((pos, m.start()))
        pos = m.end()
    if pos < end:
        out.append((pos, end))
    return out


def _reference_mask(s: str, pattern: re.Pattern[str], keep_ends: bool) -> str:
    def blank(m: re.Match[str]) -> str:
        t = m.group()
        return t[0] + " " * (len(t) - 2) + t[-1] if keep_ends else " " * len(t)

    return pattern.sub(blank, s)


def _check_line(text: str) -> None:
    for s, e in _spans(text):
        assert _segments(text, s, e) == _reference_segments(text, s, e), (text, s, e)
        colons = find_all(text, ":", s, e)
        assert [m.span() for m in matches_at(_LABEL_COLON_RE, text, colons, s, e)] == [
            m.span() for m in _LABEL_COLON_RE.finditer(text, s, e)
        ]
    for pattern in (_QUOTED_RE, _PAREN_RE):
        for keep in (True, False):
            assert _mask(text, pattern, keep) == _reference_mask(text, pattern, keep), text


def test_shortcuts_on_corpus_lines() -> None:
    for text in CORPUS_FOLDED:
        _check_line(text)


@settings(max_examples=400, deadline=None)
@given(generated)
def test_shortcuts_on_generated_lines(text: str) -> None:
    _check_line(text)


@pytest.mark.parametrize(
    ("text", "segments"),
    [
        ("Vote. Adopté", [(0, 5), (6, 12)]),
        ("Vote : 5 pour → adopté", [(0, 13), (16, 22)]),
        ("a -> b => c", [(0, 1), (5, 6), (10, 11)]),
        ("a   -> b", [(0, 1), (7, 8)]),  # the run of spaces before the arrow goes with it
        ("M.Dupont a voté", [(0, 15)]),  # no space after the stop: no cut
        ("fin.*Suite", [(0, 4), (5, 10)]),
    ],
)
def test_segments(text: str, segments: list[tuple[int, int]]) -> None:
    assert _segments(text, 0, len(text)) == segments == _reference_segments(text, 0, len(text))


def test_matches_at_tries_only_the_given_offsets() -> None:
    rx = re.compile(r"ab")
    assert [m.start() for m in matches_at(rx, "ab ab ab", [3, 0, 3], 0, 8)] == [0, 3]
    assert matches_at(rx, "ab ab", [1, 2], 0, 5) == []  # no match opens there
    assert [m.start() for m in matches_at(rx, "abab", [0, 1, 2], 1, 4)] == [2]  # from pos on
    assert matches_at(rx, "abab", [2], 0, 3) == []  # not past endpos


# --- digits, marks and plain words found with str.find ----------------------------------------------


@pytest.mark.parametrize(
    ("text", "digit"),
    [
        ("12 pour", True),
        ("Pour : ٣", True),  # an Arabic-Indic digit is a digit to `\d`
        ("Pour : ３", True),  # so is a fullwidth one
        ("é 7", True),
        ("Pour : douze", False),
        ("vote à l'unanimité", False),
        ("², ½, Ⅻ", False),  # not decimal digits
        ("", False),
    ],
)
def test_has_digit(text: str, digit: bool) -> None:
    folded = fold_keep(text)
    assert has_digit(folded, 0, len(folded)) is digit
    assert (re.search(r"\d", folded) is not None) is digit
    offsets = digit_offsets(folded, 0, len(folded))
    if offsets is not None:  # only 0-9 there: their offsets, as a search finds them
        assert sorted(offsets) == [m.start() for m in re.finditer(r"\d", folded)]
    else:
        assert any(not c.isascii() and c.isdecimal() for c in folded)


@settings(max_examples=300, deadline=None)
@given(generated)
def test_digits_marks_and_auxiliaries_as_searches_find_them(text: str) -> None:
    for s, e in _spans(text):
        assert has_digit(text, s, e) == (re.compile(r"\d").search(text, s, e) is not None)
        assert has_mark(text, s, e) == (re.compile(r"[:=]").search(text, s, e) is not None)
        words = _Words(text, s, e, find_words(text, 0, len(text)), found_here=True)
        cues = patterns().cues
        assert words.aux == (cues.aux.search(text, s, e) is not None)
        assert words.perfect == (cues.perfect.search(text, s, e) is not None)
        assert words.count_word == (cues.count_word.search(text, s, e) is not None)


@pytest.mark.parametrize(
    "aux", ["est", "sont", "fut", "furent", "a ete", "ont ete", "a pas ete", "ont pas ete", "a donc ete"]
)
def test_every_auxiliary_of_passive_holds_an_aux_word(aux: str) -> None:
    """The `aux` cue may skip a sentence only if every auxiliary `passive` accepts holds one of its words."""
    m = patterns().passive.search(f"le budget {aux} adopte.")
    assert m is not None
    assert any(w in m.group("aux") for w in AUX_WORDS)
    assert patterns().cues.aux.search(m.group("aux"))


@pytest.mark.parametrize(
    ("text", "count_word"),
    [
        ("Pour : 12", True),
        ("« Pour » : 12", False),  # the only count word stood in a quote, blanked out
        ("Adopté : 12", False),
    ],
)
def test_count_word_after_quotes_are_blanked(text: str, count_word: bool) -> None:
    folded = fold_keep(text)
    found = find_words(folded, 0, len(folded))  # found before the quotes are blanked out
    masked = _mask(folded, _QUOTED_RE, keep_ends=True)
    words = _Words(masked, 0, len(masked), found, found_here=masked is folded)
    assert words.count_word is count_word
    assert count_word == (patterns().cues.count_word.search(masked) is not None)


def test_non_ascii_characters() -> None:
    assert _non_ascii("Adoptée à l’unanimité €") == {"é", "à", "’", "€"}
    assert _non_ascii("plain") == set()
    assert _non_ascii("a\ud800b é") == {"\ud800", "é"}  # a lone surrogate: the regex way


# --- count patterns tried where their opening word starts --------------------------------------------


@settings(max_examples=300, deadline=None)
@given(generated)
def test_count_patterns_open_at_word_places_and_digits(text: str) -> None:
    p = patterns()
    found = find_words(text, 0, len(text))
    for s, e in _spans(text):
        words = _Words(text, s, e, found, found_here=True)
        label_starts = words.starts("noun", "count")
        assert all(m.start() in label_starts for m in p.count_label.finditer(text, s, e))
        digits = words.digits
        if digits is not None:
            for rx in (p.count_number, p.bare_votes):
                assert all(m.start() in digits for m in rx.finditer(text, s, e))
        by = [q for w in ("par ", "a ") for q in find_all(text, w, s, e)]
        for rx in (p.count_by_against, p.count_by_votes):
            assert all(m.start() in by for m in rx.finditer(text, s, e))


@settings(max_examples=300, deadline=None)
@given(generated)
def test_passive_opens_at_its_openings(text: str) -> None:
    p = patterns()
    found = find_words(text, 0, len(text))
    for s, e in _spans(text):
        openings = _Words(text, s, e, found, found_here=True).openings(p.passive_openings)
        assert all(m.start() in openings for m in p.passive.finditer(text, s, e))


@pytest.mark.parametrize(
    ("text", "passive"),
    [
        ("Le budget est adopté.", True),
        ("Le budget n'est pas adopté.", True),
        ("Les comptes ont été approuvés.", True),
        ("Le rapport ne fut pas approuvé.", True),
        ("Les statuts furent adoptés.", True),
        ("Les comptes n'ont pas été approuvés.", True),
        ("Les comptes sont approuvés.", True),
        ("Le budget, présenté par Marie, reste à voter.", False),
    ],
)
def test_passive_found_at_its_openings(text: str, passive: bool) -> None:
    p = patterns()
    folded = fold_keep(text)
    words = _Words(folded, 0, len(folded), find_words(folded, 0, len(folded)), found_here=True)
    m = search_at(p.passive, folded, words.openings(p.passive_openings), 0, len(folded))
    assert (m is not None) is passive
    assert (m.span() if m else None) == (x.span() if (x := p.passive.search(folded)) else None)


@pytest.mark.parametrize(
    ("text", "evidence"),
    [
        ("Pour information, le local ouvre à 9 h.", False),  # a count word, no count: nothing
        ("Pour : 12, contre : 3.", True),
        ("Vote du budget :", True),  # a vote head alone
        ("Adopté à l'unanimité.", True),
    ],
)
def test_segment_without_count_statement_or_head_is_no_evidence(text: str, evidence: bool) -> None:
    assert bool(line_evidence(split_lines(text)[0])) is evidence


def test_statement_and_flag_groups_are_lexicon_groups() -> None:
    known = set(patterns().cues.groups)
    assert _FLAG_GROUPS <= _STATEMENT_GROUPS <= known


@pytest.mark.parametrize(
    ("text", "statement", "flag"),
    [
        ("Le budget est adopté", True, False),
        ("à l'unanimité", True, True),
        ("Marie présente le bilan", False, False),
    ],
)
def test_statement_and_flag_cues(text: str, statement: bool, flag: bool) -> None:
    folded = fold_keep(text)
    words = _Words(folded, 0, len(folded), find_words(folded, 0, len(folded)), found_here=True)
    assert (words.statement, words.flag) == (statement, flag)
