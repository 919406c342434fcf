"""PDF with a text layer → blocks, in reading order.

Words are grouped into lines, lines into paragraphs by vertical gaps; a line that fills its column is
joined to the next one (de-hyphenated when the next one goes on in lower case), a short one keeps its
line break. Lines that repeat at the top or bottom of most pages (running headers, footers, page
numbers) are dropped. Lines in a font clearly larger than the body become headings; ruled tables become
rows; a page split by a clear vertical gutter is read column by column.
"""

from __future__ import annotations

import io
import itertools
import re
import statistics
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import InputError
from .blocks import Block, heading, item, paragraph, render_blocks, row
from .failure import describe

MEDIA_TYPE = "application/pdf"
MAX_PAGES = 2000

_MARGIN_ZONE = 0.12  # share of the page height where running headers and footers live
_HEADING_RATIO = 1.15  # a line this much larger than the body font is a heading
_PAGE_NUMBER_RE = re.compile(r"^(?:page\s*)?[-–—(]?\s*\d{1,4}\s*(?:(?:/|sur|of)\s*\d{1,4})?\s*[-–—)]?$", re.I)
_BULLET_RE = re.compile(r"^[•▪◦●■□➢➤►–\-*\uf0b7\uf0a7\uf076\uf0d8\uf0fc]\s+")
# A hyphen at a line end that stays: the next fragment is a clitic ("pensez-vous") or the first part is
# a prefix that keeps its hyphen ("vice-président").
_KEPT_AFTER = frozenset(
    (
        "vous nous il ils elle elles on je tu t là ci même mêmes être dire le la les lui leur moi toi y en"
    ).split()
)
_KEPT_BEFORE = frozenset(
    "vice sous non ex co demi semi mi quasi après avant arrière contre porte auto".split()
)
_WORD_RE = re.compile(r"\w+")
_COMPOUND_RE = re.compile(r"\w+(?:-\w+)+")
_SENTENCE_END_RE = re.compile(r"[.!?…:»)]\s*$")
_URL_TAIL_RE = re.compile(r"(?:https?:|www\.|/|@)\S*-$")


@dataclass(frozen=True)
class _Line:
    page: int
    top: float
    bottom: float
    x0: float
    x1: float
    size: float
    text: str
    first_word_width: float = 0.0
    tabular: bool = False  # a wide gap between two words: a row of an unruled table, never wrapped


@dataclass(frozen=True)
class _Table:
    page: int
    top: float
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class _Region:
    """One column (or the whole page) of one page, with its lines in order."""

    page: int
    x0: float
    x1: float
    height: float
    lines: tuple[_Line, ...]


def extract_pdf(path: Path, data: bytes) -> tuple[str, str]:
    """Text of a PDF, e.g. lines "Le budget est ap-" / "prouvé." → "Le budget est approuvé."."""
    regions, tables, page_count = _read_pages(path, data)
    if not any(region.lines for region in regions) and not tables:
        raise InputError(f"{path}: no text layer (scanned?)")
    body_size = _body_size(line for region in regions for line in region.lines)
    regions = _drop_running_lines(regions, page_count, body_size)
    heading_sizes = _heading_sizes(regions, body_size)
    compounds = frozenset(
        m.group(0).lower() for r in regions for line in r.lines for m in _COMPOUND_RE.finditer(line.text)
    )
    blocks = list(_blocks(regions, tables, heading_sizes, compounds))
    return render_blocks(blocks), MEDIA_TYPE


