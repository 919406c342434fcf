"""The 7 July 2022 general assembly minutes, the document pvparse was specified from, end to end."""

from __future__ import annotations

import bisect
from pathlib import Path

import pytest

import pvparse
from pvparse.lines import split_lines
from tests.conftest import AG2022

TIMED = [
    (16, "INTRODUCTION", "14:05", "14:15"),
    (37, "TEMPS 1 ; FOCUS SUR PLUSIEURS PROGRAMMES EN COURS", "14:15", "15:15"),
    (146, "TEMPS 2 : ADMINISTRATION ET GOUVERNANCE", "15:15", "15:55"),
    (246, "TEMPS 3 : DÉFRICHAGE / LES SUJETS EN CHANTIER", "15:55", "16:30"),
]
SUBSECTIONS = {  # line → parent timed section line
    39: 37, 80: 37, 96: 37, 110: 37,
    148: 146, 164: 146, 176: 146, 206: 146, 242: 146,
    248: 246, 279: 246, 306: 246,
}
TURN_LINES = [
    58, 60, 62, 64, 66, 68, 70, 72, 74, 76, 78, 90, 92, 108, 118, 120, 122, 124, 126, 128, 130, 132, 134, 136,
    138, 140, 142, 144, 166, 168, 182, 188, 198, 200, 202, 204, 260, 266, 268, 275, 298, 300, 304, 312, 314, 320,
    322, 324, 326, 330, 332, 334,
]
NOT_TURN_LINES = [10, 14, 39, 50, 52, 80, 96, 102, 110, 114, 116, 148, 150, 152, 154, 164, 208, 240, 250, 252, 281,
                  283, 287, 289, 291, 308, 310]


