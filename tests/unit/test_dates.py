"""Dates and clock times as minutes print them: candidates found by our patterns, read by dateparser."""

from __future__ import annotations

import pytest

from pvparse.extract.dates import find_dates, parse_date
from pvparse.extract.numwords import parse_number_words
from pvparse.extract.times import find_times, parse_clock


@pytest.mark.parametrize(
    ("text", "printed", "iso"),
    [
        ("s'est tenue jeudi 7 juillet 2022 à 14h", "jeudi 7 juillet 2022", "2022-07-07"),
        ("PROCÈS VERBAL DE L'AG - 7 JUILLET 2022", "7 JUILLET 2022", "2022-07-07"),
        ("Fait le 08/07/2022, à Paris.", "08/07/2022", "2022-07-08"),
        ("Cenon le 11/11/23", "11/11/23", "2023-11-11"),
        ("date: 2020-10-13T09:12:40.118Z", "2020-10-13", "2020-10-13"),
        ("## Décembre 2020", "Décembre 2020", "2020-12"),
        ("s'est tenue en décembre 2020, en visio", "décembre 2020", "2020-12"),
        ("Vu la loi du 1er juillet 1901", "1er juillet 1901", "1901-07-01"),
        ("le 1^er^ mars 2020", "1^er^ mars 2020", "2020-03-01"),
        ("sept. 2020", "sept. 2020", "2020-09"),
        ("DU JEUDI 3 MARS 2011", "JEUDI 3 MARS 2011", "2011-03-03"),
        (
            "L'an deux mil dix, le trois mars, à dix-neuf heures",
            "L'an deux mil dix, le trois mars",
            "2010-03-03",
        ),
        ("L'an deux mil onze, le trois mars", "L'an deux mil onze, le trois mars", "2011-03-03"),
        (
            "Le samedi dix-huit mars deux mille vingt-trois, à dix heures",
            "samedi dix-huit mars deux mille vingt-trois",
            "2023-03-18",
        ),
        ("le vingt et un juin deux mille un", "vingt et un juin deux mille un", "2001-06-21"),
        ("le 7/7/2022", "7/7/2022", "2022-07-07"),
        ("le 07.07.22", "07.07.22", "2022-07-07"),
    ],
)
def test_dates_found_and_read(text: str, printed: str, iso: str) -> None:
    found = find_dates(text)
    assert len(found) == 1
    d = found[0]
    assert (d.text, d.iso) == (printed, iso)
    assert text[d.start : d.end] == printed


@pytest.mark.parametrize(
    "text",
    [
        "Candidatures pour les résidences 2022-2023",
        "Tél. : 01 23 45 67 89",
        "Tél. : 01.23.45.67.89",
        "Délibération 2011/042 – Tarifs",
        "version 1.2.10 du logiciel",
        "sept membres en mars",
        "en mars, le bureau",
        "Solde disponible au 31/05 : 27 340 €",
        "14h05-14h15 : INTRODUCTION",
        "À Bordeaux, le $date$",
        "L'an dernier, le bureau",
        "Budget 2021 : 45 000 €",
    ],
)
def test_not_dates(text: str) -> None:
    assert find_dates(text) == []


@pytest.mark.parametrize(
    ("text", "month", "day"),
    [("Prochaine réunion le 20 janvier à 18h00", 1, 20), ("dûment convoqué le vingt-cinq février", 2, 25)],
)
def test_dates_without_year_have_no_iso_value(text: str, month: int, day: int) -> None:
    (d,) = find_dates(text)
    assert (d.parsed, d.year, d.month, d.day, d.iso) == (True, None, month, day, None)


@pytest.mark.parametrize("text", ["le 31 février 2021", "le 30/02/2021", "le 31/04/2020"])
def test_impossible_dates_are_found_but_not_parsed(text: str) -> None:
    (d,) = find_dates(text)
    assert d.parsed is False
    assert d.iso is None


def test_offsets_are_shifted() -> None:
    (d,) = find_dates("au 07/07/2022", offset=100)
    assert (d.start, d.end) == (103, 113)


@pytest.mark.parametrize(
    ("text", "iso"),
    [("Décembre 2020", "2020-12"), ("11/11/23", "2023-11-11"), ("rien", None), ("2021-2022", None)],
)
def test_parse_date(text: str, iso: str | None) -> None:
    assert parse_date(text) == iso


@pytest.mark.parametrize(
    ("words", "value"),
    [
        ("dix-neuf", 19),
        ("quarante-cinq", 45),
        ("vingt et un", 21),
        ("soixante-dix", 70),
        ("quatre-vingt-dix-neuf", 99),
        ("deux mil onze", 2011),
        ("deux mille vingt-trois", 2023),
        ("mil neuf cent quatre-vingt-dix-neuf", 1999),
        ("premier", 1),
        ("dix-neuf heures", None),
        ("bonjour", None),
    ],
)
def test_number_words(words: str, value: int | None) -> None:
    assert parse_number_words(words) == value


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("14h", "14:00"),
        ("14 h 30", "14:30"),
        ("18:52", "18:52"),
        ("9h05", "09:05"),
        ("16 heures", "16:00"),
        ("19 heures 30", "19:30"),
        ("dix-neuf heures quarante-cinq", "19:45"),
        ("vingt-deux heures dix", "22:10"),
        ("dix-sept heures trente", "17:30"),
        ("dix heures et quart", "10:15"),
        ("midi", "12:00"),
        ("trente-sept heures", None),
        ("quinze", None),
        ("bonjour", None),
    ],
)
def test_parse_clock(text: str, value: str | None) -> None:
    assert parse_clock(text) == value


@pytest.mark.parametrize(
    ("text", "found"),
    [
        (
            "le trois mars, à dix-neuf heures quarante-cinq, le Conseil",
            [("dix-neuf heures quarante-cinq", "19:45")],
        ),
        ("la séance est levée à vingt-deux heures dix.", [("vingt-deux heures dix", "22:10")]),
        ("de 14 h 30 à 17 h 15", [("14 h 30", "14:30"), ("17 h 15", "17:15")]),
        ("*20h05, ouverture de la séance*", [("20h05", "20:05")]),
        ("Budget 2021 : 45 000 €", []),
        ("Résultat : + 4550€", []),
        ("page 14, article 3", []),
    ],
)
def test_find_times(text: str, found: list[tuple[str, str]]) -> None:
    got = find_times(text)
    assert [(t.text, t.value) for t in got] == found
    assert all(text[t.start : t.end] == t.text for t in got)
