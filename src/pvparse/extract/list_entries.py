"""One entry of a printed list, by layout: the name, the pieces after it, a proxy, a roll-call status.

"Isabelle Martin (Département du Gers)", "- **Paul Roux**, trésorier, Ville de Lyon. (*)",
"Mme Odile BRUNET, 3e adjointe", "Gaëlle Hamon (pouvoir à Bruno Perrot)", "Bastien, Présent !".
Everything here is plain string work with absolute offsets; spaCy is asked about the pieces later
(`classify_entry`), to tell an institution from a person and a role.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache

from ..lines import fold
from ..nlp import EMPTY, Analysis
from ..resources import DataModel, load_data
from ..schema import ListKind
from .turns import load_lexicon as load_speaker_lexicon


class KindHeaders(DataModel):
    kind: ListKind
    # 1 = attendance (wins over membership words in the same header), 2 = everything else.
    priority: int = 2
    headers: list[str]


class StatusWords(DataModel):
    present: list[str]
    absent: list[str]
    excused: list[str]


class ListLexicon(DataModel):
    kinds: list[KindHeaders]
    not_list_headers: list[str]
    agenda_words: list[str]
    recall_words: list[str]
    not_names: list[str]
    column_words: list[str]
    status_words: StatusWords
    legend_markers: list[str]
    plural_civilities: list[str]
    new_member_words: list[str]
    role_words: list[str]
    ordinals: list[str]
    bureau_roles: list[str]
    organisation_cues: list[str]
    org_connectors: list[str]
    proxy_phrases: list[str]


def load_lexicon() -> ListLexicon:
    return load_data("lists.toml", ListLexicon)


# --- word keys ------------------------------------------------------------------------------------

_INCLUSIVE_RE = re.compile(r"(?<=[a-z])[.·•‧⋅]+(?=[a-z])|\((?=e|s)|(?<=e|s)\)")
_TOKEN_RE = re.compile(r"[a-z0-9]+")


def word_key(word: str) -> str:
    """A word reduced for matching: "Présent.e.s", "présentes", "Présents" → "present"."""
    w = word[:-1] if word.endswith(("s", "eaux")) and len(word) > 3 else word
    for _ in range(2):
        if w.endswith("e") and len(w) > 3:
            w = w[:-1]
    return w


def phrase_keys(text: str) -> tuple[str, ...]:
    """Word keys of a phrase: "Absent·es excusé·es" → ("absent", "excus")."""
    f = _INCLUSIVE_RE.sub("", fold(text))
    return tuple(word_key(t) for t in _TOKEN_RE.findall(f))


@dataclass(frozen=True)
class HeaderMatch:
    kind: str | None
    exact: bool  # the header is the phrase and nothing else ("Candidate", "Excusés")
    agenda: bool  # the header reads as an agenda item ("Élection du nouveau conseil d'administration")
    recall: bool  # the header recalls an earlier composition ("Rappel AG 2005")
    refused: bool  # the header never introduces people ("Ordre du jour", "Bureau de séance")


@cache
def _kind_phrases() -> tuple[tuple[int, int, tuple[str, ...], str], ...]:
    out = []
    for order, k in enumerate(load_lexicon().kinds):
        for h in k.headers:
            out.append((k.priority, order, phrase_keys(h), k.kind))
    return tuple(out)


_PhraseIndex = dict[str, tuple[tuple[int, tuple[str, ...]], ...]]


def _index_phrases(phrases: Sequence[tuple[str, ...]]) -> _PhraseIndex:
    """Phrase keys by their first key, each with its position in `phrases` (empty phrases left out)."""
    index: dict[str, list[tuple[int, tuple[str, ...]]]] = {}
    for pos, keys in enumerate(phrases):
        if keys:
            index.setdefault(keys[0], []).append((pos, keys))
    return {first: tuple(found) for first, found in index.items()}


@cache
def _header_word_index(field: str) -> _PhraseIndex:
    words: list[str] = getattr(load_lexicon(), field)
    return _index_phrases([phrase_keys(w) for w in words])


@cache
def _kind_index() -> _PhraseIndex:
    return _index_phrases([phrase for _p, _o, phrase, _k in _kind_phrases()])


def _found_in(keys: tuple[str, ...], index: _PhraseIndex) -> list[int]:
    """Positions of the indexed phrases that occur in `keys` as a run of consecutive keys."""
    found = {
        pos
        for i, key in enumerate(keys)
        for pos, phrase in index.get(key, ())
        if keys[i : i + len(phrase)] == phrase
    }
    return sorted(found)


@cache
def header_kind(header: str) -> HeaderMatch:
    """Which list a header announces: "**Présent.e.s :**" → present, "Adhésions en cours" → pending."""
    keys = phrase_keys(header)
    refused = bool(_found_in(keys, _header_word_index("not_list_headers")))
    agenda = bool(_found_in(keys, _header_word_index("agenda_words")))
    recall = bool(_found_in(keys, _header_word_index("recall_words")))
    best: tuple[bool, int, int, int] | None = None
    kind = None
    exact = False
    phrases = _kind_phrases()
    for pos in _found_in(keys, _kind_index()):
        priority, order, phrase, k = phrases[pos]
        # a phrase that is the whole header wins ("Se présente également" is not "présente")
        rank = (phrase != keys, priority, -len(phrase), order)
        if best is None or rank < best:
            best, kind, exact = rank, k, phrase == keys
    return HeaderMatch(kind, exact, agenda, recall, refused)


# --- name shapes --------------------------------------------------------------------------------

# The shape tests below are pure functions of a string (and the fixed lexicon); a document asks
# about the same heads and pieces several times (reading the list, choosing spaCy's strings,
# classifying the entry), so their answers are kept for the most recent strings.
_SHAPE_CACHE = 4096

_UP = "A-ZÀ-ÖØ-Ý"
_LO = "a-zß-öø-ÿ"
_CAP_WORD = rf"[{_UP}][{_LO}]+(?:[{_UP}][{_LO}]+)*(?:['’][{_LO}]+)?"
_CAPS_WORD = rf"[{_UP}]{{2,}}"
_PART = rf"(?:{_CAP_WORD}|{_CAPS_WORD})"
_NAME_WORD_RE = re.compile(rf"^(?:[dDlLoON]['’])?{_PART}(?:-(?:{_PART}|[{_LO}]+))*$")
_LOWER_WORD_RE = re.compile(rf"^[{_LO}]{{2,}}(?:-[{_LO}]+)*$")
_INITIAL_RE = re.compile(rf"^[{_UP}]\.?$")
_CAPS_ONLY_RE = re.compile(rf"^[{_UP}0-9&'’.\- ]+$")


@cache
def _particles() -> frozenset[str]:
    return frozenset(fold(p) for p in load_speaker_lexicon().speakers.name_particles)


@cache
def _civilities() -> frozenset[str]:
    own = load_speaker_lexicon().speakers.civilities + load_lexicon().plural_civilities
    return frozenset(fold(c) for c in own)


@lru_cache(maxsize=_SHAPE_CACHE)
def split_civility(name: str) -> tuple[str, str]:
    """("Mme", "Odile BRUNET") for "Mme Odile BRUNET"; ("", name) without a civility."""
    words = name.split()
    if len(words) >= 2 and fold(words[0]) in _civilities():
        return words[0], name[name.index(words[0]) + len(words[0]) :].strip()
    return "", name.strip()


@lru_cache(maxsize=_SHAPE_CACHE)
def name_shape(text: str, *, lenient: bool = False) -> int:
    """How many name words `text` has when it reads as a person's name, else 0.

    "Claire Dumas d'Orval" → 3, "Lina B." → 2, "Mme DUPONT" → 1, "Sophie" → 1,
    "Rapport moral" → 0. With `lenient`, lower-case names ("vuillard arthur") pass too.
    """
    _civ, bare = split_civility(text.strip())
    words = bare.split()
    if not words or len(words) > 6:
        return 0
    if len(words) == 1 and fold(words[0]) in _word_set("not_names"):
        return 0
    count = 0
    lower = lenient and len(words) <= 3 and all(_LOWER_WORD_RE.match(w) for w in words)
    for i, w in enumerate(words):
        if _NAME_WORD_RE.match(w):
            count += 1
        elif fold(w) in _particles() and 0 < i < len(words) - 1:
            continue
        elif _INITIAL_RE.match(w) and i == len(words) - 1 and i > 0:
            count += 1
        elif lower:
            count += 1
        else:
            return 0
    return count if count <= 4 else 0


def is_caps_line(text: str) -> bool:
    """A college or category heading in capitals: "COLLÈGE DES USAGERS ET DES HABITANTS"."""
    letters = 0
    for c in text:
        if c.isalpha():
            if not c.isupper():
                return False  # most lines stop at their second letter
            letters += 1
    return letters >= 6 and len(text.split()) >= 2


@cache
def _word_set(field: str) -> frozenset[str]:
    words: list[str] = getattr(load_lexicon(), field)
    return frozenset(fold(w).replace("-", " ") for w in words)


@lru_cache(maxsize=_SHAPE_CACHE)
def starts_with_role(text: str) -> bool:
    """ "présidente", "1re adjointe", "Délégué à l'innovation", "co-fondateur de ..." read as roles."""
    words = [fold(w).strip('.,;:()«»"') for w in text.split()]
    if words and words[0] in _word_set("ordinals"):
        words = words[1:]
    if not words:
        return False
    first = words[0].replace("-", " ")
    return first in _word_set("role_words") or first.split(" ")[-1] in _word_set("role_words")


_ARTICLE_RE = re.compile(rf"^(?:La|Le|Les|L['’]|Un|Une)\s*[{_UP}«\"]")


@lru_cache(maxsize=_SHAPE_CACHE)
def has_org_cue(text: str) -> bool:
    """Does a capitalised cue word ("Région", "Métropole", "Scop") or an acronym name an institution?"""
    cues = _word_set("organisation_cues")
    words = text.split()
    for i, w in enumerate(words):
        if not w[:1].isupper():
            continue
        f = fold(w).strip('.,;:()«»"')
        pair = f + " " + fold(words[i + 1]).strip(".,;:()") if i + 1 < len(words) else ""
        for part in (f, *f.split("-")):
            if part in cues:
                return True
        if pair and pair in cues:
            return True
    return False


@lru_cache(maxsize=_SHAPE_CACHE)
def org_shaped(text: str) -> bool:
    """An institution by shape alone: article-led ("La Ronde des Contes"), a cue word, an acronym."""
    t = text.strip(' «»"')
    if not t:
        return False
    if _ARTICLE_RE.match(t):
        return True
    first = fold(t.split()[0]).strip(".,;:")
    if first in _word_set("organisation_cues") and t[:1].isupper():
        return True
    return bool(_CAPS_ONLY_RE.match(t)) and len(t.split()) == 1 and len(t) >= 2


# --- pieces and raw entries -----------------------------------------------------------------------


@dataclass(frozen=True)
class Piece:
    """A stretch of the source: text as printed, absolute offsets."""

    text: str
    start: int
    end: int
    paren: bool = False


@dataclass(frozen=True)
class RawEntry:
    """An entry before spaCy: its head (the name or the organisation), then the pieces after it."""

    text: str
    start: int
    end: int
    head: Piece
    rest: tuple[Piece, ...] = ()
    represented_by: Piece | None = None
    status: str | None = None  # a kind the entry gives itself: "absent ?", an unticked box
    marker: str | None = None  # a legend marker printed on the entry ("(*)")
    role: Piece | None = None  # the office of a "Trésorier : X" line
    group: str | None = None
    group_new: bool = False

    def in_group(self, group: str | None, group_new: bool) -> RawEntry:
        """This entry in a group: `dataclasses.replace(self, group=..., group_new=...)`, field by field
        written out (`replace` looks every field up by name, which counts in a long list)."""
        return RawEntry(
            self.text,
            self.start,
            self.end,
            self.head,
            self.rest,
            self.represented_by,
            self.status,
            self.marker,
            self.role,
            group,
            group_new,
        )


def _lstrip(text: str, start: int, end: int, chars: str) -> int:
    while start < end and text[start] in chars:
        start += 1
    return start


def _rstrip(text: str, start: int, end: int, chars: str) -> int:
    while end > start and text[end - 1] in chars:
        end -= 1
    return end


def _keep_initial(text: str, start: int, end: int) -> int:
    """Give back the full stop of a final initial ("Lina B." stays whole)."""
    if (
        end < len(text)
        and text[end] == "."
        and end - start >= 3
        and text[end - 1].isupper()
        and text[end - 2] == " "
    ):
        return end + 1
    return end


def trim(text: str, start: int, end: int, chars: str = " \t*_") -> Piece:
    """The piece [start, end) of `text` narrowed past `chars` on both sides (offsets relative)."""
    start, end = trim_span(text, start, end, chars)
    return Piece(text[start:end], start, end)


_OPEN = {"(": ")", "[": "]", "«": "»", "“": "”"}


@cache
def _split_chars_re(seps: str) -> re.Pattern[str]:
    """The characters `split_top` acts on: quotes, brackets and the separators; all others pass."""
    return re.compile("[" + re.escape('"' + "".join(_OPEN) + "".join(_OPEN.values()) + seps) + "]")


# What makes a separator nested: a quote, an opening bracket (a closing one alone changes nothing).
_NESTING_RE = re.compile("[" + re.escape('"' + "".join(_OPEN)) + "]")


@cache
def _seps_re(seps: str) -> re.Pattern[str]:
    return re.compile("[" + re.escape(seps) + "]")


def split_top(text: str, seps: str = ",;", maxsplit: int = -1) -> list[tuple[int, int]]:
    """Spans of `text` between top-level separators (brackets and quotes are not split); with
    `maxsplit`, at most that many splits are done and the last span runs to the end (as `str.split`).
    """
    seps_re = _seps_re(seps)
    if seps_re.search(text) is None:
        return [(0, len(text))]  # a span ends only at a separator: without one, the text is whole
    out: list[tuple[int, int]] = []
    if _NESTING_RE.search(text) is None:
        # no quote and no opening bracket: nothing nests, every separator is at top level
        pos = 0
        for m in seps_re.finditer(text):
            if len(out) == maxsplit:
                break
            out.append((pos, m.start()))
            pos = m.start() + 1
        out.append((pos, len(text)))
        return out
    depth: list[str] = []
    quote = False
    pos = 0
    for m in _split_chars_re(seps).finditer(text):
        i, ch = m.start(), m.group()
        if ch == '"':
            quote = not quote
        elif quote:
            continue
        elif ch in _OPEN:
            depth.append(_OPEN[ch])
        elif depth and ch == depth[-1]:
            depth.pop()
        elif not depth and ch in seps:
            if len(out) == maxsplit:
                break
            out.append((pos, i))
            pos = i + 1
    out.append((pos, len(text)))
    return out


def _accent_class(ch: str) -> str:
    groups = ("eéèêë", "aàâä", "iîï", "oôö", "uùûü", "cç", "'’")
    for alts in groups:
        if ch in alts:
            return f"[{alts}{alts.upper()}]"
    return re.escape(ch) if not ch.isspace() else r"\s+"


def loose_pattern(phrase: str) -> str:
    """A regex for a phrase that tolerates accents, case and spacing: "représenté par"."""
    return "".join(_accent_class(c.lower()) if c.isalpha() or c == "'" else _accent_class(c) for c in phrase)


@cache
def _proxy_re() -> re.Pattern[str]:
    phrases = sorted(load_lexicon().proxy_phrases, key=len, reverse=True)
    alts = "|".join(loose_pattern(p) for p in phrases)
    # the first letters of the phrases, looked ahead for: one test rules out most positions before
    # the alternatives are tried one by one (the match is the same)
    firsts = "|".join(sorted({loose_pattern(p[:1]) for p in phrases}))
    # "(pouvoir à Y)", ", représentée par Y", " donne pouvoir à Y", " => Y"
    # (?<!..) lets a match start only where a run begins: linear on long runs (issue 6)
    return re.compile(rf"(?<![\s,(])[\s,(]*(?={firsts})(?:{alts})s?[\s:]*", re.IGNORECASE)


# Letters whose case-blind matches include a character that `str.lower` does not map onto them
# ("ı" and "İ" match "i", "ſ" matches "s", the Kelvin sign matches "k"): no proxy cue uses them.
_CASE_ODD = frozenset("isk")


def _cue_run(phrase: str) -> str:
    """The longest stretch of `phrase` without a space or an odd-case letter: "pouvoir à" → "pouvo"."""
    runs = re.split(r"\s+|[" + "".join(sorted(_CASE_ODD)) + "]", phrase.lower())
    return max(runs, key=len)


@cache
def _proxy_cue_re() -> re.Pattern[str]:
    """A cheap necessary condition of `_proxy_re`, searched in the lower-cased text.

    Every match of `_proxy_re` contains a whole proxy phrase, so it contains that phrase's cue run;
    a character the case-blind `_proxy_re` takes for a cue letter lower-cases to that letter (see
    `_CASE_ODD`), so the lower-cased text holds the cue run where the text holds the phrase.
    """
    cues = {loose_pattern(_cue_run(p)) for p in load_lexicon().proxy_phrases}
    return re.compile("|".join(sorted(cues)))


def _proxy_search(text: str, start: int, end: int) -> re.Match[str] | None:
    """`_proxy_re().search(text, start, end)`, skipping the costly search when no cue is printed."""
    if _proxy_cue_re().search(text[start:end].lower()) is None:
        return None
    return _proxy_re().search(text, start, end)


def has_proxy(text: str) -> bool:
    """Does the text print a proxy phrase ("pouvoir à", "représenté par", "=>")?"""
    return _proxy_search(text, 0, len(text)) is not None


_BARE_PROXY_RE = re.compile(r"(?<!\s)(?:\s+|\s*\()(?:à|a)\s+", re.IGNORECASE)  # (?<!\s): linear on long runs
_NUMBER_RE = re.compile(r"^\d{1,3}[.)]\s+")
_BOLD_RE = re.compile(r"(\*\*|__)(?P<name>[^*_]+?)\1")
# (?<!..) lets a match start only where a run begins: linear on long runs (issue 6)
_TAIL_SEP_RE = re.compile(r"(?<!\s)(?:\s+[-–—]\s+|\s*=>\s*|\s*->\s*|\s*→\s*)")
_TIME_RE = re.compile(r"^\d{1,2}\s*[h:]\s*\d{0,2}$")


@cache
def _status_alts() -> str:
    words = load_lexicon().status_words
    alts = sorted(
        {w for ws in (words.present, words.absent, words.excused) for w in ws}, key=len, reverse=True
    )
    return "|".join(loose_pattern(w) for w in alts)


@cache
def _status_re() -> re.Pattern[str]:
    return re.compile(rf"^(?P<word>{_status_alts()})\b[\s!?.]*(?:\(.*\))?[\s!?.]*$", re.IGNORECASE)


@cache
def _status_cue_re() -> re.Pattern[str]:
    r"""A necessary condition of a roll-call status, searched in the entry: a status is read from the
    last top-level piece, which opens right after a separator; `_status_re` matches it once stripped
    of the spaces that `\s*` passes here (`str.strip` and `\s` take the same characters for spaces).
    """
    return re.compile(rf"[,;]\s*(?:{_status_alts()})", re.IGNORECASE)


def _status_of(word: str) -> str | None:
    w = fold(word)
    sw = load_lexicon().status_words
    for kind, words in (("present", sw.present), ("absent", sw.absent), ("excused", sw.excused)):
        if w in {fold(x) for x in words}:
            return kind
    return None


@cache
def _markers() -> tuple[tuple[str, bool], ...]:
    """Legend markers, longest first, each with whether it is bare stars ("*", "**")."""
    ordered = sorted(load_lexicon().legend_markers, key=len, reverse=True)
    return tuple((mk, mk.strip("*") == "") for mk in ordered)


@cache
def _marker_ends() -> tuple[str, ...]:
    """Every legend marker: an entry's text ends with one of them, or it carries no marker."""
    return tuple(mk for mk, _bare in _markers())


