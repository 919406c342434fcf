"""The cheap tests that let the list stages skip work: each must hold wherever the costly test it
stands for can succeed (a line with a cue still goes through), and must rule out lines without one.
"""

from __future__ import annotations

import dataclasses
import itertools
import re
import sys

import pytest

from pvparse.extract import list_entries, lists
from pvparse.extract.list_entries import (
    _cue_run,
    _proxy_cue_re,
    _proxy_re,
    _proxy_search,
    has_proxy,
    header_kind,
    is_caps_line,
    load_lexicon,
    loose_pattern,
    phrase_keys,
    split_top,
)
from pvparse.lines import split_lines
from pvparse.segment import find_headings

# --- proxy phrases --------------------------------------------------------------------------------


def test_proxy_cue_letters_lower_case_onto_themselves() -> None:
    """Every character the case-blind proxy pattern takes for a cue letter lower-cases to a character
    the cue pattern takes for it: the lower-cased text shows the cue wherever the text shows the phrase.
    """
    every_char = "".join(chr(cp) for cp in range(sys.maxunicode + 1) if not 0xD800 <= cp <= 0xDFFF)
    letters = {ch for p in load_lexicon().proxy_phrases for ch in _cue_run(p)}
    assert letters, "no cue"
    for ch in sorted(letters):
        blind = re.compile(loose_pattern(ch), re.IGNORECASE)
        exact = re.compile(loose_pattern(ch))
        for m in blind.finditer(every_char):
            assert exact.fullmatch(m.group().lower()), (ch, m.group())


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Gaëlle Hamon (pouvoir à Bruno Perrot)", True),
        ("Hervé Le Meur, REPRÉSENTÉ PAR Patrice Jaouen", True),
        ("M. Paul Roux donne procuration à Mme Anne Petit", True),
        ("Sylvain Morvan => smorvan", True),
        ("Luc Martin a donné  pouvoir à Léa Roux", True),
        ("Mandat à Paul", True),
        # a cue word with no proxy phrase: the costly pattern runs and says no
        ("Il pouvait donner son avis sur le mandat du bureau.", False),
        ("Nous représentons les habitants", False),
        # no cue at all
        ("La séance est levée à 18 heures.", False),
        ("", False),
    ],
)
def test_has_proxy(text: str, expected: bool) -> None:
    assert has_proxy(text) is expected
    assert (_proxy_cue_re().search(text.lower()) is not None) or not expected


@pytest.mark.parametrize(
    "text",
    [
        "Gaëlle Hamon (pouvoir à Bruno Perrot), Anne Petit => Paul",
        "Anne Petit, représentée par Paul Roux ; Léa Martin donne pouvoir à Luc",
        "  ,( pouvoir à X",
        "sans procuration",
    ],
)
def test_proxy_search_finds_what_the_pattern_finds(text: str) -> None:
    for start in range(len(text) + 1):
        for end in (start, len(text), max(start, len(text) - 3)):
            found = _proxy_search(text, start, end)
            plain = _proxy_re().search(text, start, end)
            assert (found and found.span()) == (plain and plain.span()), (start, end)


def test_proxy_lookahead_keeps_the_matches() -> None:
    """The first-letter lookahead of `_proxy_re` changes no match (the pattern without it as reference)."""
    phrases = sorted(load_lexicon().proxy_phrases, key=len, reverse=True)
    alts = "|".join(loose_pattern(p) for p in phrases)
    reference = re.compile(rf"(?<![\s,(])[\s,(]*(?:{alts})s?[\s:]*", re.IGNORECASE)
    texts = [
        f"Jean Dupont{sep}{p.upper() if i % 2 else p} Paul" for i, p in enumerate(phrases) for sep in " ,("
    ]
    texts += ["Anne, (  représentée par Léa", "rien à signaler", "a  donné pouvoir à", "=>=>->"]
    for t in texts:
        for start in range(len(t)):
            a, b = reference.search(t, start), _proxy_re().search(t, start)
            assert (a and a.span()) == (b and b.span()), (t, start)


# --- header kinds ---------------------------------------------------------------------------------


def _contains(hay: tuple[str, ...], needle: tuple[str, ...]) -> bool:
    n = len(needle)
    return n > 0 and any(hay[i : i + n] == needle for i in range(len(hay) - n + 1))


