"""Meeting facts: kind, body, date, times, place, mode, chair, secretary, attendance, signature.

Expectations are written inline: `<date>7 juillet 2022</date>` marks where the fact is printed.
"""

from __future__ import annotations

import re

import pytest

from pvparse.extract.drafts import MeetingDraft, Mention
from pvparse.extract.meeting import extract_meeting
from pvparse.extract.meeting_doc import kind_in
from pvparse.lines import split_lines
from pvparse.segment import Heading, find_front_matter

_TAG_RE = re.compile(r"<(?P<tag>\w+)>(?P<text>.*?)</(?P=tag)>", re.DOTALL)


def unmark(marked: str) -> tuple[str, dict[str, tuple[str, int, int]]]:
    """`<chair>Paul Roux</chair>` → plain text and {"chair": ("Paul Roux", start, end)}."""
    out, spans, pos, length = [], {}, 0, 0
    for m in _TAG_RE.finditer(marked):
        chunk = marked[pos : m.start()]
        out.append(chunk)
        length += len(chunk)
        spans[m.group("tag")] = (m.group("text"), length, length + len(m.group("text")))
        out.append(m.group("text"))
        length += len(m.group("text"))
        pos = m.end()
    out.append(marked[pos:])
    return "".join(out), spans


def meeting_of(text: str, *, titled: bool = False) -> MeetingDraft:
    """The meeting facts of `text`; `titled`: its first non-blank line is the document's title heading."""
    lines = split_lines(text)
    title = None
    if titled:
        ln = next(x for x in lines if not x.blank)
        s = len(ln.text) - len(ln.text.lstrip("# "))
        title = Heading(
            ln.index, ln.index, 1, ln.text[s:], ln.start + s, ln.end, ln.start, ln.end, style="atx"
        )
    return extract_meeting(lines, front_matter=find_front_matter(lines), title=title, lists=[], analysis={})


def span_of(text: str, m: Mention | None) -> tuple[str, int, int] | None:
    if m is None:
        return None
    assert text[m.start : m.end] == m.text
    return (m.text, m.start, m.end)


# --- kind ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("PROCÈS VERBAL DE L'ASSEMBLÉE GÉNÉRALE DE LA 27^e RÉGION - 7 JUILLET 2022", "general_assembly"),
        (
            "Compte rendu de l'assemblée générale extraordinaire du 10 juin 2017",
            "extraordinary_general_assembly",
        ),
        ("Procès-verbal de l'AGE du 3 mai", "extraordinary_general_assembly"),
        ("Compte rendu de l'assemblée constitutive de l'association X", "constitutive_assembly"),
        ("Assemblée générale constitutive", "constitutive_assembly"),
        ("Les notes prises pendant l'AG, avec le détail des présents", "general_assembly"),
        ("Compte rendu point CD ASPV", "board"),
        ("Conseil d'administration du 13 octobre 2020", "board"),
        ("CR du CA du 8 octobre 2019", "board"),
        ("Réunion du conseil collégial — Le Grenier à Sons", "board"),
        ("Comité directeur du 4 mai", "board"),
        ("Réseau X — Compte rendu du bureau élargi", "bureau"),
        ("PROCÈS-VERBAL DE LA SÉANCE DU CONSEIL MUNICIPAL", "municipal_council"),
        ("Commission des finances", "committee"),
        ("Rapport moral", None),
        ("Notes diverses", None),
        ("Le CAC 40 a baissé", None),
    ],
)
def test_kind_in(text: str, kind: str | None) -> None:
    got = kind_in(text)
    assert (got[0] if got else None) == kind


def test_kind_from_title_before_opening() -> None:
    m = meeting_of(
        "# Conseil d'administration du 3 mai 2021\n\nL'assemblée générale a validé le budget.\n", titled=True
    )
    assert m.kind == "board"