def trim_span(text: str, start: int, end: int, chars: str) -> tuple[int, int]:
    """[start, end) narrowed past `chars` on both sides, like `trim` without building a piece."""
    while start < end and text[start] in chars:
        start += 1
    while end > start and text[end - 1] in chars:
        end -= 1
    return start, end


_HEAD_END_RE = re.compile(r"[(\[,;:|<]")
# A character every match of `_TAIL_SEP_RE` holds (a dash, the ">" of "=>" and "->", an arrow): a head
# without one has no tail separator, and the costly pattern is not tried.
_TAIL_CUE_RE = re.compile(r"[-–—>→]")


def parse_entry(
    text: str, base: int, kind: str | None, *, lenient: bool, org_list: bool = False
) -> RawEntry | None:
    """Read one entry whose text starts at absolute offset `base`; None when it is not an entry.

    >>> parse_entry("Isabelle Martin (Département du Gers)", 0, "present", lenient=True).head.text
    'Isabelle Martin'
    """
    s, e = trim_span(text, 0, len(text), " \t|")  # a table row's outer pipes
    marker = None
    tail = text[s:e].rstrip(" .;,")
    # each test below needs the tail to end with the marker
    for mk, bare_stars in _markers() if tail.endswith(_marker_ends()) else ():
        if bare_stars:
            # a bare star marks the entry only after its text ("Paul Roux *"), never Markdown emphasis
            if tail.endswith((" " + mk, "." + mk)) and not tail.endswith("*" + mk):
                marker, e = mk, s + len(tail) - len(mk)
                break
        elif tail.endswith(mk):
            marker, e = mk, s + len(tail) - len(mk)
            break
    e = _keep_initial(text, s, _rstrip(text, s, e, " \t.;,"))
    if not text.startswith(("**", "__"), s, e):
        s = _lstrip(text, s, e, " \t*_")
        e = _keep_initial(text, s, _rstrip(text, s, e, " \t.;,*_"))
    if s >= e:
        return None
    whole_start, whole_end = s, e
    if org_list:
        head = Piece(text[s:e], base + s, base + e)
        return RawEntry(head.text, head.start, head.end, head, marker=marker)
    status = None
    # roll call: "Bastien, Présent !", "Moreau (VIP), absent ? (parti plus tôt ?)"
    spans = split_top(text[s:e]) if _status_cue_re().search(text, s, e) else ()
    if len(spans) > 1:
        ls, le = spans[-1]
        m = _status_re().match(text[s + ls : s + le].strip())
        if m:
            status = _status_of(m.group("word"))
            e = _rstrip(text, s, s + ls - 1, " \t*_.;,")
    represented_by = None
    m = _proxy_search(text, s, e)
    if m and m.start() > s:
        tgt = trim(text, m.end(), e, " \t*_.;,)")
        if tgt.text and name_shape(tgt.text):
            represented_by = Piece(tgt.text, base + tgt.start, base + tgt.end)
        e = m.start()
    elif kind == "represented":
        bm = _BARE_PROXY_RE.search(text, s, e)
        if bm:
            close = text.find(")", bm.end(), e) if "(" in bm.group() else -1
            tgt = trim(text, bm.end(), close if close != -1 else e, " \t*_.;,)")
            if tgt.text and name_shape(tgt.text) and name_shape(text[s : bm.start()]):
                represented_by = Piece(tgt.text, base + tgt.start, base + tgt.end)
                e = bm.start()
    bold = _BOLD_RE.match(text, s)
    if bold and bold.end() <= e:
        hs, he = bold.start("name"), bold.end("name")
        after = bold.end()
    else:
        sep = _HEAD_END_RE.search(text, s, e)
        cut = sep.start() if sep else e
        tm = _TAIL_SEP_RE.search(text, s, cut) if _TAIL_CUE_RE.search(text, s, cut) else None
        if tm:
            cut = tm.start()
        hs, he = s, cut
        after = cut
    head_start, head_end = trim_span(text, hs, he, " \t*_.,;")
    if head_end < he:
        head_end = _keep_initial(text, head_start, head_end)
    if head_start >= head_end:
        return None
    return RawEntry(
        text=text[whole_start:whole_end],
        start=base + whole_start,
        end=base + whole_end,
        head=Piece(text[head_start:head_end], base + head_start, base + head_end),
        rest=tuple(_rest_pieces(text, after, e, base)),
        represented_by=represented_by,
        status=status,
        marker=marker,
    )


