"""`build_units` and `split_units` give exactly what the plain construction gives: lines joined one
by one where wrapped, each unit cut at every match of the plain split pattern, each piece rebuilt from
its positions (on the corpus texts and on generated ones)."""

from __future__ import annotations

import bisect
import random
import re
from pathlib import Path

import pytest

from pvparse.extract.passages import Segment, build_units, clean_text, split_units
from pvparse.lines import Line, split_lines

CORPUS = Path(__file__).resolve().parents[2] / "corpus"
TEXTS = [f.read_text() for f in sorted(CORPUS.glob("*.*")) if f.is_file()]

SPLIT_RE = re.compile(
    r"(?<![ ])[ ]+[—–][ ]+(?=[^\d\s])|(?<![ ])[ ]+/[ ]+|(?<![ ])[ ]*\|[ ]*|;[ ]*"
    r"|(?<=[a-zà-ÿ0-9)»\"'’][.!?])[ ]+(?=[A-ZÀ-Ý«\"])"
)

Plain = tuple[str, tuple[tuple[int, int], ...], tuple[int, ...]]


def _plain(segs: list[Segment]) -> list[Plain]:
    return [(s.text, s.anchors, s.lines) for s in segs]


def _reference_units(lines: list[Line], skip: frozenset[int]) -> list[Plain]:
    def goes_on(prev: Line, nxt: Line) -> bool:
        body = clean_text(nxt.text).lstrip()
        return (
            nxt.bullet is None
            and body != ""
            and body[0].islower()
            and not prev.text.rstrip().endswith((":", "  "))
        )

    units: list[Plain] = []
    i = 0
    while i < len(lines):
        if lines[i].blank or i in skip:
            i += 1
            continue
        text, anchors, idx = clean_text(lines[i].text), [(0, lines[i].start)], [i]
        j = i + 1
        while j < len(lines) and not lines[j].blank and j not in skip and goes_on(lines[j - 1], lines[j]):
            anchors.append((len(text) + 1, lines[j].start))
            text += " " + clean_text(lines[j].text)
            idx.append(j)
            j += 1
        units.append((text, tuple(anchors), tuple(idx)))
        i = j
    return units


def _reference_cut(unit: Plain, i: int, j: int) -> Plain:
    text, anchors, lines = unit
    positions = [p for p, _ in anchors]

    def at(k: int) -> int:
        return max(bisect.bisect_right(positions, k) - 1, 0)

    new_anchors = [(0, anchors[at(i)][1] + i - anchors[at(i)][0])]
    new_lines = [lines[at(i)]]
    for pos, off in anchors:
        if i < pos < j:
            new_anchors.append((pos - i, off))
            new_lines.append(lines[at(pos)])
    return (text[i:j], tuple(new_anchors), tuple(new_lines))


def _reference_split(units: list[Plain]) -> list[Plain]:
    out: list[Plain] = []
    for unit in units:
        text = unit[0]
        pos = 0
        for m in SPLIT_RE.finditer(text):
            if text[pos : m.start()].strip():
                out.append(_reference_cut(unit, pos, m.start()))
            pos = m.end()
        if text[pos:].strip():
            out.append(_reference_cut(unit, pos, len(text)))
    return out


def _generated_text(rnd: random.Random) -> str:
    starts = ["", "", "- ", "* ", "  ", "> ", "# ", "1. ", "**"]
    words = ["Le", "la", "séance", "M.", "est", "ouverte.", "Vote", "—", "–", "/", "|", ";", "14", "h",
             "ok!", "pour?", "Élu", "«", "»", ":", "x.", "_a_", "\\.", "`b`", "’", "'", '"', "a:",
             "!", "?"]  # fmt: skip
    lines = []
    for _ in range(rnd.randint(1, 12)):
        if rnd.random() < 0.15:
            lines.append(rnd.choice(["", "  "]))
            continue
        body = (" " * rnd.randint(1, 2)).join(rnd.choice(words) for _ in range(rnd.randint(1, 7)))
        lines.append(rnd.choice(starts) + body + rnd.choice(["", "", " ", "  ", ":"]))
    return "\n".join(lines)


def _skips(n: int, rnd: random.Random) -> list[frozenset[int]]:
    return [frozenset(), frozenset(range(min(n, 5))), frozenset(k for k in range(n) if rnd.random() < 0.3)]


@pytest.mark.parametrize("text", TEXTS, ids=[f.name for f in sorted(CORPUS.glob("*.*")) if f.is_file()])
def test_corpus_units_and_segments_are_the_plain_ones(text: str) -> None:
    lines = list(split_lines(text))
    for skip in _skips(len(lines), random.Random(len(text))):
        units = build_units(lines, skip)
        assert _plain(units) == _reference_units(lines, skip)
        assert _plain(split_units(units)) == _reference_split(_reference_units(lines, skip))


def test_generated_units_and_segments_are_the_plain_ones() -> None:
    rnd = random.Random(11)
    for _ in range(3_000):
        lines = list(split_lines(_generated_text(rnd)))
        for skip in _skips(len(lines), rnd):
            units = build_units(lines, skip)
            assert _plain(units) == _reference_units(lines, skip)
            assert _plain(split_units(units)) == _reference_split(_reference_units(lines, skip))


def test_a_line_break_inside_a_unit_cuts_as_the_unit_alone() -> None:
    rnd = random.Random(12)
    alphabet = " \n—–/|;.!?aZ1É"
    for _ in range(5_000):
        units = [
            Segment("".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 12))), ((0, 9 * k),), (k,))
            for k in range(rnd.randint(0, 4))
        ]
        assert _plain(split_units(units)) == _reference_split(_plain(units))


@pytest.mark.parametrize(
    ("text", "units"),
    [
        ("Elle est présidée par A. Fabre et\nB. Lacombe est\nsecrétaire.", 2),  # "B." starts a unit
        ("Elle est présidée\npar A. Fabre.", 1),  # lower case: wrapped
        ("Ordre du jour :\nlecture du procès-verbal", 2),  # after ":" a new unit
        ("Points\n- lecture", 2),  # a bullet: an item of its own
        ("Points\n\nlecture", 2),  # a blank line between
    ],
)
def test_wrapped_lines(text: str, units: int) -> None:
    lines = list(split_lines(text))
    got = build_units(lines)
    assert len(got) == units
    assert _plain(got) == _reference_units(lines, frozenset())
