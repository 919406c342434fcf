"""The registry of persons and organisations, and speaker resolution.

Persons are built from every name the document prints (list entries, role lines, presenters, chair,
signatories, speaker labels); forms of one human are merged ("Jean- Paul MOREAU" = "Jean-Marie
Moreau", "Anne Dubreuil" ≈ "Anne Dubreuill"). A speaker label is then linked in a fixed order:

1. exact      the label is the person's canonical name
2. alias      the label is another form printed for that person
3. given_name the label is a given name that exactly one person bears
4. initial    "Lina B." and exactly one Lina whose family name starts with B
5. fuzzy      a full name within a tight edit distance of exactly one person
6. role       "M. le Maire", "Le Président" when the document names who holds the office

Two or more candidates: `ambiguous`, no guess. A wrong link is worse than no link.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache, lru_cache

from rapidfuzz import fuzz

from .extract.drafts import Finding, Mention
from .layout import Extraction, Page
from .lines import fold
from .names import (
    NameParts,
    abbreviates,
    acronym_of,
    display_score,
    initial_form,
    is_caps_word,
    org_key,
    org_tokens,
    person_key,
    split_acronym,
    split_name,
    tidy,
)
from .near import NearIndex
from .resources import DataModel, load_data
from .schema import OrgClass

FUZZY_PERSON = 90
FUZZY_FAMILY = 85
FUZZY_ORG = 93


class GivenNameLexicon(DataModel):
    hypocorisms: dict[str, list[str]]


@cache
def _hypocorisms() -> dict[str, frozenset[str]]:
    lex = load_data("given_names.toml", GivenNameLexicon)
    return {fold(k): frozenset(fold(v) for v in vs) for k, vs in lex.hypocorisms.items()}


class OrgKind(DataModel):
    classification: OrgClass
    cues: list[str]
    at_start: bool = False


class OrganizationLexicon(DataModel):
    kinds: list[OrgKind]


@cache
def _org_cues() -> tuple[tuple[str, bool, tuple[str, ...]], ...]:
    """(classification, at_start, folded cues between spaces) of each kind, in lexicon order."""
    kinds = load_data("organizations.toml", OrganizationLexicon).kinds
    return tuple((k.classification, k.at_start, tuple(f" {fold(c)} " for c in k.cues)) for k in kinds)


@lru_cache(maxsize=1 << 12)
def classify_org(name: str, *, holds_meeting: str | None = None) -> str:
    """Classification from cue words: "Département du Gers" → departement, "Région Grand Est" → region.

    A body with no cue that holds a general assembly or a board meeting is an association; one that
    holds a municipal council is a commune.
    """
    key = " " + org_key(name).replace("'", "' ") + " "
    for classification, at_start, cues in _org_cues():
        for c in cues:
            if key.startswith(c) if at_start else c in key:
                return classification
    if holds_meeting == "municipal_council":
        return "commune"
    if holds_meeting in (
        "general_assembly",
        "extraordinary_general_assembly",
        "constitutive_assembly",
        "board",
        "bureau",
    ):
        return "association"
    return "other"


@dataclass
class PersonRec:
    """A person being assembled: every printed form, the best of which is the canonical name."""

    forms: list[str]
    mentions: list[tuple[int, int]] = field(default_factory=list)
    memberships: list[tuple[int | None, str | None]] = field(default_factory=list)
    label_only: bool = False
    name: str = ""
    parts: NameParts = field(default_factory=lambda: NameParts(None, None))
    key: str = ""
    _keys: set[str] = field(default_factory=set)
    # folded given and family names and the word count of `name`, kept with them: every lookup compares
    # a name against every person, so these are computed once per name change, not per comparison
    given_key: str | None = None
    family_key: str | None = None
    words: int = 0

    def __post_init__(self) -> None:
        forms, self.forms = self.forms, []
        for f in forms:
            self.add_form(f)

    def add_form(self, form: str) -> None:
        if form in self.forms:
            return
        self.forms.append(form)
        self._keys.add(person_key(form))
        best = tidy(max(self.forms, key=display_score))  # `max` keeps the first of equal forms
        if best != self.name:
            self.name, self.parts, self.key = best, split_name(best), person_key(best)
            self.given_key = fold(self.parts.given) if self.parts.given else None
            self.family_key = fold(self.parts.family) if self.parts.family else None
            self.words = len(best.split())

    def keys(self) -> set[str]:
        return self._keys

    def first_offset(self) -> int:
        return min(self.mentions)[0] if self.mentions else 10**12


@lru_cache(maxsize=1 << 14)
def _org_form_rank(form: str) -> tuple[bool, int, int]:
    """Rank an organisation's printed forms: a capital first, then more words, then more capitals."""
    return (form[:1].isupper(), len(form.split()), sum(map(str.isupper, form)))