_ADDRESS_RE = re.compile(r"@|https?://|<")
_BRACKETS_RE = re.compile(r"\(([^()]*)\)|\[([^\[\]]*)\]")
_PIECE_CHARS = " \t*_.,;-–—"


def _rest_pieces(text: str, start: int, end: int, base: int) -> list[Piece]:
    """Comma pieces and bracketed pieces after the head; a vote tally after a colon is dropped.

    Offsets are absolute: `base` is where `text` starts in the source.
    """
    if start >= end:
        return []
    if text.find(":", start, end) != -1:
        colon = next((a for a, _b in split_top(text[start:end], ":")[1:]), None)
        if colon is not None:
            end = start + colon - 1
    out: list[Piece] = []

    def add(a: int, b: int, chars: str, paren: bool = False) -> None:
        a, b = trim_span(text, a, b, chars)
        if a < b:
            out.append(Piece(text[a:b], base + a, base + b, paren))

    # a piece holds an address or a bracket only if the whole stretch does: each is looked for
    # piece by piece only then (neither pattern looks outside the characters it is given)
    addresses = _ADDRESS_RE.search(text, start, end) is not None
    brackets = text.find("(", start, end) != -1 or text.find("[", start, end) != -1
    for a, b in split_top(text[start:end], ",;|"):
        a, b = start + a, start + b
        if addresses and _ADDRESS_RE.search(text, a, b):
            continue  # an address printed after the name
        pos = a
        for m in _BRACKETS_RE.finditer(text, a, b) if brackets else ():
            ms, me = m.start(), m.end()
            add(pos, ms, _PIECE_CHARS)
            if m.group(1) is not None:
                add(ms + 1, me - 1, " \t*_.,;", paren=True)
            pos = me
        add(pos, b, _PIECE_CHARS)
    return out


