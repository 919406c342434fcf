"""Votes and recorded decisions: subject, result, unanimity and counts, with the lines that state them.

Each line is cut into sentences and each sentence read for evidence: a result statement ("Le budget
est adopté à l'unanimité", "Le CA approuve ...", "Décision : ...", "Pas d'objection"), counts
("Pour : 12 — Contre : 2", "15 voix pour, 2 abstentions"), a vote head ("Vote du quitus :"). Evidence
that follows evidence (blank lines allowed) makes one decision, until a line without evidence, a
heading, or evidence that cannot be the same vote (a second count for one field, a second statement
about another subject, a new vote head). Vote tables give one decision per row.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from ..lines import Line
from ..segment import Heading
from .drafts import DecisionDraft, Finding
from .vote_tables import TableVote, find_vote_tables
from .vote_words import (
    AUX_WORDS,
    WordPlaces,
    digit_offsets,
    find_all,
    find_words,
    find_words_in,
    fold_keep,
    fold_lines,
    has_digit,
    has_mark,
    matches_at,
    may_count,
    may_hold_vote,
    patterns,
    search_at,
)

_T = TypeVar("_T")
_QUOTED_RE = re.compile(r"«[^«»\n]{0,300}»|“[^“”\n]{0,300}”|\"[^\"\n]{0,300}\"")
_PAREN_RE = re.compile(r"\([^()\n]{0,120}\)|\[[^\[\]\n]{0,120}\]")
# the characters a match of each masking pattern starts with
_OPENINGS = {_QUOTED_RE: '«“"', _PAREN_RE: "(["}
# A sentence ends after ".!?;…" (a run of spaces, stars or underscores before the next word) or at an
# arrow. Each alternative opens with its first character, so a match starts only just after one of
# ".!?;…", at an arrow or where the run of spaces before one starts (`_boundary_starts`), and only
# then looks behind; `(?<![ ]…)`: a run of spaces is entered once, linear (issue 6).
_SENTENCE_ENDS = ".!?;…"
_ARROWS = ("→", "=>", "->")
_BOUNDARY_RE = re.compile(
    r"[ ](?<=[.!?;…][ ])[ *_]*(?=\S)|[*](?<=[.!?;…][*])[ *_]*(?=\S)|[_](?<=[.!?;…][_])[ *_]*(?=\S)"
    r"|[ ](?<![ ][ ])[ ]*(?:→|=>|->)[ ]*|→(?<![ ]→)[ ]*|=(?<![ ]=)>[ ]*|-(?<![ ]-)>[ ]*"
)
_TIME_LEAD_RE = re.compile(r"^[ *_>+-]*\d{1,2}[:h]\d{2}[ ]*(?:-[ ]*)?")
_LEAD_JUNK_RE = re.compile(r"^(?:[ *_>+\-,:]|\d{1,2}[:h]\d{2}\b)*")
_CONNECTOR_RE = re.compile(
    r"(?:et|donc|ainsi|enfin|finalement|alors|puis|ensuite|de plus|par ailleurs)\b[ ,]*"
)
_DETERMINER_RE = re.compile(
    r"(?:l'[ ]?|le[ ]+|la[ ]+|les[ ]+|un[ ]+|une[ ]+|des[ ]+|du[ ]+|de[ ]+la[ ]+|notre[ ]+|nos[ ]+)"
)
_DEMONSTRATIVE_RE = re.compile(r"^(?:ce|cet|cette|ces|celle|celui|celles|ceux)\b")
_PLURAL_ALL_RE = re.compile(r"^(?:toutes|tous)[ ]+les[ ]+|^l'ensemble[ ]+des[ ]+")
_MODIFIER_RE = re.compile(
    r"(?:[ ,]+|a[ ]l'unanimite(?:[ ]+(?:des|de[ ]+ses)[ ]+[\w' ]{1,30}?(?=[ ,]|$))?"
    r"|a[ ]la[ ]majorite(?:[ ]+(?:absolue|relative|simple|qualifiee|des[ ]+voix))?"
    r"|apres[ ]en[ ]avoir[ ]delibere|unanimement|egalement|donc|ainsi|aussi|par[ ]+\d{1,4}[ ]+voix[^,]{0,40}"
    r"|pour[ ]+sa[ ]+part|en[ ]+consequence)"
)
_CLAUSE_RE = re.compile(r"(?:de[ ]+|d'[ ]?|que[ ]+|qu'[ ]?)")
_RELATIVE_CUT_RE = re.compile(
    r",[ ]*(?:qui|que|qu'|dont|lequel|laquelle|lesquels|lesquelles|sous reserve|sauf)\b"
)
_RELATIVE_LEAD_RE = re.compile(r"(?:qui|que|qu'|dont|lequel|laquelle|lesquels|lesquelles)\b")
_PREPOSITION_RE = re.compile(
    r"(?:a[ ]l'[ ]?|a[ ]la[ ]+|au[ ]+|aux[ ]+|a[ ]+|sur[ ]+|pour[ ]+|en[ ]faveur[ ]d(?:e[ ]+|'[ ]?))"
)
_TRAILING_NUMBER_RE = re.compile(r"(?<![ ])[ ]*(?:n°|no|numero)?[ ]?\d{1,4}[ ]*$")  # (?<![ ]): linear
_ITEM_NUMBER_RE = re.compile(
    r"(?:resolution|motion|deliberation|point|question|projet[ ]de[ ]deliberation)s?[ ]+(?:n°[ ]?|no[ ]+)?"
    r"[\dIVXivx][\w/.-]{0,12}[ ]*[-:.)]*[ ]*"
)
_PERSON_SUBJECT_RE = re.compile(r"(?:^|[ ,:;])(?:on|je|j'|tu|nous|vous)[ ]*$")
_HEAD_PREPOSITION_RE = re.compile(
    r"(?:du|de la|de l'|des|de|d'|sur|sur le|sur la|sur les|pour|pour le|pour la|concernant)\b[ ]*"
)
_HOW_WORDS = frozenset(
    "par avec et a sans des de du voix vote votes suffrages presents representes membres votants exprimes "
    "observation observations modification modifications reserve reserves main levee bulletin secret".split()
)
_COLON_AFTER_RE = re.compile(r"[ *_]*:[ ]*(?=\S)")
_NEGATED_CLAUSE_RE = re.compile(r"[ ]*ne[ ]+(?:pas|plus)\b")
_COUNT_ONLY_RE = re.compile(r"^[\s,;/+*_.\-|:()\[\]]*(?:(?:et|dont|soit|ainsi)[\s,;/+*_.\-|:()\[\]]*)*$")
_LABEL_COLON_RE = re.compile(r":(?<!\d:)|:(?!\d)")  # the colon first: a search skips to colons
_NUMBERING_RE = re.compile(
    r"^(?:\d{4}[/-]\d{1,4}|\d{1,2}(?:\.\d{1,2})*|[IVXLC]{1,6}|[A-Za-z])(?:[.)°]|\\\.)?[ ]*[-–—:.]?[ ]*"
)
_STOP = frozenset(
    "les des du de la le et l d un une au aux a en pour sur par avec dans que qui est sont son sa ses".split()
)


@dataclass(frozen=True)
class Subject:
    text: str
    start: int
    end: int
    strong: bool  # stated as what was decided (statement, row or candidate label) rather than inferred


@dataclass(frozen=True)
class Evidence:
    """What one sentence says about a vote; offsets are absolute."""

    line: int
    start: int
    end: int
    statement: bool = False
    result: str | None = None
    subject: Subject | None = None
    counts: dict[str, int] = field(default_factory=dict)
    strong_counts: bool = False
    bare_votes: int | None = None
    candidate: Subject | None = None
    head: bool = False
    unanimous: bool = False
    unanimity_minus: bool = False
    majority: bool = False
    consent: bool = False
    all_plural: bool = False

    @property
    def modifier_only(self) -> bool:
        return not (self.statement or self.counts or self.head or self.bare_votes is not None)


class _once(Generic[_T]):
    """`functools.cached_property` without the lock it takes on each first access in Python 3.11."""

    def __init__(self, func: Callable[[Any], _T]) -> None:
        self.func, self.name = func, func.__name__

    def __get__(self, obj: object, owner: type | None = None) -> _T:
        if obj is None:
            raise AttributeError(self.name)
        value = obj.__dict__[self.name] = self.func(obj)
        return value


_FLAG_GROUPS = frozenset({"unanimity", "majority", "consent"})
# the groups of the words a result statement needs (`_statement`)
_STATEMENT_GROUPS = _FLAG_GROUPS | {
    "participle", "verb", "quitus", "decide", "impersonal", "opinion", "label", "unanimous"
}  # fmt: skip


class _Words:
    """Which words occur in one sentence, folded[s:e]: a pattern that needs one of them ("12 voix pour"
    a number and a vote noun, "est adopté" a participle) runs only when it is there. `groups` are the
    lexicon's word groups found there (`WordPlaces.groups`)."""

    def __init__(self, folded: str, s: int, e: int, found: WordPlaces, *, found_here: bool = False) -> None:
        """`found`: the lexicon's words, found in `folded` or in it before its quotes were blanked out
        (`found_here` false), where a word may stand that is gone here, never one that is not there."""
        self.folded, self.s, self.e, self.found = folded, s, e, found
        self.groups = found.groups(s, e)
        self.found_here = found_here

    def has(self, group: str) -> bool:
        """Whether a word of the group ("participle", "noun", see `WordCues`) occurs."""
        if group in self.groups:
            return True
        if group not in patterns().cues.groups:
            raise KeyError(group)
        return False

    @_once
    def digit(self) -> bool:
        return has_digit(self.folded, self.s, self.e)

    @_once
    def count_mark(self) -> bool:
        """ "Pour : 12", "Contre = 2"."""
        return has_mark(self.folded, self.s, self.e)

    def starts(self, *groups: str) -> list[int]:
        """Where a word of these groups may start: a pattern opening with one is tried there only."""
        return self.found.starts(self.s, self.e, groups)

    def openings(self, texts: Sequence[str]) -> list[int]:
        """Where one of these texts stands (a pattern whose matches open with one is tried there only)."""
        return [q for t in texts for q in find_all(self.folded, t, self.s, self.e)]

    @_once
    def digits(self) -> list[int] | None:
        """Where the digits are (a pattern opening with a number is tried there only); None: use a search."""
        return digit_offsets(self.folded, self.s, self.e)

    @_once
    def count_word(self) -> bool:
        """ "pour", "abstentions", "votants": looked for only next to a number, ":" or "=".

        The "count" group holds the words of `count_word`, so it is there exactly where the pattern
        finds one (see `WordPlaces`): without it, none; with it, one, unless it stood in a quote."""
        if "count" not in self.groups:
            return False
        return self.found_here or patterns().cues.count_word.search(self.folded, self.s, self.e) is not None

    @_once
    def aux(self) -> bool:
        """ "est", "sont", "a été": without one, no passive statement. `cues.aux` is an alternation of
        these plain words, which substring tests find faster."""
        return any(map(self.folded[self.s : self.e].__contains__, AUX_WORDS))

    @_once
    def perfect(self) -> bool:
        """ "a adopté", "ont décidé": without one, no statement in the perfect tense. Its pattern
        ends with a participle or "decide", so it needs a word of one of these groups."""
        if not (self.has("participle") or self.has("decide")):
            return False
        return patterns().cues.perfect.search(self.folded, self.s, self.e) is not None

    @_once
    def flag(self) -> bool:
        return not self.groups.isdisjoint(_FLAG_GROUPS)

    @_once
    def statement(self) -> bool:
        """Whether a result statement (see `_statement`) can be read at all."""
        return not self.groups.isdisjoint(_STATEMENT_GROUPS)


