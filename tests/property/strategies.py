"""Hypothesis strategies for minutes-like text: headings, speaker labels, attendance lists, votes,
bullets, blank lines and noisy Unicode (NBSP, RTL, combining marks, emoji, control characters)."""

from __future__ import annotations

from hypothesis import strategies as st

GIVEN = [
    "Jean",
    "Marie",
    "Jean-Marie",
    "Élodie",
    "Anne",
    "Frédéric",
    "Fred",
    "Manon",
    "Brigitte",
    "Luc",
    "Chloé",
]
FAMILY = [
    "Dupont",
    "Bergère",
    "BERGÈRE",
    "Le Gall",
    "d'Ortigue",
    "Martin",
    "Salagnac-Diop",
    "Nguyen",
    "Ø",
    "Lee",
]
CIVILITY = ["", "", "M. ", "Mme ", "Monsieur ", "Madame ", "Dr ", "Me ", "MM. "]
ROLES = ["Le Président", "La Présidente", "M. le Maire", "La secrétaire", "Le trésorier"]
ORGS = [
    "Ville de Grenoble", "Département du Gers", "Institut Paris Région (IPR)", "Association Les Amis",
    "Sciences Po Lyon", "Région Grand Est", "AFD", "Communauté urbaine de Dunkerque",
]  # fmt: skip
WORDS = [
    "le", "budget", "est", "voté", "nous", "proposons", "de", "reporter", "la", "décision", "assemblée",
    "générale", "rapport", "moral", "adopté", "unanimité", "questions", "diverses", "séance", "levée", "à",
    "heures", "projet", "association", "comptes", "l'exercice", "2022", "12", "€", "%", "pour", "contre",
]  # fmt: skip
LIST_HEADERS = [
    "Présents",
    "Présent.es",
    "Excusés",
    "Absents",
    "Pouvoirs",
    "Membres du bureau",
    "Étaient présents",
]
TITLES = [
    "INTRODUCTION",
    "Ordre du jour",
    "Rapport financier",
    "Questions diverses",
    "VOTE DU BUDGET",
    "Élection",
]

# Noise: one code point from categories that break naive parsers. No line breaks here: lines are built
# by the generator, so the line-end properties can switch them reliably.
_ODD_CHARS = [
    "\u00a0", "\u202f", "\u2009", "\t", "\u200b", "\u200e", "\u200f", "\u202e", "\u0301", "\u0327", "\ufeff",
    "\u0000", "\u0001", "\u001b", "\u007f", "😀", "👩‍👩‍👧", "ש", "مرحبا", "中", "ﬁ", "Å", "ǅ", "ß",
    "’", "«", "»",
    "…", "—", "–", "•", ":", " : ", "(", ")", "[", "]", "*", "**", "_", "#", "|", "/", "=>",
]  # fmt: skip
_BREAKS = "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"

noise_char = st.one_of(
    st.sampled_from(_ODD_CHARS),
    st.characters(blacklist_categories=("Cs",), blacklist_characters=_BREAKS),
)
noise = st.lists(noise_char, max_size=6).map("".join)


def _noisy(s: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    """Sometimes put a bit of noise somewhere inside a generated string."""

    @st.composite
    def build(draw: st.DrawFn) -> str:
        text = draw(s)
        if not draw(st.integers(0, 4)):
            at = draw(st.integers(0, len(text)))
            text = text[:at] + draw(noise) + text[at:]
        return text

    return build()


given = st.sampled_from(GIVEN)
family = st.sampled_from(FAMILY)
org = st.sampled_from(ORGS)
full_name = st.builds(lambda c, g, f: f"{c}{g} {f}", st.sampled_from(CIVILITY), given, family)
name = st.one_of(
    full_name, given, st.builds(lambda g, f: f"{f.upper()} {g}", given, family), st.sampled_from(ROLES)
)
sentence = st.lists(st.sampled_from(WORDS), min_size=1, max_size=14).map(
    lambda ws: " ".join(ws).capitalize() + "."
)
clock = st.builds(lambda h, m: f"{h}h{m:02d}", st.integers(0, 25), st.integers(0, 61))


def _heading(kind: int, title: str, n: int, a: str, b: str) -> str:
    return [
        f"# {title}", f"## {n}. {title}", f"{n}. {title.upper()}", f"{a}-{b} : {title.upper()}",
        f"**{title}**", f"{title.upper()}", f"{a} – {b} : {title}", f"Point {n} : {title}",
    ][kind]  # fmt: skip


heading = st.builds(_heading, st.integers(0, 7), st.sampled_from(TITLES), st.integers(1, 12), clock, clock)


def _entry(person: str, organisation: str | None) -> str:
    return f"{person} ({organisation})" if organisation else person


entry = st.builds(_entry, full_name, st.one_of(st.none(), org))
attendance = st.builds(
    lambda h, es, sep: f"{h} : " + sep.join(es),
    st.sampled_from(LIST_HEADERS),
    st.lists(entry, min_size=1, max_size=8),
    st.sampled_from([", ", " ; ", ", et ", ","]),
)
proxy = st.builds(lambda a, b: f"Pouvoir de {a} à {b}", full_name, full_name)
label_line = st.builds(
    lambda n, s, sep: f"{n}{sep}{s}", name, sentence, st.sampled_from([" : ", " :", ": ", " — "])
)
vote = st.one_of(
    st.builds(
        lambda a, b, c, sep: f"Pour : {a}{sep}Contre : {b}{sep}Abstention : {c}",
        st.integers(0, 999), st.integers(0, 999), st.integers(0, 99),
        st.sampled_from([" — ", " - ", ", ", " / "]),
    ),
    st.sampled_from([
        "Adopté à l'unanimité.", "La résolution est adoptée.", "Rejeté par 10 voix contre 3.",
        "Le rapport moral est approuvé à l'unanimité des présents.", "Vote : 12 pour, 2 contre, 1 abstention",
    ]),
)  # fmt: skip
bullet = st.builds(
    lambda b, s: f"{b} {s}",
    st.sampled_from(["-", "*", "•", "–", "1.", "a)", "> -"]),
    st.one_of(sentence, entry),
)
blank = st.sampled_from(["", " ", "\u00a0", "\t"])
meta = st.sampled_from([
    "PROCÈS-VERBAL DE L'ASSEMBLÉE GÉNÉRALE DU 7 JUILLET 2022", "Compte rendu du conseil d'administration",
    "La séance est ouverte à 18h30 sous la présidence de M. Jean Dupont.", "Fait à Lyon, le 3 mars 2021",
    "L'ordre du jour étant épuisé, la séance est levée à 20h.", "Le secrétaire, Marie Martin",
    "Nombre de membres présents : 12 sur 20", "Le quorum est atteint.",
])  # fmt: skip

line = st.one_of(
    _noisy(heading), _noisy(label_line), _noisy(attendance), _noisy(vote), _noisy(bullet), blank, blank,
    _noisy(sentence), meta, proxy, noise,
)  # fmt: skip

# A document: lines joined by "\n" (the line-end properties switch them afterwards).
minutes = st.lists(line, min_size=1, max_size=40).map("\n".join)

# Free Unicode text, line breaks of every kind included.
free_text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=400)
