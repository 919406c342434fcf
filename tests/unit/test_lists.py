"""Printed lists: which lines form a list, of what kind, and each entry's person, organisation, role.

Tables of positive and negative cases (texts written for these tests), then the 2022 minutes' lists.
Every mention of every list must slice the source text exactly.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pvparse import nlp as nlp_mod
from pvparse.extract.drafts import ListDraft
from pvparse.extract.list_entries import ListLexicon, header_kind, name_shape, parse_entry
from pvparse.extract.lists import build_lists, find_list_blocks
from pvparse.lines import split_lines


def lists_of(text: str) -> tuple[list[ListDraft], set[int]]:
    """The lists of `text` and the lines they claim; asserts every span slices the text."""
    lines = split_lines(text)
    blocks = find_list_blocks(lines)
    analysis = nlp_mod.analyse(s for b in blocks for s in b.entry_strings)
    drafts = build_lists(blocks, lines, analysis, text)
    for d in drafts:
        assert 0 <= d.start <= d.end <= len(text)
        for e in d.entries:
            assert text[e.start : e.end] == e.text
            for m in (e.person, e.organization, e.represented_by):
                if m is not None:
                    assert text[m.start : m.end] == m.text, m
        if d.body is not None:
            assert text[d.body.start : d.body.end] == d.body.text
    claimed = {i for b in blocks for i in range(b.first_line, b.last_line + 1)}
    return drafts, claimed


def summary(drafts: list[ListDraft]) -> list[tuple[str, list[str]]]:
    """[(kind, ["person | org | role", ...])] — empty fields as "-"."""
    out = []
    for d in drafts:
        rows = []
        for e in d.entries:
            who = e.person.text if e.person else "-"
            org = e.organization.text if e.organization else "-"
            rows.append(f"{who} | {org} | {e.role or '-'}")
        out.append((d.kind, rows))
    return out


POSITIVE = [
    pytest.param(
        "Présents : Jean Dupont, Marie Durand (Ville de Brest), Paul Roux.",
        [("present", ["Jean Dupont | - | -", "Marie Durand | Ville de Brest | -", "Paul Roux | - | -"])],
        id="inline-present-with-org",
    ),
    pytest.param(
        "**Présent.e.s :** Nathalie, Solange, Anne-Marie  \n"
        "**Excusées :** Ludivine, La Compagnie des Ondes  \n",
        [
            ("present", ["Nathalie | - | -", "Solange | - | -", "Anne-Marie | - | -"]),
            ("excused", ["Ludivine | - | -", "- | La Compagnie des Ondes | -"]),
        ],
        id="bold-headers-first-names-and-an-organisation",
    ),
    pytest.param(
        "Présents : M. Bernard LECLERC, Maire ; Mme Françoise DUPONT, 1re adjointe ; M. Alain CHEVALLIER.",
        [
            (
                "present",
                [
                    "Bernard LECLERC | - | Maire",
                    "Françoise DUPONT | - | 1re adjointe",
                    "Alain CHEVALLIER | - | -",
                ],
            )
        ],
        id="council-civilities-and-offices",
    ),
    pytest.param(
        "Absents excusés : Gilles Kerbrat (pouvoir à Anne Le Bihan), Lucie Daniel.",
        [("excused", ["Gilles Kerbrat | - | -", "Lucie Daniel | - | -"])],
        id="excused-with-a-proxy",
    ),
    pytest.param(
        "Absents : Fabrice Noël, Karine Besson.",
        [("absent", ["Fabrice Noël | - | -", "Karine Besson | - | -"])],
        id="absent",
    ),
    pytest.param(
        "Pouvoirs : Mme Martine VALLET à Mme Françoise DUPONT ; M. Jacques HUMBERT à M. Bernard LECLERC.",
        [("represented", ["Martine VALLET | - | -", "Jacques HUMBERT | - | -"])],
        id="inline-proxies",
    ),
    pytest.param(
        "Pouvoirs :\n\n- Gaëlle Hamon (pouvoir à Bruno Perrot)\n"
        "- Samuel Texier (représenté par Katell Briand)\n",
        [("represented", ["Gaëlle Hamon | - | -", "Samuel Texier | - | -"])],
        id="proxy-bullets",
    ),
    pytest.param(
        "M. Paul Roux donne pouvoir à Mme Anne Petit.\nMme Léa Martin donne pouvoir à M. Jean Morel.\n",
        [("represented", ["Paul Roux | - | -", "Léa Martin | - | -"])],
        id="proxy-lines-without-header",
    ),
    pytest.param(
        "**Présent·es :**\n\n- [x] Léa Bonnet\n- [x] Romain Pichon (visio)\n- [ ] Sami Touré\n",
        [("present", ["Léa Bonnet | - | -", "Romain Pichon | - | -"]), ("absent", ["Sami Touré | - | -"])],
        id="checklist-unticked-is-absent",
    ),
    pytest.param(
        "Relevé des membres présents\n\n1. Thierry Vallon, \n2. Loïc Martin, \n3. Paul Tran\n",
        [("present", ["Thierry Vallon | - | -", "Loïc Martin | - | -", "Paul Tran | - | -"])],
        id="numbered-under-a-plain-title",
    ),
    pytest.param(
        "Présence\n========\n\nNom Prénom [login] (membre depuis 6 mois)\n\n"
        "Marchal Odile [] (oui)\nFerrand Luc [bb] (non)\n",
        [("present", ["Marchal Odile | - | -", "Ferrand Luc | - | -"])],
        id="setext-title-column-legend-family-name-first",
    ),
    pytest.param(
        "Liste des candidats:\n\n* ROSALIE KERDONCUFF\n* MARGAUX TESSIER\n",
        [("candidates", ["ROSALIE KERDONCUFF | - | -", "MARGAUX TESSIER | - | -"])],
        id="candidates-in-capitals",
    ),
    pytest.param(
        "Sont élus : Jeanne Morel, Paul Roux et Léa Martin.",
        [("elected", ["Jeanne Morel | - | -", "Paul Roux | - | -", "Léa Martin | - | -"])],
        id="elected-with-et",
    ),
    pytest.param(
        "Le conseil désigne son bureau :\n\n- Présidente : Josiane Carré\n- Trésorier : Hugo Lemoine\n"
        "- Secrétaire adjointe : Bérénice Gautier\n",
        [
            (
                "bureau",
                [
                    "Josiane Carré | - | Présidente",
                    "Hugo Lemoine | - | Trésorier",
                    "Bérénice Gautier | - | Secrétaire adjointe",
                ],
            )
        ],
        id="bureau-offices-under-a-header",
    ),
    pytest.param(
        "Président: Karim Lefébure\nVice président: Grégoire Vasseur\nTrésorier: Gaëtan Rochereau\n",
        [
            (
                "bureau",
                [
                    "Karim Lefébure | - | Président",
                    "Grégoire Vasseur | - | Vice président",
                    "Gaëtan Rochereau | - | Trésorier",
                ],
            )
        ],
        id="bureau-offices-without-header",
    ),
    pytest.param(
        "On procède à l'appel :\n\n- Timothée, Présent !\n- Anatole (trésorier), Présent !\n"
        "- Bardet, absent ?\n",
        [("present", ["Timothée | - | -", "Anatole | - | trésorier"]), ("absent", ["Bardet | - | -"])],
        id="roll-call",
    ),
    pytest.param(
        "**Équipe salariée :** Julia Bernard (coordinatrice), Olivier Tran (chargé de projets)",
        [("staff", ["Julia Bernard | - | coordinatrice", "Olivier Tran | - | chargé de projets"])],
        id="staff-with-roles",
    ),
    pytest.param(
        "Nouveaux adhérents (2023) :\n\nVille de Quimper\nCommunauté de communes du Pays Fouesnantais\n\n"
        "Adhésions en cours :\n\nRégion Bretagne\nAssociation Les Amis du Rail\n\nLa séance continue.\n",
        [
            (
                "new_members",
                ["- | Ville de Quimper | -", "- | Communauté de communes du Pays Fouesnantais | -"],
            ),
            ("pending_members", ["- | Région Bretagne | -", "- | Association Les Amis du Rail | -"]),
        ],
        id="organisation-lists",
    ),
    pytest.param(
        "Participant.es :\n\nLouise Arnaud, Yves Le Borgne (Département du Finistère), "
        "Hervé Kerjean (Ville de Brest).\n",
        [
            (
                "present",
                [
                    "Louise Arnaud | - | -",
                    "Yves Le Borgne | Département du Finistère | -",
                    "Hervé Kerjean | Ville de Brest | -",
                ],
            )
        ],
        id="header-then-paragraph",
    ),
    pytest.param(
        "Un poste est à pourvoir, suite à une démission. Candidate : Capucine Roussel.",
        [("candidates", ["Capucine Roussel | - | -"])],
        id="header-after-a-sentence",
    ),
    pytest.param(
        "Invitée : Agnès Morel, chargée de mission vélo à Grand Besançon Métropole (GBM)",
        [("other", ["Agnès Morel | Grand Besançon Métropole (GBM) | chargée de mission vélo"])],
        id="guest-role-and-organisation-with-acronym",
    ),
    pytest.param(
        "+ tiers sortant :\n\n  - Jean-Marc Royer\n  - Marcel Quintin\n",
        [("other", ["Jean-Marc Royer | - | -", "Marcel Quintin | - | -"])],
        id="other-kind-nested-bullets",
    ),
    pytest.param(
        "+ Nouveaux Candidats :\n\n  - Agathe Perrin : 3 contre - 1 abstentions - 22 pour\n"
        "  - Damien Carlet : 0 contre - 4 abstentions - 21 pour\n",
        [("candidates", ["Agathe Perrin | - | -", "Damien Carlet | - | -"])],
        id="candidates-with-tallies",
    ),
    pytest.param(
        "+ présent : 2\n\n  - Perrin Agathe\n  - lemarié bastien\n",
        [("present", ["Perrin Agathe | - | -", "lemarié bastien | - | -"])],
        id="count-header-and-lower-case-name",
    ),
    pytest.param(
        "Membres connectés : 2 sur 43 licenciés.\n\n- FABRE Sébastien\n- CASTEL Ghislaine\n\n"
        "Procurations reçues par courriel :\n\n- BESSIÈRES Paul, représenté par FABRE Sébastien\n",
        [
            ("present", ["FABRE Sébastien | - | -", "CASTEL Ghislaine | - | -"]),
            ("represented", ["BESSIÈRES Paul | - | -"]),
        ],
        id="remote-attendance-and-mailed-proxies",
    ),
    pytest.param(
        "Excusés :\nM. Patrick VINCENT, président du CD 41, représenté par M. Frédéric HAMEL ;\n"
        "Mme Annick DANIEL, conseillère départementale ;\n"
        "M. Didier LE CORRE, adjoint aux sports de la commune de Villebourg.\n",
        [
            (
                "excused",
                [
                    "Patrick VINCENT | CD 41 | président",
                    "Annick DANIEL | - | conseillère départementale",
                    "Didier LE CORRE | commune de Villebourg | adjoint aux sports",
                ],
            )
        ],
        id="one-per-line-with-roles-and-bodies",
    ),
]


POSITIVE += [
    pytest.param(
        "Présents : Michel Garnier (président de la commission), Sophie Lemaire\n"
        "(trésorière), Rachid Benhamou, Colette Dumas.\nLa séance est ouverte à 18 h 30.\n",
        [
            (
                "present",
                [
                    "Michel Garnier | - | président de la commission",
                    "Sophie Lemaire | - | trésorière",
                    "Rachid Benhamou | - | -",
                    "Colette Dumas | - | -",
                ],
            )
        ],
        id="enumeration-wrapped-over-two-lines",
    ),
    pytest.param(
        "Présents : M. le Maire, Mmes Petit, Roux, M. Jean Morel ainsi que Léa Martin.",
        [("present", ["Mmes Petit | - | -", "Roux | - | -", "Jean Morel | - | -", "Léa Martin | - | -"])],
        id="office-first-plural-civility-ainsi-que",
    ),
    pytest.param(
        "Présents : nico, laurent, marie",
        [("present", ["nico | - | -", "laurent | - | -", "marie | - | -"])],
        id="pad-nicknames",
    ),
    pytest.param(
        "Membres présents :\n\n| Nom | Fonction |\n|---|---|\n| Jean Dupont | Président |\n"
        "| Marie Durand | Ville de Brest |\n",
        [("present", ["Jean Dupont | - | Président", "Marie Durand | Ville de Brest | -"])],
        id="markdown-table",
    ),
    pytest.param(
        "Excusés ayant donné pouvoir : Gilles Martin (à Anne Petit), Paul Roux <paul@exemple.fr>",
        [("represented", ["Gilles Martin | - | -", "Paul Roux | - | -"])],
        id="proxy-in-brackets-and-an-address",
    ),
    pytest.param(
        "Composition du conseil d'administration :\n\nCollège des fondateurs :\n\n"
        "- Anne Petit\n- Paul Roux\n\nCollège des usagers :\n\n- Léa Martin\n",
        [("board", ["Anne Petit | - | -", "Paul Roux | - | -", "Léa Martin | - | -"])],
        id="college-headers-with-colons",
    ),
]


@pytest.mark.parametrize(("text", "expected"), POSITIVE)
def test_lists_found(nlp, text: str, expected) -> None:
    drafts, _ = lists_of(text)
    assert summary(drafts) == expected


def test_represented_by(nlp) -> None:
    drafts, _ = lists_of(
        "Absents excusés : Gilles Kerbrat (pouvoir à Anne Le Bihan), Hervé Le Meur (représenté par "
        "Patrice Jaouen), Lucie Daniel.\n\nPouvoirs : M. Jacques HUMBERT à M. Bernard LECLERC."
    )
    got = [
        (d.kind, e.person.text, e.represented_by.text if e.represented_by else None)
        for d in drafts
        for e in d.entries
        if e.person
    ]
    assert got == [
        ("excused", "Gilles Kerbrat", "Anne Le Bihan"),
        ("excused", "Hervé Le Meur", "Patrice Jaouen"),
        ("excused", "Lucie Daniel", None),
        ("represented", "Jacques HUMBERT", "M. Bernard LECLERC"),
    ]


def test_login_is_not_a_proxy_holder(nlp) -> None:
    drafts, _ = lists_of("Pouvoirs\n--------\n\nSylvain Morvan => smorvan\nArnaud Keller => akeller\n")
    assert [(e.person.text, e.represented_by) for e in drafts[0].entries] == [
        ("Sylvain Morvan", None),
        ("Arnaud Keller", None),
    ]


def test_staff_body_and_initials(nlp) -> None:
    drafts, _ = lists_of("Équipe de l'Association Vélo Cité : Anne, Jean, Manon L., Manon W. et Sylvie.")
    (d,) = drafts
    assert d.kind == "staff"
    assert d.body is not None and d.body.text == "l'Association Vélo Cité"
    assert [e.person.text for e in d.entries if e.person] == [
        "Anne",
        "Jean",
        "Manon L.",
        "Manon W.",
        "Sylvie",
    ]


BOARD = """Présentation et vote du nouveau conseil d'administration