def _read_pages(path: Path, data: bytes) -> tuple[list[_Region], list[_Table], int]:
    try:
        import pdfplumber

        with pdfplumber.open(io.BytesIO(data)) as pdf:
            page_count = len(pdf.pages)
            if page_count == 0:
                raise InputError(f"{path}: PDF without pages")
            if page_count > MAX_PAGES:
                raise InputError(f"{path}: PDF of {page_count} pages (limit {MAX_PAGES})")
            regions: list[_Region] = []
            tables: list[_Table] = []
            for number, page in enumerate(pdf.pages):
                page_regions, page_tables = _read_page(number, page)
                regions.extend(page_regions)
                tables.extend(page_tables)
                page.close()
    except InputError:
        raise
    except Exception as exc:
        detail = describe(exc)
        if "password" in detail.lower() or "encrypt" in detail.lower():  # PDFPasswordIncorrect and kin
            raise InputError(f"{path}: encrypted PDF (a password is needed)") from None
        raise InputError(f"{path}: unreadable PDF ({detail})") from None
    return regions, tables, page_count


def _read_page(number: int, page: Any) -> tuple[list[_Region], list[_Table]]:
    found = page.find_tables()
    tables = []
    boxes = []
    for table in found:
        rows = tuple(
            tuple(" ".join((cell or "").split()) for cell in cells) for cells in table.extract() if any(cells)
        )
        if len(rows) >= 1 and max(len(r) for r in rows) >= 2:
            tables.append(_Table(number, float(table.bbox[1]), rows))
            boxes.append(table.bbox)
    words = [
        w
        for w in page.extract_words(x_tolerance=1.5, y_tolerance=3, extra_attrs=["size"])
        if w["text"].strip() and not any(_inside(w, box) for box in boxes)
    ]
    width, height = float(page.width), float(page.height)
    gutter = _find_gutter(words, width, height)
    if gutter is None:
        return [_Region(number, 0.0, width, height, tuple(_group_lines(number, words)))], tables
    left = [w for w in words if w["x1"] <= gutter]
    right = [w for w in words if w["x0"] >= gutter]
    return [
        _Region(number, 0.0, gutter, height, tuple(_group_lines(number, left))),
        _Region(number, gutter, width, height, tuple(_group_lines(number, right))),
    ], tables


def _inside(word: dict[str, Any], box: tuple[float, float, float, float]) -> bool:
    x0, top, x1, bottom = box
    cx = (word["x0"] + word["x1"]) / 2
    cy = (word["top"] + word["bottom"]) / 2
    return bool(x0 <= cx <= x1 and top <= cy <= bottom)


def _find_gutter(words: list[dict[str, Any]], width: float, height: float) -> float | None:
    """The middle of an empty vertical band between two real text columns, if the page has one."""
    body = [w for w in words if height * _MARGIN_ZONE < w["top"] < height * (1 - _MARGIN_ZONE)]
    if len(body) < 40 or width <= 0:
        return None
    filled = [False] * (int(width) + 2)
    for w in body:
        for x in range(max(int(w["x0"]), 0), min(int(w["x1"]) + 1, len(filled))):
            filled[x] = True
    best: tuple[int, int] | None = None
    start = None
    for x in range(int(width * 0.3), int(width * 0.7) + 1):
        if not filled[x]:
            start = x if start is None else start
            if best is None or x - start > best[1] - best[0]:
                best = (start, x)
        else:
            start = None
    if best is None or best[1] - best[0] < 10:
        return None
    gutter = (best[0] + best[1]) / 2
    sides = [[w for w in body if w["x1"] <= gutter], [w for w in body if w["x0"] >= gutter]]
    for side in sides:
        lines = _group_lines(0, side)
        if len(lines) < 8 or statistics.median(line.x1 - line.x0 for line in lines) < 0.25 * width:
            return None  # a two-column table of names, not a page set in columns
    return gutter