def org_head_by_shape(text: str) -> bool | None:
    """What `is_org_head` answers when the head's shape decides it, None when spaCy is asked.

    A civility makes a person; an organisation's shape, or a head that is no name, an organisation
    (spaCy's ORG is then only a second reason); one name word a person (spaCy's ORG on it is not
    trusted). Only a name of two words or more is left to spaCy.
    """
    civ, bare = split_civility(text)
    if civ:
        return False
    if org_shaped(bare) or not name_shape(bare, lenient=True):
        return True
    if len(bare.split()) < 2:
        return False
    return None


def institution_by_shape(text: str) -> bool | None:
    """What `_is_institution` answers when the piece's shape decides it, None when spaCy is asked.

    A role or a lower-case piece is none; a cue or an organisation's shape makes one, and so does a
    capitalised piece that is no name of two words or more. Only such a name is left to spaCy.
    """
    t = text.strip(' «»"“”')
    if not t or starts_with_role(t):
        return False
    if has_org_cue(t) or org_shaped(t):
        return True
    if not t[:1].isupper():
        return False
    if name_shape(t) < 2:
        return True
    return None


def entry_strings(e: RawEntry) -> list[str]:
    """The strings `classify_entry` reads spaCy's analysis of, for one entry, and no others.

    The head is read (`is_org_head`) only when its shape leaves it open (`org_head_by_shape`); when
    its shape makes it an organisation nothing after it is read either. The plain pieces after a
    name are read (`_is_institution`) from the last one back up to the first institution, so none
    before a piece whose shape makes it one; a piece is sent only when its shape leaves it open
    (`institution_by_shape`). Bracketed pieces are never read.
    """
    head_is_org = org_head_by_shape(e.head.text)
    if head_is_org:
        return []
    out: list[str] = [e.head.text] if head_is_org is None else []
    for p in reversed(e.rest):
        if p.paren:
            continue
        is_org = institution_by_shape(p.text)
        if is_org:
            break
        if is_org is None:
            out.append(p.text)
    return out


