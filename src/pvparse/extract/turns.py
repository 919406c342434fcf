"""Speaker turns: "Marc Dupont : ...", "Claire : ...", "* Olivier : ...", "M. le Maire :", "Mme DURAND :".

A "Label : text" line is a turn only when every part of its label reads as a person: a name the
document names elsewhere, a name spaCy tags PER, a civility or an office ("Le Président"). Lines
such as "Résultat : + 4550€", "Animatrice : Odile" or "Notre constat : ..." stay out.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from functools import cache

from ..lines import Line, fold
from ..nlp import EMPTY, Analysis
from ..resources import DataModel, load_data

# "Label : text" with optional emphasis around the label and a bracket before the colon.
_LABEL_RE = re.compile(
    r"(?P<open>[*_]{1,2})?(?P<label>[^\s:*_()\[\]<>#|0-9][^:\n*_()\[\]<>|]{0,80}?)[ ]*"
    r"(?P<close>[*_]{1,2})?[ ]*"
    r"(?:\((?P<paren>[^()\n]{1,60})\)[ ]*)?:(?!//)(?:[ ]*[*_]{1,2})?[ ]*"
)
_PART_SPLIT_RE = re.compile(r"[ ]*(?:,|&|/|\bet\b)[ ]*")
_NAME_TOKEN_RE = re.compile(r"^(?:[dDlLO]['’])?(?:[A-ZÀ-Ý][\w'’.-]*|[A-ZÀ-Ý]\.)$")
_LOWER_NICK_RE = re.compile(r"^[a-zà-ÿ][a-zà-ÿ0-9_.-]{1,20}$")
_DIGIT_RE = re.compile(r"\d")
_AMOUNT_ONLY_RE = re.compile(
    r"^[+\-−]?[ ]*\d[\d  .,]*[ ]*(?:€|euros?|k€|M€|%|EUR|h|heures?)?[ ]*\.?$", re.IGNORECASE
)
_COUNTS_ONLY_RE = re.compile(
    r"^(?:[ ,;/+\-–—]*\d{1,5}[ ]*(?:(?:voix|suffrages?|votes?)(?:[ ]+(?:pour|contre|exprimés?))?"
    r"|pour|contre|abstentions?|blancs?|nuls?|oui|non)\b){1,6}[ .,;]*$",
    re.IGNORECASE,
)


class RoleFields(DataModel):
    moderator: list[str]
    discussant: list[str]
    presenter: list[str]
    rapporteur: list[str]
    chair: list[str]
    secretary: list[str]


class SpeakerWords(DataModel):
    civilities: list[str]
    name_particles: list[str]
    presiding_titles: list[str]
    role_titles: list[str]


class SpeakerLexicon(DataModel):
    not_speaker_words: list[str]
    action_sections: list[str]
    role_fields: RoleFields
    speakers: SpeakerWords


def load_lexicon() -> SpeakerLexicon:
    return load_data("speakers.toml", SpeakerLexicon)


@dataclass(frozen=True)
class LabelCandidate:
    """A line shaped "Label : text"; offsets are absolute."""

    line: int
    label: str
    label_start: int
    label_end: int
    rest_start: int
    rest: str
    bullet: bool


@dataclass(frozen=True)
class SpeakerPart:
    """One speaker inside a label ("Hugo, Julie Martin" has two)."""

    text: str
    start: int
    end: int
    kind: str  # "name" | "civility" | "role" | "nickname"


@dataclass(frozen=True)
class TurnLabel:
    candidate: LabelCandidate
    parts: tuple[SpeakerPart, ...]


def find_label_candidates(lines: Sequence[Line], skip: Collection[int] = ()) -> list[LabelCandidate]:
    """Every line whose content starts with "Label :" (the label as printed, emphasis excluded).

    >>> "Claire : environ 4 mois." → label "Claire", rest "environ 4 mois."
    """
    out: list[LabelCandidate] = []
    for line in lines:
        if line.index in skip or line.blank:
            continue
        cs = line.content_start
        m = _LABEL_RE.match(line.text, cs)
        if not m:
            continue
        label = m.group("label").rstrip()
        ls = m.start("label")
        rest = line.text[m.end() :].rstrip()
        out.append(
            LabelCandidate(
                line=line.index,
                label=label,
                label_start=line.start + ls,
                label_end=line.start + ls + len(label),
                rest_start=line.start + m.end(),
                rest=rest,
                bullet=line.bullet is not None,
            )
        )
    return out


@dataclass(frozen=True)
class _Folded:
    """The lexicon's word lists folded once for matching."""

    roles: dict[str, str]
    not_speaker: frozenset[str]
    civilities: frozenset[str]
    particles: frozenset[str]
    titles: frozenset[str]


