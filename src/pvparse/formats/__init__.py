"""Office formats (Word, OpenDocument, PDF, HTML) → text with paragraph and heading structure kept."""

from __future__ import annotations

from pathlib import Path


def extract_document(path: Path, data: bytes) -> tuple[str, str] | None:
    """Text and media type of an office document, or None when `data` is plain text to decode."""
    return None
