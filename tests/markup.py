"""Inline expectations: `<turn who="Brigitte Guigou">Brigitte</turn> : texte` → plain text + expected turns."""

from __future__ import annotations

import re
from dataclasses import dataclass

_TAG_RE = re.compile(r'<turn(?: who="(?P<who>[^"]*)")?>(?P<label>.*?)</turn>')


@dataclass(frozen=True)
class Expected:
    label: str
    start: int
    end: int
    who: tuple[str, ...]


def unmark(marked: str) -> tuple[str, list[Expected]]:
    out: list[str] = []
    expected: list[Expected] = []
    pos = 0
    length = 0
    for m in _TAG_RE.finditer(marked):
        chunk = marked[pos : m.start()]
        out.append(chunk)
        length += len(chunk)
        label = m.group("label")
        who = tuple(w.strip() for w in (m.group("who") or "").split("|") if w.strip())
        expected.append(Expected(label, length, length + len(label), who))
        out.append(label)
        length += len(label)
        pos = m.end()
    out.append(marked[pos:])
    return "".join(out), expected
