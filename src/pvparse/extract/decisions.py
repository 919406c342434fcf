"""Votes and decisions with their counts. Being written."""

from __future__ import annotations

from collections.abc import Collection, Sequence

from ..lines import Line
from .drafts import DecisionDraft


def find_decisions(lines: Sequence[Line], skip: Collection[int] = ()) -> list[DecisionDraft]:
    return []
