"""Passages of the source for sentence-level patterns: lines cleaned of markup, wrapped lines joined,
cut into segments, every position mapping back to an absolute source offset.

"Elle est présidée par Sébastien Fabre. Damien Lacombe est" + "secrétaire de séance." is one unit
(the second line goes on in lower case) and two segments (cut at the sentence end).
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property

from ..lines import Line

_LEADING_MARKS_RE = re.compile(r"^[\s>#:+*•\-–—=|]*(?:\[[ xX]\][ ]*)?")
_ESCAPE_RE = re.compile(r"\\(?=[.\-#*_()\[\]])")
_TRAILING_HASHES_RE = re.compile(r"[ ]#+[ ]*$")
# Cut at " — " (not in "14 h 05 – 14 h 15"), " / ", "|", ";" and sentence ends (not after "M.").
_SEGMENT_SPLIT_RE = re.compile(
    # Every branch opens with its first character and a space goes on only when a space, a separator
    # or a capital follows: the search skips the spaces between words at little cost.
    # (?<![ ][ ]) after the first space: a match starts where a run of spaces begins, never inside it
    # (linear; issue 6).
    r"[ ](?=[ —–/|A-ZÀ-Ý«\"])"
    r"(?:(?<![ ][ ])[ ]*(?:[—–][ ]+(?=[^\d\s])|/[ ]+|\|[ ]*)"
    r"|(?<=[a-zà-ÿ0-9)»\"'’][.!?][ ])[ ]*(?=[A-ZÀ-Ý«\"]))"
    r"|\|(?<![ ]\|)[ ]*|;[ ]*"
)


_MARK_STARTS = frozenset(">#:+*•-–—=|[")  # what `_LEADING_MARKS_RE` can start with, besides spaces


def clean_text(text: str) -> str:
    """Emphasis, heading marks, list markers and escapes blanked out; same length as `text`."""
    return _clean_marks(_blank_emphasis(text))


def clean_lines(texts: Sequence[str]) -> list[str]:
    """`clean_text` of each text, the emphasis of all of them blanked out at once."""
    joined = "\n".join(texts)
    if joined.count("\n") != len(texts) - 1:  # a text holds a line break: one at a time
        return [clean_text(t) for t in texts]
    return [_clean_marks(t) for t in _blank_emphasis(joined).split("\n")]


def _blank_emphasis(text: str) -> str:
    """ "*", "_", "`" and a backslash escaping one of ".-#*_()[]" become spaces."""
    if "\\" in text:
        text = _ESCAPE_RE.sub(" ", text)
    return text.replace("*", " ").replace("_", " ").replace("`", " ")


def _clean_marks(t: str) -> str:
    if t and (t[0] in _MARK_STARTS or t[0].isspace()):
        m = _LEADING_MARKS_RE.match(t)
        if m and m.end():
            t = " " * m.end() + t[m.end() :]
    if "#" not in t:
        return t
    return _TRAILING_HASHES_RE.sub(lambda m: " " * len(m.group(0)), t)


@dataclass(frozen=True)
class Segment:
    """Cleaned text whose position `i` is at source offset `abs(i)`; `lines` it was taken from."""

    text: str
    anchors: tuple[tuple[int, int], ...]  # (position in text, source offset), increasing
    lines: tuple[int, ...]

    @property
    def line(self) -> int:
        return self.lines[0]

    @cached_property
    def _positions(self) -> list[int]:
        return [a for a, _ in self.anchors]

    def _anchor(self, i: int) -> int:
        """Index of the anchor position `i` falls after."""
        if len(self.anchors) == 1:
            return 0
        return max(bisect.bisect_right(self._positions, i) - 1, 0)

    def abs(self, i: int) -> int:
        pos, off = self.anchors[self._anchor(i)]
        return off + (i - pos)

    def line_at(self, i: int) -> int:
        return self.lines[self._anchor(i)]

    def same_line(self, i: int, j: int) -> bool:
        return self.line_at(i) == self.line_at(max(i, j - 1))

    def cut(self, i: int, j: int) -> Segment:
        """The part [i, j) of this segment."""
        if len(self.anchors) == 1 and self.anchors[0][0] == 0 and i >= 0:  # one line: no anchor inside
            return Segment(self.text[i:j], ((0, self.anchors[0][1] + i),), self.lines[:1])
        anchors = [(0, self.abs(i))]
        lines = [self.line_at(i)]
        for pos, off in self.anchors:
            if i < pos < j:
                anchors.append((pos - i, off))
                lines.append(self.line_at(pos))
        return Segment(self.text[i:j], tuple(anchors), tuple(lines))


def text_segment(text: str, start: int, line: int) -> Segment:
    """A segment of one piece of text (a heading title, a front-matter value) at `start`."""
    return Segment(clean_text(text), ((0, start),), (line,))


def _continues(prev: Line, nxt: Line, nxt_clean: str) -> bool:
    """A wrapped line: it goes on in lower case and is not an item of its own."""
    body = nxt_clean.lstrip()
    return (
        not prev.blank
        and not nxt.blank
        and nxt.bullet is None
        and bool(body)
        and body[0].islower()
        and not prev.text.rstrip().endswith((":", "  "))
    )


def build_units(lines: Sequence[Line], skip: set[int] | frozenset[int] = frozenset()) -> list[Segment]:
    """Lines joined where wrapped, each unit one Segment; lines in `skip` are left out."""
    blank = [ln.blank for ln in lines]
    kept = [ln for ln, b in zip(lines, blank, strict=True) if not b]
    cleaned = dict(zip((ln.index for ln in kept), clean_lines([ln.text for ln in kept]), strict=True))
    units: list[Segment] = []
    i = 0
    n = len(lines)
    while i < n:
        ln = lines[i]
        if blank[i] or i in skip:
            i += 1
            continue
        text = cleaned[i]
        anchors = [(0, ln.start)]
        idx = [i]
        j = i + 1
        while j < n and not blank[j] and j not in skip and _continues(lines[j - 1], lines[j], cleaned[j]):
            anchors.append((len(text) + 1, lines[j].start))
            text = text + " " + cleaned[j]
            idx.append(j)
            j += 1
        units.append(Segment(text, tuple(anchors), tuple(idx)))
        i = j
    return units


def split_segments(unit: Segment) -> list[Segment]:
    """A unit cut at sentence ends and separators."""
    return _split_at(unit, _cuts(unit.text))


def split_units(units: Sequence[Segment]) -> list[Segment]:
    """`split_segments` of each unit, the cuts of all of them found in one pass over their texts."""
    texts = [u.text for u in units]
    joined = "\n".join(texts)  # no cut reaches over a line break: as if each text stood alone
    if joined.count("\n") != len(texts) - 1:
        return [s for u in units for s in split_segments(u)]
    cuts = _cuts(joined)
    out: list[Segment] = []
    k = start = 0
    for u in units:
        end = start + len(u.text)
        mine = []
        while k < len(cuts) and cuts[k][0] < end:
            mine.append((cuts[k][0] - start, cuts[k][1] - start))
            k += 1
        if mine:
            out.extend(_split_at(u, mine))
        elif _whole(u):  # uncut: the unit itself, as `u.cut(0, len(u.text))` would rebuild it
            if u.text.strip():
                out.append(u)
        else:
            out.extend(_split_at(u, mine))
        start = end + 1
    return out


def _whole(unit: Segment) -> bool:
    """Whether `unit.cut(0, len(unit.text))` equals `unit`: one line per anchor, the first at 0, the
    others increasing and inside the text (as `build_units` makes them)."""
    if len(unit.anchors) == 1:  # most units: one line
        return unit.anchors[0][0] == 0 and len(unit.lines) == 1 and bool(unit.text)
    pos = [p for p, _ in unit.anchors]
    return (
        len(unit.lines) == len(pos)
        and pos[0] == 0
        and all(a < b for a, b in itertools.pairwise(pos))
        and pos[-1] < len(unit.text)
    )


def _split_at(unit: Segment, cuts: Sequence[tuple[int, int]]) -> list[Segment]:
    out = []
    pos = 0
    for s, e in cuts:
        if unit.text[pos:s].strip():
            out.append(unit.cut(pos, s))
        pos = e
    if unit.text[pos:].strip():
        out.append(unit.cut(pos, len(unit.text)))
    return out


def _cuts(text: str) -> list[tuple[int, int]]:
    """The spans of `_SEGMENT_SPLIT_RE.finditer(text)`, the pattern tried only where a match can start:
    at a separator or the run of spaces before it, after a sentence's ".", "!" or "?"."""
    starts: set[int] = set()
    for sep in "—–/|;":
        q = text.find(sep)
        while q >= 0:
            r = q
            while r and text[r - 1] == " ":
                r -= 1
            starts.update((r, q))
            q = text.find(sep, q + 1)
    for stop in (". ", "! ", "? "):
        q = text.find(stop)
        while q >= 0:
            starts.add(q + 1)
            q = text.find(stop, q + 1)
    out: list[tuple[int, int]] = []
    end = 0
    for p in sorted(starts):
        if p >= end and (m := _SEGMENT_SPLIT_RE.match(text, p)):
            out.append((p, m.end()))
            end = m.end()
    return out
