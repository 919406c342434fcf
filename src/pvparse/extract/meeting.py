"""Meeting facts: body, kind, date, times, place, mode, chair, secretary, attendance, signature.

Every fact comes from the patterns of models/meeting.toml, looked for where minutes state it: the
title (heading or front matter) first, then the opening lines, and for sentences that only ever state
a fact of this meeting ("La séance est levée à 16h40", "Secrétaire de séance : X") the whole text.
A date after "Fait le", "Prochaine réunion le" or "approbation du procès-verbal du" is never the
meeting's date.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache

from ..lines import Line, fold
from ..nlp import Analysis
from ..segment import FrontMatter, Heading
from .attendance import AttendanceFacts, find_attendance
from .dates import DateMatch, date_matches
from .drafts import Finding, ListDraft, MeetingDraft, Mention
from .meeting_doc import DateHit, MeetingDoc, build_meeting_doc, find_kind, kind_in
from .meeting_lexicon import MeetingLexicon, PersonPatterns, compiled, has_phrase, load_lexicon, phrase_re
from .numwords import words_pattern
from .organization import find_organization
from .passages import Segment
from .signature import SignatureFacts, find_signature, signature_strings
from .times import clock_pattern, parse_clock
from .venue import find_mode, find_place


@dataclass
class _Found:
    """The lines that state meeting facts, and the findings met."""

    lines: set[int] = field(default_factory=set)
    findings: list[Finding] = field(default_factory=list)


# --- date ---------------------------------------------------------------------------------------


def _not_meeting_date(seg: Segment, d: DateMatch) -> bool:
    """ "Fait le 08/07/2022", "Prochaine réunion le 20 janvier", "au 07/07/2022" are not the meeting's."""
    ctx = load_lexicon().dates
    before = seg.text[max(0, d.start - 45) : d.start]
    if phrase_re(ctx.not_meeting_before).search(before):
        return True
    return bool(_just_before_re().search(before))


@cache
def _just_before_re() -> re.Pattern[str]:
    words = words_pattern(load_lexicon().dates.not_meeting_just_before)
    return re.compile(rf"(?<![\w'’])(?:{words})\s*$", re.IGNORECASE)


def _dates(seg: Segment) -> tuple[DateMatch, ...]:
    return date_matches(seg.text)


def _meeting_date_in(seg: Segment) -> DateMatch | None:
    for d in _dates(seg):
        if d.iso and not _not_meeting_date(seg, d):
            return d
    return None


_DATE_LEAD_RE = re.compile(r"\s*(?:(?:le|du|date\s*:|séance\s+du|réunion\s+du)\s*)?", re.IGNORECASE)


def _find_date(doc: MeetingDoc) -> DateHit | None:
    for seg in doc.titles:
        d = _meeting_date_in(seg)
        if d:
            return DateHit(d, seg)
    ctx = load_lexicon().dates
    opening = doc.opening_segs()
    for seg in opening:
        para = doc.paragraph_text(seg.line)
        if kind_in(para) or has_phrase(para, ctx.meeting_words):
            d = _meeting_date_in(seg)
            if d:
                return DateHit(d, seg)
    for seg in opening:
        ds = _dates(seg)
        if ds and ds[0].iso and _DATE_LEAD_RE.fullmatch(seg.text[: ds[0].start]):
            return DateHit(ds[0], seg)
    if "date" in doc.fm:
        d = _meeting_date_in(doc.fm["date"])
        if d:
            return DateHit(d, doc.fm["date"])
    return None


def _unparsed_dates(doc: MeetingDoc) -> list[Finding]:
    out = []
    for seg in (*doc.fm.values(), *doc.segs):
        for d in date_matches(seg.text):
            if not d.parsed:
                out.append(
                    Finding(
                        "unparsed_date",
                        f"{d.text!r} looks like a date but is not a valid one",
                        seg.abs(d.start),
                        seg.abs(d.end),
                    )
                )
    return out


# --- times --------------------------------------------------------------------------------------


@cache
def _after_date_res() -> tuple[re.Pattern[str], re.Pattern[str]]:
    clock = clock_pattern()
    # `\s*+`: leading spaces are taken once, not shared between the two `\s*` (linear; issue 6)
    at = re.compile(rf"^\s*+[,–—-]?\s*(?:(?:à|a|dès)\s+)?(?P<start>{clock})", re.IGNORECASE)
    span = re.compile(
        rf"^\s*+[,–—-]?\s*de\s+(?P<start>{clock})\s*(?:à|a|-|–)\s*(?P<end>{clock})", re.IGNORECASE
    )
    return span, at


def _first(
    doc: MeetingDoc, patterns: Sequence[str], within: Sequence[int] | None = None, last: bool = False
) -> tuple[re.Match[str], Segment] | None:
    """The first (or `last`) match of one of `patterns` in the segments `within` (default: all)."""
    found = None
    for i, pats in doc.cues.by_text(compiled(tuple(patterns)), within).items():
        seg = doc.segs[i]
        for p in pats:
            m = p.search(seg.text)
            if m:
                if not last:
                    return m, seg
                found = (m, seg)
                break
    return found


