"""Printed lists of people and organisations: attendance, proxies, staff, members, board, bureau.

Two phases. `find_list_blocks` works on layout alone and decides which lines form a list (so they
are neither turns nor headings), its kind and title, and the raw entries with offsets:

- a header with its entries on the same line: "**Présent.e.s :** Sophie, Agnès, ...",
  "Équipe de l'Association X : Odile, Marc et Inès.", "Pouvoirs : X à Y ; Z à W";
- a header alone, then a paragraph of comma-separated entries ("Participant·es :" + paragraph);
- a header (a "... :" line, a Markdown/reST heading, or a short line naming the list), then one
  entry per line (bullets, numbers, ticked boxes, plain lines), with category headings in capitals
  ("COLLÈGE DES USAGERS"), a legend ("(*) : nouvellement élus") and column legends ("Nom Prénom");
- runs of office lines ("Président : X" / "Trésorière : Y") → the bureau;
- runs of proxy lines ("X donne pouvoir à Y").

`build_lists` then asks spaCy's answers about each entry's pieces to tell the person, the
organisation and the role apart (see `list_entries.classify_entry`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import cache
from itertools import islice

from ..lines import Line, fold
from ..nlp import Analysis
from ..segment import UNDERLINE_CHARS, Heading, find_headings
from .drafts import EntryDraft, ListDraft, Mention
from .list_entries import (
    HeaderMatch,
    Piece,
    RawEntry,
    classify_entry,
    entry_strings,
    has_org_cue,
    has_proxy,
    header_kind,
    is_caps_line,
    load_lexicon,
    loose_pattern,
    name_shape,
    parse_entry,
    phrase_keys,
    split_top,
    starts_with_role,
    trim,
    trim_span,
)

ATTENDANCE = ("present", "absent", "excused", "represented")
ORG_KINDS = ("new_members", "pending_members")
MEMBERSHIP = ("board", "bureau")

_MAX_HEADER_WORDS = 10
_MAX_PLAIN_ENTRY_WORDS = 12
_MAX_ENTRY_WORDS = 45
_MAX_BLANKS = 3

# "Header : body" at the start of a line's content, emphasis around the header allowed.
_HEADER_RE = re.compile(
    r"(?P<open>[*_]{1,2})?(?P<h>[^\s:*_][^:\n]{0,100}?)[ ]*(?P<close>[*_]{1,2})?[ ]*"
    r":(?!//)[ ]*(?:[*_]{1,2}[ ]*)?(?P<body>.*)$"
)
# A header after a sentence on the same line: "... à pourvoir. Candidate : Capucine Roussel."
_MID_HEADER_RE = re.compile(r"(?<=[.!?])[ ]+(?P<h>[A-ZÀ-Ý][^.:!?]{0,40}?)[ ]*:[ ]*(?P<body>.*)$")
_TABLE_RULE_RE = re.compile(r"\|?[ :\-|]*-{3,}[ :\-|]*")
_NUMBERED_RE = re.compile(r"\d{1,3}[.)][ ]+")
_CHECKBOX_RE = re.compile(r"\[(?P<state>[ xX])\]")
_COUNT_RE = re.compile(r"^(?:\d+\b|aucun|aucune|néant|neant)", re.IGNORECASE)
# possessive `*++`, `[ ]*+`: the marker and the spaces are not given back, so no quadratic retry (issue 6)
_LEGEND_RE = re.compile(r"(?P<marker>\(\*+\)|\*++|\([a-z]+\))[ ]*+:?[ ]*(?P<meaning>[^:]+)$")
_LEGEND_FIRST = ("(", "*")  # the first characters of `_LEGEND_RE`'s markers
_SENTENCE_END_RE = re.compile(r"[.!?](?:[ ]+(?=[A-ZÀ-Ý])|$)")
_CELL_WORD_RE = re.compile(r"[^\s|]+")
_BOLD_ONLY_RE = re.compile(r"(\*\*|__)(?P<t>[^*_]+)\1[ ]*:?")
_NEXT_SENTENCE_RE = re.compile(r"[.!?][ ]+[A-ZÀ-Ý]")
_DIGIT_RE = re.compile(r"\d")
_NOTE_START_RE = re.compile(r"[(\[<|]")  # what follows a name: "(Org)", "[login]", "<mail>", "| cell"
# starts where a run of spaces starts (the leftmost match always does), so a long run is tried once
_AND_RE = re.compile(r"(?<![ ])[ ]+(?:et|ainsi que)[ ]+")
_STAFF_BODY_RE = re.compile(
    rf"^(?:{loose_pattern('équipe')})[ ]+(?:du|des|de|d['’])[ ]*(?P<body>\S.*)$", re.IGNORECASE
)


@dataclass(frozen=True)
class ListBlock:
    """A list found by layout alone, before spaCy looks at its entries.

    `first_line`..`last_line` are the lines the list claims (a heading that announces the list is
    not claimed and stays a heading); `start`/`end` span the printed list, header included.
    """

    kind: str
    title: str | None
    first_line: int
    last_line: int
    start: int = 0
    end: int = 0
    entries: tuple[RawEntry, ...] = ()
    body: Piece | None = None
    new_markers: frozenset[str] = frozenset()
    entry_strings: tuple[str, ...] = field(default=())


# --- layout helpers -------------------------------------------------------------------------------


# (header, header start, header end, body, body start) of a "Header : body" line, offsets in the line
_Header = tuple[str, int, int, str, int]


@dataclass(frozen=True)
class _Content:
    """A line's content after bullet, number and checkbox; `offset` is its start inside `line.text`."""

    text: str
    offset: int
    bulleted: bool
    checked: bool | None
    header: _Header | None  # the content read as "Header : body"


