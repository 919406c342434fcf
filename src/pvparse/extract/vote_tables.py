"""Vote tables: Markdown / pipe / grid tables whose columns (or rows) are votants, pour, contre, abstentions.

    | Résolution                      | Votants | Pour | Contre | Abstentions |
    |---------------------------------|---------|------|--------|-------------|
    | 1. Approbation du rapport moral | 40      | 40   | 0      | 0           |

One decision per row (or, in a table turned on its side, per column), with the row's offsets.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass

from ..lines import Line
from .vote_words import fold_keep, patterns

# possessive `[ ]*+`: a run of spaces is never split between two `[ ]*` (linear; issue 6)
_SEPARATOR_RE = re.compile(r"^[ ]*+[|+]?(?:[ ]*+:?[-=]{3,}+:?[ ]*+[|+])+[ ]*+:?[-=]*+:?[ ]*+[|+]?[ ]*+$")
_BORDER_RE = re.compile(r"^[ ]*\+(?:[-=]{3,}\+)+[ ]*$")
_INT_RE = re.compile(r"\d{1,5}(?![\d.,])")
_NUMBERING_RE = re.compile(
    r"^(?:n°[ ]?)?(?:\d{1,3}|[ivx]{1,5}|[a-z])[.)°][ ]*"
    r"|^(?:resolution|motion)[ ]+n?°?[ ]?\d{1,3}[ ]*[:.-]?[ ]*"
)
_RESULT_HEADS = ("resultat", "resultats", "decision", "issue", "vote", "adopte", "adoptee")


@dataclass(frozen=True)
class Cell:
    text: str
    start: int  # absolute offsets of the stripped cell text
    end: int


@dataclass(frozen=True)
class TableVote:
    """One decision read from a table: the row (or column) cells by field."""

    line: int
    start: int
    end: int
    subject: Cell | None
    counts: dict[str, int]
    result_cell: Cell | None
    first_line: int
    last_line: int


def _cells(line: Line) -> list[Cell]:
    text = line.text
    bars = [i for i, c in enumerate(text) if c == "|"]
    if len(bars) < 1:
        return []
    edges = bars
    if text[: bars[0]].strip():
        edges = [-1, *edges]
    if text[bars[-1] + 1 :].strip():
        edges = [*edges, len(text)]
    out = []
    for a, b in itertools.pairwise(edges):
        s, e = a + 1, b
        while s < e and text[s] in " *_`":
            s += 1
        while e > s and text[e - 1] in " *_`":
            e -= 1
        out.append(Cell(text[s:e], line.start + s, line.start + e))
    return out


def _is_row(line: Line) -> bool:
    return line.text.count("|") >= 2


def _is_border(line: Line) -> bool:
    """ "+------+-----+": a grid table's border (every one holds a "+", looked for first)."""
    return "+" in line.text and _BORDER_RE.match(line.text) is not None


def _field(cell: str) -> str | None:
    key = " ".join(fold_keep(cell).replace("nombre de ", "").strip(" :*_").split())
    return patterns().field_of.get(key)


def _int(cell: Cell) -> int | None:
    m = _INT_RE.match(cell.text.strip())
    return int(m.group()) if m else None


def _block_rows(lines: Sequence[Line], first: int, last: int) -> tuple[list[list[Cell]], list[int], int]:
    """Rows (cells, line numbers) of a table block and how many leading rows form the header."""
    rows: list[list[Cell]] = []
    row_lines: list[int] = []
    header_rows = 0
    for i in range(first, last + 1):
        ln = lines[i]
        if _BORDER_RE.match(ln.text) or _SEPARATOR_RE.match(ln.text):
            if rows and not header_rows and ("=" in ln.text or not _BORDER_RE.match(ln.text)):
                header_rows = len(rows)
            continue
        cells = _cells(ln)
        if cells:
            rows.append(cells)
            row_lines.append(i)
    if not header_rows and rows:
        header_rows = 1
    return rows, row_lines, header_rows