def _group_lines(page: int, words: Iterable[dict[str, Any]]) -> list[_Line]:
    lines: list[list[dict[str, Any]]] = []
    for word in sorted(words, key=lambda w: (round(w["top"], 1), w["x0"])):
        current = lines[-1] if lines else None
        if current is not None and abs(word["top"] - current[0]["top"]) <= 3:
            current.append(word)
        else:
            lines.append([word])
    result = []
    for group in lines:
        group.sort(key=lambda w: w["x0"])
        sizes = [float(w.get("size", 0.0)) for w in group for _ in w["text"]]
        result.append(
            _Line(
                page=page,
                top=min(w["top"] for w in group),
                bottom=max(w["bottom"] for w in group),
                x0=min(w["x0"] for w in group),
                x1=max(w["x1"] for w in group),
                size=round(statistics.median(sizes), 1) if sizes else 0.0,
                text=" ".join(w["text"] for w in group),
                first_word_width=group[0]["x1"] - group[0]["x0"],
                tabular=any(
                    b["x0"] - a["x1"] > 2.5 * float(a.get("size") or 10.0)
                    for a, b in itertools.pairwise(group)
                ),
            )
        )
    return result


def _running_key(line: _Line) -> tuple[str, int]:
    """Running lines repeat in text (page numbers and dates aside) and in position."""
    return re.sub(r"\d+", "#", " ".join(line.text.lower().split())), round(line.top / 6)


