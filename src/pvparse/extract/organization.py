"""The body holding the meeting, as printed: after the kind in the title ("Assemblée générale de
l'association Culture Ouverte du 3 mars 2021" → "Culture Ouverte"), a title part ("Réseau Campagnes
Actives (RCA) — Compte rendu du bureau élargi"), the opening sentence ("Le Conseil municipal de la
commune de X"), a label (":Association: X"), a first line in capitals, or the body most often named."""

from __future__ import annotations

import re
from functools import cache

from ..lines import fold
from .dates import find_dates
from .drafts import Mention
from .meeting_doc import MeetingDoc, kind_in
from .meeting_lexicon import compiled, has_phrase, load_lexicon
from .numwords import month_pattern, weekday_pattern, words_pattern
from .passages import Segment, split_segments

MAX_ORG_WORDS = 10


@cache
def _org_stop_re() -> re.Pattern[str]:
    date_word = rf"(?:\d|{weekday_pattern()}|{month_pattern()}|premier\b)"
    return re.compile(
        # (?<!\s): a match starts where a run of spaces begins, never inside it (linear; issue 6)
        rf"(?<!\s)\s+(?:du|le|des?|en\s+date\s+du)\s+(?={date_word})"
        r"|(?<!\s)\s+[-–—]\s+|[,.;:!?\[\]«»\"]|\((?![A-ZÀ-Ý0-9&.\- ]{2,12}\))"
        r"|(?<!\s)\s+(?:s['’]|se\s|qui\s|a\s|est\s|sont\s|réuni|à\s+\d|en\s|le\s|la\s+séance|pour\s|sous\s|dans\s"
        r"|au\s|aux\s|avec\s|ce\s|cette\s|lors\s|afin\s|sur\s+(?:convocation|un|une)\b)",
        re.IGNORECASE,
    )


_LOWER_OK = {
    "de",
    "du",
    "des",
    "la",
    "le",
    "les",
    "l",
    "d",
    "et",
    "&",
    "à",
    "a",
    "aux",
    "au",
    "en",
    "sur",
    "sous",
}


def _org_at(seg: Segment, i: int, *, strict_case: bool) -> Mention | None:
    """The body's name starting at position i of `seg`.

    "Culture Ouverte du 3 mars 2021" → "Culture Ouverte".
    """
    lex = load_lexicon().organization
    text = seg.text
    while i < len(text) and text[i] == " ":
        i += 1
    q = re.match(r"[«\"“]\s*(?P<n>[^»\"”]{2,80}?)\s*[»\"”]", text[i:])
    if q:
        s, e = i + q.start("n"), i + q.end("n")
        return Mention(text[s:e], seg.abs(s), seg.abs(e))
    head = re.match(r"[\w'’]+", text[i:])
    if (
        head
        and has_phrase(head.group(0), lex.intro_words)
        and text[i + head.end() : i + head.end() + 1] == " "
    ):
        return _org_at(seg, i + head.end(), strict_case=strict_case)
    if not head:
        return None
    if not (text[i].isupper() or text[i].isdigit() or has_phrase(head.group(0), lex.lowercase_heads)):
        return None
    m = _org_stop_re().search(text, i + 1)
    end = m.start() if m else len(text)
    if strict_case:
        pos = i
        for w in re.finditer(r"\S+", text[i:end]):
            word = w.group(0)
            if pos > i and word[0].islower() and fold(word).strip("'’") not in _LOWER_OK:
                end = i + w.start()
                break
            pos = i + w.end()
    while end > i and text[end - 1] in " ,.;:-–—'’":
        end -= 1
    while end > i and fold(text[i:end].split()[-1]) in _LOWER_OK:
        end = i + text[i:end].rstrip().rfind(" ")
        if end <= i:
            return None
    name = text[i:end]
    words = name.split()
    if (
        not words
        or len(words) > MAX_ORG_WORDS
        or (find_dates(name[:20]) and find_dates(name[:20])[0].start == 0)
    ):
        return None
    if fold(name) in {fold(w) for w in lex.not_names} or not any(c.isalpha() for c in name):
        return None
    if not seg.same_line(i, end):
        return None
    return Mention(name, seg.abs(i), seg.abs(end))


@cache
def _connector_re() -> re.Pattern[str]:
    lex = load_lexicon().organization
    conn = "|".join(
        words_pattern([c]).replace(r"['’]", r"['’]\s*") for c in sorted(lex.connectors, key=len, reverse=True)
    )
    qualifier = (
        r"(?:annuelle|ordinaire|extraordinaire|constitutive|élargie?|plénière|publique|mensuelle|statutaire)"
    )
    return re.compile(rf"(?:\s+{qualifier})*\s+(?P<conn>{conn})(?=[\s\w«\"])\s*", re.IGNORECASE)