@dataclass
class OrgRec:
    forms: list[str]
    mentions: list[tuple[int, int]] = field(default_factory=list)
    acronyms: list[str] = field(default_factory=list)

    @property
    def name(self) -> str:
        full = [f for f in self.forms if f not in self.acronyms] or self.forms
        return tidy(max(full, key=_org_form_rank))  # `max` keeps the first of equal forms

    def first_offset(self) -> int:
        return min(self.mentions)[0] if self.mentions else 10**12


@dataclass(frozen=True)
class TurnLink:
    speakers: tuple[int, ...]
    resolution: str
    candidates: tuple[int, ...] = ()


def _bucket(index: dict[str, set[int]], key: str | None) -> list[int]:
    """The indices filed under `key`, ascending (lookups answer in registry order)."""
    return sorted(index.get(key, ())) if key is not None else []


def _file(index: dict[str, set[int]], key: str | None, i: int) -> None:
    if key is not None:
        index.setdefault(key, set()).add(i)


def _unfile(index: dict[str, set[int]], key: str | None, i: int) -> None:
    if key is not None:
        index[key].discard(i)


# what the index files a person under: canonical key, folded given and family names, word count
_NameKeys = tuple[str, str | None, str | None, int]


def _name_keys(p: PersonRec) -> _NameKeys:
    return (p.key, p.given_key, p.family_key, p.words)


@dataclass
class PersonIndex:
    """Persons filed under the keys lookups ask for, so a lookup reads a few buckets, not every person.

    Kept in step with the records by `Registry.new_person` and `Registry.add_form`; a bucket only ever
    narrows the persons a rule then checks exactly as before.
    """

    by_key: dict[str, set[int]] = field(default_factory=dict)  # canonical key
    by_form: dict[str, set[int]] = field(default_factory=dict)  # key of every printed form
    # folded given and family names; an empty one matches nothing, so it is not filed
    by_given: dict[str, set[int]] = field(default_factory=dict)
    by_family: dict[str, set[int]] = field(default_factory=dict)
    # canonical keys of persons named by two words or more, for the fuzzy rule
    near_key: NearIndex = field(default_factory=lambda: NearIndex(FUZZY_PERSON))
    # family names by given name, for "Anne Dubreuill" ≈ "Anne Dubreuil"
    near_family: dict[str, NearIndex] = field(default_factory=dict)

    def file_person(self, i: int, name: _NameKeys) -> None:
        key, given, family, words = name
        _file(self.by_key, key, i)
        _file(self.by_given, given or None, i)
        _file(self.by_family, family or None, i)
        if words >= 2:
            self.near_key.add(i, key)
        if given and family:
            if given not in self.near_family:
                self.near_family[given] = NearIndex(FUZZY_FAMILY)
            self.near_family[given].add(i, family)

    def unfile_person(self, i: int, name: _NameKeys) -> None:
        key, given, family, words = name
        _unfile(self.by_key, key, i)
        _unfile(self.by_given, given or None, i)
        _unfile(self.by_family, family or None, i)
        if words >= 2:
            self.near_key.remove(i, key)
        if given and family:
            self.near_family[given].remove(i, family)