# --- date ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("marked", "iso", "titled"),
    [
        ("# Assemblée Générale du <date>03/11/2019</date>\n\nTexte.\n", "2019-11-03", True),
        (
            "L'assemblée générale annuelle s'est tenue <date>jeudi 7 juillet 2022</date> à 14h.\n",
            "2022-07-07",
            False,
        ),
        ("**Date :** <date>13 octobre 2020</date> à 18h30\n", "2020-10-13", False),
        ("# Compte rendu point CD\n\n## <date>Décembre 2020</date>\n\n**Début : 18h00**\n", "2020-12", True),
        (
            "<date>L'an deux mil dix, le trois mars</date>, à dix-neuf heures quarante-cinq, "
            "le Conseil municipal "
            "s'est réuni.\n",
            "2010-03-03",
            False,
        ),
        (
            "---\ntitle: Conseil d'administration du <date>13 octobre 2020</date>\n---\n\nTexte.\n",
            "2020-10-13",
            False,
        ),
        (
            '---\ntitle: "Assemblée constitutive"\n'
            'subtitle: "A la forge, Cenon le <date>11/11/23</date>"\n'
            "---\n\nTexte.\n",
            "2023-11-11",
            False,
        ),
        (
            "---\ntitle: Réunion\ndate: <date>2023-03-18</date>\n---\n\nTexte sans date.\n",
            "2023-03-18",
            False,
        ),
        (
            "COMPTE RENDU DE LA RÉUNION DU <date>JEUDI 12 AVRIL 2018</date>\n\nApprobation du "
            "compte rendu du "
            "8 février 2018.\n",
            "2018-04-12",
            False,
        ),
    ],
)
def test_meeting_date(marked: str, iso: str, titled: bool) -> None:
    text, spans = unmark(marked)
    m = meeting_of(text, titled=titled)
    assert m.date == iso
    assert m.date_span == spans["date"][1:]


@pytest.mark.parametrize(
    "text",
    [
        # each sentence introduces a meeting: without the rule its date would be taken
        "Le bureau s'est réuni ; la prochaine réunion aura lieu le 20 janvier 2021 à 18h00.\n",
        "Le bureau s'est réuni. Le compte rendu a été fait le 08/07/2022, à Paris.\n",
        "Compte rendu du bureau\n\nApprobation du procès-verbal de la séance du 27 janvier 2011.\n",
        "La réunion du bureau, convoquée le 3 mars 2020, n'a pas pu se tenir.\n",
        "47 participants étaient à la réunion du bureau, sur un total de 40 adhérents au 07/07/2022.\n",
        "Réunion du bureau : bilan 2021-2022.\n",
        "Réunion du bureau. Contact : 01 23 45 67 89.\n",
    ],
)
def test_not_the_meeting_date(text: str) -> None:
    assert meeting_of(text).date is None


def test_unparsed_date_is_a_finding() -> None:
    text = "Réunion du bureau du 31 février 2021.\n"
    m = meeting_of(text)
    assert m.date is None
    (f,) = m.findings
    assert f.code == "unparsed_date"
    assert text[f.start : f.end] == "31 février 2021"


# --- times --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("L'assemblée générale s'est tenue jeudi 7 juillet 2022 à 14h en visioconférence.\n", "14:00", None),
        ("**Date :** 13 octobre 2020 à 18h30\n", "18:30", None),
        ("## Décembre 2020\n\n**Début : 18h00**\n\nTexte.\n\n**Fin : 18h43**\n", "18:00", "18:43"),
        (
            "Réunion du conseil.\n\n*20h05, ouverture de la séance*\n\nFin de la séance : 22h10\n",
            "20:05",
            "22:10",
        ),
        (
            "L'an deux mil onze, le trois mars, à dix-neuf heures quarante-cinq, le Conseil "
            "municipal s'est réuni.\n\n"
            "La séance est levée à vingt-deux heures dix.\n",
            "19:45",
            "22:10",
        ),
        (
            "Assemblée générale du 14 mars 2023\n\n18:52 - 14 mars 2023 - Début de "
            "l'assemblée générale\n\n"
            "L'association se réunit le mardi 14 mars 2023 à 19h.\n\n20:40 - Fin de "
            "l'assemblée générale\n",
            "18:52",
            "20:40",
        ),
        (
            "La séance est ouverte à 18 h 30 par le Président.\n\nLa séance est levée à 20 h 45.\n",
            "18:30",
            "20:45",
        ),
        ("Réunion au local, 12 rue des Tanneurs, de 19h30 à 21h45.\n", "19:30", "21:45"),
        (
            "Samedi 6 avril 2019, de 14 h 30 à 17 h 15, salle polyvalente\n\nLa présidente "
            "ouvre la séance à 14 h 40.\n",
            "14:40",
            "17:15",
        ),
        ("## 14 h 05 – 14 h 15 : Ouverture\n\nTour de table.\n", "14:05", None),
        ("Le président lève la séance à dix-sept heures trente.\n", None, "17:30"),
        ("La réunion commence à 18h.\n\nClôture de la séance à 22h.\n", "18:00", "22:00"),
        ("La réunion débute à 18 h 15.\n\nLa réunion se termine à 21h30.\n", "18:15", "21:30"),
        ("L'ordre du jour étant épuisé, la séance est levée à 12h.\n", None, "12:00"),
    ],
)
def test_start_and_end_times(text: str, start: str | None, end: str | None) -> None:
    m = meeting_of(text)
    assert (m.start_time, m.end_time) == (start, end)


