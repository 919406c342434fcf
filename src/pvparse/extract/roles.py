"""Roles: "Animatrice : Odile", "Discutant : Paul Roux, Ville de Lyon", "Animation : Léa — Notes : Tom",
and presenters named in a heading ("Programme X : Paul Roux, Ville de Lyon", "Témoignage de Anne Petit,
de l'Agence Y").

The value after the role word is read like a list entry (`list_entries`): the person, the
organisation and the role text between them ("chercheur à l'Université X" → organisation
"Université X").
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from ..nlp import EMPTY, Analysis
from .drafts import Mention, RoleDraft
from .list_entries import RawEntry, classify_entry, entry_strings, org_head_by_shape, parse_entry
from .turns import LabelCandidate, role_field_of

_TESTIMONY_RE = re.compile(r"\b(?:[Tt]émoignage|[Pp]résentation|[Ii]ntervention)s?\s+(?:de|d'|d’|par)\s*")
# A second "Role : Name" on the same line, after a dash, slash, semicolon or bar.
_NEXT_FIELD_RE = re.compile(r"(?<![ ])[ ]+[—–/|;][ ]*(?=[^:—–/|;]{1,40}?[ ]?:[ ])")
_SECTION_ROLES = {"moderator", "discussant", "presenter", "rapporteur", "chair"}


@dataclass(frozen=True)
class RoleValue:
    role: str
    entry: RawEntry
    line: int
    start: int


def _values(c: LabelCandidate) -> list[RoleValue]:
    """The role assignments of one "Role : value" line, several when the line chains them."""
    first = role_field_of(c.label)
    if first is None or not c.rest:
        return []
    out: list[RoleValue] = []
    pieces: list[tuple[str | None, int, int]] = []
    pos = 0
    role: str | None = first
    for m in _NEXT_FIELD_RE.finditer(c.rest):
        pieces.append((role, pos, m.start()))
        field_end = c.rest.find(":", m.end())
        role = role_field_of(c.rest[m.end() : field_end].strip(" *_"))
        pos = field_end + 1
    pieces.append((role, pos, len(c.rest)))
    for role_name, s, e in pieces:
        if role_name is None:
            continue
        value = c.rest[s:e]
        entry = parse_entry(value, c.rest_start + s, "other", lenient=True)
        if entry is not None:
            out.append(RoleValue(role_name, entry, c.line, c.label_start))
    return out


def role_strings(candidates: Sequence[LabelCandidate]) -> list[str]:
    """What spaCy must see to read the values of the role lines."""
    return [s for c in candidates for v in _values(c) for s in entry_strings(v.entry)]


def _draft(
    role: str, entry: RawEntry, line: int, start: int, end: int, analysis: Mapping[str, Analysis]
) -> RoleDraft | None:
    got = classify_entry(entry, "other", analysis)
    if got.person is None:
        return None
    person = Mention(got.person.text, got.person.start, got.person.end)
    org = (
        Mention(got.organization.text, got.organization.start, got.organization.end)
        if got.organization
        else None
    )
    return RoleDraft(role, person, org, line, start, end)


def find_role_lines(
    candidates: Sequence[LabelCandidate], analysis: Mapping[str, Analysis]
) -> list[RoleDraft]:
    """Role-assignment lines among the "Label : text" lines."""
    out: list[RoleDraft] = []
    for c in candidates:
        for v in _values(c):
            role = v.role if v.role in _SECTION_ROLES or v.role == "secretary" else "other"
            d = _draft(role, v.entry, c.line, c.label_start, c.rest_start + len(c.rest), analysis)
            if d is not None:
                out.append(d)
    return out


def _title_entry(title: str, title_start: int) -> tuple[RawEntry | None, bool]:
    """The entry a heading may present, and whether spaCy must first read its head as a person.

    After "Témoignage de" the entry is the presenter; after the colon it is one only when it opens
    with a capital ("Programme X : Paul Roux, Ville de Lyon") and spaCy reads its head as a person.
    """
    m = _TESTIMONY_RE.search(title)
    if m:
        return parse_entry(title[m.end() :], title_start + m.end(), "other", lenient=True), False
    if ":" not in title:
        return None, False
    i = title.index(":") + 1
    while i < len(title) and title[i] == " ":
        i += 1
    rest = title[i:]
    if not rest.lstrip()[:1].isupper():
        return None, False
    entry = parse_entry(rest, title_start + i, "other", lenient=True)
    if entry is None or org_head_by_shape(entry.head.text):
        # an organisation by its shape is nobody's name, whatever spaCy says of it: the entry
        # would give no person (`classify_entry`)
        return None, False
    return entry, True


def _presenter_entry(title: str, title_start: int, analysis: Mapping[str, Analysis]) -> RawEntry | None:
    entry, check_head = _title_entry(title, title_start)
    if entry is None or not check_head:
        return entry
    head = entry.head.text
    an = analysis.get(head, EMPTY)
    # only a heading whose text after the colon starts with a person's name presents someone
    if any(e.label == "PER" and e.start == 0 and len(e.text) >= 0.7 * len(head) for e in an.entities):
        return entry
    return None


def heading_presenter(
    title: str, title_start: int, analysis: Mapping[str, Analysis]
) -> tuple[Mention, Mention | None] | None:
    """The presenter a heading names after its colon or after "Témoignage de"."""
    entry = _presenter_entry(title, title_start, analysis)
    if entry is None:
        return None
    d = _draft("presenter", entry, 0, title_start, title_start + len(title), analysis)
    return (d.person, d.organization) if d else None


def heading_role_strings(title: str) -> list[str]:
    """The strings `heading_presenter` reads spaCy's analysis of: the head of the entry after the
    colon (is it a person?), and the strings of the entry it classifies."""
    entry, check_head = _title_entry(title, 0)
    if entry is None:
        return []
    return [entry.head.text, *entry_strings(entry)] if check_head else entry_strings(entry)
