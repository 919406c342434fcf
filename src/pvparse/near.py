"""Strings that may be within a fuzzy ratio of a query, found without comparing the query with each.

`fuzz.ratio(x, y) = 100 * (1 - d / (len(x) + len(y)))` where d is the number of insertions and deletions
turning y into x. A ratio of at least c% allows d <= (1 - c/100) * (len(x) + len(y)) and, as
len(x) <= len(y) + d, d <= 2 * (1 - c/100) / (c/100) * len(y): a bound `_edits(len(y))` known when y is
filed. Cut y into that many pieces plus one: each edit breaks at most one piece, so one piece at least
is printed whole in x, shifted by s places where |s| + |len(x) - len(y) - s| <= d. The index files y
under (its length, the piece's rank, the piece) and a query looks up only its substrings at those
places, for the lengths within d of its own (the PassJoin filter of Li, Deng, Wang and Feng, 2011).
The answer is a superset of the strings within the ratio; the caller then scores them as before.
While few strings are filed, scoring them all in one call into rapidfuzz is quicker than the probes.

>>> ix = NearIndex(90)
>>> ix.add(0, "anne dubreuil"); ix.add(1, "paul moreau")
>>> sorted(ix.near("anne dubreuill"))
[0]
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from functools import cache

from rapidfuzz import fuzz, process

_NONE: frozenset[int] = frozenset()
_FEW = 200  # up to this many strings, score them all rather than probe the pieces


@cache
def _edits(length: int, cutoff: float) -> int:
    """Most insertions and deletions a string of `length` can take and still score `cutoff`."""
    # one point of slack below the cutoff: the bound must hold whatever the float rounding of a ratio
    c = (cutoff - 1) / 100
    return math.floor(2 * (1 - c) / c * length)


@cache
def _layout(length: int, cutoff: float) -> tuple[tuple[int, int], ...]:
    """(start, size) of the pieces a string of `length` is cut into: one more than its `_edits`."""
    n = _edits(length, cutoff) + 1
    bounds = [k * length // n for k in range(n + 1)]
    return tuple((bounds[k], bounds[k + 1] - bounds[k]) for k in range(n))


@dataclass
class NearIndex:
    """Ids filed under the pieces of their strings (see the module doc); `cutoff` is a fuzz.ratio."""

    cutoff: float
    by_piece: dict[tuple[int, int, str], set[int]] = field(default_factory=dict)
    lengths: dict[int, int] = field(default_factory=dict)  # string length → how many strings filed
    strings: dict[int, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.cutoff <= 70:  # below ~67 the edits allowed outnumber the characters: no piece survives
            raise ValueError(f"NearIndex needs a cutoff above 70, not {self.cutoff}")

    def _keys(self, s: str) -> list[tuple[int, int, str]]:
        return [(len(s), k, s[a : a + n]) for k, (a, n) in enumerate(_layout(len(s), self.cutoff))]

    def add(self, i: int, s: str) -> None:
        """File string `s` as id `i` (an id is filed under one string at a time)."""
        self.strings[i] = s
        if len(self.strings) == _FEW + 1:  # from now on, probes: file every string by its pieces
            for j, t in self.strings.items():
                self._file(j, t)
        elif len(self.strings) > _FEW:
            self._file(i, s)

    def remove(self, i: int, s: str) -> None:
        """Undo `add(i, s)`."""
        if len(self.strings) > _FEW:
            for key in self._keys(s):
                self.by_piece[key].discard(i)
            self.lengths[len(s)] -= 1
            if not self.lengths[len(s)]:
                del self.lengths[len(s)]
        del self.strings[i]
        if len(self.strings) == _FEW:
            self.by_piece.clear()
            self.lengths.clear()

    def _file(self, i: int, s: str) -> None:
        for key in self._keys(s):
            self.by_piece.setdefault(key, set()).add(i)
        self.lengths[len(s)] = self.lengths.get(len(s), 0) + 1

    def near(self, query: str) -> set[int]:
        """Every id whose string may score `cutoff` or more against `query` (and maybe a few more)."""
        if len(self.strings) <= _FEW:
            # the same point of slack as the pieces
            scored = process.extract(
                query,
                self.strings,
                scorer=fuzz.ratio,
                processor=None,
                score_cutoff=self.cutoff - 1,
                limit=None,
            )
            return {i for _, _, i in scored}
        found: set[int] = set()
        for length in self.lengths:
            d = _edits(length, self.cutoff)
            delta = len(query) - length
            if abs(delta) > d:
                continue
            # shifts s with |s| + |delta - s| <= d
            low, high = -((d - delta) // 2), (d + delta) // 2
            for k, (a, n) in enumerate(_layout(length, self.cutoff)):
                for t in range(max(0, a + low), min(len(query) - n, a + high) + 1):
                    found |= self.by_piece.get((length, k, query[t : t + n]), _NONE)
        return found
