"""Section roles: "Animatrice : Sylvie", "Discutant : Paul Roux, Ville de Lyon", and presenters named
in a heading ("Programme X : Paul Roux, Ville de Lyon", "Témoignage de Anne Petit, de l'Agence Y")."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from ..nlp import EMPTY, Analysis
from .drafts import Mention, RoleDraft
from .turns import LabelCandidate, role_field_of

_TESTIMONY_RE = re.compile(r"\b(?:[Tt]émoignage|[Pp]résentation|[Ii]ntervention)s?\s+(?:de|d'|d’|par)\s*")
_SECTION_ROLES = {"moderator", "discussant", "presenter", "rapporteur", "chair"}


def person_and_org(text: str, start: int, analysis: Analysis) -> tuple[Mention, Mention | None] | None:
    """Split "Paul Roux, Ville de Lyon / Lab X" into the person and the organisation that follows."""
    stripped = text.rstrip(" .;*_")
    head, sep, tail = stripped.partition(",")
    name = head.strip()
    if not name:
        return None
    per = [e for e in analysis.entities if e.label == "PER" and e.start < len(head)]
    words = name.split()
    looks_like_name = 1 <= len(words) <= 4 and all(w[:1].isupper() for w in words if len(w) > 3)
    if not per and not looks_like_name:
        return None
    ns = start + text.index(name)
    person = Mention(name, ns, ns + len(name))
    org = None
    t = tail.strip()
    if sep and t:
        t = re.sub(r"^(?:de la|de l'|de l’|du|de|des)\s+", "", t)
        os_ = start + text.index(t, len(head))
        org = Mention(t, os_, os_ + len(t))
    return person, org


def find_role_lines(
    candidates: Sequence[LabelCandidate], analysis: Mapping[str, Analysis]
) -> list[RoleDraft]:
    """Role-assignment lines among the "Label : text" lines."""
    out: list[RoleDraft] = []
    for c in candidates:
        role = role_field_of(c.label)
        if role is None or not c.rest:
            continue
        found = person_and_org(c.rest, c.rest_start, analysis.get(c.rest.rstrip(" .;*_").strip(" *_"), EMPTY))
        if found is None:
            continue
        person, org = found
        out.append(RoleDraft(role if role in _SECTION_ROLES or role == "secretary" else "other",
                             person, org, c.line, c.label_start, c.rest_start + len(c.rest)))
    return out


def heading_presenter(title: str, title_start: int, analysis: Mapping[str, Analysis]) -> tuple[Mention, Mention | None] | None:
    """The presenter a heading names after its colon or after "Témoignage de"."""
    m = _TESTIMONY_RE.search(title)
    if m:
        rest = title[m.end() :]
        return person_and_org(rest, title_start + m.end(), analysis.get(rest.rstrip(" .;*_"), EMPTY))
    if ":" in title:
        i = title.index(":") + 1
        while i < len(title) and title[i] == " ":
            i += 1
        rest = title[i:]
        an = analysis.get(rest.rstrip(" .;*_"), EMPTY)
        head = rest.split(",")[0].strip()
        if any(e.label == "PER" and e.start == 0 and len(e.text) >= 0.7 * len(head) for e in an.entities):
            return person_and_org(rest, title_start + i, an)
    return None


def heading_role_strings(title: str) -> list[str]:
    """The strings `heading_presenter` will ask spaCy about."""
    out = []
    m = _TESTIMONY_RE.search(title)
    if m:
        out.append(title[m.end() :].rstrip(" .;*_"))
    if ":" in title:
        out.append(title[title.index(":") + 1 :].strip().rstrip(" .;*_"))
    return out