def find_vote_tables(lines: Sequence[Line], skip: Collection[int] = ()) -> tuple[list[TableVote], set[int]]:
    """Every vote table; returns the decisions and all the lines the vote tables cover."""
    votes: list[TableVote] = []
    covered: set[int] = set()
    i = 0
    n = len(lines)
    while i < n:
        if i in skip or not (_is_row(lines[i]) or _is_border(lines[i])):
            i += 1
            continue
        j = i
        while j + 1 < n and (j + 1) not in skip and (_is_row(lines[j + 1]) or _is_border(lines[j + 1])):
            j += 1
        found = _read_table(lines, i, j)
        if found:
            votes.extend(found)
            covered.update(range(i, j + 1))
        i = j + 1
    return votes, covered


def _read_table(lines: Sequence[Line], first: int, last: int) -> list[TableVote]:
    rows, row_lines, header_rows = _block_rows(lines, first, last)
    if len(rows) < 2:
        return []
    header = rows[header_rows - 1]
    by_col = {k: _field(c.text) for k, c in enumerate(header)}
    count_cols = {k: f for k, f in by_col.items() if f}
    if len({f for f in count_cols.values() if f != "voters"}) >= 2:
        return _by_rows(rows[header_rows:], row_lines[header_rows:], header, count_cols, first, last)
    return _by_columns(rows, row_lines, header_rows, first, last)


def _by_rows(
    rows: list[list[Cell]],
    row_lines: list[int],
    header: list[Cell],
    count_cols: dict[int, str],
    first: int,
    last: int,
) -> list[TableVote]:
    result_col = next(
        (
            k
            for k, c in enumerate(header)
            if k not in count_cols and fold_keep(c.text).strip(" :") in _RESULT_HEADS
        ),
        None,
    )
    subject_col = next((k for k in range(len(header)) if k not in count_cols and k != result_col), None)
    out = []
    for cells, ln in zip(rows, row_lines, strict=True):
        counts = {}
        for k, f in count_cols.items():
            if k < len(cells):
                v = _int(cells[k])
                if v is not None:
                    counts[f] = v
        if not any(f in counts for f in ("for", "against", "abstain")):
            continue
        subject = cells[subject_col] if subject_col is not None and subject_col < len(cells) else None
        res = cells[result_col] if result_col is not None and result_col < len(cells) else None
        start = cells[0].start if cells else 0
        end = cells[-1].end if cells else 0
        out.append(TableVote(ln, start, end, _strip_numbering(subject), counts, res, first, last))
    return out


def _by_columns(
    rows: list[list[Cell]], row_lines: list[int], header_rows: int, first: int, last: int
) -> list[TableVote]:
    """A table on its side: the first column names the fields, each further column is one vote."""
    field_rows = {r: _field(cells[0].text) for r, cells in enumerate(rows) if cells}
    fields = {r: f for r, f in field_rows.items() if f}
    if len({f for f in fields.values() if f != "voters"}) < 2:
        return []
    width = max(len(c) for c in rows)
    head = rows[0] if header_rows and 0 not in fields else None
    out = []
    for col in range(1, width):
        counts = {}
        for r, f in fields.items():
            if col < len(rows[r]):
                v = _int(rows[r][col])
                if v is not None:
                    counts[f] = v
        if not any(f in counts for f in ("for", "against", "abstain")):
            continue
        subject = head[col] if head is not None and col < len(head) else None
        first_row = min(fields)
        start = rows[first_row][col].start if col < len(rows[first_row]) else rows[first_row][0].start
        last_row = max(fields)
        end = rows[last_row][-1].end
        out.append(
            TableVote(row_lines[first_row], start, end, _strip_numbering(subject), counts, None, first, last)
        )
    return out


def _strip_numbering(cell: Cell | None) -> Cell | None:
    if cell is None or not cell.text.strip():
        return None
    m = _NUMBERING_RE.match(fold_keep(cell.text))
    if m and m.end() < len(cell.text):
        return Cell(cell.text[m.end() :], cell.start + m.end(), cell.end)
    return cell