def _header_kind_by_scan(header: str) -> tuple[str | None, bool, bool, bool, bool]:
    """`header_kind` as a plain scan of every lexicon phrase (the index must agree with it)."""
    lex = load_lexicon()
    keys = phrase_keys(header)
    refused = any(_contains(keys, phrase_keys(p)) for p in lex.not_list_headers)
    agenda = any(_contains(keys, phrase_keys(p)) for p in lex.agenda_words)
    recall = any(_contains(keys, phrase_keys(p)) for p in lex.recall_words)
    best = None
    kind, exact = None, False
    for order, k in enumerate(lex.kinds):
        for h in k.headers:
            phrase = phrase_keys(h)
            if _contains(keys, phrase):
                rank = (phrase != keys, k.priority, -len(phrase), order)
                if best is None or rank < best:
                    best, kind, exact = rank, k.kind, phrase == keys
    return kind, exact, agenda, recall, refused


def _headers() -> list[str]:
    lex = load_lexicon()
    phrases = [h for k in lex.kinds for h in k.headers]
    phrases += lex.not_list_headers + lex.agenda_words + lex.recall_words
    out = list(phrases)
    out += [f"Liste des {p} 2021" for p in phrases]
    out += [f"{a} et {b}" for a, b in zip(phrases, reversed(phrases), strict=True)]
    out += ["Thème 1", "Notre constat", "", "Présents présents", "Rappel AG 2011 (naissance)"]
    return out


def test_header_kind_agrees_with_a_plain_scan() -> None:
    for h in _headers():
        hm = header_kind(h)
        assert (hm.kind, hm.exact, hm.agenda, hm.recall, hm.refused) == _header_kind_by_scan(h), h


# --- layout helpers -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "seps", "spans"),
    [
        ("a, b; c", ",;", [(0, 1), (2, 4), (5, 7)]),
        ("Anne (Ville, Brest), Paul", ",;", [(0, 19), (20, 25)]),
        ('« X, Y », "a, b", [c, d], “e, f”', ",;", [(0, 8), (9, 16), (17, 24), (25, 32)]),
        ("Anne : 15 pour", ":", [(0, 5), (6, 14)]),
        ("(non fermée, a", ",;", [(0, 14)]),
        ("a | b", ",;|", [(0, 2), (3, 5)]),
        ("", ",;", [(0, 0)]),
    ],
)
def test_split_top(text: str, seps: str, spans: list[tuple[int, int]]) -> None:
    assert split_top(text, seps) == spans


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("COLLÈGE DES USAGERS ET DES HABITANTS", True),
        ("COLLÈGE 2 : FONDATEURS", True),
        ("Collège des usagers", False),
        ("COLLÈGE", False),  # one word
        ("AG 2022", False),  # too few letters
        ("CONSEIL D'ADMINISTRATiON", False),
    ],
)
def test_is_caps_line(text: str, expected: bool) -> None:
    assert is_caps_line(text) is expected


@pytest.mark.parametrize(
    ("text", "upto", "count"),
    [("a b c", -1, 3), ("a b c", 1, 2), ("a b c", 2, 3), ("a b c ", 3, 3), ("  ", 2, 0), ("a  b", 1, 2)],
)
def test_words_counts_up_to_a_bound(text: str, upto: int, count: int) -> None:
    assert lists._words(text, upto) == count
    assert (lists._words(text, upto) > upto) == (len(text.split()) > upto) or upto < 0


@pytest.mark.parametrize(
    ("text", "pos", "header"),
    [
        ("Un poste est à pourvoir. Candidate : Capucine Roussel.", 0, "Candidate"),
        ("Un poste est à pourvoir. Candidate : Capucine Roussel.", 24, "Candidate"),
        ("Un poste est à pourvoir. Candidate : Capucine Roussel.", 25, None),  # it starts earlier
        ("Un poste est à pourvoir sans candidat.", 0, None),  # no colon
        ("Candidate : Capucine Roussel.", 0, None),  # no sentence before it
    ],
)
def test_mid_header(text: str, pos: int, header: str | None) -> None:
    m = lists._mid_header(text, pos)
    assert (m.group("h") if m else None) == header


_MARKUP_DOCS = [
    "# Titre\n\nPrésents : A, B\n\n## Bureau\n\n- Présidente : Anne Petit\n",
    "Titre\n=====\n\nSous-titre\n----------\n\ntexte\n",
    "=====\nTitre surligné\n=====\n\n* puce\n* autre puce\n\nLigne\n~~~~~\n",
    "- puce\n---\n\n**Gras**\n\n   # trois espaces\n    # quatre espaces\n",
    "Texte sans titre.\nUne autre ligne : avec deux-points.\n",
]


@pytest.mark.parametrize("text", _MARKUP_DOCS)
@pytest.mark.parametrize("skip", [(), (0,), (1, 2)])
def test_markup_headings_are_those_find_headings_finds(text: str, skip: tuple[int, ...]) -> None:
    lines = split_lines(text)
    expected = {h.line: h for h in find_headings(lines, skip=skip) if h.style in ("atx", "setext")}
    assert lists._markup_headings(lines, skip) == expected


