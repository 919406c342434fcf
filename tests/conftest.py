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