@cache
def _folded() -> _Folded:
    lex = load_lexicon()
    roles: dict[str, str] = {}
    for role, words in lex.role_fields.model_dump().items():
        for w in words:
            roles.setdefault(fold(w), role)
    return _Folded(
        roles=roles,
        not_speaker=frozenset(fold(w) for w in lex.not_speaker_words),
        civilities=frozenset(fold(c) for c in lex.speakers.civilities),
        particles=frozenset(fold(p) for p in lex.speakers.name_particles),
        titles=frozenset(fold(t) for t in lex.speakers.role_titles),
    )


def role_field_of(label: str) -> str | None:
    """The role a label assigns ("Animatrice" → moderator), or None."""
    return _folded().roles.get(fold(label).strip(" ."))


MAX_REST_FOR_NAMES = 160


def label_strings(cand: LabelCandidate, lines: Sequence[Line]) -> list[str]:
    """The strings `decide_turns` reads spaCy's analysis of, for this candidate, and no others.

    None for a role field or a line `decide_turns` drops by its shape (no text, figures only, a
    label part that cannot be a person); else the name-shaped parts (spaCy is asked about those the
    document does not print elsewhere), and the rest when it may be a name list and the label is
    one `_rest_is_name_list` is asked about.
    """
    if _dropped_by_shape(cand, lines):
        return []
    lex = load_lexicon()
    parts = [text for text, _, _ in split_parts(cand)]
    kinds = [_classify_part(t, lex) for t in parts]
    if not parts or any(k is None for k in kinds):
        return []
    names = [t for t, k in zip(parts, kinds, strict=True) if k == "name"]
    asks_rest = set(kinds) <= {"role", "civility"} or "name" in kinds
    return names + (rest_strings(cand) if asks_rest else [])


def rest_strings(cand: LabelCandidate) -> list[str]:
    """The text after a label, when it may be a name list ("Jean Dupont, Ville de X"): short, opening
    with a capital, no question, no sentence end, no other colon (see `_may_be_name_list`)."""
    if not _may_be_name_list(cand.rest):
        return []
    r = cand.rest.rstrip(" .;*_").strip(" *_")
    if not r or len(r) > MAX_REST_FOR_NAMES or not r[:1].isupper() or "?" in r or ". " in r:
        return []
    return [r]


class NameIndex:
    """Forms of the person names a document prints (lists, roles), keyed by `fold`."""

    def __init__(self, names: Collection[str]):
        self.full: set[str] = set()
        self.tokens: set[str] = set()
        self.initials: set[str] = set()
        for name in names:
            f = fold(name)
            if not f:
                continue
            self.full.add(f)
            toks = f.replace("-", " - ").split()
            words = [t for t in f.split() if len(t) > 1]
            self.tokens.update(words)
            if len(words) >= 2:
                self.initials.add(f"{words[0]} {words[1][0]}.")
            if toks:
                pass

    def knows(self, text: str) -> bool:
        f = fold(text)
        if f in self.full or f in self.initials:
            return True
        words = f.split()
        return len(words) == 1 and words[0] in self.tokens


def split_parts(cand: LabelCandidate) -> list[tuple[str, int, int]]:
    """Split a label on ",", "et", "&", "/" into speaker strings with absolute offsets."""
    parts: list[tuple[str, int, int]] = []
    pos = 0
    label = cand.label
    for m in _PART_SPLIT_RE.finditer(label):
        if m.start() > pos:
            parts.append((label[pos : m.start()], cand.label_start + pos, cand.label_start + m.start()))
        pos = m.end()
    if pos < len(label):
        parts.append((label[pos:], cand.label_start + pos, cand.label_start + len(label)))
    return parts


