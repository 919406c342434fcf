"""A self-contained HTML review page: the source text with every extracted item highlighted at its span.

The page is what an archivist checks the extraction on: the minutes with turns (coloured per speaker),
section headings, list entries, decisions, dates and mentions marked where they were read, beside an
outline of the sections, the people and organisations, the turns and the diagnostics, each linking to
its evidence. Everything taken from the minutes is escaped; the only script is ours, allowed by a hash
in the page's Content-Security-Policy, so a minutes text containing `<script>` shows it as text.
"""

from __future__ import annotations

import base64
import hashlib
import html
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from .errors import InputError, PVParseError
from .schema import Decision, Document, Person, Span

__all__ = ["render_file", "render_html"]

# Speakers are coloured in the order they first speak, each hue a golden angle from the previous one,
# so people who answer each other get far-apart colours however many there are.
_GOLDEN_ANGLE = 137.508
_UNSAFE_ID_RE = re.compile(r"[^A-Za-z0-9_-]")
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")

# Nesting order of marks sharing the same extent: a lower layer is drawn outside a higher one.
_LAYER = {
    "section": 0,
    "list": 1,
    "signature": 1,
    "attendance": 1,
    "turn": 2,
    "decision": 3,
    "heading": 4,
    "title": 4,
    "label": 5,
    "entry": 6,
    "role": 6,
    "signatory": 6,
    "mention": 7,
    "date": 8,
    "diag": 9,
}

_SCRIPT = """
(function () {
  function openTo(el) {
    for (var p = el; p; p = p.parentElement) {
      if (p.tagName === "DETAILS") { p.open = true; }
    }
  }
  function inSide(el) { return el.closest("#side") !== null; }
  function byHash(hash) {
    return hash.length > 1 ? document.getElementById(decodeURIComponent(hash.slice(1))) : null;
  }
  function show(el) {
    openTo(el);
    if (inSide(el)) {
      // only the side panel scrolls: the text being read stays where it is
      var side = document.getElementById("side");
      var top = el.getBoundingClientRect().top - side.getBoundingClientRect().top;
      side.scrollTop += top - side.clientHeight / 3;
      var old = document.querySelectorAll("#side .hit");
      for (var i = 0; i < old.length; i++) { old[i].classList.remove("hit"); }
      el.classList.add("hit");
    } else {
      el.scrollIntoView({block: "center"});
    }
  }
  document.addEventListener("click", function (ev) {
    var a = ev.target.closest ? ev.target.closest("a[href^='#']") : null;
    var el = a ? byHash(a.getAttribute("href")) : null;
    if (!el || !inSide(el)) { return; }
    ev.preventDefault();
    history.pushState(null, "", a.getAttribute("href"));
    show(el);
  });
  window.addEventListener("hashchange", function () {
    var el = byHash(location.hash);
    if (el) { show(el); }
  });
  document.addEventListener("DOMContentLoaded", function () {
    var boxes = document.querySelectorAll("input[data-layer]");
    for (var i = 0; i < boxes.length; i++) {
      boxes[i].addEventListener("change", function (ev) {
        document.body.classList.toggle("hide-" + ev.target.getAttribute("data-layer"), !ev.target.checked);
      });
    }
    var el = byHash(location.hash);
    if (el) { show(el); }
  });
})();
""".strip()