class _Lines(tuple[Line, ...]):
    """The document's lines; `content(i)` reads a line's content once, however often it is asked."""

    def __init__(self, lines: Sequence[Line]) -> None:
        self._contents: list[_Content | None] = [None] * len(lines)

    def content(self, i: int) -> _Content:
        c = self._contents[i]
        if c is None:
            c = self._contents[i] = _content(self[i])
        return c


def _content(line: Line) -> _Content:
    cs = line.content_start
    bulleted = line.bullet is not None
    checked = None
    lead = line.text[:cs]
    cb = _CHECKBOX_RE.search(lead) if "[" in lead else None  # (the pattern needs a bracket)
    if cb:
        checked = cb.group("state") != " "
    m = _NUMBERED_RE.match(line.text, cs)
    if m:
        cs = m.end()
        bulleted = True
    text = line.text[cs:].rstrip()
    return _Content(text, cs, bulleted, checked, _header_of(text, cs))


def _words(s: str, upto: int = -1) -> int:
    """How many words `s` has; with `upto`, counting stops at `upto + 1` (a long line is not split whole)."""
    return len(s.split(None, upto))


@cache
def _folded_words(field: str) -> frozenset[str]:
    """A word list of the lexicon, folded: `_folded_words("column_words")` holds "nom", "prenom"."""
    words: list[str] = getattr(load_lexicon(), field)
    return frozenset(fold(w) for w in words)


@cache
def _office_keys() -> frozenset[str]:
    return frozenset(fold(r).replace("-", " ") for r in load_lexicon().bureau_roles)


def _header_of(text: str, offset: int) -> _Header | None:
    """A line's content `text` (at `offset` in the line) read as "Header : body", offsets in the line."""
    if ":" not in text:
        return None  # the pattern needs a colon; most lines of prose have none
    m = _HEADER_RE.match(text)
    if not m:
        return None
    h = m.group("h").rstrip(" *_")
    if not h or _words(h) > _MAX_HEADER_WORDS:
        return None
    hs = offset + m.start("h")
    body = m.group("body").rstrip().rstrip("*_ ")
    return h, hs, hs + len(h), body, offset + m.start("body")


def _is_list_header(c: _Content) -> bool:
    """A line that opens another list ("Excusés :", "+ Pouvoir : 3") or refuses to be an entry."""
    found = c.header
    if found is None:
        return False
    hm = header_kind(found[0])
    body = found[3]
    return hm.refused or (hm.kind is not None and (not body or bool(_COUNT_RE.match(body)) or hm.exact))


def _legend(c: _Content) -> tuple[str, bool] | None:
    """A legend line: "(*) : nouvellement élus" → ("(*)", True)."""
    if c.bulleted:
        return None
    text = c.text.strip()
    if not text.startswith(_LEGEND_FIRST):
        return None  # (the pattern's marker opens the line)
    m = _LEGEND_RE.fullmatch(text)
    if not m:
        return None
    lex = load_lexicon()
    marker = m.group("marker")
    if marker not in lex.legend_markers:
        return None
    keys = phrase_keys(m.group("meaning"))
    new = any(pk == keys[: len(pk)] for pk in _new_member_keys())
    return marker, new


def _is_column_legend(c: _Content) -> bool:
    """Column names, not a person: "Nom Prénom [login] (membre depuis ...)", "| Nom | Fonction |"."""
    if "---" in c.text and _TABLE_RULE_RE.fullmatch(c.text.strip()):  # (a rule holds "---")
        return True
    words = [fold(m.group()) for m in islice(_CELL_WORD_RE.finditer(c.text), 2)]
    return len(words) == 2 and all(w in _folded_words("column_words") for w in words)


