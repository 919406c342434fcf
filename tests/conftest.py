"""Shared fixtures: the spaCy model is loaded once per test session."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"
AG2022 = CORPUS / "ag-2022-07-07.txt"


@pytest.fixture(scope="session")
def nlp():
    from pvparse.nlp import load_nlp

    return load_nlp()


@pytest.fixture(scope="session")
def ag2022_text() -> str:
    return AG2022.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def ag2022_doc(nlp):
    import pvparse

    return pvparse.parse_file(AG2022)


# --- Hypothesis profiles (tests/property) -------------------------------------------------------
# max_examples is the budget that tests/property/test_properties.py shares out among its tests.
# "ci" (the default) is derandomized so a CI run is reproducible; "long" explores far more, afresh
# each run: PVPARSE_HYPOTHESIS_PROFILE=long .venv/bin/python -m pytest tests/property (see README).
import os  # noqa: E402

from hypothesis import HealthCheck, settings  # noqa: E402

_SLOW_OK = [HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much]
settings.register_profile("ci", max_examples=4000, deadline=None, derandomize=True, suppress_health_check=_SLOW_OK)
settings.register_profile("dev", max_examples=400, deadline=None, suppress_health_check=_SLOW_OK)
settings.register_profile("long", max_examples=100_000, deadline=None, suppress_health_check=_SLOW_OK)
settings.load_profile(os.environ.get("PVPARSE_HYPOTHESIS_PROFILE", "ci"))
