"""The signature block at the end of minutes: "Fait le 08/07/2022, à Paris." and the signatories, with
their roles on the next line ("Jean- Paul MOREAU" / "Co-représentant légal"), in columns ("Le Maire,
   La secrétaire de séance," / "Bernard LECLERC   Sylvie MARCHAL"), in a Pandoc or pipe table, or
one per segment ("La présidente de séance, Josiane Carré — Le secrétaire de séance, Malik Haddad").
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache

from ..lines import Line
from ..nlp import EMPTY, Analysis
from .dates import DateMatch, find_dates
from .drafts import Mention, SignatoryDraft
from .meeting_lexicon import NAME, has_phrase, load_lexicon
from .numwords import words_pattern
from .passages import clean_text

TAIL_LINES = 25  # the signature is among the last non-blank lines
STRICT_LINES = 6  # with no "Fait le" line: the last paragraph only, roles required

_RULE_RE = re.compile(r"^[\s\-=+:|]+$")
# Two spaces or more, "|", " — ", ";". Each branch opens with its first character and a single space
# goes on only before a space, "|" or a dash: the search skips the spaces between words at little cost.
_CELL_SPLIT_RE = re.compile(r"[ ](?=[ |—–])(?:[ ]+|[ ]*\|[ ]*|[ ]*[—–][ ]+)|\|[ ]*|;[ ]*")
_ARTICLE_RE = re.compile(r"^(?:Le|La|Les|L['’])\s*", re.IGNORECASE)


@dataclass(frozen=True)
class Cell:
    text: str
    start: int  # absolute offsets
    end: int
    line: int


@dataclass(frozen=True)
class SignatureFacts:
    date: DateMatch | None
    place: str | None
    span: tuple[int, int] | None
    signatories: tuple[SignatoryDraft, ...]
    lines: tuple[int, ...]


@cache
def _civility() -> str:
    return words_pattern(load_lexicon().civilities)


@cache
def _name_re() -> re.Pattern[str]:
    return re.compile(rf"(?:(?i:{_civility()})\s+)?(?P<name>{NAME})")


@cache
def _combined_re() -> re.Pattern[str]:
    return re.compile(
        rf"^(?P<role>(?i:le|la|les|l['’])\s*[^,:]{{2,60}}?)\s*[,:]\s*(?:(?i:{_civility()})\s+)?(?P<name>{NAME})\s*[.,]?$"
    )


def _cells(line: Line) -> list[Cell]:
    clean = clean_text(line.text)
    if _RULE_RE.match(clean) or not clean.strip():
        return []
    out = []
    pos = 0
    parts = []
    for m in _CELL_SPLIT_RE.finditer(clean):
        parts.append((pos, m.start()))
        pos = m.end()
    parts.append((pos, len(clean)))
    for s, e in parts:
        while s < e and clean[s] in " ":
            s += 1
        while e > s and clean[e - 1] in " ,:.":
            if (
                clean[e - 1] == "."
                and e - 2 >= s
                and clean[e - 2].isupper()
                and (e - 3 < s or clean[e - 3] == " ")
            ):
                break  # "Lina B."
            e -= 1
        if e > s:
            out.append(Cell(line.text[s:e], line.start + s, line.start + e, line.index))
    return out


def _is_role(text: str) -> bool:
    return has_phrase(text, load_lexicon().signature.role_words) or bool(_ARTICLE_RE.match(text))


def _name_match(text: str) -> re.Match[str] | None:
    """A cell's shape as a signatory's name: name-shaped, two words or more, not an office."""
    m = _name_re().fullmatch(text)
    if not m or has_phrase(text, load_lexicon().signature.role_words):
        return None
    name = m.group("name")
    if len(name.split()) < 2 or _ARTICLE_RE.match(name):
        return None
    return m


def _name_in(cell: Cell, analysis: Mapping[str, Analysis]) -> Mention | None:
    """The cell as a signatory's name: name-shaped, two words or more, not an office, not an
    organisation (spaCy is asked about cells of at most `MAX_CELL_CHARS`: see `signature_strings`)."""
    m = _name_match(cell.text)
    if m is None:
        return None
    if len(cell.text) <= MAX_CELL_CHARS:
        an = analysis.get(cell.text, EMPTY)
        if an.covering("ORG", cell.text) and not any(e.label == "PER" for e in an.entities):
            return None
    name = m.group("name")
    s = cell.start + m.start("name")
    return Mention(name, s, s + len(name))


def _made_line(lines: Sequence[Line], tail: Sequence[int]) -> tuple[int, DateMatch | None, str | None] | None:
    """The last "Fait le 08/07/2022, à Paris." / "Fait à X, le ..." / "À Bordeaux, le ..." line."""
    made = words_pattern(load_lexicon().signature.made_words)
    made_re = re.compile(rf"^\s*(?:{made})\b", re.IGNORECASE)
    at_re = re.compile(r"^\s*[àÀaA]\s+[A-ZÀ-Ý][^,\n]{1,40},\s*le\b")
    town = r"[A-ZÀ-Ý][\w'’\-]*(?:[ ][A-ZÀ-Ý][\w'’\-]*){0,3}"
    place_re = re.compile(rf"(?:^|\s)[àÀaA]\s+(?P<place>{town})(?=\s*(?:[,.;]|$|\s+le\b))")
    for i in reversed(tail):
        clean = clean_text(lines[i].text)
        if not (made_re.match(clean) or at_re.match(clean)) or len(clean.split()) > 12:
            continue
        dates = find_dates(clean, lines[i].start)
        pm = place_re.search(clean)
        if not dates and not pm:
            continue
        return i, (dates[0] if dates else None), (pm.group("place") if pm else None)
    return None


MAX_CELL_CHARS = 80


def signature_strings(lines: Sequence[Line]) -> list[str]:
    """The strings `find_signature` reads spaCy's analysis of, and no others: the cells of the
    signature rows that are shaped like a name (is it an organisation?), and the name after an office
    in one cell ("La présidente, Josiane Carré"). A signature cell is a name or a title: a longer
    cell is a sentence of the last paragraphs, and spaCy is not asked about it."""
    out: list[str] = []
    combined = _combined_re()
    for row in _signature_rows(lines)[1]:
        for c in row:
            if len(c.text) <= MAX_CELL_CHARS and _name_match(c.text):
                out.append(c.text)
            m = combined.match(c.text)
            if m and len(m.group("name")) <= MAX_CELL_CHARS and _name_match(m.group("name")):
                out.append(m.group("name"))
    return out


def _signature_rows(
    lines: Sequence[Line],
) -> tuple[tuple[int, DateMatch | None, str | None] | None, list[list[Cell]]]:
    """The "Fait le" line, if any, and the rows of cells where signatories are looked for: the lines
    after it among the last ones, else the last paragraph."""
    tail = _tail(lines, TAIL_LINES)
    made = _made_line(lines, tail)
    area = [i for i in tail if i > made[0]] if made is not None else _last_paragraph(lines)
    return made, [cells for i in area if (cells := _cells(lines[i]))]


def _tail(lines: Sequence[Line], n: int) -> list[int]:
    """The indexes of the last `n` non-blank lines, in order (read from the end only)."""
    idx: list[int] = []
    for ln in reversed(lines):
        if len(idx) == n:
            break
        if not ln.blank:
            idx.append(ln.index)
    return idx[::-1]


def _last_paragraph(lines: Sequence[Line]) -> list[int]:
    out: list[int] = []
    for ln in reversed(lines):
        if ln.blank:
            if out:
                break
            continue
        out.insert(0, ln.index)
    return out[-STRICT_LINES:]


def _pairs(rows: list[list[Cell]], analysis: Mapping[str, Analysis], strict: bool) -> list[SignatoryDraft]:
    out: list[SignatoryDraft] = []
    combined = _combined_re()
    i = 0
    while i < len(rows):
        row = rows[i]
        nxt = rows[i + 1] if i + 1 < len(rows) else None
        names = [_name_in(c, analysis) for c in row]
        if all(names):
            if (
                nxt
                and len(nxt) == len(row)
                and all(_is_role(c.text) and not _name_in(c, analysis) for c in nxt)
            ):
                for n, r in zip(names, nxt, strict=True):
                    assert n is not None
                    out.append(SignatoryDraft(n, r.text, n.start, r.end))
                i += 2
                continue
            if not strict:
                out.extend(SignatoryDraft(n, None, n.start, n.end) for n in names if n is not None)
            i += 1
            continue
        if all(_is_role(c.text) for c in row) and nxt and len(nxt) == len(row):
            nn = [_name_in(c, analysis) for c in nxt]
            if all(nn) and (not strict or all(_ARTICLE_RE.match(c.text) for c in row)):
                for r, n in zip(row, nn, strict=True):
                    assert n is not None
                    out.append(SignatoryDraft(n, r.text, r.start, n.end))
                i += 2
                continue
        for c in row:
            m = combined.match(c.text)
            if m and _name_in(
                Cell(m.group("name"), c.start + m.start("name"), c.start + m.end("name"), c.line), analysis
            ):
                ns = c.start + m.start("name")
                name = Mention(m.group("name"), ns, ns + len(m.group("name")))
                out.append(SignatoryDraft(name, m.group("role").strip(), c.start, c.end))
        i += 1
    return out


def find_signature(lines: Sequence[Line], analysis: Mapping[str, Analysis]) -> SignatureFacts | None:
    made, rows = _signature_rows(lines)
    # with no "Fait le" line, only the last paragraph, and roles are required
    signatories = _pairs(rows, analysis, strict=made is None)
    if made is None and not signatories:
        return None
    starts = [s.start for s in signatories] + ([lines[made[0]].start] if made else [])
    ends = [s.end for s in signatories] + ([lines[made[0]].end] if made else [])
    used = {made[0]} if made else set()
    # a signatory lies in the rows' lines, and a line's span never reaches into another line's
    below = lines[rows[0][0].line :] if rows else ()
    for s in signatories:
        used |= {ln.index for ln in below if ln.start <= s.start <= ln.end or ln.start <= s.end <= ln.end}
    return SignatureFacts(
        date=made[1] if made else None,
        place=made[2] if made else None,
        span=(min(starts), max(ends)),
        signatories=tuple(signatories),
        lines=tuple(sorted(used)),
    )
