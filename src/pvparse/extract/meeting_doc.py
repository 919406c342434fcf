"""The minutes as the meeting extractors see them: segments with offsets, the title (heading or front
matter), the opening lines, paragraphs; and the meeting kind a text names."""

from __future__ import annotations

import bisect
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache

from ..lines import Line
from ..segment import FrontMatter, Heading
from .dates import DateMatch
from .drafts import ListDraft
from .meeting_lexicon import load_lexicon, phrase_re
from .passages import Segment, build_units, split_units, text_segment
from .regex_cues import CueIndex

OPENING_LINES = 14  # content lines (no front matter, no list block) that introduce a meeting
INTRO_LINES = 6  # the first paragraphs, for the kind when the title does not say
OFFICERS_LINES = 24  # "Président : X", "Secrétaire : Y" still name this meeting's officers

_RULE_RE = re.compile(r"^\s*([=\-~^\"'`#*+_:.])\1{2,}\s*$")


@dataclass(frozen=True)
class MeetingDoc:
    """Segments of the text and where the title and the opening are."""

    lines: Sequence[Line]
    segs: tuple[Segment, ...]  # every segment of the text (front matter excluded), in order
    opening: frozenset[int]  # the lines of the opening
    intro: frozenset[int]
    officers: frozenset[int]
    titles: tuple[Segment, ...]  # the title heading, then the front matter title and subtitle
    fm: Mapping[str, Segment]
    cues: CueIndex  # over the texts of `segs`
    opening_idx: tuple[int, ...]  # indices in `segs` of the opening's segments
    officers_idx: tuple[int, ...]  # indices in `segs` of the segments on the officers' lines
    # line of the opening → the texts of the segments of its paragraph, joined by spaces
    opening_paragraphs: Mapping[int, str]

    def opening_segs(self) -> list[Segment]:
        return [self.segs[i] for i in self.opening_idx]

    def paragraph_text(self, line: int) -> str:
        """The paragraph of a line of the opening (the lines between two blank or rule lines)."""
        if line not in self.opening:
            raise ValueError(f"line {line} is not a line of the opening")
        return self.opening_paragraphs.get(line, "")

    def segs_starting_on(self, line: int) -> list[Segment]:
        """`[s for s in self.segs if s.line == line]`, by bisection: segments come in the order of
        their first lines."""
        lo = bisect.bisect_left(self.segs, line, key=_first_line)
        return list(self.segs[lo : bisect.bisect_right(self.segs, line, lo=lo, key=_first_line)])

    def segs_through(self, line: int) -> list[Segment]:
        """`[s for s in self.segs if line in s.lines]`: a segment's lines are its first one and later."""
        return [
            s for s in self.segs[: bisect.bisect_right(self.segs, line, key=_first_line)] if line in s.lines
        ]

    def line_of(self, offset: int) -> int:
        """`line_of(self.lines, offset)`, by bisection: the lines are in order and do not overlap."""
        k = bisect.bisect_right(self.lines, offset, key=_start) - 1
        if k >= 0 and offset <= self.lines[k].end:
            return self.lines[k].index
        return 0


def _start(line: Line) -> int:
    return line.start


def _first_line(seg: Segment) -> int:
    return seg.lines[0]


def line_of(lines: Sequence[Line], offset: int) -> int:
    for ln in lines:
        if ln.start <= offset <= ln.end:
            return ln.index
    return 0


_RULE_CHARS = frozenset("=-~^\"'`#*+_:.")  # what a rule line (`_RULE_RE`) is made of


def _is_rule(text: str) -> bool:
    """`_RULE_RE.match(text)`, the pattern run only when the first character after spaces can open a
    rule (a necessary condition: the pattern's first group is one of `_RULE_CHARS`)."""
    return text.lstrip()[:1] in _RULE_CHARS and bool(_RULE_RE.match(text))


