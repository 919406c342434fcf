"""Decisions and votes: what counts as a decision, its result, unanimity, counts, subject and span."""

from __future__ import annotations

from collections.abc import Collection

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pvparse.extract.decisions import find_decisions
from pvparse.extract.drafts import DecisionDraft, Finding
from pvparse.lines import split_lines
from pvparse.segment import assign_levels, find_headings


def decide(text: str, turn_lines: Collection[int] = ()) -> tuple[list[DecisionDraft], list[Finding]]:
    """Decisions of `text`; `turn_lines` are 1-based numbers of speaker-label lines."""
    lines = split_lines(text)
    headings = assign_levels(find_headings(lines, skip={i - 1 for i in turn_lines}))
    return find_decisions(lines, turn_lines={i - 1 for i in turn_lines}, headings=headings)


def only(text: str, turn_lines: Collection[int] = ()) -> DecisionDraft:
    found, _ = decide(text, turn_lines)
    assert len(found) == 1, found
    return found[0]


def counts(d: DecisionDraft) -> tuple[int | None, int | None, int | None, int | None]:
    return d.votes_for, d.against, d.abstain, d.blank


# --- one decision: result, unanimity, counts -------------------------------------------------------

N = None


@pytest.mark.parametrize(
    ("text", "result", "unanimous", "expected_counts"),
    [
        ("Pas d'objection. Vote à l'unanimité.", "adopted", True, (N, 0, N, N)),
        ("Vote CA : Pas d'objection. Vote à l'unanimité", "adopted", True, (N, 0, N, N)),
        ("L'assemblée générale valide le rapport moral et financier 2021.", "adopted", N, (N, N, N, N)),
        ("Le rapport moral est adopté.", "adopted", N, (N, N, N, N)),
        ("Le budget est approuvé.", "adopted", N, (N, N, N, N)),
        ("Le changement est validé.", "adopted", N, (N, N, N, N)),
        ("La proposition est rejetée.", "rejected", N, (N, N, N, N)),
        ("La motion est refusée.", "rejected", N, (N, N, N, N)),
        ("La proposition n'est pas adoptée.", "rejected", N, (N, N, N, N)),
        ("Adopté à l'unanimité.", "adopted", True, (N, N, N, N)),
        ("ADOPTÉ À LA MAJORITÉ", "adopted", False, (N, N, N, N)),
        ("Pour : 12 — Contre : 2 — Abstentions : 1", "adopted", False, (12, 2, 1, N)),
        ("Pour : 5 — Contre : 9 — Abstentions : 2", "rejected", False, (5, 9, 2, N)),
        ("- voix contre : 0\n- abstentions : 0\n- voix pour : 21", "adopted", True, (21, 0, 0, N)),
        ("* Pour: 7\n* Contre: 0\n* Abstention: 0", "adopted", True, (7, 0, 0, N)),
        ("approuvent: 23\ndésapprouvent: 0\nabstentions: 3", "adopted", False, (23, 0, 3, N)),
        (
            "Vote:\n  + 23 pour (dont 4 procurations)\n  + 0 contre\n  + 0 abstentions",
            "adopted",
            True,
            (23, 0, 0, N),
        ),
        ("voix pour : 21", "adopted", N, (21, N, N, N)),
        ("Le bilan est accepté avec 15 voix pour, 2 abstentions", "adopted", False, (15, N, 2, N)),
        ("Le bilan moral est accepté avec 27 suffrages pour, 3 abstentions", "adopted", False, (27, N, 3, N)),
        (
            "20:12 le bilan financier est accepté par 14 suffrages pour et 2 abstentions",
            "adopted",
            False,
            (14, N, 2, N),
        ),
        ("*Vote du CA : 7 pour ; 1 ne se prononce pas*", "adopted", False, (7, N, 1, N)),
        ("*Votes : 8 pour.*", "adopted", N, (8, N, N, N)),
        ("La hausse est adoptée par 5 voix contre 2 et 1 vote blanc.", "adopted", False, (5, 2, N, 1)),
        ("La motion est adoptée à l'unanimité moins une abstention.", "adopted", False, (N, 0, 1, N)),
        ("Le rapport est adopté à l'unanimité moins deux voix contre.", "adopted", False, (N, 2, 0, N)),
        (
            "Le conseil d'administration est élu à l'unanimité des membres présents.",
            "adopted",
            True,
            (N, N, N, N),
        ),
        (
            "La baisse est adoptée par 15 voix pour, 3 contre et 1 abstention.",
            "adopted",
            False,
            (15, 3, 1, N),
        ),
        ("Vote : 5 pour, 1 contre (Margaux), 0 abstention → adopté", "adopted", False, (5, 1, 0, N)),
        ("Vote : 6 voix pour, 1 abstention. La proposition est adoptée.", "adopted", False, (6, N, 1, N)),
        ("REJETÉE – Pour : 4 – Contre : 19 – Abstentions : 2", "rejected", False, (4, 19, 2, N)),
        ("La réponse est unanime : on garde le mode de décision actuel.", "adopted", True, (N, N, N, N)),
        ("Décision : on garde le local et on négocie le loyer.", "adopted", N, (N, N, N, N)),
        ("Décision : on fixe l'entrée à 8 €. Validé par tout le monde.", "adopted", True, (N, N, N, N)),
        ("Il est convenu que Paul écrira aux adhérents.", "adopted", N, (N, N, N, N)),
        ("Il est décidé de ne pas renouveler le contrat.", "rejected", N, (N, N, N, N)),
        (
            "La commission émet à l'unanimité un avis favorable à cette affectation.",
            "adopted",
            True,
            (N, N, N, N),
        ),
        ("Le bureau donne un avis défavorable à la demande.", "rejected", N, (N, N, N, N)),
        ("Le CA approuve à l'unanimité le dépôt du dossier.", "adopted", True, (N, N, N, N)),
        ("Le bureau a validé le budget rectificatif.", "adopted", N, (N, N, N, N)),
        (
            "Le Conseil municipal, après en avoir délibéré, refuse la cession de la parcelle.",
            "rejected",
            N,
            (N,) * 4,
        ),
        (
            "Le conseil décide à la majorité de fixer les tarifs.\nPour : 12 — Contre : 2 — Abstentions : 2",
            "adopted",
            False,
            (12, 2, 2, N),
        ),
        ("Personne ne s'opposant, l'assemblée conserve les votes déjà exprimés.", "adopted", N, (N, 0, N, N)),
        ("La majorité des deux tiers étant atteinte, la résolution 1 est adoptée.", "adopted", N, (N,) * 4),
        ("Le quitus moral est donné à l'unanimité.", "adopted", True, (N, N, N, N)),
        ("VOTE À L'UNANIMITÉ POUR LE BUDGET", "adopted", True, (N, N, N, N)),
        ("Rapport moral : adopté à l'unanimité.", "adopted", True, (N, N, N, N)),
        ("Rapport financier : rejeté par 12 voix contre 3.", "rejected", False, (3, 12, N, N)),
        ("La motion est rejetée par 9 voix contre 5.", "rejected", False, (5, 9, N, N)),
        ("Approbation du procès-verbal : unanimité des présents.", "adopted", True, (N, N, N, N)),
        ("Vote à main levée : unanimité.", "adopted", True, (N, N, N, N)),
        ("Le rapport financier est approuvé (unanimité).", "adopted", True, (N, N, N, N)),
        ("Le budget est adopté (12 pour, 2 contre, 1 abstention).", "adopted", False, (12, 2, 1, N)),
        ("Premier tour : majorité absolue : Jeanne Roux", "adopted", False, (N, N, N, N)),
        ("Sont élus : Anne Petit, Paul Roux et Marc Dion.", "adopted", N, (N, N, N, N)),
        ("Accord unanime du bureau pour la sortie de juin.", "adopted", True, (N, 0, N, N)),
        (
            "Le CA se réunit aussitôt, pendant une suspension de séance, et désigne son bureau.",
            "adopted",
            N,
            (N, N, N, N),
        ),
        (
            "Vote sur la liste élue avec 12 suffrages Très Bien et 2 suffrages Bien",
            "adopted",
            N,
            (N, N, N, N),
        ),
        ("Proposition adoptée à l'unanimité.", "adopted", True, (N, N, N, N)),
        ("Motion rejetée par 9 voix.", "rejected", False, (N, 9, N, N)),
        ("Le compte administratif est adopté par 14 voix.", "adopted", N, (14, N, N, N)),
        ("Pour : 15, Contre : néant, Abstention : néant", "adopted", True, (15, 0, 0, N)),
        (
            "L'assemblée générale, après avoir entendu le rapport moral, l'approuve.",
            "adopted",
            N,
            (N, N, N, N),
        ),
        ("L'AG à l'unanimité décide de maintenir la cotisation.", "adopted", True, (N, N, N, N)),
        ("Le rapport moral est soumis au vote. Il est adopté à l'unanimité.", "adopted", True, (N, N, N, N)),
        ("Le montant est maintenu à 15 € : adopté à l'unanimité.", "adopted", True, (N, N, N, N)),
        ("Adoptée par quinze voix pour et deux abstentions.", "adopted", False, (15, N, 2, N)),
        ("Résultat : 8 oui, 2 non", "adopted", False, (8, 2, N, N)),
    ],
)
def test_one_decision(
    text: str, result: str, unanimous: bool | None, expected_counts: tuple[int | None, ...]
) -> None:
    d = only(text)
    assert (d.result, d.unanimous, counts(d)) == (result, unanimous, expected_counts)


