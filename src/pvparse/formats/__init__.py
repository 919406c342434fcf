"""Office formats (Word, OpenDocument, PDF, HTML) → text with paragraph and heading structure kept.

The format is found from the content first (magic bytes), then from the extension; a file named like an
office document whose content is not one is an error, never decoded as text. Each format lives in its
own module, imported only when a file of that format turns up (their libraries are slow to import).
"""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Literal

from ..errors import InputError
from .archive import open_zip

Format = Literal["docx", "odt", "html", "pdf", "doc"]

_OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP_MAGICS = (b"PK\x03\x04", b"PK\x05\x06")
_WORD_STREAM = "WordDocument".encode("utf-16-le")
_TEXT_EXTENSIONS = frozenset({".txt", ".text", ".md", ".markdown", ".rst"})
_EXTENSIONS: dict[str, Format] = {
    ".docx": "docx", ".docm": "docx", ".dotx": "docx", ".odt": "odt", ".ott": "odt",
    ".html": "html", ".htm": "html", ".xhtml": "html", ".pdf": "pdf", ".doc": "doc", ".dot": "doc",
}  # fmt: skip
_NAMES = {"docx": "Word .docx", "odt": "OpenDocument .odt", "html": "HTML", "pdf": "PDF", "doc": "Word .doc"}
_HTML_STARTS = (b"<!doctype html", b"<html", b"<head", b"<body", b"<?xml")


def extract_document(path: Path, data: bytes) -> tuple[str, str] | None:
    """Text and media type of an office document, or None when `data` is plain text to decode."""
    kind = detect_format(path, data)
    if kind is None:
        return None
    if kind == "docx":
        from .word import extract_docx

        return extract_docx(path, data)
    if kind == "odt":
        from .odt import extract_odt

        return extract_odt(path, data)
    if kind == "html":
        from .html import extract_html

        return extract_html(path, data)
    if kind == "pdf":
        from .pdf import extract_pdf

        return extract_pdf(path, data)
    from .legacy_doc import extract_doc

    return extract_doc(path, data)


def detect_format(path: Path, data: bytes) -> Format | None:
    """The office format of `data` (content first, then extension), or None for plain text."""
    extension = path.suffix.lower()
    claimed = _EXTENSIONS.get(extension)
    if b"%PDF-" in data[:1024]:
        return "pdf"
    if data.startswith(_ZIP_MAGICS):
        return _zip_format(path, data)
    if data.startswith(_OLE2_MAGIC):
        if _WORD_STREAM in data:
            return "doc"
        raise InputError(f"{path}: an OLE2 office file that is not a Word document (Excel, PowerPoint?)")
    if data.lstrip()[:5] == b"{\\rtf":
        raise InputError(f"{path}: RTF is not supported; save it as .docx, .odt or .txt")
    if claimed == "html":
        return "html"
    if claimed is not None:
        raise InputError(f"{path}: not a valid {_NAMES[claimed]} file (its content does not match)")
    if extension not in _TEXT_EXTENSIONS and _looks_like_html(data):
        return "html"
    return None


def _zip_format(path: Path, data: bytes) -> Format:
    archive = open_zip(path, data)
    names = set(archive.namelist())
    if "word/document.xml" in names:
        return "docx"
    if "mimetype" in names:
        mimetype = _read_small(archive, "mimetype")
        if mimetype.startswith(b"application/vnd.oasis.opendocument.text"):
            return "odt"
        shown = mimetype.decode("ascii", "replace").strip()[:80]
        raise InputError(f"{path}: an OpenDocument of type {shown!r}, not a text document")
    if "content.xml" in names and path.suffix.lower() in (".odt", ".ott"):
        return "odt"
    raise InputError(f"{path}: a zip archive that is neither a Word .docx nor an OpenDocument .odt")


def _read_small(archive: zipfile.ZipFile, name: str) -> bytes:
    try:
        with archive.open(name) as handle:
            return handle.read(200)
    except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError):
        return b""


def _looks_like_html(data: bytes) -> bool:
    head = data[:1024].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith(b"<?xml"):
        return b"<html" in data[:4096].lower()  # XHTML, not any XML file
    return head.startswith(_HTML_STARTS)
