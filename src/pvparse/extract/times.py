"""Clock times and time ranges as minutes write them: "14h05", "14 h", "14:05", "de 14h à 15h",
"16 heures", and in words: "à dix-neuf heures quarante-cinq", "vingt-deux heures dix", "midi"."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from ..lines import fold
from .numwords import load_date_words, number_word_pattern, parse_number_words

HOUR = r"(?:[01]?\d|2[0-3])"
MINUTE = r"[0-5]\d"
# "14h05", "14 h 05", "14H", "14h" or "14:05"; never a bare number.
TIME = rf"(?:{HOUR}[ ]?[hH](?:[ ]?{MINUTE})?(?![\w])|{HOUR}:{MINUTE}(?![\d:]))"
_TIME_RE = re.compile(rf"(?P<h>{HOUR})[ ]?(?:[hH]|:)[ ]?(?P<m>{MINUTE})?")
TIME_RANGE = rf"(?:(?:de|De|DE)[ ]+)?(?P<t1>{TIME})[ ]*(?:-|–|—|à|a|/)[ ]*(?P<t2>{TIME})"
TIME_RANGE_RE = re.compile(TIME_RANGE)


@dataclass(frozen=True)
class TimeRange:
    start: str
    end: str | None


def parse_time(s: str) -> str | None:
    """'14h05' → '14:05', '9 h' → '09:00', '14:05' → '14:05'; None when `s` holds no clock time."""
    m = _TIME_RE.search(s)
    if not m:
        return None
    return f"{int(m.group('h')):02d}:{m.group('m') or '00'}"


# --- clock times in any form: digits ("14h", "14 h 30", "16 heures", "18:52") or words ---------------

# Digits with "heure(s)" spelt out: "16 heures", "19 heures 30".
_HOURS_SPELT = rf"(?:{HOUR}[ ]?heures?(?:[ ]?{MINUTE})?(?![\w]))"


@dataclass(frozen=True)
class TimeMatch:
    """A clock time printed in the text, with its value "HH:MM"."""

    start: int
    end: int
    text: str
    value: str


@cache
def clock_pattern() -> str:
    """Regex (no groups) of one clock time: "14h05", "14 h", "18:52", "16 heures", "dix-neuf heures
    quarante-cinq", "dix heures et quart", "midi"."""
    words = number_word_pattern()
    w = load_date_words()
    by_length = sorted(w.minute_words, key=len, reverse=True)
    fractions = "|".join(re.escape(k).replace(r"\ ", r"\s+") for k in by_length)
    clock = "|".join(re.escape(k) for k in sorted(w.clock))
    in_words = rf"(?:{words})\s+heures?(?:\s+(?:{fractions}|{words}))?(?![\w-])"
    return rf"(?:{_HOURS_SPELT}|{TIME}|{in_words}|(?<![\w])(?:{clock})(?![\w]))"


@cache
def _clock_re() -> re.Pattern[str]:
    return re.compile(clock_pattern(), re.IGNORECASE)


# (?<!\s): the hour words end where a run of spaces begins, so the lazy scan stays linear (issue 6)
_WORDS_TIME_RE = re.compile(r"^(?P<h>.+?)(?<!\s)\s+heures?(?:\s+(?P<m>.+))?$", re.IGNORECASE | re.DOTALL)


def parse_clock(s: str) -> str | None:
    """ "14h" → "14:00", "16 heures" → "16:00", "dix-neuf heures quarante-cinq" → "19:45",
    "vingt-deux heures dix" → "22:10", "midi" → "12:00"; None when `s` is not a clock time."""
    s = s.strip()
    w = load_date_words()
    key = fold(s)
    for word, clock_hour in w.clock.items():
        if key == fold(word):
            return f"{clock_hour:02d}:00"
    m = re.fullmatch(rf"(?P<h>{HOUR})[ ]?heures?(?:[ ]?(?P<m>{MINUTE}))?", s, re.IGNORECASE)
    if m:
        return f"{int(m.group('h')):02d}:{m.group('m') or '00'}"
    if s[:1].isdigit():
        return parse_time(s)
    m = _WORDS_TIME_RE.match(s)
    if not m:
        return None
    hour = parse_number_words(m.group("h"))
    minute = 0
    if m.group("m"):
        frac = {fold(k): v for k, v in w.minute_words.items()}
        tail = " ".join(fold(m.group("m")).split())
        minute_value = frac[tail] if tail in frac else parse_number_words(tail)
        if minute_value is None:
            return None
        minute = minute_value
    if hour is None or not (0 <= hour <= 23 and 0 <= minute <= 59):
        return None
    return f"{hour:02d}:{minute:02d}"


def find_times(text: str, offset: int = 0) -> list[TimeMatch]:
    """Every clock time in `text`, left to right: "à dix-neuf heures quarante-cinq" → 19:45."""
    out = []
    for m in _clock_re().finditer(text):
        value = parse_clock(m.group(0))
        if value is not None:
            out.append(TimeMatch(offset + m.start(), offset + m.end(), m.group(0), value))
    return out