@dataclass
class OrgIndex:
    """Organisations filed under what `_same_org` compares, so only those sharing one are compared."""

    by_initials: dict[tuple[str, ...], set[int]] = field(default_factory=dict)  # of a form's words
    by_acronym: dict[str, set[int]] = field(default_factory=dict)  # acronyms, upper case
    by_initialism: dict[str, set[int]] = field(default_factory=dict)  # acronym_of each form
    by_form: dict[str, set[int]] = field(default_factory=dict)  # every form as printed
    # org_key of every form long enough for the fuzzy match, and the organisation printing it
    near_key: NearIndex = field(default_factory=lambda: NearIndex(FUZZY_ORG))
    near_owner: list[int] = field(default_factory=list)

    def file_form(self, i: int, form: str) -> None:
        tokens = org_tokens(form)
        if len(tokens) >= 2:
            self.by_initials.setdefault(tuple(t[0] for t in tokens), set()).add(i)
        _file(self.by_initialism, acronym_of(form), i)
        _file(self.by_form, form, i)
        if len(org_key(form)) >= 12:
            self.near_key.add(len(self.near_owner), org_key(form))
            self.near_owner.append(i)

    def file_acronym(self, i: int, acr: str) -> None:
        _file(self.by_acronym, acr.upper(), i)

    def related(self, name: str, acr: str | None) -> list[int]:
        """Every organisation `_same_org` can accept for this name (a superset), ascending."""
        found: set[int] = set()
        tokens = org_tokens(name)
        if len(tokens) >= 2:
            # an abbreviation keeps the first letter of every word: "Univ. Tech Nantes"
            found |= self.by_initials.get(tuple(t[0] for t in tokens), set())
        if len(org_key(name)) >= 12:
            found.update(self.near_owner[k] for k in self.near_key.near(org_key(name)))
        if acr:
            found |= self.by_acronym.get(acr.upper(), set())
        found |= self.by_acronym.get(name, set())
        found |= self.by_initialism.get(name, set())
        own = acronym_of(name)
        if own:
            found |= self.by_form.get(own, set())
        return sorted(found)


@dataclass
class Registry:
    persons: list[PersonRec] = field(default_factory=list)
    orgs: list[OrgRec] = field(default_factory=list)
    person_at: dict[tuple[int, int], int] = field(default_factory=dict)
    org_index: dict[str, int] = field(default_factory=dict)  # org_key of every form → organisation
    org_at: dict[tuple[int, int], int] = field(default_factory=dict)
    turn_links: list[TurnLink] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    index: PersonIndex = field(default_factory=PersonIndex)
    orgs_by: OrgIndex = field(default_factory=OrgIndex)

    def person_of(self, m: Mention | None) -> int | None:
        return None if m is None else self.person_at.get((m.start, m.end))

    def org_of(self, m: Mention | None) -> int | None:
        return None if m is None else self.org_at.get((m.start, m.end))

    def new_person(self, p: PersonRec) -> int:
        i = len(self.persons)
        self.persons.append(p)
        for k in p.keys():
            _file(self.index.by_form, k, i)
        self.index.file_person(i, _name_keys(p))
        return i

    def add_form(self, i: int, form: str) -> None:
        """`PersonRec.add_form`, with the index following a change of canonical name."""
        p = self.persons[i]
        before = _name_keys(p)
        p.add_form(form)
        _file(self.index.by_form, person_key(form), i)
        if _name_keys(p) != before:
            self.index.unfile_person(i, before)
            self.index.file_person(i, _name_keys(p))


_CIVILITY_RE = re.compile(
    r"^(?:M\.|Mr\.?|MM\.|Mme|Mmes|Mlle|Monsieur|Madame|Mademoiselle|Me|Maître|Dr\.?|Docteur|Pr\.?|Professeur)\s+",
    re.IGNORECASE,
)


@lru_cache(maxsize=1 << 14)
def strip_civility(name: str) -> tuple[str, bool]:
    m = _CIVILITY_RE.match(name.strip())
    return (name.strip()[m.end() :], True) if m else (name.strip(), False)


# --- organisations -----------------------------------------------------------------------------


_LEAD_CONNECTOR_RE = re.compile(
    r"^(?:(?:de|du|des|à|au|aux|chez|auprès de)\s+|d['’])*(?:l['’]|la\s+|le\s+|les\s+)?"
)


def _org_names(m: Mention) -> list[tuple[str, int, int]]:
    """The organisations one mention holds: "Ville de X / Lab Y" → the first; "de l'Institut X" → the
    "Institut X"."""
    skip, size = _org_cut(m.text)
    return [(m.text[skip:size], m.start + skip, m.start + size)]


