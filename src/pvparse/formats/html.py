"""HTML → blocks: tags stripped, block elements as paragraphs, h1-h6 as headings, li as items,
tables as rows; script, style and other non-content elements dropped.

Word's "Save as web page" marks list paragraphs with `class="MsoListParagraph..."` and a bullet glyph
in a hidden span; both are recognised.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from .blocks import Block, BlockKind, clean_inline, heading, item, paragraph, render_blocks, row
from .failure import library_errors

MEDIA_TYPE = "text/html"

_DROPPED = frozenset(
    "script style noscript template head title meta link svg math iframe object embed canvas "
    "button select option textarea input form nav audio video picture source map area".split()
)
_BLOCKS = frozenset(
    "p div section article main header footer aside blockquote address figure figcaption dl dt dd "
    "ul ol menu table thead tbody tfoot caption center body html hr details summary fieldset legend".split()
)
_HEADINGS = {f"h{n}": n for n in range(1, 7)}
_WORD_LIST_CLASS_RE = re.compile(r"^MsoList", re.IGNORECASE)
_BULLET_RE = re.compile(r"^\s*(?:[·•▪◦o§\-–]|\d{1,3}[.)]|[a-z][.)])[\s\u00a0]+")
_HTML_SPACES_RE = re.compile(r"[ \t\r\n\f]+")
_BLANK_LINE_RE = re.compile(r"\n[ \t\r\f]*\n")


def extract_html(path: Path, data: bytes) -> tuple[str, str]:
    """Text of an HTML page, e.g. "<h2>Vote</h2><p>Adopté</p>" → "## Vote\\n\\nAdopté"."""
    with library_errors(path, "HTML page"):
        from bs4 import BeautifulSoup

        soup = BeautifulSoup(data, "html.parser")
        walker = _Walker()
        walker.walk(soup)
        walker.flush()
    return render_blocks(walker.blocks), MEDIA_TYPE


class _Walker:
    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self.buffer: list[str] = []
        self.pending: BlockKind = "paragraph"
        self.strip_bullet = False
        self.list_depth = 0

    def flush(self) -> None:
        text = clean_inline(_HTML_SPACES_RE.sub(" ", "".join(self.buffer)).replace(" \x00 ", "\n"))
        self.buffer.clear()
        if not text:
            return
        if self.pending == "item":
            if self.strip_bullet:
                text = _BULLET_RE.sub("", text, count=1)
            self.blocks.append(item(text, max(self.list_depth - 1, 0)))
        else:
            self.blocks.append(paragraph(text))
        self.pending = "paragraph"
        self.strip_bullet = False

    def walk(self, node: Any) -> None:
        from bs4.element import NavigableString, Tag

        for child in node.children:
            if isinstance(child, NavigableString):
                if type(child) is NavigableString:  # not a comment, doctype, CDATA or declaration
                    self.buffer.append(_HTML_SPACES_RE.sub(" ", str(child)))
                continue
            if not isinstance(child, Tag):
                continue
            name = child.name.lower()
            if name in _DROPPED:
                continue
            if name == "br":
                self.buffer.append(" \x00 ")  # a line break that space collapsing must keep
            elif name in _HEADINGS:
                self.flush()
                self.blocks.append(heading(_inline_text(child), _HEADINGS[name]))
            elif name == "li" or (name == "p" and _is_word_list(child)):
                self.flush()
                self.pending = "item"
                self.strip_bullet = name == "p"  # Word prints its bullet glyph as text
                self.walk(child)
                self.flush()
            elif name == "tr":
                self.flush()
                cells = [c for c in child.find_all(["td", "th"], recursive=False)]
                self.blocks.append(row(_inline_text(c) for c in cells))
            elif name == "pre":
                # Preformatted text (a plain-text PV pasted or exported as HTML): blank lines part blocks.
                self.flush()
                for chunk in _BLANK_LINE_RE.split(child.get_text()):
                    self.blocks.append(paragraph(chunk))
            elif name in ("ul", "ol", "menu"):
                self.flush()
                self.list_depth += 1
                self.walk(child)
                self.flush()
                self.list_depth -= 1
            elif name in _BLOCKS:
                self.flush()
                self.walk(child)
                self.flush()
            else:
                self.walk(child)


def _is_word_list(tag: Any) -> bool:
    classes = tag.get("class") or []
    return any(_WORD_LIST_CLASS_RE.match(c) for c in classes)


def _inline_text(tag: Any) -> str:
    walker = _Walker()
    walker.walk(tag)
    walker.flush()
    return " ".join(b.text for b in walker.blocks if b.text)
