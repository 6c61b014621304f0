"""Text in reading order from OCR word boxes: lines, tab-separated cells, and table rows kept together.

A table is read by its rules where clean-up found them (`Rule`, in the page's pixels): the vertical rules are
its column boundaries and the horizontal ones its row boundaries, so a ruled table reads cell by cell even
where its header row, whose gaps the unruled reading follows, is on another page. Measured on the rendered
scan corpus, whose minutes print their decision table ruled across pages: see README, Scans and PDFs.
"""

from __future__ import annotations

import bisect
import itertools
import statistics
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import regex

if TYPE_CHECKING:
    from pipeline.ocr.tesseract import OcrWord

# A row of a decision table starts with a serial number in its first cell: ১, ০২।, 3., (৪).
_SERIAL = regex.compile(r"^\(?[০-৯0-9]{1,3}(?:[.।)]|\.[০-৯0-9]{1,2})?\)?$")
# A gap between words wider than this many median word heights separates columns, not words: word spaces
# measured 0.2–0.8 heights on rendered pages, gaps between table cells 1.3 and more.
COLUMN_GAP = 1.2
# A header row has at least this many cells; the gaps between them must stay at least STRIPE_MIN heights
# wide down the table (the white between two columns).
MIN_COLUMNS = 3
STRIPE_MIN = 0.3
# A decision table's header spans at least this share of the page (a signature block's columns do not).
MIN_HEADER_SPAN = 0.4


# Vertical rules overlapping over at least this share of the shorter one's length belong to one table.
SAME_TABLE_OVERLAP = 0.5
# A horizontal rule belongs to a table when it lies within this many line heights of the table's top or
# bottom and covers at least this share of its width.
RULE_REACH = 0.5
RULE_COVER = 0.5


@dataclass(frozen=True)
class Rule:
    """A straight rule clean-up took off the page, from (x0, y0) to (x1, y1) in the page image's pixels."""

    x0: float
    y0: float
    x1: float
    y1: float

    @property
    def vertical(self) -> bool:
        return abs(self.y1 - self.y0) > abs(self.x1 - self.x0)

    def moved(self, point: Callable[[float, float], tuple[float, float]]) -> Rule:
        """The rule with both ends taken where `point` takes a pixel (a rotation, a turn, a scaling)."""
        (x0, y0), (x1, y1) = point(self.x0, self.y0), point(self.x1, self.y1)
        return Rule(x0, y0, x1, y1)


@dataclass(frozen=True)
class Grid:
    """A ruled table: the x of its vertical rules, the y of the horizontal rules inside it, and its extent."""

    columns: list[float]
    rows: list[float]
    left: float
    top: float
    right: float
    bottom: float

    def holds(self, word: OcrWord) -> bool:
        x, y = word.left + word.width / 2, word.top + word.height / 2
        return self.left <= x <= self.right and self.top <= y <= self.bottom


def ruled_grids(rules: Sequence[Rule], height: float) -> list[Grid]:
    """The tables the rules draw: vertical rules that run side by side, with the horizontal rules across them
    (at least one)."""
    verticals = sorted(((r.x0 + r.x1) / 2, min(r.y0, r.y1), max(r.y0, r.y1)) for r in rules if r.vertical)
    tables: list[list[tuple[float, float, float]]] = []
    for rule in sorted(verticals, key=lambda v: v[1]):
        table = next((t for t in tables if any(_overlap(rule, other) for other in t)), None)
        if table is None:
            tables.append([rule])
        else:
            table.append(rule)
    grids = (_grid(sorted(table), rules, height) for table in tables if len(table) >= 2)
    # A table has a rule across it (its top or bottom border at least); two vertical strokes alone are as
    # likely the sides of a round stamp.
    return [grid for grid in grids if grid.rows]


def _overlap(a: tuple[float, float, float], b: tuple[float, float, float]) -> bool:
    shared = min(a[2], b[2]) - max(a[1], b[1])
    return shared >= SAME_TABLE_OVERLAP * min(a[2] - a[1], b[2] - b[1])


