"""Person and organisation names: matching keys, given/family split, acronyms.

>>> person_key("Jean- Paul MOREAU") == person_key("Jean-Paul Moreau")
True
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .lines import fold

_HYPHEN_SPACE_RE = re.compile(r"(?<=\w)-[ ]+(?=\w)|(?<=\w)[ ]+-(?=\w)")
_PAREN_ACRONYM_RE = re.compile(r"^(?P<name>.*?\S)\s*\((?P<acr>[A-ZÀ-Ý0-9][A-ZÀ-Ý0-9&.\- ]{0,11})\)\s*$")
_INITIAL_FORM_RE = re.compile(r"^(?P<given>\S+)\s+(?P<initial>[A-ZÀ-Ý])\.?$")
# "de l'Institut X", "la Ville de Y", "du Département Z": connectors and articles before a body's name
_ARTICLE_RE = re.compile(r"^(?:(?:de |du |des |d'|aupres de |a |au |aux |chez )?(?:l'|la |le |les |the )?)")
_ORG_STOP = {"de", "du", "des", "d", "la", "le", "les", "l", "et", "en", "a", "au", "aux", "pour", "sur", "&"}


@lru_cache(maxsize=1 << 14)
def tidy(name: str) -> str:
    """A printed name made presentable: "Jean- Paul" → "Jean-Paul", spaces collapsed."""
    out = " ".join(_HYPHEN_SPACE_RE.sub("-", name).split()).strip(" ,;*_")
    if out.endswith(".") and not re.search(r"(?:^|\s)[A-ZÀ-Ý]\.$", out):
        out = out.rstrip(".")
    return out


@lru_cache(maxsize=1 << 14)
def person_key(name: str) -> str:
    return fold(tidy(name)).replace("’", "'")


def is_caps_word(w: str) -> bool:
    letters = [c for c in w if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


@dataclass(frozen=True)
class NameParts:
    given: str | None
    family: str | None


@lru_cache(maxsize=1 << 14)
def split_name(name: str) -> NameParts:
    """Given and family names: capitals mark the family name ("Jean DUVAL"), else the first word is given."""
    words = tidy(name).split()
    if not words:
        return NameParts(None, None)
    if len(words) == 1:
        return NameParts(words[0], None) if not is_caps_word(words[0]) else NameParts(None, words[0])
    caps = [i for i, w in enumerate(words) if is_caps_word(w)]
    if caps and len(caps) < len(words):
        if caps[0] == 0:  # "DUVAL Jean"
            k = caps[-1] + 1
            return NameParts(" ".join(words[k:]), " ".join(words[:k]))
        return NameParts(" ".join(words[: caps[0]]), " ".join(words[caps[0] :]))
    return NameParts(words[0], " ".join(words[1:]))


@lru_cache(maxsize=1 << 14)
def initial_form(name: str) -> tuple[str, str] | None:
    """("Lina", "B") for "Lina B."; None for anything else."""
    m = _INITIAL_FORM_RE.match(tidy(name) + ("." if name.rstrip().endswith(".") else ""))
    if not m:
        m = _INITIAL_FORM_RE.match(name.strip())
    return (m.group("given"), m.group("initial")) if m else None


@lru_cache(maxsize=1 << 14)
def display_score(name: str) -> tuple[int, int, int]:
    """Rank printed forms: more words, then mixed case over capitals, then accents kept."""
    words = tidy(name).split()
    mixed = sum(1 for w in words if not is_caps_word(w))
    accents = sum(1 for c in name if ord(c) > 127)
    return (len(words), mixed, accents)


def display_form(name: str) -> str:
    """ "Jean-Paul MOREAU" → "Jean-Paul Moreau" only when no better form was printed elsewhere."""
    return tidy(name)


@lru_cache(maxsize=1 << 14)
def split_acronym(org: str) -> tuple[str, str | None]:
    """ "Agence Régionale de l'Eau (ARE)" → ("Agence Régionale de l'Eau", "ARE")."""
    m = _PAREN_ACRONYM_RE.match(org.strip())
    if m and len(m.group("acr").replace(" ", "")) >= 2:
        return m.group("name").strip(), m.group("acr").strip()
    return org.strip(), None


@lru_cache(maxsize=1 << 14)
def org_key(name: str) -> str:
    # "3^e Lieu" (Pandoc superscript) is "3e Lieu"
    f = fold(tidy(name)).replace("-", " ").replace("^", "")
    f = _ARTICLE_RE.sub("", f)
    return " ".join(f.split())


@lru_cache(maxsize=1 << 14)
def org_tokens(name: str) -> tuple[str, ...]:
    return tuple(t for t in re.split(r"[^\w]+", org_key(name)) if t)


@lru_cache(maxsize=1 << 14)
def acronym_of(name: str) -> str | None:
    """Initials of the significant words: "Agence Nationale de la Recherche" → "ANR"."""
    words = [w for w in re.split(r"[\s\-’']+", tidy(name)) if w]
    sig = [w for w in words if fold(w) not in _ORG_STOP and w[:1].isalpha()]
    if len(sig) < 2:
        return None
    return "".join(w[0].upper() for w in sig)


@lru_cache(maxsize=1 << 14)
def abbreviates(short: str, long: str) -> bool:
    """Is every word of `short` a prefix of the matching word of `long`?

    ("Univ. Tech Nantes", "Université Technique Nantes") → True.
    """
    a, b = org_tokens(short), org_tokens(long)
    if len(a) != len(b) or len(a) < 2 or a == b:
        return False
    return all(y.startswith(x) for x, y in zip(a, b, strict=True))
