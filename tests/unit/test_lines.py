"""split_lines and fold: offsets into the source, odd spaces made plain 1:1, every kind of line break."""

from __future__ import annotations

import pytest

from pvparse.lines import fold, split_lines


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
