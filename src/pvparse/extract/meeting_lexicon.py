"""The data of models/meeting.toml, validated, and its patterns compiled from small named parts
(`{time}`, `{name}`, `{civility}`, `{place}`, `{present_count}` ...): see the file's header."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache

from pydantic import Field, field_validator

from ..lines import fold
from ..resources import DataModel, load_data
from ..schema import MeetingKind
from .numwords import words_pattern
from .times import clock_pattern

UPPER = "A-ZÀ-ÖØ-Ý"
# One word of a printed name: "Jean-Paul", "Jean- Paul", "MOREAU", "L.", "d'Orval".
NAME_WORD = rf"(?:[{UPPER}][\w'’]*(?:-[ ]?[{UPPER}][\w'’]*)*(?:\.(?=[\s,;)]|$))?)"
NAME_PARTICLE = r"(?:de|du|des|van|von|da|di|ben|el|le|la)"
NAME = rf"{NAME_WORD}(?:[ ]+(?:{NAME_PARTICLE}[ ]+|d['’])?{NAME_WORD}){{0,3}}"
_COUNT_FIELDS = ("present_count", "members_present", "members_represented", "members_total", "n")


def expand(pattern: str, civilities: Sequence[str] = ("M.", "Mme")) -> str:
    """Replace the named parts of a data pattern by their regexes; "^" becomes "segment start"."""
    civ = "|".join(re.escape(c) for c in sorted(civilities, key=len, reverse=True))
    out = pattern
    if out.startswith("^"):
        out = r"^\s*" + out[1:]
    clock = clock_pattern()
    parts = {
        "{time}": f"(?P<time>{clock})",
        "{start}": f"(?P<start>{clock})",
        "{end}": f"(?P<end>{clock})",
        "{name}": f"(?-i:(?P<name>{NAME}))",
        "{civility}": rf"(?:(?:{civ})\s+)?",
        "{place}": r"(?![\d])(?P<place>[^\n]+)",
    }
    for field in _COUNT_FIELDS:
        parts["{" + field + "}"] = rf"(?P<{field}>\d{{1,5}})(?![\d])"
    for key, value in parts.items():
        out = out.replace(key, value)
    return out


def _check_patterns(patterns: list[str]) -> list[str]:
    for i, p in enumerate(patterns):
        try:
            re.compile(expand(p))
        except re.error as exc:
            raise ValueError(f"pattern {i} ({p!r}) does not compile: {exc}") from None
    return patterns


class KindEntry(DataModel):
    kind: MeetingKind
    phrases: list[str]
    acronyms: list[str]


class OrganizationWords(DataModel):
    connectors: list[str]
    intro_words: list[str]
    lowercase_heads: list[str]
    label_patterns: list[str]
    mention_patterns: list[str]
    report_words: list[str]
    not_names: list[str]

    _patterns = field_validator("label_patterns", "mention_patterns")(_check_patterns)


class DateContext(DataModel):
    not_meeting_before: list[str]
    not_meeting_just_before: list[str]
    meeting_words: list[str]


class TimePatterns(DataModel):
    start: list[str]
    convened: list[str]
    end: list[str]

    _patterns = field_validator("start", "convened", "end")(_check_patterns)


class PlaceWords(DataModel):
    patterns: list[str]
    not_places: list[str]
    stops: list[str]
    venue_words: list[str]

    _patterns = field_validator("patterns")(_check_patterns)


class ModeWords(DataModel):
    hybrid: list[str]
    remote: list[str]
    not_remote: list[str]
    in_person: list[str]


class PersonPatterns(DataModel):
    anywhere: list[str]
    opening: list[str]
    with_other: list[str] = Field(default_factory=list)
    by_role: list[str] = Field(default_factory=list)

    _patterns = field_validator("anywhere", "opening", "with_other", "by_role")(_check_patterns)


class AttendanceWords(DataModel):
    patterns: list[str]
    ignore_words: list[str]
    voters_words: list[str]
    represented_words: list[str]
    present_words: list[str]
    total_words: list[str]
    member_words: list[str]
    breakdown_pattern: str

    _patterns = field_validator("patterns")(_check_patterns)


class QuorumPatterns(DataModel):
    not_reached: list[str]
    reached: list[str]

    _patterns = field_validator("not_reached", "reached")(_check_patterns)


class SignatureWords(DataModel):
    made_words: list[str]
    role_words: list[str]
    chair_roles: list[str]
    secretary_roles: list[str]


class MeetingLexicon(DataModel):
    civilities: list[str]
    kinds: list[KindEntry]
    organization: OrganizationWords
    dates: DateContext
    times: TimePatterns
    place: PlaceWords
    mode: ModeWords
    chair: PersonPatterns
    secretary: PersonPatterns
    attendance: AttendanceWords
    quorum: QuorumPatterns
    signature: SignatureWords


@cache
def load_lexicon() -> MeetingLexicon:
    return load_data("meeting.toml", MeetingLexicon)


@cache
def compiled(patterns: tuple[str, ...]) -> tuple[re.Pattern[str], ...]:
    civ = tuple(load_lexicon().civilities)
    return tuple(re.compile(expand(p, civ), re.IGNORECASE) for p in patterns)


def phrase_re(words: Sequence[str]) -> re.Pattern[str]:
    """Whole-word, case- and accent-tolerant alternation of phrases."""
    return _phrase_re(tuple(words))


@cache
def _phrase_re(words: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(rf"(?<![\w]){words_pattern(list(words))}(?![\w])", re.IGNORECASE)


def has_phrase(text: str, words: Sequence[str]) -> bool:
    return bool(phrase_re(words).search(text))


def folded_words(words: Sequence[str]) -> set[str]:
    return {fold(w) for w in words}
