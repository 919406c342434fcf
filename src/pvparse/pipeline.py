"""The stage order, and nothing else: read → segment → extract → resolve → emit."""

from __future__ import annotations

from pathlib import Path

from . import emit, layout, resolve
from .read import SourceText, read_source, source_from_text
from .schema import Document


def parse_source(source: SourceText) -> Document:
    page = layout.analyse_layout(source.text)
    found = layout.extract_all(page)
    registry = resolve.resolve_document(page, found)
    return emit.build_document(source, page, found, registry)


def parse_text(text: str, *, source_name: str | None = None) -> Document:
    """Parse minutes given as a string (already decoded)."""
    return parse_source(source_from_text(text, source_name=source_name))


def parse_file(path: str | Path) -> Document:
    """Parse a minutes file of any supported format; raises InputError for unreadable input."""
    return parse_source(read_source(Path(path)))
