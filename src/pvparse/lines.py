"""Lines of the source text with their offsets, and the markup around their content.

Every later stage works on `Line`s: `start`/`end` are offsets into the source text (end excludes the
line break), so anything found inside `line.text` maps back by adding `line.start`.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

_BREAK_RE = re.compile(r"\r\n|\r|\n|\u2028|\u2029|\x0b|\x0c|\x85")
# Spaces that office exports put where a plain space belongs; replaced 1:1 so offsets hold (one regex
# pass over the text: `str.translate` with a table looks every character up, ten times slower).
_ODD_SPACE_RE = re.compile("[\u00a0\u202f\u2007\u2009\u200a\u2002\u2003\u2004\u2005\u2006\t]")

# Markup in front of a line's content: blockquote, bullet, checkbox, Markdown emphasis.
_BULLET_CHARS = "-*+•–—▪◦·"
_LEAD_RE = re.compile(
    rf"""^(?P<indent>[ ]*)
        (?P<quote>(?:>[ ]?)+)?
        (?P<bullet>(?:[{re.escape(_BULLET_CHARS)}][ ]+)(?:\[[ xX]\][ ]+)?)?
    """,
    re.VERBOSE,
)
# Every part of `_LEAD_RE` opens with one of these: a line starting with none has no lead markup.
_LEAD_FIRST = frozenset(" >" + _BULLET_CHARS)


@dataclass(frozen=True)
class Line:
    """One line of the source; `text` has odd spaces (NBSP, tabs) turned into plain spaces, 1:1.

    What every stage reads over and over is computed once, when the line is made: `blank`, and the
    markup in front of the content (`_LEAD_RE`, which matches every line, possibly empty):
    `content_start` (offset inside `text` where content begins after indentation, quote and bullet
    markers), `bullet` (the bullet and checkbox, stripped, or None) and `quoted` (a blockquote).
    """

    index: int
    start: int
    end: int
    text: str
    blank: bool = field(init=False, repr=False, compare=False)
    content_start: int = field(init=False, repr=False, compare=False)
    bullet: str | None = field(init=False, repr=False, compare=False)
    quoted: bool = field(init=False, repr=False, compare=False)

    def __init__(self, index: int, start: int, end: int, text: str) -> None:
        content_start, bullet, quoted = 0, None, False
        if text[:1] in _LEAD_FIRST:
            lead = _LEAD_RE.match(text)
            assert lead is not None  # every part of the pattern is optional
            content_start, bullet, quoted = lead.end(), lead["bullet"], lead["quote"] is not None
        # one dict update instead of eight frozen-dataclass `object.__setattr__` calls: lines are made
        # by the hundred per document
        self.__dict__.update(
            index=index,
            start=start,
            end=end,
            text=text,
            blank=not text.strip(),
            content_start=content_start,
            bullet=bullet.strip() if bullet else None,
            quoted=quoted,
        )

    @property
    def content(self) -> str:
        return self.text[self.content_start :].rstrip()

    @property
    def indent(self) -> int:
        return len(self.text) - len(self.text.lstrip(" "))


# `str.splitlines` cuts at the breaks of `_BREAK_RE` and also at these information separators, which
# are not line breaks here: a text holding none of them is cut at the same places by both.
_SEPARATORS_NOT_BREAKS = ("\x1c", "\x1d", "\x1e")


def split_lines(text: str) -> tuple[Line, ...]:
    """Cut the text into lines at every kind of line break (LF, CRLF, CR, ...), keeping offsets."""
    plain = _ODD_SPACE_RE.sub(" ", text)
    out: list[Line] = []
    pos = 0
    if any(sep in text for sep in _SEPARATORS_NOT_BREAKS):
        for m in _BREAK_RE.finditer(text):
            out.append(Line(len(out), pos, m.start(), plain[pos : m.start()]))
            pos = m.end()
        if pos < len(text):
            out.append(Line(len(out), pos, len(text), plain[pos:]))
        return tuple(out)
    # the odd spaces are not breaks, so `plain` breaks where `text` does
    for chunk in plain.splitlines(keepends=True):
        # a chunk is one line and its break ("\r\n" or one character; none after the last line), and
        # no break character can be part of a line
        body = chunk.rstrip("\r\n\u2028\u2029\x0b\x0c\x85")
        out.append(Line(len(out), pos, pos + len(body), body))
        pos += len(chunk)
    return tuple(out)


@lru_cache(maxsize=1 << 16)
def fold(s: str) -> str:
    """Matching key: no accents, lower case, apostrophes and dashes unified, spaces collapsed."""
    if s.isascii():  # nothing to decompose, strip or unify
        return " ".join(s.lower().split())
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c))
    s = s.replace("’", "'").replace("‘", "'").replace("–", "-").replace("—", "-")
    return " ".join(s.lower().split())


def strip_emphasis(s: str, start: int, end: int) -> tuple[int, int]:
    """Narrow [start, end) of `s` past surrounding spaces and Markdown emphasis (`**`, `__`, `*`, `_`)."""
    while True:
        old = (start, end)
        while start < end and s[start] in " *_`":
            start += 1
        while end > start and s[end - 1] in " *_`":
            end -= 1
        if (start, end) == old:
            return start, end
