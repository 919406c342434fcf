"""Popolo export: every person, organisation and membership kept, ids joinable, votes counted."""

from __future__ import annotations

import json
from typing import Any

import pytest

from pvparse.popolo import MEETING_EVENT_ID, to_popolo
from pvparse.schema import (
    Counts,
    Decision,
    Document,
    Generator,
    Meeting,
    Membership,
    Organization,
    Person,
    Section,
    Source,
    Span,
    Turn,
)

TEXT = "x" * 200


def s(a: int, b: int) -> Span:
    return Span(start=a, end=b)


def document(date: str | None = "2023-03-03", **meeting: Any) -> Document:
    return Document(
        generator=Generator(version="0.0.test"),
        source=Source(path="ca.txt", sha256="0" * 64, encoding="utf-8", media_type="text/plain", length=200),
        meeting=Meeting(
            title="Conseil d'administration",
            organization="o2",
            kind="board",
            date=date,
            start_time="10:00",
            end_time="11:30",
            place="Lyon",
            **meeting,
        ),
        persons=[
            Person(
                id="p1",
                name="Alice Martin",
                given_name="Alice",
                family_name="Martin",
                aliases=["Alice", "A. Martin"],
                memberships=[Membership(organization="o1", role="adjointe"), Membership(organization="o2")],
            ),
            Person(id="p2", name="Bruno Petit", memberships=[Membership(role="trésorier")]),
            Person(id="p3", name="Chloé Roux"),
        ],
        organizations=[
            Organization(id="o1", name="Ville de Lyon", classification="commune", aliases=["Lyon"]),
            Organization(id="o2", name="Association Exemple"),
        ],
        sections=[
            Section(
                id="s1",
                level=1,
                number="1",
                title="OUVERTURE",
                start_time="10:00",
                end_time="10:30",
                heading_span=s(0, 10),
                span=s(0, 100),
            ),
            Section(id="s2", parent="s1", level=2, title="Budget", heading_span=s(50, 60), span=s(50, 100)),
        ],
        turns=[
            Turn(
                id="t1",
                section="s1",
                label="Alice",
                label_span=s(11, 16),
                speakers=["p1"],
                resolution="given_name",
                text="Bonjour.",
                span=s(11, 30),
            ),
            Turn(
                id="t2",
                label="Alice et Bruno",
                label_span=s(101, 115),
                speakers=["p1", "p2"],
                resolution="exact",
                text="Merci.",
                span=s(101, 130),
            ),
            Turn(
                id="t3",
                section="s2",
                label="Xavier",
                label_span=s(61, 67),
                resolution="unresolved",
                text="Une question.",
                span=s(61, 90),
            ),
        ],
        decisions=[
            Decision(
                id="d1",
                section="s2",
                subject="le budget 2023",
                result="adopted",
                unanimous=True,
                span=s(90, 100),
            ),
            Decision(
                id="d2",
                result="rejected",
                counts=Counts(**{"for": 3, "against": 5, "abstain": 1}),
                span=s(130, 150),
            ),
            Decision(id="d3", result="unknown", span=s(150, 160)),
            Decision(id="d4", result="unknown", counts=Counts(blank=2), span=s(160, 170)),
        ],
    )


@pytest.fixture(scope="module")
def popolo() -> dict[str, Any]:
    return to_popolo(document())