# --- classification (with spaCy) ------------------------------------------------------------------


@dataclass(frozen=True)
class Classified:
    person: Piece | None
    organization: Piece | None
    role: str | None


@cache
def _connector_re() -> re.Pattern[str]:
    alts = "|".join(loose_pattern(c) for c in sorted(load_lexicon().org_connectors, key=len, reverse=True))
    return re.compile(rf"(?:^|\s)(?:{alts})(?:\s+|(?<=['’]))(?=[{_UP}«\"])", re.IGNORECASE)


@cache
def _trailing_connector_re() -> re.Pattern[str]:
    alts = "|".join(loose_pattern(c) for c in sorted(load_lexicon().org_connectors, key=len, reverse=True))
    # starts where a run of spaces starts (the leftmost match always does), so a long run is tried once
    return re.compile(rf"(?:^|(?<=\S))(?:\s+(?:{alts}))+\s*[«\"]?\s*$", re.IGNORECASE)


def _embedded_org(p: Piece) -> Piece | None:
    """ "co-fondateur de l'Université de X" → "Université de X"; "inspectrice des finances" → None.

    A lower-case cue word right before the name belongs to it: "adjoint aux sports de la commune de
    Villebourg" → "commune de Villebourg".
    """
    for m in _connector_re().finditer(p.text):
        s = m.end()
        sub = trim(p.text, s, len(p.text), ' «»"“”')
        if sub.text and not starts_with_role(sub.text) and sub.text[:1].isupper():
            cue = _lower_cue_before(p.text, m.start())
            if cue is not None:
                sub = trim(p.text, cue, len(p.text), ' «»"“”')
            return Piece(sub.text, p.start + sub.start, p.start + sub.end)
    return None


