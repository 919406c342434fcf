"""Printed lists of people and organisations (attendance, staff, members, board). Being written."""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass

from ..lines import Line
from ..nlp import Analysis
from .drafts import ListDraft


@dataclass(frozen=True)
class ListBlock:
    """A list found by layout alone, before spaCy looks at its entries."""

    kind: str
    title: str | None
    first_line: int
    last_line: int
    entry_strings: tuple[str, ...] = ()


def find_list_blocks(lines: Sequence[Line], skip: Collection[int] = ()) -> list[ListBlock]:
    return []


def build_lists(blocks: Sequence[ListBlock], lines: Sequence[Line], analysis: Mapping[str, Analysis]) -> list[ListDraft]:
    return []