@lru_cache(maxsize=1 << 14)
def _org_cut(text: str) -> tuple[int, int]:
    """Where the first organisation of a mention's text starts and ends (see `_org_names`)."""
    first = re.split(r"\s+/\s+", text)[0]
    cut = _LEAD_CONNECTOR_RE.match(first)
    skip = cut.end() if cut and first[:1].islower() and cut.end() < len(first) else 0
    return skip, len(first)


_LOWER_PREFIX_RE = re.compile(r"^(?:[a-zà-ÿ][\w'’-]*\s+)+(?=[A-ZÀ-Ý0-9])")


@lru_cache(maxsize=1 << 14)
def _core(name: str) -> str:
    """ "agence Lumen" → "Lumen": a common noun written before the proper name is not part of it."""
    return _LOWER_PREFIX_RE.sub("", name.strip())


def _same_org(a: OrgRec, name: str, acr: str | None) -> bool:
    k = org_key(name)
    for f in a.forms:
        fk = org_key(f)
        if abbreviates(name, f) or abbreviates(f, name):
            return True
        if min(len(k), len(fk)) >= 12 and fuzz.ratio(k, fk) >= FUZZY_ORG:
            return True
    acrs = {x.upper() for x in a.acronyms}
    if acr and acr.upper() in acrs:
        return True
    if name.isupper() and len(name) <= 8 and (name in acrs or any(acronym_of(f) == name for f in a.forms)):
        return True
    own = acronym_of(name)
    return bool(own and any(f == own for f in a.forms))


def add_org(reg: Registry, m: Mention) -> int | None:
    idx = None
    for text, s, e in _org_names(m):
        name, acr = split_acronym(text)
        if len(name) < 2:
            continue
        # exact keys first (the same body printed again, "agence X" = "X"), then the looser matches
        idx = reg.org_index.get(org_key(name), reg.org_index.get(org_key(_core(name))))
        if idx is None:
            idx = next((i for i in reg.orgs_by.related(name, acr) if _same_org(reg.orgs[i], name, acr)), None)
        if idx is None:
            reg.orgs.append(OrgRec([]))
            idx = len(reg.orgs) - 1
        rec = reg.orgs[idx]
        if name not in rec.forms:
            _add_org_form(reg, idx, name)
            reg.org_index.setdefault(org_key(name), idx)
            reg.org_index.setdefault(org_key(_core(name)), idx)
        if acr and acr not in rec.acronyms:
            _add_org_acronym(reg, idx, acr)
            if acr not in rec.forms:
                _add_org_form(reg, idx, acr)
        if name.isupper() and len(name) <= 8 and name not in rec.acronyms:
            _add_org_acronym(reg, idx, name)
        rec.mentions.append((s, e))
        reg.org_at[(m.start, m.end)] = idx
    return idx


def _add_org_form(reg: Registry, i: int, form: str) -> None:
    reg.orgs[i].forms.append(form)
    reg.orgs_by.file_form(i, form)


def _add_org_acronym(reg: Registry, i: int, acr: str) -> None:
    reg.orgs[i].acronyms.append(acr)
    reg.orgs_by.file_acronym(i, acr)


# The capital comes before the look-behind (which checks the character before it) so that `re` can
# skip to the next capital instead of trying the look-behind at every position of the text.
_CAPS_WORD_RE = re.compile(r"[A-ZÀ-Ý](?<![\w-].)[A-ZÀ-Ý0-9&]{1,11}(?![\w-])")


def _find_acronyms_in_text(reg: Registry, text: str) -> None:
    """An organisation's initials printed alone elsewhere ("l'ANR souhaite") become an alias."""
    printed: set[str] | None = None  # one pass over the text, whatever the number of bodies, if any
    for i, o in enumerate(reg.orgs):
        for f in list(o.forms):
            acr = acronym_of(f)
            if acr and len(acr) >= 3 and acr not in o.forms:
                if printed is None:
                    printed = set(_CAPS_WORD_RE.findall(text))
                if acr in printed:
                    _add_org_form(reg, i, acr)
                    _add_org_acronym(reg, i, acr)


# --- persons -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Query:
    """A printed name's keys, computed once per lookup rather than once per person compared."""

    key: str
    given: str | None
    family: str | None

    @classmethod
    def of(cls, name: str) -> _Query:
        a = split_name(name)
        return cls(person_key(name), fold(a.given) if a.given else None, fold(a.family) if a.family else None)


