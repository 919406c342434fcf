"""Which strings each stage sends spaCy: those whose analysis it reads, and no others (each string costs
the entity recogniser its tokens and four padding rows). `test_nlp_contract` shows the readers never
need more; these tables show what is sent and what is left out."""

from __future__ import annotations

import pytest

from pvparse.extract.list_entries import entry_strings, parse_entry
from pvparse.extract.roles import heading_role_strings
from pvparse.extract.signature import MAX_CELL_CHARS, signature_strings
from pvparse.lines import split_lines


@pytest.mark.parametrize(
    ("entry", "sent"),
    [
        # a name of two words: is it a person or an organisation named after one?
        ("Odile Marchetti", ["Odile Marchetti"]),
        # the last capitalised name-shaped piece after a name: a person or an institution?
        ("Odile Marchetti, directrice, Hervé Lagarde", ["Odile Marchetti", "Hervé Lagarde"]),
        # a civility makes a person: only the pieces after it are asked about
        ("Mme Odile Marchetti, Hervé Lagarde", ["Hervé Lagarde"]),
        # one name word is a person, shape alone
        ("Odile, Hervé Lagarde", ["Hervé Lagarde"]),
        # an organisation by its shape: nothing at all
        ("La Ronde des Contes, Hervé Lagarde", []),
        ("Ville de Brive", []),
        ("ADEME", []),
        # pieces decided by shape: a role, a cue, lower case, a single capitalised word
        ("Odile Marchetti, Présidente, Région Bretagne", ["Odile Marchetti"]),
        ("Odile Marchetti, chargée de mission", ["Odile Marchetti"]),
        ("Odile Marchetti, Kerlann", ["Odile Marchetti"]),
        # the search for the institution stops at the last one by shape: earlier pieces are not read
        ("Odile Marchetti, Hervé Lagarde, Région Bretagne", ["Odile Marchetti"]),
        # bracketed pieces are never read
        ("Odile Marchetti (Hervé Lagarde)", ["Odile Marchetti"]),
    ],
)
def test_entry_strings(entry: str, sent: list[str]) -> None:
    e = parse_entry(entry, 0, "present", lenient=True)
    assert e is not None
    assert entry_strings(e) == sent


@pytest.mark.parametrize(
    ("title", "sent"),
    [
        # after the colon: the head (is it a person?) and the entry's own strings
        (
            "Programme Cap Avenir : Odile Marchetti, Hervé Lagarde",
            ["Odile Marchetti", "Odile Marchetti", "Hervé Lagarde"],
        ),
        ("Animation : Odile", ["Odile"]),
        # lower case after the colon: nobody's name
        ("Cap Avenir : odile marchetti", []),
        # an organisation by its shape after the colon: the entry gives no person
        ("Thème 1 : Les nouvelles politiques de développement économique local", []),
        ("Thème 2 : La Ronde des Contes", []),
        # after "Témoignage de", the entry is the presenter: only its own strings, not the colon's
        ("Atelier : Témoignage de Anne Petit, Hervé Lagarde", ["Anne Petit", "Hervé Lagarde"]),
        ("Témoignage de Mme Anne Petit", []),
        ("Budget primitif", []),
    ],
)
def test_heading_role_strings(title: str, sent: list[str]) -> None:
    assert heading_role_strings(title) == sent


def test_signature_strings_are_the_name_cells_of_the_signature_rows() -> None:
    long_name = "Odile " + "Marchetti" * (MAX_CELL_CHARS // 9 + 1)
    assert len(long_name) > MAX_CELL_CHARS
    text = (
        "Le conseil a délibéré.\n\nOdile Marchetti      Hervé Lagarde\n\n"
        "Fait à Brive, le 3 mars 2023.\n\n"
        "La présidente, Anne Petit\n"
        "Paul Roux      Agence Bretonne\n"
        "Trésorier      Secrétaire\n"
        f"{long_name}\n"
    )
    sent = signature_strings(split_lines(text))
    # after the "Fait à" line only; the name after an office in one cell; no title; no long cell
    assert sent == ["Anne Petit", "Paul Roux", "Agence Bretonne"]


def test_signature_strings_without_a_made_line_look_at_the_last_paragraph_only() -> None:
    text = (
        "Odile Marchetti      Hervé Lagarde\n\n"
        "La présidente        Le secrétaire\nAnne Petit      Paul Roux\n"
    )
    assert signature_strings(split_lines(text)) == ["Anne Petit", "Paul Roux"]