_CSS = """
:root { --side: 27rem; --ink: #1d232b; --muted: #5b6573; --line: #d6dbe1; --focus: #0b57d0; }
* { box-sizing: border-box; }
html { scroll-padding-top: 3rem; }
body { margin: 0; color: var(--ink); background: #fafbfc; font: 15px/1.55 system-ui, -apple-system,
  "Segoe UI", Roboto, "DejaVu Sans", sans-serif; display: grid;
  grid-template-columns: minmax(18rem, var(--side)) minmax(0, 1fr); }
a { color: #0b4fa8; }
a:focus-visible, summary:focus-visible, input:focus-visible, [tabindex]:focus-visible {
  outline: 3px solid var(--focus); outline-offset: 2px; border-radius: 2px; }
.skip { position: absolute; left: -999px; top: 0; background: #fff; padding: .5rem; z-index: 10; }
.skip:focus { left: .5rem; }
#side { position: sticky; top: 0; height: 100vh; overflow: auto; border-right: 1px solid var(--line);
  background: #fff; padding: .75rem 1rem 3rem; }
#side h1 { font-size: 1.05rem; margin: .2rem 0 .4rem; line-height: 1.3; }
#side h2 { font-size: .95rem; display: inline; margin: 0; }
#side details { border-top: 1px solid var(--line); padding: .35rem 0; }
#side summary { cursor: pointer; padding: .15rem 0; }
#side ul, #side ol { margin: .3rem 0; padding-left: 1.1rem; }
#side li { margin: .15rem 0; }
.facts { margin: .2rem 0 .5rem; font-size: .9rem; }
.facts dt { float: left; clear: left; width: 6.5rem; color: var(--muted); }
.facts dd { margin: 0 0 0 6.7rem; }
.count { color: var(--muted); font-size: .85rem; }
.small { font-size: .85rem; color: var(--muted); }
.refs a { margin-right: .3rem; font-size: .85rem; }
.badge { display: inline-block; font-size: .75rem; padding: 0 .35rem; border-radius: .6rem;
  background: #eef1f4; color: #38414c; }
.badge.unresolved, .badge.error { background: #fde2e0; color: #8a1c12; }
.badge.ambiguous, .badge.warning { background: #fff0c2; color: #6b4b00; }
.outline ol { list-style: none; padding-left: .9rem; }
.outline .time { font-variant-numeric: tabular-nums; color: var(--muted); font-size: .85rem; }
.swatch { display: inline-block; width: .8rem; height: .8rem; border-radius: 2px; vertical-align: -1px;
  margin-right: .25rem; border: 1px solid rgba(0,0,0,.25); }
.swatch.spk { background: hsl(var(--h) 65% 78%); }
.legend .turn { --h: 210; }
main { padding: 1rem 2rem 40vh; min-width: 0; }
.legend { position: sticky; top: 0; z-index: 2; background: #fafbfcf2; border-bottom: 1px solid var(--line);
  padding: .4rem 0; font-size: .85rem; display: flex; flex-wrap: wrap; gap: .3rem 1rem; }
.legend label { cursor: pointer; white-space: nowrap; }
.src { white-space: pre-wrap; overflow-wrap: anywhere; max-width: 52rem; margin: 1rem 0;
  font: inherit; font-size: 1rem; line-height: 1.7; }
.src span, .src a { box-decoration-break: clone; -webkit-box-decoration-break: clone; }
.src a.label { color: inherit; text-decoration: none; }
.turn { background: hsl(var(--h) 85% 93%); }
.label { background: hsl(var(--h) 65% 82%); font-weight: 600; border-radius: 3px; padding: 0 2px; }
.spk-none { --h: 0; background: repeating-linear-gradient(135deg, #eee 0 6px, #f7f7f7 6px 12px); }
.label.spk-none { background: #d9d9d9; outline: 1px dashed #8a1c12; }
.spk-amb { --h: 40; }
.label.spk-amb { outline: 1px dashed #6b4b00; }
.heading { font-weight: 700; background: #fff1b8; border-bottom: 2px solid #d4a300; }
.title { font-weight: 700; background: #fff1b8; }
.list { background: #f1f8ee; }
.entry { border-bottom: 2px solid #5d9c45; }
.decision { background: #efe6ff; border-bottom: 2px solid #7048c2; }
.date { background: #d9f3f6; border-bottom: 2px solid #1b8a99; }
.attendance, .signature { background: #f4f1ea; }
.role, .signatory { border-bottom: 2px dotted #7a5230; }
.mention { border-bottom: 1px dashed #4d5866; }
.mention.org { border-bottom-style: dotted; border-bottom-color: #8a4f00; }
.diag { text-decoration: underline wavy #c4291c; text-decoration-skip-ink: none;
  text-underline-offset: 3px; }
.diag.sev-info { text-decoration-color: #1b6fb5; }
.diag.sev-warning { text-decoration-color: #c48a00; }
:target { outline: 3px solid #e4572e !important; outline-offset: 1px; border-radius: 2px; }
#side :target, #side .hit { background: #ffe9e2; outline: 2px solid #e4572e; }
body.hide-turns .turn, body.hide-turns .label { background: none; outline: none; font-weight: inherit; }
body.hide-structure .heading, body.hide-structure .title, body.hide-structure .list,
body.hide-structure .entry, body.hide-structure .attendance, body.hide-structure .signature,
body.hide-structure .role, body.hide-structure .signatory { background: none; border: 0; }
body.hide-decisions .decision, body.hide-dates .date { background: none; border: 0; }
body.hide-mentions .mention { border: 0; }
body.hide-diagnostics .diag { text-decoration: none; }
@media (max-width: 900px) { body { display: block; } #side { position: static; height: auto; } }
@media print { #side, .legend { display: none; } body { display: block; } }
"""