def _same_person(p: PersonRec, name: str, q: _Query | None = None) -> bool:
    q = q or _Query.of(name)
    if q.key in p.keys():
        return True
    if not (q.given and p.given_key and q.family and p.family_key):
        return False
    if q.given != p.given_key:
        return False
    return fuzz.ratio(q.family, p.family_key) >= FUZZY_FAMILY and len(q.family) >= 4


def _related(reg: Registry, q: _Query) -> list[int]:
    """Every person `_same_person` can accept for the query (a superset), ascending: those printed
    under the same key, and those of the same given name whose family name may be close enough."""
    found = reg.index.by_form.get(q.key, set())
    if q.given and q.family and len(q.family) >= 4 and q.given in reg.index.near_family:
        found = found | reg.index.near_family[q.given].near(q.family)
    return sorted(found)


def _add_full(reg: Registry, m: Mention, name: str) -> int:
    q = _Query.of(name)
    for i in _related(reg, q):
        p = reg.persons[i]
        if not p.label_only and p.words >= 2 and _same_person(p, name, q):
            reg.add_form(i, name)
            p.mentions.append((m.start, m.end))
            reg.person_at[(m.start, m.end)] = i
            return i
    i = reg.new_person(PersonRec([name], [(m.start, m.end)]))
    reg.person_at[(m.start, m.end)] = i
    return i


def _link(reg: Registry, i: int, m: Mention, form: str) -> int:
    reg.add_form(i, form)
    reg.persons[i].mentions.append((m.start, m.end))
    reg.person_at[(m.start, m.end)] = i
    return i


def _new(reg: Registry, m: Mention, form: str, *, label_only: bool = False) -> int:
    i = reg.new_person(PersonRec([form], [(m.start, m.end)], label_only=label_only))
    reg.person_at[(m.start, m.end)] = i
    return i


def candidates_for(reg: Registry, name: str, *, allow_fuzzy: bool = True) -> tuple[list[int], str]:
    """Persons a printed name may denote, and by which rule (the resolution order of the module doc)."""
    bare, civ = strip_civility(name)
    form = tidy(bare)
    key = person_key(form)
    words = form.split()
    persons, index = reg.persons, reg.index
    exact = _bucket(index.by_key, key)
    if exact:
        return exact, "exact"
    alias = _bucket(index.by_form, key)
    if alias:
        return alias, "alias"
    ini = initial_form(form)
    if ini:
        given, letter = ini
        initial = fold(letter)
        found = [
            i
            for i in _bucket(index.by_given, fold(given))
            if (family := persons[i].family_key) and family.startswith(initial)
        ]
        return found, "initial"
    if civ and (len(words) == 1 or all(is_caps_word(x) for x in words)):
        # "Mme DUPONT", "M. LE CORRE": a civility before a family name
        fam = _bucket(index.by_family, fold(form))
        if fam or len(words) == 1:
            return fam, "alias"
    if len(words) == 1:
        w = fold(words[0])
        bearers = [i for i in _bucket(index.by_given, w) if persons[i].words >= 2]
        if not bearers and w in _hypocorisms():
            bearers = sorted(
                i for g in _hypocorisms()[w] for i in index.by_given.get(g, ()) if persons[i].words >= 2
            )
        return bearers, "given_name"
    if allow_fuzzy and len(words) >= 2:
        q = _Query.of(form)
        fz = [i for i in _related(reg, q) if persons[i].words >= 2 and _same_person(persons[i], form, q)]
        if not fz:
            fz = [
                i
                for i in sorted(index.near_key.near(key))
                if persons[i].words >= 2 and fuzz.ratio(persons[i].key, key) >= FUZZY_PERSON
            ]
        return fz, "fuzzy"
    return [], "unresolved"


_FAMILY_WORD = r"(?:[A-ZÀ-Ý][a-zà-ÿ'’]+(?:-[A-ZÀ-Ý][a-zà-ÿ'’]+)?|[A-ZÀ-Ý]{2,}(?:-[A-ZÀ-Ý]{2,})?)"