def line_of(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


@pytest.fixture(scope="module")
def text() -> str:
    return AG2022.read_text(encoding="utf-8")


def test_timed_sections(ag2022_doc, text) -> None:
    timed = [
        (line_of(text, s.heading_span.start), s.title, s.start_time, s.end_time)
        for s in ag2022_doc.sections
        if s.start_time
    ]
    assert timed == TIMED
    assert all(s.level == 1 for s in ag2022_doc.sections if s.start_time)


def test_subsections_and_their_parents(ag2022_doc, text) -> None:
    by_id = {s.id: s for s in ag2022_doc.sections}
    subs = {
        line_of(text, s.heading_span.start): line_of(text, by_id[s.parent].heading_span.start)
        for s in ag2022_doc.sections
        if s.parent
    }
    assert subs == SUBSECTIONS


def test_title_is_not_a_section(ag2022_doc) -> None:
    assert ag2022_doc.meeting.title is not None and ag2022_doc.meeting.title.startswith("PROCÈS VERBAL")
    assert all(not s.title.startswith("PROCÈS VERBAL") for s in ag2022_doc.sections)


def test_all_52_turns_and_none_spurious(ag2022_doc, text) -> None:
    assert [line_of(text, t.label_span.start) for t in ag2022_doc.turns] == TURN_LINES


def test_label_spans_spell_their_labels(ag2022_doc, text) -> None:
    for t in ag2022_doc.turns:
        assert text[t.label_span.start : t.label_span.end] == t.label
        assert text[t.span.start : t.span.end] == t.text


def test_lines_shaped_like_labels_are_not_turns(ag2022_doc, text) -> None:
    lines = {line_of(text, t.label_span.start) for t in ag2022_doc.turns}
    assert lines.isdisjoint(NOT_TURN_LINES)


def test_two_speakers_on_one_label(ag2022_doc) -> None:
    [t] = [t for t in ag2022_doc.turns if t.label == "Stéphane, Julie Salagnac-Diop"]
    names = {p.id: p.name for p in ag2022_doc.persons}
    assert [names[s] for s in t.speakers] == ["Stéphane", "Julie Salagnac-Diop"]


def test_turn_text_on_the_next_paragraphs(ag2022_doc) -> None:
    [t] = [t for t in ag2022_doc.turns if t.label == "Sandra Desmettre"]
    assert t.text.startswith("Du côté de Bercy")
    assert "Acteurs relais" in t.text
    assert "Christian Paul" not in t.text


def test_quoted_continuations_belong_to_the_turn(ag2022_doc) -> None:
    [t] = [t for t in ag2022_doc.turns if t.label == "Isabelle Bagdassarian"]
    assert "> Sur les acteurs à impliquer" in t.text


def test_section_roles(ag2022_doc) -> None:
    names = {p.id: p.name for p in ag2022_doc.persons}
    roles = {
        s.title.split(" :")[0]: sorted((r.role, names[r.person]) for r in s.roles) for s in ag2022_doc.sections if s.roles
    }
    assert roles["Thème 1"] == [("discussant", "Lionel Delbos"), ("moderator", "Sylvine")]
    assert roles["Thème 3"] == [("discussant", "Mathias Béjean"), ("moderator", "Stéphane")]
    assert roles["Nouvelles Mesures"] == [("presenter", "Jean-Damien Colombeau")]
    assert roles["(Dé)formations"] == [("presenter", "Brigitte Guigou")]


def _shape(doc: pvparse.Document, text: str):
    """Sections and turns by line number (any line ends), title and texts with line ends unified."""
    starts = [ln.start for ln in split_lines(text)]

    def line(offset: int) -> int:
        return bisect.bisect_right(starts, offset)

    def unify(s: str) -> str:
        return s.replace("\r\n", "\n").replace("\r", "\n")

    return (
        [(line(s.heading_span.start), s.title, s.level, s.start_time, s.end_time) for s in doc.sections],
        [(line(t.label_span.start), t.label, unify(t.text)) for t in doc.turns],
    )


@pytest.mark.parametrize(
    ("encoding", "line_end"),
    [("cp1252", "\n"), ("utf-16", "\n"), ("utf-8-sig", "\n"), ("utf-8", "\r\n"), ("utf-8", "\r")],
)
def test_same_result_whatever_the_encoding_or_line_ends(tmp_path: Path, text, encoding, line_end) -> None:
    # cp1252 cannot write every character of the minutes: compare with the text it can hold
    expected_text = text.encode(encoding, errors="replace").decode(encoding) if encoding == "cp1252" else text
    baseline = pvparse.parse_text(expected_text)
    f = tmp_path / "ag.txt"
    f.write_bytes(expected_text.replace("\n", line_end).encode(encoding, errors="replace"))
    doc = pvparse.parse_file(f)
    src = f.read_bytes().decode(encoding)
    assert doc.source.length == len(src)
    for t in doc.turns:
        assert src[t.label_span.start : t.label_span.end] == t.label
    assert _shape(doc, src) == _shape(baseline, expected_text)


# Every speaker of the minutes and the organisation the minutes attach to them (None: none stated).
SPEAKER_ORGS = {
    "Marc Trinquet": "Agence d'urbanisme Atlantique & Pyrénées",
    "Brigitte Guigou": "Institut Paris Région",
    "Sylvine": "La 27e Région",
    "Arnaud Villefranque": None,
    "Nadège": "La 27e Région",
    "Martine Huyon": "Sciences Po Lyon",
    "Nadia Wolff": "Grenoble Alpes Métropole",
    "Stéphane": "La 27e Région",
    "Vincent Granier": "Département du Puy de Dôme",
    "Jean-Damien Colombeau": "Ville de Clermont-Ferrand",
    "Xavier Perrin": "Ville de Grenoble",
    "Pauline Lavagne d'Ortigue": "DITP",
    "Béatrice Le Gall": "Département de Seine-Saint-Denis",
    "Myriam Lippens": "Métropole européenne de Lille",
    "Jean-Marie Bergère": "La 27e Région",
    "Julie Salagnac-Diop": "Agence Française de Développement",
    "Anne": "La 27e Région",
    "Jean": "La 27e Région",
    "Clément Cambon": "Région Grand Est",
    "Pierre Musseau": "Ville de Paris",
    "Isabelle Bagdassarian": "Département des Pyrénées-Atlantiques",
    "Lionel Delbos": "France Urbaine",
    "Sandra Desmettre": None,
    "Christian Paul": "Sciences Po Lyon",
    "Céline Goeury": "Département de Gironde",
    "Eric Jupin": "Département de Gironde",
    "Mathias Béjean": "Université Paris Est Créteil",
    "Camille Arnodin": None,
}


def test_every_speaker_linked_to_the_right_person_and_organisation(ag2022_doc) -> None:
    persons = {p.id: p for p in ag2022_doc.persons}
    orgs = {o.id: o.name for o in ag2022_doc.organizations}
    slots = [s for t in ag2022_doc.turns for s in t.speakers]
    assert len(slots) == 53
    assert all(t.speakers and t.resolution not in ("ambiguous", "unresolved") for t in ag2022_doc.turns)
    seen = {}
    for pid in slots:
        p = persons[pid]
        seen[p.name] = sorted({orgs[m.organization] for m in p.memberships if m.organization})
    assert seen == {name: ([org] if org else []) for name, org in SPEAKER_ORGS.items()}


def test_first_names_and_spelling_variants_resolve(ag2022_doc) -> None:
    names = {p.id: p.name for p in ag2022_doc.persons}
    by_label = {}
    for t in ag2022_doc.turns:
        by_label.setdefault(t.label, (tuple(names[s] for s in t.speakers), t.resolution))
    assert by_label["Brigitte"] == (("Brigitte Guigou",), "given_name")
    assert by_label["Mathias"][0] == ("Mathias Béjean",)
    assert by_label["Jean-Damien"][0] == ("Jean-Damien Colombeau",)
    persons = {p.name: p for p in ag2022_doc.persons}
    assert "Jean-Marie BERGÈRE" in persons["Jean-Marie Bergère"].aliases
    olivier = next(p for p in ag2022_doc.persons if p.given_name == "Olivier")
    assert {olivier.name, *olivier.aliases} >= {"Olivier Irmann", "Olivier Irrmann"}
    clemence = next(p for p in ag2022_doc.persons if p.given_name == "Clémence")
    assert {clemence.name, *clemence.aliases} >= {"Clémence Pene", "Clémence Pène"}
    manon = next(p for p in ag2022_doc.persons if "Manon L." in p.aliases)
    assert manon.name == "Manon Leroy"


def test_organisations_written_several_ways_are_one(ag2022_doc) -> None:
    def org(name: str):
        return next(o for o in ag2022_doc.organizations if o.name == name or name in o.aliases)

    assert org("IPR") is org("Institut Paris Région")
    assert org("AFD") is org("Agence Française de Développement")
    assert org("Grenoble-Alpes Métropole") is org("Grenoble Alpes Métropole")
    assert org("Département des Pyrénées-Atlantique") is org("Département des Pyrénées-Atlantiques")
    assert org("Sciences Po Lyon").classification == "education_research"
    assert org("Ville de Paris").classification == "commune"
    assert org("Région Grand Est").classification == "region"
    assert org("La 27e Région").classification == "association"


def test_meeting_facts(ag2022_doc) -> None:
    m = ag2022_doc.meeting
    names = {p.id: p.name for p in ag2022_doc.persons}
    orgs = {o.id: o.name for o in ag2022_doc.organizations}
    assert orgs[m.organization] == "La 27e Région"
    assert (m.kind, m.date, m.start_time, m.end_time, m.mode) == (
        "general_assembly", "2022-07-07", "14:00", "16:40", "hybrid"
    )
    assert names[m.chair] == "Jean-Marie Bergère" and m.secretary is None
    a = m.attendance
    assert (a.present_count, a.members_present, a.members_total, a.quorum_reached) == (47, 21, 40, True)
    assert [(b.label, b.count) for b in a.breakdown] == [("personnes morales", 28), ("adhésions individuelles", 12)]
    assert m.signature is not None and (m.signature.date, m.signature.place) == ("2022-07-08", "Paris")
    assert [(names[s.person], s.role) for s in m.signature.signatories] == [
        ("Jean-Marie Bergère", "Co-représentant légal"), ("Frédérique Pallez", "Co-représentante légale")
    ]