def by_id(items: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {item["id"]: item for item in items}


def test_top_level_collections(popolo: dict[str, Any]) -> None:
    assert list(popolo) == [
        "persons",
        "organizations",
        "memberships",
        "events",
        "speeches",
        "motions",
        "vote_events",
    ]


def test_every_person_and_organisation_keeps_its_id_and_aliases(popolo: dict[str, Any]) -> None:
    persons = by_id(popolo["persons"])
    assert list(persons) == ["p1", "p2", "p3"]
    assert persons["p1"]["other_names"] == [{"name": "Alice"}, {"name": "A. Martin"}]
    assert persons["p1"]["given_name"] == "Alice" and persons["p1"]["family_name"] == "Martin"
    assert "other_names" not in persons["p3"] and "given_name" not in persons["p3"]
    orgs = by_id(popolo["organizations"])
    assert list(orgs) == ["o1", "o2"]
    assert orgs["o1"]["classification"] == "commune"
    assert "classification" not in orgs["o2"]


@pytest.mark.parametrize(
    ("mid", "expected"),
    [
        ("p1-m1", {"person_id": "p1", "organization_id": "o1", "role": "adjointe"}),
        ("p1-m2", {"person_id": "p1", "organization_id": "o2"}),
        ("p2-m1", {"person_id": "p2", "role": "trésorier"}),  # a role with no organisation
    ],
)
def test_memberships(popolo: dict[str, Any], mid: str, expected: dict[str, str]) -> None:
    assert by_id(popolo["memberships"])[mid] == {"id": mid, **expected}


def test_one_membership_per_document_membership(popolo: dict[str, Any]) -> None:
    doc = document()
    assert len(popolo["memberships"]) == sum(len(p.memberships) for p in doc.persons) == 3
    assert not any(m["person_id"] == "p3" for m in popolo["memberships"])


def test_meeting_event(popolo: dict[str, Any]) -> None:
    assert popolo["events"][0] == {
        "id": MEETING_EVENT_ID,
        "name": "Conseil d'administration",
        "classification": "board",
        "start_date": "2023-03-03T10:00",
        "end_date": "2023-03-03T11:30",
        "location": "Lyon",
        "organization_id": "o2",
    }


@pytest.mark.parametrize(
    ("date", "start", "section_start"),
    [
        ("2023-03-03", "2023-03-03T10:00", "2023-03-03T10:00"),
        ("2023-03", "2023-03", "2023-03"),  # a partial date takes no time
        (None, None, None),
    ],
)
def test_event_dates(date: str | None, start: str | None, section_start: str | None) -> None:
    events = by_id(to_popolo(document(date=date))["events"])
    assert events[MEETING_EVENT_ID].get("start_date") == start
    assert events["s1"].get("start_date") == section_start
    assert "start_date" not in events["s2"]  # untimed section


def test_sections_are_child_events(popolo: dict[str, Any]) -> None:
    events = by_id(popolo["events"])
    assert events["s1"]["parent_id"] == MEETING_EVENT_ID
    assert events["s1"]["name"] == "1 OUVERTURE"
    assert events["s2"]["parent_id"] == "s1"
    assert events["s2"]["name"] == "Budget"


@pytest.mark.parametrize(
    ("tid", "creator", "event"),
    [
        ("t1", "p1", "s1"),
        ("t2", None, MEETING_EVENT_ID),  # two speakers: Popolo has one creator, the label stays
        ("t3", None, "s2"),  # unresolved
    ],
)
def test_speeches(popolo: dict[str, Any], tid: str, creator: str | None, event: str) -> None:
    doc = {t.id: t for t in document().turns}
    speech = by_id(popolo["speeches"])[tid]
    assert speech.get("creator_id") == creator
    assert speech["attribution_text"] == doc[tid].label
    assert speech["text"] == doc[tid].text
    assert speech["event_id"] == event
    assert speech["type"] == "speech"


def test_speech_positions_follow_the_text(popolo: dict[str, Any]) -> None:
    assert [sp["position"] for sp in popolo["speeches"]] == [1, 2, 3]


@pytest.mark.parametrize(
    ("did", "result", "counts"),
    [
        ("d1", "pass", None),
        (
            "d2",
            "fail",
            [{"option": "yes", "value": 3}, {"option": "no", "value": 5}, {"option": "abstain", "value": 1}],
        ),
        ("d4", None, [{"option": "blank", "value": 2}]),
    ],
)
def test_vote_events(popolo: dict[str, Any], did: str, result: str | None, counts: Any) -> None:
    vote = by_id(popolo["vote_events"])[f"{did}-vote"]
    assert vote["motion_id"] == did
    assert vote.get("result") == result
    assert vote.get("counts") == counts


def test_a_decision_with_nothing_known_has_a_motion_but_no_vote(popolo: dict[str, Any]) -> None:
    assert "d3" in by_id(popolo["motions"])
    assert "d3-vote" not in by_id(popolo["vote_events"])


def test_motions(popolo: dict[str, Any]) -> None:
    motions = by_id(popolo["motions"])
    assert list(motions) == ["d1", "d2", "d3", "d4"]
    assert motions["d1"] == {
        "id": "d1",
        "organization_id": "o2",
        "legislative_session_id": "s2",
        "text": "le budget 2023",
        "date": "2023-03-03",
        "result": "pass",
    }
    assert motions["d2"]["legislative_session_id"] == MEETING_EVENT_ID
    assert "result" not in motions["d3"]


def test_every_reference_resolves(popolo: dict[str, Any]) -> None:
    ids = {key: {item["id"] for item in popolo[key]} for key in popolo}
    refs = [(m.get("person_id"), "persons") for m in popolo["memberships"]] + [
        (m.get("organization_id"), "organizations") for m in popolo["memberships"]
    ]
    refs += [(sp.get("creator_id"), "persons") for sp in popolo["speeches"]]
    refs += [(sp["event_id"], "events") for sp in popolo["speeches"]]
    refs += [(e.get("parent_id"), "events") for e in popolo["events"]]
    refs += [(v["motion_id"], "motions") for v in popolo["vote_events"]]
    refs += [(m["legislative_session_id"], "events") for m in popolo["motions"]]
    missing = [(ref, pool) for ref, pool in refs if ref is not None and ref not in ids[pool]]
    assert missing == []


def test_ids_unique_across_collections(popolo: dict[str, Any]) -> None:
    all_ids = [item["id"] for key in popolo for item in popolo[key]]
    assert len(all_ids) == len(set(all_ids))


def test_json_serialisable_and_deterministic() -> None:
    a = json.dumps(to_popolo(document()), ensure_ascii=False, sort_keys=True)
    b = json.dumps(to_popolo(document()), ensure_ascii=False, sort_keys=True)
    assert a == b
    assert "null" not in a  # absent values are left out


def test_empty_document() -> None:
    doc = Document(
        generator=Generator(version="0"),
        source=Source(sha256="0" * 64, encoding="utf-8", media_type="text/plain", length=0),
    )
    out = to_popolo(doc)
    assert out["events"] == [{"id": MEETING_EVENT_ID, "name": "meeting"}]
    assert all(out[key] == [] for key in out if key != "events")