@dataclass(frozen=True)
class _Mark:
    """One highlighted extent of the text; `anchor` goes on its first fragment only."""

    start: int
    end: int
    kind: str
    anchor: str
    classes: str
    title: str
    href: str | None = None
    style: str | None = None


def _esc(value: object) -> str:
    return html.escape(str(value), quote=True)


def _text(value: str) -> str:
    # The HTML parser turns NUL into U+FFFD and some controls are invalid characters: show a marker.
    return html.escape(_CONTROL_RE.sub("\ufffd", value), quote=False)


def _slug(doc_id: str) -> str:
    return _UNSAFE_ID_RE.sub("_", doc_id)


def _speaker_ranks(doc: Document) -> dict[str, int]:
    """Person id → rank of its first turn (first speakers first)."""
    ranks: dict[str, int] = {}
    for t in doc.turns:
        for pid in t.speakers:
            ranks.setdefault(pid, len(ranks))
    return ranks


def _hue(rank: int) -> int:
    return round((210 + rank * _GOLDEN_ANGLE) % 360)


def _speaker_class(ranks: dict[str, int], speakers: list[str], resolution: str) -> str:
    if resolution == "ambiguous":
        return "spk-amb"
    if not speakers:
        return "spk-none"
    return f"spk-{ranks[speakers[0]]}"


def _person_names(doc: Document) -> dict[str, str]:
    return {p.id: p.name for p in doc.persons}


def _collect_marks(doc: Document) -> list[_Mark]:
    """Every span of the document as a mark, in document-model order."""
    names = _person_names(doc)
    orgs = {o.id: o.name for o in doc.organizations}
    ranks = _speaker_ranks(doc)
    marks: list[_Mark] = []

    def add(span: Span | None, kind: str, anchor: str, classes: str, title: str, **kw: str | None) -> None:
        if span is not None:
            marks.append(_Mark(span.start, span.end, kind, anchor, classes, title, **kw))

    m = doc.meeting
    add(m.title_span, "title", "ev-meeting-title", "title", "Meeting title")
    add(m.date_span, "date", "ev-meeting-date", "date", f"Meeting date: {m.date or 'not parsed'}")
    add(m.attendance.span, "attendance", "ev-attendance", "attendance", "Attendance")
    if m.signature:
        add(m.signature.span, "signature", "ev-signature", "signature", "Signature")
        for i, sg in enumerate(m.signature.signatories, 1):
            add(
                sg.span,
                "signatory",
                f"ev-signature-{i}",
                "signatory",
                f"Signatory: {names.get(sg.person, sg.person)}" + (f" ({sg.role})" if sg.role else ""),
            )
    for sec in doc.sections:
        sid = _slug(sec.id)
        add(sec.span, "section", f"ev-{sid}", "section", f"Section {sec.id}: {sec.title}")
        times = _times(sec.start_time, sec.end_time)
        add(
            sec.heading_span,
            "heading",
            f"ev-{sid}-heading",
            f"heading lvl-{sec.level}",
            f"Section heading {sec.id}" + (f" ({times})" if times else ""),
        )
        for i, role in enumerate(sec.roles, 1):
            add(
                role.span,
                "role",
                f"ev-{sid}-role-{i}",
                "role",
                f"{role.role}: {names.get(role.person, role.person)}",
            )
    for t in doc.turns:
        tid = _slug(t.id)
        cls = _speaker_class(ranks, t.speakers, t.resolution)
        who = _who(t.speakers, t.candidates, t.resolution, names)
        add(t.span, "turn", f"ev-{tid}", f"turn {cls}", f"Turn {t.id}: {t.label} → {who}")
        href = f"#person-{_slug(t.speakers[0])}" if len(t.speakers) == 1 else f"#turn-{tid}"
        add(
            t.label_span,
            "label",
            f"ev-{tid}-label",
            f"label {cls}",
            f"Speaker label “{t.label}” → {who} ({t.resolution})",
            href=href,
        )
    for lst in doc.lists:
        lid = _slug(lst.id)
        add(
            lst.span,
            "list",
            f"ev-{lid}",
            "list",
            f"List {lst.id} ({lst.kind}): {lst.title or ''}".rstrip(": "),
        )
        for i, e in enumerate(lst.entries, 1):
            bits = [
                names.get(e.person, "") if e.person else "",
                orgs.get(e.organization, "") if e.organization else "",
            ]
            add(
                e.span,
                "entry",
                f"ev-{lid}-{i}",
                "entry",
                f"List entry ({lst.kind})" + (": " + " · ".join(b for b in bits if b) if any(bits) else ""),
            )
    for d in doc.decisions:
        did = _slug(d.id)
        add(d.span, "decision", f"ev-{did}", "decision", f"Decision {d.id}: {_decision_summary(d)}")
    for p in doc.persons:
        pid = _slug(p.id)
        for i, s in enumerate(p.mentions, 1):
            add(s, "mention", f"ev-{pid}-m{i}", "mention person", f"Mention of {p.name}")
    for o in doc.organizations:
        oid = _slug(o.id)
        for i, s in enumerate(o.mentions, 1):
            add(s, "mention", f"ev-{oid}-m{i}", "mention org", f"Mention of {o.name}")
    for i, dg in enumerate(doc.diagnostics, 1):
        add(
            dg.span,
            "diag",
            f"ev-diag-{i}",
            f"diag sev-{dg.severity}",
            f"{dg.severity} {dg.code}: {dg.message}",
        )
    return marks


