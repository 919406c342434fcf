"""Emit: drafts + registry → the `Document` of the output contract, and its JSON text.

The document is assembled as plain dicts shaped like the contract models and validated once, as a
whole: one pass of pydantic instead of one per span, person and turn (the same checks run).
"""

from __future__ import annotations

import json
from functools import cache
from importlib.metadata import PackageNotFoundError, version
from typing import Any

from pydantic_core import PydanticSerializationError

from .diagnostics import CODES, severity
from .extract.drafts import Finding, Mention
from .layout import Extraction, Page
from .names import split_name
from .nlp import model_id
from .read import SourceText
from .resolve import Registry, classify_org, iter_aliases, ordered
from .schema import Document

Fields = dict[str, Any]  # one contract model's fields, validated with the whole `Document`


@cache
def _version() -> str:
    try:
        return version("pvparse")
    except PackageNotFoundError:
        return "0+unknown"


def _at(start: int, end: int) -> Fields:
    return {"start": start, "end": end}


def _span(se: tuple[int, int] | None) -> Fields | None:
    return _at(se[0], se[1]) if se else None


@cache
def _generator() -> Fields:
    """This pvparse and the language model, as the output names them (read once per process)."""
    return {"version": _version(), "model": model_id()}


def build_document(source: SourceText, page: Page, ex: Extraction, reg: Registry) -> Document:
    porder, oorder = ordered(reg)
    pid = {i: f"p{k + 1}" for k, i in enumerate(porder)}
    oid = {i: f"o{k + 1}" for k, i in enumerate(oorder)}

    # the id of the person or organisation at each mention's span, read once per mention
    pid_at = {se: pid[i] for se, i in reg.person_at.items()}
    oid_at = {se: oid[i] for se, i in reg.org_at.items()}

    def person(m: Mention | None) -> str | None:
        return None if m is None else pid_at.get((m.start, m.end))

    def org(m: Mention | None) -> str | None:
        return None if m is None else oid_at.get((m.start, m.end))

    persons = []
    for i in porder:
        p = reg.persons[i]
        parts = split_name(p.name)
        memberships = [
            {"organization": oid[o] if o is not None else None, "role": r} for o, r in p.memberships
        ]
        persons.append(
            {
                "id": pid[i],
                "name": p.name,
                "given_name": parts.given,
                "family_name": parts.family,
                "aliases": list(iter_aliases(p)),
                "memberships": memberships,
                "mentions": [{"start": s, "end": e} for s, e in sorted(set(p.mentions))],
            }
        )
    body = reg.org_of(ex.meeting.organization) if ex.meeting.organization else None
    if body is None:
        body = next((reg.org_of(lst.body) for lst in ex.lists if lst.kind == "staff" and lst.body), None)
    orgs = []
    for i in oorder:
        o = reg.orgs[i]
        name = o.name
        orgs.append(
            {
                "id": oid[i],
                "name": name,
                "aliases": [f for f in dict.fromkeys(o.forms) if f != name],
                "classification": classify_org(name, holds_meeting=ex.meeting.kind if i == body else None),
                "mentions": [{"start": s, "end": e} for s, e in sorted(set(o.mentions))],
            }
        )

    sid = {s.node.index: f"s{k + 1}" for k, s in enumerate(ex.sections)}
    sections = []
    for s in ex.sections:
        h = s.node.heading
        roles = []
        for r in s.roles:
            holder = person(r.person)
            if holder is not None:
                roles.append({"role": r.role, "person": holder, "span": _at(r.start, r.end)})
        sections.append(
            {
                "id": sid[s.node.index],
                "parent": sid[s.node.parent] if s.node.parent is not None else None,
                "level": s.node.level,
                "number": h.number,
                "title": h.title,
                "start_time": h.start_time,
                "end_time": h.end_time,
                "heading_span": _at(h.start, h.end),
                "span": _at(h.start, max(h.end, _rstrip_end(page.text, h.start, s.node.end))),
                "roles": roles,
            }
        )

    turns = []
    for k, (t, link) in enumerate(zip(ex.turns, reg.turn_links, strict=True)):
        c = t.label.candidate
        turns.append(
            {
                "id": f"t{k + 1}",
                "section": sid[t.section] if t.section is not None else None,
                # the label exactly as printed: stages read lines with NBSP/tabs made plain spaces
                "label": page.text[c.label_start : c.label_end],
                "label_span": {"start": c.label_start, "end": c.label_end},
                "speakers": [pid[i] for i in link.speakers],
                "resolution": link.resolution,
                "candidates": [pid[i] for i in link.candidates],
                "text": page.text[t.start : t.end],
                "span": {"start": t.start, "end": t.end},
            }
        )

    lists = []
    for k, lst in enumerate(ex.lists):
        entries = [
            {
                "text": page.text[e.start : e.end],  # as printed (NBSP kept), like every span's evidence
                "span": {"start": e.start, "end": e.end},
                "person": person(e.person),
                "organization": org(e.organization) or (org(lst.body) if lst.kind == "staff" else None),
                "role": e.role,
                "group": e.group,
                "is_new": e.is_new,
                "represented_by": person(e.represented_by),
            }
            for e in lst.entries
        ]
        lists.append(
            {
                "id": f"l{k + 1}",
                "kind": lst.kind,
                "title": lst.title,
                "span": _at(lst.start, lst.end),
                "entries": entries,
            }
        )

    decisions = []
    for k, d in enumerate(ex.decisions):
        decisions.append(
            {
                "id": f"d{k + 1}",
                "section": _section_id(ex, sid, d.start),
                "subject": d.subject,
                "result": d.result,
                "unanimous": d.unanimous,
                "counts": {"for": d.votes_for, "against": d.against, "abstain": d.abstain, "blank": d.blank},
                "span": _at(d.start, d.end),
            }
        )

    m = ex.meeting
    signature = None
    if m.signature_date or m.signature_place or m.signatories:
        signature = {
            "date": m.signature_date,
            "place": m.signature_place,
            "signatories": [
                {"person": signer, "role": sg.role, "span": _at(sg.start, sg.end)}
                for sg in m.signatories
                if (signer := person(sg.person)) is not None
            ],
            "span": _span(m.signature_span),
        }
    meeting = {
        "title": m.title,
        "title_span": _span(m.title_span),
        "organization": org(m.organization) or _staff_body(ex, org),
        "kind": m.kind,
        "date": m.date,
        "date_span": _span(m.date_span),
        "start_time": m.start_time,
        "end_time": m.end_time,
        "place": m.place,
        "mode": m.mode,
        "chair": person(m.chair),
        "secretary": person(m.secretary),
        "attendance": {
            "present_count": m.present_count,
            "members_present": m.members_present,
            "members_represented": m.members_represented,
            "members_total": m.members_total,
            "breakdown": [{"label": lbl, "count": n} for lbl, n in m.breakdown],
            "quorum_reached": m.quorum_reached,
            "span": _span(m.attendance_span),
        },
        "signature": signature,
    }

    findings: list[Finding] = [*ex.findings, *reg.findings]
    if not sections:
        findings.append(Finding("no_sections", "no heading was found"))
    if m.date is None:
        findings.append(Finding("no_meeting_date", "no meeting date was found"))
    diagnostics = [
        {
            "code": f.code,
            "severity": severity(f.code) if f.code in CODES else "warning",
            "message": f.message,
            "span": _at(f.start, f.end) if f.start is not None and f.end is not None else None,
        }
        for f in sorted(findings, key=lambda f: (f.start if f.start is not None else -1, f.code, f.message))
    ]

    return Document.model_validate(
        {
            "generator": _generator(),
            "source": {
                "path": source.path,
                "sha256": source.sha256,
                "encoding": source.encoding,
                "media_type": source.media_type,
                "length": len(page.text),
            },
            "meeting": meeting,
            "persons": persons,
            "organizations": orgs,
            "sections": sections,
            "turns": turns,
            "lists": lists,
            "decisions": decisions,
            "diagnostics": diagnostics,
        }
    )


def _staff_body(ex: Extraction, org) -> str | None:  # type: ignore[no-untyped-def]
    for lst in ex.lists:
        if lst.kind == "staff" and lst.body is not None:
            return org(lst.body)
    return None


def _section_id(ex: Extraction, sid: dict[int, str], offset: int) -> str | None:
    best = None
    for s in ex.sections:
        if s.node.heading.start <= offset < s.node.end:
            best = sid[s.node.index]
    return best


def _rstrip_end(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1].isspace():
        end -= 1
    return end


def to_json(doc: Document) -> str:
    """The document as deterministic JSON text (UTF-8 characters kept, keys in contract order).

    pydantic writes the same text as `json.dumps(..., ensure_ascii=False, indent=2)`, without building
    the dicts first; it refuses a lone surrogate (a str given to `parse_text` may hold one), which
    `json` writes as it is.
    """
    try:
        return doc.model_dump_json(indent=2, by_alias=True) + "\n"
    except PydanticSerializationError:
        data = doc.model_dump(mode="json", by_alias=True)
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