def _group_time(m: re.Match[str], name: str) -> str | None:
    g = m.groupdict().get(name)
    return parse_clock(g) if g else None


def _time_after_date(doc: MeetingDoc, date: DateHit | None) -> tuple[str | None, str | None]:
    """ "jeudi 7 juillet 2022 à 14h", "le trois mars, à dix-neuf heures quarante-cinq", "Samedi 6 avril
    2019, de 14 h 30 à 17 h 15": a time printed right after the meeting's date (or a date of the
    paragraph that introduces the meeting)."""
    hits: list[tuple[Segment, DateMatch]] = [(date.seg, date.date)] if date else []
    ctx = load_lexicon().dates
    for seg in doc.opening_segs():
        para = doc.paragraph_text(seg.line)
        if kind_in(para) or has_phrase(para, ctx.meeting_words):
            hits.extend((seg, d) for d in _dates(seg) if d.parsed and not _not_meeting_date(seg, d))
    for seg, d in hits:
        rest = seg.text[d.end :]
        for r in _after_date_res():
            m = r.match(rest)
            if m:
                return _group_time(m, "start"), _group_time(m, "end")
    return None, None


def _find_times(doc: MeetingDoc, date: DateHit | None, found: _Found) -> tuple[str | None, str | None]:
    t = load_lexicon().times
    start = end = None
    hit = _first(doc, t.start)
    if hit:
        start = _group_time(hit[0], "time")
        found.lines.add(hit[1].line_at(hit[0].start()))
    conv = _first(doc, t.convened, doc.opening_idx)
    conv_start = conv_end = None
    if conv:
        m, seg = conv
        conv_start = _group_time(m, "time") or _group_time(m, "start")
        conv_end = _group_time(m, "end")
        found.lines.add(seg.line_at(m.start()))
    if conv_start is None:
        conv_start, conv_end = _time_after_date(doc, date)
    start = start or conv_start
    hit = _first(doc, t.end, last=True)
    if hit:
        end = _group_time(hit[0], "time")
        found.lines.add(hit[1].line_at(hit[0].start()))
    return start, end or conv_end


# --- chair and secretary ------------------------------------------------------------------------


def _bad_name(name: str, lex: MeetingLexicon) -> bool:
    first = fold(name.split()[0]).strip(".")
    if first in {"le", "la", "les", "l", "un", "une", "ce", "cette", "son", "sa"}:
        return True
    return (
        has_phrase(name, lex.signature.role_words)
        or has_phrase(name, lex.organization.not_names)
        or bool(kind_in(name))
    )


def _name_mention(seg: Segment, m: re.Match[str], lex: MeetingLexicon) -> Mention | None:
    s, e = m.start("name"), m.end("name")
    name = seg.text[s:e]
    if name.endswith(".") and not re.search(r"(?:^|\s)[A-ZÀ-Ý]\.$", name):
        name, e = name[:-1], e - 1
    if not name or _bad_name(name, lex) or not seg.same_line(s, e):
        return None
    return Mention(name, seg.abs(s), seg.abs(e))


def _find_person(doc: MeetingDoc, pats: PersonPatterns, paired: Sequence[str] = ()) -> Mention | None:
    """The first name a pattern gives; `opening` patterns count only in the first lines, `with_other`
    ones ("Animation : X") only next to a line matching `paired` ("Secrétaire : Y")."""
    lex = load_lexicon()
    anywhere, opening = compiled(tuple(pats.anywhere)), compiled(tuple(pats.opening))
    with_other, other = compiled(tuple(pats.with_other)), compiled(tuple(paired))
    by_any = doc.cues.by_text(anywhere)
    by_opening = doc.cues.by_text(opening, doc.officers_idx)
    by_with_other = doc.cues.by_text(with_other, doc.officers_idx)
    paired_lines: set[int] = set()
    if by_with_other:  # else never looked at
        paired_lines = {
            doc.segs[i].line
            for i, ps in doc.cues.by_text(other, doc.officers_idx).items()
            if any(p.search(doc.segs[i].text) for p in ps)
        }
    for i in sorted({*by_any, *by_opening, *by_with_other}):
        seg = doc.segs[i]
        here = [*by_any.get(i, ())]
        if seg.line in doc.officers:
            here += by_opening.get(i, ())
            if paired_lines & {seg.line - 1, seg.line, seg.line + 1}:
                here += by_with_other.get(i, ())
        for p in here:
            for m in p.finditer(seg.text):
                got = _name_mention(seg, m, lex)
                if got:
                    return got
    return None


