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
    # Blanking emphasis looks at one character, or a backslash and the next (never a line break):
    # the joined texts blank as each alone. Split back into as many parts as texts exactly when no
    # text holds a line break; otherwise one at a time.
    parts = _blank_emphasis("\n".join(texts)).split("\n")
    if len(parts) != len(texts):
        return [clean_text(t) for t in texts]
    return [_clean_marks(t) for t in parts]


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

    def __init__(self, text: str, anchors: tuple[tuple[int, int], ...], lines: tuple[int, ...]) -> None:
        # one dict update instead of three frozen-dataclass `object.__setattr__` calls: segments are
        # made by the hundred per document
        self.__dict__.update(text=text, anchors=anchors, lines=lines)

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


def build_units(lines: Sequence[Line], skip: set[int] | frozenset[int] = frozenset()) -> list[Segment]:
    """Lines joined where wrapped, each unit one Segment; lines in `skip` are left out.

    A line goes on the unit of the line just before it (a wrapped line) when both are kept (not blank,
    not in `skip`), it is not an item of its own (no bullet), its cleaned text goes on in lower case
    after the spaces, and the line before does not end with ":" once right-stripped.
    """
    kept = [ln for ln in lines if not ln.blank and ln.index not in skip]
    units: list[Segment] = []
    parts: list[str] = []  # cleaned texts of the unit being built
    anchors: list[tuple[int, int]] = []
    idx: list[int] = []
    size = 0  # length of " ".join(parts)
    last: Line | None = None
    for ln, text in zip(kept, clean_lines([ln.text for ln in kept]), strict=True):
        if (
            last is not None
            and ln.index == last.index + 1
            and ln.bullet is None
            and text.lstrip()[:1].islower()
            and not last.text.rstrip().endswith(":")
        ):
            anchors.append((size + 1, ln.start))
            size += 1 + len(text)
        else:
            if parts:
                units.append(Segment(" ".join(parts), tuple(anchors), tuple(idx)))
                parts.clear()
                anchors.clear()
                idx.clear()
            anchors.append((0, ln.start))
            size = len(text)
        parts.append(text)
        idx.append(ln.index)
        last = ln
    if parts:
        units.append(Segment(" ".join(parts), tuple(anchors), tuple(idx)))
    return units


def split_segments(unit: Segment) -> list[Segment]:
    """A unit cut at sentence ends and separators."""
    return _split_at(unit, _cuts(unit.text))


def split_units(units: Sequence[Segment]) -> list[Segment]:
    """`split_segments` of each unit, the cuts of all of them found in one pass over their texts."""
    # A line break is to `_SEGMENT_SPLIT_RE` what the edge of the text is: no part of the pattern
    # (consumed, looked ahead or behind) matches "\n", and every lookbehind that a text's start fails
    # fails on a "\n" too. So the matches in the joined texts are those of each text alone, moved by
    # its start, even when a text holds a line break itself.
    joined = "\n".join([u.text for u in units])
    cuts = _cuts(joined)
    cuts.append((len(joined) + 1, 0))  # past every unit: the loop needs no bound check
    out: list[Segment] = []
    k = start = 0
    for u in units:
        text = u.text
        end = start + len(text)
        if cuts[k][0] < end:
            mine = []
            while cuts[k][0] < end:
                mine.append((cuts[k][0] - start, cuts[k][1] - start))
                k += 1
            out.extend(_split_at(u, mine))
        elif _whole(u):  # uncut: the unit itself, as `u.cut(0, len(u.text))` would rebuild it
            if text.strip():
                out.append(u)
        else:
            out.extend(_split_at(u, []))
        start = end + 1
    return out


def _whole(unit: Segment) -> bool:
    """Whether `unit.cut(0, len(unit.text))` equals `unit`: one line per anchor, the first at 0, the
    others increasing and inside the text (as `build_units` makes them)."""
    anchors = unit.anchors
    if len(anchors) == 1:  # most units: one line
        return anchors[0][0] == 0 and len(unit.lines) == 1 and unit.text != ""
    pos = [p for p, _ in anchors]
    return (
        len(unit.lines) == len(pos)
        and pos[0] == 0
        and all(a < b for a, b in itertools.pairwise(pos))
        and pos[-1] < len(unit.text)
    )


def _split_at(unit: Segment, cuts: Sequence[tuple[int, int]]) -> list[Segment]:
    """The pieces of `unit` between `cuts` that hold more than spaces, each `unit.cut` of its span."""
    text = unit.text
    spans = []
    pos = 0
    for s, e in cuts:
        if text[pos:s].strip():
            spans.append((pos, s))
        pos = e
    if text[pos:].strip():
        spans.append((pos, len(text)))
    anchors = unit.anchors
    if len(anchors) == 1 and anchors[0][0] == 0:  # one line, as `cut` makes it: every piece one anchor
        off = anchors[0][1]
        first = unit.lines[:1]
        return [Segment(text[i:j], ((0, off + i),), first) for i, j in spans]
    return [unit.cut(i, j) for i, j in spans]


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
    q = text.find(". ")
    while q >= 0:
        starts.add(q + 1)
        q = text.find(". ", q + 1)
    for stop in "!?":  # rare in minutes: a one-character search is quicker than one for "! "
        q = text.find(stop)
        while q >= 0:
            if text.startswith(" ", q + 1):
                starts.add(q + 1)
            q = text.find(stop, q + 1)
    out: list[tuple[int, int]] = []
    end = 0
    for p in sorted(starts):
        if p >= end and (m := _SEGMENT_SPLIT_RE.match(text, p)):
            out.append((p, m.end()))
            end = m.end()
    return out
