"""What the extractors hand to the resolver: names and organisations as printed, with offsets.

Extractors do not create ids; `resolve.py` turns these drafts into persons, organisations and links.
All offsets are absolute code-point offsets into the source text.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Mention:
    """A name as printed ("Hélène Marchal", "Lina B.", "Agence Régionale de l'Eau (ARE)")."""

    text: str
    start: int
    end: int


@dataclass(frozen=True)
class EntryDraft:
    """One entry of a printed list: "Isabelle Martin (Département du Gers)", "- **Paul Roux**, trésorier"."""

    text: str
    start: int
    end: int
    person: Mention | None = None
    organization: Mention | None = None
    role: str | None = None
    group: str | None = None
    is_new: bool = False
    represented_by: Mention | None = None


@dataclass(frozen=True)
class ListDraft:
    kind: str  # a ListKind of schema.py
    title: str | None
    start: int
    end: int
    first_line: int
    last_line: int
    entries: tuple[EntryDraft, ...] = ()
    # For staff lists: the body the staff belongs to ("Équipe de l'Association X" → "l'Association X").
    body: Mention | None = None


@dataclass(frozen=True)
class RoleDraft:
    """A role line under a heading: "Animatrice : Odile", "Discutant : Paul Roux, Ville de Lyon"."""

    role: str  # presenter | moderator | discussant | rapporteur | chair | other
    person: Mention
    organization: Mention | None
    line: int
    start: int
    end: int


@dataclass(frozen=True)
class SignatoryDraft:
    person: Mention
    role: str | None
    start: int
    end: int


@dataclass(frozen=True)
class MeetingDraft:
    title: str | None = None
    title_span: tuple[int, int] | None = None
    organization: Mention | None = None
    kind: str | None = None
    date: str | None = None
    date_span: tuple[int, int] | None = None
    start_time: str | None = None
    end_time: str | None = None
    place: str | None = None
    mode: str | None = None
    chair: Mention | None = None
    secretary: Mention | None = None
    present_count: int | None = None
    members_present: int | None = None
    members_represented: int | None = None
    members_total: int | None = None
    breakdown: tuple[tuple[str, int], ...] = ()
    quorum_reached: bool | None = None
    attendance_span: tuple[int, int] | None = None
    signature_date: str | None = None
    signature_place: str | None = None
    signature_span: tuple[int, int] | None = None
    signatories: tuple[SignatoryDraft, ...] = ()
    lines: tuple[int, ...] = field(default=())  # lines that state meeting facts (not turns)
    findings: tuple[Finding, ...] = ()  # unparsed dates met while looking for the facts


@dataclass(frozen=True)
class DecisionDraft:
    subject: str | None
    result: str  # adopted | rejected | unknown
    unanimous: bool | None
    votes_for: int | None
    against: int | None
    abstain: int | None
    blank: int | None
    start: int
    end: int
    voters: int | None = None
    lines: tuple[int, ...] = ()


@dataclass(frozen=True)
class Finding:
    """A recoverable problem found while extracting: becomes a Diagnostic."""

    code: str
    message: str
    start: int | None = None
    end: int | None = None