def _lower_cue_before(text: str, end: int) -> int | None:
    """Start of "commune" in "... de la commune| de X" when a cue word ends right before `end`."""
    m = re.search(
        r"(?:^|\s)(?:(?:de la|de l['’]|du|des|de|d['’]|à la|au|aux|à)\s*)?(?P<cue>[a-zà-ÿ]+)\s*$", text[:end]
    )
    if m and fold(m.group("cue")) in _word_set("organisation_cues"):
        return m.start("cue")
    return None


def _is_institution(p: Piece, analysis: Mapping[str, Analysis]) -> bool:
    """A piece after the name that names a body: not a role, capitalised, and not a person's name."""
    by_shape = institution_by_shape(p.text)
    if by_shape is not None:
        return by_shape
    # a capitalised name of two words or more: an institution unless spaCy reads all of it as a person
    return not analysis.get(p.text, EMPTY).covering("PER", p.text.strip(' «»"“”'))


def is_org_head(text: str, analysis: Mapping[str, Analysis]) -> bool:
    """Is the head of an entry an organisation ("La Ronde des Contes", "Ville de Rennes", "ADEME")?"""
    by_shape = org_head_by_shape(text)
    if by_shape is not None:
        return by_shape
    # a name of two words or more: an organisation when spaCy reads all of it as one, and no person
    an = analysis.get(text, EMPTY)
    bare = split_civility(text)[1]
    return not any(e.label == "PER" for e in an.entities) and an.covering("ORG", bare, 0.9)