def test_reader_skips_prose_without_parsing(monkeypatch: pytest.MonkeyPatch) -> None:
    """A line too long to be an entry is refused before `parse_entry` reads it."""
    calls: list[str] = []
    real = list_entries.parse_entry

    def counting(text: str, *args: object, **kwargs: object):  # type: ignore[no-untyped-def]
        calls.append(text)
        return real(text, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(lists, "parse_entry", counting)
    prose = "Sandra Dumas :\n\n" + " ".join(["mot"] * 40) + "\n"
    assert lists.find_list_blocks(split_lines(prose)) == []
    assert not any(t.startswith("mot") for t in calls)
    short = "Sandra Dumas :\n\n- Anne Petit\n- Paul Roux\n"
    assert [len(b.entries) for b in lists.find_list_blocks(split_lines(short))] == [2]
    assert "Anne Petit" in calls


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("chargée de mission de la", "chargée de mission"),
        ("directrice des", "directrice"),
        ("chargé de mission de «", "chargé de mission"),
        ("adjoint au maire", "adjoint au maire"),  # "au" inside, not at the end
        ("présidente", "présidente"),
        ("de", "de"),  # nothing before the connector: the pattern wants a space first
    ],
)
def test_trailing_connectors_are_stripped(text: str, expected: str) -> None:
    assert list_entries._strip_trailing_connectors(text) == expected


def test_trailing_connectors_only_in_the_last_characters() -> None:
    # a hostile run of connectors longer than the window: only the window's connectors go
    long_run = "rôle" + " de" * 200
    out = list_entries._strip_trailing_connectors(long_run)
    assert out.startswith("rôle de") and len(long_run) - len(out) <= list_entries._CONNECTOR_TAIL
    short = "rôle" + " de" * 10
    assert list_entries._strip_trailing_connectors(short) == "rôle"


# --- checkboxes and cached shape tests ------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "checked"),
    [
        ("- [x] Paul Roux", True),
        ("- [X] Paul Roux", True),
        ("- [ ] Paul Roux", False),
        ("- Paul Roux [x]", None),  # a bracket after the content is not a checkbox
        ("- Paul Roux", None),
        ("Paul Roux", None),
    ],
)
def test_checkbox_read_only_from_a_lead_with_a_bracket(text: str, checked: bool | None) -> None:
    (line,) = split_lines(text)
    assert lists._content(line).checked is checked


@pytest.mark.parametrize(
    ("text", "lenient", "shape"),
    [
        ("Claire Dumas d'Orval", False, 3),
        ("Mme DUPONT", False, 1),
        ("lemarié bastien", True, 2),
        ("lemarié bastien", False, 0),
        ("Rapport moral", False, 0),
    ],
)
def test_name_shape_answers_the_same_when_asked_again(text: str, lenient: bool, shape: int) -> None:
    """The shape tests keep their answers per string; a second question (and the other flag) gets
    the answer of a fresh computation."""
    list_entries.name_shape.cache_clear()
    assert list_entries.name_shape(text, lenient=lenient) == shape
    assert list_entries.name_shape(text, lenient=lenient) == shape
    assert list_entries.name_shape.__wrapped__(text, lenient=lenient) == shape


# --- cheap tests inside the entry reader ----------------------------------------------------------


def _split_top_by_scan(text: str, seps: str) -> list[tuple[int, int]]:
    """`split_top` as a plain character scan (no regex, no shortcut): the reference."""
    closing = {"(": ")", "[": "]", "«": "»", "“": "”"}
    out, depth, quote, pos = [], [], False, 0
    for i, ch in enumerate(text):
        if ch == '"':
            quote = not quote
        elif quote:
            continue
        elif ch in closing:
            depth.append(closing[ch])
        elif depth and ch == depth[-1]:
            depth.pop()
        elif not depth and ch in seps:
            out.append((pos, i))
            pos = i + 1
    out.append((pos, len(text)))
    return out


@pytest.mark.parametrize("seps", [",;", ":", ",;|"])
@pytest.mark.parametrize(
    "text",
    [
        "Camille Arnodin",  # no separator: one span, without the scan
        "Anne Petit (Ville de Brest)",
        "(non fermée",
        '"a, b"',
        "Anne, Paul ; Léa | Luc : 3",
        "Anne (Brest, Nord), « X; Y », Paul",
        "",
    ],
)
def test_split_top_agrees_with_a_plain_scan(text: str, seps: str) -> None:
    assert split_top(text, seps) == _split_top_by_scan(text, seps)