def complete_given_name(text: str, given: str) -> list[Mention]:
    """Full names the running text prints for a lone given name: "Anouk" → "Anouk Lefèvre" at each place.

    Only a capitalised word right after the given name counts ("Anouk Lefèvre a proposé"), never one
    across punctuation; a word that cannot be a family name (an article, a stop word) does not count.
    """
    forms = {given}
    for short, fulls in _hypocorisms().items():
        if fold(given) == short:
            forms |= {f.title() for f in fulls}
    out: list[Mention] = []
    stop = _stop_words()
    for form in sorted(forms):
        for m in re.finditer(rf"(?<![\w-]){_accent_insensitive(form)}[ ]+({_FAMILY_WORD})(?![\w-])", text):
            if fold(m.group(1)) in stop:
                continue
            out.append(Mention(text[m.start() : m.end()], m.start(), m.end()))
    return out


def _accent_insensitive(word: str) -> str:
    """A regex matching `word` with or without its accents ("Frédéric" ~ "Fredéric" ~ "Frederic")."""
    out = []
    for ch in word:
        base = fold(ch)
        if base != ch.lower() and base.isalpha():
            out.append(f"[{re.escape(ch)}{base}{base.upper()}]")
        elif ch.isalpha():
            out.append(f"[{ch.lower()}{ch.upper()}]" if out == [] else re.escape(ch))
        else:
            out.append(re.escape(ch))
    return "".join(out)


@cache
def _stop_words() -> frozenset[str]:
    from .extract.turns import load_lexicon

    lex = load_lexicon()
    return frozenset(
        {fold(w) for w in lex.not_speaker_words}
        | {fold(t) for t in lex.speakers.role_titles}
        | {"le", "la", "les", "et", "ou", "de", "du", "des", "en", "au", "aux"}
    )


def _expand_initial(text: str, given: str, letter: str) -> str | None:
    """ "Lina B." with "Lina Bastide" printed elsewhere in the text → "Lina Bastide" (when only one)."""
    # the given name opens the pattern, and the look-behind for the character before it follows it, so
    # that `re` can jump from one occurrence of the given name to the next
    g = re.escape(given)
    pat = re.compile(
        rf"{g}(?<!\w{g})\s+({re.escape(letter)}[a-zà-ÿ][\w'’-]+|{re.escape(letter)}[A-ZÀ-Ý]{{2,}})(?!\w)"
    )
    found = {m.group(1) for m in pat.finditer(text)}
    return f"{given} {found.pop()}" if len(found) == 1 else None


def add_person(reg: Registry, m: Mention, text: str) -> int:
    """Add a printed name from a list, role or signature to the registry; returns the person index."""
    bare, _ = strip_civility(m.text)
    form = tidy(bare)
    words = form.split()
    ini = initial_form(form)
    if ini:
        found, _ = candidates_for(reg, form)
        if len(found) == 1:
            return _link(reg, found[0], m, form)
        full = _expand_initial(text, *ini)
        if full:
            i = _add_full(reg, Mention(full, m.start, m.end), full)
            return _link(reg, i, m, form)
        return _new(reg, m, form)
    if len(words) >= 2:
        return _add_full(reg, m, form)
    found, _ = candidates_for(reg, m.text, allow_fuzzy=False)
    if len(found) == 1:
        return _link(reg, found[0], m, form)
    return _new(reg, m, form)


# --- the document ------------------------------------------------------------------------------


def _person_mentions(ex: Extraction) -> tuple[list[tuple[Mention, int | None, str | None]], list[Mention]]:
    """(person mention, its organisation's index placeholder, role) in order: full names first."""
    out: list[tuple[Mention, Mention | None, str | None]] = []
    for lst in ex.lists:
        for e in lst.entries:
            if e.person:
                org = e.organization or (lst.body if lst.kind == "staff" else None)
                role = e.role if e.role else ("staff" if lst.kind == "staff" else None)
                out.append((e.person, org, role))
            if e.represented_by:
                out.append((e.represented_by, None, None))
    for sec in ex.sections:
        for r in sec.roles:
            out.append((r.person, r.organization, None))
    for r in ex.role_lines:
        out.append((r.person, r.organization, None))
    m = ex.meeting
    for who in (m.chair, m.secretary):
        if who:
            out.append((who, None, None))
    for sg in m.signatories:
        out.append((sg.person, None, sg.role))
    return out, []  # type: ignore[return-value]