# --- not decisions -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Il rappelle que le budget avait été adopté l'an dernier à l'unanimité.",
        "Le budget a été adopté lors de la dernière assemblée.",
        "Le vote par correspondance est-il autorisé par les statuts ?",
        "Il est discuté du vote par correspondance et de ses modalités.",
        "Pour : aller plus loin, il faudrait davantage de bénévoles.",
        "Contre : l'avis du trésorier, rien ne presse.",
        "Si la proposition est adoptée, le bureau écrira à la mairie.",
        "Mme Delattre indique que la subvention est reconduite à 96 000 €.",
        "Sidonie Marchetti est désignée secrétaire de séance.",
        "Les résolutions sont adoptées à la majorité des deux tiers des votants.",
        "Nombre de conseillers en exercice : 19 — Présents : 14 — Votants : 16",
        "Le bureau sera élu lors de la prochaine assemblée.",
        "La proposition sera soumise au vote en juin.",
        "Résultat : + 4550€",
        "Le prix passe à 3 pour 100 habitants.",
        "Les sites seront consultables et nous voterons un ordre de préférence vendredi.",
        "Votes",
        "1. Lecture et adoption des statuts",
        "- Vote du renouvellement du CD",
        "Clémence Pène, co-fondatrice de « A voté ».",
        "- Hugo Benard (élu en 2018)",
        "Laurent propose que l'on vote à main levée.",
        "Il est procédé à un vote à bulletin secret.",
        "Les décisions sont prises par consensus.",
        "Ce point de l'ordre du jour ne fait l'objet de vote",
        "Le bureau actuel nommé l'an dernier présente sa démission.",
        "On ne se décrète pas expert, on est validé par les pairs.",
        "- Jeanne Martin (élue en 2017)",
        "Marc Dion : élu en 2017",
        "a) Atelier Typo : retenu pour la place du texte, la sobriété.",
        "Décisions importantes à venir sur le local.",
        "Le budget voté l'an dernier prévoyait une hausse.",
        "Pour : un meilleur accueil des nouveaux.",
        "Les comptes approuvés par le commissaire sont en ligne.",
    ],
)
def test_not_a_decision(text: str) -> None:
    found, _ = decide(f"Un paragraphe avant.\n\n{text}\n\nUn paragraphe après.\n")
    assert found == []


