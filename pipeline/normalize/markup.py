"""Strip the markup that web copies and converters leave in page text, keeping its line structure.

Web pages copied into text keep HTML table cells (`<td>`), paragraphs (`<p>`) and Markdown emphasis
(`**…**`, `\\_`). A table nested in a cell is flattened into the cell's text: the layout around it
(tab-separated cells, one row a line) carries the structure the extractors read.
"""

from __future__ import annotations

import html

import regex

_NESTED_TABLE = regex.compile(r"<table\b[^>]*>.*?</table>", regex.S | regex.I)
_TAG = regex.compile(r"</?[a-zA-Z][^<>\n]*>")
_EMPHASIS = regex.compile(r"\*\*")
_ESCAPE = regex.compile(r"\\([_*\[\]()#.\-])")


def _flatten_table(match: regex.Match[str]) -> str:
    cells = (c.strip() for c in _TAG.split(match.group(0)))
    return " " + " ".join(c for c in cells if c) + " "


def strip_markup(text: str) -> str:
    """Plain text from text that may hold HTML fragments or Markdown emphasis; newlines are kept."""
    if "<" in text:
        text = _NESTED_TABLE.sub(_flatten_table, text)
        text = html.unescape(_TAG.sub(" ", text))
    return _ESCAPE.sub(r"\1", _EMPHASIS.sub("", text))
