"""French words of dates and times (models/dates.toml): month names, weekdays, numbers in words.

>>> parse_number_words("deux mil onze")
2011
>>> parse_number_words("quarante-cinq")
45
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache

from ..errors import ResourceError
from ..lines import fold
from ..resources import DataModel, load_data


class DateWords(DataModel):
    weekdays: list[str]
    months: dict[str, int]
    month_abbreviations: dict[str, int]
    numbers: dict[str, int]
    clock: dict[str, int]
    minute_words: dict[str, int]


@cache
def load_date_words() -> DateWords:
    words = load_data("dates.toml", DateWords)
    for name, value in [*words.months.items(), *words.month_abbreviations.items()]:
        if not 1 <= value <= 12:
            raise ResourceError(f"dates.toml: entry months.{name}: {value} is not a month number")
    return words


def words_pattern(words: Sequence[str]) -> str:
    """A regex alternation of words, longest first, accents optional where the data has them
    ("décembre" also matches "DECEMBRE" under IGNORECASE; spaces match spaces or hyphens)."""
    return _words_pattern(tuple(words))


@cache
def _words_pattern(words: tuple[str, ...]) -> str:
    out = ["".join(_char_class(c) for c in w) for w in sorted(set(words), key=lambda x: (-len(x), x))]
    return "(?:" + "|".join(out) + ")"


_ACCENTED = {"e": "eéèêë", "a": "aàâä", "u": "uùûü", "i": "iîï", "o": "oôö", "c": "cç"}


def _char_class(c: str) -> str:
    base = fold(c) if c.strip() else c
    if c in " -":
        return r"[\s-]+"
    if c == ".":
        return r"\."
    if c in ("'", "’"):
        return "['’]"
    if base in _ACCENTED and c != base:
        return f"[{_ACCENTED[base]}]"
    return re.escape(c)


@cache
def month_pattern() -> str:
    """Month names and dotted abbreviations ("juillet", "Décembre", "sept.")."""
    w = load_date_words()
    return words_pattern([*w.months, *w.month_abbreviations])


@cache
def weekday_pattern() -> str:
    return words_pattern(load_date_words().weekdays)


@cache
def number_word_pattern() -> str:
    """One or more number words joined by spaces, hyphens or "et": "vingt et un", "deux mille vingt-trois"."""
    w = words_pattern([k for k in load_date_words().numbers if k != "premier"])
    # at most 10 words ("mille neuf cent quatre-vingt-dix-neuf" has 7): a run of thousands of number
    # words would otherwise be rescanned from each of its words (quadratic; issue 6)
    return rf"(?:{w}(?:(?:[\s-]+et)?[\s-]+{w}){{0,9}})(?![\w-])"


def month_number(name: str) -> int | None:
    w = load_date_words()
    key = fold(name).rstrip()
    for table in (w.months, w.month_abbreviations):
        for k, v in table.items():
            if fold(k) == key:
                return v
    return None


def parse_number_words(text: str) -> int | None:
    """ "dix-neuf" → 19, "quatre-vingt-dix" → 90, "deux mil onze" → 2011; None if a word is unknown."""
    table = {fold(k): v for k, v in load_date_words().numbers.items()}
    tokens = [t for t in re.split(r"[\s-]+", fold(text)) if t and t != "et"]
    if not tokens:
        return None
    total = current = 0
    for t in tokens:
        if t not in table:
            return None
        v = table[t]
        if v == 1000:
            total += (current or 1) * 1000
            current = 0
        elif v == 100:
            current = (current or 1) * 100
        elif v == 20 and current % 100 == 4:  # quatre-vingt(s)
            current += 76
        else:
            current += v
    return total + current
