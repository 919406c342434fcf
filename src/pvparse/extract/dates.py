"""Dates as minutes print them, found by our own patterns and read by dateparser one candidate at a time.

Forms: "7 juillet 2022", "jeudi 7 juillet 2022", "1er mars", "07/07/2022", "11/11/23", "2023-03-18",
"Décembre 2020" (kept partial: "2020-12"), and dates in words ("L'an deux mil onze, le trois mars",
"samedi dix-huit mars deux mille vingt-trois"). Only the candidate string goes to dateparser
(French, day-month-year order, a fixed relative base), never the whole text: a year range "2021-2022",
a phone number "01 23 45 67 89" or a deliberation number "2011/042" is never a candidate.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import cache, lru_cache

from .numwords import month_number, month_pattern, number_word_pattern, parse_number_words, weekday_pattern

# Relative dates are never meeting dates; a fixed base keeps the output independent of the clock.
RELATIVE_BASE = dt.datetime(2000, 1, 1)
YEAR = r"(?:1[89]\d{2}|20\d{2})"
DAY = r"(?:0?[1-9]|[12]\d|3[01])"
NUM_MONTH = r"(?:0?[1-9]|1[0-2])"
# "1er", "1re", Pandoc superscript "1^er^"
ORDINAL_FIRST = r"(?:1\^?(?:er|re)\^?)"


@dataclass(frozen=True)
class DateMatch:
    """A date printed in the text; `year`/`month`/`day` are None for the parts not printed."""

    start: int
    end: int
    text: str
    form: str  # named | numeric | iso | words
    year: int | None
    month: int | None
    day: int | None
    parsed: bool  # False: date-shaped but not a real date ("31 février 2021") → an unparsed_date finding

    @property
    def iso(self) -> str | None:
        """ "2022-07-07", "2020-12" for a month, None without a year or when unparsed."""
        if not self.parsed or self.year is None:
            return None
        if self.month is None:
            return f"{self.year:04d}"
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"


@cache
def _patterns() -> dict[str, re.Pattern[str]]:
    month, weekday, words = month_pattern(), weekday_pattern(), number_word_pattern()
    named = (
        rf"(?<![\w])(?:(?P<weekday>{weekday})[\s,]+)?"
        rf"(?:(?P<day>{ORDINAL_FIRST}|{DAY})(?![\d])\s+)?"
        rf"(?P<month>{month})(?:\s+(?P<year>{YEAR}))?(?![\w])"
    )
    numeric = (
        rf"(?<![\w/.\-])(?P<day>{DAY})(?P<sep>[/.\-])(?P<month>{NUM_MONTH})(?P=sep)(?P<year>\d{{4}}|\d{{2}})"
        rf"(?![\w]|[/.\-]\d)"
    )
    iso = rf"(?<![\w/.\-])(?P<year>{YEAR})-(?P<month>0[1-9]|1[0-2])-(?P<day>0[1-9]|[12]\d|3[01])(?![\d])"
    year_first = (
        rf"(?<![\w])[Ll]['’]an\s+(?P<yearw>{words})\s*,?\s*(?:le\s+)?(?:(?P<weekday>{weekday})\s+)?"
        rf"(?P<dayw>premier|{ORDINAL_FIRST}|{DAY}(?![\d])|{words})\s+(?P<month>{month})(?![\w])"
    )
    in_words = (
        rf"(?<![\w])(?:(?P<weekday>{weekday})\s+)?(?P<dayw>premier|{words})\s+(?P<month>{month})"
        rf"(?:\s+(?P<yearw>{words}))?(?![\w])"
    )
    flags = re.IGNORECASE
    return {
        "words_year_first": re.compile(year_first, flags),
        "words": re.compile(in_words, flags),
        "iso": re.compile(iso),
        "numeric": re.compile(numeric),
        "named": re.compile(named, flags),
    }


@lru_cache(maxsize=1024)
def _dateparser_read(candidate: str, parts: tuple[str, ...]) -> dt.datetime | None:
    """dateparser on one candidate string (never a whole text)."""
    return _parser(parts).get_date_data(candidate).date_obj


@cache
def _parser(parts: tuple[str, ...]):  # type: ignore[no-untyped-def]
    from dateparser.date import DateDataParser

    settings = {
        "DATE_ORDER": "DMY",
        "RELATIVE_BASE": RELATIVE_BASE,
        "PREFER_DAY_OF_MONTH": "first",
        "REQUIRE_PARTS": list(parts),
    }
    return DateDataParser(languages=["fr"], settings=settings)


def _day_number(s: str | None) -> int | None:
    if s is None:
        return None
    if re.fullmatch(ORDINAL_FIRST, s, re.IGNORECASE) or s.lower() == "premier":
        return 1
    if s.isdigit():
        return int(s)
    return parse_number_words(s)


def _build(m: re.Match[str], form: str, base: int) -> DateMatch | None:
    g = m.groupdict()
    if form in ("words", "words_year_first"):
        day = _day_number(g.get("dayw"))
        year = parse_number_words(g["yearw"]) if g.get("yearw") else None
        if day is None or not 1 <= day <= 31:
            return None
        if g.get("yearw") and (year is None or year < 1000):
            return None
        if form == "words" and not (g.get("dayw") or "").strip()[:1].isalpha():
            return None
        candidate = f"{day} {g['month']}" + (f" {year}" if year else "")
        form = "words"
    elif form == "named":
        day = _day_number(g.get("day"))
        year = int(g["year"]) if g.get("year") else None
        if day is None and year is None:
            return None  # a bare month name ("en mars") is not a date
        candidate = " ".join(x for x in (str(day) if day else None, g["month"], g.get("year")) if x)
    else:
        if g.get("sep") == "." and len(g["year"]) == 2 and (len(g["day"]) < 2 or len(g["month"]) < 2):
            return None  # "1.2.10" is a section number
        day, year = int(g["day"]), int(g["year"])
        candidate = m.group(0)
    parts = ["month"]
    if day is not None:
        parts.insert(0, "day")
    has_year = form in ("numeric", "iso") or year is not None
    if has_year:
        parts.append("year")
    value = _dateparser_read(candidate, tuple(parts))
    start, end = m.start(), m.end()
    text = m.string[start:end]
    if value is None:
        month = month_number(g["month"]) if not g["month"].isdigit() else int(g["month"])
        return DateMatch(base + start, base + end, text, form, year, month, day, False)
    return DateMatch(
        base + start,
        base + end,
        text,
        form,
        value.year if has_year else None,
        value.month,
        value.day if day is not None else None,
        True,
    )


def find_dates(text: str, offset: int = 0) -> list[DateMatch]:
    """Every date printed in `text`, left to right, without overlaps; offsets shifted by `offset`.

    "s'est tenue jeudi 7 juillet 2022 à 14h" → one DateMatch "jeudi 7 juillet 2022" (2022-07-07).
    """
    return list(_find_dates(text, offset))


@lru_cache(maxsize=4096)
def date_matches(text: str) -> tuple[DateMatch, ...]:
    """`find_dates(text)` as a tuple, straight from a cache: for callers that look at the same
    segments several times."""
    return _find_dates(text, 0)


@lru_cache(maxsize=4096)
def _find_dates(text: str, offset: int) -> tuple[DateMatch, ...]:
    found: list[DateMatch] = []
    for form, pattern in _patterns().items():
        for m in pattern.finditer(text):
            d = _build(m, form, offset)
            if d is not None:
                found.append(d)
    found.sort(key=lambda d: (d.start, -(d.end - d.start)))
    out: list[DateMatch] = []
    for d in found:
        if out and d.start < out[-1].end:
            continue
        out.append(d)
    return tuple(out)


def parse_date(text: str) -> str | None:
    """The ISO value of the first date in `text`: "Décembre 2020" → "2020-12", "11/11/23" → "2023-11-11"."""
    for d in find_dates(text):
        if d.iso:
            return d.iso
    return None