@pytest.mark.parametrize(
    "text",
    [
        "Assemblée générale.\n\n14h05-14h15 : INTRODUCTION\n\nTexte.\n",  # a section's time range
        "Réunion du bureau.\n\nProchaine réunion le 20 janvier à 18h00.\n",
        "Réunion du bureau.\n\nLa séance est suspendue à 21h.\n",
        "Réunion du bureau.\n\n**Durée de la réunion :** 1h45\n",
        "Réunion du bureau.\n\nLe train part à 14h.\n",
    ],
)
def test_no_meeting_time(text: str) -> None:
    m = meeting_of(text)
    assert (m.start_time, m.end_time) == (None, None)


# --- place and mode -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "place"),
    [
        (
            "Le Conseil municipal s'est réuni en séance publique à la mairie, salle du "
            "conseil, sous la présidence "
            "de M. Paul ROUX, Maire.\n",
            "la mairie, salle du conseil",
        ),
        ("Réunion au local, 12 rue des Tanneurs, de 19h30 à 21h45.\n", "local, 12 rue des Tanneurs"),
        (
            "Les membres se sont réunis au théâtre de la Parcheminerie à Rennes, sur "
            "convocation du président.\n",
            "théâtre de la Parcheminerie à Rennes",
        ),
        ("Après une dure journée, nous revoilà à la Grangeraie. Tout le monde est là.\n", "la Grangeraie"),
        (
            '---\ntitle: AG\nsubtitle: "A la forge, Cenon le 11/11/23"\n---\n\nTexte.\n',
            "la forge, Cenon",
        ),
        (
            '---\ntitle: AG\nlieu: "Maison des associations, Montclair"\n---\n\nTexte.\n',
            "Maison des associations, Montclair",
        ),
        (
            "Samedi 6 avril 2019, de 14 h 30 à 17 h 15, salle polyvalente de Kervignac\n",
            "salle polyvalente de Kervignac",
        ),
        (
            "COMPTE RENDU DE LA RÉUNION DU JEUDI 12 AVRIL 2018\nSiège de l'Union, 14 rue "
            "Émile-Zola, Liévin\n",
            "Siège de l'Union, 14 rue Émile-Zola, Liévin",
        ),
        ("L'assemblée s'est tenue jeudi 7 juillet 2022 à 14h en visioconférence et en présentiel.\n", None),
        (":Lieu: visioconférence (Jitsi), en raison du confinement\n", None),
        (
            "Le Conseil Municipal s'est réuni au nombre prescrit par la loi, dans la salle des mariages, "
            "sous la présidence du Maire.\n",
            "la salle des mariages",
        ),
        (
            "Le Conseil Municipal s'est réuni au nombre prescrit par la loi, "
            "dans le lieu habituel de ses séances.\n",
            None,
        ),
        ("Le bureau s'est réuni à 18h30.\n", None),
    ],
)
def test_place(text: str, place: str | None) -> None:
    assert meeting_of(text).place == place