def _classify_part(text: str, lex: SpeakerLexicon) -> str | None:
    """'civility', 'role', 'name' or 'nickname' by shape alone; None when it cannot be a person."""
    words = text.split()
    if not words or len(words) > 6 or _DIGIT_RE.search(text):
        return None
    folded = [fold(w) for w in words]
    f = _folded()
    particles = f.particles
    if folded[0] in f.civilities and len(words) >= 2:
        return "civility"
    rest = " ".join(folded[1:]) if folded[0] in ("le", "la", "l'", "les") else " ".join(folded)
    if rest in f.titles:
        return "role"
    if folded[0] in f.not_speaker:
        return None
    if len(words) == 1 and _LOWER_NICK_RE.match(words[0]):
        return "nickname"
    for i, w in enumerate(words):
        if fold(w) in particles and 0 < i < len(words) - 1:
            continue
        if not _NAME_TOKEN_RE.match(w):
            return None
    if len(words) > 4:
        return None
    return "name"


def _may_be_name_list(rest: str) -> bool:
    """Can the text after the colon be a name list at all, whatever spaCy says of it? Not when it is
    empty, long, ends like a sentence or holds another colon."""
    r = rest.strip(" *_")
    return bool(r) and len(r) <= 160 and not re.search(r"[.!?;]\s*$|:", r)


def _rest_is_name_list(cand: LabelCandidate, analysis: Mapping[str, Analysis]) -> bool:
    """Is the text after the colon only a person (and organisation) — "Jean Dupont, Ville de Lyon"?
    spaCy's reading of it is looked up only when `rest_strings` sends it."""
    sent = rest_strings(cand)
    if not sent:
        return False
    head = cand.rest.strip(" *_").split(",")[0].strip()
    return any(
        e.label == "PER" and e.start == 0 and len(e.text) >= len(head) * 0.7
        for e in analysis.get(sent[0], EMPTY).entities
    )


def _dropped_by_shape(cand: LabelCandidate, lines: Sequence[Line]) -> bool:
    """Candidates `decide_turns` drops before any reading: role fields ("Animatrice : Odile"), a label
    with no text after it nor below it, figures only ("Excédent : + 5 470 €", "Lucie Martin : 3
    contre - 1 abstention - 22 pour")."""
    if role_field_of(cand.label) is not None:
        return True
    if not cand.rest and not _has_text_after(lines, cand.line):
        return True
    return bool(_COUNTS_ONLY_RE.match(cand.rest) or _AMOUNT_ONLY_RE.match(cand.rest))


@dataclass(frozen=True)
class _Judged:
    turn: TurnLabel
    evidence: str  # "known" (printed elsewhere, civility, office), "ner" (spaCy PER only), "shape" (none)


def _runs(judged: Sequence[_Judged], max_gap: int = 2) -> list[list[_Judged]]:
    """Consecutive label lines (at most `max_gap` lines apart, same bullet style) form a run."""
    runs: list[list[_Judged]] = []
    for j in judged:
        c = j.turn.candidate
        if runs:
            last = runs[-1][-1].turn.candidate
            if c.line - last.line <= max_gap and c.bullet == last.bullet:
                runs[-1].append(j)
                continue
        runs.append([j])
    return runs