def _who(speakers: list[str], candidates: list[str], resolution: str, names: dict[str, str]) -> str:
    if speakers:
        return " & ".join(names.get(s, s) for s in speakers)
    if candidates:
        return "one of " + ", ".join(names.get(c, c) for c in candidates)
    return "unresolved" if resolution == "unresolved" else resolution


def _times(start: str | None, end: str | None) -> str:
    if start and end:
        return f"{start}–{end}"
    return start or (f"–{end}" if end else "")


def _decision_summary(d: Decision) -> str:
    parts: list[str] = [d.result]
    if d.unanimous:
        parts.append("unanimous")
    c = d.counts
    for key, value in (("for", c.for_), ("against", c.against), ("abstain", c.abstain), ("blank", c.blank)):
        if value is not None:
            parts.append(f"{key} {value}")
    if d.subject:
        parts.append(f"“{d.subject}”")
    return ", ".join(parts)


def _open_tag(mark: _Mark, first: bool) -> str:
    tag = "a" if mark.href else "span"
    attrs = [f'class="{_esc(mark.classes)}{"" if first else " cont"}"', f'title="{_esc(mark.title)}"']
    if first:
        attrs.insert(0, f'id="{_esc(mark.anchor)}"')
    else:
        attrs.append(f'data-of="{_esc(mark.anchor)}"')
    if mark.href:
        attrs.append(f'href="{_esc(mark.href)}"')
        if not first:
            attrs.append('tabindex="-1"')
    return f"<{tag} {' '.join(attrs)}>"


def _close_tag(mark: _Mark) -> str:
    return "</a>" if mark.href else "</span>"