@pytest.mark.parametrize(
    ("text", "mode"),
    [
        (
            "L'assemblée générale s'est tenue le 7 juillet 2022 à 14h en visioconférence et en présentiel.\n",
            "hybrid",
        ),
        ("L'assemblée s'est tenue en décembre 2020, exclusivement\nen visioconférence.\n", "remote"),
        ("La réunion s'est tenue en présentiel.\n", "in_person"),
        ("Les membres qui ne sont pas sur place nous rejoignent sur Zoom !\n", "hybrid"),
        (
            "Lundi 14 juin 2021, Dijon, Maison régionale de l'innovation (et en ligne pour "
            "deux participants)\n",
            "hybrid",
        ),
        ("Réorganisation des teams sur GitHub.\n", None),
        ("La mise en ligne du site est prévue.\n", None),
        ("- [https://bbb.example.org/b/abc](https://bbb.example.org/b/abc)\n", None),
        ("Le bureau a voté le budget.\n", None),
    ],
)
def test_mode(text: str, mode: str | None) -> None:
    assert meeting_of(text).mode == mode


def test_mode_is_read_in_the_opening_only() -> None:
    body = "".join(f"Paragraphe {i} du compte rendu.\n\n" for i in range(20))
    m = meeting_of("Réunion du bureau.\n\n" + body + "La conférence a repris en présentiel.\n")
    assert m.mode is None


# --- chair and secretary ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "marked",
    [
        "L'assemblée générale est présidée par Monsieur <chair>Jean-Marie Bergère</chair>, en sa qualité de "
        "co-représentant légal.\n",
        "Le Conseil s'est réuni sous la présidence de M. <chair>Bernard LECLERC</chair>, Maire.\n",
        "- Président de séance : <chair>Frédéric Lanvin</chair>\n- Secrétaire de séance : "
        "<secretary>Grégoire Lemoine</secretary>\n",
        "<chair>Luc Berthelot</chair> (Président) préside l'assemblée.\n\n<secretary>Marcel "
        "Quintin</secretary> "
        "(vice-secrétaire) rédige ce rapport.\n",
        "Secrétaire de séance : Mme <secretary>Sylvie MARCHAL</secretary>.\n",
        "# Secrétaire de séance #\n\n<secretary>Noémie PRAT</secretary> est désignée "
        "secrétaire de séance.\n",
        "Texte.\n\n**Prise de notes** : <secretary>Marie</secretary>\n**Relecture** : Quentin\n",
        "## Nomination\n\n- Animation : <chair>Thierry Vallon</chair>\n- Secrétaire : "
        "<secretary>Mathieu Roussel</secretary>\n",
        "Animation : <chair>Sandrine</chair> — Prise de notes : <secretary>Élise</secretary>\n",
        "Elle est présidée par <chair>Sébastien Fabre</chair>, président du club. <secretary>Damien Lacombe"
        "</secretary> est\nsecrétaire de séance.\n",
        "Ouverture de la séance à 20 h 35 par le président, <chair>Jean Martin</chair>.\n",
        "L'assemblée est présidée par M. <chair>Jean-Luc FAVRE</chair>, président du club. Mme "
        "<secretary>Nathalie "
        "GUÉGUEN</secretary>, secrétaire du club, assure le secrétariat de séance.\n",
    ],
)
def test_chair_and_secretary(marked: str) -> None:
    text, spans = unmark(marked)
    m = meeting_of(text)
    assert span_of(text, m.chair) == spans.get("chair")
    assert span_of(text, m.secretary) == spans.get("secretary")


@pytest.mark.parametrize(
    "text",
    [
        "La séance est présidée par le Maire.\n",
        # a workshop's moderator: no secretary named beside
        "Animateur : Olivier Tran\n\nTour de table des membres.\n",
        "Réunion.\n\n"
        + "".join(f"Point {i}.\n\n" for i in range(30))
        + "Bureau 2008\n\nSecrétaire: Jean Dupont\n",
        "Le président du club a remercié les bénévoles.\n",
    ],
)
def test_no_chair_or_secretary(text: str) -> None:
    m = meeting_of(text)
    assert (m.chair, m.secretary) == (None, None)


