"""Segmentation: which lines are headings, with what level, number and time range."""

from __future__ import annotations

import pytest

from pvparse.extract.times import parse_time
from pvparse.lines import split_lines
from pvparse.segment import assign_levels, build_sections, find_front_matter, find_headings


def headings_of(text: str):
    return assign_levels(find_headings(split_lines(text)))


def one_heading(block: str):
    """The heading found in `block` placed as its own paragraph between two text paragraphs."""
    text = f"Un paragraphe de texte avant.\n\n{block}\n\nUn paragraphe de texte après, qui continue.\n"
    return [h for h in headings_of(text)]


@pytest.mark.parametrize(
    ("line", "title", "times"),
    [
        ("14h05-14h15 : INTRODUCTION", "INTRODUCTION", ("14:05", "14:15")),
        ("14h-15h : Le budget", "Le budget", ("14:00", "15:00")),
        ("14 h 05 – 14 h 15 : Accueil", "Accueil", ("14:05", "14:15")),
        ("de 14h à 15h : Ateliers", "Ateliers", ("14:00", "15:00")),
        ("14:05-14:15 Ouverture", "Ouverture", ("14:05", "14:15")),
        ("**9h30 - 10h00** : Café", "Café", ("09:30", "10:00")),
    ],
)
def test_timed_headings(line: str, title: str, times: tuple[str, str]) -> None:
    [h] = one_heading(line)
    assert (h.title, h.start_time, h.end_time, h.style) == (title, *times, "timed")


@pytest.mark.parametrize(
    ("block", "title", "number"),
    [
        ("# Rapport moral", "Rapport moral", None),
        ("## 2\\. Composer le groupe", "2. Composer le groupe", "2"),
        ("Bilan carbone", "Bilan carbone", None),
        ("Les éléments financiers : comptes 2021 et budget prévisionnel 2022",
         "Les éléments financiers : comptes 2021 et budget prévisionnel 2022", None),
        ("Thème 1 : Les nouvelles politiques locales", "Thème 1 : Les nouvelles politiques locales", None),
        ("1. Approbation du procès-verbal", "1. Approbation du procès-verbal", "1"),
        ("II. Finances", "II. Finances", "II"),
        ("a) Tarifs", "a) Tarifs", "a"),
        ("2011/042 – Tarifs de la cantine", "2011/042 – Tarifs de la cantine", "2011/042"),
        ("Budget\n======", "Budget", None),
        ("**Questions diverses**", "Questions diverses", None),
    ],
)
def test_headings_found(block: str, title: str, number: str | None) -> None:
    [h] = one_heading(block)
    assert h.title == title
    assert h.number == number


@pytest.mark.parametrize(
    "block",
    [
        "Résultat : + 4550€",
        "Intéressement versé au titre de l'exercice : 4550€",
        "Vote CA : Pas d'objection. Vote à l'unanimité",
        "Questions-réponses sur le rapport d'activité 2021.",
        "D'autres expériences parmi les adhérents ?",
        "Questions qui pourraient être abordées :",
        "<https://exemple.org/un-article/>",
        "(*) : nouveaux membres",
        "Une ligne\ncontinuée sur une seconde ligne",
        "- un élément de liste\n- un autre élément",
        "ceci commence par une minuscule",
        "Un titre beaucoup trop long pour être un titre car il contient bien plus de dix-huit mots au total dans cette ligne",
    ],
)
def test_not_headings(block: str) -> None:
    assert one_heading(block) == []


def test_heading_at_end_of_document_is_not_a_section() -> None:
    assert headings_of("Du texte.\n\nTitre final\n") == []


def test_levels_are_dense_ranks_of_styles() -> None:
    text = (
        "14h-15h : PREMIER TEMPS\n\nBilan carbone\n\nDu texte.\n\n15h-16h : SECOND TEMPS\n\n"
        "Perspectives\n\nDu texte encore.\n"
    )
    hs = headings_of(text)
    assert [(h.title, h.level) for h in hs] == [
        ("PREMIER TEMPS", 1), ("Bilan carbone", 2), ("SECOND TEMPS", 1), ("Perspectives", 2)
    ]
    nodes = build_sections(hs, len(text))
    assert [n.parent for n in nodes] == [None, 0, None, 2]
    # a section runs to the next heading of the same or a higher level
    assert text[nodes[0].heading.start : nodes[0].end].startswith("14h-15h")
    assert nodes[0].end == nodes[2].heading.start
    assert nodes[3].end == len(text)


def test_markdown_levels_follow_hashes() -> None:
    hs = headings_of("## Un\n\ntexte\n\n### Deux\n\ntexte\n\n## Trois\n\ntexte\n")
    assert [h.level for h in hs] == [1, 2, 1]


def test_rst_underlines_rank_by_first_appearance() -> None:
    text = "Titre\n=====\n\nDu texte.\n\nPartie\n------\n\nDu texte.\n\nAutre\n=====\n\nFin.\n"
    assert [(h.title, h.level) for h in headings_of(text)] == [("Titre", 1), ("Partie", 2), ("Autre", 1)]


def test_front_matter_fields_with_offsets() -> None:
    text = '---\ntitle: "AG constitutive"\ndate: 11/11/2023\n---\n\n# Ordre du jour\n'
    fm = find_front_matter(split_lines(text))
    assert fm is not None and (fm.first_line, fm.last_line) == (0, 3)
    value, s, e = fm.fields["title"]
    assert value == "AG constitutive" == text[s:e]
    assert fm.fields["date"][0] == "11/11/2023"


def test_no_front_matter_without_fences() -> None:
    assert find_front_matter(split_lines("title: x\n\ntexte\n")) is None


@pytest.mark.parametrize(
    ("s", "hhmm"),
    [("14h05", "14:05"), ("9h", "09:00"), ("14 h 05", "14:05"), ("18:43", "18:43"), ("23H59", "23:59"), ("sans heure", None)],
)
def test_parse_time(s: str, hhmm: str | None) -> None:
    assert parse_time(s) == hhmm


def test_line_offsets_survive_crlf_and_cr() -> None:
    text = "Un\r\nDeux\rTrois\nQuatre"
    lines = split_lines(text)
    assert [text[ln.start : ln.end] for ln in lines] == ["Un", "Deux", "Trois", "Quatre"]
