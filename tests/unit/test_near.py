"""NearIndex: every filed string within the fuzzy ratio of a query is found, so the registry's fuzzy
rules, which score only the strings it returns, decide exactly as when they scored every person."""

from __future__ import annotations

import random

import pytest
from rapidfuzz import fuzz

from pvparse.near import NearIndex

NAMES = ["anne dubreuil", "paul moreau", "jean-paul moreau", "lina bastide", "anouk lefevre", "", "li wu"]


@pytest.mark.parametrize(
    ("cutoff", "query", "expected"),
    [
        (90, "anne dubreuill", {"anne dubreuil"}),  # one letter more
        (90, "jean paul moreau", {"jean-paul moreau"}),  # a dash for a space
        (90, "paul moreau", {"paul moreau"}),
        (90, "", {""}),
        (85, "li wu", {"li wu"}),
        # negative: another person, a far spelling, a given name alone
        (90, "anne dupont", set()),
        (90, "paul moro", set()),
        (90, "lina", set()),
    ],
)
def test_near_finds_the_close_names(cutoff: float, query: str, expected: set[str]) -> None:
    ix = NearIndex(cutoff)
    for i, s in enumerate(NAMES):
        ix.add(i, s)
    within = {NAMES[i] for i in ix.near(query) if fuzz.ratio(NAMES[i], query) >= cutoff}
    assert within == expected


def _mutate(rng: random.Random, s: str, alphabet: str) -> str:
    chars = list(s)
    for _ in range(rng.randint(0, 3)):
        op = rng.random()
        if op < 0.4 and chars:
            del chars[rng.randrange(len(chars))]
        elif op < 0.8:
            chars.insert(rng.randint(0, len(chars)), rng.choice(alphabet))
        elif chars:
            chars[rng.randrange(len(chars))] = rng.choice(alphabet)
    return "".join(chars)


@pytest.mark.parametrize("cutoff", [85, 90, 93])
@pytest.mark.parametrize("size", [150, 800])  # scored all at once / probed by pieces
def test_near_is_a_superset_of_the_strings_within_the_ratio(cutoff: float, size: int) -> None:
    """Random strings from a small alphabet (so many are close), some refiled under a new string."""
    rng = random.Random(cutoff)
    alphabet = "abcde -é'"
    strings: list[str] = []
    ix = NearIndex(cutoff)
    for i in range(size):
        if strings and rng.random() < 0.5:
            s = _mutate(rng, strings[rng.randrange(len(strings))], alphabet)
        else:
            s = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 18)))
        strings.append(s)
        ix.add(i, s)
    for i in range(0, len(strings), 5):
        ix.remove(i, strings[i])
        strings[i] = _mutate(rng, strings[i], alphabet)
        ix.add(i, strings[i])
    queries = [_mutate(rng, s, alphabet) for s in strings[:100]] + strings[100:150]
    for q in queries:
        truth = {i for i, s in enumerate(strings) if fuzz.ratio(q, s) >= cutoff}
        found = ix.near(q)
        assert truth <= found, (q, [strings[i] for i in truth - found])
        assert len(found) < len(strings)  # and it does leave strings out


def test_a_low_cutoff_is_refused() -> None:
    with pytest.raises(ValueError, match="cutoff"):
        NearIndex(60)
