"""Clock times and time ranges as minutes write them: "14h05", "14 h", "14:05", "de 14h à 15h"."""

from __future__ import annotations

import re
from dataclasses import dataclass

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
