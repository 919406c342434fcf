"""The JSON output contract (version 1.0) as pydantic models: the reference for downstream tools.

Every object read from the text carries a `span` of code-point offsets into the decoded source text
(after BOM removal), so that `text[span.start:span.end]` is exactly the evidence.
"""

from __future__ import annotations

import re
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

SCHEMA_VERSION: Literal["1.0"] = "1.0"

_ISO_DATE_RE = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?)?")
_HHMM_RE = re.compile(r"(?:[01]\d|2[0-3]):[0-5]\d")

MeetingKind = Literal[
    "general_assembly",
    "extraordinary_general_assembly",
    "constitutive_assembly",
    "board",
    "bureau",
    "municipal_council",
    "committee",
    "other",
]
OrgClass = Literal[
    "commune",
    "departement",
    "region",
    "intercommunality",
    "state",
    "association",
    "company",
    "education_research",
    "health",
    "other",
]
Resolution = Literal["exact", "alias", "given_name", "initial", "fuzzy", "role", "ambiguous", "unresolved"]
ListKind = Literal[
    "present",
    "excused",
    "absent",
    "represented",
    "staff",
    "new_members",
    "pending_members",
    "board",
    "bureau",
    "elected",
    "candidates",
    "other",
]
SectionRoleKind = Literal["presenter", "moderator", "discussant", "rapporteur", "chair", "other"]