def test_heading_alone_is_not_a_decision() -> None:
    found, _ = decide("## Vote du quitus\n\nLe trésorier présente les comptes de l'exercice.\n")
    assert found == []


def test_speech_is_not_a_decision_but_counts_in_a_label_are() -> None:
    text = (
        "Mme LOISEAU : Je voterai contre ce budget.\n"
        "\n"
        "- Lucie Martin : 3 contre - 1 abstentions - 22 pour\n"
        "- Paul Durand : 0 contre - 4 abstentions - 21 pour\n"
    )
    found, _ = decide(text, turn_lines=(1, 3, 4))
    assert [(d.subject, counts(d), d.unanimous) for d in found] == [
        ("Lucie Martin", (22, 3, 1, None), False),
        ("Paul Durand", (21, 0, 4, None), False),
    ]


# --- grouping: what belongs to one vote ------------------------------------------------------------


def test_counts_then_result_sentence_are_one_decision() -> None:
    text = (
        "## Vote du quitus moral\n\n- voix contre : 0\n- abstentions : 0\n- voix pour : 21\n\n"
        "Le quitus moral est donné à l'unanimité.\n\n## Vote du quitus financier\n\n"
        "- voix contre : 0\n- abstentions : 1\n- voix pour : 20\n\nLe quitus financier est donné.\n"
    )
    found, _ = decide(text)
    assert [(d.subject, counts(d), d.unanimous, d.lines) for d in found] == [
        ("quitus moral", (21, 0, 0, None), True, (2, 3, 4, 6)),
        ("quitus financier", (20, 0, 1, None), False, (10, 11, 12, 14)),
    ]