def resolve_document(page: Page, ex: Extraction) -> Registry:
    reg = Registry()
    mentions, _ = _person_mentions(ex)
    org_mentions: list[Mention] = []
    if ex.meeting.organization:
        org_mentions.append(ex.meeting.organization)
    for lst in ex.lists:
        if lst.body:
            org_mentions.append(lst.body)
        for e in lst.entries:
            if e.organization:
                org_mentions.append(e.organization)
    for _pm, org, _role in mentions:
        if org is not None:
            org_mentions.append(org)  # type: ignore[arg-type]
    for om in sorted(org_mentions, key=lambda x: (x.start, x.end)):
        add_org(reg, om)
    _find_acronyms_in_text(reg, page.text)

    def order(item: tuple[Mention, object, object]) -> tuple[int, int]:
        bare, _ = strip_civility(item[0].text)
        multi = len(tidy(bare).split()) >= 2 and not initial_form(tidy(bare))
        return (0 if multi else 1, item[0].start)

    for pm, org, role in sorted(mentions, key=order):
        i = add_person(reg, pm, page.text)
        oi = reg.org_of(org) if org is not None else None  # type: ignore[arg-type]
        if (oi is not None or role) and (oi, role) not in reg.persons[i].memberships:
            # a role with no organisation is kept only when no membership says more
            if oi is None and any(r == role for _, r in reg.persons[i].memberships):
                continue
            reg.persons[i].memberships.append((oi, role))
    for sg in ex.meeting.signatories:
        signer = reg.person_of(sg.person)
        body = reg.org_of(ex.meeting.organization) if ex.meeting.organization else None
        if signer is not None and body is not None and sg.role:
            ms = reg.persons[signer].memberships
            ms[:] = [(o, r) for o, r in ms if not (o is None and r == sg.role)]
            if (body, sg.role) not in ms:
                ms.append((body, sg.role))
    for p in reg.persons:
        p.memberships = _tidy_memberships(p.memberships)
    _label_persons(reg, ex, page.text)
    chair = reg.person_of(ex.meeting.chair)
    body = reg.org_of(ex.meeting.organization) if ex.meeting.organization else None
    # who holds an office depends on memberships only, and no turn changes them: one answer per title
    offices: dict[str, list[int]] = {}
    for t in ex.turns:
        reg.turn_links.append(_resolve_turn(reg, t.label.parts, chair, body, offices))
    return reg


def _tidy_memberships(ms: list[tuple[int | None, str | None]]) -> list[tuple[int | None, str | None]]:
    """One membership per organisation: the one with a role wins over the same organisation without."""
    with_role = {o for o, r in ms if r is not None}
    out: list[tuple[int | None, str | None]] = []
    for o, r in ms:
        if r is None and o in with_role:
            continue
        if (o, r) not in out:
            out.append((o, r))
    return out


def _label_persons(reg: Registry, ex: Extraction, text: str) -> None:
    """Full-name labels that match nobody create a person; so do lone first names matching nobody."""
    for t in ex.turns:
        for part in t.label.parts:
            if part.kind not in ("name", "civility", "nickname"):
                continue
            found, _ = candidates_for(reg, part.text)
            m = Mention(part.text, part.start, part.end)
            if found:
                continue
            bare, _ = strip_civility(part.text)
            if part.kind == "civility" and len(tidy(bare).split()) < 2:
                continue
            if initial_form(tidy(bare)) or len(tidy(bare).split()) >= 2:
                add_person(reg, m, text)
                continue
            completions = complete_given_name(text, tidy(bare))
            names = {person_key(c.text) for c in completions}
            if len(names) == 1:
                for c in completions:
                    add_person(reg, c, text)
            else:
                _new(reg, m, tidy(bare), label_only=True)
                reg.findings.append(
                    Finding(
                        "speaker_given_name_only",
                        f"speaker {part.text!r} is known only by this name",
                        part.start,
                        part.end,
                    )
                )


_ROLE_WORD_RE = re.compile(r"^(?:(?:M\.|Mme|Monsieur|Madame)\s+)?(?:l[ea]\s+|l['’]\s*)?", re.IGNORECASE)