def test_marker_ends_are_the_lexicon_markers() -> None:
    assert sorted(list_entries._marker_ends()) == sorted(load_lexicon().legend_markers)


@pytest.mark.parametrize(
    ("text", "marker", "head"),
    [
        ("Paul Roux (*)", "(*)", "Paul Roux"),
        ("Paul Roux *", "*", "Paul Roux"),
        ("Paul Roux (nouveau).", "(nouveau)", "Paul Roux"),
        ("**Paul Roux**", None, "Paul Roux"),  # emphasis, not a marker
        ("Paul Roux", None, "Paul Roux"),
        ("Paul Roux (Brest)", None, "Paul Roux"),
    ],
)
def test_entry_markers(text: str, marker: str | None, head: str) -> None:
    e = list_entries.parse_entry(text, 0, "present", lenient=True)
    assert e is not None and (e.marker, e.head.text) == (marker, head)


def test_tail_separator_cue_is_in_every_match() -> None:
    """Every match of `_TAIL_SEP_RE` holds a character of `_TAIL_CUE_RE`: checked on every string of
    up to four characters over the pattern's own characters and a letter."""
    alphabet = [" ", "\t", "-", "–", "—", "=", ">", "→", "a"]
    found = 0
    for n in range(1, 5):
        for chars in itertools.product(alphabet, repeat=n):
            text = "".join(chars)
            for m in list_entries._TAIL_SEP_RE.finditer(text):
                found += 1
                assert list_entries._TAIL_CUE_RE.search(m.group()), text
    assert found > 100


@pytest.mark.parametrize(
    ("text", "head"),
    [
        ("Paul Roux - Ville de Lyon", "Paul Roux"),
        ("Paul Roux => Anne Petit", "Paul Roux"),
        ("Paul Roux → compte rendu", "Paul Roux"),
        ("Jean-Marie Roux", "Jean-Marie Roux"),  # a hyphen inside a name cuts nothing
        ("Paul Roux", "Paul Roux"),  # no cue: the pattern is not tried
    ],
)
def test_entry_head_stops_at_a_tail_separator(text: str, head: str) -> None:
    e = list_entries.parse_entry(text, 0, None, lenient=True)
    assert e is not None and e.head.text == head


@pytest.mark.parametrize(
    ("text", "legend"),
    [
        ("(*) : nouvellement élus", ("(*)", True)),
        ("** : membres fondateurs", ("**", False)),
        ("(n) nouveau membre", ("(n)", True)),
        ("- (*) : nouvellement élus", None),  # bulleted
        ("Paul Roux (*)", None),  # the marker does not open the line
        ("Nouvellement élus (*)", None),
    ],
)
def test_legend_lines(text: str, legend: tuple[str, bool] | None) -> None:
    (line,) = split_lines(text)
    assert lists._legend(lists._content(line)) == legend


def test_legend_pattern_opens_with_a_legend_first_character() -> None:
    texts = ["(*) x", "*** y", "(abc) z", " (*) x", "x (*)", "[*] x", "(*)"]
    for t in texts:
        m = lists._LEGEND_RE.fullmatch(t)
        assert m is None or t.startswith(lists._LEGEND_FIRST), t


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("**Collège 2**", "Collège 2"),
        ("  __Collège des usagers__ :", "Collège des usagers"),
        ("Collège **2**", None),  # the emphasis does not open the line
        ("Collège 2", None),
    ],
)
def test_bold_only(text: str, title: str | None) -> None:
    assert lists._bold_only(text) == title


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("| --- | --- |", True),
        ("|:---|---:|", True),
        ("Nom Prénom", True),
        ("| Nom | Fonction |", True),
        ("Nom Prénom Paul Roux et encore des mots", True),  # the first two cells decide
        ("Paul Roux", False),
        ("-- --", False),  # too short for a rule
        ("Nom", False),
    ],
)
def test_column_legend(text: str, expected: bool) -> None:
    (line,) = split_lines(text)
    assert lists._is_column_legend(lists._content(line)) is expected


def _status_by_split(text: str) -> bool:
    """Does the last top-level piece read as a roll-call status (the test `parse_entry` runs)?"""
    spans = split_top(text)
    return (
        len(spans) > 1
        and list_entries._status_re().match(text[spans[-1][0] : spans[-1][1]].strip()) is not None
    )


