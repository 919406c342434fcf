"""The spaCy wrapper: which backend the model runs on, and that it gives spaCy's own answers."""

from __future__ import annotations

import pytest
from threadpoolctl import threadpool_info

from pvparse import nlp as nlp_mod

# Invented strings of the kinds pvparse sends: names, entries, labels, headings.
STRINGS = [
    "Odile Marchetti",
    "Conseil départemental de la Haute-Loire",
    "M. le Maire",
    "Hervé Lagarde, Mutuelle des Pays de Loire",
    "Point 3 : budget primitif 2019",
    "Le trésorier présente les comptes",
    "Approbation du procès-verbal",
]


def _blas_threads() -> list[int]:
    return [i["num_threads"] for i in threadpool_info() if i["user_api"] == "blas"]


def test_model_runs_on_numpy_without_blis(nlp) -> None:
    for name, pipe in nlp.pipeline:
        model = getattr(pipe, "model", None)
        if model is not None:
            assert type(model.ops).__name__ == "NumpyOps", name
            assert model.ops.use_blis is False, name


def test_analyse_limits_blas_to_one_thread_and_restores_it(nlp, monkeypatch) -> None:
    before = _blas_threads()
    assert before, "numpy's BLAS is loaded with the model"
    if max(before) == 1:
        pytest.skip("the BLAS runs one thread on this machine already: nothing to limit")
    seen: list[list[int]] = []
    real_run = nlp_mod._run

    def spy(*args, **kwargs):  # type: ignore[no-untyped-def]
        seen.append(_blas_threads())
        return real_run(*args, **kwargs)

    monkeypatch.setattr(nlp_mod, "_run", spy)
    nlp_mod.analyse(["Odile Marchetti"])
    assert seen and all(n == 1 for n in seen[0])
    assert _blas_threads() == before


def test_same_entities_and_verbs_as_spacy_as_loaded_by_default(nlp) -> None:
    spacy = pytest.importorskip("spacy")
    default = spacy.load(nlp_mod.MODEL_NAME, exclude=["parser", "lemmatizer"])
    ours = nlp_mod.analyse(STRINGS, with_verbs=STRINGS)
    for s in STRINGS:
        doc = default(s)
        ents = tuple((e.label_, e.start_char, e.end_char) for e in doc.ents)
        assert tuple((e.label, e.start, e.end) for e in ours[s].entities) == ents, s
        verb = any(t.i > 0 and t.pos_ in ("VERB", "AUX") and "Fin" in t.morph.get("VerbForm") for t in doc)
        assert ours[s].finite_verb is verb, s
    assert ours["Odile Marchetti"].covering("PER", "Odile Marchetti")
    assert ours["Le trésorier présente les comptes"].finite_verb
    assert not ours["Approbation du procès-verbal"].finite_verb


@pytest.mark.parametrize(
    ("title", "asked", "finite"),
    [
        # one word, whitespace aside: no word after the first, so no finite verb there
        ("Vote", False, False),
        ("Délibérations  ", False, False),
        ("Approuvé", False, False),
        # a later word: the tagger is asked
        ("Le trésorier présente les comptes", True, True),
        ("Approbation du procès-verbal", True, False),
        ("Vote :", True, False),
    ],
)
def test_only_titles_with_a_later_word_go_to_the_tagger(
    nlp, monkeypatch, title: str, asked: bool, finite: bool
) -> None:
    piped: list[str] = []
    real_pipe = type(nlp).pipe

    def spy(self, texts, **kwargs):  # type: ignore[no-untyped-def]
        texts = list(texts)
        piped.extend(t if isinstance(t, str) else t.text for t in texts)
        return real_pipe(self, texts, **kwargs)

    monkeypatch.setattr(type(nlp), "pipe", spy)
    got = nlp_mod.analyse((), with_verbs=[title])
    assert (title in piped) is asked
    assert got[title].finite_verb is finite
    # the same answer as asking the tagger about every title
    doc = nlp(title)
    assert nlp_mod.has_finite_verb(doc) is finite
