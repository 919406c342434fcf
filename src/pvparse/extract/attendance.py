"""Attendance counts and quorum: "47 participants étaient présents, dont 21 membres adhérents sur un
total de 30 adhérents au 12/03/2019 (18 personnes morales et 12 adhésions individuelles)",
"Nombre de conseillers en exercice : 19 — Présents : 14 — Votants : 16", "présent : 15", "Pouvoir : 3",
"## Nombre de présents" followed by "* 7 membres", "Le quorum étant atteint".
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from .meeting_lexicon import AttendanceWords, compiled, has_phrase, load_lexicon
from .passages import Segment
from .regex_cues import CueIndex

# "Présents : 14", "Membres connectés : 17 sur 43 licenciés", "en exercice : 15 - présents : 12";
# not "... au 30 septembre : 4 870 €".
_LABEL_COUNT_RE = re.compile(
    r"(?:^|[-–—,;:|]\s)\s*(?P<label>[^\W\d][^:\d]{0,70}?)\s*:\s*(?P<count>\d{1,5})(?![\d,.]\d|[ ]\d{3}\b)"
    r"(?!\s*(?:€|%|k€|euros?\b|h\b|heures?\b))"
    r"(?:\s+sur\s+(?P<of>\d{1,5}))?(?:\s+(?P<unit>[^\W\d][\w·.()]*))?"
)
_COUNT_LINE_RE = re.compile(r"^\s*(?P<count>\d{1,5})\s*(?P<unit>[^\W\d][\w·.()]*)?\s*[.;]?\s*$")
_NUMBER_OF_RE = re.compile(r"^\s*nombre\s+(?:de\s+|d['’])(?P<label>[^:]{2,70}?)\s*:?\s*$", re.IGNORECASE)
_DIGIT_RE = re.compile(r"\d")
# Every `_LABEL_COUNT_RE` match holds ":", spaces, a digit: a segment without them is not looked at.
_COLON_COUNT_RE = re.compile(r":\s*\d")
_BREAKDOWN_ITEM_RE = re.compile(r"(?P<count>\d{1,5})\s+(?P<label>[^,()\d]+?)\s*$")


@dataclass(frozen=True)
class AttendanceFacts:
    present_count: int | None = None
    members_present: int | None = None
    members_represented: int | None = None
    members_total: int | None = None
    breakdown: tuple[tuple[str, int], ...] = ()
    quorum_reached: bool | None = None
    span: tuple[int, int] | None = None
    lines: tuple[int, ...] = ()


def label_field(label: str, words: AttendanceWords) -> str | None:
    """Which count a label gives: "Présents" → present, "Nombre de conseillers en exercice" → total,
    "Pouvoirs" → represented, "Votants" → voters, "Excusés" → None."""
    if has_phrase(label, words.ignore_words):
        return None
    if has_phrase(label, words.voters_words):
        return "voters"
    if has_phrase(label, words.represented_words):
        return "represented"
    if has_phrase(label, words.present_words):
        return "present"
    if has_phrase(label, words.total_words):
        return "total"
    return None


class _Counts:
    def __init__(self) -> None:
        self.values: dict[str, int] = {}
        self.members_flag = False
        self.regions: list[tuple[int, int, int]] = []  # (start, end, line)
        self.breakdown: tuple[tuple[str, int], ...] = ()

    def put(self, key: str, value: int, seg: Segment, start: int, end: int) -> None:
        if key in self.values:
            return
        self.values[key] = value
        self.regions.append((seg.abs(start), seg.abs(end), seg.line_at(start)))


def _sentences(segs: Sequence[Segment], cues: CueIndex, counts: _Counts, words: AttendanceWords) -> None:
    pats = compiled(tuple(words.patterns))
    breakdown_re = re.compile(words.breakdown_pattern)
    for i, here in cues.by_text(pats).items():
        seg = segs[i]
        if not _DIGIT_RE.search(seg.text):
            continue
        for p in here:
            for m in p.finditer(seg.text):
                for key, value in m.groupdict().items():
                    if value is None or key not in (
                        "present_count",
                        "members_present",
                        "members_represented",
                        "members_total",
                    ):
                        continue
                    counts.put(key, int(value), seg, m.start(), m.end())
                    if key == "members_total" and not counts.breakdown:
                        counts.breakdown = _breakdown(breakdown_re, seg.text[m.end() :])


def _breakdown(pattern: re.Pattern[str], after: str) -> tuple[tuple[str, int], ...]:
    """ "(18 personnes morales et 12 membres individuels)" → (("personnes morales", 18), ...)."""
    m = pattern.match(after)
    if not m:
        return ()
    out = []
    for part in re.split(r",\s*|(?<!\s)\s+et\s+", m.group("items")):  # (?<!\s): linear on long runs
        im = _BREAKDOWN_ITEM_RE.match(part.strip())
        if not im:
            return ()
        out.append((im.group("label").strip(), int(im.group("count"))))
    return tuple(out)


def _labelled(segs: Sequence[Segment], cues: CueIndex, counts: _Counts, words: AttendanceWords) -> None:
    labelled, number_of = cues.where(_LABEL_COUNT_RE), cues.where(_NUMBER_OF_RE)
    for k in sorted(labelled | number_of):  # the other segments have neither
        seg = segs[k]
        pairs = (
            list(_LABEL_COUNT_RE.finditer(seg.text))
            if k in labelled and _COLON_COUNT_RE.search(seg.text)
            else []
        )
        for m in pairs:
            label, count, unit = m.group("label"), int(m.group("count")), m.group("unit")
            _put_label(counts, words, label, count, unit, seg, m.start("label"), m.end("count"))
            if m.group("of") and label_field(label, words) == "present":
                counts.put("members_total", int(m.group("of")), seg, m.start("of"), m.end("of"))
        if pairs:
            continue
        n = _NUMBER_OF_RE.match(seg.text) if k in number_of else None
        if n and k + 1 < len(segs):
            nxt = segs[k + 1]
            c = _COUNT_LINE_RE.match(nxt.text)
            if c and nxt.line - seg.line <= 3:
                _put_label(
                    counts,
                    words,
                    n.group("label"),
                    int(c.group("count")),
                    c.group("unit"),
                    nxt,
                    c.start("count"),
                    c.end(),
                )


def _put_label(
    counts: _Counts,
    words: AttendanceWords,
    label: str,
    value: int,
    unit: str | None,
    seg: Segment,
    start: int,
    end: int,
) -> None:
    field = label_field(label, words)
    if field is None:
        return
    members = has_phrase(label, words.member_words) or bool(unit and has_phrase(unit, words.member_words))
    key = {
        "present": "present_count",
        "total": "members_total",
        "represented": "members_represented",
        "voters": "voters",
    }[field]
    counts.put(key, value, seg, start, end)
    if field == "present" and members:
        counts.put("members_present", value, seg, start, end)


def find_quorum(segs: Sequence[Segment], cues: CueIndex) -> tuple[bool, Segment, int, int] | None:
    """The first quorum statement: "Le quorum étant atteint" → True, "faute de quorum" → False."""
    q = load_lexicon().quorum
    neg, pos = compiled(tuple(q.not_reached)), compiled(tuple(q.reached))
    by_neg, by_pos = cues.by_text(neg), cues.by_text(pos)
    for i in sorted({*by_neg, *by_pos}):
        seg = segs[i]
        for reached, pats in ((False, by_neg.get(i, ())), (True, by_pos.get(i, ()))):
            for p in pats:
                m = p.search(seg.text)
                if m:
                    return reached, seg, m.start(), m.end()
    return None


def find_attendance(segs: Sequence[Segment], cues: CueIndex) -> AttendanceFacts:
    """The counts and quorum the segments state; `cues` indexes their texts."""
    words = load_lexicon().attendance
    counts = _Counts()
    _sentences(segs, cues, counts, words)
    _labelled(segs, cues, counts, words)
    v = counts.values
    present, members = v.get("present_count"), v.get("members_present")
    if present is None and members is not None:
        present = members
    represented = v.get("members_represented")
    voters = v.get("voters")
    if represented is None and voters is not None and present is not None and voters > present:
        represented = voters - present  # votants = présents + représentés
    quorum = find_quorum(segs, cues)
    regions = list(counts.regions)
    if quorum is not None:
        _, seg, s, e = quorum
        regions.append((seg.abs(s), seg.abs(e), seg.line_at(s)))
    regions.sort()
    span = None
    lines: list[int] = []
    if regions:
        cluster = [regions[0]]
        for r in regions[1:]:
            if r[2] - cluster[-1][2] <= 12:
                cluster.append(r)
        span = (min(r[0] for r in cluster), max(r[1] for r in cluster))
        lines = sorted({r[2] for r in regions})
    return AttendanceFacts(
        present_count=present,
        members_present=members,
        members_represented=represented,
        members_total=v.get("members_total"),
        breakdown=counts.breakdown,
        quorum_reached=quorum[0] if quorum else None,
        span=span,
        lines=tuple(lines),
    )
