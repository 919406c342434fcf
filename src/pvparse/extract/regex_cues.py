"""Literal cues of a regular expression, and which texts of a document hold them.

A pattern's cues are lower-case strings read from the pattern itself (its runs of literal characters),
one of which every match contains: "\\bsous\\s+la\\s+présidence\\s+de\\s+{name}" → {"présidence"},
"(?:s['’]est\\s+tenue?|réunie?s?)\\b..." → {"tenu", "réuni"}. A text holding none of them cannot match,
so the pattern is not run on it. `CueIndex` looks for each cue once in a whole document (lower-cased)
instead of running every pattern over every segment.

Why lower-casing is enough: for the characters of `SAFE_RE` (Latin, combining accents, punctuation,
currency, arrows, dingbats, emoji), two characters equal under `re.IGNORECASE` have the same
`str.lower()`, of length 1 (a unit test checks it exhaustively). A text with any other character is
always a candidate; a cue run is cut at such characters.

The literals are read with CPython's own pattern parser (`re._parser`, private): anything it does
not give as expected (no such module, a parse error, an unknown shape of node) leaves the pattern
without cues, so it is run on every text — slower, never wrong.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Sequence
from functools import cache
from typing import Any

try:
    from re import _parser  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - CPython < 3.11 or another implementation
    _parser = None

# Latin (but "İ" U+0130, "ı" U+0131, "ſ" U+017F: they match "i"/"s" under re.IGNORECASE and do not
# lower-case to them), combining accents, punctuation, currency, arrows and dingbats, emoji.
_SAFE = (
    "\x00-\u012f\u0132-\u017e\u0180-\u024f\u0300-\u036f"
    "\u2000-\u206f\u20a0-\u20cf\u2190-\u27bf\U0001f300-\U0001faff"
)
SAFE_RE = re.compile(f"[{_SAFE}]")
_UNSAFE_RE = re.compile(f"[^{_SAFE}]")
_SEPARATOR = "\n"  # between the texts of a CueIndex; never part of a cue
# str.lower() of each Latin-1 character, as a bytes.translate table: every one lower-cases to one
# Latin-1 character (a unit test checks it), ten times cheaper than str.lower() on French text.
_LATIN1_LOWER = bytes(ord(chr(c).lower()) for c in range(256))

_REPEATS = tuple(
    op
    for op in (getattr(_parser, n, None) for n in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"))
    if op is not None
)


def _pieces(run: str) -> list[str]:
    """The parts of a literal run usable as cues: cut at unsafe characters and line breaks."""
    return [p.lower() for p in _UNSAFE_RE.sub(_SEPARATOR, run).split(_SEPARATOR) if p]


Cues = frozenset[str]  # a requirement: one of these strings is in the text


def _strength(cues: Cues) -> tuple[int, int]:
    return min(len(c) for c in cues), -len(cues)


def _minimal(cues: Iterable[str]) -> Cues:
    """Cues containing another cue add nothing: {"président", "co-présidente"} → {"président"}."""
    ordered = sorted(set(cues), key=len)
    kept: list[str] = []
    for c in ordered:
        if not any(k in c for k in kept):
            kept.append(c)
    return frozenset(kept)


def _requirements(items: Iterable[tuple[Any, Any]]) -> list[Cues]:
    """Every element of a sequence is required, so is every requirement of each."""
    found: list[Cues] = []
    run: list[str] = []
    for op, av in [*items, (None, None)]:
        if op is _parser.LITERAL:
            run.append(chr(av))
            continue
        found.extend(frozenset({p}) for p in _pieces("".join(run)))
        run = []
        if op is _parser.SUBPATTERN:
            found.extend(_requirements(av[-1]))
        elif op is _parser.ATOMIC_GROUP:
            found.extend(_requirements(av))
        elif op in _REPEATS and av[0] >= 1:
            found.extend(_requirements(av[2]))
        elif op is _parser.BRANCH:
            best = [max(_requirements(a), key=_strength, default=None) for a in av[1]]
            if all(best):
                found.append(_minimal(c for b in best if b for c in b))
        # classes, assertions, anchors, back-references, optional parts: nothing required
    return found


def pattern_cues(pattern: re.Pattern[str]) -> tuple[Cues, ...]:
    """What every text `pattern` matches holds, strongest requirement first; () when nothing.

    "\\bquorum\\s+non\\s+atteint" → ({"atteint"}, {"quorum"}, {"non"})."""
    # keyed by the source, not the compiled pattern: a pattern's hash runs over all its code each time
    return _cues(pattern.pattern, pattern.flags)


@cache
def _cues(source: str, flags: int) -> tuple[Cues, ...]:
    """() (no cue: the pattern always runs) when the parser is missing, fails or gives a shape this
    module does not know."""
    try:
        found = _requirements(_parser.parse(source, flags))
    except Exception:  # a private module: any failure means "no cue", never a skipped text
        return ()
    if not all(_well_formed(c) for c in found):
        return ()
    return tuple(sorted(set(found), key=lambda c: (_strength(c), sorted(c)), reverse=True))


def _well_formed(cues: object) -> bool:
    return (
        isinstance(cues, frozenset)
        and bool(cues)
        and all(isinstance(c, str) and c and _SEPARATOR not in c for c in cues)
    )


def _holds_all(low: str, reqs: Iterable[Cues]) -> bool:
    """Whether `low` holds one cue of each requirement: all(any(c in low for c in r) for r in reqs),
    without the generators."""
    for r in reqs:
        for c in r:
            if c in low:
                break
        else:
            return False
    return True


MIN_KEY = 4  # shorter common parts are in too many texts to spare a search


@cache
def _shared_keys(cues: frozenset[str]) -> tuple[str, ...]:
    """Parts shared by several cues, looked for first so that each of those cues is then looked for
    in the texts holding the part only: {"présidé", "présidence", "présent"} → ("prés",). Any string
    will do (a text holding a cue holds each part of it); a good one spares searches of the document.
    """
    left = set(cues)
    keys: list[str] = []
    while len(left) > 1:
        shared: dict[str, int] = {}
        for c in sorted(left):
            for k in {c[i:j] for i in range(len(c)) for j in range(i + MIN_KEY, len(c) + 1)}:
                shared[k] = shared.get(k, 0) + 1
        best = max(((n, len(k), k) for k, n in shared.items() if n > 1), default=None)
        if best is None:
            break
        keys.append(best[2])
        left = {c for c in left if best[2] not in c}
    return tuple(keys)


class CueIndex:
    """Which texts of a document may match a pattern: those holding one of its cues (or an unsafe
    character). Each cue is looked for once in the whole document, or in the texts holding a part of
    it already looked for."""

    def __init__(self, texts: Sequence[str]) -> None:
        self._starts: list[int] = []
        pos = 0
        for t in texts:
            self._starts.append(pos)
            pos += len(t) + 1
        unsafe: set[int] = set()
        # each text lower-cased; an unsafe one blanked out (it is a candidate anyway)
        self._lows: list[str] = []
        for i, t in enumerate(texts):
            latin1 = t.encode("latin-1", "ignore")
            if len(latin1) == len(t):  # Latin-1 only: all safe, lower-cased by a table
                self._lows.append(latin1.translate(_LATIN1_LOWER).decode("latin-1"))
            elif _UNSAFE_RE.search(t):
                unsafe.add(i)
                self._lows.append(_SEPARATOR * len(t))
            else:
                self._lows.append(t.lower())  # 1:1: only safe characters
        self._unsafe = frozenset(unsafe)
        self._low = _SEPARATOR.join(self._lows)
        self._all = frozenset(range(len(texts)))
        self._by_reqs: dict[tuple[Cues, ...], frozenset[int]] = {}
        self._by_cue: dict[str, frozenset[int]] = {}  # safe texts holding a cue

    def where(self, pattern: re.Pattern[str]) -> frozenset[int]:
        """Indices of the texts `pattern` may match: the whole document is searched for the cues of
        its strongest requirement (once per cue), the texts found are checked for the others."""
        reqs = pattern_cues(pattern)
        if not reqs:
            return self._all
        got = self._by_reqs.get(reqs)
        if got is None:
            first = [self._holding(c) for c in reqs[0]]
            found = first[0].union(*first[1:])
            if len(reqs) > 1:
                lows, rest = self._lows, reqs[1:]
                found = frozenset(i for i in found if _holds_all(lows[i], rest))
            got = self._by_reqs[reqs] = self._unsafe | found
        return got

    def by_text(
        self, patterns: Sequence[re.Pattern[str]], within: Iterable[int] | None = None
    ) -> dict[int, list[re.Pattern[str]]]:
        """For each text (of `within`, default all) one of `patterns` may match, in order: those
        patterns, in order."""
        found: dict[int, list[re.Pattern[str]]] = {}
        if within is None:
            cues = {c for p in patterns for r in pattern_cues(p)[:1] for c in r} - self._by_cue.keys()
            for key in _shared_keys(frozenset(cues)):
                self._holding(key)
            # shorter cues first: a longer one holding it is then looked for in its texts only
            for cue in sorted(cues, key=len):
                self._holding(cue)
            for p in patterns:
                for i in self.where(p):
                    found.setdefault(i, []).append(p)
            return dict(sorted(found.items()))
        found = {i: [] for i in within}  # in the order of `within`
        lows, unsafe = self._lows, self._unsafe
        for p in patterns:  # the checks of `may_match`, the pattern's cues read once
            reqs = pattern_cues(p)
            if not reqs:
                for here in found.values():
                    here.append(p)
                continue
            known = self._by_reqs.get(reqs)
            for i, here in found.items():
                if i in known if known is not None else i in unsafe or _holds_all(lows[i], reqs):
                    here.append(p)
        return {i: here for i, here in found.items() if here}

    def may_match(self, i: int, pattern: re.Pattern[str]) -> bool:
        """Whether `pattern` may match text `i`; that text alone is looked at unless `where` already
        did the whole document (a loop over a few texts need not search it all)."""
        reqs = pattern_cues(pattern)
        if not reqs:
            return True
        known = self._by_reqs.get(reqs)
        if known is not None:
            return i in known
        return i in self._unsafe or _holds_all(self._lows[i], reqs)

    def _holding(self, cue: str) -> frozenset[int]:
        """The safe texts holding `cue`: among those holding a part of it already looked for
        ("présid" before "présidence"), else by searching the whole document."""
        got = self._by_cue.get(cue)
        if got is not None:
            return got
        parts = [hits for part, hits in self._by_cue.items() if part in cue]
        if parts:
            lows = self._lows
            got = frozenset(i for i in min(parts, key=len) if cue in lows[i])
        else:
            found = set()
            low, starts = self._low, self._starts
            pos = low.find(cue)
            while pos >= 0:
                k = bisect.bisect_right(starts, pos) - 1
                found.add(k)
                pos = low.find(cue, starts[k + 1] if k + 1 < len(starts) else len(low))
            got = frozenset(found)
        self._by_cue[cue] = got
        return got
