"""Shortcuts in the registry that must answer exactly what the long way answers."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pvparse.extract.drafts import Mention
from pvparse.resolve import _CAPS_WORD_RE, Registry, _find_acronyms_in_text, _printed_alone, add_org


@pytest.mark.parametrize(
    ("text", "acr", "printed"),
    [
        ("Puis l'ANR souhaite un bilan.", "ANR", True),
        ("ANR", "ANR", True),
        ("(ANR)", "ANR", True),
        ("L'ANRT finance", "ANR", False),  # inside a longer word
        ("XANR et ANR-2", "ANR", False),  # a letter before, a dash after
        ("ANR&CO signe", "ANR", False),  # "&" keeps the word going: "ANR&CO" is the word
        ("AB&ANR signe", "ANR", False),  # the word "AB&ANR" is stepped over whole
        ("AB&ANRe et ANR.", "ANR", True),  # no word at the first place, one at the second
        ("ABCDEFGHIJKLANR", "ANR", False),  # too long for a word
        ("Anr et anr", "ANR", False),
    ],
)
def test_printed_alone(text: str, acr: str, printed: bool) -> None:
    assert _printed_alone(text, acr) is printed
    assert (acr in _CAPS_WORD_RE.findall(text)) is printed


@settings(max_examples=1500, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            ["A", "N", "R", "ANR", "AN", "ABCDEFGHIJK", "NRNRNR", "É", "7", "&", "-", "e", " ", "'", "\n"]
        ),
        max_size=24,
    ),
    st.sampled_from(["ANR", "AN", "NR", "A&N", "ANR7", "ÉAN"]),
)
def test_printed_alone_answers_like_findall(pieces: list[str], acr: str) -> None:
    text = "".join(pieces)
    assert _printed_alone(text, acr) is (acr in _CAPS_WORD_RE.findall(text))


@pytest.mark.parametrize("times", [1, 40])  # a few places are replayed, many are read by one scan
@pytest.mark.parametrize(("printed", "alias"), [("l'ANR souhaite", True), ("l'ANRT souhaite", False)])
def test_acronym_printed_alone_becomes_an_alias(times: int, printed: str, alias: bool) -> None:
    name = "Agence Nationale de la Recherche"
    text = f"{name}\n" + f"Puis {printed} un bilan.\n" * times
    reg = Registry()
    add_org(reg, Mention(name, 0, len(name)))
    _find_acronyms_in_text(reg, text)
    assert ("ANR" in reg.orgs[0].forms) is alias