def _bold_only(text: str) -> str | None:
    text = text.strip()
    if not text.startswith(("**", "__")):
        return None  # (the pattern opens with the emphasis)
    m = _BOLD_ONLY_RE.fullmatch(text)
    return m.group("t").strip() if m else None


def _fits_entry(c: _Content, kind: str | None, strict: bool) -> bool:
    """The tests of `_is_entry_ok` that need no parsing: the length of the line (and, for a list of
    organisations, its shape). A line that fails them is not read at all.
    """
    text = c.text
    words = _words(text, _MAX_ENTRY_WORDS)
    bold = text.startswith(("**", "__"))
    if words > _MAX_ENTRY_WORDS or (not c.bulleted and not bold and words > _MAX_PLAIN_ENTRY_WORDS):
        return False
    if kind in ORG_KINDS:
        return text[:1].isupper() and not _NEXT_SENTENCE_RE.search(text) and words <= 15
    return not (strict and words > _MAX_PLAIN_ENTRY_WORDS)


def _is_entry_ok(e: RawEntry, c: _Content, kind: str | None, strict: bool) -> bool:
    """Does a parsed line read as a list entry (a name, maybe a role and an organisation after it)?"""
    text = c.text
    if text.rstrip(" *_").endswith((":", "?")) and e.status is None:
        return False
    if not _fits_entry(c, kind, strict):
        return False
    if kind in ORG_KINDS:
        return True
    head = e.head.text
    if starts_with_role(head) or (head.split()[0] in ("Le", "La", "Les") and has_org_cue(head)):
        return False
    shape = name_shape(head, lenient=not strict)
    if strict:
        if shape < 2 or any(_words(p.text) > 6 for p in e.rest):  # (longer lines failed `_fits_entry`)
            return False
    elif shape == 0:
        return False
    # "Julie Armand : 15 pour" keeps a tally after the colon; "Olivier : je pense que ..." is a turn.
    colon = split_top(text, ":")
    if len(colon) > 1:
        after = text[colon[1][0] :]
        if not _DIGIT_RE.search(after) or _words(after, 10) > 10:
            return False
    return True


@dataclass
class _Reader:
    """Reads the entries that follow a header, line by line."""

    lines: _Lines
    stop: Collection[int]
    kind: str | None
    strict: bool
    group: str | None = None
    group_new: bool = False
    entries: list[RawEntry] = field(default_factory=list)
    claimed: list[int] = field(default_factory=list)
    new_markers: set[str] = field(default_factory=set)
    # each line's reading before the group is set: the line after a group title is read twice
    parsed: dict[int, RawEntry | None] = field(default_factory=dict)

    def read(self, j: int) -> int:
        """Read from line j; returns the index of the first line not read."""
        lines = self.lines
        n = len(lines)
        blanks = 0
        gaps = False  # entries so far are separated by blank lines (pad exports do that)
        prev_bulleted = False
        while j < n and j not in self.stop:
            line = lines[j]
            if line.blank:
                blanks += 1
                if blanks > _MAX_BLANKS:
                    break
                j += 1
                continue
            c = lines.content(j)
            after_blank = blanks > 0
            if after_blank and len(self.entries) == 1:
                gaps = True
            blanks = 0
            lg = _legend(c)
            if lg:
                if lg[1]:
                    self.new_markers.add(lg[0])
                self.claimed.append(j)
                j += 1
                continue
            if _is_column_legend(c) and (not self.entries or _TABLE_RULE_RE.fullmatch(c.text.strip())):
                self.claimed.append(j)
                j += 1
                continue
            group = self._group_title(c, j)
            if group is not None:
                self.group = group
                self.group_new = _says_new(group)
                self.claimed.append(j)
                j += 1
                continue
            if _is_list_header(c):
                break
            if after_blank and self.entries and not gaps and not (c.bulleted and prev_bulleted):
                break
            e = self._entry(j, line, c)
            if e is None:
                break
            self.entries.append(e)
            self.claimed.append(j)
            prev_bulleted = c.bulleted
            j += 1
        return j

    def _group_title(self, c: _Content, j: int) -> str | None:
        """A category line ("COLLÈGE DES HABITANTS", "**Collège 2**") with bulleted entries under it."""
        if c.bulleted:
            return None
        title = _bold_only(c.text)
        if title is None and is_caps_line(c.text) and not c.text.rstrip().endswith((".", "!", "?")):
            title = c.text.strip(" :")
        found = c.header
        if title is None and found is not None and not found[3]:
            hm = header_kind(found[0])
            if hm.kind is None and not hm.refused and _words(found[0]) <= 8:
                title = found[0].strip(" *_")  # "Collège des usagers :"
        if title is None:
            return None
        k = j + 1
        while k < len(self.lines) and self.lines[k].blank:
            k += 1
        if k >= len(self.lines) or k in self.stop:
            return None
        nxt = self.lines.content(k)
        if not nxt.bulleted or self._entry(k, self.lines[k], nxt) is None:
            return None
        return title

    def _entry(self, j: int, line: Line, c: _Content) -> RawEntry | None:
        """Line j as an entry of the current group."""
        if j not in self.parsed:
            self.parsed[j] = self._parse(line, c)
        e = self.parsed[j]
        if e is None or (self.group is None and not self.group_new):  # (a parsed entry has no group)
            return e
        return e.in_group(self.group, self.group_new)

    def _parse(self, line: Line, c: _Content) -> RawEntry | None:
        base = line.start + c.offset
        if self.kind == "bureau":
            office = _office_entry(line, c)
            if office is not None:
                return office
        if not _fits_entry(c, self.kind, self.strict):
            return None
        e = parse_entry(c.text, base, self.kind, lenient=not self.strict, org_list=self.kind in ORG_KINDS)
        if e is None or not _is_entry_ok(e, c, self.kind, self.strict):
            return None
        if c.checked is False:
            return replace(e, status="absent")
        return e


