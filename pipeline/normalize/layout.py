"""Undo the spacing of layout tools: spaced-out text, and table cells printed as runs of spaces.

The extractors read a table row as one line with tab-separated cells. `pdftotext -layout` and
similar tools print the cells apart by runs of spaces instead, and some exports double every space.
Both are undone within each line, so the page keeps its lines (spans index them).
"""

from __future__ import annotations

import regex

_GAP = regex.compile(r"(?<=\S) +(?=\S)")  # spaces between two words (tabs and line ends excluded)
_INNER_GAP = regex.compile(r"(?<=\S) {2,}(?=\S)")
_CELL_GAP = regex.compile(rf"{_INNER_GAP.pattern}|^ {{2,}}(?=\S)", regex.M)
_BLANK_LINES = regex.compile(r"(\n(?:[ \t]*\n)+)")
_SPACED_OUT = 0.5  # share of the gaps that are exactly two spaces above which the text was spaced out
MIN_ROWS = 2  # lines with cell gaps a paragraph needs to be read as a table


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
    return _CELL_GAP.sub("\t", block)