def _resolve_role(reg: Registry, text: str, chair: int | None, body: int | None) -> list[int]:
    """Who "Le Président" or "M. le Maire" is: the one holder of that office the minutes name (in the
    body holding the meeting first), else, for a presiding office, the meeting's chair."""
    title = fold(_ROLE_WORD_RE.sub("", text.strip()))
    stem = title[:-1] if title.endswith("e") else title
    holders: list[int] = []
    in_body: list[int] = []
    for i, p in enumerate(reg.persons):
        for o, role in p.memberships:
            r = fold(role or "")
            if r and (r == title or r.startswith(stem + " ") or r in (stem, stem + "e")):
                holders.append(i)
                if o is None or o == body:
                    in_body.append(i)
                break
    presiding = title in _folded_titles("presiding")
    if presiding and chair is not None and (not in_body or chair in in_body):
        return [chair]
    if len(in_body) == 1:
        return in_body
    return holders


def _resolve_turn(
    reg: Registry,
    parts: Sequence,  # type: ignore[type-arg]
    chair: int | None,
    body: int | None,
    offices: dict[str, list[int]],
) -> TurnLink:
    speakers: list[int] = []
    rules: list[str] = []
    cands: list[int] = []
    for part in parts:
        if part.kind == "role" or (part.kind == "civility" and _is_role_civility(part.text)):
            if part.text not in offices:
                offices[part.text] = _resolve_role(reg, part.text, chair, body)
            found = offices[part.text]
            rule = "role"
        else:
            found, rule = candidates_for(reg, part.text)
        if len(found) == 1:
            speakers.append(found[0])
            rules.append(rule)
            reg.persons[found[0]].mentions.append((part.start, part.end))
            _remember_form(reg, found[0], part.text, rule)
        elif len(found) > 1:
            cands.extend(found)
            rules.append("ambiguous")
            reg.findings.append(
                Finding(
                    "ambiguous_speaker",
                    f"speaker {part.text!r} may be any of " + ", ".join(reg.persons[i].name for i in found),
                    part.start,
                    part.end,
                )
            )
        else:
            rules.append("unresolved")
            reg.findings.append(
                Finding(
                    "unresolved_speaker",
                    f"speaker {part.text!r} matches no person named in the minutes",
                    part.start,
                    part.end,
                )
            )
    if "ambiguous" in rules:
        return TurnLink(tuple(speakers), "ambiguous", tuple(dict.fromkeys(cands)))
    if "unresolved" in rules:
        return TurnLink(tuple(speakers), "unresolved")
    order = ["exact", "alias", "given_name", "initial", "fuzzy", "role"]
    weakest = max(rules, key=order.index) if rules else "unresolved"
    return TurnLink(tuple(speakers), weakest)


@cache
def _folded_titles(which: str) -> frozenset[str]:
    """The lexicon's "presiding" or "role" titles, folded."""
    from .extract.turns import load_lexicon

    speakers = load_lexicon().speakers
    titles = speakers.presiding_titles if which == "presiding" else speakers.role_titles
    return frozenset(fold(t) for t in titles)


def _is_role_civility(text: str) -> bool:
    """ "M. le Maire" names an office; "M. LE CORRE" names a person."""
    bare, _ = strip_civility(text)
    m = re.match(r"^(?:l[ea]\s+|l['’])\s*", bare, re.IGNORECASE)
    if not m:
        return False
    return fold(bare[m.end() :]) in _folded_titles("role")


def _remember_form(reg: Registry, i: int, form: str, rule: str) -> None:
    if rule in ("exact", "role"):
        return
    f = tidy(strip_civility(form)[0]) if rule != "role" else form
    if f:
        reg.add_form(i, f)


def ordered(reg: Registry) -> tuple[list[int], list[int]]:
    """Person and organisation indices in order of first mention (ids follow this order)."""
    po = sorted(range(len(reg.persons)), key=lambda i: (reg.persons[i].first_offset(), i))
    oo = sorted(range(len(reg.orgs)), key=lambda i: (reg.orgs[i].first_offset(), i))
    return po, oo


def iter_aliases(p: PersonRec) -> Iterable[str]:
    name = p.name
    seen = {name}
    for f in p.forms:
        t = tidy(f)
        if t not in seen:
            seen.add(t)
            yield t
