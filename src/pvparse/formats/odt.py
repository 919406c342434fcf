"""OpenDocument text (.odt) → blocks: `text:h` by outline level (and the Title style) as headings,
`text:list` items, tables as rows, frames' text boxes after their anchor paragraph.

odfpy parses with defusedxml; every XML part is also refused up front when it declares a DTD.
Notes (footnotes), annotations and page headers/footers are left out.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..errors import InputError
from .archive import check_xml_members, open_zip, read_member
from .blocks import BLANK, Block, heading, item, paragraph, render_blocks, row
from .failure import library_errors

MEDIA_TYPE = "application/vnd.oasis.opendocument.text"

TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
DRAW = "urn:oasis:names:tc:opendocument:xmlns:drawing:1.0"
OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
STYLE = "urn:oasis:names:tc:opendocument:xmlns:style:1.0"

_SKIPPED_INLINE = {(TEXT, "note"), (OFFICE, "annotation"), (DRAW, "frame"), (TEXT, "tracked-changes")}
_MAX_REPEAT = 64  # a repeated cell or column is a layout device; a few copies keep the row readable
_TITLE_STYLES = {"Title", "Titre"}


def extract_odt(path: Path, data: bytes) -> tuple[str, str]:
    """Text of an .odt, e.g. `<text:h text:outline-level="2">Vote</text:h>` → "## Vote"."""
    archive = open_zip(path, data)
    mimetype = read_member(path, archive, "mimetype").decode("ascii", "replace").strip()
    if not mimetype.startswith(MEDIA_TYPE):
        raise InputError(f"{path}: OpenDocument of type {mimetype!r}, not a text document")
    check_xml_members(path, archive)
    with library_errors(path, "OpenDocument text"):
        from odf.opendocument import load

        document: Any = load(io.BytesIO(data))
        parents = _style_parents(document)
        blocks = list(_container_blocks(document.text, parents, 0))
    return render_blocks(blocks), MEDIA_TYPE


def _qname(node: Any) -> tuple[str, str] | None:
    return getattr(node, "qname", None)


def _attr(node: Any, ns: str, name: str) -> str | None:
    value = node.attributes.get((ns, name))
    return str(value) if value is not None else None


def _style_parents(document: Any) -> dict[str, str]:
    parents: dict[str, str] = {}
    for container in (document.automaticstyles, document.styles):
        for style in container.childNodes:
            name = _attr(style, STYLE, "name")
            parent = _attr(style, STYLE, "parent-style-name")
            if name and parent:
                parents[name] = parent
    return parents


def _is_title(style: str | None, parents: dict[str, str]) -> bool:
    seen: set[str] = set()
    while style is not None and style not in seen:
        if style in _TITLE_STYLES:
            return True
        seen.add(style)
        style = parents.get(style)
    return False


def _container_blocks(node: Any, parents: dict[str, str], list_level: int) -> Iterator[Block]:
    for child in node.childNodes:
        qname = _qname(child)
        if qname == (TEXT, "h"):
            level = _attr(child, TEXT, "outline-level")
            yield heading(_inline_text(child), int(level) if level and level.isdigit() else 1)
            yield from _frames(child, parents)
        elif qname == (TEXT, "p"):
            text = _inline_text(child)
            style = _attr(child, TEXT, "style-name")
            frames = list(_frames(child, parents))
            if not text.strip() and not frames:
                yield BLANK
            yield heading(text, 1) if _is_title(style, parents) else paragraph(text)
            yield from frames
        elif qname == (TEXT, "list"):
            yield from _list_blocks(child, parents, list_level)
        elif qname == (TABLE, "table"):
            yield from _table_blocks(child, parents)
        elif qname in ((TEXT, "section"), (TABLE, "table-header-rows"), (TABLE, "table-rows")):
            yield from _container_blocks(child, parents, list_level)


def _list_blocks(node: Any, parents: dict[str, str], level: int) -> Iterator[Block]:
    for entry in node.childNodes:
        if _qname(entry) not in ((TEXT, "list-item"), (TEXT, "list-header")):
            continue
        first = True
        for child in entry.childNodes:
            qname = _qname(child)
            if qname in ((TEXT, "p"), (TEXT, "h")) and first:
                yield item(_inline_text(child), level)
                yield from _frames(child, parents)
                first = False
            elif qname == (TEXT, "list"):
                yield from _list_blocks(child, parents, level + 1)
            else:
                yield from _container_blocks(_Single(child), parents, level)


class _Single:
    """A one-child container, so list-item content reuses the block walker."""

    def __init__(self, child: Any) -> None:
        self.childNodes = [child]


def _table_blocks(table: Any, parents: dict[str, str]) -> Iterator[Block]:
    rows = [r for r in _table_rows(table)]
    if rows and all(len([c for c in cells if c is not None]) <= 1 for cells in rows):
        for cells in rows:
            for cell in cells:
                if cell is not None:
                    yield from _container_blocks(cell, parents, 0)
        return
    for cells in rows:
        texts: list[str] = []
        for cell in cells:
            if cell is None:
                texts.append("")
                continue
            paragraphs = [_inline_text(p) for p in _descendants(cell, {(TEXT, "p"), (TEXT, "h")})]
            texts.append("\n".join(t for t in paragraphs if t.strip()))
        yield row(texts)


def _table_rows(table: Any) -> Iterator[list[Any | None]]:
    for child in table.childNodes:
        qname = _qname(child)
        if qname in ((TABLE, "table-header-rows"), (TABLE, "table-rows"), (TABLE, "table-row-group")):
            yield from _table_rows(child)
        elif qname == (TABLE, "table-row"):
            cells: list[Any | None] = []
            for cell in child.childNodes:
                cqname = _qname(cell)
                if cqname not in ((TABLE, "table-cell"), (TABLE, "covered-table-cell")):
                    continue
                repeat = _attr(cell, TABLE, "number-columns-repeated")
                count = min(int(repeat), _MAX_REPEAT) if repeat and repeat.isdigit() else 1
                cells.extend([cell if cqname == (TABLE, "table-cell") else None] * count)
            yield cells


def _descendants(node: Any, wanted: set[tuple[str, str]]) -> Iterator[Any]:
    for child in node.childNodes:
        qname = _qname(child)
        if qname in wanted:
            yield child
        elif qname is not None and qname not in _SKIPPED_INLINE:
            yield from _descendants(child, wanted)


def _frames(node: Any, parents: dict[str, str]) -> Iterator[Block]:
    """Text boxes anchored in a paragraph, as blocks after it."""
    for frame in _descendants(node, {(DRAW, "frame")}):
        for box in frame.childNodes:
            if _qname(box) == (DRAW, "text-box"):
                yield from _container_blocks(box, parents, 0)


def _inline_text(node: Any) -> str:
    parts: list[str] = []
    _collect_inline(node, parts)
    return "".join(parts)


def _collect_inline(node: Any, parts: list[str]) -> None:
    for child in node.childNodes:
        if child.nodeType == child.TEXT_NODE:
            parts.append(str(child.data))
            continue
        qname = _qname(child)
        if qname is None or qname in _SKIPPED_INLINE:
            continue
        if qname == (TEXT, "s"):
            count = _attr(child, TEXT, "c")
            parts.append(" " * (min(int(count), _MAX_REPEAT) if count and count.isdigit() else 1))
        elif qname == (TEXT, "tab"):
            parts.append("\t")
        elif qname == (TEXT, "line-break"):
            parts.append("\n")
        else:
            _collect_inline(child, parts)