@pytest.mark.parametrize(
    "text",
    [
        "Bastien, Présent !",
        "Moreau (VIP),\u00a0ABSENT ? (parti plus tôt, ?)",
        "Léa ;\texcusée",
        "Paul, là",
        "Paul,présente.",
        "Anne (Brest, absente), Paul",  # a status inside brackets is not the last piece
        "Paul Roux, adjoint, Ville de Lyon",
        "Paul Roux présent",  # no separator before it
        "Paul Roux",
    ],
)
def test_status_cue_is_found_wherever_a_status_is(text: str) -> None:
    if _status_by_split(text):
        assert list_entries._status_cue_re().search(text), text
    e = list_entries.parse_entry(text, 0, "present", lenient=True)
    assert e is not None and (e.status is not None) == _status_by_split(text.strip(" .;,"))


def test_status_cue_takes_the_spaces_strip_takes() -> None:
    spaces = "".join(chr(cp) for cp in range(0x3100) if chr(cp).isspace())
    for ch in spaces:
        text = f"Paul,{ch}absent"
        assert _status_by_split(text) and list_entries._status_cue_re().search(text), hex(ord(ch))


@pytest.mark.parametrize(
    ("text", "pieces"),
    [
        ("Paul Roux, paul@roux.fr, adjoint", ["adjoint"]),  # the address piece is left out
        ("Paul Roux, adjoint (Lyon), <paul@roux.fr>", ["adjoint", "Lyon"]),
        ("Paul Roux, adjoint [login], trésorier", ["adjoint", "trésorier"]),  # [login] dropped
        ("Paul Roux, adjoint, trésorier", ["adjoint", "trésorier"]),  # neither: nothing looked for
    ],
)
def test_rest_pieces_with_and_without_addresses_or_brackets(text: str, pieces: list[str]) -> None:
    e = list_entries.parse_entry(text, 0, "board", lenient=True)
    assert e is not None and [p.text for p in e.rest] == pieces


def test_in_group_is_replace() -> None:
    head = list_entries.Piece("Paul Roux", 2, 11)
    e = list_entries.RawEntry(
        "x", 1, 2, head, (head,), head, "absent", "(*)", head, group="Collège", group_new=True
    )
    assert [f.name for f in dataclasses.fields(e)][-2:] == ["group", "group_new"]
    for group, new in (("Collège 2", False), (None, True), (None, False)):
        assert e.in_group(group, new) == dataclasses.replace(e, group=group, group_new=new)


@pytest.mark.parametrize("maxsplit", [0, 1, 2, 5])
@pytest.mark.parametrize("text", ["a, b; c, d", "Anne (Brest, Nord), Paul, « X; Y », Léa, Luc", "a", "(a, b"])
def test_split_top_maxsplit_is_a_prefix_of_the_full_split(text: str, maxsplit: int) -> None:
    full = split_top(text)
    cut = split_top(text, ",;", maxsplit=maxsplit)
    assert len(cut) == min(len(full), maxsplit + 1)
    assert cut[:-1] == full[: len(cut) - 1] and cut[-1] == (full[len(cut) - 1][0], len(text))


_NOT_PROSE = [
    "Présents : Anne Petit, Paul Roux, Léa Martin, Luc Durand, Jean Morel, Zoé Blanc",  # a colon
    "Un poste est à pourvoir depuis mars. Candidate : Capucine Roussel, adhérente.",  # a mid-line header
    "Relevé des membres présents",  # a short line naming a list
    "Trésorière : Anne Petit",
]
_PROSE = [
    "L'assemblée générale est présidée par Anne Petit, en sa qualité de présidente.",
    "Paul Roux donne pouvoir à Anne Petit pour tous les votes de la séance.",  # a proxy run may still start
]


@pytest.mark.parametrize("text", _NOT_PROSE + _PROSE)
def test_prose_lines_open_neither_an_office_run_nor_a_header(text: str) -> None:
    doc = f"{text}\nTrésorier : Paul Roux\n\n- Anne Petit\n- Paul Roux\n"
    lines = lists._Lines(split_lines(doc))
    prose = lists._is_prose(lines.content(0))
    assert prose == (text in _PROSE)
    if prose:
        assert lists._office_run(lines, 0, set()) == ([], 0)
        assert lists._header_line(lines, 0, set()) == ([], 1)


def test_a_proxy_line_of_prose_length_is_still_read() -> None:
    # more than 8 words and no colon (an address after the name is no piece of the entry)
    doc = (
        "Paul Roux <paul.roux@exemple.fr> absent pour la séance du jour donne pouvoir à Anne Petit.\n"
        "Léa Martin donne pouvoir à Luc Durand.\n"
    )
    assert lists._is_prose(lists._Lines(split_lines(doc)).content(0))
    (block,) = lists.find_list_blocks(split_lines(doc))
    assert block.kind == "represented" and len(block.entries) == 2