@cache
def _new_member_keys() -> tuple[tuple[str, ...], ...]:
    return tuple(phrase_keys(w) for w in load_lexicon().new_member_words)


def _says_new(title: str) -> bool:
    keys = phrase_keys(title)
    return any(
        tuple(keys[i : i + len(pk)]) == pk for pk in _new_member_keys() if pk for i in range(len(keys))
    )


@dataclass(frozen=True)
class _Office:
    role: str
    role_start: int
    role_end: int
    name_start: int  # in the line's text


def _office_of(c: _Content) -> _Office | None:
    """ "Trésorière : Y", "Vice président: X" (a bureau office, never "Président de séance")."""
    found = c.header
    if found is None or not found[3]:
        return None
    role, rs, re_, _body, bs = found
    key = fold(role).replace("-", " ").strip(" .")
    if key not in _office_keys():
        return None
    return _Office(role, rs, re_, bs)


def _office_entry(line: Line, c: _Content) -> RawEntry | None:
    office = _office_of(c)
    if office is None:
        return None
    body = line.text[office.name_start :]
    e = parse_entry(body, line.start + office.name_start, "bureau", lenient=True)
    if e is None or not name_shape(e.head.text, lenient=True) or starts_with_role(e.head.text):
        return None
    start = line.start + office.role_start
    return replace(
        e,
        text=line.text[office.role_start : office.name_start] + e.text,
        start=start,
        role=Piece(office.role, start, line.start + office.role_end),
    )


# --- inline lists ---------------------------------------------------------------------------------


def _starts_entry(text: str, kind: str | None, *, lower: bool = False) -> bool:
    head = _NOTE_START_RE.split(text, maxsplit=1)[0].strip(" *_.")
    if not head:
        return False
    if kind == "represented" and re.search(r"\s(?:à|a)\s", head):
        head = re.split(r"\s(?:à|a)\s", head, maxsplit=1)[0]
    first = fold(head.split()[0]).strip(".,")
    if first in _folded_words("organisation_cues") or starts_with_role(head):
        return False
    return name_shape(head, lenient=lower) > 0


def _split_and(text: str, start: int, end: int, kind: str | None) -> list[tuple[int, int]]:
    """ "Hugo et Lina" → two spans; "conseil et formateur" stays one."""
    for m in _AND_RE.finditer(text[start:end]):
        a, b = start + m.start(), start + m.end()
        if _starts_entry(text[start:a], kind) and _starts_entry(text[b:end], kind):
            return [(start, a), *_split_and(text, b, end, kind)]
    return [(start, end)]


def _inline_entries(text: str, base: int, kind: str) -> list[RawEntry] | None:
    """Entries of "A, B (Org), C, présidente, D et E." (continuations join the entry before them).

    Lower-case names ("nico, laurent, marie") are read only when every piece is one.
    """
    found = _inline_pass(text, base, kind, lower=False)
    if found is None and not re.search(r"[A-ZÀ-Ý\d]", text):
        found = _inline_pass(text, base, kind, lower=True)
    return found