def _highlight(text: str, marks: Iterable[_Mark]) -> str:
    """The escaped text with marks as nested elements; a mark crossing another's edge is split in two.

    Marks are nested by (start, longest first, layer): at each boundary the open elements that differ
    from the wanted stack are closed and the wanted ones opened, so the output is always well formed.
    """
    ordered = sorted(marks, key=lambda mk: (mk.start, -mk.end, _LAYER.get(mk.kind, 99), mk.anchor))
    rank = {id(mk): i for i, mk in enumerate(ordered)}
    empty: dict[int, list[_Mark]] = {}
    starts: dict[int, list[_Mark]] = {}
    ends: dict[int, list[_Mark]] = {}
    for mk in ordered:
        if mk.start == mk.end:
            empty.setdefault(mk.start, []).append(mk)
        else:
            starts.setdefault(mk.start, []).append(mk)
            ends.setdefault(mk.end, []).append(mk)
    points = sorted({0, len(text), *starts, *ends, *empty})
    out: list[str] = []
    stack: list[_Mark] = []
    active: dict[int, _Mark] = {}
    opened: set[int] = set()
    for i, point in enumerate(points):
        for mk in ends.get(point, []):
            active.pop(id(mk), None)
        for mk in starts.get(point, []):
            active[id(mk)] = mk
        wanted = sorted(active.values(), key=lambda mk: rank[id(mk)])
        keep = 0
        while keep < len(stack) and keep < len(wanted) and stack[keep] is wanted[keep]:
            keep += 1
        for mk in reversed(stack[keep:]):
            out.append(_close_tag(mk))
        del stack[keep:]
        for mk in empty.get(point, []):
            out.append(_open_tag(mk, True) + _close_tag(mk))
        if point >= len(text):
            break
        for mk in wanted[keep:]:
            out.append(_open_tag(mk, id(mk) not in opened))
            opened.add(id(mk))
            stack.append(mk)
        out.append(_text(text[point : points[i + 1]]))
    for mk in reversed(stack):
        out.append(_close_tag(mk))
    return "".join(out)


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _link(anchor: str, label: str, cls: str = "") -> str:
    klass = f' class="{cls}"' if cls else ""
    return f'<a href="#{_esc(anchor)}"{klass}>{_esc(label)}</a>'


def _facts(doc: Document) -> str:
    m = doc.meeting
    names = _person_names(doc)
    orgs = {o.id: o.name for o in doc.organizations}
    rows: list[tuple[str, str]] = []
    if m.organization:
        rows.append(
            ("Organisation", _link(f"org-{_slug(m.organization)}", orgs.get(m.organization, m.organization)))
        )
    if m.kind:
        rows.append(("Kind", _esc(m.kind.replace("_", " "))))
    if m.date or m.date_span:
        label = m.date or "not parsed"
        rows.append(("Date", _link("ev-meeting-date", label) if m.date_span else _esc(label)))
    times = _times(m.start_time, m.end_time)
    if times:
        rows.append(("Time", _esc(times)))
    if m.place:
        rows.append(("Place", _esc(m.place)))
    if m.mode:
        rows.append(("Mode", _esc(m.mode.replace("_", " "))))
    for key, pid in (("Chair", m.chair), ("Secretary", m.secretary)):
        if pid:
            rows.append((key, _link(f"person-{_slug(pid)}", names.get(pid, pid))))
    a = m.attendance
    bits = [
        f"{a.present_count} present" if a.present_count is not None else "",
        f"{a.members_present} members present" if a.members_present is not None else "",
        f"{a.members_represented} represented" if a.members_represented is not None else "",
        f"of {a.members_total} members" if a.members_total is not None else "",
        {True: "quorum reached", False: "quorum not reached", None: ""}[a.quorum_reached],
    ]
    summary = ", ".join(b for b in bits if b)
    if summary or a.span:
        text = summary or "see text"
        rows.append(("Attendance", _link("ev-attendance", text) if a.span else _esc(text)))
    if m.signature:
        sig = m.signature
        who = ", ".join(names.get(s.person, s.person) for s in sig.signatories)
        text = " · ".join(b for b in (sig.place or "", sig.date or "", who) if b) or "see text"
        rows.append(("Signature", _link("ev-signature", text) if sig.span else _esc(text)))
    src = doc.source
    rows.append(("Source", _esc(f"{src.path or 'text'} · {src.encoding} · {src.length} characters")))
    return '<dl class="facts">' + "".join(f"<dt>{k}</dt><dd>{v}</dd>" for k, v in rows) + "</dl>"