# --- organisation -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("marked", "titled"),
    [
        (
            "# Assemblée générale de l'association <org>Forum Agile Ouest</org> du 14 mars 2023\n\nTexte.\n",
            True,
        ),
        (
            "PROCÈS VERBAL DE L'ASSEMBLÉE GÉNÉRALE DE LA 27^e RÉGION - 7 JUILLET "
            "2022\n\nL'assemblée générale "
            "annuelle de la <org>27^e Région</org> s'est tenue jeudi 7 juillet 2022 à 14h.\n",
            True,
        ),
        (
            "L'an deux mil onze, le trois mars, le Conseil municipal de la <org>commune de "
            "Villers-sur-Aulne</org>, "
            "dûment convoqué, s'est réuni.\n",
            False,
        ),
        ("# Compte rendu point CD <org>AFPy</org>\n\nTexte.\n", True),
        ("# <org>Réseau Campagnes Actives (RCA)</org> — Compte rendu du bureau élargi\n\nTexte.\n", True),
        ("# Assemblée constitutive de l'association « <org>Les Jardins du Coteau</org> »\n\nTexte.\n", True),
        (
            "# CR du conseil d'administration du 8 octobre 2019\n\nAssociation **<org>Roue "
            "Libre</org>** — atelier "
            "de réparation de vélos.\n",
            True,
        ),
        (":Association: <org>Échiquier Lotois</org> (club d'échecs de Cahors)\n", False),
        ("<org>UNION DES CENTRES SOCIAUX DU BASSIN MINIER (UCSBM)</org>\nCommission des finances\n", False),
        (
            "Rapport moral.\n\nLe budget de l'association <org>Forum Agile Ouest</org> comprend 83 k€ de revenus. "
            "L'association RMC aussi. Cap Ouest remercie.\n",
            False,
        ),
    ],
)
def test_organization(marked: str, titled: bool) -> None:
    text, spans = unmark(marked)
    assert span_of(text, meeting_of(text, titled=titled).organization) == spans["org"]


@pytest.mark.parametrize(
    ("text", "titled"),
    [
        ("# Conseil d'administration du 13 octobre 2020\n\nTexte.\n", True),
        ("# Assemblée générale Noel 2024\n\nTexte.\n", True),
        ("Élection du conseil d'administration de l'association des parents d'élèves.\n", False),
        ("Le bureau de l'association a voté.\n", False),
    ],
)
def test_no_organization(text: str, titled: bool) -> None:
    assert meeting_of(text, titled=titled).organization is None


# --- attendance ---------------------------------------------------------------------------------

AG_ATTENDANCE = (
    "47 participants étaient présents, dont 21 membres adhérents sur un total de 40 adhérents au 07/07/2022 "
    "(28 personnes morales et 12 adhésions individuelles). Conformément aux conditions de quorum mentionnées "
    "dans les statuts, l'assemblée générale peut donc valablement délibérer.\n"
)


