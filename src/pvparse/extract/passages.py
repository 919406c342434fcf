"""Passages of the source for sentence-level patterns: lines cleaned of markup, wrapped lines joined,
cut into segments, every position mapping back to an absolute source offset.

"Elle est présidée par Sébastien Fabre. Damien Lacombe est" + "secrétaire de séance." is one unit
(the second line goes on in lower case) and two segments (cut at the sentence end).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass

from ..lines import Line

_LEADING_MARKS_RE = re.compile(r"^[\s>#:+*•\-–—=|]*(?:\[[ xX]\][ ]*)?")
_EMPHASIS_RE = re.compile(r"[*_`]|\\(?=[.\-#*_()\[\]])")
_TRAILING_HASHES_RE = re.compile(r"[ ]#+[ ]*$")
# Cut at " — " (not in "14 h 05 – 14 h 15"), " / ", "|", ";" and sentence ends (not after "M.").
_SEGMENT_SPLIT_RE = re.compile(
    # (?<![ ]): a match starts where a run of spaces begins, never inside it (linear; issue 6)
    r"(?<![ ])[ ]+[—–][ ]+(?=[^\d\s])|(?<![ ])[ ]+/[ ]+|(?<![ ])[ ]*\|[ ]*|;[ ]*|(?<=[a-zà-ÿ0-9)»\"'’][.!?])[ ]+(?=[A-ZÀ-Ý«\"])"
)


def clean_text(text: str) -> str:
    """Emphasis, heading marks, list markers and escapes blanked out; same length as `text`."""
    t = _EMPHASIS_RE.sub(lambda m: " " * len(m.group(0)), text)
    m = _LEADING_MARKS_RE.match(t)
    if m:
        t = " " * m.end() + t[m.end() :]
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

    def abs(self, i: int) -> int:
        k = bisect.bisect_right([a for a, _ in self.anchors], i) - 1
        pos, off = self.anchors[max(k, 0)]
        return off + (i - pos)

    def line_at(self, i: int) -> int:
        k = bisect.bisect_right([a for a, _ in self.anchors], i) - 1
        return self.lines[max(k, 0)]

    def same_line(self, i: int, j: int) -> bool:
        return self.line_at(i) == self.line_at(max(i, j - 1))

    def cut(self, i: int, j: int) -> Segment:
        """The part [i, j) of this segment."""
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
    cleaned = {ln.index: clean_text(ln.text) for ln in lines}
    units: list[Segment] = []
    i = 0
    n = len(lines)
    while i < n:
        ln = lines[i]
        if ln.blank or i in skip:
            i += 1
            continue
        text = cleaned[i]
        anchors = [(0, ln.start)]
        idx = [i]
        j = i + 1
        while j < n and j not in skip and _continues(lines[j - 1], lines[j], cleaned[j]):
            anchors.append((len(text) + 1, lines[j].start))
            text = text + " " + cleaned[j]
            idx.append(j)
            j += 1
        units.append(Segment(text, tuple(anchors), tuple(idx)))
        i = j
    return units


def split_segments(unit: Segment) -> list[Segment]:
    """A unit cut at sentence ends and separators."""
    out = []
    pos = 0
    for m in _SEGMENT_SPLIT_RE.finditer(unit.text):
        if unit.text[pos : m.start()].strip():
            out.append(unit.cut(pos, m.start()))
        pos = m.end()
    if unit.text[pos:].strip():
        out.append(unit.cut(pos, len(unit.text)))
    return out
