"""pvparse: French meeting minutes (procès-verbaux, comptes rendus) → validated, source-grounded JSON."""

from __future__ import annotations

from .emit import to_json
from .errors import InputError, PVParseError, ResourceError
from .pipeline import parse_file, parse_text
from .schema import SCHEMA_VERSION, Document

__all__ = [
    "SCHEMA_VERSION",
    "Document",
    "InputError",
    "PVParseError",
    "ResourceError",
    "parse_file",
    "parse_text",
    "to_json",
]