def test_two_statements_about_two_subjects_are_two_decisions() -> None:
    found, _ = decide(
        "Le rapport moral est adopté à l'unanimité.\n\nLe rapport financier est adopté à la majorité.\n"
    )
    assert [(d.subject, d.unanimous) for d in found] == [
        ("rapport moral", True),
        ("rapport financier", False),
    ]


def test_vote_record_and_validating_sentence_are_one_decision() -> None:
    text = (
        "Approbation du rapport moral et financier\n\n"
        "Votes validations : projet d'activités, budget prévisionnel, grille d'adhésion. "
        "Pas d'objection. Vote à l'unanimité.\n\n"
        "L'assemblée générale valide le rapport moral et financier 2021, le budget prévisionnel 2022, "
        "la grille d'adhésion 2022.\n\n"
        "Le résultat de l'exercice est placé en report à nouveau.\n"
    )
    d = only(text)
    assert (d.result, d.unanimous) == ("adopted", True)
    assert text[d.start : d.end].startswith("Votes validations")
    assert text[d.start : d.end].endswith("grille d'adhésion 2022.")
    assert (
        d.subject == "rapport moral et financier 2021, le budget prévisionnel 2022, la grille d'adhésion 2022"
    )


def test_candidates_with_votes_make_one_election() -> None:
    text = (
        "### Vote à main levée pour l'élection du bureau\n\n"
        "- Liste Ensemble : 17 voix\n- Sébastien Aubry : 1 voix\n- Fabrice : 1 voix\n- Abstentions : 3\n\n"
        "* Manu : on veut un contact rapidement.\n"
    )
    d = only(text, turn_lines=(8,))
    assert (d.result, d.unanimous, counts(d)) == ("adopted", False, (17, None, 3, None))
    assert d.subject == "élection du bureau : Liste Ensemble"


