"""Popolo export: the same `Document` as persons, organizations, memberships, events, speeches, motions
and vote events (https://www.popoloproject.com/specs/), for the tools civic-data people already use.

Ids are the document's own (`p1`, `o1`, `t1`, `d1`, `s1`) so both outputs can be joined; derived
objects get derived ids: memberships `p1-m1`, the meeting event `meeting`, vote events `d1-vote`.
Sections become child events of the meeting (`parent_id`) and each speech points at its section.
Absent values are left out rather than written as null. Popolo has no field for a unanimous vote
without counts: the motion's result says it passed, and the counts stay empty rather than guessed.
"""

from __future__ import annotations

from typing import Any

from .schema import Decision, Document, Section, Turn

__all__ = ["MEETING_EVENT_ID", "to_popolo"]

MEETING_EVENT_ID = "meeting"

_MOTION_RESULT = {"adopted": "pass", "rejected": "fail"}
# Popolo's vote options; a blank ballot ("vote blanc") has none, so it keeps its own name.
_COUNT_OPTIONS = (("for_", "yes"), ("against", "no"), ("abstain", "abstain"), ("blank", "blank"))


def _compact(obj: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in obj.items() if v is not None and v != []}


def _datetime(date: str | None, time: str | None) -> str | None:
    """ISO 8601 date-time when both are known (`2022-07-07T14:05`), else the date alone."""
    if date is None:
        return None
    if time is not None and len(date) == 10:
        return f"{date}T{time}"
    return date


def _other_names(aliases: list[str]) -> list[dict[str, str]]:
    return [{"name": a} for a in aliases]


def _meeting_event(doc: Document) -> dict[str, Any]:
    m = doc.meeting
    return _compact(
        {
            "id": MEETING_EVENT_ID,
            "name": m.title or doc.source.path or "meeting",
            "classification": m.kind,
            "start_date": _datetime(m.date, m.start_time),
            "end_date": _datetime(m.date, m.end_time),
            "location": m.place,
            "organization_id": m.organization,
        }
    )


def _section_event(sec: Section, date: str | None) -> dict[str, Any]:
    name = f"{sec.number} {sec.title}" if sec.number else sec.title
    return _compact(
        {
            "id": sec.id,
            "name": name,
            "classification": "agenda_item",
            "start_date": _datetime(date, sec.start_time) if sec.start_time else None,
            "end_date": _datetime(date, sec.end_time) if sec.end_time else None,
            "parent_id": sec.parent or MEETING_EVENT_ID,
        }
    )


def _speech(turn: Turn, position: int) -> dict[str, Any]:
    # Popolo has one creator per speech: a turn spoken by several people, or not resolved, keeps only
    # the printed label as attribution.
    return _compact(
        {
            "id": turn.id,
            "type": "speech",
            "creator_id": turn.speakers[0] if len(turn.speakers) == 1 else None,
            "attribution_text": turn.label,
            "text": turn.text,
            "event_id": turn.section or MEETING_EVENT_ID,
            "position": position,
        }
    )


def _counts(d: Decision) -> list[dict[str, Any]]:
    return [
        {"option": option, "value": getattr(d.counts, field)}
        for field, option in _COUNT_OPTIONS
        if getattr(d.counts, field) is not None
    ]


def _motion_and_vote(d: Decision, doc: Document) -> tuple[dict[str, Any], dict[str, Any] | None]:
    result = _MOTION_RESULT.get(d.result)
    event = d.section or MEETING_EVENT_ID
    motion = _compact(
        {
            "id": d.id,
            "organization_id": doc.meeting.organization,
            "legislative_session_id": event,
            "text": d.subject,
            "date": doc.meeting.date,
            "result": result,
        }
    )
    counts = _counts(d)
    if not counts and result is None:
        return motion, None
    vote = _compact(
        {
            "id": f"{d.id}-vote",
            "motion_id": d.id,
            "organization_id": doc.meeting.organization,
            "legislative_session_id": event,
            "start_date": doc.meeting.date,
            "result": result,
            "counts": counts,
        }
    )
    return motion, vote


def to_popolo(doc: Document) -> dict[str, Any]:
    """The Popolo JSON object of a parsed document (a dict ready for `json.dumps`)."""
    persons = [
        _compact(
            {
                "id": p.id,
                "name": p.name,
                "given_name": p.given_name,
                "family_name": p.family_name,
                "other_names": _other_names(p.aliases),
            }
        )
        for p in doc.persons
    ]
    organizations = [
        _compact(
            {
                "id": o.id,
                "name": o.name,
                "classification": o.classification,
                "other_names": _other_names(o.aliases),
            }
        )
        for o in doc.organizations
    ]
    memberships = [
        _compact(
            {
                "id": f"{p.id}-m{i}",
                "person_id": p.id,
                "organization_id": ms.organization,
                "role": ms.role,
            }
        )
        for p in doc.persons
        for i, ms in enumerate(p.memberships, 1)
    ]
    events = [_meeting_event(doc), *(_section_event(s, doc.meeting.date) for s in doc.sections)]
    speeches = [_speech(t, i) for i, t in enumerate(doc.turns, 1)]
    motions: list[dict[str, Any]] = []
    vote_events: list[dict[str, Any]] = []
    for d in doc.decisions:
        motion, vote = _motion_and_vote(d, doc)
        motions.append(motion)
        if vote is not None:
            vote_events.append(vote)
    return {
        "persons": persons,
        "organizations": organizations,
        "memberships": memberships,
        "events": events,
        "speeches": speeches,
        "motions": motions,
        "vote_events": vote_events,
    }
