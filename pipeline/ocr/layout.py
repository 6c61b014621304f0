"""Text in reading order from OCR word boxes: lines, tab-separated cells, and table rows kept together."""

from __future__ import annotations

import bisect
import itertools
import statistics
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


def page_text(words: list[OcrWord], page_width: int) -> str:
    """Text lines in reading order; cells split by a TAB; a table's rows (serial number first) one line each."""
    if not words:
        return ""
    heights = [word.height for word in words if word.conf > 0] or [word.height for word in words]
    height = float(statistics.median(heights))
    lines = visual_lines(words)
    out: list[str] = []
    index = 0
    while index < len(lines):
        table = _table(lines, index, height, page_width)
        if table is not None:
            rows, index = table
            out.extend(rows)
            continue
        out.append("\t".join(_text(cell) for cell in split_cells(lines[index], COLUMN_GAP * height)))
        index += 1
    return "\n".join(out)


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
    boundaries = [(left + right) / 2 for left, right in stripes]
    rows: list[list[list[str]]] = []
    for number, line in enumerate(lines[start:end]):
        cells: list[list[str]] = [[] for _ in range(len(boundaries) + 1)]
        for word in line.words:
            cells[bisect.bisect(boundaries, word.left + word.width / 2)].append(word.text)
        if number == 0 or _SERIAL.match(" ".join(cells[0])):
            rows.append(cells)
        else:
            for row_cell, cell in zip(rows[-1], cells, strict=True):
                row_cell.extend(cell)
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