def classify_entry(e: RawEntry, kind: str, analysis: Mapping[str, Analysis]) -> Classified:
    """Person, organisation and role of one entry.

    The organisation is the last piece after the name that names an institution ("…, Région Grand
    Est"), else one named at the end of the last piece ("co-fondateur de l'Université X"), else one
    in brackets ("(Ville de Rennes)"). The role is the text between the name and that organisation
    (or all of it when no organisation is printed); attendance lists keep a role only when it opens
    with a role word ("présidente", "1re adjointe"), so notes like "en ligne" are not roles.
    """
    head = e.head
    if is_org_head(head.text, analysis):
        body = head
        if e.rest and e.rest[0].paren and _acronym_follows(head, e.rest[0]):
            body = Piece(f"{head.text} ({e.rest[0].text})", head.start, e.rest[0].end + 1)
        return Classified(None, body, None)
    person = head
    civ, bare = split_civility(head.text)
    if civ and len(bare.split()) >= 2:
        person = Piece(bare, head.end - len(bare), head.end)
    plain = [p for p in e.rest if not p.paren]
    parens = [p for p in e.rest if p.paren]
    org: Piece | None = None
    for p in reversed(plain):
        if _is_institution(p, analysis):
            org = p
            break
    if org is None and plain:
        org = _embedded_org(plain[-1])
    if org is None:
        for p in parens:
            t = p.text
            if starts_with_role(t) or _TIME_RE.match(t) or not any(w[:1].isupper() for w in t.split()):
                continue
            first = trim(t, 0, split_top(t)[0][1], " \t*_.,;")
            org = Piece(first.text, p.start + first.start, p.start + first.end)
            break
    if org is not None:
        nxt = next((p for p in e.rest if p.paren and p.start > org.end), None)
        if nxt is not None and _acronym_follows(org, nxt):
            org = Piece(f"{org.text} ({nxt.text})", org.start, nxt.end + 1)
    role = _role_text(e, org, plain, parens, kind)
    return Classified(person, org, role)