@dataclass
class _Group:
    items: list[Evidence]

    @property
    def counts(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for e in self.items:
            for k, v in e.counts.items():
                out.setdefault(k, v)
        return out

    def subjects(self) -> list[Subject]:
        return [s for e in self.items for s in (e.subject, e.candidate) if s is not None]

    @property
    def result(self) -> str | None:
        found = [e.result for e in self.items if e.result]
        return found[-1] if found else None


def find_decisions(
    lines: Sequence[Line],
    skip: Collection[int] = (),
    *,
    turn_lines: Collection[int] = (),
    headings: Sequence[Heading] = (),
) -> tuple[list[DecisionDraft], list[Finding]]:
    """Every decision of the minutes, in document order, and the count diagnostics.

    `skip` holds lines that never carry a decision (front matter); `turn_lines` hold speaker labels,
    whose text counts only when it is nothing but counts ("Julie Armand : 1 contre - 15 pour").
    """
    heading_lines = {i for h in headings for i in range(h.line, h.last_line + 1)}
    table_votes, table_lines = find_vote_tables(lines, set(skip) | heading_lines)
    summaries, consumed = _table_summaries(lines, table_votes, set(skip) | heading_lines)
    closed: set[int] = set(skip) | heading_lines | table_lines | consumed
    groups = _group(lines, closed, set(turn_lines))

    drafts: list[DecisionDraft] = []
    last_end_line = -1
    for g in groups:
        d = _build(g, lines, headings, last_end_line)
        if d is not None:
            drafts.append(d)
            last_end_line = d.lines[-1]
    for k, tv in enumerate(table_votes):
        drafts.append(_from_table(tv, summaries.get(k)))
    drafts.sort(key=lambda d: (d.start, d.end))
    findings = [f for d in drafts if (f := _mismatch(d)) is not None]
    return drafts, findings


# --- reading one line -------------------------------------------------------------------------


def _mask(s: str, pattern: re.Pattern[str], keep_ends: bool = False) -> str:
    """`s` with the matches of a masking pattern blanked out (the quote or bracket kept with `keep_ends`);
    the pattern is tried only at the characters its matches open with."""
    opening = _OPENINGS[pattern]
    if not any(c in s for c in opening):
        return s  # no quote or bracket opens: nothing to blank
    starts = [q for c in opening for q in find_all(s, c, 0, len(s))]
    parts = []
    pos = 0
    for m in matches_at(pattern, s, starts, 0, len(s)):
        a, b = m.span()
        parts.append(s[pos:a])
        parts.append(s[a] + " " * (b - a - 2) + s[b - 1] if keep_ends else " " * (b - a))
        pos = b
    if not parts:
        return s
    parts.append(s[pos:])
    return "".join(parts)


def _segments(folded: str, start: int, end: int) -> list[tuple[int, int]]:
    out = []
    pos = start
    for m in matches_at(_BOUNDARY_RE, folded, _boundary_starts(folded, start, end), start, end):
        if m.start() > pos:
            out.append((pos, m.start()))
        pos = m.end()
    if pos < end:
        out.append((pos, end))
    return out


def _boundary_starts(text: str, start: int, end: int) -> list[int]:
    """Every offset of text[start:end] where a match of `_BOUNDARY_RE` can start: just after one of
    ".!?;…" (the space, star or underscore that follows it), at an arrow, and where the run of spaces
    before an arrow starts."""
    starts = [q + 1 for c in _SENTENCE_ENDS for q in find_all(text, c, max(start - 1, 0), end)]
    for arrow in _ARROWS:
        for q in find_all(text, arrow, start, end):
            r = q
            while r and text[r - 1] == " ":
                r -= 1
            starts += (r, q)
    return starts


def line_evidence(line: Line, *, in_turn: bool = False) -> list[Evidence]:
    """The vote evidence of one line, sentence by sentence ("Vote : 5 pour, 1 contre → adopté")."""
    return _line_evidence(line, fold_keep(line.text), in_turn=in_turn)


def _line_evidence(
    line: Line, folded_text: str, *, in_turn: bool, found: WordPlaces | None = None
) -> list[Evidence]:
    """`found`: the lexicon's words in folded_text[content_start:end], when already looked for."""
    text = line.text
    end = len(text.rstrip())
    cs = line.content_start
    if cs >= end:
        return []
    # Masking quotes and brackets only blanks their insides, so a word found in `folded_text` that
    # is not inside them stands at the same place in `folded` and `aside`: its groups still hold.
    if found is None:
        found = find_words(folded_text, cs, end)
    if not may_hold_vote(found.groups(cs, end), folded_text, cs, end):
        return []
    folded = _mask(folded_text, _QUOTED_RE, keep_ends=True)
    found_here = folded is folded_text  # no quote blanked out: the words were found in `folded`
    if in_turn:
        colon = folded.find(":", cs)
        if colon < 0:
            return []
        words = _Words(folded, colon + 1, end, found, found_here=found_here)
        if not may_count(words.groups, folded, colon + 1, end):
            return []
        ev = _count_line(line, folded, cs, colon, end, words)
        return [ev] if ev is not None else []
    # asides in brackets do not cut sentences ("(M. X, Mme Y)") nor tell another meeting's result
    aside = _mask(folded, _PAREN_RE, keep_ends=True)
    out = []
    for k, (s, e) in enumerate(_segments(aside, cs, end)):
        words = _Words(folded, s, e, found, found_here=found_here)
        if not may_hold_vote(words.groups, folded, s, e):
            continue
        if words.has("past") and patterns().past.search(aside, s, e):
            continue
        ev = _segment_evidence(line, text, folded, s, e, first=k == 0, words=words)
        if ev is not None:
            out.append(ev)
    return out


def _count_line(line: Line, folded: str, cs: int, colon: int, end: int, words: _Words) -> Evidence | None:
    """A speaker-shaped line is a vote only when its text is nothing but counts."""
    counts, covered, _ = _counts(folded, colon + 1, end, words)
    if not counts or not _only_counts(folded, colon + 1, end, covered):
        return None
    label = _subject(line, cs, colon, strong=True)
    return Evidence(
        line.index, line.start + cs, line.start + end, counts=counts, strong_counts=True, subject=label
    )


def _counts(
    folded: str, s: int, e: int, words: _Words
) -> tuple[dict[str, int], list[tuple[int, int]], tuple[int, int, int] | None]:
    """Counts in folded[s:e] by field, the spans they cover, and a bare "12 voix" (start, end, n)."""
    p = patterns()
    seg = folded[:e]
    counts: dict[str, int] = {}
    covered: list[tuple[int, int]] = []

    def free(a: int, b: int) -> bool:
        return all(b <= x or a >= y for x, y in covered)

    def put(f: str, n: int, a: int, b: int) -> None:
        covered.append((a, b))
        counts.setdefault(f, n)

    def tried(rx: re.Pattern[str], starts: list[int] | None) -> Iterable[re.Match[str]]:
        """`rx.finditer(seg, s, e)`, tried only at `starts` when every match starts at one of them."""
        return rx.finditer(seg, s, e) if starts is None else matches_at(rx, seg, starts, s, e)

    # each pattern runs only when the words it needs are there: a number and a vote noun ("par 12 voix
    # contre 3"), a count word and ":" or "=" ("Pour : 12"), a number and a count word ("12 pour"), ...
    # Where a pattern opens with a word or a number, it is tried only where one starts: "par 12 voix
    # contre 3" at "par " or "a ", "Voix pour : 12" at a vote noun or a count word, "12 pour" at a digit.
    number_and_noun = words.digit and words.has("noun")
    if number_and_noun:
        by = [q for w in ("par ", "a ") for q in find_all(seg, w, s, e)]
        for m in matches_at(p.count_by_against, seg, by, s, e):
            put("for", int(m.group("for")), m.start(), m.end())
            put("against", int(m.group("against")), m.start(), m.end())
        for m in matches_at(p.count_by_votes, seg, by, s, e):
            if free(m.start(), m.end()):
                put("for", _number(m.group("n")), m.start(), m.end())  # "adopté par 14 voix"
    if words.count_mark and words.count_word:
        for m in matches_at(p.count_label, seg, words.starts("noun", "count"), s, e):
            if free(m.start(), m.end()):
                put(p.field_of[" ".join(m.group("word").split())], _number(m.group("n")), m.start(), m.end())
    if words.digit and words.count_word:
        for m in tried(p.count_number, words.digits):
            if free(m.start(), m.end()):
                put(p.field_of[" ".join(m.group("word").split())], int(m.group("n")), m.start(), m.end())
    if words.has("noun") or words.has("abstain_blank"):  # "deux voix contre", "une abstention"
        for m in p.count_words_number.finditer(seg, s, e):
            word = m.group("word") or m.group("word2")
            if word and free(m.start(), m.end()):
                put(
                    p.field_of[" ".join(word.split())],
                    p.numbers[" ".join(m.group("n").split())],
                    m.start(),
                    m.end(),
                )
    bare = None
    if number_and_noun:
        for m in tried(p.bare_votes, words.digits):
            if free(m.start(), m.end()):
                bare = (m.start(), m.end(), int(m.group("n")))
                break
    return counts, covered, bare


def _number(n: str) -> int:
    """ "12" → 12, "deux" → 2, "néant" → 0."""
    return int(n) if n.isdigit() else patterns().numbers[" ".join(n.split())]


def _only_counts(folded: str, s: int, e: int, covered: list[tuple[int, int]]) -> bool:
    rest = list(_mask(folded[:e], _PAREN_RE)[s:e])
    for a, b in covered:
        for i in range(max(a, s), min(b, e)):
            rest[i - s] = " "
    return bool(_COUNT_ONLY_RE.match("".join(rest)))


def _segment_evidence(
    line: Line, text: str, folded: str, s: int, e: int, *, first: bool, words: _Words
) -> Evidence | None:
    p = patterns()
    seg = folded[s:e]
    question = seg.rstrip(" *_").endswith("?")
    lead = _LEAD_JUNK_RE.match(seg)
    body_start = s + (lead.end() if lead else 0)
    counts, covered, bare = _counts(folded, s, e, words)
    if not (counts or bare or words.statement or words.has("head")):
        # Nothing left that makes evidence: no count, no statement (it needs a word of its groups, the
        # flags among them), no vote head (a word of the "head" group), no bare "12 voix" for a
        # candidate. The evidence would be `modifier_only` without a flag: None, as below.
        return None
    nfields = len({f for f in counts if f != "voters"})
    strong_counts = nfields >= 2 or (words.has("vote_word") and bool(p.vote_word.search(folded, s, e)))
    head_m = p.vote_head.match(folded, body_start, e)
    head = bool(head_m)
    colon = _label_colon(folded, body_start, e)

    subject: Subject | None = None
    candidate: Subject | None = None
    result: str | None = None
    statement = False
    at = e
    if (
        not question
        and words.statement
        and not (words.has("procedural") and p.procedural.search(folded, s, e))
    ):
        found = _statement(line, text, folded, s, e, body_start, first=first, words=words)
        if found is not None:
            at, result, subject = found
            statement = True
    if statement and subject is None and body_start < colon < at and not head:
        label = _subject(line, body_start, colon, strong=True)
        if (
            label is not None
            and not _is_generic(label.text)
            and not p.proposal_label.match(folded, body_start)
        ):
            subject = label
    if head and head_m is not None:
        hs = _head_subject(line, folded, head_m.end(), colon, e)
        if subject is None:
            subject = hs
        if result is None:
            result = _participle_result(text, folded, head_m.end(), e)
    elif (
        colon > body_start
        and (counts or bare)
        and all(a > colon for a, _ in covered)
        and _only_counts(folded, colon + 1, e, covered + ([bare[:2]] if bare else []))
    ):
        label = _subject(line, body_start, colon, strong=True)
        if label is not None and not p.count_label.match(folded, body_start):
            if counts and subject is None:
                subject = label
            elif bare is not None and not counts:
                candidate = label
    bare_votes = bare[2] if bare is not None and (head or candidate is not None) else None
    if counts and not (strong_counts or head or statement):
        # "12 pour" alone is only a count next to other counts or a vote head: decided in grouping
        pass
    if result == "rejected" and (
        p.count_by_against.search(folded, s, e) or p.count_by_votes.search(folded, s, e)
    ):
        # "rejeté par 12 voix contre 3", "rejetée par 9 voix": the number after "par" is against
        swapped = {"for": counts.pop("against", None), "against": counts.pop("for", None)}
        counts.update({k: v for k, v in swapped.items() if v is not None})
    unanimity_minus = words.has("unanimity") and bool(p.unanimity_minus.search(folded, s, e))
    ev = Evidence(
        line=line.index,
        start=line.start + _trim_start(text, s, e),
        end=line.start + _trim_end(text, s, e),
        statement=statement,
        result=result,
        subject=subject,
        counts=counts,
        strong_counts=strong_counts,
        bare_votes=bare_votes,
        candidate=candidate,
        head=head,
        unanimous=bool(
            (words.has("unanimity") and p.unanimity.search(folded, s, e))
            or (words.has("unanimous") and p.unanimous_noun.search(folded, s, e))
        )
        and not unanimity_minus,
        unanimity_minus=unanimity_minus,
        majority=words.has("majority") and bool(p.majority.search(folded, s, e)),
        consent=words.has("consent") and bool(p.consent.search(folded, s, e)),
        all_plural=bool(subject and _PLURAL_ALL_RE.match(fold_keep(subject.text))),
    )
    if ev.modifier_only and not (ev.unanimous or ev.unanimity_minus or ev.majority or ev.consent):
        return None
    return ev


def _participle_result(text: str, folded: str, s: int, e: int) -> str | None:
    """In a vote record, a participle anywhere states the outcome ("Vote sur la liste élue avec ...")."""
    p = patterns()
    for m in p.any_participle.finditer(folded, s, e):
        if not _noun_vote(text, m.start("part"), m.group("part")):
            return _result_of(m.group("part"))
    return None


def _label_colon(folded: str, s: int, e: int, *, last: bool = False) -> int:
    """Offset of the colon ending a label in folded[s:e] (not the one of "20:15"), or -1."""
    found = [m.start() for m in matches_at(_LABEL_COLON_RE, folded, find_all(folded, ":", s, e), s, e)]
    if not found:
        return -1
    return found[-1] if last else found[0]


def _trim_start(text: str, s: int, e: int) -> int:
    # any whitespace, control separators included ("\x1f" is whitespace to str.strip)
    while s < e and (text[s] in " *_" or text[s].isspace()):
        s += 1
    return s


def _trim_end(text: str, s: int, e: int) -> int:
    while e > s and (text[e - 1] in " *_" or text[e - 1].isspace()):
        e -= 1
    return e


_Found = tuple[int, str, "Subject | None"]  # (offset, adopted|rejected, subject)


def _statement(
    line: Line, text: str, folded: str, s: int, e: int, body_start: int, *, first: bool, words: _Words
) -> _Found | None:
    """The earliest result statement of a sentence: (offset, adopted|rejected, subject)."""
    p = patterns()

    def now(at: int) -> bool:
        # "Si la proposition est adoptée", "Mme X indique que la subvention est reconduite"
        return not (p.hypothetical.search(folded, s, at) or p.reported.search(folded, s, at))

    found: list[_Found] = []
    if first and words.has("label"):
        found += _label_statement(line, folded, body_start, e)
    for finder in (_impersonal_statement, _opinion_statement, _active_statement, _passive_statement):
        found += [f for f in finder(line, folded, s, e, words) if now(f[0])]
    participle = words.has("participle")
    m = participle and p.standalone.match(folded, s, e)
    if m and not _noun_vote(text, m.start("part"), m.group("part")):
        found.append((m.start(), _result_of(m.group("part")), None))
    # "Rapport moral : adopté à l'unanimité", "Approbation du PV : unanimité." — but not
    # "Marc : élu en 2017" nor "Atelier X : retenu pour la place du texte"
    m = participle and p.label_result.search(folded, body_start, e)
    if m and not _noun_vote(text, m.start("part"), m.group("part")) and _only_vote_words(folded, m.end(), e):
        found.append((m.start("part"), _result_of(m.group("part")), None))
    m = words.flag and p.label_flag.search(folded, body_start, e)
    if m:
        found.append((m.start() + 1, "adopted", None))
    # "Proposition adoptée à l'unanimité.", "Rapport moral approuvé."
    m = participle and p.noun_result.match(folded, body_start, e)
    if m and not _noun_vote(text, m.start("part"), m.group("part")) and _only_vote_words(folded, m.end(), e):
        found.append(
            (
                m.start("part"),
                _result_of(m.group("part")),
                _subject(line, m.start(), m.end("np"), strong=True),
            )
        )
    # "À l'unanimité." alone on its line, under what was put to the vote
    if first and words.flag and p.flag_only.fullmatch(folded, body_start, e):
        found.append((body_start, "adopted", None))
    m = words.has("unanimous") and p.unanimous_noun.search(folded, s, e)
    if m:
        found.append((m.start(), "adopted", None))
    m = words.has("consent") and p.consent.search(folded, s, e)
    if m and now(m.start()):
        rest = _subject(line, m.end(), e, strong=False)
        found.append((m.start(), "adopted", rest if rest and len(rest.text.split()) >= 3 else None))
    return min(found, key=lambda f: f[0]) if found else None


def _only_vote_words(folded: str, s: int, e: int) -> bool:
    """Nothing after a result but how it was reached ("à l'unanimité", "par 12 voix pour")."""
    p = patterns()
    rest = folded[s:e]
    for rx in (
        p.count_by_against,
        p.count_by_votes,
        p.unanimity,
        p.majority,
        p.consent,
        p.count_label,
        p.count_number,
    ):
        rest = rx.sub(" ", rest)
    return all(w in _HOW_WORDS for w in re.findall(r"[\w']+", rest))


def _result_of(participle: str, negated: bool = False) -> str:
    rejected = bool(patterns().rejected_participle.match(participle))
    return "rejected" if rejected != negated else "adopted"


def _label_statement(line: Line, folded: str, s: int, e: int) -> list[_Found]:
    """ "Décision : on garde le local", "Décision : proposition rejetée"."""
    p = patterns()
    m = p.decision_label.match(folded, s, e)
    if not m:
        return []
    passive = p.passive.search(folded, m.end(), e)
    result = _result_of(passive.group("part")) if passive else "adopted"
    return [(m.start(), result, _subject(line, m.end(), e, strong=True))]


def _impersonal_statement(line: Line, folded: str, s: int, e: int, words: _Words) -> list[_Found]:
    """ "Il est décidé de ...", "il est convenu que ...", "il est décidé de ne pas ..."."""
    m = words.has("impersonal") and patterns().impersonal.search(folded, s, e)
    if not m:
        return []
    negated = bool(_NEGATED_CLAUSE_RE.match(folded, m.end(), e))
    return [(m.start(), "rejected" if negated else "adopted", _subject(line, m.end(), e, strong=False))]


def _opinion_statement(line: Line, folded: str, s: int, e: int, words: _Words) -> list[_Found]:
    """ "La commission émet à l'unanimité un avis favorable à ..."."""
    m = words.has("opinion") and patterns().opinion.search(folded, s, e)
    if not m:
        return []
    result = "adopted" if m.group("kind") == "favorable" else "rejected"
    return [(m.start(), result, _object(line, folded, m.end(), e))]


def _active_statement(line: Line, folded: str, s: int, e: int, words: _Words) -> list[_Found]:
    """ "L'assemblée générale approuve les comptes 2019", "Le CA a validé ...", "Le conseil refuse ..."."""
    p = patterns()
    out: list[_Found] = []
    for rx, group, needed in (
        (p.active, "verb", words.has("verb")),
        (p.active_past, "part", words.perfect),
    ):
        m = needed and rx.search(folded, s, e)
        if not m:
            continue
        verb = " ".join(m.group(group).split())
        rejected = bool(p.rejected_verb.match(verb) or p.rejected_participle.match(verb))
        if verb.startswith("decid") and p.decide_not.match(folded, m.start(group), e):
            rejected = True
        if m.group("neg") or m.group("pas"):
            rejected = not rejected
        # "donne tous pouvoirs à ..." keeps "tous pouvoirs" in the subject; "décide de créer" is a clause
        obj_start = m.start(group) + verb.index(" ") + 1 if " " in verb else m.end()
        weak = verb.startswith(("decid", "autoris"))
        subject = _object(line, folded, obj_start, e, strong=not weak)
        out.append((m.start(), "rejected" if rejected else "adopted", subject))
    return out


def _passive_statement(line: Line, folded: str, s: int, e: int, words: _Words) -> list[_Found]:
    """ "Le procès-verbal, ainsi rectifié, est approuvé", "Quitus est donné au trésorier"."""
    p = patterns()
    out: list[_Found] = []
    passive = (
        words.has("participle")
        and words.aux
        and search_at(p.passive, folded, words.openings(p.passive_openings), s, e)
    )
    quitus = words.has("quitus") and p.quitus.search(folded, s, e)
    for rx, m in ((p.passive, passive), (p.quitus, quitus)):
        if not m:
            continue
        groups = m.groupdict()
        negated = bool(groups.get("neg") or groups.get("pas") or " pas " in m.group("aux"))
        subj_end = m.start("aux") if rx is p.quitus else m.start("neg") if groups.get("neg") else m.start()
        if _PERSON_SUBJECT_RE.search(folded, s, subj_end):
            continue  # "on est validé" speaks of people, not of a proposal
        subject = _noun_phrase(line, folded, s, subj_end)
        if subject is not None and _is_rule(folded, subject, line.start):
            continue
        if subject is None and (after := _COLON_AFTER_RE.match(folded, m.end(), e)):
            subject = _subject(line, after.end(), e, strong=True)  # "Sont élus : A, B et C"
        out.append((m.start(), _result_of(m.group("part"), negated), subject))
    return out


def _noun_vote(text: str, at: int, part: str) -> bool:
    """Folding makes the participle "voté" look like the noun "vote": "Votes" alone is a head."""
    return part == "vote" and not text[at : at + 4].lower().endswith("é")


def _subject(line: Line, s: int, e: int, *, strong: bool) -> Subject | None:
    """The text of line[s:e] as a subject, without emphasis, bullets and end punctuation."""
    text = line.text
    while s < e and text[s] in " *_>:-–—,":
        s += 1
    while e > s and text[e - 1] in " *_.;:,!":
        e -= 1
    if e <= s:
        return None
    return Subject(" ".join(text[s:e].split()), line.start + s, line.start + e, strong)


def _noun_phrase(line: Line, folded: str, s: int, e: int) -> Subject | None:
    """The subject of "Le procès-verbal, ainsi rectifié, est approuvé": the words before the verb."""
    colon = _label_colon(folded, s, e, last=True)
    if colon >= 0 and folded[colon + 1 : e].strip():
        s = colon + 1
    t = folded[s:e]
    lead = _TIME_LEAD_RE.match(t) or _LEAD_JUNK_RE.match(t)
    if lead:
        s += lead.end()
    while True:
        c = _CONNECTOR_RE.match(folded, s, e)
        if not c or c.end() == s:
            break
        s = c.end()
    chunks = _comma_chunks(folded, s, e)
    s, e = next(((a, b) for a, b in reversed(chunks) if _DETERMINER_RE.match(folded, a, b)), chunks[0])
    s = _skip_determiner(folded, s, e)
    subj = _subject(line, s, e, strong=True)
    if (
        subj is None
        or len(subj.text.split()) > 16
        or fold_keep(subj.text) in ("il", "ils", "elle", "elles", "on")
    ):
        return None
    return subj


def _comma_chunks(folded: str, s: int, e: int) -> list[tuple[int, int]]:
    """ "La majorité étant atteinte, la résolution 1" → its comma-separated parts, spaces trimmed."""
    out = []
    pos = s
    for k in [*(i for i in range(s, e) if folded[i] == ","), e]:
        a, b = pos, k
        while a < b and folded[a] == " ":
            a += 1
        while b > a and folded[b - 1] == " ":
            b -= 1
        if b > a:
            out.append((a, b))
        pos = k + 1
    return out or [(s, e)]


def _object(line: Line, folded: str, s: int, e: int, *, strong: bool = True) -> Subject | None:
    """What follows the verb ("approuve les comptes ...", "décide à l'unanimité de créer le poste")."""
    while True:
        m = _MODIFIER_RE.match(folded, s, e)
        if not m or m.end() == s:
            break
        s = m.end()
    if _RELATIVE_LEAD_RE.match(folded, s, e):
        return None
    c = _CLAUSE_RE.match(folded, s, e)
    if c:
        s = c.end()
        strong = False
    elif (prep := _PREPOSITION_RE.match(folded, s, e)) is not None:
        s = prep.end()
    cut = _RELATIVE_CUT_RE.search(folded, s, e)
    if cut:
        e = cut.start()
    return _subject(line, _skip_determiner(folded, s, e), e, strong=strong)


def _skip_determiner(folded: str, s: int, e: int) -> int:
    """ "le rapport moral" → "rapport moral" (a demonstrative stays: it marks a generic subject)."""
    while s < e and folded[s] in " *_":
        s += 1
    m = _DETERMINER_RE.match(folded, s, e)
    return m.end() if m and m.end() < e else s


def _head_subject(line: Line, folded: str, s: int, colon: int, e: int) -> Subject | None:
    """ "Vote du budget 2019 :" → "budget 2019"; "Votes : tarifs, calendrier." → "tarifs, calendrier"."""
    p = patterns()
    label = None
    if colon > s:
        label = _subject(line, s, colon, strong=False)
    elif colon < 0:
        return None
    if label is not None:
        lf = fold_keep(label.text)
        m = _HEAD_PREPOSITION_RE.match(lf)
        if m:
            label = _subject(line, label.start - line.start + m.end(), label.end - line.start, strong=False)
    if label is not None and not _is_generic(label.text):
        return label
    if colon > 0:
        after = folded[colon + 1 : e]
        if not (
            p.consent.search(after)
            or p.unanimity.search(after)
            or p.count_label.search(after)
            or p.count_number.search(after)
            or p.standalone.match(after.lstrip())
        ):
            return _subject(line, colon + 1, e, strong=False)
    return label  # generic ("Vote bureau :"): still names what the heading above may spell out


def _is_generic(subject: str) -> bool:
    p = patterns()
    f = fold_keep(" ".join(subject.split())).strip(" .:;,*_")
    f = _PLURAL_ALL_RE.sub("", f)
    m = _DETERMINER_RE.match(f)
    f = f[m.end() :] if m else f
    if f != (bare := _TRAILING_NUMBER_RE.sub("", f)) and bare in p.generic:
        return True
    return not f or f in p.generic or f in p.bodies or bool(_DEMONSTRATIVE_RE.match(f))


def _is_rule(folded: str, subject: Subject, line_start: int) -> bool:
    """ "Les résolutions sont adoptées à la majorité des deux tiers": how the body decides, not a decision."""
    before = folded[: subject.start - line_start].rstrip()
    plural_article = before.endswith((" les", " des")) or before in ("les", "des")
    return plural_article and subject.text.endswith("s") and _is_generic(subject.text)


def _similar(a: str, b: str) -> bool:
    ta = {w for w in re.findall(r"\w+", fold_keep(a)) if w not in _STOP and len(w) > 1}
    tb = {w for w in re.findall(r"\w+", fold_keep(b)) if w not in _STOP and len(w) > 1}
    if not ta or not tb:
        return True
    return len(ta & tb) / min(len(ta), len(tb)) > 0.5


# --- grouping -----------------------------------------------------------------------------------


def _group(lines: Sequence[Line], closed: set[int], turn_lines: set[int]) -> list[_Group]:
    groups: list[_Group] = []
    cur: _Group | None = None
    listing = False  # the last evidence line announced a list ("... DÉCIDE :", "Sont élus :")
    decided = False  # under "Décisions :" each item is a decision

    def close() -> None:
        nonlocal cur
        if cur is not None:
            groups.append(cur)
        cur = None

    folded_lines = fold_lines([line.text for line in lines])
    # the lexicon's words of every line that may be read, found in one search
    open_lines = [k for k, line in enumerate(lines) if not line.blank and line.index not in closed]
    spans = [(lines[k].content_start, len(lines[k].text.rstrip())) for k in open_lines]
    places = dict(zip(open_lines, find_words_in([folded_lines[k] for k in open_lines], spans), strict=True))

    for k, line in enumerate(lines):
        if line.blank:
            if cur is not None and _voters_only(cur):
                close()
            continue
        if (decided or listing) and not line.bullet:
            decided = listing = False
        folded = folded_lines[k]
        if line.index in closed:
            close()
            decided = _decision_list_header(folded)
            continue
        if decided:
            if line.index not in turn_lines:
                close()
                cur = _Group([_list_decision(line)])
            continue
        if _decision_list_header(folded):
            close()
            decided = True
            continue
        evs = _line_evidence(line, folded, in_turn=line.index in turn_lines, found=places[k])
        if listing and not evs:
            continue
        if not evs or (all(e.modifier_only for e in evs) and cur is None):
            close()
            continue
        for k, ev in enumerate(evs):
            if ev.modifier_only:
                if cur is not None:
                    cur.items.append(ev)
                continue
            # a vote head opening a line opens a new vote ("Vote du quitus :", not "... Vote à l'unanimité.")
            if cur is None or (ev.head and k == 0) or _conflicts(cur, ev):
                close()
                cur = _Group([ev])
            else:
                cur.items.append(ev)
        listing = line.content.rstrip(" *_").endswith(":")
    close()
    return groups


def _decision_list_header(folded: str) -> bool:
    """ "Décisions :", "## Décisions prises" (a folded line) over a list whose items are each a decision."""
    return bool(patterns().decision_list.fullmatch(folded.strip()))


def _list_decision(line: Line) -> Evidence:
    """An item of a list of decisions: its own statement if it has one, else adopted as written."""
    evs = [e for e in line_evidence(line) if e.statement]
    if evs:
        return evs[0]
    subject = _subject(line, line.content_start, len(line.text), strong=True)
    start = subject.start if subject else line.start + line.content_start
    end = subject.end if subject else line.end
    return Evidence(line.index, start, end, statement=True, result="adopted", subject=subject)


def _voters_only(g: _Group) -> bool:
    """ "Votants : 16" alone (an attendance line) does not reach over a blank line."""
    return set(g.counts) == {"voters"} and not any(e.statement or e.head for e in g.items)


def _conflicts(g: _Group, ev: Evidence) -> bool:
    have = g.counts
    if any(k in have and have[k] != v for k, v in ev.counts.items()):
        return True
    if ev.candidate is not None and have:
        return True
    if ev.result and g.result and ev.result != g.result and ev.subject is not None:
        return True
    if ev.subject is not None and not _is_generic(ev.subject.text) and (ev.statement or ev.counts):
        for s in g.subjects():
            if not _is_generic(s.text) and not _similar(s.text, ev.subject.text):
                return True
    return False


def _valid(g: _Group) -> bool:
    items = g.items
    if any(e.statement for e in items):
        return True
    fields = {f for e in items for f in e.counts if f != "voters"}
    head = any(e.head for e in items)
    flags = any(e.unanimous or e.unanimity_minus or e.majority or e.consent for e in items)
    if fields and (len(fields) >= 2 or head or any(e.strong_counts and e.counts for e in items)):
        return True
    if head and (flags or any(e.bare_votes is not None for e in items)):
        return True
    return sum(1 for e in items if e.candidate is not None) >= 2


# --- building decisions ---------------------------------------------------------------------------


def _build(
    g: _Group, lines: Sequence[Line], headings: Sequence[Heading], after_line: int
) -> DecisionDraft | None:
    if not _valid(g):
        return None
    items = g.items
    counts = g.counts
    candidates = [
        (e.candidate, e.bare_votes) for e in items if e.candidate is not None and e.bare_votes is not None
    ]
    unanimity = any(e.unanimous for e in items)
    minus = any(e.unanimity_minus for e in items)
    majority = any(e.majority for e in items)
    consent = any(e.consent for e in items)
    if candidates:
        winner, votes = max(candidates, key=lambda c: c[1] or 0)
        counts.setdefault("for", votes or 0)
    if minus:
        counts.setdefault("against", 0)
        counts.setdefault("abstain", 0)
    if consent:
        counts.setdefault("against", 0)

    result = g.result
    if result is None:
        result = _result_from(counts, unanimity or majority or consent or minus)

    unanimous: bool | None
    if minus or majority or len([c for c in candidates if c[1]]) >= 2:
        unanimous = False
    elif unanimity:
        unanimous = True
    else:
        unanimous = _unanimous_from(counts)

    first_line = min(e.line for e in items)
    subject = _choose_subject(g, lines, headings, first_line, after_line)
    if candidates and winner is not None:
        head = _heading_subject(headings, first_line)
        subject = f"{head} : {winner.text}" if head else winner.text
    start = min(e.start for e in items)
    end = max(e.end for e in items)
    return DecisionDraft(
        subject=subject,
        result=result,
        unanimous=unanimous,
        votes_for=counts.get("for"),
        against=counts.get("against"),
        abstain=counts.get("abstain"),
        blank=counts.get("blank"),
        start=start,
        end=end,
        voters=counts.get("voters"),
        lines=tuple(sorted({e.line for e in items})),
    )


def _result_from(counts: dict[str, int], agreed: bool) -> str:
    if agreed:
        return "adopted"
    f, a = counts.get("for"), counts.get("against")
    if f is not None and (a is None or f > a):
        return "adopted" if f > 0 else "unknown"
    if f is not None and a is not None and a > f:
        return "rejected"
    return "unknown"


def _unanimous_from(counts: dict[str, int]) -> bool | None:
    if any(counts.get(k, 0) > 0 for k in ("against", "abstain", "blank")):
        return False
    if counts.get("for", 0) > 0 and "against" in counts and "abstain" in counts:
        return True
    return None


def _choose_subject(
    g: _Group, lines: Sequence[Line], headings: Sequence[Heading], first_line: int, after_line: int
) -> str | None:
    """What was decided, from the most to the least explicit: the statement, "Proposition : X",
    "met X aux voix", an agenda item's title, "X propose de ...", a clause, the section title."""
    subjects = [s for s in g.subjects() if not _is_generic(s.text)]
    strong = [s for s in subjects if s.strong]
    if strong:
        return strong[0].text
    proposals = _proposal_subjects(lines, headings, first_line, after_line)
    if "label" in proposals:
        return proposals["label"]
    if "put" in proposals:
        return proposals["put"]
    hint = next((s.text for s in g.subjects() if fold_keep(s.text) in patterns().bodies), None)
    item = _heading_subject(headings, first_line, numbered_only=True, hint=hint)
    if item:
        return item
    if "proposed" in proposals:
        return proposals["proposed"]
    if subjects:
        return subjects[0].text
    return _heading_subject(headings, first_line, hint=hint)


def _proposal_subjects(
    lines: Sequence[Line], headings: Sequence[Heading], first_line: int, after_line: int
) -> dict[str, str]:
    """What the lines just above the vote propose, by how explicitly: "Proposition : X" (label),
    "Le président met aux voix X" (put), "Paul propose de X" (proposed)."""
    p = patterns()
    stop = max([after_line, *[h.last_line for h in headings if h.last_line < first_line]], default=-1)
    found: dict[str, str] = {}
    seen = 0
    for i in range(first_line - 1, stop, -1):
        ln = lines[i]
        if ln.blank:
            continue
        seen += 1
        if seen > 3:
            break
        folded = fold_keep(ln.text)
        m = p.proposal_label.match(folded, ln.content_start)
        if m and (subj := _subject(ln, m.end(), len(ln.text), strong=True)):
            found.setdefault("label", subj.text)
        put = p.submission.search(folded)
        if put:
            part = next(g for g in ("a", "b", "c") if put.group(g))
            start = _skip_determiner(folded, put.start(part), put.end(part))
            if subj := _subject(ln, start, put.end(part), strong=True):
                found.setdefault("proposed" if part == "c" else "put", subj.text)
    return found


def _heading_subject(
    headings: Sequence[Heading], first_line: int, *, numbered_only: bool = False, hint: str | None = None
) -> str | None:
    """The title of the section above, without its number or "Vote du" ("2011/012 – Tarifs" → "Tarifs").

    With `numbered_only`, only an agenda item ("2011/012 – ...", "Délibération n° 4 : ...") is used;
    with a `hint` ("bureau" of "Vote bureau :"), the nearest heading above that names it ("Élection
    du nouveau bureau") wins over a nearer one.
    """
    before = [h for h in headings if h.line < first_line]
    if hint:
        key = re.compile(rf"(?<![\w']){re.escape(fold_keep(hint))}(?![\w'])")
        named = [h for h in before if key.search(fold_keep(h.title))]
        if named:
            title, _ = _clean_heading(named[-1])
            if title and not _is_generic(title):
                return title
    for h in reversed(before[-3:]):
        title, numbered = _clean_heading(h)
        if numbered_only and not numbered:
            return None
        if title and not _is_generic(title):
            return title
    return None


def _clean_heading(h: Heading) -> tuple[str, bool]:
    """A heading's title without its number and "Vote du"; and whether it was a numbered agenda item."""
    title = h.title
    m = _NUMBERING_RE.match(title) if h.number else None
    if m:
        title = title[m.end() :]
    item = _ITEM_NUMBER_RE.match(fold_keep(title))
    if item:
        title = title[item.end() :]
    pm = patterns().heading_prefix.match(fold_keep(title))
    if pm:
        title = title[pm.end() :]
    return " ".join(title.split()).strip(" :#*_-–—."), bool(m or item)


# --- tables and diagnostics -----------------------------------------------------------------------


def _table_summaries(
    lines: Sequence[Line], votes: list[TableVote], closed: set[int]
) -> tuple[dict[int, str], set[int]]:
    """ "Toutes les résolutions sont adoptées." under a vote table: the result of its rows, by row index."""
    results: dict[int, str] = {}
    consumed: set[int] = set()
    by_table: dict[int, list[int]] = {}
    for k, tv in enumerate(votes):
        by_table.setdefault(tv.last_line, []).append(k)
    for last, ks in sorted(by_table.items()):
        j = last + 1
        while j < len(lines) and lines[j].blank:
            j += 1
        if j >= len(lines) or j in closed:
            continue
        evs = [e for e in line_evidence(lines[j]) if e.statement]
        if (
            len(evs) == 1
            and not evs[0].counts
            and (evs[0].subject is None or _is_generic(evs[0].subject.text))
        ):
            consumed.add(j)
            for k in ks:
                results[k] = evs[0].result or "adopted"
    return results, consumed


def _from_table(tv: TableVote, summary: str | None) -> DecisionDraft:
    p = patterns()
    result = None
    if tv.result_cell is not None:
        f = fold_keep(tv.result_cell.text).strip(" *_")
        m = p.standalone.match(f)
        if m:
            result = "rejected" if p.rejected_participle.match(m.group("part")) else "adopted"
    if result is None:
        result = summary or _result_from(tv.counts, False)
    return DecisionDraft(
        subject=" ".join(tv.subject.text.split()) if tv.subject else None,
        result=result,
        unanimous=_unanimous_from(tv.counts),
        votes_for=tv.counts.get("for"),
        against=tv.counts.get("against"),
        abstain=tv.counts.get("abstain"),
        blank=tv.counts.get("blank"),
        start=tv.start,
        end=tv.end,
        voters=tv.counts.get("voters"),
        lines=(tv.line,),
    )


def _mismatch(d: DecisionDraft) -> Finding | None:
    """Counts that cannot come from the number of voters stated with them."""
    if d.voters is None:
        return None
    known = [v for v in (d.votes_for, d.against, d.abstain, d.blank) if v is not None]
    total = sum(known)
    complete = d.votes_for is not None and d.against is not None and d.abstain is not None
    if total > d.voters or (complete and total != d.voters):
        parts = " + ".join(str(v) for v in known)
        return Finding(
            "vote_count_mismatch",
            f"votes {parts} = {total} do not add up to the {d.voters} voters stated",
            d.start,
            d.end,
        )
    return None