def test_deliberation_with_a_list_then_result_is_one_decision() -> None:
    text = (
        "Délibération n° 4 : Travaux de la salle des fêtes\n\n"
        "Le Conseil municipal, après en avoir délibéré, DÉCIDE :\n"
        "- d'approuver le projet ;\n"
        "- d'autoriser le Maire à signer les marchés.\n"
        "Adopté à l'unanimité.\n\nQuestions diverses.\n"
    )
    d = only(text)
    assert (d.result, d.unanimous, d.lines, d.subject) == (
        "adopted",
        True,
        (2, 5),
        "Travaux de la salle des fêtes",
    )


def test_list_of_decisions() -> None:
    text = (
        "## Décisions\n\n- on garde le local de la rue Haute\n- achat d'une table de mixage\n"
        "- Bruno : préparer une documentation\n\nLa séance est levée.\n"
    )
    found, _ = decide(text, turn_lines=(5,))
    assert [(d.subject, d.result) for d in found] == [
        ("on garde le local de la rue Haute", "adopted"),
        ("achat d'une table de mixage", "adopted"),
    ]


def test_unanimity_alone_under_what_was_put_to_the_vote() -> None:
    text = "Le président met aux voix le projet de convention avec la mairie.\n\nÀ l'unanimité.\n"
    d = only(text)
    assert (d.result, d.unanimous, d.subject, d.lines) == (
        "adopted",
        True,
        "projet de convention avec la mairie",
        (2,),
    )


@pytest.mark.parametrize(
    ("above", "subject"),
    [
        ("Proposition : passer l'adhésion à 12 €.\nPaul propose de garder 10 €.", "passer l'adhésion à 12 €"),
        ("Paul propose de garder la cotisation à 10 €.", "garder la cotisation à 10 €"),
        ("La présidente soumet au vote la convention avec la mairie.", "convention avec la mairie"),
    ],
)
def test_subject_from_what_was_proposed(above: str, subject: str) -> None:
    assert only(f"{above}\n\nLa proposition est adoptée.\n").subject == subject


def test_agenda_item_wins_over_a_proposal_in_a_speech() -> None:
    text = "3 - Taux d'imposition 2016\n\nM. Blanc propose de maintenir les taux.\n\nADOPTÉ À L'UNANIMITÉ\n"
    assert only(text).subject == "Taux d'imposition 2016"


def test_election_rounds_are_two_decisions() -> None:
    found, _ = decide(
        "Premier tour : majorité absolue : Jeanne Roux\nDeuxième tour : majorité absolue : Paul Dion\n"
    )
    assert [d.lines for d in found] == [(0,), (1,)]


# --- subjects ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "subject"),
    [
        ("Le procès-verbal, ainsi rectifié, est approuvé à l'unanimité.", "procès-verbal"),
        ("Capucine Roussel est élue à l'unanimité.", "Capucine Roussel"),
        (
            "2011/042 – Tarifs de la cantine\n\nM. le Maire présente les tarifs.\n\n"
            "Le Conseil municipal, après en avoir délibéré, décide à l'unanimité de fixer les tarifs.",
            "Tarifs de la cantine",
        ),
        (
            "Proposition : marquage facturé 5 € aux adhérents.\n\nVote : 6 voix pour, 1 abstention. "
            "La proposition est adoptée.",
            "marquage facturé 5 € aux adhérents",
        ),
        (
            "Présentation et vote du nouveau CA\n\nLes candidats se présentent.\n\n"
            "Vote CA : Pas d'objection. Vote à l'unanimité",
            "nouveau CA",
        ),
        (
            "Demande d'adhésion de la CCPA : le bureau donne un avis favorable, qui sera soumis à l'AG.",
            "Demande d'adhésion de la CCPA",
        ),
        (
            "L'assemblée donne tous pouvoirs à la présidente pour les formalités.\n\nAdopté à l'unanimité.",
            "tous pouvoirs à la présidente pour les formalités",
        ),
        (
            "Vote du rapport moral :\n  + 19 pour\n  + 0 contre\n  + 0 abstention\n\n"
            "Le rapport moral est adopté à l'unanimité.",
            "rapport moral",
        ),
    ],
)
def test_subject(text: str, subject: str) -> None:
    assert only(text).subject == subject