def _acronym_follows(p: Piece, paren: Piece) -> bool:
    """ "Grand Besançon Métropole (GBM)": an acronym in brackets right after the organisation."""
    return paren.start - p.end <= 3 and bool(re.fullmatch(rf"[{_UP}][{_UP}0-9&.\-]{{1,10}}", paren.text))


# A role never ends with a longer run of connector words ("… chargée de mission de la");
# the pattern backtracks over the run it is given, so it sees only this many last characters.
_CONNECTOR_TAIL = 200


def _strip_trailing_connectors(text: str) -> str:
    """ "chargée de mission de la" → "chargée de mission" (the organisation's name follows)."""
    cut = max(0, len(text) - _CONNECTOR_TAIL)
    return text[:cut] + _trailing_connector_re().sub("", text[cut:])


_CLAUSE_WORDS = frozenset({"qui", "que", "dont", "et", "mais", "ou", "lequel", "laquelle", "lesquels"})
_ROLE_LEFT = " \t*_.,;:-–—("
_ROLE_RIGHT = " \t*_.,;:-–—(["


def _role_text(
    e: RawEntry, org: Piece | None, plain: list[Piece], parens: list[Piece], kind: str
) -> str | None:
    if e.role is not None:
        return e.role.text
    attendance = kind in ("present", "excused", "absent", "represented")
    text: str | None = None
    if org is not None:
        before = [p for p in e.rest if p.start < org.start]
        if before:
            text = _span_text(e, min(p.start for p in before), org.start)
            text = _strip_trailing_connectors(text.rstrip(_ROLE_RIGHT)).rstrip(_ROLE_RIGHT).lstrip(_ROLE_LEFT)
    elif plain:
        # an attendance entry's later pieces are notes ("…, retenu par un stage fédéral")
        last = plain[0] if attendance else plain[-1]
        text = _span_text(e, plain[0].start, last.end).rstrip(_ROLE_RIGHT).lstrip(_ROLE_LEFT)
    if text and fold(text.split()[0]) in _CLAUSE_WORDS:
        text = None  # "…, qui se représentent": a clause, not a role
    if text and (not attendance or starts_with_role(text)):
        return text
    for p in parens:
        if starts_with_role(p.text) and (org is None or p.end <= org.start or p.start >= org.end):
            return p.text
    return None


def _span_text(e: RawEntry, start: int, end: int) -> str:
    return e.text[start - e.start : end - e.start]
