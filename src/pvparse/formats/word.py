"""Word .docx → blocks: headings from paragraph styles or outline levels, numbered or bulleted
paragraphs as list items, tables as rows, text boxes after their anchor paragraph.

Page headers and footers, footnotes, comments and deleted revisions are left out; inserted revisions
are kept (the text as it reads with changes accepted).
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lxml import etree

from .archive import check_xml_members, open_zip
from .blocks import BLANK, Block, heading, item, paragraph, render_blocks, row
from .failure import library_errors

MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
NS = {"w": W, "mc": MC}

# Built-in names are stored in English whatever the UI language; custom copies often carry the French name.
_HEADING_STYLE_RE = re.compile(r"^(?:heading|titre|title)\s*([1-9])$", re.IGNORECASE)
_TITLE_STYLE_RE = re.compile(r"^(?:title|titre)$", re.IGNORECASE)
_LIST_STYLE_RE = re.compile(r"\b(?:list|liste)\b", re.IGNORECASE)

_RUN_CONTENT = etree.XPath(
    ".//w:r[not(ancestor::w:txbxContent) and not(ancestor::w:del) and not(ancestor::mc:Fallback)]/*",
    namespaces=NS,
)
_TEXT_BOXES = etree.XPath(
    ".//w:txbxContent[not(ancestor::mc:Fallback)][not(ancestor::w:txbxContent)]", namespaces=NS
)
_CELL_PARAGRAPHS = etree.XPath(".//w:p[not(ancestor::mc:Fallback)]", namespaces=NS)


@dataclass(frozen=True)
class _Style:
    name: str
    based_on: str | None
    outline_level: int | None
    numbered: bool


def extract_docx(path: Path, data: bytes) -> tuple[str, str]:
    """Text of a .docx, e.g. a "Heading 1" paragraph "Ordre du jour" → "# Ordre du jour"."""
    check_xml_members(path, open_zip(path, data))
    with library_errors(path, "Word document"):
        import docx

        document: Any = docx.Document(io.BytesIO(data))
        styles = _read_styles(document.styles.element)
        default_style = _default_paragraph_style(document.styles.element)
        blocks = list(_container_blocks(document.element.body, styles, default_style))
    return render_blocks(blocks), MEDIA_TYPE


def _w(name: str) -> str:
    return f"{{{W}}}{name}"


def _read_styles(styles_element: Any) -> dict[str, _Style]:
    styles: dict[str, _Style] = {}
    for style in styles_element.findall(_w("style")):
        if style.get(_w("type")) not in (None, "paragraph"):
            continue
        style_id = style.get(_w("styleId"))
        if style_id is None:
            continue
        name_el = style.find(_w("name"))
        based_el = style.find(_w("basedOn"))
        ppr = style.find(_w("pPr"))
        styles[style_id] = _Style(
            name=name_el.get(_w("val"), style_id) if name_el is not None else style_id,
            based_on=based_el.get(_w("val")) if based_el is not None else None,
            outline_level=_outline_level(ppr),
            numbered=ppr is not None and ppr.find(_w("numPr")) is not None,
        )
    return styles


def _default_paragraph_style(styles_element: Any) -> str | None:
    for style in styles_element.findall(_w("style")):
        if style.get(_w("type")) == "paragraph" and style.get(_w("default")) in ("1", "true", "on"):
            return str(style.get(_w("styleId")))
    return None


def _outline_level(ppr: Any) -> int | None:
    if ppr is None:
        return None
    el = ppr.find(_w("outlineLvl"))
    if el is None:
        return None
    try:
        level = int(el.get(_w("val"), "9"))
    except ValueError:
        return None
    return level + 1 if 0 <= level < 9 else None  # 9 means "body text"


def _style_chain(style_id: str | None, styles: dict[str, _Style]) -> Iterator[_Style]:
    seen: set[str] = set()
    while style_id is not None and style_id in styles and style_id not in seen:
        seen.add(style_id)
        style = styles[style_id]
        yield style
        style_id = style.based_on


def _container_blocks(container: Any, styles: dict[str, _Style], default: str | None) -> Iterator[Block]:
    for child in container.iterchildren():
        if child.tag == _w("p"):
            yield from _paragraph_blocks(child, styles, default)
        elif child.tag == _w("tbl"):
            yield from _table_blocks(child, styles, default)
        elif child.tag in (_w("sdt"), _w("customXml")):
            content = child.find(_w("sdtContent")) if child.tag == _w("sdt") else child
            if content is not None:
                yield from _container_blocks(content, styles, default)


def _paragraph_text(p: Any) -> str:
    parts: list[str] = []
    for el in _RUN_CONTENT(p):
        tag = el.tag
        if tag == _w("t"):
            parts.append(el.text or "")
        elif tag == _w("tab"):
            parts.append("\t")
        elif tag in (_w("br"), _w("cr")):
            parts.append("\n")
        elif tag == _w("noBreakHyphen"):
            parts.append("-")
    return "".join(parts)


def _paragraph_blocks(p: Any, styles: dict[str, _Style], default: str | None) -> Iterator[Block]:
    text = _paragraph_text(p)
    if text.strip():
        ppr = p.find(_w("pPr"))
        style_el = ppr.find(_w("pStyle")) if ppr is not None else None
        style_id = style_el.get(_w("val")) if style_el is not None else default
        chain = list(_style_chain(style_id, styles))
        level = _heading_level(ppr, chain)
        num_pr = ppr.find(_w("numPr")) if ppr is not None else None
        if level is not None:
            yield heading(text, level)
        elif num_pr is not None or any(s.numbered or _LIST_STYLE_RE.search(s.name) for s in chain):
            yield item(text, _list_level(num_pr))
        else:
            yield paragraph(text)
    boxes = _TEXT_BOXES(p)
    if not text.strip() and not boxes:
        yield BLANK
    for box in boxes:
        yield from _container_blocks(box, styles, default)


def _heading_level(ppr: Any, chain: list[_Style]) -> int | None:
    direct = _outline_level(ppr)
    if direct is not None:
        return direct
    for style in chain:
        match = _HEADING_STYLE_RE.match(style.name)
        if match:
            return int(match.group(1))
        if _TITLE_STYLE_RE.match(style.name):
            return 1
        if style.outline_level is not None:
            return style.outline_level
    return None


def _list_level(num_pr: Any) -> int:
    if num_pr is None:
        return 0
    ilvl = num_pr.find(_w("ilvl"))
    try:
        return int(ilvl.get(_w("val"), "0")) if ilvl is not None else 0
    except ValueError:
        return 0


def _table_blocks(tbl: Any, styles: dict[str, _Style], default: str | None) -> Iterator[Block]:
    rows = tbl.findall(_w("tr"))
    if rows and all(len(tr.findall(_w("tc"))) <= 1 for tr in rows):
        # A one-column table is a frame around ordinary paragraphs, not data.
        for tr in rows:
            for tc in tr.findall(_w("tc")):
                yield from _container_blocks(tc, styles, default)
        return
    for tr in rows:
        cells: list[str] = []
        for tc in tr.findall(_w("tc")):
            tcpr = tc.find(_w("tcPr"))
            vmerge = tcpr.find(_w("vMerge")) if tcpr is not None else None
            if vmerge is not None and vmerge.get(_w("val"), "continue") == "continue":
                cells.append("")  # the merged cell's text was given on the row where it starts
                continue
            texts = [_paragraph_text(p) for p in _CELL_PARAGRAPHS(tc)]
            cells.append("\n".join(t for t in texts if t.strip()))
        yield row(cells)