def _inline_pass(text: str, base: int, kind: str, *, lower: bool) -> list[RawEntry] | None:
    spans: list[tuple[int, int]] = []
    for a, b in split_top(text, ",;"):
        a, b = trim_span(text, a, b, " \t*_")
        if a < b:
            spans.extend(_split_and(text, a, b, kind))
    groups: list[list[int]] = []
    lead = 0  # pieces before the first name ("M. le Maire, ...") are skipped, not read as a name
    for a, b in spans:
        seg = text[a:b]
        if _words(seg, 15) > 15:
            return None
        if _starts_entry(seg, kind, lower=lower):
            groups.append([a, b])
        elif groups:
            groups[-1][1] = b
        elif _is_office(seg):
            lead += 1
        else:
            return None
    if not groups or lead * 2 >= len(spans):
        return None
    out = []
    for a, b in groups:
        e = parse_entry(text[a:b], base + a, kind, lenient=True)
        if e is None or name_shape(e.head.text, lenient=lower) == 0:
            return None
        out.append(e)
    return out


_OFFICE_RE = re.compile(
    r"^(?:(?:M\.|Mme|Monsieur|Madame)\s+)?(?:l[ea]\s+|l['’])(?P<office>.+)$", re.IGNORECASE
)


def _is_office(text: str) -> bool:
    """ "M. le Maire", "la Présidente": a person named by office, which a list may open with."""
    m = _OFFICE_RE.match(text.strip(" *_"))
    return m is not None and starts_with_role(m.group("office")) and _words(text) <= 6


def _joined(lines: Sequence[Line], i: int, j: int) -> str:
    """Lines i..j as one string whose offsets are those of the source from lines[i].start."""
    parts = [lines[i].text]
    for k in range(i + 1, j + 1):
        parts.append(" " * (lines[k].start - lines[k - 1].end))
        parts.append(lines[k].text)
    return "".join(parts)


def _continues(lines: _Lines, j: int, stop: Collection[int]) -> bool:
    """Does line j carry on the enumeration of the line before it (a wrapped paragraph)?"""
    if j >= len(lines) or j in stop or lines[j].blank:
        return False
    prev = lines[j - 1].text.rstrip(" *_")
    c = lines.content(j)
    return not c.bulleted and not prev.endswith((".", ":", "!", "?")) and c.header is None


def _cut_sentence(body: str) -> str:
    """The body of a mid-line header ends with its sentence ("Candidate : X. Elle est élue ..." → "X")."""
    for m in _SENTENCE_END_RE.finditer(body):
        before = body[: m.start()].split()
        if before and len(before[-1]) == 1 and before[-1].isupper():
            continue  # an initial: "Lina B."
        if before and fold(before[-1]) in ("m", "mme", "mm", "dr", "pr"):
            continue
        return body[: m.start()]
    return body


# --- blocks ---------------------------------------------------------------------------------------


# A Markdown heading opens with "#", an underline with one of its characters, after up to 3 spaces.
_MARKUP_FIRST = frozenset("#" + UNDERLINE_CHARS)


def _markup_headings(lines: Sequence[Line], skip: Collection[int]) -> dict[int, Heading]:
    """The Markdown ("## Bureau") and underlined headings; `find_headings` reads only the lines that
    may be one: those opening with a heading or underline mark, and the lines right above them.
    """
    likely: set[int] = set()
    for i, line in enumerate(lines):
        if line.text.lstrip(" ")[:1] in _MARKUP_FIRST:
            likely.update((i - 1, i))
    found = find_headings(lines, skip=set(range(len(lines))).difference(likely).union(skip))
    return {h.line: h for h in found if h.style in ("atx", "setext")}


def _block(
    kind: str,
    title: str | None,
    lines: Sequence[Line],
    claimed: Sequence[int],
    entries: Sequence[RawEntry],
    start: int,
    *,
    body: Piece | None = None,
    new_markers: Collection[str] = (),
) -> ListBlock:
    end = max(e.end for e in entries)
    strings: list[str] = []
    if kind not in ORG_KINDS:  # `build_lists` reads spaCy only for entries of the other kinds
        for e in entries:
            strings.extend(entry_strings(e))
    return ListBlock(
        kind=kind,
        title=title,
        first_line=min(claimed),
        last_line=max(claimed),
        start=min(start, min(e.start for e in entries)),
        end=end,
        entries=tuple(entries),
        body=body,
        new_markers=frozenset(new_markers),
        entry_strings=tuple(dict.fromkeys(s for s in strings if s)),
    )


def _staff_body(header: str, header_start: int) -> Piece | None:
    """ "Équipe de L'Atelier Commun" → the body "L'Atelier Commun" with its offsets."""
    m = _STAFF_BODY_RE.match(header)
    if not m:
        return None
    p = trim(header, m.start("body"), len(header), " *_")
    return Piece(p.text, header_start + p.start, header_start + p.end) if p.text else None


