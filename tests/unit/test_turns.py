"""Speaker turns: which "Label : text" lines are speech, who speaks, and where the turn's text runs."""

from __future__ import annotations

import pytest

import pvparse
from pvparse.extract.turns import find_label_candidates, label_strings
from pvparse.lines import split_lines
from tests.markup import unmark

ATTENDANCE = (
    "Présents : Claire Martin (Ville de Lorient), Paul-Henri Le Goff (Région Bretagne), "
    "Nathalie Roux, Jeanne Dubois.\n\n"
)


def turns_of(marked: str):
    text, expected = unmark(ATTENDANCE + "## Débat\n\n" + marked + "\n\nFin du compte rendu.\n")
    doc = pvparse.parse_text(text)
    persons = {p.id: p.name for p in doc.persons}
    got = [
        (t.label, t.label_span.start, t.label_span.end, tuple(persons[s] for s in t.speakers))
        for t in doc.turns
    ]
    want = [(e.label, e.start, e.end, e.who) for e in expected]
    return got, want, doc, text


@pytest.mark.parametrize(
    "marked",
    [
        '<turn who="Claire Martin">Claire Martin</turn> : combien de temps faut-il ?',
        '<turn who="Claire Martin">Claire</turn> : environ quatre mois.',
        '<turn who="Paul-Henri Le Goff">Paul-Henri</turn> : nous avons testé.',
        '<turn who="Claire Martin|Nathalie Roux">Claire, Nathalie Roux</turn> : une réponse commune.',
        '* <turn who="Jeanne Dubois">Jeanne</turn> : il vaudrait mieux rester à un nombre impair.',
        '- <turn who="Nathalie Roux">Nathalie Roux</turn>: sans espace avant les deux points.',
        '**<turn who="Claire Martin">Claire Martin</turn> :** en gras.',
        '<turn who="Jeanne Dubois">Mme DUBOIS</turn> : je souhaite intervenir.',
        '<turn who="Nathalie Roux">Nathalie Roux</turn> :\n\nLe texte est dans le paragraphe suivant.',
    ],
)
def test_speaker_labels(marked: str, nlp) -> None:
    got, want, _, _ = turns_of(marked)
    assert got == want


@pytest.mark.parametrize(
    "line",
    [
        "Résultat : + 4550€",
        "Ex : Formation de 10 élus sur la méthanisation.",
        "Vote CA : Pas d'objection. Vote à l'unanimité",
        "Animatrice : Claire",
        "Discutant : Paul-Henri Le Goff, Région Bretagne",
        "Notre constat : des dynamiques très intéressantes existent.",
        "(*) : nouveaux membres",
        "Tests imaginés à Lorient : mission d'appui temporaire.",
        "Ce que j'en ai tiré pour l'instant : la mise en perspective.",
        "Secrétaire de séance : Jeanne Dubois",
        "Le Président : Paul-Henri Le Goff",
        "Programme Cap Avenir : Claire Martin, Ville de Lorient",
        "Ordre du jour : budget, élections.",
        "Remarque : les candidats ont postulé deux fois.",
        "http://exemple.org : un lien",
    ],
)
def test_not_speaker_labels(line: str, nlp) -> None:
    got, _, _, _ = turns_of(line)
    assert got == []


def test_turn_text_runs_over_continuation_paragraphs_to_the_next_turn(nlp) -> None:
    got, _, doc, text = turns_of(
        "Claire : premier paragraphe.\n\n> une citation\n\n- une puce\n\nJeanne : réponse.\n\n## Suite\n\nTexte."
    )
    first, second = doc.turns
    assert first.text == "premier paragraphe.\n\n> une citation\n\n- une puce"
    assert text[first.span.start : first.span.end] == first.text
    assert second.text == "réponse."


def test_ambiguous_given_name_is_not_guessed(nlp) -> None:
    text = "Présents : Marie Durand, Marie Lefèvre, Paul Roux.\n\n## Débat\n\nMarie : je ne suis pas d'accord.\n\nFin.\n"
    doc = pvparse.parse_text(text)
    [t] = doc.turns
    assert t.resolution == "ambiguous"
    assert t.speakers == []
    names = {p.id: p.name for p in doc.persons}
    assert sorted(names[c] for c in t.candidates) == ["Marie Durand", "Marie Lefèvre"]
    assert any(d.code == "ambiguous_speaker" for d in doc.diagnostics)


def test_initial_form_resolves_to_the_one_matching_person(nlp) -> None:
    text = (
        "Équipe de l'association : Manon L., Manon W., Paul.\n\nManon Walter et Manon Leroy sont arrivées.\n\n"
        "## Débat\n\nManon L. : bonjour.\n\nFin.\n"
    )
    doc = pvparse.parse_text(text)
    [t] = doc.turns
    names = {p.id: p.name for p in doc.persons}
    assert [names[s] for s in t.speakers] == ["Manon Leroy"]


@pytest.mark.parametrize(
    ("line", "sent"),
    [
        # the rest may be a name list: spaCy is asked about it
        ("Cap Avenir : Odile Marchetti, Ville de Brive", ["Cap Avenir", "Odile Marchetti, Ville de Brive"]),
        ("Hervé : Odile Marchetti", ["Hervé", "Odile Marchetti"]),
        # a sentence, a question, another colon: no reading of the rest can make it a name list
        ("Hervé : Nous avons reçu le devis.", ["Hervé"]),
        ("Hervé : Qui vient samedi ?", ["Hervé"]),
        ("Hervé : Horaires : 9h-12h", ["Hervé"]),
        ("Hervé : Oui ;", ["Hervé"]),
        # an office asks about the rest; a lower-case rest is no name list
        ("Le Président : Odile Marchetti", ["Odile Marchetti"]),
        ("Le Président : odile marchetti", []),
        # lines `decide_turns` drops before reading anything: nothing is sent
        ("Animatrice : Odile Marchetti", []),
        ("Odile Marchetti : 3 pour, 2 contre", []),
        ("Excédent : + 5 470 €", []),
        ("Hervé :", []),
        ("Notre constat : Odile Marchetti", []),
        ("Point 3 : Odile Marchetti", []),
    ],
)
def test_label_strings_send_the_rest_only_when_it_may_be_a_name_list(line: str, sent: list[str]) -> None:
    lines = split_lines(line)
    (cand,) = find_label_candidates(lines)
    assert label_strings(cand, lines) == sent
