"""Zip containers (docx, odt) opened defensively: sizes checked before anything is inflated, and no XML
part may carry a DTD (the door to entity expansion such as "billion laughs" and to external entities).
"""

from __future__ import annotations

import io
import xml.parsers.expat
import zipfile
from pathlib import Path

from ..errors import InputError
from .failure import describe

MAX_UNCOMPRESSED_BYTES = 200 * 1024 * 1024
MAX_MEMBERS = 10_000
MAX_RATIO = 100  # a Word or ODF part rarely inflates more than 20x
RATIO_FLOOR_BYTES = 1024 * 1024  # small parts may compress very well without being a threat


def open_zip(path: Path, data: bytes) -> zipfile.ZipFile:
    """Open `data` as a zip after checking its declared sizes (zipfile stops at the declared size)."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError) as exc:
        raise InputError(f"{path}: damaged zip container ({describe(exc)})") from None
    if len(infos) > MAX_MEMBERS:
        raise InputError(f"{path}: zip container with {len(infos)} members (limit {MAX_MEMBERS})")
    total = sum(info.file_size for info in infos)
    if total > MAX_UNCOMPRESSED_BYTES:
        raise InputError(
            f"{path}: zip container inflates to {total} bytes (limit {MAX_UNCOMPRESSED_BYTES}); "
            "refusing a possible zip bomb"
        )
    for info in infos:
        ratio = info.file_size // max(info.compress_size, 1)
        if info.file_size > RATIO_FLOOR_BYTES and ratio > MAX_RATIO:
            raise InputError(
                f"{path}: zip member {info.filename!r} inflates {ratio}x "
                f"(limit {MAX_RATIO}x); refusing a possible zip bomb"
            )
    return archive


def read_member(path: Path, archive: zipfile.ZipFile, name: str) -> bytes:
    try:
        info = archive.getinfo(name)
        with archive.open(info) as handle:
            # read(size) inflates at most `size` bytes; read() would inflate the whole stream in memory
            # first, so a header lying about the size (4 KiB declared, 400 MB inside) passes the checks
            # of open_zip and fills memory (issue 6). Reaching the declared size checks the CRC.
            return handle.read(info.file_size)
    except KeyError:
        raise InputError(f"{path}: zip container lacks {name}") from None
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError) as exc:
        raise InputError(f"{path}: damaged zip member {name} ({describe(exc)})") from None


def check_xml_members(path: Path, archive: zipfile.ZipFile) -> None:
    """Refuse any XML part that declares a DTD; OOXML and ODF never need one."""
    for info in archive.infolist():
        if info.is_dir():
            continue
        if _declares_dtd(read_member(path, archive, info.filename)):
            raise InputError(
                f"{path}: XML part {info.filename} declares a DTD or entities; "
                "refused (entity expansion risk)"
            )


class _RootReached(Exception):
    pass


def _declares_dtd(data: bytes) -> bool:
    """True when the prolog holds a DOCTYPE; parsing stops at the root element, so this is cheap."""
    parser = xml.parsers.expat.ParserCreate()
    found = False

    def on_doctype(*_: object) -> None:
        nonlocal found
        found = True
        raise _RootReached

    def on_root(*_: object) -> None:
        raise _RootReached

    parser.StartDoctypeDeclHandler = on_doctype
    parser.StartElementHandler = on_root
    try:
        parser.Parse(data, True)
    except _RootReached:
        pass
    except xml.parsers.expat.ExpatError:
        pass  # not XML (an image) or not well-formed: the format library reports the latter
    return found