class Model(BaseModel):
    """Base of every output model: unknown keys are errors."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)


class Span(Model):
    start: int = Field(ge=0)
    end: int = Field(ge=0)

    @model_validator(mode="after")
    def _ordered(self) -> Span:
        if self.start > self.end:
            raise ValueError(f"span start {self.start} > end {self.end}")
        return self


def _check_hhmm(v: str | None) -> str | None:
    if v is not None and not _HHMM_RE.fullmatch(v):
        raise ValueError(f"time {v!r} is not HH:MM")
    return v


class Generator(Model):
    name: Literal["pvparse"] = "pvparse"
    version: str
    model: str | None = None


class Source(Model):
    path: str | None = None
    sha256: str
    encoding: str
    media_type: str
    length: int = Field(ge=0)


class BreakdownItem(Model):
    label: str
    count: int


class Attendance(Model):
    present_count: int | None = None
    members_present: int | None = None
    members_represented: int | None = None
    members_total: int | None = None
    breakdown: list[BreakdownItem] = []
    quorum_reached: bool | None = None
    span: Span | None = None


class Signatory(Model):
    person: str
    role: str | None = None
    span: Span


class Signature(Model):
    date: str | None = None
    place: str | None = None
    signatories: list[Signatory] = []
    span: Span | None = None

    _date = field_validator("date")(lambda v: _check_date(v, full=True))


def _check_date(v: str | None, full: bool = False) -> str | None:
    if v is None:
        return v
    if not _ISO_DATE_RE.fullmatch(v) or (full and len(v) != 10):
        raise ValueError(f"date {v!r} is not ISO (YYYY-MM-DD, YYYY-MM or YYYY)")
    return v


class Meeting(Model):
    title: str | None = None
    title_span: Span | None = None
    organization: str | None = None
    kind: MeetingKind | None = None
    date: str | None = None
    date_span: Span | None = None
    start_time: str | None = None
    end_time: str | None = None
    place: str | None = None
    mode: Literal["in_person", "remote", "hybrid"] | None = None
    chair: str | None = None
    secretary: str | None = None
    attendance: Attendance = Attendance()
    signature: Signature | None = None

    _date = field_validator("date")(lambda v: _check_date(v))
    _times = field_validator("start_time", "end_time")(lambda v: _check_hhmm(v))


class Membership(Model):
    organization: str | None = None
    role: str | None = None


class Person(Model):
    id: str
    name: str
    given_name: str | None = None
    family_name: str | None = None
    aliases: list[str] = []
    memberships: list[Membership] = []
    mentions: list[Span] = []


class Organization(Model):
    id: str
    name: str
    aliases: list[str] = []
    classification: OrgClass | None = None
    mentions: list[Span] = []


class SectionRole(Model):
    role: SectionRoleKind
    person: str
    span: Span


class Section(Model):
    id: str
    parent: str | None = None
    level: int = Field(ge=1)
    number: str | None = None
    title: str
    start_time: str | None = None
    end_time: str | None = None
    heading_span: Span
    span: Span
    roles: list[SectionRole] = []

    _times = field_validator("start_time", "end_time")(lambda v: _check_hhmm(v))


class Turn(Model):
    id: str
    section: str | None = None
    label: str
    label_span: Span
    speakers: list[str] = []
    resolution: Resolution
    candidates: list[str] = []
    text: str
    span: Span


class ListEntry(Model):
    text: str
    span: Span
    person: str | None = None
    organization: str | None = None
    role: str | None = None
    group: str | None = None
    is_new: bool = False
    represented_by: str | None = None


class PersonList(Model):
    id: str
    kind: ListKind
    title: str | None = None
    span: Span
    entries: list[ListEntry] = []


class Counts(Model):
    for_: int | None = Field(default=None, alias="for", ge=0)
    against: int | None = Field(default=None, ge=0)
    abstain: int | None = Field(default=None, ge=0)
    blank: int | None = Field(default=None, ge=0)


class Decision(Model):
    id: str
    section: str | None = None
    subject: str | None = None
    result: Literal["adopted", "rejected", "unknown"]
    unanimous: bool | None = None
    counts: Counts = Counts()
    span: Span


class Diagnostic(Model):
    code: str
    severity: Literal["info", "warning", "error"]
    message: str
    span: Span | None = None


class Document(Model):
    """One parsed minutes document; `check_integrity` is run on every instance built."""

    schema_version: Literal["1.0"] = SCHEMA_VERSION
    generator: Generator
    source: Source
    meeting: Meeting = Meeting()
    persons: list[Person] = []
    organizations: list[Organization] = []
    sections: list[Section] = []
    turns: list[Turn] = []
    lists: list[PersonList] = []
    decisions: list[Decision] = []
    diagnostics: list[Diagnostic] = []

    @model_validator(mode="after")
    def check_integrity(self) -> Document:
        """Ids unique, every reference resolves, every span lies inside the source text."""
        problems: list[str] = []
        ids: set[str] = set()
        for group in (
            self.persons,
            self.organizations,
            self.sections,
            self.turns,
            self.lists,
            self.decisions,
        ):
            for item in group:
                if item.id in ids:
                    problems.append(f"duplicate id {item.id}")
                ids.add(item.id)
        persons = {p.id for p in self.persons}
        orgs = {o.id for o in self.organizations}
        sections = {s.id for s in self.sections}

        def ref(value: str | None, pool: set[str], where: str) -> None:
            if value is not None and value not in pool:
                problems.append(f"{where} refers to unknown id {value}")

        length = self.source.length

        def span(s: Span | None, where: str) -> None:
            if s is not None and s.end > length:
                problems.append(f"{where} span {s.start}-{s.end} beyond text length {length}")

        m = self.meeting
        ref(m.organization, orgs, "meeting.organization")
        ref(m.chair, persons, "meeting.chair")
        ref(m.secretary, persons, "meeting.secretary")
        span(m.title_span, "meeting.title")
        span(m.date_span, "meeting.date")
        span(m.attendance.span, "meeting.attendance")
        if m.signature:
            span(m.signature.span, "meeting.signature")
            for sg in m.signature.signatories:
                ref(sg.person, persons, "signatory")
                span(sg.span, "signatory")
        # the many mentions, turns and entries: `ref` and `span` are called only for a problem
        for p in self.persons:
            for ms in p.memberships:
                if ms.organization is not None and ms.organization not in orgs:
                    ref(ms.organization, orgs, f"{p.id}.memberships")
            for s in p.mentions:
                if s.end > length:
                    span(s, p.id)
        for o in self.organizations:
            for s in o.mentions:
                if s.end > length:
                    span(s, o.id)
        for sec in self.sections:
            ref(sec.parent, sections, f"{sec.id}.parent")
            span(sec.heading_span, sec.id)
            span(sec.span, sec.id)
            for r in sec.roles:
                ref(r.person, persons, f"{sec.id}.roles")
                span(r.span, f"{sec.id}.roles")
        for t in self.turns:
            if t.section is not None and t.section not in sections:
                ref(t.section, sections, f"{t.id}.section")
            for pid in (*t.speakers, *t.candidates):
                if pid not in persons:
                    ref(pid, persons, f"{t.id}.speakers")
            if t.label_span.end > length:
                span(t.label_span, t.id)
            if t.span.end > length:
                span(t.span, t.id)
        for lst in self.lists:
            span(lst.span, lst.id)
            for e in lst.entries:
                for who, pool in ((e.person, persons), (e.represented_by, persons), (e.organization, orgs)):
                    if who is not None and who not in pool:
                        ref(who, pool, f"{lst.id}.entries")
                if e.span.end > length:
                    span(e.span, lst.id)
        for d in self.decisions:
            ref(d.section, sections, f"{d.id}.section")
            span(d.span, d.id)
        for dg in self.diagnostics:
            span(dg.span, f"diagnostic {dg.code}")
        if problems:
            raise ValueError("; ".join(problems[:10]))
        return self
