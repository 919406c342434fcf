"""The vote vocabulary of `models/decisions.toml`, compiled into regexes over folded text.

Matching runs on `fold_keep` copies of the source: lower case, accents removed, apostrophes and
dashes unified, one character for one character, so a match's offsets are offsets in the source.
Every regex is built from the word lists with bounded quantifiers only.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache

from pydantic import Field

from ..resources import DataModel, load_data

COUNT_FIELDS = ("for", "against", "abstain", "blank", "voters")


class CountWords(DataModel):
    for_: list[str] = Field(alias="for")
    against: list[str]
    abstain: list[str]
    blank: list[str]
    voters: list[str]

    def by_field(self) -> dict[str, list[str]]:
        return {
            "for": self.for_,
            "against": self.against,
            "abstain": self.abstain,
            "blank": self.blank,
            "voters": self.voters,
        }


class ResultWords(DataModel):
    adopted_participles: list[str]
    rejected_participles: list[str]
    quitus_participles: list[str]
    adopted_verbs: list[str]
    rejected_verbs: list[str]
    bodies: list[str]
    opinion_verbs: list[str]
    impersonal: list[str]
    decision_labels: list[str]
    consent: list[str]
    unanimity: list[str]
    unanimous_nouns: list[str]
    majority: list[str]
    past_cues: list[str]
    procedural: list[str]
    reported_verbs: list[str]
    hypothetical_cues: list[str]


class SubjectWords(DataModel):
    generic: list[str]
    proposal_labels: list[str]
    heading_prefixes: list[str]


class DecisionLexicon(DataModel):
    vote_heads: list[str]
    vote_nouns: list[str]
    counts: CountWords
    numbers: dict[str, int]
    results: ResultWords
    subjects: SubjectWords


def load_lexicon() -> DecisionLexicon:
    return load_data("decisions.toml", DecisionLexicon)


_APOSTROPHES = "’‘ʼ`´′"
_DASHES = "–—‑‐−"


class _FoldTable(dict[int, str]):
    """`str.translate` table filled on first sight of each character: lower case, no accent, 1:1."""

    def __missing__(self, code: int) -> str:
        c = chr(code)
        if c in _APOSTROPHES:
            r = "'"
        elif c in _DASHES:
            r = "-"
        else:
            base = unicodedata.normalize("NFD", c)[0].lower()
            r = base if len(base) == 1 else c
        self[code] = r
        return r


_FOLD_TABLE = _FoldTable()
_NON_ASCII_RE = re.compile(r"[^\x00-\x7f]")
_SHORT = 100  # below this many characters, looking each one up costs less than the replaces
_ASCII_BYTES = bytes(range(128))


def fold_keep(s: str) -> str:
    """Lower case without accents, one character per character ("Adoptée" → "adoptee").

    The same as `s.translate(_FOLD_TABLE)`, which looks every character up in Python. Here the UTF-8
    bytes are lowered (which changes A-Z only: in UTF-8 an ASCII byte is always an ASCII character)
    and each distinct non-ASCII character is replaced by its fold, when each of them folds into a
    character that folds into itself (`_folds_once`): then the replaces change nothing of one another,
    in any order. tests/unit/test_vote_words.py checks it on every code point.
    """
    if s.isascii():
        return s.lower().replace("`", "'")  # the one ASCII character the table changes beyond case
    if len(s) < _SHORT:
        return s.translate(_FOLD_TABLE)
    try:
        data = s.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate
        return s.translate(_FOLD_TABLE)
    odd = set(data.translate(None, _ASCII_BYTES).decode("utf-8"))
    if not all(_folds_once(c) for c in odd):
        return s.translate(_FOLD_TABLE)
    folded = data.lower().decode("utf-8")
    for c in odd:
        if (f := _FOLD_TABLE[ord(c)]) != c:
            folded = folded.replace(c, f)
    return folded.replace("`", "'") if "`" in folded else folded


def _folds_once(c: str) -> bool:
    """Whether the fold of `c` folds into itself (not "῀" → "`" → "'")."""
    f = _FOLD_TABLE[ord(c)]
    return _FOLD_TABLE[ord(f)] == f


def _non_ascii(s: str) -> set[str]:
    """The distinct non-ASCII characters of `s`. Deleting the ASCII bytes of its UTF-8 form leaves the
    other characters' bytes, whole; this is many times faster than a regex search for each of them. A
    lone surrogate has no UTF-8 form: then the regex does it."""
    try:
        data = s.encode("utf-8")
    except UnicodeEncodeError:
        return set(_NON_ASCII_RE.findall(s))
    return set(data.translate(None, _ASCII_BYTES).decode("utf-8"))


def find_all(text: str, sub: str, start: int, end: int) -> list[int]:
    """Every offset where `sub` stands whole inside text[start:end]."""
    out = []
    q = text.find(sub, start, end)
    while q >= 0:
        out.append(q)
        q = text.find(sub, q + 1, end)
    return out


def search_at(
    pattern: re.Pattern[str], text: str, starts: Iterable[int], pos: int, endpos: int
) -> re.Match[str] | None:
    """`pattern.search(text, pos, endpos)` for a pattern that never matches the empty string, when
    every match it can have there starts at one of `starts`: the first offset where it matches."""
    for p in sorted(set(starts)):
        if p < pos:
            continue
        if p >= endpos:
            break
        if m := pattern.match(text, p, endpos):
            return m
    return None


def matches_at(
    pattern: re.Pattern[str], text: str, starts: Iterable[int], pos: int, endpos: int
) -> list[re.Match[str]]:
    """`list(pattern.finditer(text, pos, endpos))` for a pattern that never matches the empty string,
    when every match it can have there starts at one of `starts` (any order, repeats allowed).

    A search tries the pattern at every offset, which costs about as much as a `str.find` over many
    characters; here it is tried at the given offsets only, in order, each one after the end of the
    previous match, which is what `finditer` does at the offsets where it finds a match.
    """
    out = []
    end = pos
    for p in sorted(set(starts)):
        if p < end:
            continue
        if p >= endpos:
            break
        m = pattern.match(text, p, endpos)
        if m:
            out.append(m)
            end = m.end()
    return out


def fold_lines(texts: Sequence[str]) -> list[str]:
    """`fold_keep` of each line's text, folded at once: a line break folds into itself and nothing else
    folds into one, so the folded lines are the folded whole cut at its breaks."""
    folded = fold_keep("\n".join(texts)).split("\n")
    return folded if len(folded) == len(texts) else [fold_keep(t) for t in texts]


def _units(w: str) -> list[str]:
    """A lexicon word as regex pieces over folded text, one per character: spaces stretch, apostrophes
    may be followed by spaces."""
    text = " ".join(fold_keep(w).split())
    return ["[ ]+" if c == " " else "'[ ]?" if c == "'" else re.escape(c) for c in text]


def _word(w: str) -> str:
    return "".join(_units(w))


def word_tree(words: Iterable[str]) -> str:
    """The strings of `alternation(words)` as a prefix tree ("vot(?:ant|e(?:s)?)"): the same strings
    match, but a search tries each letter once per position instead of once per word."""
    return _branches(_prefix_tree(words))


def word_trees_by_first(words: Iterable[str]) -> list[str]:
    """`word_tree(words)` cut into one tree per first letter ("v(?:alid…|ot…)", "a(?:dopt…|…)"): at an
    offset only the tree of the letter there can match, and a search for a pattern that opens with one
    letter skips to that letter, a much faster scan than trying the whole tree at every character."""
    root = _prefix_tree(words)
    return [unit + _branches(root[unit]) for unit in sorted(root)]


def _prefix_tree(words: Iterable[str]) -> dict[str, dict]:
    """The words as nested dicts, one level per letter unit; "" marks the end of a word."""
    root: dict[str, dict] = {}
    for w in words:
        if w.strip():
            node = root
            for unit in _units(w):
                node = node.setdefault(unit, {})
            node[""] = {}
    return root


def _branches(node: dict[str, dict]) -> str:
    alts = [unit + _branches(node[unit]) for unit in sorted(node) if unit]
    if not alts:
        return ""
    if "" in node:  # a word ends here; a longer one may go on
        return "(?:" + "|".join(alts) + ")?"
    return alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"


def alternation(words: Iterable[str]) -> str:
    """`(?:longest|...|shortest)` so that "voix pour" wins over "pour"."""
    uniq = sorted({_word(w) for w in words if w.strip()}, key=lambda x: (-len(x), x))
    return "(?:" + "|".join(uniq) + ")"


_WB = r"(?<![\w'])"  # a word starts here
_WE = r"(?![\w'-])"  # a word ends here
_NUM = r"\d{1,4}"
# A number that is an amount, a percentage or a time is not a count.
_NOT_AMOUNT = r"(?!\d|[.,]\d|[ ]?(?:€|%|k€|euros?\b|h\d|h\b|ans?\b|mois\b|jours?\b|m2|m²|cent\b|mille\b))"
_AGREE = r"(?:e|s|es)?"


@dataclass(frozen=True)
class VotePatterns:
    """Compiled regexes; named groups carry the field names."""

    count_label: re.Pattern[str]
    count_number: re.Pattern[str]
    count_words_number: re.Pattern[str]
    count_by_against: re.Pattern[str]
    count_by_votes: re.Pattern[str]
    bare_votes: re.Pattern[str]
    field_of: dict[str, str]
    numbers: dict[str, int]
    vote_head: re.Pattern[str]
    vote_word: re.Pattern[str]
    passive: re.Pattern[str]
    quitus: re.Pattern[str]
    standalone: re.Pattern[str]
    label_result: re.Pattern[str]
    noun_result: re.Pattern[str]
    any_participle: re.Pattern[str]
    label_flag: re.Pattern[str]
    flag_only: re.Pattern[str]
    submission: re.Pattern[str]
    active: re.Pattern[str]
    active_past: re.Pattern[str]
    opinion: re.Pattern[str]
    impersonal: re.Pattern[str]
    decision_label: re.Pattern[str]
    decision_list: re.Pattern[str]
    consent: re.Pattern[str]
    unanimity: re.Pattern[str]
    unanimity_minus: re.Pattern[str]
    unanimous_noun: re.Pattern[str]
    majority: re.Pattern[str]
    past: re.Pattern[str]
    procedural: re.Pattern[str]
    hypothetical: re.Pattern[str]
    reported: re.Pattern[str]
    rejected_participle: re.Pattern[str]
    rejected_verb: re.Pattern[str]
    decide_not: re.Pattern[str]
    proposal_label: re.Pattern[str]
    heading_prefix: re.Pattern[str]
    generic: frozenset[str]
    bodies: frozenset[str]
    cues: WordCues
    # what every match of `passive` starts with: "n'", "ne", or an auxiliary ("a" and "ont" then a space)
    passive_openings: tuple[str, ...]


@cache
def patterns() -> VotePatterns:
    lx = load_lexicon()
    fields = lx.counts.by_field()
    field_of = {fold_keep(" ".join(w.split())): f for f, words in fields.items() for w in words}
    all_field_words = alternation(w for words in fields.values() for w in words)
    nouns = alternation(lx.vote_nouns)
    numbers = {fold_keep(k): v for k, v in lx.numbers.items()}
    word_nums = alternation(lx.numbers)
    word_num_fields = alternation([*lx.counts.abstain, *lx.counts.blank])
    r = lx.results
    adopted_p = alternation(r.adopted_participles)
    rejected_p = alternation(r.rejected_participles)
    any_p = "(?:" + adopted_p + "|" + rejected_p + ")"
    adverbs = (
        r"(?:ainsi|donc|bien|egalement|aussi|definitivement|alors|finalement|enfin|a[ ]nouveau|de[ ]nouveau)"
    )
    aux = r"(?:est|sont|fut|furent|(?:a|ont)(?:[ ]+pas)?[ ]+ete|(?:a|ont)[ ]+donc[ ]+ete)"
    body = r"(?:(?:l'[ ]?|le[ ]+|la[ ]+|les[ ]+|notre[ ]+|son[ ]+|sa[ ]+)?" + alternation(r.bodies) + r")"
    verbs = "(?:" + alternation(r.adopted_verbs) + "|" + alternation(r.rejected_verbs) + ")"
    apposition = r"(?:[ ]*,[^,.;:]{1,80},)?"
    # "Le CA se réunit aussitôt, pendant une suspension de séance, et désigne son bureau"
    coordinated = r"(?:[ ][^.;:!?]{1,100}?[ ,]et)?"
    # "L'AG, à l'unanimité, décide", "L'AG à l'unanimité décide", "l'approuve", "les adopte"
    manner = r"(?:[ ]+(?:a[ ]l'unanimite|a[ ]la[ ]majorite|unanimement|majoritairement))?"
    pronoun = r"(?:[ ]+(?:l'|les|le|la))?"
    return VotePatterns(
        count_label=re.compile(
            rf"{_WB}(?:{nouns}[ ]+)?(?P<word>{all_field_words})[ ]*(?:\*\*|__)?[ ]*[:=][ ]*(?:\*\*|__)?[ ]*"
            rf"(?P<n>{_NUM}{_NOT_AMOUNT}|(?:neant|aucune?|zero){_WE})"
        ),
        count_number=re.compile(
            rf"(?<![\w.,/-])(?P<n>{_NUM})[ ]*(?:(?P<noun>{nouns})[ ]+)?(?P<word>{all_field_words}){_WE}"
            r"(?![ ]*(?:cent|%|mille)\b)"
        ),
        count_words_number=re.compile(
            rf"{_WB}(?P<n>{word_nums})[ ]+(?:(?P<noun>{nouns})(?:[ ]+(?P<word>{all_field_words}))?"
            rf"|(?P<word2>{word_num_fields})){_WE}"
        ),
        count_by_against=re.compile(
            rf"{_WB}(?:par|a)[ ]+(?P<for>{_NUM})[ ]+{nouns}[ ]+contre[ ]+(?P<against>{_NUM}){_NOT_AMOUNT}"
            rf"(?![ ]*(?:{nouns}[ ]+)?(?:pour|contre)\b)"
        ),
        count_by_votes=re.compile(
            rf"{_WB}(?:par|a)[ ]+(?P<n>{_NUM})[ ]+{nouns}{_WE}(?![ ]+(?:{all_field_words}){_WE})"
        ),
        bare_votes=re.compile(rf"(?<![\w.,/-])(?P<n>{_NUM})[ ]*(?P<noun>{nouns}){_WE}"),
        field_of=field_of,
        numbers=numbers,
        vote_head=re.compile(rf"(?P<head>{alternation(lx.vote_heads)}){_WE}"),
        vote_word=re.compile(
            rf"{_WB}(?:{nouns}|votants?|scrutin|abstentions?|approuvent|desapprouvent){_WE}"
        ),
        passive=re.compile(
            rf"(?:(?P<neg>{_WB}n'[ ]?|{_WB}ne[ ]+)|{_WB})(?P<aux>{aux})(?P<pas>[ ]+pas)?"
            rf"(?:[ ]*,?[ ]+{adverbs}[ ]*,?){{0,2}}"
            rf"[ ]+(?P<part>{any_p}){_AGREE}{_WE}"
        ),
        quitus=re.compile(
            rf"{_WB}quitus{_WE}[^.;]{{0,60}}?{_WB}(?P<aux>est|sont|(?:a|ont)[ ]+ete)[ ]+"
            rf"(?P<part>{alternation(r.quitus_participles)}){_AGREE}{_WE}"
        ),
        standalone=re.compile(
            # "->" is already "-" then ">": reading it two ways made "->->->..." exponential (issue 6)
            rf"(?:[ *_>+-]|=>|→)*+(?:resultats?[ ]*:[ ]*)?(?P<part>{any_p}){_AGREE}{_WE}(?![ ]*:)"
        ),
        noun_result=re.compile(
            rf"(?P<np>(?:[^\W\d][\w'-]*)(?:[ ]+[\w'-]+){{0,7}}?)[ ]+(?P<part>{any_p}){_AGREE}{_WE}"
        ),
        any_participle=re.compile(rf"{_WB}(?P<part>{any_p}){_AGREE}{_WE}"),
        label_result=re.compile(rf":[ *_]*(?P<part>{any_p}){_AGREE}{_WE}"),
        flag_only=re.compile(
            rf"[ *_>+-]*(?:{alternation([*r.unanimity, *r.majority, *r.consent])})"
            r"(?:[ ]+(?:des|de[ ]+la|du)[ ]+[\w' ]{1,40})?[ .!*_]*"
        ),
        submission=re.compile(
            r"(?<![\w'])(?:soumet|soumettent|met|mettent)[ ]+(?:(?:au[ ]+vote|aux[ ]+voix|aux[ ]+votes)[ ]+"
            r"(?P<a>[^.;:]{3,120})|(?P<b>[^.;:]{3,120}?)[ ]+(?:au[ ]+vote|aux[ ]+voix|aux[ ]+votes)(?![\w']))"
            r"|(?<![\w'])(?:propose|proposent)[ ]+(?:de[ ]+|d'[ ]?)?(?P<c>[^.;:?]{3,160})"
        ),
        label_flag=re.compile(
            rf":[ *_]*(?:{alternation([*r.unanimity, *r.majority, *r.consent])})"
            r"(?:[ ]+(?:des|de[ ]+la|du)[ ]+[\w' ]{1,40})?[ .!*_]*$"
        ),
        active=re.compile(
            rf"{_WB}(?P<body>{body}){_WE}{apposition}{coordinated}{manner}"
            rf"(?:[ ]+(?P<neg>ne|n'))?{pronoun}[ ]*(?P<verb>{verbs}){_WE}(?P<pas>[ ]+pas)?"
        ),
        active_past=re.compile(
            rf"{_WB}(?P<body>{body}){_WE}{apposition}[ ]+(?:(?P<neg>ne[ ]+|n'[ ]?))?"
            r"(?:a|ont|avons)(?P<pas>[ ]+pas)?"
            rf"[ ]+(?P<part>{any_p}|decide){_WE}"
        ),
        opinion=re.compile(
            rf"{_WB}(?P<body>{body}){_WE}[^.;]{{0,80}}?{_WB}(?:{alternation(r.opinion_verbs)}){_WE}[^.;]{{0,40}}?"
            rf"{_WB}avis[ ]+(?P<kind>favorable|defavorable){_WE}"
        ),
        impersonal=re.compile(rf"{_WB}(?P<phrase>{alternation(r.impersonal)})[ ]+(?:de|d'|que|qu')"),
        decision_label=re.compile(
            # `[ *_]*+`, not `(?:[ *_]|\*\*)*`: the two ways to read "**" made a line of stars exponential
            rf"[ *_]*+(?P<label>{alternation(r.decision_labels)})[ *_]*:[ ]*(?=\S)"
        ),
        decision_list=re.compile(
            rf"[#=*_ ]*+(?:relevee?[ ]+de[ ]+)?{alternation(r.decision_labels)}[ *_#=]*:?[ *_#=]*"
        ),
        consent=re.compile(rf"{_WB}(?:{alternation(r.consent)}){_WE}"),
        unanimity=re.compile(rf"{_WB}(?:{alternation(r.unanimity)}){_WE}"),
        unanimity_minus=re.compile(rf"{_WB}(?:{alternation(r.unanimity)})[ ]+moins{_WE}"),
        unanimous_noun=re.compile(
            rf"{_WB}(?:la|le|l')[ ]?(?:{alternation(r.unanimous_nouns)})[ ]+"
            rf"(?:est|etait|fut|a[ ]+ete)[ ]+unanimes?{_WE}"
        ),
        majority=re.compile(rf"{_WB}(?:{alternation(r.majority)}){_WE}"),
        past=re.compile(rf"{_WB}(?:{alternation(r.past_cues)}){_WE}"),
        procedural=re.compile(rf"{_WB}(?:{alternation(r.procedural)}){_WE}"),
        hypothetical=re.compile(rf"{_WB}(?:{alternation(r.hypothetical_cues)}){_WE}"),
        reported=re.compile(rf"{_WB}(?:{alternation(r.reported_verbs)})[ ]+qu(?:e{_WE}|')"),
        rejected_participle=re.compile(rf"{rejected_p}"),
        rejected_verb=re.compile(rf"{alternation(r.rejected_verbs)}$"),
        decide_not=re.compile(r"decid\w{0,4}[^.;]{0,60}?\bde[ ]+(?:ne[ ]+pas|rejeter|refuser|ne[ ]+plus)\b"),
        proposal_label=re.compile(
            rf"[ *_]*+(?P<label>{alternation(lx.subjects.proposal_labels)})"
            r"(?:[ ]+(?:n°|no|numero)?[ ]?\d{1,3})?[ *_]*:[ ]*(?=\S)"
        ),
        heading_prefix=re.compile(
            rf"(?:{alternation(lx.subjects.heading_prefixes)})(?:(?<=')|(?![\w-]))[ ]*"
        ),
        generic=frozenset(fold_keep(w) for w in lx.subjects.generic),
        bodies=frozenset(fold_keep(w) for w in r.bodies),
        cues=_cues(lx),
        passive_openings=("n'", "ne ", "est", "sont", "fut", "furent", "a ", "ont "),
    )


# Words that the patterns above spell in code rather than take from the lexicon.
DECIDE = "decide"  # active_past
OPINION = "avis"  # opinion
UNANIMOUS = "unanime"  # unanimous_noun
_VOTE_WORD_EXTRAS = ("votant", "scrutin", "abstention", "approuvent", "desapprouvent")  # vote_word
AUX_WORDS = ("est", "sont", "fut", "furent", "ete")  # every auxiliary of `passive` holds one
_ASCII_DIGITS = "0123456789"
# Groups that only filter or strengthen evidence, not make it.
# "count" (every count word) too: such a word is evidence only next to a number, ":" or "=".
_NOT_EVIDENCE = frozenset({"vote_word", "past", "procedural", "count"})


@dataclass(frozen=True)
class WordCues:
    """The lexicon's words by group, as prefix trees, to tell cheaply which groups occur in a sentence.
    Each pattern above needs a word of some group to match ("passive" a participle, "count_by_votes" a
    vote noun), so it need not run where none occurs."""

    groups: dict[str, re.Pattern[str]]  # group name → its words
    words: re.Pattern[str]  # the words of every group
    by_first: tuple[re.Pattern[str], ...]  # `words` cut by first letter (`word_trees_by_first`)
    count_word: re.Pattern[str]  # every count word ("pour", "votants"): a count with a number, ":" or "="
    aux: re.Pattern[str]  # "est", "ont été": what `passive` needs
    perfect: re.Pattern[str]  # "a adopté", "ont décidé": what `active_past` needs


def _cues(lx: DecisionLexicon) -> WordCues:
    r = lx.results
    c = lx.counts
    participles = [*r.adopted_participles, *r.rejected_participles]
    words = {
        "head": lx.vote_heads,
        "noun": lx.vote_nouns,
        "abstain_blank": [*c.abstain, *c.blank],
        "vote_word": [*lx.vote_nouns, *_VOTE_WORD_EXTRAS],
        "participle": participles,
        "quitus": r.quitus_participles,
        "verb": [*r.adopted_verbs, *r.rejected_verbs],
        "decide": [DECIDE],
        "impersonal": r.impersonal,
        "opinion": [OPINION],
        "label": r.decision_labels,
        "unanimity": r.unanimity,
        "majority": r.majority,
        "consent": r.consent,
        "unanimous": [UNANIMOUS],
        "past": r.past_cues,
        "procedural": r.procedural,
        "count": [w for ws in c.by_field().values() for w in ws],  # the words of `count_word`
    }
    return WordCues(
        groups={g: re.compile(word_tree(ws)) for g, ws in words.items()},
        words=re.compile(word_tree(w for ws in words.values() for w in ws)),
        by_first=tuple(re.compile(t) for t in word_trees_by_first(w for ws in words.values() for w in ws)),
        count_word=re.compile(word_tree(w for ws in c.by_field().values() for w in ws)),
        aux=re.compile("|".join(AUX_WORDS)),
        perfect=re.compile(rf"(?:a|ont|avons)(?:[ ]++pas)?[ ]++(?:{word_tree([*participles, DECIDE])})"),
    )


@dataclass(frozen=True)
class WordPlaces:
    """Where the lexicon's words start in a folded line: (start, end, groups) of the longest word at
    each place. Every word that starts there is a beginning of that one ("votes blancs": "vote",
    "votes", "votes blancs"), so its groups are all the groups of the words starting there."""

    folded: str
    places: tuple[tuple[int, int, frozenset[str]], ...]

    def groups(self, s: int, e: int) -> set[str]:
        """The groups with a word inside folded[s:e]."""
        found: set[str] = set()
        for a, b, groups in self.places:
            if a >= e:
                break
            if a < s:
                continue
            if b <= e:
                found |= groups
            elif m := patterns().cues.words.match(self.folded, a, e):  # the longest word that ends by e
                found |= _groups_of(m.group())
        return found

    def starts(self, s: int, e: int, groups: Collection[str]) -> list[int]:
        """Every offset in folded[s:e] where a word of one of `groups` starts (maybe a few more: the
        groups of a word running past e are those of the longest one)."""
        return [a for a, _, found in self.places if s <= a < e and not found.isdisjoint(groups)]


def find_words(folded: str, s: int, e: int) -> WordPlaces:
    """Every place in folded[s:e] where a word of the lexicon's groups (`WordCues`) starts."""
    places = [(m.start(), m.end(), _groups_of(m.group())) for m in _word_matches(folded, s, e)]
    return WordPlaces(folded, tuple(places))


