"""Segmentation: lines → front matter, title, headings and the section tree.

Headings are found by shape (Markdown `#`, underlined reStructuredText/setext titles, time ranges
"14h05-14h15 : INTRODUCTION", numbers "1.", "II.", "a)", "2011/042 –", bold lines, standalone short
lines); a heading's level comes from the rank of its style among the styles the document uses.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, replace
from functools import cache

from .extract.dates import find_dates
from .extract.times import TIME, TIME_RANGE, parse_time
from .lines import Line, fold
from .resources import DataModel, load_data

_ATX_RE = re.compile(r"^[ ]{0,3}(?P<hashes>#{1,6})[ ]+(?P<title>.*?)[ ]*#*[ ]*$")
# The characters an underline (setext, reStructuredText) is drawn with.
UNDERLINE_CHARS = "=-~^\"'`#*+_:."
_UNDERLINE_RE = re.compile(rf"^[ ]{{0,3}}(?P<ch>[{re.escape(UNDERLINE_CHARS)}])(?P=ch){{2,}}[ ]*$")
_TIMED_RE = re.compile(rf"[ *_]*(?:{TIME_RANGE})[ *_]*(?:[:\-–—.,][ ]*)?(?P<title>\S.*?)?[ *_]*$")
_NUMBER_RE = re.compile(
    r"^(?P<number>\d{4}[/-]\d{1,4}|\d{1,2}(?:\.\d{1,2})*|[IVXLC]{1,6}|[A-Za-z])"
    r"(?P<sep>[.)°]|\\\.|[ ]+[-–—](?=[ ]))?"
    r"[ ]*(?:[-–—:][ ]*)?(?P<title>\S.*)$"
)
_HTML_ANCHOR_RE = re.compile(r"<a\b[^>]{0,200}>\s*</a>|<[^>]{1,200}>")
_MD_ESCAPE_RE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!])")
_FRONT_KEY_RE = re.compile(r"^[A-Za-z_][\w-]*:")
_SENTENCE_END_RE = re.compile(r"[.!?;:…,]\s*[*_]*$")
_URL_RE = re.compile(r"^<?(?:https?://|www\.)", re.IGNORECASE)
_CAPS_RE = re.compile(r"^[^a-zà-ÿ]*[A-ZÀ-Ý][^a-zà-ÿ]*$")

MAX_HEADING_CHARS = 140
MAX_HEADING_WORDS = 18

# Style ranks: a smaller rank is a higher level; levels are dense ranks of the styles present.
_RANK_TIMED = 20
_RANK_NUMBER = {"year": 28, "roman": 30, "arabic": 31, "alpha": 36}
_RANK_BOLD = 38
_RANK_STANDALONE = 40
_RANK_BULLET = 50


@dataclass(frozen=True)
class FrontMatter:
    """YAML front matter: the lines it covers and its simple `key: value` pairs with value offsets."""

    first_line: int
    last_line: int
    fields: dict[str, tuple[str, int, int]]


@dataclass(frozen=True)
class Heading:
    line: int
    last_line: int  # the underline of a setext title, else == line
    rank: int
    title: str
    title_start: int
    title_end: int
    start: int
    end: int
    number: str | None = None
    start_time: str | None = None
    end_time: str | None = None
    style: str = "standalone"
    level: int = 1


@dataclass(frozen=True)
class SectionNode:
    heading: Heading
    index: int
    parent: int | None
    level: int
    end: int


def find_front_matter(lines: Sequence[Line]) -> FrontMatter | None:
    """YAML front matter between `---` lines at the very top ("title: ...", "date: 11/11/2023")."""
    i = 0
    while i < len(lines) and lines[i].blank:
        i += 1
    if i >= len(lines) or lines[i].text.strip() != "---":
        return None
    fields: dict[str, tuple[str, int, int]] = {}
    for j in range(i + 1, min(len(lines), i + 200)):
        t = lines[j].text
        if t.strip() in ("---", "..."):
            return FrontMatter(i, j, fields) if fields or j > i + 1 else None
        m = _FRONT_KEY_RE.match(t)
        if m:
            key = t[: m.end() - 1].strip().lower()
            raw = t[m.end() :]
            vs = m.end() + (len(raw) - len(raw.lstrip()))
            ve = len(t.rstrip())
            value = t[vs:ve]
            if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
                vs, ve, value = vs + 1, ve - 1, value[1:-1]
            if key not in fields:
                fields[key] = (value, lines[j].start + vs, lines[j].start + ve)
        elif t.strip() and not t.startswith((" ", "-", "\t")):
            return None
    return None


def _clean_title(text: str, start: int, end: int) -> tuple[str, int, int]:
    """Trim markup around a title; returns the title as written (escapes and anchors removed)."""
    while True:
        old = (start, end)
        m = _HTML_ANCHOR_RE.match(text, start)
        if m and m.end() <= end:
            start = m.end()
        while start < end and text[start] in " *_`#":
            start += 1
        while end > start and text[end - 1] in " *_`#":
            end -= 1
        if (start, end) == old:
            break
    title = _MD_ESCAPE_RE.sub(r"\1", _HTML_ANCHOR_RE.sub("", text[start:end])).strip()
    return " ".join(title.split()), start, end


_YEAR_NUMBER_RE = re.compile(r"\d{4}[/-]\d+")
_ROMAN_NUMBER_RE = re.compile(r"[IVXLC]+")
_OPEN_PAREN_WORD_RE = re.compile(r"\([A-Za-zÀ-ÿ]")


def _number_kind(number: str) -> str:
    if _YEAR_NUMBER_RE.fullmatch(number):
        return "year"
    if number[0].isdigit():
        return "arabic"
    if _ROMAN_NUMBER_RE.fullmatch(number) and (len(number) > 1 or number in "IVX"):
        return "roman"
    return "alpha"


def _paragraph_bounds(lines: Sequence[Line], i: int) -> tuple[bool, bool]:
    """Is line i alone in its paragraph: (blank or start before, blank or end after)?"""
    before = i == 0 or lines[i - 1].blank
    after = i + 1 >= len(lines) or lines[i + 1].blank
    return before, after


def _looks_like_sentence(content: str) -> bool:
    return bool(_SENTENCE_END_RE.search(content))


def find_headings(
    lines: Sequence[Line],
    *,
    skip: Collection[int] = (),
    is_heading_text: Callable[[str], bool] = lambda s: True,
) -> list[Heading]:
    """Every heading line, in document order, with style rank and (after `assign_levels`) level.

    `skip` holds lines already claimed (speaker turns, list blocks, front matter); `is_heading_text`
    vetoes standalone lines that read as sentences ("La séance est levée à 16h40").
    """
    found: list[Heading] = []
    setext_chars: list[str] = []
    n = len(lines)
    i = 0
    while i < n:
        line = lines[i]
        if i in skip or line.blank:
            i += 1
            continue
        text = line.text
        # setext / reStructuredText: a title line underlined (and maybe overlined) by one repeated char
        if i + 1 < n and not line.blank and (i + 1) not in skip:
            u = _UNDERLINE_RE.match(lines[i + 1].text)
            title_len = len(text.strip())
            if (
                u
                and title_len <= MAX_HEADING_CHARS
                and not line.bullet
                and not _UNDERLINE_RE.match(text)
                and len(lines[i + 1].text.strip()) >= min(3, title_len)
                and (i == 0 or lines[i - 1].blank or _UNDERLINE_RE.match(lines[i - 1].text))
            ):
                ch = u.group("ch")
                over = i > 0 and bool(_UNDERLINE_RE.match(lines[i - 1].text))
                key = ("o" if over else "") + ch
                if key not in setext_chars:
                    setext_chars.append(key)
                title, ts, te = _clean_title(text, 0, len(text))
                if title:
                    found.append(
                        Heading(
                            line=i,
                            last_line=i + 1,
                            rank=10 + setext_chars.index(key),
                            title=title,
                            title_start=line.start + ts,
                            title_end=line.start + te,
                            start=lines[i - 1].start if over else line.start,
                            end=lines[i + 1].end,
                            style="setext",
                        )
                    )
                    i += 2
                    continue
        h = _match_heading(lines, i, is_heading_text)
        if h is not None:
            found.append(h)
        i += 1
    return found


def _match_heading(lines: Sequence[Line], i: int, is_heading_text: Callable[[str], bool]) -> Heading | None:
    line = lines[i]
    text = line.text
    m = _ATX_RE.match(text)
    if m:
        title, ts, te = _clean_title(text, m.start("title"), m.end("title"))
        if not title:
            return None
        number = None
        nm = _NUMBER_RE.match(title)
        if nm and nm.group("sep"):
            number = nm.group("number")
        t1 = t2 = None
        tm = _TIMED_RE.match(text, line.start + ts - line.start)
        if tm and tm.group("title"):
            t1, t2 = parse_time(tm.group("t1")), parse_time(tm.group("t2"))
            title, ts, te = _clean_title(text, tm.start("title"), te)
        return Heading(
            i,
            i,
            len(m.group("hashes")),
            title,
            line.start + ts,
            line.start + te,
            line.start,
            line.end,
            number=number,
            start_time=t1,
            end_time=t2,
            style="atx",
        )
    content = line.content
    if _UNDERLINE_RE.match(text) or _URL_RE.match(content):
        return None
    cs = line.content_start
    if not content or len(content) > MAX_HEADING_CHARS:
        return None
    tm = _TIMED_RE.match(text, cs)
    before, after = _paragraph_bounds(lines, i)
    alone = before and after
    # "- de 14h à 15h : accueil" among other bullets is an item of the agenda, not a heading
    if tm and tm.group("title") is not None and (alone or line.bullet is None):
        title, ts, te = _clean_title(text, tm.start("title"), len(text.rstrip()))
        if title:
            return Heading(
                i,
                i,
                _RANK_TIMED,
                title,
                line.start + ts,
                line.start + te,
                line.start,
                line.end,
                start_time=parse_time(tm.group("t1")),
                end_time=parse_time(tm.group("t2")),
                style="timed",
            )
    if not before:
        return None
    if len(content.split()) > MAX_HEADING_WORDS:
        return None
    bare = content.strip("*_ ")
    bold = content.startswith(("**", "__")) and content.rstrip().endswith(("**", "__")) and len(bare) > 1
    nm = _NUMBER_RE.match(bare)
    if line.bullet:
        # A bullet item alone in its paragraph with text paragraphs after it: a topic of a pad agenda.
        nxt = lines[i + 1] if i + 1 < len(lines) else None
        prose_next = nxt is not None and not nxt.blank and nxt.bullet is None and nxt.indent <= line.indent
        if not (after or prose_next) or _looks_like_sentence(bare) or not _followed_by_text(lines, i):
            return None
        if not bare[:1].isupper() or ":" in bare:
            return None
        title, ts, te = _clean_title(text, cs, len(text.rstrip()))
        if not title or not is_heading_text(title):
            return None
        return Heading(
            i, i, _RANK_BULLET, title, line.start + ts, line.start + te, line.start, line.end, style="bullet"
        )
    if not after:
        return None
    if not _followed_by_text(lines, i):
        return None
    if nm and (nm.group("sep") or _number_kind(nm.group("number")) == "year"):
        if _looks_like_sentence(nm.group("title").rstrip(" *_")) and not nm.group("title").rstrip().endswith(
            ":"
        ):
            return None
        title, ts, te = _clean_title(text, cs, len(text.rstrip()))
        kind = _number_kind(nm.group("number"))
        if kind == "alpha" and nm.group("sep") not in (")",):
            return None
        return Heading(
            i,
            i,
            _RANK_NUMBER[kind],
            title,
            line.start + ts,
            line.start + te,
            line.start,
            line.end,
            number=nm.group("number"),
            style="numbered",
        )
    if _looks_like_sentence(bare) or not (
        bare[:1].isupper() or bare[:1] in "«\"'" or _OPEN_PAREN_WORD_RE.match(bare)
    ):
        return None
    if not _colon_heading_ok(bare) or _ASIDE_RE.match(bare) or _CLOSING_RE.match(bare) or _is_notice(bare):
        return None
    title, ts, te = _clean_title(text, cs, len(text.rstrip()))
    if not title or not is_heading_text(title):
        return None
    return Heading(
        i,
        i,
        _RANK_BOLD if bold else _RANK_STANDALONE,
        title,
        line.start + ts,
        line.start + te,
        line.start,
        line.end,
        style="bold" if bold else "standalone",
    )


# "(voir le bilan joint)": an aside, not a title; "À Lyon, le 3 mai", "Fait à Paris": the closing formula.
_ASIDE_RE = re.compile(r"^\([^()]*\)$")
_CLOSING_RE = re.compile(r"^(?:Fait\s+(?:à|a|le)\b|(?:À|A|à)\s+[A-ZÀ-Ý][\w'’ -]{0,40},\s+le\b)")
_AMOUNT_RE = re.compile(r"^[+\-−]?[ ]*[\d][\d  .,]*[ ]*(?:€|euros?|k€|M€|%|EUR)?[ ]*$", re.IGNORECASE)
_FIGURE_START_RE = re.compile(r"^[+\-−]?[ ]*\d")
_CLOCK_RE = re.compile(rf"^(?:{TIME}|{TIME_RANGE})$")
_INNER_SENTENCE_RE = re.compile(r"[.!?;][ ]+\S")


def _colon_heading_ok(bare: str) -> bool:
    """A "Left : right" line heads a section only when the right side is a title, not a value or a
    sentence: "Thème 1 : Les politiques locales" is a heading, "Résultat : + 4550€" and
    "Vote CA : Pas d'objection. Vote à l'unanimité" are not."""
    if ":" not in bare:
        return True
    left, _, right = bare.partition(":")
    right = right.strip(" *_")
    if not right or _AMOUNT_RE.match(right) or _CLOCK_RE.match(right) or _INNER_SENTENCE_RE.search(right):
        return False
    if (
        _FIGURE_START_RE.match(right) or " : " in right
    ):  # "Votants : 16 — Présents : 14", "Solde : + 2 180 € (…)"
        return False
    return bool(left.strip(" *_"))


class SectionLexicon(DataModel):
    not_heading_first_words: list[str]


@cache
def _notice_words() -> frozenset[str]:
    return frozenset(fold(w) for w in load_data("sections.toml", SectionLexicon).not_heading_first_words)


def _is_notice(bare: str) -> bool:
    """ "ADOPTÉ À L'UNANIMITÉ", "Samedi 6 avril 2019, de 14 h 30 à 17 h 15, salle polyvalente": a result
    or a dateline, not a title."""
    words = bare.split()
    if words and fold(words[0]).strip(".,:;!") in _notice_words():
        return True
    if "," in bare:
        dates = find_dates(bare)
        if dates and dates[0].start - 0 <= 12:
            return True
    return False


def _followed_by_text(lines: Sequence[Line], i: int) -> bool:
    j = i + 1
    while j < len(lines) and lines[j].blank:
        j += 1
    return j < len(lines)


def is_caps(s: str) -> bool:
    return bool(_CAPS_RE.match(s)) and sum(c.isalpha() for c in s) >= 3


def assign_levels(headings: Sequence[Heading]) -> list[Heading]:
    """Level = depth in the tree that style ranks build: a heading sits under the nearest earlier
    heading of a stronger style ("## Bilan" over "- Vote"), whatever other styles the document uses."""
    out: list[Heading] = []
    stack: list[int] = []
    for h in headings:
        while stack and stack[-1] >= h.rank:
            stack.pop()
        out.append(replace(h, level=len(stack) + 1))
        stack.append(h.rank)
    return out


def build_sections(headings: Sequence[Heading], text_length: int) -> list[SectionNode]:
    """Section tree: parent = nearest earlier heading of a higher level; span to the next peer."""
    nodes: list[SectionNode] = []
    stack: list[int] = []
    for k, h in enumerate(headings):
        while stack and headings[stack[-1]].level >= h.level:
            stack.pop()
        parent = stack[-1] if stack else None
        end = text_length
        for later in headings[k + 1 :]:
            if later.level <= h.level:
                end = later.start
                break
        nodes.append(SectionNode(h, k, parent, h.level, end))
        stack.append(k)
    return nodes