def _outline(doc: Document) -> str:
    turns_in: dict[str, int] = {}
    for t in doc.turns:
        if t.section:
            turns_in[t.section] = turns_in.get(t.section, 0) + 1
    children: dict[str | None, list[int]] = {}
    known = {s.id for s in doc.sections}
    for i, sec in enumerate(doc.sections):
        parent = sec.parent if sec.parent in known else None
        children.setdefault(parent, []).append(i)

    def tree(parent: str | None, seen: frozenset[str]) -> str:
        items: list[str] = []
        for i in children.get(parent, []):
            sec = doc.sections[i]
            if sec.id in seen:
                continue
            sid = _slug(sec.id)
            title = f"{sec.number} {sec.title}" if sec.number else sec.title
            times = _times(sec.start_time, sec.end_time)
            time_html = f'<span class="time">{_esc(times)}</span> ' if times else ""
            n = turns_in.get(sec.id, 0)
            count = f' <span class="count">· {n} turn{"s" if n != 1 else ""}</span>' if n else ""
            items.append(
                f'<li id="section-{sid}" data-section="{_esc(sec.id)}">{time_html}'
                f"{_link(f'ev-{sid}-heading', title)}{count}{tree(sec.id, seen | {sec.id})}</li>"
            )
        return f"<ol>{''.join(items)}</ol>" if items else ""

    body = tree(None, frozenset()) or '<p class="small">No section found.</p>'
    return _group(
        "outline", "Outline", len(doc.sections), f'<nav class="outline" aria-label="Outline">{body}</nav>'
    )


def _group(gid: str, title: str, count: int, body: str, open_: bool = True) -> str:
    return (
        f'<details id="g-{gid}"{" open" if open_ else ""}><summary><h2>{_esc(title)}</h2> '
        f'<span class="count">({count})</span></summary>{body}</details>'
    )


def _refs(anchors: list[tuple[str, str]]) -> str:
    return '<span class="refs">' + "".join(_link(a, label) for a, label in anchors) + "</span>"


def _turns_by_person(doc: Document) -> dict[str, list[str]]:
    by: dict[str, list[str]] = {}
    for t in doc.turns:
        for pid in dict.fromkeys(t.speakers):
            by.setdefault(pid, []).append(t.id)
    return by


def _people(doc: Document) -> str:
    orgs = {o.id: o.name for o in doc.organizations}
    ranks = _speaker_ranks(doc)
    turns = _turns_by_person(doc)
    turn_pos = {t.id: i for i, t in enumerate(doc.turns, 1)}
    items: list[str] = []
    for p in doc.persons:
        items.append(_person_item(p, ranks, orgs, turns.get(p.id, []), turn_pos))
    body = f"<ul>{''.join(items)}</ul>" if items else '<p class="small">No person found.</p>'
    return _group("people", "People", len(doc.persons), body)


def _person_item(
    p: Person, ranks: dict[str, int], orgs: dict[str, str], turn_ids: list[str], turn_pos: dict[str, int]
) -> str:
    pid = _slug(p.id)
    swatch = (
        f'<span class="swatch spk spk-{ranks[p.id]}" aria-hidden="true"></span>'
        if p.id in ranks
        else '<span class="swatch" aria-hidden="true"></span>'
    )
    if p.mentions:
        name = _link(f"ev-{pid}-m1", p.name)
    elif turn_ids:
        name = _link(f"ev-{_slug(turn_ids[0])}", p.name)
    else:
        name = f"<strong>{_esc(p.name)}</strong>"
    parts = [f'<li id="person-{pid}">{swatch}{name}']
    n = len(turn_ids)
    parts.append(f' <span class="count">· {n} turn{"s" if n != 1 else ""}</span>')
    if p.aliases:
        parts.append('<div class="small">aka ' + ", ".join(f"“{_esc(a)}”" for a in p.aliases) + "</div>")
    if p.memberships:
        ms = []
        for m in p.memberships:
            org = (
                _link(f"org-{_slug(m.organization)}", orgs.get(m.organization, m.organization))
                if m.organization
                else ""
            )
            ms.append(" · ".join(b for b in (_esc(m.role) if m.role else "", org) if b))
        parts.append('<div class="small">' + "; ".join(x for x in ms if x) + "</div>")
    if turn_ids:
        parts.append(
            '<div class="small">turns: '
            + _refs([(f"ev-{_slug(t)}", f"#{turn_pos[t]}") for t in turn_ids])
            + "</div>"
        )
    if len(p.mentions) > 1:
        parts.append(
            '<div class="small">mentions: '
            + _refs([(f"ev-{pid}-m{i}", str(i)) for i in range(1, len(p.mentions) + 1)])
            + "</div>"
        )
    parts.append("</li>")
    return "".join(parts)