def _grid(verticals: list[tuple[float, float, float]], rules: Sequence[Rule], height: float) -> Grid:
    left, right = verticals[0][0], verticals[-1][0]
    top, bottom = min(v[1] for v in verticals), max(v[2] for v in verticals)
    rows: list[float] = []
    for rule in rules:
        if rule.vertical:
            continue
        y, start, end = (rule.y0 + rule.y1) / 2, min(rule.x0, rule.x1), max(rule.x0, rule.x1)
        near = top - RULE_REACH * height <= y <= bottom + RULE_REACH * height
        if near and min(end, right) - max(start, left) >= RULE_COVER * (right - left):
            rows.append(y)
            left, right = min(left, start), max(right, end)
    return Grid([v[0] for v in verticals], sorted(rows), left, top, right, bottom)


@dataclass
class Line:
    """Words on one visual line, left to right."""

    words: list[OcrWord]

    @property
    def top(self) -> int:
        return min(word.top for word in self.words)

    @property
    def bottom(self) -> int:
        return max(word.top + word.height for word in self.words)


def visual_lines(words: list[OcrWord]) -> list[Line]:
    """Tesseract's lines, with lines side by side (one row of a table, split by the engine) joined, top to bottom."""
    groups: dict[tuple[int, int, int], list[OcrWord]] = {}
    for word in words:
        groups.setdefault((word.block, word.par, word.line), []).append(word)
    lines = sorted((Line(group) for group in groups.values()), key=lambda line: (line.top + line.bottom) / 2)
    merged: list[Line] = []
    for line in lines:
        target = next((other for other in reversed(merged[-3:]) if _side_by_side(other, line)), None)
        if target is None:
            merged.append(line)
        else:
            target.words.extend(line.words)
    for line in merged:
        line.words.sort(key=lambda word: word.left)
    return merged


def _side_by_side(a: Line, b: Line) -> bool:
    """Whether two lines are parts of one visual line: mostly the same height band, no word over another."""
    overlap = min(a.bottom, b.bottom) - max(a.top, b.top)
    if overlap <= 0.5 * min(a.bottom - a.top, b.bottom - b.top):
        return False
    return all(x.left + x.width <= y.left or y.left + y.width <= x.left for x in a.words for y in b.words)


def split_cells(line: Line, gap: float) -> list[list[OcrWord]]:
    """The words of a line in runs separated by gaps wider than ``gap`` pixels."""
    cells: list[list[OcrWord]] = [[line.words[0]]]
    for previous, word in itertools.pairwise(line.words):
        if word.left - (previous.left + previous.width) > gap:
            cells.append([word])
        else:
            cells[-1].append(word)
    return cells


def _text(words: list[OcrWord]) -> str:
    return " ".join(word.text for word in words)


def page_text(words: list[OcrWord], page_width: int, rules: Sequence[Rule] = ()) -> str:
    """Text lines in reading order; cells split by a TAB; a table's rows one line each: by its rules where
    it is ruled (`rules`), else by the gaps under a header row and the serial numbers that open rows."""
    if not words:
        return ""
    heights = [word.height for word in words if word.conf > 0] or [word.height for word in words]
    height = float(statistics.median(heights))
    ruled: list[tuple[float, list[str]]] = []
    for grid in ruled_grids(rules, height):
        rows = _grid_rows(grid, [word for word in words if grid.holds(word)], height)
        if rows:
            ruled.append((grid.top, rows))
            words = [word for word in words if not grid.holds(word)]
    ruled.sort(key=lambda table: table[0])
    lines = visual_lines(words)
    out: list[str] = []
    index = 0
    while index < len(lines):
        while ruled and ruled[0][0] < (lines[index].top + lines[index].bottom) / 2:
            out.extend(ruled.pop(0)[1])
        table = _table(lines, index, height, page_width)
        if table is not None:
            rows, index = table
            out.extend(rows)
            continue
        out.append("\t".join(_text(cell) for cell in split_cells(lines[index], COLUMN_GAP * height)))
        index += 1
    out.extend(row for _, rows in ruled for row in rows)
    return "\n".join(out)


