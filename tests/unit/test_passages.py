"""Passages: the fast paths (cut points found from the separators, emphasis blanked with replace, all
lines cleaned at once) give exactly what the plain patterns give, and the prefilters of attendance and
signature let through every text their pattern matches."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from pvparse.extract import attendance, passages, signature
from pvparse.extract.passages import Segment, clean_lines, clean_text, split_segments, split_units

CORPUS = Path(__file__).resolve().parents[2] / "corpus"
LINES = [ln for f in sorted(CORPUS.glob("*.txt")) for ln in f.read_text().splitlines()]

# The patterns as first written, one alternation each: the reference the fast paths are held to.
SPLIT_RE = re.compile(
    r"(?<![ ])[ ]+[—–][ ]+(?=[^\d\s])|(?<![ ])[ ]+/[ ]+|(?<![ ])[ ]*\|[ ]*|;[ ]*"
    r"|(?<=[a-zà-ÿ0-9)»\"'’][.!?])[ ]+(?=[A-ZÀ-Ý«\"])"
)
EMPHASIS_RE = re.compile(r"[*_`]|\\(?=[.\-#*_()\[\]])")
LEADING_RE = re.compile(r"^[\s>#:+*•\-–—=|]*(?:\[[ xX]\][ ]*)?")
CELL_SPLIT_RE = re.compile(r"[ ]{2,}|[ ]*\|[ ]*|[ ]+[—–][ ]+|;[ ]*")


def _reference_clean(text: str) -> str:
    t = EMPHASIS_RE.sub(" ", text)
    m = LEADING_RE.match(t)
    t = " " * m.end() + t[m.end() :] if m else t
    return re.sub(r"[ ]#+[ ]*$", lambda m: " " * len(m.group(0)), t)


def _random_texts(alphabet: str, n: int, seed: int, longest: int = 14) -> list[str]:
    rnd = random.Random(seed)
    return ["".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, longest))) for _ in range(n)]


def _spans(pattern: re.Pattern[str], text: str) -> list[tuple[int, int]]:
    return [m.span() for m in pattern.finditer(text)]


@pytest.mark.parametrize(
    ("text", "parts"),
    [
        ("Présidée par A. Fabre. Damien Lacombe note.", ["Présidée par A. Fabre.", "Damien Lacombe note."]),
        ("Présents : 14 — Votants : 16", ["Présents : 14", "Votants : 16"]),
        ("de 14 h 05 – 14 h 15", ["de 14 h 05 – 14 h 15"]),  # a dash before a digit cuts nothing
        ("a | b;c / d", ["a", "b", "c", "d"]),
        ("M. Dupont ouvre la séance", ["M. Dupont ouvre la séance"]),
    ],
)  # fmt: skip
def test_split_segments(text: str, parts: list[str]) -> None:
    got = split_segments(Segment(text, ((0, 100),), (3,)))
    assert [s.text for s in got] == parts
    assert all(s.abs(0) == 100 + text.index(s.text) for s in got)


def test_cut_points_are_the_pattern_matches() -> None:
    texts = [*LINES, *_random_texts(" —–/|;.!?aZ1)»\"'’«É-", 100_000, seed=1, longest=16)]
    for text in texts:
        assert passages._cuts(text) == _spans(SPLIT_RE, text), text
        assert passages._cuts(text) == _spans(passages._SEGMENT_SPLIT_RE, text), text


def test_split_units_cuts_each_unit_alone() -> None:
    rnd = random.Random(2)
    pieces = _random_texts(" —–/|;.!?aZ1É", 20_000, seed=3, longest=10)
    for _ in range(5_000):
        units = [Segment(t, ((0, 7 * k),), (k,)) for k, t in enumerate(rnd.sample(pieces, rnd.randint(0, 5)))]
        assert split_units(units) == [s for u in units for s in split_segments(u)]


@pytest.mark.parametrize(
    "unit",
    [
        Segment("Elle est présidée par X et Y est", ((0, 10), (9, 40)), (1, 2)),  # wrapped: kept whole
        Segment("Une phrase. Une autre", ((0, 0), (12, 30)), (0, 1)),  # cut
        Segment("  ", ((0, 0),), (0,)),  # blank: dropped
        Segment("décalé", ((3, 50),), (4,)),  # first anchor not at 0: rebuilt by `cut`
        Segment("deux ancres", ((0, 0), (4, 9), (4, 20)), (0, 1, 2)),  # anchors not increasing
        Segment("hors texte", ((0, 0), (20, 90)), (0, 1)),  # an anchor past the end
    ],
)
def test_split_units_returns_what_split_segments_does(unit: Segment) -> None:
    assert split_units([unit]) == split_segments(unit)


def test_clean_lines_is_clean_text_of_each() -> None:
    alphabet = " >#:+*•-–—=|[]xX*_`\\.()a\t\x1cé"
    texts = [*LINES, *_random_texts(alphabet, 50_000, seed=4, longest=8)]
    assert clean_lines(texts) == [_reference_clean(t) for t in texts]
    assert [clean_text(t) for t in texts] == [_reference_clean(t) for t in texts]
    assert clean_lines(["a\nb", "*c"]) == [clean_text("a\nb"), clean_text("*c")]  # one at a time


def test_cell_split_is_the_plain_alternation() -> None:
    for text in [*LINES, *_random_texts(" |;—–a-:", 100_000, seed=5, longest=12)]:
        assert _spans(signature._CELL_SPLIT_RE, text) == _spans(CELL_SPLIT_RE, text), text


@pytest.mark.parametrize(
    ("text", "looked_at"),
    [
        ("Présents : 14", True),
        ("- Membres en exercice :15 sur 43", True),
        ("Ordre du jour : 3 points", True),
        ("Budget 2023 : voir annexe", False),  # a digit, a colon, but no count after it
        ("Présents : quatorze", False),
    ],
)
def test_label_count_prefilter(text: str, looked_at: bool) -> None:
    assert bool(attendance._COLON_COUNT_RE.search(text)) is looked_at


def test_label_count_prefilter_never_drops_a_match() -> None:
    for text in [*LINES, *_random_texts(" :-,;|aP1é\t", 100_000, seed=6, longest=14)]:
        if attendance._LABEL_COUNT_RE.search(text):
            assert attendance._COLON_COUNT_RE.search(text), text