def find_words_in(folded_lines: Sequence[str], spans: Sequence[tuple[int, int]]) -> list[WordPlaces]:
    """`find_words(folded_lines[k], *spans[k])` for every k, from one search of the lines joined by line
    breaks: no word holds a line break, so a word found there lies inside one line."""
    words = patterns().cues.words
    joined = "\n".join(folded_lines)
    places: list[list[tuple[int, int, frozenset[str]]]] = [[] for _ in folded_lines]
    k, base, nxt = 0, 0, len(folded_lines[0]) + 1 if folded_lines else 0
    for m in _word_matches(joined, 0, len(joined)):
        a = m.start()
        while a >= nxt:  # the line holding the word
            k += 1
            base, nxt = nxt, nxt + len(folded_lines[k]) + 1
        s, e = spans[k]
        if s <= a - base < e:
            if m.end() - base <= e:
                places[k].append((a - base, m.end() - base, _groups_of(m.group())))
            elif w := words.match(folded_lines[k], a - base, e):  # a word running past the span
                places[k].append((w.start(), w.end(), _groups_of(w.group())))
    return [WordPlaces(f, tuple(p)) for f, p in zip(folded_lines, places, strict=True)]


def _word_matches(text: str, pos: int, endpos: int) -> list[re.Match[str]]:
    """The match of `cues.words` at each offset of text[pos:endpos] where it has one (the longest word
    starting there), in order: the matches of the tree of each first letter, searched for one by one."""
    found = []
    for rx in patterns().cues.by_first:
        m = rx.search(text, pos, endpos)
        while m:
            found.append(m)
            m = rx.search(text, m.start() + 1, endpos)
    found.sort(key=lambda m: m.start())
    return found