def _next_content(lines: Sequence[Line], j: int, stop: Collection[int], max_blanks: int = 2) -> int | None:
    k = j
    while k < len(lines) and lines[k].blank and k - j < max_blanks + 1:
        k += 1
    if k >= len(lines) or k in stop or lines[k].blank:
        return None
    return k


def _after_header(
    lines: _Lines,
    i: int,
    hm: HeaderMatch,
    title: str,
    header_start: int,
    stop: Collection[int],
    *,
    claim_header: bool,
    group: str | None = None,
    group_new: bool = False,
    body: Piece | None = None,
) -> tuple[ListBlock | None, int]:
    """The list printed under a header on line i: a paragraph of names or one entry per line."""
    kind = hm.kind
    strict = kind is None
    head_claim = [i] if claim_header else []
    k = _next_content(lines, i + 1, stop)
    if k is not None and kind is not None:
        para = _paragraph_entries(lines, k, kind, stop)
        if para is not None:
            entries, last = para
            blk = _block(
                kind, title, lines, [*head_claim, *range(k, last + 1)], entries, header_start, body=body
            )
            return blk, last + 1
    reader = _Reader(lines, stop, kind if kind is not None else "other", strict, group, group_new)
    j = reader.read(i + 1)
    if not reader.entries or (strict and len(reader.entries) < 2):
        return None, i + 1
    out_kind = kind if kind is not None else "other"
    entries = reader.entries
    if out_kind == "other":
        entries = [e if e.group else e.in_group(title, e.group_new) for e in entries]
    blk = _block(
        out_kind,
        title,
        lines,
        [*head_claim, *reader.claimed],
        entries,
        header_start,
        body=body,
        new_markers=reader.new_markers,
    )
    return blk, max(j, i + 1)


def _paragraph_entries(
    lines: _Lines, k: int, kind: str, stop: Collection[int]
) -> tuple[list[RawEntry], int] | None:
    """A paragraph of comma-separated entries under a header ("Participant·es :" + "A, B (Org), ...")."""
    if kind in ORG_KINDS:
        return None
    first = lines.content(k)
    if first.bulleted or len(split_top(first.text, ",;", maxsplit=2)) < 3 or first.header is not None:
        return None
    j = k
    while _continues(lines, j + 1, stop):
        j += 1
    text = _joined(lines, k, j)
    found = _inline_entries(text[first.offset :].rstrip(" .;"), lines[k].start + first.offset, kind)
    return (found, j) if found else None


def _mid_header(text: str, pos: int) -> re.Match[str] | None:
    """The first header after a sentence, when it starts at `pos` or later.

    A match runs to the end of the line, so the first one is the only one.
    """
    if text.find(":", pos) == -1:
        return None  # the pattern needs a colon
    m = _MID_HEADER_RE.search(text)
    return m if m is not None and m.start() >= pos else None


def _mid_headers(
    lines: _Lines, i: int, c: _Content, pos: int, stop: Collection[int], *, inline_only: bool
) -> tuple[list[ListBlock], int]:
    """Headers after a sentence on the same line: "... à pourvoir. Candidate : Capucine Roussel."."""
    line = lines[i]
    blocks: list[ListBlock] = []
    while True:
        mid = _mid_header(c.text, pos)
        if mid is None:
            return blocks, i + 1
        hm = header_kind(mid.group("h"))
        if hm.kind is None or not hm.exact or hm.refused:
            return blocks, i + 1
        hs = line.start + c.offset + mid.start("h")
        body = _cut_sentence(mid.group("body").rstrip())
        title = mid.group("h").strip()
        if not body.strip():
            if inline_only:
                return blocks, i + 1
            blk, nxt = _after_header(lines, i, hm, title, hs, stop, claim_header=True)
            return blocks + ([blk] if blk else []), nxt
        entries = _inline_entries(body.rstrip(" .;"), line.start + c.offset + mid.start("body"), hm.kind)
        if not entries:
            return blocks, i + 1
        blocks.append(_block(hm.kind, title, lines, [i], entries, hs))
        pos = mid.start("body") + len(body)