def decide_turns(
    candidates: Sequence[LabelCandidate],
    lines: Sequence[Line],
    known: NameIndex,
    analysis: Mapping[str, Analysis],
) -> list[TurnLabel]:
    """Keep the candidates whose every label part reads as a person, and whose text reads as speech.

    Evidence is weighed per run of label lines: in a run where most labels are names the document
    prints or spaCy tags PER ("* Olivier : ...", "* Bastien : ..."), a name-shaped label without
    evidence is a speaker too; in a run where most are not ("Twitter : ...", "Mastodon : ..."), a
    label that only spaCy vouches for is not.
    """
    lex = load_lexicon()
    judged: list[_Judged] = []
    nick_lines: list[tuple[LabelCandidate, list[SpeakerPart]]] = []
    for cand in candidates:
        if _dropped_by_shape(cand, lines):
            continue
        parts: list[SpeakerPart] = []
        ok = True
        evidence = "known"
        for text, s, e in split_parts(cand):
            kind = _classify_part(text, lex)
            if kind is None:
                ok = False
                break
            if kind == "name" and not known.knows(text):
                if analysis.get(text, EMPTY).covering("PER", text):
                    evidence = "ner" if evidence == "known" else evidence
                elif len(text.split()) == 1:
                    evidence = "shape"
                else:
                    ok = False
                    break
            parts.append(SpeakerPart(text, s, e, kind))
        if not ok or not parts:
            continue
        kinds = {p.kind for p in parts}
        if kinds <= {"role", "civility"} and _rest_is_name_list(cand, analysis):
            continue  # "Le Président : Jean Dupont" names an office holder
        if (
            "name" in kinds
            and not any(known.knows(p.text) for p in parts)
            and _rest_is_name_list(cand, analysis)
        ):
            continue  # "Cap Avenir : Jean Dupont, Ville de X" presents a programme
        if "nickname" in kinds:
            if not cand.bullet or len(parts) > 1 or not cand.rest:
                continue
            nick_lines.append((cand, parts))
            continue
        judged.append(_Judged(TurnLabel(cand, tuple(parts)), evidence))
    accepted: list[TurnLabel] = []
    for run in _runs(judged):
        strong = sum(1 for j in run if j.evidence in ("known", "ner"))
        speaking_run = len(run) >= 2 and strong >= 1 and strong * 2 >= len(run)
        for j in run:
            if j.evidence == "known" or (speaking_run and j.evidence in ("ner", "shape")):
                accepted.append(j.turn)
            elif j.evidence == "ner" and len(run) == 1:
                accepted.append(j.turn)
    # A label accepted on one line is a speaker on its other lines too.
    taken = {fold(t.candidate.label) for t in accepted}
    done = {t.candidate.line for t in accepted}
    accepted += [
        j.turn for j in judged if j.turn.candidate.line not in done and fold(j.turn.candidate.label) in taken
    ]
    # A lower-case nickname is a speaker only among bullet turns ("* nico : ..." beside "* Olivier : ...").
    if nick_lines and any(t.candidate.bullet for t in accepted):
        bullet_lines = {t.candidate.line for t in accepted if t.candidate.bullet}
        for cand, parts in nick_lines:
            if any(abs(cand.line - b) <= 6 for b in bullet_lines) or known.knows(cand.label):
                accepted.append(TurnLabel(cand, tuple(parts)))
    accepted.sort(key=lambda t: t.candidate.line)
    return accepted


def _has_text_after(lines: Sequence[Line], i: int) -> bool:
    j = i + 1
    while j < len(lines) and lines[j].blank:
        j += 1
    return j < len(lines) and j - i <= 3


def under_action_headings(
    candidates: Sequence[LabelCandidate], headings: Sequence[tuple[int, str]]
) -> set[int]:
    """Lines of candidates whose nearest heading above is an action list ("## Actions", "À faire")."""
    words = {fold(w) for w in load_lexicon().action_sections}
    out: set[int] = set()
    for c in candidates:
        above = [title for line, title in headings if line < c.line]
        if above and fold(above[-1]).strip(" :*_#") in words:
            out.add(c.line)
    return out


@dataclass(frozen=True)
class TurnText:
    start: int
    end: int


def turn_text_span(
    label: TurnLabel, lines: Sequence[Line], stop_lines: Collection[int], text_length: int
) -> TurnText:
    """The turn's words: after the colon, over its continuation paragraphs, to the next stop line."""
    cand = label.candidate
    start = cand.rest_start
    end = lines[cand.line].end
    j = cand.line + 1
    while j < len(lines) and j not in stop_lines:
        if not lines[j].blank:
            end = lines[j].end
        j += 1
    if not cand.rest:
        k = cand.line + 1
        while k < len(lines) and lines[k].blank:
            k += 1
        start = lines[k].start + lines[k].content_start if k < len(lines) and k not in stop_lines else start
    end = max(end, start)
    return TurnText(start, min(end, text_length))