@lru_cache(maxsize=4096)
def _groups_of(word: str) -> frozenset[str]:
    """The groups with a word that `word` begins with ("votes blancs" → noun, head, abstain_blank...)."""
    return frozenset(g for g, rx in patterns().cues.groups.items() if rx.match(word))


def may_hold_vote(groups: set[str], folded: str, s: int, e: int) -> bool:
    """Whether folded[s:e], with words of these groups, has a word without which no vote pattern can
    match there, a cheap necessary condition: "12 pour", "Vote :", "adopté", "à l'unanimité", but not
    "Marie présente le bilan"."""
    return not groups <= _NOT_EVIDENCE or _numbered_count_word(groups, folded, s, e)


def may_count(groups: set[str], folded: str, s: int, e: int) -> bool:
    """Whether folded[s:e] has the words a count needs ("12 pour", "Pour : 12", "deux abstentions")."""
    return "noun" in groups or "abstain_blank" in groups or _numbered_count_word(groups, folded, s, e)


def _numbered_count_word(groups: set[str], folded: str, s: int, e: int) -> bool:
    # "pour", "contre", "votants" count only after a number or before ":" or "=" ("Pour : 12")
    # the "count" group is there exactly where `count_word` finds a word (see `WordPlaces`)
    return "count" in groups and (has_mark(folded, s, e) or has_digit(folded, s, e))


def has_mark(text: str, s: int, e: int) -> bool:
    """Whether text[s:e] holds a ":" or "=" ("Pour : 12", "Contre = 2")."""
    return text.find(":", s, e) >= 0 or text.find("=", s, e) >= 0


def digit_offsets(text: str, s: int, e: int) -> list[int] | None:
    """The offsets of the digits 0-9 in text[s:e], or None when it holds another decimal digit ("٧")."""
    part = text[s:e]
    if not part.isascii() and any(c.isdecimal() for c in _non_ascii(part)):
        return None
    return [q for d in _ASCII_DIGITS for q in find_all(text, d, s, e)]


def has_digit(text: str, s: int, e: int) -> bool:
    r"""Whether text[s:e] holds a digit, as `\d` means it (any decimal digit: "7", "٧", "７").
    A test for each ASCII digit costs less than a regex search, which looks at every character."""
    part = text[s:e]
    if any(map(part.__contains__, _ASCII_DIGITS)):
        return True
    return not part.isascii() and any(c.isdecimal() for c in _non_ascii(part))
