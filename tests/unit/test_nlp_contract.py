"""The contract between the stages and spaCy: each stage reads the analysis of the strings it sent, and
its result never depends on what spaCy says of any other string.

`extract_all` sends spaCy one batch made of every stage's strings. A stage that read a string it did
not send would depend on whether another stage happened to send it, and dropping a string from one
stage could silently change another. Here every reader is run twice: once with spaCy's analysis of
all the strings of the document, and once with the analysis of its own strings only, every other
string reading as nothing, as a person or as an organisation covering all of it. Both must agree.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterator, Mapping
from pathlib import Path

import pytest

from pvparse import layout
from pvparse import nlp as nlp_mod
from pvparse.extract import lists, meeting, roles, signature, turns
from pvparse.extract.list_entries import (
    Piece,
    _is_institution,
    institution_by_shape,
    is_org_head,
    org_head_by_shape,
)
from pvparse.nlp import EMPTY, Analysis, Entity
from pvparse.segment import find_headings

CORPUS = Path(__file__).resolve().parents[2] / "corpus"

# Invented minutes with every kind of string the stages send.
MINUTES = """\
Compte rendu du conseil d'administration

Présents : Claire Martin (Ville de Lorient), Paul-Henri Le Goff, chargé de mission, Région Bretagne,
Mme Nathalie Roux, Jeanne Dubois, Fab Lab Kerlann, Yves Tanguy, Association Les Amis du Port.
Excusés : Hugo Le Bihan, Ondine Prigent.

Animatrice : Jeanne Dubois — Notes : Hugo Le Bihan
Discutant : Marc Lozach, Ville de Quimper

## Programme Cap Avenir : Odile Marchetti, Agence Bretonne de l'Eau

Odile Marchetti : nous avons lancé le programme en mars.

Claire : combien de temps faut-il ?

Le Président : Paul-Henri Le Goff

## Témoignage de Anne Petit, de l'Université de Brest

Anne Petit : trois mois environ.

Cap Avenir : Odile Marchetti, Ville de Brive

## Actions

Claire : envoyer le budget.

Fait à Lorient, le 3 mars 2023.

La présidente de séance, Claire Martin
Le secrétaire de séance : Hugo Le Bihan
Yves Tanguy      Jeanne Dubois
Trésorier        Secrétaire
"""


def _poisons() -> dict[str, Callable[[str], Analysis]]:
    return {
        "nothing": lambda s: EMPTY,
        "person": lambda s: Analysis((Entity("PER", 0, len(s), s),), True),
        "organisation": lambda s: Analysis((Entity("ORG", 0, len(s), s),), True),
    }


class _Own(Mapping[str, Analysis]):
    """spaCy's analysis of the strings a stage sent; any other string reads as `poison` says."""

    def __init__(
        self, full: Mapping[str, Analysis], sent: Collection[str], poison: Callable[[str], Analysis]
    ):
        self._full = full
        self._sent = {s for s in sent if s in full}
        self._poison = poison

    def __getitem__(self, key: str) -> Analysis:
        return self._full[key] if key in self._sent else self._poison(key)

    def __iter__(self) -> Iterator[str]:
        return iter(sorted(self._sent))

    def __len__(self) -> int:
        return len(self._sent)


def _documents() -> list[tuple[str, str]]:
    docs = [("invented", MINUTES)]
    docs += [(p.name, p.read_text(encoding="utf-8")) for p in sorted(CORPUS.glob("*.*")) if p.is_file()]
    return docs


@pytest.mark.parametrize(("name", "text"), _documents(), ids=[n for n, _ in _documents()])
def test_each_stage_reads_only_the_analysis_of_strings_it_sent(name: str, text: str, nlp) -> None:
    page = layout.analyse_layout(text)
    lines = page.lines
    claimed = layout._front_lines(page)
    blocks = lists.find_list_blocks(lines, claimed)
    list_lines = {i for b in blocks for i in range(b.first_line, b.last_line + 1)}
    cands = turns.find_label_candidates(lines, claimed | list_lines)
    heads = find_headings(lines, skip=claimed | list_lines)
    action = turns.under_action_headings(cands, [(h.line, h.title) for h in heads])
    cands = [c for c in cands if c.line not in action]

    sent_lists = [s for b in blocks for s in b.entry_strings]
    sent_roles = roles.role_strings(cands)
    sent_heads = {h.line: roles.heading_role_strings(h.title) for h in heads}
    sent_turns = [s for c in cands for s in turns.label_strings(c, lines)]
    sent_sig = meeting.meeting_strings(lines)
    everything = sent_lists + sent_roles + sent_turns + sent_sig + [s for v in sent_heads.values() for s in v]
    full = nlp_mod.analyse(everything)

    drafts = lists.build_lists(blocks, lines, full, text)
    role_lines = roles.find_role_lines(cands, full)
    presenters = [roles.heading_presenter(h.title, h.title_start, full) for h in heads]
    names = [e.person.text for d in drafts for e in d.entries if e.person] + [
        r.person.text for r in role_lines
    ]
    index = turns.NameIndex(names + [p[0].text for p in presenters if p])
    spoken = turns.decide_turns(cands, lines, index, full)
    signed = signature.find_signature(lines, full)

    for kind, poison in _poisons().items():
        assert lists.build_lists(blocks, lines, _Own(full, sent_lists, poison), text) == drafts, kind
        assert roles.find_role_lines(cands, _Own(full, sent_roles, poison)) == role_lines, kind
        assert [
            roles.heading_presenter(h.title, h.title_start, _Own(full, sent_heads[h.line], poison))
            for h in heads
        ] == presenters, kind
        assert turns.decide_turns(cands, lines, index, _Own(full, sent_turns, poison)) == spoken, kind
        assert signature.find_signature(lines, _Own(full, sent_sig, poison)) == signed, kind
    if name == "invented":
        # the document exercises every stage
        assert drafts and role_lines and any(presenters) and spoken and signed and signed.signatories


HEADS = [
    ("Mme Odile Marchetti", False),  # a civility: a person
    ("La Ronde des Contes", True),  # an organisation's shape
    ("Rapport moral", True),  # no name
    ("ADEME", True),
    ("Hervé", False),  # one name word: spaCy's ORG on it is not trusted
    ("Odile Marchetti", None),  # a name, or an organisation named after one: spaCy decides
    ("Fab Lab", None),
]

PIECES = [
    ("chargée de mission", False),  # lower case
    ("Présidente", False),  # a role word
    ("Région Bretagne", True),  # a cue
    ("Kerlann", True),  # capitalised, no name of two words
    ("Paul Roux", None),
    ("Odile Marchetti", None),
]


@pytest.mark.parametrize(("head", "by_shape"), HEADS)
def test_org_head_by_shape_is_what_is_org_head_answers_whatever_spacy_says(
    head: str, by_shape: bool | None
) -> None:
    assert org_head_by_shape(head) is by_shape
    answers = {is_org_head(head, _Own({}, (), poison)) for poison in _poisons().values()}
    assert answers == ({by_shape} if by_shape is not None else {True, False})


@pytest.mark.parametrize(("piece", "by_shape"), PIECES)
def test_institution_by_shape_is_what_is_institution_answers_whatever_spacy_says(
    piece: str, by_shape: bool | None
) -> None:
    assert institution_by_shape(piece) is by_shape
    answers = {_is_institution(Piece(piece, 0, len(piece)), _Own({}, (), p)) for p in _poisons().values()}
    assert answers == ({by_shape} if by_shape is not None else {True, False})
