"""Checks every output must pass: each span inside the text and spelling its evidence."""

from __future__ import annotations

from pvparse import Document


def span_problems(doc: Document, text: str) -> list[str]:
    """Every span in bounds; labels, turn texts, titles and list entries exactly their evidence."""
    out: list[str] = []
    n = len(text)
    assert doc.source.length == n

    def check(span, where: str, expect: str | None = None) -> None:
        if span is None:
            return
        if not (0 <= span.start <= span.end <= n):
            out.append(f"{where}: span {span.start}-{span.end} outside 0-{n}")
        elif expect is not None and text[span.start : span.end] != expect:
            out.append(f"{where}: span spells {text[span.start:span.end]!r}, not {expect!r}")

    m = doc.meeting
    check(m.title_span, "meeting.title")
    check(m.date_span, "meeting.date")
    check(m.attendance.span, "meeting.attendance")
    if m.signature:
        check(m.signature.span, "signature")
        for s in m.signature.signatories:
            check(s.span, "signatory")
    for p in doc.persons:
        for s in p.mentions:
            check(s, p.id)
    for o in doc.organizations:
        for s in o.mentions:
            check(s, o.id)
    for sec in doc.sections:
        check(sec.heading_span, sec.id)
        check(sec.span, sec.id)
        if not (sec.span.start <= sec.heading_span.start and sec.heading_span.end <= sec.span.end):
            out.append(f"{sec.id}: heading outside its section")
        for r in sec.roles:
            check(r.span, f"{sec.id}.role")
    for t in doc.turns:
        check(t.label_span, t.id, t.label)
        check(t.span, t.id, t.text)
    for lst in doc.lists:
        check(lst.span, lst.id)
        for e in lst.entries:
            check(e.span, lst.id, e.text)
    for d in doc.decisions:
        check(d.span, d.id)
    for dg in doc.diagnostics:
        check(dg.span, dg.code)
    return out