def test_span_covers_the_evidence_lines() -> None:
    text = (
        "Titre\n\nTexte.\n\n"
        "Le Conseil municipal décide à la majorité de fixer les tarifs.\nPour : 12 — Contre : 2\n\nSuite.\n"
    )
    d = only(text)
    assert (
        text[d.start : d.end]
        == "Le Conseil municipal décide à la majorité de fixer les tarifs.\nPour : 12 — Contre : 2"
    )
    assert d.lines == (4, 5)


# --- vote tables -------------------------------------------------------------------------------------

TABLE = """## 5. Votes

| Résolution | Votants | Pour | Contre | Abstentions |
|---|---|---|---|---|
| 1. Approbation du rapport moral | 40 | 40 | 0 | 0 |
| 2. Adhésion à 15 € (10 € tarif réduit) | 40 | 29 | 8 | 3 |
| 3. Motion sur le local | 40 | 10 | 28 | 2 |

Toutes les résolutions sont adoptées.
"""


def test_vote_table_gives_one_decision_per_row() -> None:
    found, findings = decide(TABLE)
    assert [(d.subject, counts(d), d.voters, d.result, d.unanimous) for d in found] == [
        ("Approbation du rapport moral", (40, 0, 0, None), 40, "adopted", True),
        ("Adhésion à 15 € (10 € tarif réduit)", (29, 8, 3, None), 40, "adopted", False),
        ("Motion sur le local", (10, 28, 2, None), 40, "adopted", False),
    ]
    assert findings == []
    for d in found:
        assert (
            TABLE[d.start : d.end].startswith(d.subject.split()[0][:3]) or TABLE[d.start : d.end][0].isdigit()
        )


def test_vote_table_without_summary_takes_result_from_counts() -> None:
    text = TABLE.replace("Toutes les résolutions sont adoptées.\n", "La séance est levée.\n")
    found, _ = decide(text)
    assert [d.result for d in found] == ["adopted", "adopted", "rejected"]


@pytest.mark.parametrize(
    "table",
    [
        "Objet | Pour | Contre | Abstention\n--- | --- | --- | ---\nBudget 2020 | 12 | 1 | 0\n",
        "+--------+------+--------+\n| Objet  | Pour | Contre |\n+========+======+========+\n"
        "| Budget | 12   | 1      |\n+--------+------+--------+\n",
        "| | Budget |\n|---|---|\n| Pour | 12 |\n| Contre | 1 |\n| Abstentions | 0 |\n",
    ],
)
def test_other_table_shapes(table: str) -> None:
    d = only(f"Texte.\n\n{table}\nSuite.\n")
    assert (d.votes_for, d.against, d.subject) == (12, 1, "Budget 2020" if "2020" in table else "Budget")


def test_table_without_count_columns_is_not_a_vote() -> None:
    found, _ = decide("| Nom | Rôle |\n|---|---|\n| Paul | trésorier |\n| Anne | pour la forme |\n")
    assert found == []


def test_table_result_column() -> None:
    text = "| Résolution | Pour | Contre | Résultat |\n|---|---|---|---|\n| Budget | 3 | 9 | Rejetée |\n"
    assert only(text).result == "rejected"


# --- diagnostics -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "mismatch"),
    [
        ("Votants : 16 — Pour : 12 — Contre : 2 — Abstentions : 1", True),
        ("Votants : 15 — Pour : 12 — Contre : 2 — Abstentions : 1", False),
        ("Adopté par 12 voix pour sur 10 votants.", True),
        ("Votants : 16 — Pour : 12 — Contre : 2", False),  # abstentions not stated: cannot tell
        ("Pour : 12 — Contre : 2 — Abstentions : 1", False),  # no voters stated
        (
            "| Objet | Votants | Pour | Contre | Abstentions |\n|---|---|---|---|---|\n"
            "| Budget | 40 | 29 | 8 | 2 |",
            True,
        ),
    ],
)
def test_vote_count_mismatch(text: str, mismatch: bool) -> None:
    found, findings = decide(text)
    assert len(found) == 1
    assert [f.code for f in findings] == (["vote_count_mismatch"] if mismatch else [])
    if mismatch:
        assert (findings[0].start, findings[0].end) == (found[0].start, found[0].end)


