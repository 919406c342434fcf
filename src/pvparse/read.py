"""Reading: bytes → text, with the encoding and media type recorded.

Spans in the output index the text returned here (BOM removed, nothing else changed), so line ends
(CRLF, CR) and non-breaking spaces are kept as they are; later stages treat them as separators.
"""

from __future__ import annotations

import codecs
import hashlib
from dataclasses import dataclass
from pathlib import Path

from charset_normalizer import from_bytes

from .errors import InputError

MAX_INPUT_BYTES = 50 * 1024 * 1024
# Parse time grows linearly, some 7 s of CPU per million characters (scripts/bench_linearity.py): longer
# text (over 1,000 pages; real minutes stay far below) is refused rather than kept waiting on.
MAX_TEXT_CHARS = 4_000_000
# Bytes that never occur in office text (tab, line ends, form feed and ESC excepted).
_CONTROL_BYTES = [b for b in range(32) if b not in (9, 10, 11, 12, 13, 27)]

_TEXT_MEDIA_TYPES = {
    ".txt": "text/plain",
    ".text": "text/plain",
    ".md": "text/markdown",
    ".markdown": "text/markdown",
    ".rst": "text/x-rst",
}


@dataclass(frozen=True)
class SourceText:
    """A decoded document: `text` is what every span indexes."""

    text: str
    encoding: str
    media_type: str
    sha256: str
    path: str | None = None


def decode_bytes(data: bytes, *, name: str = "<input>") -> tuple[str, str]:
    """Decode minutes bytes: UTF-8 (BOM or not), UTF-16/32 with BOM, else a detected 8-bit code page."""
    if not data.strip():
        raise InputError(f"{name}: empty file")
    for bom, enc in (
        (codecs.BOM_UTF32_LE, "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            try:
                text = data.decode(enc)
            except UnicodeDecodeError as exc:
                raise InputError(f"{name}: invalid {enc} text ({exc.reason} at byte {exc.start})") from None
            return _checked(text, name), enc
    head = data[:65536]
    controls = sum(head.count(bytes([b])) for b in _CONTROL_BYTES)
    if controls > max(8, len(head) // 50):
        raise InputError(f"{name}: binary content (control bytes), not text")
    try:
        return _checked(data.decode("utf-8"), name), "utf-8"
    except UnicodeDecodeError:
        pass
    best = from_bytes(data[: 1024 * 1024]).best()
    detected = best.encoding if best is not None and not best.encoding.startswith("utf") else None
    # An 8-bit office file is far likelier cp1252 than anything exotic, and the detector, on a short
    # French text, often picks a code page that turns "è" into "č" (cp1250). So the candidates are
    # weighed by how French their text reads; ties go to cp1252, then to the detector's choice.
    decoded: list[tuple[int, str, str]] = []
    for rank, candidate in enumerate(dict.fromkeys(["cp1252", detected or "cp1252", "mac_roman", "cp850"])):
        try:
            text = data.decode(candidate)
        except (UnicodeDecodeError, LookupError):
            continue
        decoded.append((_french_score(text[:65536]) * 4 - rank, candidate, text))
    if not decoded:
        raise InputError(f"{name}: undecodable text (not UTF-8, UTF-16 or cp1252)")
    _, encoding, text = max(decoded, key=lambda d: d[0])
    return _checked(text, name), encoding


# How much a character says "French text": common accented letters and typographic signs count most;
# rare capitals and letters are neutral (neither for nor against a code page).
_FRENCH_WEIGHTS = {c: 3 for c in "éèàçêôùîâûœ’"} | {c: 1 for c in "ëïÉÈÀÇÊ“”«»–—…€°•·‘"}
_FRENCH_NEUTRAL = frozenset("ÿæüÆÜÏËÛÎÔÂÙŒ")


def _french_score(text: str) -> int:
    """French letters and signs count for, other non-ASCII characters and controls against."""
    score = 0
    for c in text:
        if c in _FRENCH_WEIGHTS:
            score += _FRENCH_WEIGHTS[c]
        elif c in _FRENCH_NEUTRAL:
            continue
        elif ord(c) > 127 or (c < " " and c not in "\t\n\r\f\v"):
            score -= 2
    return score


def _checked(text: str, name: str) -> str:
    if not text.strip():
        raise InputError(f"{name}: empty file (only white space)")
    controls = sum(1 for c in text[:65536] if c < " " and c not in "\t\n\r\f\v")
    if controls > max(8, len(text[:65536]) // 20):
        raise InputError(f"{name}: binary content, not text")
    return text


def check_length(text: str, name: str) -> str:
    """The text itself, or an InputError when it is longer than MAX_TEXT_CHARS."""
    if len(text) > MAX_TEXT_CHARS:
        raise InputError(
            f"{name}: text too long ({len(text)} characters; the limit is {MAX_TEXT_CHARS}); "
            "split it into smaller files"
        )
    return text


def media_type_for(path: Path) -> str:
    return _TEXT_MEDIA_TYPES.get(path.suffix.lower(), "text/plain")


def read_bytes(path: Path) -> bytes:
    """Read a file's bytes, turning every OS failure into one clear InputError."""
    if not path.exists():
        raise InputError(f"{path}: no such file")
    if path.is_dir():
        raise InputError(f"{path}: is a folder, not a file")
    try:
        size = path.stat().st_size
        if size > MAX_INPUT_BYTES:
            raise InputError(f"{path}: too large ({size} bytes; the limit is {MAX_INPUT_BYTES})")
        return path.read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror or exc})") from None


def source_from_text(text: str, *, source_name: str | None = None) -> SourceText:
    if not isinstance(text, str):
        raise InputError(f"{source_name or '<text>'}: expected str, got {type(text).__name__}")
    if text.startswith("\ufeff"):
        text = text[1:]
    if not text.strip():
        raise InputError(f"{source_name or '<text>'}: empty text")
    check_length(text, source_name or "<text>")
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    return SourceText(text=text, encoding="utf-8", media_type="text/plain", sha256=digest, path=source_name)


def read_source(path: Path) -> SourceText:
    """Read a minutes file of any supported format into a SourceText."""
    from .formats import extract_document  # office formats live apart: they need their own libraries

    data = read_bytes(path)
    digest = hashlib.sha256(data).hexdigest()
    extracted = extract_document(path, data)
    if extracted is not None:
        text, media_type = extracted
        if not text.strip():
            raise InputError(f"{path}: no text found in the document")
        check_length(text, str(path))
        return SourceText(text=text, encoding="utf-8", media_type=media_type, sha256=digest, path=path.name)
    text, encoding = decode_bytes(data, name=str(path))
    check_length(text, str(path))
    media_type = media_type_for(path)
    return SourceText(text=text, encoding=encoding, media_type=media_type, sha256=digest, path=path.name)