def _org_after_kind(seg: Segment, *, in_title: bool) -> Mention | None:
    k = kind_in(seg.text)
    if k is None:
        return None
    _kind, _s, e = k
    m = _connector_re().match(seg.text, e)
    if m:
        return _org_at(seg, m.end(), strict_case=not in_title)
    if in_title:
        a = re.match(r"\s+(?=\S*[A-ZÀ-Ý]\S*[A-ZÀ-Ý])", seg.text[e:])
        if a:
            return _org_at(seg, e + a.end(), strict_case=True)
    return None


def _title_part_org(seg: Segment) -> Mention | None:
    """ "Réseau Campagnes Actives (RCA) — Compte rendu du bureau élargi": the part that is not the report."""
    lex = load_lexicon().organization
    parts = split_segments(seg)
    if len(parts) < 2:
        return None
    reportish = [p for p in parts if kind_in(p.text) or has_phrase(p.text, lex.report_words)]
    if not reportish:
        return None
    for p in parts:
        if p in reportish or find_dates(p.text) or len(p.text.split()) > 8:
            continue
        i = len(p.text) - len(p.text.lstrip())
        got = _org_at(p, i, strict_case=True)
        if got:
            return got
    return None


def _header_org(doc: MeetingDoc) -> Mention | None:
    """A first line in capitals that is neither a report title nor a date: "COMMUNE DE VILLERS-SUR-AULNE"."""
    lex = load_lexicon().organization
    first_line = min(doc.opening, default=-1)
    first = doc.segs_starting_on(first_line)
    if not first:
        return None
    seg = first[0]
    letters = [c for c in seg.text if c.isalpha()]
    if not letters or any(c.islower() for c in letters if c not in "e") or len(seg.text.split()) > 12:
        return None
    if kind_in(seg.text) or has_phrase(seg.text, lex.report_words) or find_dates(seg.text):
        return None
    i = len(seg.text) - len(seg.text.lstrip())
    return _org_at(seg, i, strict_case=False)


def _fallback_org(doc: MeetingDoc) -> Mention | None:
    """The body most often named as such in the text ("l'association X", "les membres du X")."""
    pats = compiled(tuple(load_lexicon().organization.mention_patterns))
    cands: list[Mention] = []
    for i, here in doc.cues.by_text(pats).items():
        seg = doc.segs[i]
        for p in here:
            for m in p.finditer(seg.text):
                got = _org_at(seg, m.end(), strict_case=True)
                if got and not kind_in(got.text):
                    cands.append(got)
    if not cands:
        return None
    full = " ".join(s.text for s in doc.segs)

    def count(c: Mention) -> int:
        return len(re.findall(rf"(?<![\w]){re.escape(c.text)}(?![\w])", full, re.IGNORECASE))

    return max(cands, key=lambda c: (count(c), -c.start))


def _caps_ratio(text: str) -> float:
    letters = [c for c in text if c.isalpha()]
    return sum(c.isupper() for c in letters) / len(letters) if letters else 0.0


def find_organization(doc: MeetingDoc) -> Mention | None:
    """The body holding the meeting, as printed; a form in capitals gives way to the same name in
    mixed case ("3^e LIEU" in the title → "3^e Lieu" in the opening sentence)."""
    lex = load_lexicon().organization
    cands: list[Mention] = []
    for seg in doc.titles:
        for got in (_org_after_kind(seg, in_title=True), _title_part_org(seg)):
            if got:
                cands.append(got)
    labels = compiled(tuple(lex.label_patterns))
    intro = compiled(tuple(lex.mention_patterns[:1]))
    for i in doc.opening_idx:
        seg = doc.segs[i]
        got = _org_after_kind(seg, in_title=False)
        if got:
            cands.append(got)
        for p in (*labels, *intro):
            m = p.search(seg.text) if doc.cues.may_match(i, p) else None
            if m:
                got = _org_at(seg, m.end(), strict_case=True)
                if got and not kind_in(got.text):
                    cands.append(got)
    if not cands:
        got = _header_org(doc) or _fallback_org(doc)
        return got
    best = cands[0]
    same = [c for c in cands if fold(c.text) == fold(best.text)]
    return min(same, key=lambda c: (_caps_ratio(c.text) > 0.5, cands.index(c)))