def _header_line(lines: _Lines, i: int, stop: Collection[int]) -> tuple[list[ListBlock], int]:
    """Lists announced by a "Header :" line, a mid-line "Candidate : X", or a short line naming a list."""
    line = lines[i]
    c = lines.content(i)
    found = c.header
    if found is not None:
        h, hs, _he, body, bs = found
        hm = header_kind(h)
        if hm.refused:
            return [], i + 1
        title = h.strip(" *_")
        staff_body = _staff_body(h, line.start + hs) if hm.kind == "staff" else None
        if not body or _COUNT_RE.match(body):
            if hm.kind is None and body:
                return [], i + 1
            blk, nxt = _after_header(
                lines, i, hm, title, line.start + hs, stop, claim_header=True, body=staff_body
            )
            return ([blk] if blk else []), nxt
        if hm.kind is None:
            return [], i + 1
        cut = _cut_sentence(body)
        blocks: list[ListBlock] = []
        last = i
        while cut == body and _continues(lines, last + 1, stop):
            last += 1
        while last > i:  # a wrapped enumeration: "Présents : A, B,\nC (Org), D."
            wrapped = _joined(lines, i, last)[bs:]
            entries = _inline_entries(_cut_sentence(wrapped).rstrip(" .;"), line.start + bs, hm.kind)
            if entries:
                blocks.append(
                    _block(
                        hm.kind, title, lines, range(i, last + 1), entries, line.start + hs, body=staff_body
                    )
                )
                return blocks, last + 1
            last -= 1
        entries = _inline_entries(cut.rstrip(" .;"), line.start + bs, hm.kind)
        if entries:
            blocks.append(_block(hm.kind, title, lines, [i], entries, line.start + hs, body=staff_body))
            more, _ = _mid_headers(lines, i, c, bs - c.offset + len(cut), stop, inline_only=True)
            blocks.extend(more)
        return blocks, i + 1
    mids, nxt = _mid_headers(lines, i, c, 0, stop, inline_only=False)
    if mids or nxt > i + 1:
        return mids, nxt
    # a short line that names the list under it ("Relevé des membres présents")
    text = c.text.strip(" *_")
    if (
        c.bulleted
        or not text
        or _words(text, 8) > 8
        or text.endswith((".", "!", "?", ",", ";"))
        or not text[:1].isupper()
    ):
        return [], i + 1
    hm = header_kind(text)
    if hm.refused:
        return [], i + 1
    nxt_line = _next_content(lines, i + 1, stop)
    if nxt_line is None:
        return [], i + 1
    nc = lines.content(nxt_line)
    if hm.kind is None and not nc.bulleted:
        return [], i + 1
    blk, nxt = _after_header(
        lines, i, hm, text, line.start + c.offset, stop, claim_header=not hm.agenda and hm.kind is not None
    )
    return ([blk] if blk else []), nxt


def _office_run(lines: _Lines, i: int, stop: Collection[int]) -> tuple[list[ListBlock], int]:
    """Consecutive office lines ("Présidente : X", "Trésorier : Y", ...) form the bureau."""
    entries: list[RawEntry] = []
    claimed: list[int] = []
    j = i
    while j < len(lines) and j not in stop and not lines[j].blank:
        e = _office_entry(lines[j], lines.content(j))
        if e is None:
            break
        entries.append(e)
        claimed.append(j)
        j += 1
    if len(entries) >= 2 and len({fold(e.role.text).replace("-", " ") for e in entries if e.role}) >= 2:
        title = _previous_header(lines, i, stop)
        return [_block("bureau", title, lines, claimed, entries, entries[0].start)], j
    return [], i


def _previous_header(lines: Sequence[Line], i: int, stop: Collection[int]) -> str | None:
    """The "... désigne son bureau :" line right before a run of office lines, if any."""
    k = i - 1
    while k >= 0 and lines[k].blank:
        k -= 1
    if k < 0 or i - k > 2:
        return None
    text = lines[k].content.strip(" *_")
    if text.endswith(":") and header_kind(text.rstrip(": ")).kind == "bureau":
        return text.rstrip(": ")
    return None


def _proxy_run(lines: _Lines, i: int, stop: Collection[int]) -> tuple[list[ListBlock], int]:
    """Lines that each give a proxy: "M. Paul Roux donne pouvoir à Mme Anne Petit."."""
    entries: list[RawEntry] = []
    claimed: list[int] = []
    j = i
    while j < len(lines) and j not in stop and not lines[j].blank:
        line = lines[j]
        c = lines.content(j)
        if not has_proxy(c.text):
            break
        e = parse_entry(c.text, line.start + c.offset, None, lenient=False)
        if e is None or e.represented_by is None or e.rest or name_shape(e.head.text) < 2:
            break
        entries.append(e)
        claimed.append(j)
        j += 1
    if entries:
        return [_block("represented", None, lines, claimed, entries, entries[0].start)], j
    return [], i


def _is_prose(c: _Content) -> bool:
    """A long line without a colon, where neither an office run nor a list header can start: both
    `_office_run` and `_header_line` need a "Header :" or a mid-line header (a colon), or else a short
    line (at most 8 words) that names the list.
    """
    return ":" not in c.text and _words(c.text.strip(" *_"), 8) > 8


