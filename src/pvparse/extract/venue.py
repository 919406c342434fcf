"""Where and how the meeting was held: place ("à la mairie, salle du conseil", "Lieu : X", a header
line "Samedi 6 avril 2019, de 14 h 30 à 17 h 15, salle polyvalente de Kervignac") and mode ("en
visioconférence et en salle" → hybrid, "exclusivement en visioconférence" → remote)."""

from __future__ import annotations

import re
from functools import cache

from .dates import find_dates
from .meeting_doc import DateHit, MeetingDoc, kind_in
from .meeting_lexicon import compiled, has_phrase, load_lexicon, phrase_re
from .passages import Segment
from .times import clock_pattern, parse_clock

MAX_PLACE_WORDS = 12
# (?<!\S): a bare domain is matched from the start of its word only (linear on long words; issue 6)
_URL_RE = re.compile(r"(?:https?://|www\.)\S+|(?<!\S)\S+\.(?:org|com|fr|net|io)\S*", re.IGNORECASE)


@cache
def _place_stop_re() -> re.Pattern[str]:
    stops = "|".join(
        s + (r"(?![\w'’])" if re.fullmatch(r"[^\W\d_][\w'’ ]*", s) else "")
        for s in load_lexicon().place.stops
    )
    # (?<!..): a match starts where a run of spaces begins, never inside it (linear; issue 6)
    return re.compile(rf"(?:,[ ]*|(?<![ ])[ ]+)(?:{stops})|[(;:!?\[\]]|\.(?:\s|$)|(?<!\s)\s+[-–—]\s+")


def trim_place(text: str) -> tuple[int, int] | None:
    """The place at the start of `text`, up to the end of its clause: "la mairie, salle du conseil, sous
    la présidence de ..." → "la mairie, salle du conseil"."""
    end = len(text)
    m = _place_stop_re().search(text)
    if m:
        end = m.start()
    for d in find_dates(text[:end]):
        end = min(end, d.start)
    # starts only at a comma or where white space begins: linear on long runs of spaces (issue 6)
    cut = re.search(r"(?:(?=,)|(?<!\s))(?:,?\s+(?:le|du|en))?\s*$", text[:end])
    if cut:
        end = cut.start()
    s = 0
    while s < end and text[s] in " ,":
        s += 1
    while end > s and text[end - 1] in " ,.-–—":
        end -= 1
    words = text[s:end].split()
    if not words or len(words) > MAX_PLACE_WORDS or not any(c.isalpha() for c in text[s:end]):
        return None
    return s, end


def _remote_only(text: str) -> bool:
    return has_phrase(text, load_lexicon().mode.remote) and not has_phrase(
        text, load_lexicon().place.venue_words
    )


def _place_from(seg: Segment, start: int) -> tuple[str, int] | None:
    span = trim_place(seg.text[start:])
    if span is None:
        return None
    s, e = start + span[0], start + span[1]
    place = seg.text[s:e]
    place = re.sub(r"^(?:à|au|aux|a)\s+", "", place, flags=re.IGNORECASE)
    bare = re.sub(r"^(?:la|le|les|l['’])\s*", "", place, flags=re.IGNORECASE)
    if phrase_re(load_lexicon().place.not_places).match(bare):
        return None
    if not place or (place[0].isdigit() and not has_phrase(place, load_lexicon().place.venue_words)):
        return None
    if _remote_only(place) or parse_clock(place.split(",")[0]):
        return None
    return place, seg.line_at(s)


_PREPOSITION_RE = re.compile(r"\s(?:à|au|aux|dans)\s+(?=\S)", re.IGNORECASE)


def _next_place(seg: Segment, start: int) -> tuple[str, int] | None:
    """The place at `start`, or, when that is not one ("au nombre prescrit par la loi"), after the
    next preposition of the clause ("... dans la salle du conseil")."""
    limit = start + 120
    while start < min(limit, len(seg.text)):
        got = _place_from(seg, start)
        if got:
            return got
        nxt = _PREPOSITION_RE.search(seg.text, start + 1)
        if not nxt or nxt.start() > limit:
            return None
        start = nxt.end()
    return None


def _date_line_place(doc: MeetingDoc, date: DateHit) -> tuple[str, int] | None:
    """A header line "Samedi 6 avril 2019, de 14 h 30 à 17 h 15, salle polyvalente de Kervignac": the
    parts after the date that are not times; or the next short line when it names a venue."""
    lex = load_lexicon()
    line, date_start = date.line, date.seg.abs(0)
    same_line = [s for s in doc.segs_through(line) if s.abs(0) >= date_start]
    words = sum(len(s.text.split()) for s in same_line)
    for k, seg in enumerate(same_line):
        if words > 25 or kind_in(seg.text):
            break
        pos = date.date.end if k == 0 else 0
        for piece in re.split(r"(,|\s[–—-]\s)", seg.text[pos:]):
            bare = piece.strip(" ,–—-")
            if bare and not re.match(r"^(?:de|à|dès)?\s*" + clock_pattern(), bare, re.IGNORECASE):
                got = _place_from(seg, pos + piece.index(bare))
                if got and (has_phrase(got[0], lex.place.venue_words) or got[0][:1].isupper()):
                    return got
                break
            pos += len(piece)
    nxt = doc.segs_starting_on(line + 1)
    if (
        nxt
        and len(nxt[0].text.split()) <= 12
        and has_phrase(nxt[0].text, lex.place.venue_words)
        and ":" not in nxt[0].text
    ):
        return _place_from(nxt[0], 0)
    return None


def find_place(doc: MeetingDoc, date: DateHit | None) -> tuple[str, int] | None:
    for key in ("lieu", "place", "location", "adresse"):
        if key in doc.fm:
            got = _place_from(doc.fm[key], 0)
            if got:
                return got
    for seg in doc.titles:
        m = re.match(r"\s*(?:à|a)\s+(?=\S)", seg.text, re.IGNORECASE)
        if m:
            got = _place_from(seg, m.end())
            if got:
                return got
    for p in compiled(tuple(load_lexicon().place.patterns)):
        for i in doc.opening_idx:
            seg = doc.segs[i]
            m = p.search(seg.text) if doc.cues.may_match(i, p) else None
            if m:
                got = _next_place(seg, m.start("place"))
                if got:
                    return got
    if date is not None and date.seg.line in doc.opening:
        return _date_line_place(doc, date)
    return None


def find_mode(doc: MeetingDoc, place: str | None) -> tuple[str, int] | None:
    mode = load_lexicon().mode
    segs = [*doc.titles, *doc.fm.values(), *doc.opening_segs()]
    remote = in_person = None
    for seg in segs:
        text = phrase_re(mode.not_remote).sub(" ", _URL_RE.sub(" ", seg.text))
        if has_phrase(text, mode.hybrid):
            return "hybrid", seg.line
        if remote is None and has_phrase(text, mode.remote):
            remote = seg.line
        if in_person is None and has_phrase(text, mode.in_person):
            in_person = seg.line
    if remote is not None and (in_person is not None or place):
        return "hybrid", remote
    if remote is not None:
        return "remote", remote
    if in_person is not None:
        return "in_person", in_person
    return None