def _grid_rows(grid: Grid, words: list[OcrWord], height: float) -> list[str] | None:
    """A ruled table's rows as tab-separated lines; None when its words fill fewer than two columns (a box
    around a paragraph, a signature's frame). Rows are the bands between its horizontal rules; a table ruled
    only down its columns has rows opened by serial numbers."""
    edges = [y for y in grid.rows if grid.top + height / 2 < y < grid.bottom - height / 2]
    if edges:
        bands: dict[int, list[OcrWord]] = {}
        for word in words:
            bands.setdefault(bisect.bisect(edges, word.top + word.height / 2), []).append(word)
        groups = [visual_lines(band) for _, band in sorted(bands.items())]
    else:
        groups = [visual_lines(words)]
    rows = [row for group in groups for row in _rows(group, grid.columns, serial_rows=not edges)]
    used = [i for i in range(len(grid.columns) + 1) if any(row[i] for row in rows)]
    if len(used) < 2:
        return None
    return ["\t".join(" ".join(cell) for cell in row[used[0] : used[-1] + 1]) for row in rows]


def _rows(lines: list[Line], boundaries: list[float], *, serial_rows: bool) -> list[list[list[str]]]:
    """The lines' words in cells split at `boundaries`. With `serial_rows`, a line whose first cell is a serial
    number (and the first line) opens a row and the lines after it continue that row; else all make one row."""
    rows: list[list[list[str]]] = []
    for number, line in enumerate(lines):
        cells: list[list[str]] = [[] for _ in range(len(boundaries) + 1)]
        for word in line.words:
            cells[bisect.bisect(boundaries, word.left + word.width / 2)].append(word.text)
        if number == 0 or (serial_rows and _SERIAL.match(" ".join(cells[0]))):
            rows.append(cells)
        else:
            for row_cell, cell in zip(rows[-1], cells, strict=True):
                row_cell.extend(cell)
    return rows


def _table(lines: list[Line], start: int, height: float, page_width: int) -> tuple[list[str], int] | None:
    """Rows of the table whose header is ``lines[start]``, and the index of the line after it; None if no table.

    The header's wide gaps are followed down the lines below; each line that leaves every gap at least
    STRIPE_MIN heights of white joins the table. The middles of the gaps are the column boundaries. A line
    whose first cell is a serial number starts a row; the lines after it, up to the next, continue it.
    """
    header = lines[start].words
    if header[-1].left + header[-1].width - header[0].left < MIN_HEADER_SPAN * page_width:
        return None
    stripes = [
        (a.left + a.width, b.left)
        for a, b in itertools.pairwise(header)
        if b.left - (a.left + a.width) > COLUMN_GAP * height
    ]
    if len(stripes) < MIN_COLUMNS - 1:
        return None
    end = start + 1
    while end < len(lines) and lines[end].top - lines[end - 1].bottom < 3 * height:
        narrowed = [_narrow(stripe, lines[end]) for stripe in stripes]
        if any(right - left < STRIPE_MIN * height for left, right in narrowed):
            break
        stripes = narrowed
        end += 1
    rows = _rows(lines[start:end], [(left + right) / 2 for left, right in stripes], serial_rows=True)
    if len(rows) < 2:
        return None
    return ["\t".join(" ".join(cell) for cell in row) for row in rows], end


def _narrow(stripe: tuple[int, int], line: Line) -> tuple[int, int]:
    """The widest part of ``stripe`` that no word of ``line`` covers."""
    left, right = stripe
    best = (left, left)
    for word in line.words:
        if word.left + word.width <= left or word.left >= right:
            continue
        if word.left - left > best[1] - best[0]:
            best = (left, word.left)
        left = max(left, word.left + word.width)
    if right - left > best[1] - best[0]:
        best = (left, right)
    return best