def find_list_blocks(lines: Sequence[Line], skip: Collection[int] = ()) -> list[ListBlock]:
    """Every printed list of the document, by layout alone (see the module docstring)."""
    lines = _Lines(lines)
    skip = set(skip)
    markup = _markup_headings(lines, skip)
    stop = set(skip)
    for mh in markup.values():
        stop.update(range(mh.line, mh.last_line + 1))
    blocks: list[ListBlock] = []
    context: tuple[int, str] | None = None  # (rank, kind) of a heading announcing the board
    i = 0
    n = len(lines)
    while i < n:
        if i in skip or lines[i].blank:
            i += 1
            continue
        h = markup.get(i)
        if h is not None:
            hm = header_kind(h.title.rstrip(" :"))
            if context is not None and h.rank <= context[0]:
                context = None
            group = None
            group_new = False
            inherit = hm.kind is None or hm.kind == "new_members"
            if context is not None and inherit and not hm.refused and not hm.agenda:
                # a sub-heading of the board's heading is one of its groups ("Rappel AG 2011 (naissance)");
                # one of new members that recalls nothing lists those elected at this meeting
                group = h.title.rstrip(" :")
                group_new = hm.kind == "new_members" and not hm.recall
                hm = HeaderMatch("elected" if group_new else context[1], False, False, hm.recall, False)
            if not hm.refused:
                blk, _ = _after_header(
                    lines,
                    h.last_line,
                    hm,
                    h.title.rstrip(" :"),
                    h.start,
                    stop,
                    claim_header=False,
                    group=group,
                    group_new=group_new,
                )
                if blk is not None:
                    blocks.append(blk)
                    i = blk.last_line + 1
                    continue
            if hm.kind in MEMBERSHIP and context is None:
                context = (h.rank, hm.kind)
            i = h.last_line + 1
            continue
        if i in stop:
            i += 1
            continue
        found: list[ListBlock] = []
        nxt = i
        if not _is_prose(lines.content(i)):
            found, nxt = _office_run(lines, i, stop)
            if not found:
                found, nxt = _header_line(lines, i, stop)
        if not found:
            found, nxt = _proxy_run(lines, i, stop)
        if found:
            blocks.extend(found)
            i = max(nxt, max(b.last_line for b in found) + 1)
            continue
        i += 1
    return blocks


# --- entries with spaCy ---------------------------------------------------------------------------


def build_lists(
    blocks: Sequence[ListBlock],
    lines: Sequence[Line],
    analysis: Mapping[str, Analysis],
    source: str | None = None,
) -> list[ListDraft]:
    """Entries with their person, organisation, role, group, novelty and proxy; one list per kind.

    A roll call or a checklist prints several kinds in one block ("Bastien, Présent !", "Moreau,
    absent ?", an unticked box): such entries go to a list of their own kind, in order. With the
    `source` text, every text is sliced from it (lines have odd spaces made plain), so that
    `source[m.start:m.end] == m.text` holds for every mention.
    """

    def mention(p: Piece | None) -> Mention | None:
        if p is None:
            return None
        return Mention(source[p.start : p.end] if source is not None else p.text, p.start, p.end)

    out: list[ListDraft] = []
    for b in blocks:
        by_kind: dict[str, list[EntryDraft]] = {}
        for e in b.entries:
            kind = e.status if e.status and b.kind in ATTENDANCE else b.kind
            by_kind.setdefault(kind, []).append(_entry_draft(e, b, kind, analysis, mention, source))
        for kind, entries in by_kind.items():
            main = kind == b.kind
            out.append(
                ListDraft(
                    kind=kind,
                    title=b.title,
                    start=b.start if main else entries[0].start,
                    end=b.end if main else entries[-1].end,
                    first_line=b.first_line,
                    last_line=b.last_line,
                    entries=tuple(entries),
                    body=mention(b.body) if kind == "staff" else None,
                )
            )
    return out


def _entry_draft(
    e: RawEntry,
    b: ListBlock,
    kind: str,
    analysis: Mapping[str, Analysis],
    mention: Callable[[Piece | None], Mention | None],
    source: str | None,
) -> EntryDraft:
    is_new = e.group_new or (e.marker is not None and e.marker in b.new_markers)
    text = source[e.start : e.end] if source is not None else e.text
    if b.kind in ORG_KINDS:
        return EntryDraft(text, e.start, e.end, organization=mention(e.head), group=e.group, is_new=is_new)
    c = classify_entry(e, kind, analysis)
    return EntryDraft(
        text=text,
        start=e.start,
        end=e.end,
        person=mention(c.person),
        organization=mention(c.organization),
        role=c.role,
        group=e.group,
        is_new=is_new,
        represented_by=mention(e.represented_by),
    )