def _holder_by_role(doc: MeetingDoc, patterns: Sequence[str], lists: Sequence[ListDraft]) -> Mention | None:
    """ "La présidente ouvre la séance" + "Anne Le Bihan (présidente)" in a list → Anne Le Bihan."""
    for i, pats in doc.cues.by_text(compiled(tuple(patterns))).items():
        seg = doc.segs[i]
        for p in pats:
            m = p.search(seg.text)
            if not m:
                continue
            role = fold(m.group("role"))
            stem = role[:-1] if role.endswith("e") else role
            held = re.compile(rf"(?:co-)?{re.escape(stem)}e?\b")
            holders = {
                (e.person.text, e.person.start): e.person
                for lst in lists
                for e in lst.entries
                if e.person and e.role and held.match(fold(e.role))
            }
            names = {fold(k[0]) for k in holders}
            if len(names) == 1:
                return min(holders.values(), key=lambda x: x.start)
            return None
    return None


def _signatory_with_role(sig: SignatureFacts | None, roles: Sequence[str]) -> Mention | None:
    if sig is None:
        return None
    keys = [fold(r) for r in roles]
    for s in sig.signatories:
        role = re.sub(r"^(?:le|la|l')\s*", "", fold(s.role or ""))
        if any(role == k or role.startswith(k + " ") for k in keys):
            return s.person
    return None


# --- the meeting --------------------------------------------------------------------------------


def meeting_strings(lines: Sequence[Line]) -> list[str]:
    """Short strings spaCy should analyse for the meeting facts: the cells of the signature block."""
    return signature_strings(lines)


def _iso_days(iso: str) -> int | None:
    try:
        return dt.date.fromisoformat(iso).toordinal()
    except ValueError:
        return None


def extract_meeting(
    lines: Sequence[Line],
    *,
    front_matter: FrontMatter | None,
    title: Heading | None,
    lists: Sequence[ListDraft],
    analysis: Mapping[str, Analysis],
) -> MeetingDraft:
    doc = build_meeting_doc(lines, front_matter, title, lists)
    found = _Found()
    kind = find_kind(doc)
    date = _find_date(doc)
    start_time, end_time = _find_times(doc, date, found)
    place = find_place(doc, date)
    mode = find_mode(doc, place[0] if place else None)
    lex = load_lexicon()
    chair = _find_person(doc, lex.chair, [*lex.secretary.anywhere, *lex.secretary.opening])
    secretary = _find_person(
        doc, lex.secretary, [*lex.chair.anywhere, *lex.chair.opening, *lex.chair.with_other]
    )
    org = find_organization(doc)
    att: AttendanceFacts = find_attendance(doc.segs, doc.cues)
    sig = find_signature(lines, analysis)
    chair = (
        chair
        or _holder_by_role(doc, lex.chair.by_role, lists)
        or _signatory_with_role(sig, lex.signature.chair_roles)
    )
    secretary = secretary or _signatory_with_role(sig, load_lexicon().signature.secretary_roles)
    # The meeting's place is what the minutes state; where they were signed is the signature's place
    # (a hybrid meeting "signed in Paris" may have been held anywhere).
    place_text = place[0] if place else None
    found.findings.extend(_unparsed_dates(doc))
    for got in (kind, place, mode):
        if got:
            found.lines.add(got[1])
    if date:
        found.lines.add(date.line)
    for m in (chair, secretary):
        if m:
            found.lines.add(doc.line_of(m.start))
    if org and doc.line_of(org.start) in doc.opening | {s.line for s in doc.titles}:
        found.lines.add(doc.line_of(org.start))  # not a body merely named in the discussion
    found.lines |= set(att.lines)
    if sig:
        found.lines |= set(sig.lines)
    title_text, title_span = None, None
    if title is not None:
        title_text, title_span = title.title, (title.title_start, title.title_end)
    elif "title" in doc.fm:
        seg = doc.fm["title"]
        title_text, title_span = seg.text, (seg.abs(0), seg.abs(len(seg.text)))
    return MeetingDraft(
        title=title_text,
        title_span=title_span,
        organization=org,
        kind=kind[0] if kind else None,
        date=date.date.iso if date else None,
        date_span=date.span if date else None,
        start_time=start_time,
        end_time=end_time,
        place=place_text,
        mode=mode[0] if mode else None,
        chair=chair,
        secretary=secretary,
        present_count=att.present_count,
        members_present=att.members_present,
        members_represented=att.members_represented,
        members_total=att.members_total,
        breakdown=att.breakdown,
        quorum_reached=att.quorum_reached,
        attendance_span=att.span,
        signature_date=sig.date.iso if sig and sig.date and sig.date.day is not None else None,
        signature_place=sig.place if sig else None,
        signature_span=sig.span if sig else None,
        signatories=sig.signatories if sig else (),
        lines=tuple(sorted(found.lines)),
        findings=tuple(found.findings),
    )


__all__ = ["extract_meeting", "meeting_strings"]