def build_meeting_doc(
    lines: Sequence[Line], front_matter: FrontMatter | None, title: Heading | None, lists: Sequence[ListDraft]
) -> MeetingDoc:
    fm_lines = set(range(front_matter.first_line, front_matter.last_line + 1)) if front_matter else set()
    list_lines = {i for lst in lists for i in range(lst.first_line + 1, lst.last_line + 1)}
    units = build_units(lines, frozenset(fm_lines))
    segs = tuple(split_units(units))
    content: list[int] = []
    paragraph: dict[int, int] = {}  # of the lines up to `stop`: past it, no line of the opening
    p = 0
    stop = len(lines)
    for ln in lines:
        if ln.blank or _is_rule(ln.text):
            if len(content) == OFFICERS_LINES:  # every paragraph of the opening is closed
                stop = ln.index
                break
            p += 1
            continue
        paragraph[ln.index] = p
        if len(content) < OFFICERS_LINES and ln.index not in fm_lines and ln.index not in list_lines:
            content.append(ln.index)
    fm: dict[str, Segment] = {}
    if front_matter:
        for key, (value, s, _e) in front_matter.fields.items():
            fm[key] = text_segment(value, s, line_of(lines, s))
    titles: list[Segment] = []
    if title is not None:
        ln = lines[title.line]
        raw = ln.text[title.title_start - ln.start : title.title_end - ln.start]
        titles.append(text_segment(raw, title.title_start, title.line))
    titles.extend(fm[k] for k in ("title", "subtitle") if k in fm and fm[k].text.strip())
    opening = frozenset(content[:OPENING_LINES])
    officers = frozenset(content[:OFFICERS_LINES])
    wanted = {paragraph[line] for line in opening}  # the paragraphs `paragraph_text` is asked for
    texts: dict[int, list[str]] = {q: [] for q in wanted}
    opening_idx: list[int] = []
    officers_idx: list[int] = []
    for i, seg in enumerate(segs):
        line = seg.lines[0]
        if line >= stop:  # segments come in the order of their first lines
            break
        q = paragraph.get(line, -1)
        if q in texts:
            texts[q].append(seg.text)
        if line in officers:
            officers_idx.append(i)
            if line in opening:
                opening_idx.append(i)
    return MeetingDoc(
        lines,
        segs,
        opening,
        frozenset(content[:INTRO_LINES]),
        officers,
        tuple(titles),
        fm,
        CueIndex([s.text for s in segs]),
        tuple(opening_idx),
        tuple(officers_idx),
        {line: " ".join(texts[paragraph[line]]) for line in opening},
    )


@dataclass(frozen=True)
class DateHit:
    """The meeting's date and the segment printing it."""

    date: DateMatch  # offsets relative to `seg`
    seg: Segment

    @property
    def span(self) -> tuple[int, int]:
        return self.seg.abs(self.date.start), self.seg.abs(self.date.end)

    @property
    def line(self) -> int:
        return self.seg.line_at(self.date.start)


# --- kind ---------------------------------------------------------------------------------------


@cache
def _acronym_re(acronyms: tuple[str, ...]) -> re.Pattern[str] | None:
    if not acronyms:
        return None
    return re.compile(rf"(?<![\w\-])(?:{'|'.join(re.escape(a) for a in acronyms)})(?![\w\-])")


@lru_cache(maxsize=4096)
def kind_in(text: str) -> tuple[str, int, int] | None:
    """The meeting kind a text names, with where: "Compte rendu point CD ACLP" → ("board", 19, 21)."""
    best: tuple[int, int, int, str, int] | None = None
    for order, entry in enumerate(load_lexicon().kinds):
        found = list(phrase_re(entry.phrases).finditer(text)) if entry.phrases else []
        acr = _acronym_re(tuple(entry.acronyms))
        if acr:
            found.extend(acr.finditer(text))
        for m in found:
            cand = (m.start(), -(m.end() - m.start()), order, entry.kind, m.end())
            if best is None or cand < best:
                best = cand
    return (best[3], best[0], best[4]) if best else None


def find_kind(doc: MeetingDoc) -> tuple[str, int] | None:
    for seg in doc.titles:
        k = kind_in(seg.text)
        if k:
            return k[0], seg.line
    for seg in doc.segs:
        if seg.line in doc.intro:
            k = kind_in(seg.text)
            if k:
                return k[0], seg.line
    return None
