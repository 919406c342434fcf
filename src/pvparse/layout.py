"""Segmentation and extraction of one document: which line is a list, a turn, a role, a heading.

The order matters and is fixed here: lists and role lines claim their lines first, then speaker
labels are decided (with the names the lists print), then the remaining heading-shaped lines become
headings, then turn texts run to the next turn or heading. spaCy sees every candidate string once.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from . import nlp
from .extract import decisions as decisions_mod
from .extract import lists as lists_mod
from .extract import meeting as meeting_mod
from .extract import roles as roles_mod
from .extract import turns as turns_mod
from .extract.drafts import DecisionDraft, Finding, ListDraft, MeetingDraft, Mention, RoleDraft
from .lines import Line, split_lines
from .segment import (
    FrontMatter,
    Heading,
    SectionNode,
    assign_levels,
    build_sections,
    find_front_matter,
    find_headings,
)

# Headings whose markup says they are headings, whatever their words.
_MARKED_STYLES = ("atx", "setext", "timed", "numbered")


@dataclass(frozen=True)
class Page:
    """The source text cut into lines, with its front matter."""

    text: str
    lines: tuple[Line, ...]
    front_matter: FrontMatter | None


@dataclass(frozen=True)
class TurnDraft:
    label: turns_mod.TurnLabel
    start: int
    end: int
    section: int | None


@dataclass(frozen=True)
class SectionDraft:
    node: SectionNode
    roles: tuple[RoleDraft, ...]


@dataclass(frozen=True)
class Extraction:
    """Everything found in one document, before persons and organisations get ids."""

    title: Heading | None
    sections: tuple[SectionDraft, ...]
    turns: tuple[TurnDraft, ...]
    lists: tuple[ListDraft, ...]
    meeting: MeetingDraft
    decisions: tuple[DecisionDraft, ...]
    findings: tuple[Finding, ...]
    role_lines: tuple[RoleDraft, ...]


def analyse_layout(text: str) -> Page:
    lines = split_lines(text)
    return Page(text, lines, find_front_matter(lines))


def _front_lines(page: Page) -> set[int]:
    fm = page.front_matter
    return set(range(fm.first_line, fm.last_line + 1)) if fm else set()


def extract_all(page: Page) -> Extraction:
    lines = page.lines
    claimed = _front_lines(page)
    blocks = lists_mod.find_list_blocks(lines, claimed)
    list_lines = {i for b in blocks for i in range(b.first_line, b.last_line + 1)}
    label_cands = turns_mod.find_label_candidates(lines, claimed | list_lines)
    heading_cands = find_headings(lines, skip=claimed | list_lines)
    action_lines = turns_mod.under_action_headings(label_cands, [(h.line, h.title) for h in heading_cands])
    # Each stage sends spaCy the strings it reads the analysis of, and reads no other.
    strings: list[str] = [s for b in blocks for s in b.entry_strings]
    for c in label_cands:
        if c.line not in action_lines:  # `decide_turns` never sees those
            strings.extend(turns_mod.label_strings(c, lines))
    strings.extend(roles_mod.role_strings(label_cands))
    for h in heading_cands:
        strings.extend(roles_mod.heading_role_strings(h.title))
    strings.extend(meeting_mod.meeting_strings(lines))
    analysis = nlp.analyse(strings)

    drafts = lists_mod.build_lists(blocks, lines, analysis, page.text)
    role_lines = roles_mod.find_role_lines(label_cands, analysis)
    role_line_idx = {r.line for r in role_lines}
    known_names = [e.person.text for d in drafts for e in d.entries if e.person]
    known_names += [r.person.text for r in role_lines]
    # the presenter a heading names, read once per heading (by its title and place)
    presenters = {
        (h.title, h.title_start): roles_mod.heading_presenter(h.title, h.title_start, analysis)
        for h in heading_cands
    }
    known_names += [found[0].text for found in presenters.values() if found]
    index = turns_mod.NameIndex(known_names)
    turn_labels = turns_mod.decide_turns(
        [c for c in label_cands if c.line not in role_line_idx | action_lines], lines, index, analysis
    )
    turn_lines = {t.candidate.line for t in turn_labels}

    # A standalone line that holds a finite verb is a sentence, not a title; the tagger is asked
    # only about the candidates that no turn or role line has taken.
    unclaimed = [h for h in heading_cands if h.line not in turn_lines and h.line not in role_line_idx]
    verbs = nlp.analyse((), with_verbs=[h.title for h in unclaimed if h.style not in _MARKED_STYLES])
    headings = [
        h for h in unclaimed if h.style in _MARKED_STYLES or not verbs.get(h.title, nlp.EMPTY).finite_verb
    ]
    title, headings = _split_title(lines, headings, claimed)
    headings = assign_levels(headings)
    nodes = build_sections(headings, len(page.text))
    sections = tuple(SectionDraft(node, _roles_for(node, headings, role_lines, presenters)) for node in nodes)

    decision_drafts, decision_findings = decisions_mod.find_decisions(
        lines, claimed, turn_lines=turn_lines, headings=headings
    )
    meeting = meeting_mod.extract_meeting(
        lines, front_matter=page.front_matter, title=title, lists=drafts, analysis=analysis
    )
    # A turn runs to the next turn or heading, and never over the closing formula or the signatures.
    stop = turn_lines | {i for h in headings for i in range(h.line, h.last_line + 1)} | list_lines
    stop |= role_line_idx | {i for i in meeting.lines if i > min(turn_lines, default=len(lines))}
    turn_drafts = []
    for t in turn_labels:
        span = turns_mod.turn_text_span(t, lines, stop, len(page.text))
        turn_drafts.append(TurnDraft(t, span.start, span.end, _section_at(nodes, t.candidate.label_start)))
    return Extraction(
        title=title,
        sections=sections,
        turns=tuple(turn_drafts),
        lists=tuple(drafts),
        meeting=meeting,
        decisions=tuple(decision_drafts),
        findings=(*decision_findings, *meeting.findings),
        role_lines=tuple(role_lines),
    )


def _split_title(
    lines: Sequence[Line], headings: list[Heading], claimed: set[int]
) -> tuple[Heading | None, list[Heading]]:
    """The document's title: its first line when that line is a heading and a single top heading."""
    first = next((ln for ln in lines if not ln.blank and ln.index not in claimed), None)
    if first is None or not headings or not headings[0].start <= first.start < headings[0].end:
        return None, headings
    h = headings[0]
    same_rank_later = [x for x in headings[1:] if x.rank <= h.rank]
    if h.style == "atx" and same_rank_later:
        return None, headings
    return h, headings[1:]


def _section_at(nodes: Sequence[SectionNode], offset: int) -> int | None:
    """Index of the innermost section whose span contains `offset`."""
    best = None
    for n in nodes:
        if n.heading.start <= offset < n.end:
            best = n.index
    return best


def _roles_for(
    node: SectionNode,
    headings: Sequence[Heading],
    role_lines: Sequence[RoleDraft],
    presenters: dict[tuple[str, int], tuple[Mention, Mention | None] | None],
) -> tuple[RoleDraft, ...]:
    h = node.heading
    out: list[RoleDraft] = []
    found = presenters.get((h.title, h.title_start))
    if found:
        person, org = found
        out.append(RoleDraft("presenter", person, org, h.line, h.title_start, h.title_end))
    nxt = next((x.start for x in headings if x.start > h.start), None)
    limit = nxt if nxt is not None else node.end
    for r in role_lines:
        if h.start <= r.start < limit and r.role in (
            "presenter",
            "moderator",
            "discussant",
            "rapporteur",
            "chair",
        ):
            out.append(r)
    return tuple(out)


__all__ = ["Extraction", "Mention", "Page", "analyse_layout", "extract_all"]