def _organizations(doc: Document) -> str:
    members: dict[str, list[str]] = {}
    for p in doc.persons:
        for m in p.memberships:
            if m.organization and p.id not in members.get(m.organization, []):
                members.setdefault(m.organization, []).append(p.id)
    names = _person_names(doc)
    turns = _turns_by_person(doc)
    items: list[str] = []
    for o in doc.organizations:
        oid = _slug(o.id)
        name = _link(f"ev-{oid}-m1", o.name) if o.mentions else f"<strong>{_esc(o.name)}</strong>"
        spoken = len({t for pid in members.get(o.id, []) for t in turns.get(pid, [])})
        parts = [f'<li id="org-{oid}">{name} <span class="count">· {_plural(spoken, "turn")}</span>']
        if o.classification:
            parts.append(f' <span class="badge">{_esc(o.classification.replace("_", " "))}</span>')
        if o.aliases:
            parts.append('<div class="small">aka ' + ", ".join(f"“{_esc(a)}”" for a in o.aliases) + "</div>")
        who = members.get(o.id, [])
        if who:
            parts.append(
                f'<div class="small">{_plural(len(who), "member")}: '
                + ", ".join(_link(f"person-{_slug(pid)}", names.get(pid, pid)) for pid in who)
                + "</div>"
            )
        if len(o.mentions) > 1:
            parts.append(
                '<div class="small">mentions: '
                + _refs([(f"ev-{oid}-m{i}", str(i)) for i in range(1, len(o.mentions) + 1)])
                + "</div>"
            )
        parts.append("</li>")
        items.append("".join(parts))
    body = f"<ul>{''.join(items)}</ul>" if items else '<p class="small">No organisation found.</p>'
    return _group("organizations", "Organisations", len(doc.organizations), body)


def _turns(doc: Document) -> str:
    names = _person_names(doc)
    ranks = _speaker_ranks(doc)
    items: list[str] = []
    for t in doc.turns:
        tid = _slug(t.id)
        who = _who(t.speakers, t.candidates, t.resolution, names)
        cls = _speaker_class(ranks, t.speakers, t.resolution)
        badge = t.resolution if t.resolution in ("unresolved", "ambiguous") else ""
        items.append(
            f'<li id="turn-{tid}" class="{cls}">{_link(f"ev-{tid}", t.label)} → {_esc(who)}'
            + (f' <span class="badge {badge}">{badge}</span>' if badge else "")
            + "</li>"
        )
    body = f"<ol>{''.join(items)}</ol>" if items else '<p class="small">No turn found.</p>'
    return _group("turns", "Turns", len(doc.turns), body, open_=False)


def _lists(doc: Document) -> str:
    items = []
    for lst in doc.lists:
        lid = _slug(lst.id)
        title = lst.title or lst.kind.replace("_", " ")
        n = len(lst.entries)
        items.append(
            f'<li id="list-{lid}">{_link(f"ev-{lid}", title)} <span class="badge">{_esc(lst.kind)}</span>'
            f' <span class="count">· {n} entr{"ies" if n != 1 else "y"}</span></li>'
        )
    body = f"<ul>{''.join(items)}</ul>" if items else '<p class="small">No list found.</p>'
    return _group("lists", "Lists", len(doc.lists), body, open_=False)


def _decisions(doc: Document) -> str:
    items = []
    for d in doc.decisions:
        did = _slug(d.id)
        items.append(f'<li id="decision-{did}">{_link(f"ev-{did}", _decision_summary(d))}</li>')
    body = f"<ul>{''.join(items)}</ul>" if items else '<p class="small">No decision found.</p>'
    return _group("decisions", "Decisions", len(doc.decisions), body, open_=bool(doc.decisions))


