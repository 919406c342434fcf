"""Document blocks (headings, paragraphs, list items, table rows) → the text every span indexes.

Each format walks its own structure into blocks; one renderer turns them into text the segmenter reads
like a typed PV: blocks apart by a blank line, list items and table rows one per line, headings as
Markdown `#` lines. A document that spaces its paragraphs with empty ones (typed with Enter twice, or
imported from plain text) keeps its layout instead: adjacent paragraphs stay on adjacent lines and each
empty paragraph is the blank line.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

BlockKind = Literal["heading", "paragraph", "item", "row", "blank"]

_BLANK_LINES_RE = re.compile(r"\n{2,}")
ROW_SEPARATOR = " | "


@dataclass(frozen=True)
class Block:
    """One unit of a document: `level` is the heading depth (1 = top) or the list nesting (0 = top)."""

    kind: BlockKind
    text: str
    level: int = 0


def clean_inline(text: str) -> str:
    """Strip each line's ends and drop empty lines; spaces inside a line are the document's own
    (a signature block set with runs of spaces keeps them, as in a typed PV).

    "  Le Maire,      La secrétaire\n\n" → "Le Maire,      La secrétaire"
    """
    lines = (line.strip(" \t\r\f\v") for line in text.split("\n"))
    return "\n".join(line for line in lines if line.strip())


def heading(text: str, level: int) -> Block:
    return Block("heading", clean_inline(text).replace("\n", " "), max(1, min(level, 6)))


def paragraph(text: str) -> Block:
    return Block("paragraph", clean_inline(text))


def item(text: str, level: int = 0) -> Block:
    return Block("item", clean_inline(text).replace("\n", " "), max(0, min(level, 8)))


def row(cells: Iterable[str]) -> Block:
    """A table row: cells joined by " | ", trailing empty cells dropped."""
    texts = [clean_inline(cell).replace("\n", "; ") for cell in cells]
    while texts and not texts[-1]:
        texts.pop()
    return Block("row", ROW_SEPARATOR.join(texts) if any(texts) else "")


BLANK = Block("blank", "")
_TYPED_SPACING_SHARE = 0.3  # typed minutes have 0.4 to 1 empty line per line; styled ones almost none


def render_blocks(blocks: Iterable[Block], *, typed: bool | None = None) -> str:
    """Text of the blocks; consecutive items (or rows) stay on adjacent lines, like a typed list.

    `typed` (found from the share of empty paragraphs when None): blank blocks alone part paragraphs.
    """
    blocks = list(blocks)
    if typed is None:
        blanks = sum(b.kind == "blank" for b in blocks)
        paragraphs = sum(b.kind == "paragraph" and bool(b.text.strip()) for b in blocks)
        typed = blanks >= 2 and blanks >= _TYPED_SPACING_SHARE * paragraphs
    out: list[str] = []
    previous: BlockKind | None = None
    gap = False
    for block in blocks:
        if block.kind == "blank":
            gap = True
            continue
        if not block.text.strip():
            continue
        if block.kind == "heading":
            line = "#" * block.level + " " + block.text
        elif block.kind == "item":
            line = "  " * block.level + "- " + block.text
        else:
            line = block.text
        if out:
            if typed:
                tight = not gap and "heading" not in (block.kind, previous)
            else:
                tight = block.kind == previous and block.kind in ("item", "row")
            out.append("\n" if tight else "\n\n")
        out.append(line)
        previous = block.kind
        gap = False
    text = "".join(out)
    return _BLANK_LINES_RE.sub("\n\n", text) + ("\n" if text else "")
