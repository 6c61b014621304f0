"""Undo the spacing of layout tools: spaced-out text, and table cells printed as runs of spaces.

The extractors read a table row as one line with tab-separated cells. `pdftotext -layout` and
similar tools print the cells apart by runs of spaces instead, and some exports double every space.
Both are undone within each line, so the page keeps its lines (spans index them). Where the cells of a
table stand in aligned columns, a line's cells keep their columns: a wrapped cell's next line, indented
to the third column, gets two empty cells before it, not one.
"""

from __future__ import annotations

import regex

_GAP = regex.compile(r"(?<=\S) +(?=\S)")  # spaces between two words (tabs and line ends excluded)
_INNER_GAP = regex.compile(r"(?<=\S) {2,}(?=\S)")
_CELL_GAP = regex.compile(rf"{_INNER_GAP.pattern}|^ {{2,}}(?=\S)", regex.M)
_BLANK_LINES = regex.compile(r"(\n(?:[ \t]*\n)+)")
_CELL = regex.compile(r"[^ \t](?:[^\t]*?[^ \t])??(?= {2,}|\t|$)", regex.M)
_SPACED_OUT = 0.5  # share of the gaps that are exactly two spaces above which the text was spaced out
MIN_ROWS = 2  # lines with cell gaps a paragraph needs to be read as a table
# Cells whose starts lie this many characters apart or less stand in one column (a layout tool places
# text by its width on the page, and Bangla letters are of uneven width).
ALIGNMENT = 3


def collapse_spacing(text: str) -> str:
    """Text whose gaps between words are mostly two spaces, with every gap halved; other text as it is.

    A spaced-out export doubles each gap, so halving restores the original, wider gaps included.
    """
    gaps = [len(m.group()) for m in _GAP.finditer(text)]
    if not gaps or gaps.count(2) <= _SPACED_OUT * len(gaps):
        return text
    return _GAP.sub(lambda m: " " * ((len(m.group()) + 1) // 2), text)


def restore_columns(text: str) -> str:
    """Tabs for the runs of spaces that separate cells, in paragraphs that read as tables.

    A paragraph (lines between blank lines) is a table when at least MIN_ROWS of its lines, and at
    least half of them, have a run of two or more spaces inside; one such line alone is a typo. In a
    table, an indent of two or more spaces is an empty first cell.
    """
    return "".join(_table_or_prose(block) for block in _BLANK_LINES.split(text))


def _table_or_prose(block: str) -> str:
    """One paragraph (or the blank lines between two) with its cell gaps made tabs if it is a table."""
    lines = block.split("\n")
    rows = sum(1 for line in lines if _INNER_GAP.search(line))
    if rows < MIN_ROWS or 2 * rows < len(lines):
        return block
    cells = [_cells(line) for line in lines]
    starts = _column_starts(cells)
    if starts is None:
        return _CELL_GAP.sub("\t", block)
    return "\n".join(_aligned(line, found, starts) for line, found in zip(lines, cells, strict=True))


def _cells(line: str) -> list[tuple[int, str]]:
    """The cells of a line (text between runs of two or more spaces, or tabs), with where each starts."""
    return [(m.start(), m.group()) for m in _CELL.finditer(line)]


def _column_starts(rows: list[list[tuple[int, str]]]) -> list[int] | None:
    """Where the columns start: the cell starts of the widest lines, when they stand in as many aligned
    columns as those lines have cells; None when they do not (cells set apart by gaps of any width)."""
    width = max(len(row) for row in rows)
    widest = [row for row in rows if len(row) == width]
    if width < 2:
        return None
    clusters: list[list[int]] = []
    for start in sorted(start for row in widest for start, _ in row):
        if clusters and start - clusters[-1][-1] <= ALIGNMENT:
            clusters[-1].append(start)
        else:
            clusters.append([start])
    return [cluster[0] for cluster in clusters] if len(clusters) == width else None


def _aligned(line: str, cells: list[tuple[int, str]], starts: list[int]) -> str:
    """The line as tab-separated cells in their columns; a line whose cells stand in no column, as it is
    with its gaps made tabs."""
    columns = [column for start, _ in cells if (column := _column(start, starts)) is not None]
    if not cells or len(columns) < len(cells) or len(set(columns)) < len(columns):
        return _CELL_GAP.sub("\t", line)
    placed = [""] * (max(columns) + 1)
    for column, (_, text) in zip(columns, cells, strict=True):
        placed[column] = text
    return "\t".join(placed)


def _column(start: int, starts: list[int]) -> int | None:
    nearest = min(range(len(starts)), key=lambda i: abs(starts[i] - start))
    return nearest if abs(starts[nearest] - start) <= 2 * ALIGNMENT else None