# --- the 2022 minutes --------------------------------------------------------------------------------


def test_ag2022_decisions(ag2022_text: str) -> None:
    found, findings = decide(ag2022_text)
    lines = [d.lines for d in found]
    assert lines == [(169, 171), (239,)]
    budget, board = found
    assert (budget.result, budget.unanimous) == ("adopted", True)
    assert budget.subject is not None and budget.subject.startswith("rapport moral et financier 2021")
    assert ag2022_text[budget.start : budget.end].startswith("Votes validations")
    assert (board.result, board.unanimous, board.subject) == ("adopted", True, "nouveau CA")
    assert findings == []


# --- properties --------------------------------------------------------------------------------------

VOTE_BITS = [
    "Pour : 12",
    "Contre : 3",
    "abstentions : 1",
    "Votants : 16",
    "Vote :",
    "Vote du budget :",
    "adopté",
    "rejetée",
    "à l'unanimité",
    "Pas d'objection.",
    "Le rapport est adopté.",
    "| Pour | Contre |",
    "|---|---|",
    "| 3 | 4 |",
    "Décisions :",
    "- on garde le local",
    "par 5 voix contre 2",
    "(dont 3 pouvoirs)",
    "«",
    "»",
    "Premier tour :",
    "Sont élus :",
    "\n",
    "\n\n",
    " ",
    ".",
    ";",
    ":",
    "→",
    "## Titre",
]


@given(st.lists(st.sampled_from(VOTE_BITS) | st.text(max_size=12), max_size=40).map("".join))
@settings(max_examples=300, deadline=None)
def test_never_crashes_and_spans_hold(text: str) -> None:
    found, findings = decide(text)
    for d in found:
        assert 0 <= d.start < d.end <= len(text)
        assert text[d.start : d.end].strip() == text[d.start : d.end]
        assert d.result in ("adopted", "rejected", "unknown")
        assert list(d.lines) == sorted(set(d.lines))
    for f in findings:
        assert f.code == "vote_count_mismatch"


# --- masking quotes and brackets: skipped where none opens ----------------------------------------


def test_each_masking_pattern_starts_with_one_of_its_openings() -> None:
    from pvparse.extract.decisions import _OPENINGS

    for pattern, opening in _OPENINGS.items():
        firsts = {alt[1] if alt[0] == "\\" else alt[0] for alt in pattern.pattern.split("|")}
        assert firsts == set(opening), pattern.pattern


@pytest.mark.parametrize(
    ("text", "masked"),
    [
        ("Vote « adopté » : 12 pour", "vote «        » : 12 pour"),
        ("Vote (adopté) [x]", "vote (      ) [ ]"),
        ("Vote : adopté", "vote : adopte"),
    ],
)
def test_masking(text: str, masked: str) -> None:
    from pvparse.extract.decisions import _PAREN_RE, _QUOTED_RE, _mask
    from pvparse.extract.vote_words import fold_keep

    assert _mask(_mask(fold_keep(text), _QUOTED_RE, keep_ends=True), _PAREN_RE, keep_ends=True) == masked


@pytest.mark.parametrize("text", ["\x1fPas d'objection.", "Pas d'objection.\x1f", "\x1c Pas d'objection. \x1e"])
def test_decision_span_excludes_control_separators(text: str) -> None:
    # str.strip() takes U+001C-U+001F for whitespace: a span must not start or end on them
    found, _ = decide(text)
    assert [text[d.start : d.end] for d in found] == ["Pas d'objection."]
