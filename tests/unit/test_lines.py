"""split_lines and fold: offsets into the source, odd spaces made plain 1:1, every kind of line break."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pvparse.lines import Line, fold, split_lines


@pytest.mark.parametrize(
    ("text", "lines"),
    [
        ("a\nb", [(0, 1, "a"), (2, 3, "b")]),
        ("a\r\nb\rc", [(0, 1, "a"), (3, 4, "b"), (5, 6, "c")]),
        (
            "a\u2028b\u2029c\x0bd\x0ce\x85f",
            [(0, 1, "a"), (2, 3, "b"), (4, 5, "c"), (6, 7, "d"), (8, 9, "e"), (10, 11, "f")],
        ),
        ("a\n", [(0, 1, "a")]),  # no empty line after the last break
        ("\n\n", [(0, 0, ""), (1, 1, "")]),
        ("", []),
        # NBSP, narrow NBSP, figure/thin/hair/en/em spaces and tabs become plain spaces, one for one
        ("M.\u00a0X\u202f:\tY\u2009Z", [(0, 10, "M. X : Y Z")]),
        # not breaks: the information separators str.splitlines cuts at, and the ideographic space stays
        ("a\x1cb\u3000c", [(0, 5, "a\x1cb\u3000c")]),
    ],
)
def test_split_lines(text: str, lines: list[tuple[int, int, str]]) -> None:
    got = split_lines(text)
    assert [(ln.start, ln.end, ln.text) for ln in got] == lines
    assert [ln.index for ln in got] == list(range(len(lines)))
    assert all(len(ln.text) == ln.end - ln.start for ln in got)


@pytest.mark.parametrize(
    ("text", "blank"), [("", True), ("  \t\u00a0", True), (" x ", False), ("\x1c", True)]
)
def test_blank(text: str, blank: bool) -> None:
    assert split_lines(text + "\n")[0].blank is blank


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("Élodie  DUPRÉ", "elodie dupre"),
        ("l’Agence – Nord", "l'agence - nord"),
        ("  Jean   Paul ", "jean paul"),  # plain ASCII: case and spaces only
        ("AT&T", "at&t"),
    ],
)
def test_fold(text: str, key: str) -> None:
    assert fold(text) == key


# What a line break is, written out independently of `split_lines` (which takes a quicker road).
_BREAKS = ("\r\n", "\r", "\n", "\u2028", "\u2029", "\x0b", "\x0c", "\x85")
_ODD_SPACES = "\u00a0\u202f\u2007\u2009\u200a\u2002\u2003\u2004\u2005\u2006\t"


def _reference_lines(text: str) -> list[tuple[int, int, str]]:
    out, pos = [], 0
    for m in re.finditer("|".join(map(re.escape, _BREAKS)), text):
        out.append((pos, m.start(), text[pos : m.start()]))
        pos = m.end()
    if pos < len(text):
        out.append((pos, len(text), text[pos:]))
    return [(s, e, "".join(" " if c in _ODD_SPACES else c for c in t)) for s, e, t in out]


@settings(max_examples=500, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            ["a", "é", " ", "\u00a0", "\t", "- ", ">", *_BREAKS, "\x1c", "\x1d", "\x1e", "\u3000"]
        ),
        max_size=30,
    )
)
def test_split_lines_cuts_at_breaks_only(pieces: list[str]) -> None:
    # texts with and without the separators `str.splitlines` would also cut at (two roads in split_lines)
    text = "".join(pieces)
    got = split_lines(text)
    assert [(ln.start, ln.end, ln.text) for ln in got] == _reference_lines(text)
    assert [ln.index for ln in got] == list(range(len(got)))


@pytest.mark.parametrize(
    ("text", "content_start", "bullet", "quoted"),
    [
        ("  > - [x] Point voté", 10, "- [x]", True),
        ("• Budget", 2, "•", False),
        ("> citation", 2, None, True),
        ("Budget", 0, None, False),
        ("-Budget", 0, None, False),  # no space after the dash: not a bullet
        ("   ", 3, None, False),
        ("", 0, None, False),
    ],
)
def test_line_lead(text: str, content_start: int, bullet: str | None, quoted: bool) -> None:
    line = Line(0, 0, len(text), text)
    assert (line.content_start, line.bullet, line.quoted) == (content_start, bullet, quoted)
    assert line == Line(0, 0, len(text), text)
    assert line.content == text[content_start:].rstrip()


# The lead markup as the pattern reads it, for every line (`Line` skips it when the first character
# cannot open any markup).
_REFERENCE_LEAD_RE = re.compile(
    r"^(?P<indent>[ ]*)(?P<quote>(?:>[ ]?)+)?(?P<bullet>(?:[-*+•–—▪◦·][ ]+)(?:\[[ xX]\][ ]+)?)?"
)


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=" >-*+•–—▪◦·[]xXa\t^", max_size=10))
def test_line_lead_matches_the_pattern(text: str) -> None:
    m = _REFERENCE_LEAD_RE.match(text)
    assert m is not None
    line = Line(0, 0, len(text), text)
    bullet = m["bullet"].strip() if m["bullet"] else None
    assert (line.content_start, line.bullet, line.quoted) == (m.end(), bullet, m["quote"] is not None)