def _drop_running_lines(regions: list[_Region], page_count: int, body_size: float) -> list[_Region]:
    """Drop page numbers and lines repeated in the top or bottom margin of most pages; headings stay."""
    by_page: dict[int, list[_Line]] = {}
    heights: dict[int, float] = {}
    for region in regions:
        by_page.setdefault(region.page, []).extend(region.lines)
        heights[region.page] = region.height
    edges: dict[int, list[_Line]] = {}
    for page, lines in by_page.items():
        ordered = sorted(lines, key=lambda line: line.top)
        top_zone, bottom_zone = heights[page] * _MARGIN_ZONE, heights[page] * (1 - _MARGIN_ZONE)
        edges[page] = [x for x in ordered[:2] if x.bottom <= top_zone] + [
            x for x in ordered[-2:] if x.top >= bottom_zone
        ]
    counts = Counter(key for lines in edges.values() for key in {_running_key(x) for x in lines})
    threshold = max(2, (page_count + 1) // 2)
    repeated = {key for key, n in counts.items() if n >= threshold} if page_count >= 2 else set()

    def keep(line: _Line) -> bool:
        if line not in edges[line.page] or (body_size and line.size >= body_size * _HEADING_RATIO):
            return True
        return not _PAGE_NUMBER_RE.match(line.text.strip()) and _running_key(line) not in repeated

    return [
        _Region(r.page, r.x0, r.x1, r.height, tuple(line for line in r.lines if keep(line))) for r in regions
    ]


def _body_size(lines: Iterable[_Line]) -> float:
    weights: Counter[float] = Counter()
    for line in lines:
        weights[line.size] += len(line.text)
    return weights.most_common(1)[0][0] if weights else 0.0


def _heading_sizes(regions: list[_Region], body_size: float) -> dict[float, int]:
    sizes = sorted(
        {
            line.size
            for region in regions
            for line in region.lines
            if body_size and line.size >= body_size * _HEADING_RATIO and len(line.text) <= 150
        },
        reverse=True,
    )
    return {size: min(rank + 1, 3) for rank, size in enumerate(sizes)}


def _blocks(
    regions: list[_Region], tables: list[_Table], heading_sizes: dict[float, int], compounds: frozenset[str]
) -> Iterator[Block]:
    pending_tables = sorted(tables, key=lambda t: (t.page, t.top))
    builder = _ParagraphBuilder(heading_sizes, compounds)
    for region in regions:
        lines = list(region.lines)
        pitch = _line_pitch(lines)
        right_edge = max((line.x1 for line in lines), default=region.x1)
        previous: _Line | None = None
        for line in lines:
            while pending_tables and (pending_tables[0].page, pending_tables[0].top) < (line.page, line.top):
                yield from builder.finish()
                yield from (row(cells) for cells in pending_tables.pop(0).rows)
                previous = None
            step = line.top - previous.top if previous is not None else 0.0
            gap_break = step > pitch * 1.3 and step - pitch > 0.3 * max(line.size, 1.0)
            yield from builder.add(line, gap_break, previous is None, right_edge)
            previous = line
    yield from builder.finish()
    for table in pending_tables:
        yield from (row(cells) for cells in table.rows)


def _line_pitch(lines: list[_Line]) -> float:
    """The usual distance between two lines of one paragraph: the lower quartile of the steps."""
    steps = [b.top - a.top for a, b in itertools.pairwise(lines) if 0 < b.top - a.top < 60]
    if not steps:
        return 14.0
    return min(statistics.quantiles(steps, n=4)[0] if len(steps) >= 4 else min(steps), 40.0)


class _ParagraphBuilder:
    """Accumulates lines into the current paragraph, heading or list item."""

    def __init__(self, heading_sizes: dict[float, int], compounds: frozenset[str]) -> None:
        self.heading_sizes = heading_sizes
        self.compounds = compounds
        self.kind: str | None = None
        self.level = 0
        self.text = ""
        self.last: _Line | None = None  # the previous line, and the right edge of its column
        self.last_right = 0.0

    def _wraps_into(self, line: _Line) -> bool:
        """The previous line was cut for lack of room: this line's first word would not fit after it."""
        last = self.last
        if last is None or last.tabular or line.tabular:
            return False
        return last.x1 + line.first_word_width + 0.25 * max(line.size, 1.0) >= self.last_right

    def add(self, line: _Line, gap_break: bool, region_start: bool, right: float) -> Iterator[Block]:
        text = line.text.strip()
        level = self.heading_sizes.get(line.size)
        bullet = _BULLET_RE.match(text)
        wraps = self._wraps_into(line) and not gap_break
        if region_start and _SENTENCE_END_RE.search(self.text) and text[:1].isupper():
            wraps = False  # a full last line of a page that ends a sentence: the next page starts afresh
        if level is not None:
            if self.kind == "heading" and self.level == level and not gap_break and not region_start:
                self.text += " " + text
            else:
                yield from self.finish()
                self.kind, self.level, self.text = "heading", level, text
        elif bullet:
            yield from self.finish()
            self.kind, self.level, self.text = "item", 0, text[bullet.end() :]
        elif wraps and self.kind in ("paragraph", "item"):
            self.text = _join_wrapped(self.text, text, self.compounds)
        elif self.kind in (None, "heading", "item") or gap_break or region_start:
            # A page or column starts: only a sentence cut at the end of the last one goes on.
            yield from self.finish()
            self.kind, self.level, self.text = "paragraph", 0, text
        else:
            self.text += "\n" + text
        self.last, self.last_right = line, right

    def finish(self) -> Iterator[Block]:
        kind = self.kind
        if kind and self.text.strip():
            if kind == "heading":
                yield heading(self.text, self.level)
            elif kind == "item":
                yield item(self.text)
            else:
                yield paragraph(self.text)
        self.kind, self.level, self.text, self.last = None, 0, "", None


def _join_wrapped(head: str, tail: str, compounds: frozenset[str] = frozenset()) -> str:
    """Join a wrapped line: "ap-" + "prouvé" → "approuvé", "Jean-" + "Paul" → "Jean-Paul".

    `compounds`: hyphenated words written whole elsewhere in the document keep their hyphen.
    """
    if head.endswith("\u00ad"):
        return head[:-1] + tail
    if _URL_TAIL_RE.search(head):
        return head + tail  # an address cut at one of its own hyphens
    if len(head) >= 2 and head.endswith("-") and head[-2].isalnum():
        first = _WORD_RE.match(tail)
        last = re.search(r"(\w+)-$", head)
        if first and head[-2].isalpha() and tail[0].islower():
            before = last.group(1).lower() if last else ""
            if (
                first.group(0).lower() in _KEPT_AFTER
                or before in _KEPT_BEFORE
                or f"{before}-{first.group(0).lower()}" in compounds
            ):
                return head + tail
            return head[:-1] + tail
        return head + tail
    return head + " " + tail