@pytest.mark.parametrize(
    ("text", "present", "members", "represented", "total", "quorum"),
    [
        (AG_ATTENDANCE, 47, 21, None, 40, True),
        (
            "Nombre de conseillers en exercice : 19 — Présents : 14 — Votants : 16\n\nLe "
            "quorum étant atteint, "
            "M. le Maire ouvre la séance.\n",
            14,
            None,
            2,
            19,
            True,
        ),
        (
            "+ présent : 15\n\n  - Perrin Agathe\n\n+ Pouvoir : 3\n\n  - Fournel Pierre\n",
            15,
            None,
            3,
            None,
            None,
        ),
        (
            "## Nombre de membres de l'assemblée générale constitutive\n\n* 7 membres\n\n## "
            "Nombre de présents ##\n\n"
            "* 7 membres\n",
            7,
            7,
            None,
            7,
            None,
        ),
        ("Membres connectés : 17 sur 43 licenciés adultes à jour de cotisation.\n", 17, 17, None, 43, None),
        (
            "L'association compte 37 adhérentes et adhérents à jour de leur cotisation.\n",
            None,
            None,
            None,
            37,
            None,
        ),
        (
            "Sur 131 membres ayant voix délibérative, 45 sont présents et 12 représentés, soit 57 votants.\n",
            45,
            None,
            12,
            131,
            None,
        ),
        (
            "Membres à jour de cotisation : 48\nMembres présents : 24\nMembres représentés : "
            "5\nTotal des votants : 29\n",
            24,
            24,
            5,
            48,
            None,
        ),
        ("La séance est ouverte, le quorum est atteint (8 membres sur 9).\n", 8, 8, None, 9, True),
        ("Nombre de conseillers : en exercice : 15 - présents : 12 - votants : 14\n", 12, None, 2, 15, None),
        (
            "Étaient présents : 12 membres sur 20.\nNombre de présents ou représentés : 18\n",
            12,
            12,
            6,
            20,
            None,
        ),
        (
            "Feuille de présence : 56 membres présents, 14 représentés, sur 120 membres inscrits.\n",
            56,
            None,
            14,
            120,
            None,
        ),
        ("L'assemblée s'est déroulée en présence de 34 adhérents.\n", 34, None, None, None, None),
        ("Le quorum n'est pas atteint ; l'assemblée est reportée.\n", None, None, None, None, False),
        ("Faute de quorum, la réunion n'a pas eu lieu.\n", None, None, None, None, False),
        (
            "L'assemblée ne peut délibérer que si la moitié des membres sont présents.\n",
            None,
            None,
            None,
            None,
            None,
        ),
        (
            "Pierre présente la situation au 30 septembre : 4 870 € sur le compte.\n",
            None,
            None,
            None,
            None,
            None,
        ),
        ("Pour : 12 — Contre : 2 — Abstentions : 2\n", None, None, None, None, None),
        ("Excusés : 3\n", None, None, None, None, None),
    ],
)
def test_attendance(text: str, present, members, represented, total, quorum) -> None:  # type: ignore[no-untyped-def]
    m = meeting_of(text)
    assert (m.present_count, m.members_present, m.members_represented, m.members_total, m.quorum_reached) == (
        present,
        members,
        represented,
        total,
        quorum,
    )


def test_attendance_breakdown_and_span() -> None:
    m = meeting_of(AG_ATTENDANCE)
    assert m.breakdown == (("personnes morales", 28), ("adhésions individuelles", 12))
    assert m.attendance_span is not None
    s, e = m.attendance_span
    assert AG_ATTENDANCE[s:e].startswith("47 participants") and AG_ATTENDANCE[s:e].endswith("délibérer")


# --- signature ----------------------------------------------------------------------------------

BODY = "Compte rendu.\n\nLe budget est adopté.\n\n"


@pytest.mark.parametrize(
    ("marked", "date", "place", "signatories"),
    [
        (
            BODY
            + "La séance est levée à 16h40\n\nFait le 08/07/2022, à Paris.\n\n<s1>Jean- Marie BERGÈRE</s1>\n"
            "<r1>Co-représentant légal</r1>\n\n\n\n<s2>Frédérique "
            "PALLEZ</s2>\n<r2>Co-représentante légale</r2>\n",
            "2022-07-08",
            "Paris",
            2,
        ),
        (
            BODY + "<r1>Le Maire</r1>,                                   <r2>La secrétaire de séance</r2>,\n"
            "<s1>Bernard LECLERC</s1>                             <s2>Sylvie MARCHAL</s2>\n",
            None,
            None,
            2,
        ),
        (
            BODY + "Fait à Montclair-sur-Orne, le 18 mars 2023.\n\n<r1>La présidente de séance</r1>, "
            "<s1>Josiane Carré</s1> — <r2>Le secrétaire de séance</r2>, <s2>Malik Haddad</s2>\n",
            "2023-03-18",
            "Montclair-sur-Orne",
            2,
        ),
        (
            BODY + "À Bordeaux, le $date$\n\n---------------------- ---------------------\n"
            "<s1>Mathieu ROCHAS</s1>                     <s2>Noémie PRAT</s2>\n"
            "---------------------- ---------------------\n",
            None,
            "Bordeaux",
            2,
        ),
        (
            BODY + "| <r1>Le Président</r1> | <r2>La Secrétaire</r2> |\n|---|---|\n| <s1>Paul Roux</s1> | "
            "<s2>Anne Petit</s2> |\n",
            None,
            None,
            2,
        ),
        (BODY + "<r1>Le président de séance</r1> : <s1>Bruno Perrot</s1>\n", None, None, 1),
    ],
)
def test_signature(marked: str, date: str | None, place: str | None, signatories: int) -> None:
    text, spans = unmark(marked)
    m = meeting_of(text)
    assert (m.signature_date, m.signature_place) == (date, place)
    assert len(m.signatories) == signatories
    for k, sg in enumerate(m.signatories, start=1):
        assert span_of(text, sg.person) == spans[f"s{k}"]
        assert sg.role == (spans[f"r{k}"][0] if f"r{k}" in spans else None)
        assert sg.start <= sg.person.start and sg.person.end <= sg.end