(*) : nouveaux membres

COLLÈGE DES COLLECTIVITÉS

- **Yves Le Borgne**, directeur de l'innovation, Région Bretagne.
- **Anne Kerjean**, responsable du lab, Laboratoire d'innovation publique, Préfecture et Région Bretagne.
- **Paul Roux**, inspecteur des finances. (*)

EXPERTS ET CHERCHEURS

- **Léa Martin**, co-fondatrice de l'Université populaire du Léon. (*)
- **Hugo Petit**, maître de conférences, Université de Brest.

Vote CA : pas d'objection.
"""


def test_board_with_legend_and_colleges(nlp) -> None:
    drafts, claimed = lists_of(BOARD)
    (d,) = drafts
    assert d.kind == "board"
    got = [
        (e.person.text, e.organization.text if e.organization else None, e.role, e.group, e.is_new)
        for e in d.entries
        if e.person
    ]
    assert got == [
        (
            "Yves Le Borgne",
            "Région Bretagne",
            "directeur de l'innovation",
            "COLLÈGE DES COLLECTIVITÉS",
            False,
        ),
        (
            "Anne Kerjean",
            "Préfecture et Région Bretagne",
            "responsable du lab, Laboratoire d'innovation publique",
            "COLLÈGE DES COLLECTIVITÉS",
            False,
        ),
        ("Paul Roux", None, "inspecteur des finances", "COLLÈGE DES COLLECTIVITÉS", True),
        ("Léa Martin", "Université populaire du Léon", "co-fondatrice", "EXPERTS ET CHERCHEURS", True),
        ("Hugo Petit", "Université de Brest", "maître de conférences", "EXPERTS ET CHERCHEURS", False),
    ]
    # the legend and the college headings are list lines; the agenda title and the vote are not
    assert {2, 4, 10} <= claimed
    assert 0 not in claimed and 15 not in claimed


def test_college_groups(nlp) -> None:
    drafts, _ = lists_of(
        "Composition du conseil d'administration :\n\nCollège des fondateurs :\n\n"
        "- Anne Petit\n- Paul Roux\n\nCollège des usagers :\n\n- Léa Martin\n"
    )
    assert [e.group for e in drafts[0].entries] == ["Collège des fondateurs"] * 2 + ["Collège des usagers"]


def test_board_groups_from_subheadings(nlp) -> None:
    text = (
        "Comité directeur\n================\n\nRappel AG 2011 (naissance)\n--------------------------\n\n"
        "Dupont Jean\nMartin Léa\n\nAG 2008 (nouveaux membres)\n--------------------------\n\n"
        "Roux Paul\nPetit Anne\n"
    )
    drafts, claimed = lists_of(text)
    got = [(d.kind, e.person.text, e.group, e.is_new) for d in drafts for e in d.entries if e.person]
    assert got == [
        ("board", "Dupont Jean", "Rappel AG 2011 (naissance)", False),
        ("board", "Martin Léa", "Rappel AG 2011 (naissance)", False),
        ("elected", "Roux Paul", "AG 2008 (nouveaux membres)", True),
        ("elected", "Petit Anne", "AG 2008 (nouveaux membres)", True),
    ]
    # the sub-headings stay headings
    assert not claimed & {0, 1, 3, 4, 9, 10}


NEGATIVE = [
    pytest.param(
        "Jean Dupont et Marie Durand présentent le rapport moral, Paul Roux le budget, Léa Martin le projet.",
        id="prose-with-names",
    ),
    pytest.param(
        "Questions qui pourraient être abordés dans un futur programme :\n\n- Comment les territoires "
        "s'appuient sur des aides ?\n- Pourquoi certains territoires sont à la traîne ?\n",
        id="questions",
    ),
    pytest.param(
        "Ordre du jour :\n\n- Rapport moral\n- Rapport financier\n- Questions diverses\n", id="agenda"
    ),
    pytest.param(
        "Au menu :\n\n- Avis sur le changement de plateforme\n- Ouverture d'un compte en banque\n",
        id="agenda-without-agenda-word",
    ),
    pytest.param(
        "## Ordre du jour\n\n- Bilan Moral\n- Bilan Financier\n- Election Du Bureau\n",
        id="agenda-heading-with-capitalised-items",
    ),
    pytest.param(
        "## Bureau de séance\n\n- Président de séance : Bruno Perrot\n- Secrétaire de séance : Katell "
        "Briand\n",
        id="meeting-officers",
    ),
    pytest.param("Secrétaire de séance : Mme Sylvie MARCHAL.", id="secretary-is-a-meeting-fact"),
    pytest.param(
        "- Animation : Thierry Vallon\n- Secrétaire : Mathieu Roussel\n", id="one-office-is-not-a-bureau"
    ),
    pytest.param("Membres présents : 24\nMembres représentés : 5\nTotal des votants : 29\n", id="counts"),
    pytest.param(
        "Nombre de conseillers en exercice : 19 — Présents : 14 — Votants : 16", id="council-counts"
    ),
    pytest.param("### Votes\n\n* Pour: 9\n* Contre: 0\n* Abstention: 0\n", id="vote-tally"),
    pytest.param("Marc Trinquet : combien de temps faut-il ?\n\nBrigitte : environ 4 mois.\n", id="turns"),
    pytest.param(
        "Échanges :\n\n- Arnaud Delpech : la fédération ne baissera pas le prix.\n- Ghislaine Castel : "
        "c'est possible grâce à l'excédent.\n",
        id="bullet-turns",
    ),
    pytest.param(
        "Les nouvelles recrues au sein de l'équipe\n\nManon Walter (designer) et Manon Leroy (chargée de "
        "projets) sont arrivées en septembre dernier.\n",
        id="staff-news-in-prose",
    ),
    pytest.param("Vote CA : Pas d'objection. Vote à l'unanimité", id="vote-line"),
    pytest.param(
        "Actions :\n\n- [ ] Baptiste : demander la remise\n- [ ] Inès : planning accueil du 10/12\n",
        id="todo-checklist",
    ),
    pytest.param(
        "Présents :\n\nLa séance est ouverte à 18 heures par le président qui remercie les participants.\n",
        id="header-then-prose",
    ),
]


NEGATIVE += [
    pytest.param(
        "# Compte rendu du bureau élargi\n\nLundi 14 juin 2021, Dijon, Maison régionale de l'innovation "
        "(et en ligne pour deux participants)\n",
        id="date-and-place-under-a-bureau-heading",
    ),
    pytest.param(
        "## Présences\n\nCe compte rendu, relu par Anne, Paul et Léa, sera diffusé.\n",
        id="prose-after-heading",
    ),
]


@pytest.mark.parametrize("text", NEGATIVE)
def test_not_lists(nlp, text: str) -> None:
    drafts, claimed = lists_of(text)
    assert summary(drafts) == []
    assert claimed == set()


@pytest.mark.parametrize(
    ("header", "kind"),
    [
        ("Présent.e.s", "present"),
        ("Présent·es", "present"),
        ("Étaient présents", "present"),
        ("Participant.es", "present"),
        ("Excusé·es", "excused"),
        ("Absents excusés", "excused"),
        ("Absents", "absent"),
        ("Absents non excusés", "absent"),
        ("Pouvoirs", "represented"),
        ("Membres du bureau présents", "present"),
        ("Se présente également", "candidates"),
        ("Liste des candidats", "candidates"),
        ("Sont élus", "elected"),
        ("Adhésions en préparation", "pending_members"),
        ("Nouveaux adhérents institutionnels (2021, 2022)", "new_members"),
        ("Présentation et vote du nouveau CA", "board"),
        ("Bureau 2008", "bureau"),
        ("Équipe de La 27e Région", "staff"),
        ("Thème 1", None),
        ("Notre constat", None),
    ],
)
def test_header_kind(header: str, kind: str | None) -> None:
    assert header_kind(header).kind == kind


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("Pauline Lavagne d'Ortigue", 3),
        ("Béatrice Lacazel Labadie", 3),
        ("Gildas Gaonac'h", 2),
        ("Manon L.", 2),
        ("Mme DUPONT", 1),
        ("Jean-Marie BERGÈRE", 2),
        ("Van Der Meer Aurélie", 4),
        ("Nathalie", 1),
        ("Rapport moral", 0),
        ("Rapport Moral de l'exercice par le Pdt", 0),
        ("Pour", 0),
        ("lemarié bastien", 0),
        ("Comment les territoires s'appuient", 0),
    ],
)
def test_name_shape(text: str, words: int) -> None:
    assert name_shape(text) == words


def test_entry_offsets_are_absolute() -> None:
    e = parse_entry("Isabelle Martin (Département du Gers)", 100, "present", lenient=True)
    assert e is not None
    assert (e.head.text, e.head.start, e.head.end) == ("Isabelle Martin", 100, 115)
    assert [(p.text, p.start, p.paren) for p in e.rest] == [("Département du Gers", 117, True)]


def test_lexicon_rejects_unknown_kind() -> None:
    from pydantic import ValidationError

    from pvparse.extract.list_entries import load_lexicon

    raw = load_lexicon().model_dump()
    raw["kinds"][0]["kind"] = "attendees"
    with pytest.raises(ValidationError):
        ListLexicon.model_validate(raw)


# --- the 2022 minutes -----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def ag2022_lists(nlp, ag2022_text):
    drafts, claimed = lists_of(ag2022_text)
    return {d.kind: d for d in drafts}, claimed


def test_ag2022_participants(ag2022_lists) -> None:
    by_kind, _ = ag2022_lists
    present = by_kind["present"]
    assert len(present.entries) == 47
    assert sum(1 for e in present.entries if e.organization) == 37
    names = [e.person.text for e in present.entries if e.person]
    assert len(names) == 47
    for whole in (
        "Gildas Gaonac'h",
        "Pauline Lavagne d'Ortigue",
        "Béatrice Lacazel Labadie",
        "José Da Silva",
    ):
        assert whole in names
    orgs = {e.person.text: e.organization.text for e in present.entries if e.person and e.organization}
    assert orgs["Isabelle Bagdassarian"] == "Département des Pyrénées-Atlantiques"
    assert orgs["Marc Trinquet"] == "Agence d'urbanisme Atlantique & Pyrénées"
    assert "Camille Arnodin" not in orgs


def test_ag2022_staff(ag2022_lists) -> None:
    by_kind, _ = ag2022_lists
    staff = by_kind["staff"]
    assert [e.person.text for e in staff.entries if e.person] == [
        "Anne",
        "Jean",
        "Manon L.",
        "Manon W.",
        "Nadège",
        "Stéphane",
        "Sylvine",
    ]
    assert staff.body is not None and staff.body.text == "La 27e Région"


def test_ag2022_members(ag2022_lists) -> None:
    by_kind, _ = ag2022_lists
    new, pending = by_kind["new_members"], by_kind["pending_members"]
    assert len(new.entries) == 5 and len(pending.entries) == 6
    assert all(e.organization and not e.person for e in (*new.entries, *pending.entries))
    assert new.entries[-1].organization.text == "Chaire de transformation publique (Sc Po Lyon)"


def test_ag2022_board(ag2022_lists) -> None:
    by_kind, claimed = ag2022_lists
    board = by_kind["board"]
    assert len(board.entries) == 21
    assert len({e.group for e in board.entries}) == 3
    assert sum(e.is_new for e in board.entries) == 5
    rows = {e.person.text: e for e in board.entries if e.person}
    assert rows["Benoît Vallauri"].organization.text == "Préfecture de Région et Région Bretagne"
    assert rows["Benoît Vallauri"].role == "responsable du Ti Lab, Laboratoire régional d'innovation publique"
    assert rows["Sandra Desmettre"].organization is None
    assert rows["Sandra Desmettre"].role == "inspectrice des finances"
    assert rows["Daniel Kaplan"].organization.text == "Université de la pluralité"
    assert rows["Magali Marlin"].is_new and not rows["Clément Cambon"].is_new
    # the legend and the three college headings are list lines (0-based line numbers)
    assert {207, 209, 219, 230} <= claimed
    assert 205 not in claimed  # "Présentation et vote du nouveau CA" stays a heading


def test_ag2022_document(ag2022_doc) -> None:
    """Through the whole pipeline: the lists reach the document and the colleges are not sections."""
    kinds = [(lst.kind, len(lst.entries)) for lst in ag2022_doc.lists]
    assert kinds == [("present", 47), ("staff", 7), ("new_members", 5), ("pending_members", 6), ("board", 21)]
    titles = {s.title for s in ag2022_doc.sections}
    assert "EXPERTS ET PRATICIENS" not in titles
    assert "Présentation et vote du nouveau CA" in titles
    assert len(ag2022_doc.turns) == 52


# --- never crashes, spans always in bounds ----------------------------------------------------------

_FRAGMENTS = [
    "Présents :",
    "Excusés : ",
    "**Présent·es :**",
    "Pouvoirs :",
    "- ",
    "* ",
    "1. ",
    "- [x] ",
    "- [ ] ",
    "  - ",
    "Jean Dupont",
    "Mme Odile BRUNET",
    "Manon L.",
    "(Ville de Brest)",
    "(pouvoir à Paul Roux)",
    ", ",
    " et ",
    "; ",
    "**Anne Petit**",
    ", présidente",
    ", Région Bretagne.",
    " (*)",
    "(*) : nouveaux membres",
    "COLLÈGE DES USAGERS",
    "Président : Karim Lefébure",
    "=> akeller",
    "| Nom | Fonction |",
    "|---|",
    "\n",
    "\n\n",
    "Questions :",
    "Comment faire ?",
    "Équipe de l'Association X : ",
    "Candidate : ",
    ". ",
    "====",
    "## ",
    "\u00a0",
    "\u202f",
    "\r\n",
    "Agathe Perrin : 1 contre - 15 pour",
    "Timothée, Présent !",
    "absent ?",
]


_HEADERS = [
    "Présents :",
    "**Excusé·es :**",
    "Pouvoirs :\n\n",
    "Liste des candidats :\n\n",
    "Participant.es :\n\n",
]
_ENTRIES = [
    "Jean Dupont",
    "Mme Odile BRUNET (pouvoir à M. Paul ROUX)",
    "Manon L.",
    "Anne Petit (Ville de Brest)",
    "**Léa Martin**, présidente, Région Bretagne. (*)",
    "lemarié bastien",
    "La Ronde des Pages",
]
_JOINERS = [", ", " ; ", "\n- ", "\n\n- [ ] ", "\n1. ", "\u00a0et "]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from(_FRAGMENTS), max_size=20),
    st.sampled_from(_HEADERS),
    st.lists(st.sampled_from(_ENTRIES), min_size=1, max_size=8),
    st.sampled_from(_JOINERS),
    st.lists(st.sampled_from(_FRAGMENTS), max_size=20),
)
def test_never_crashes_and_spans_hold(
    before: list[str], header: str, entries: list[str], joiner: str, after: list[str]
) -> None:
    text = "".join(before) + header + joiner.join(entries) + "".join(after)
    lines = split_lines(text)
    blocks = find_list_blocks(lines)
    drafts = build_lists(blocks, lines, {}, text)
    claimed = [i for b in blocks for i in range(b.first_line, b.last_line + 1)]
    assert all(0 <= i < len(lines) for i in claimed)
    for d in drafts:
        assert 0 <= d.start <= d.end <= len(text)
        for e in d.entries:
            assert text[e.start : e.end] == e.text
            for m in (e.person, e.organization, e.represented_by):
                if m is not None:
                    assert 0 <= m.start <= m.end <= len(text) and text[m.start : m.end] == m.text