def _diagnostics(doc: Document) -> str:
    items = []
    for i, dg in enumerate(doc.diagnostics, 1):
        head = (
            f'<span class="badge {_esc(dg.severity)}">{_esc(dg.severity)}</span> <code>{_esc(dg.code)}</code>'
        )
        msg = _link(f"ev-diag-{i}", dg.message) if dg.span else _esc(dg.message)
        items.append(f'<li id="diag-{i}">{head} {msg}</li>')
    body = f"<ul>{''.join(items)}</ul>" if items else '<p class="small">No diagnostic.</p>'
    return _group("diagnostics", "Diagnostics", len(doc.diagnostics), body)


def _legend() -> str:
    layers = (
        ("turns", "turn", "Turns (per speaker)"),
        ("structure", "heading", "Headings & lists"),
        ("decisions", "decision", "Decisions"),
        ("dates", "date", "Dates"),
        ("mentions", "mention", "Mentions"),
        ("diagnostics", "diag", "Diagnostics"),
    )
    boxes = "".join(
        f'<label><input type="checkbox" checked data-layer="{layer}"> '
        f'<span class="{cls}">{label}</span></label>'
        for layer, cls, label in layers
    )
    return f'<div class="legend" role="group" aria-label="Highlight layers">{boxes}</div>'


def _palette_css(doc: Document) -> str:
    return "".join(f".spk-{rank}{{--h:{_hue(rank)}}}" for rank in sorted(_speaker_ranks(doc).values()))


def render_html(doc: Document, text: str) -> str:
    """One self-contained HTML review page for `doc`, whose spans index `text`."""
    if len(text) != doc.source.length:
        raise InputError(
            f"the text has {len(text)} characters but the document was parsed from {doc.source.length}"
        )
    title = doc.meeting.title or doc.source.path or "Minutes"
    script_hash = base64.b64encode(hashlib.sha256(_SCRIPT.encode("utf-8")).digest()).decode("ascii")
    csp = f"default-src 'none'; style-src 'unsafe-inline'; img-src data:; script-src 'sha256-{script_hash}'"
    counts = " · ".join(
        _plural(len(items), word)
        for items, word in (
            (doc.turns, "turn"),
            (doc.sections, "section"),
            (doc.persons, "person"),
            (doc.organizations, "organisation"),
            (doc.lists, "list"),
            (doc.decisions, "decision"),
            (doc.diagnostics, "diagnostic"),
        )
    )
    title_html = _link("ev-meeting-title", title) if doc.meeting.title_span else _esc(title)
    side = "".join(
        (
            f'<header><h1 id="page-title">{title_html}</h1>',
            f'<p class="small" id="counts">{_esc(counts)}</p>',
            _facts(doc),
            "</header>",
            _outline(doc),
            _people(doc),
            _organizations(doc),
            _turns(doc),
            _lists(doc),
            _decisions(doc),
            _diagnostics(doc),
            f'<p class="small">pvparse {_esc(doc.generator.version)} · schema {_esc(doc.schema_version)}</p>',
        )
    )
    body = _highlight(text, _collect_marks(doc))
    return "".join(
        (
            "<!DOCTYPE html>\n",
            '<html lang="en"><head><meta charset="utf-8">',
            f'<meta http-equiv="Content-Security-Policy" content="{_esc(csp)}">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            '<link rel="icon" href="data:,">',
            f"<title>{_esc(title)} · pvparse review</title>",
            f"<style>{_CSS}{_palette_css(doc)}</style>",
            f"<script>{_SCRIPT}</script>",
            "</head><body>",
            '<a class="skip" href="#text">Skip to the text</a>',
            f'<aside id="side" aria-label="Extraction">{side}</aside>',
            '<main id="text" tabindex="-1">',
            _legend(),
            # the parser drops a newline right after <pre>: this one goes, the text's own first one stays
            f'<pre class="src" lang="fr" aria-label="Source text">\n{body}</pre>',
            "</main></body></html>\n",
        )
    )


def render_file(doc: Document, text: str, path: Path) -> None:
    """Write the review page of `doc` to `path` (UTF-8); used by `pvparse render` and `batch --render`."""
    page = render_html(doc, text)
    try:
        path.write_text(page, encoding="utf-8")
    except OSError as exc:
        raise PVParseError(f"{path}: cannot write ({exc.strerror or exc})") from None
