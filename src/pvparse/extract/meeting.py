"""Meeting facts: body, kind, date, times, place, mode, chair, secretary, attendance, signature.
Being written."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from ..lines import Line
from ..nlp import Analysis
from ..segment import FrontMatter, Heading
from .drafts import ListDraft, MeetingDraft


def meeting_strings(lines: Sequence[Line]) -> list[str]:
    """Short strings spaCy should analyse for the meeting facts (names of chair, signatories)."""
    return []


def extract_meeting(
    lines: Sequence[Line],
    *,
    front_matter: FrontMatter | None,
    title: Heading | None,
    lists: Sequence[ListDraft],
    analysis: Mapping[str, Analysis],
) -> MeetingDraft:
    if title is not None:
        return MeetingDraft(title=title.title, title_span=(title.title_start, title.title_end))
    return MeetingDraft()
