"""The minutes as the meeting extractors see them: segments with offsets, the title (heading or front
matter), the opening lines, paragraphs; and the meeting kind a text names."""

from __future__ import annotations

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
    paragraph: Mapping[int, int]  # line → index of its paragraph
    titles: tuple[Segment, ...]  # the title heading, then the front matter title and subtitle
    fm: Mapping[str, Segment]
    cues: CueIndex  # over the texts of `segs`
    opening_idx: tuple[int, ...]  # indices in `segs` of the opening's segments
    officers_idx: tuple[int, ...]  # indices in `segs` of the segments on the officers' lines
    paragraph_texts: Mapping[int, str]  # paragraph index → its segments' texts joined by spaces

    def opening_segs(self) -> list[Segment]:
        return [self.segs[i] for i in self.opening_idx]

    def paragraph_text(self, line: int) -> str:
        return self.paragraph_texts.get(self.paragraph.get(line, -1), "")


def line_of(lines: Sequence[Line], offset: int) -> int:
    for ln in lines:
        if ln.start <= offset <= ln.end:
            return ln.index
    return 0


def build_meeting_doc(
    lines: Sequence[Line], front_matter: FrontMatter | None, title: Heading | None, lists: Sequence[ListDraft]
) -> MeetingDoc:
    fm_lines = set(range(front_matter.first_line, front_matter.last_line + 1)) if front_matter else set()
    list_lines = {i for lst in lists for i in range(lst.first_line + 1, lst.last_line + 1)}
    units = build_units(lines, frozenset(fm_lines))
    segs = tuple(split_units(units))
    content: list[int] = []
    paragraph: dict[int, int] = {}
    p = 0
    for ln in lines:
        if ln.blank or _RULE_RE.match(ln.text):
            p += 1
            continue
        paragraph[ln.index] = p
        if ln.index not in fm_lines and ln.index not in list_lines:
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
    texts: dict[int, list[str]] = {}
    opening_idx: list[int] = []
    officers_idx: list[int] = []
    for i, seg in enumerate(segs):
        line = seg.lines[0]
        texts.setdefault(paragraph.get(line, -1), []).append(seg.text)
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
        paragraph,
        tuple(titles),
        fm,
        CueIndex([s.text for s in segs]),
        tuple(opening_idx),
        tuple(officers_idx),
        {p: " ".join(t) for p, t in texts.items()},
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