@pytest.mark.parametrize(
    "text",
    [
        BODY + "**Prise de notes** : Marie\n**Relecture** : Quentin\n",
        BODY + "Merci à tous pour cette belle soirée.\n",
        BODY + "Paul Roux et Anne Petit présentent le budget.\n",
        BODY + "Fait le point sur les comptes avec le trésorier.\n",
    ],
)
def test_no_signature(text: str) -> None:
    m = meeting_of(text)
    assert (m.signature_date, m.signature_place, m.signatories) == (None, None, ())


def test_signatory_president_chairs_when_no_one_else_is_named() -> None:
    m = meeting_of(BODY + "Le Président de la commission,\nMichel Garnier\n")
    assert m.chair is not None and m.chair.text == "Michel Garnier"


def test_the_signature_date_is_not_the_meeting_date() -> None:
    m = meeting_of("Réunion du bureau du 3 mars 2020.\n\nTexte.\n\nFait le 5 mars 2020, à Lyon.\n")
    assert (m.date, m.signature_date, m.signature_place) == ("2020-03-03", "2020-03-05", "Lyon")


# --- the 2022 minutes ---------------------------------------------------------------------------


def test_ag2022_meeting_facts(ag2022_text: str) -> None:
    text = ag2022_text
    m = meeting_of(text, titled=True)
    assert text[m.date_span[0] : m.date_span[1]] == "7 JUILLET 2022"  # type: ignore[index]
    assert (m.kind, m.date, m.start_time, m.end_time, m.mode) == (
        "general_assembly",
        "2022-07-07",
        "14:00",
        "16:40",
        "hybrid",
    )
    assert span_of(text, m.organization)[0] == "27^e Région"  # type: ignore[index]
    assert span_of(text, m.chair)[0] == "Jean-Marie Bergère"  # type: ignore[index]
    assert m.secretary is None
    assert (m.present_count, m.members_present, m.members_total, m.members_represented) == (47, 21, 40, None)
    assert m.breakdown == (("personnes morales", 28), ("adhésions individuelles", 12))
    assert m.quorum_reached is True
    assert (m.signature_date, m.signature_place) == ("2022-07-08", "Paris")
    assert [(span_of(text, s.person)[0], s.role) for s in m.signatories] == [  # type: ignore[index]
        ("Jean- Marie BERGÈRE", "Co-représentant légal"),
        ("Frédérique PALLEZ", "Co-représentante légale"),
    ]
    assert m.place is None  # the minutes state only where they were signed, not where the meeting was held
    assert m.findings == ()
    lines = text.split("\n")
    stated = [lines[i] for i in m.lines]
    assert any(x.startswith("L'assemblée générale annuelle") for x in stated)
    assert any(x.startswith("47 participants") for x in stated)
    assert any(x.startswith("La séance est levée") for x in stated)
    assert not any(x.startswith("14h05-14h15") for x in stated)


def test_ag2022_meeting_in_the_output(ag2022_doc) -> None:  # type: ignore[no-untyped-def]
    doc = ag2022_doc
    persons = {p.id: p.name for p in doc.persons}
    orgs = {o.id: o for o in doc.organizations}
    m = doc.meeting
    assert persons[m.chair] == "Jean-Marie Bergère"
    assert [(persons[s.person], s.role) for s in m.signature.signatories] == [
        ("Jean-Marie Bergère", "Co-représentant légal"),
        ("Frédérique Pallez", "Co-représentante légale"),
    ]
    body = orgs[m.organization]
    staff = next(lst for lst in doc.lists if lst.kind == "staff")
    assert {e.organization for e in staff.entries} == {
        body.id
    }  # the body holding the meeting employs the staff
