"""Strip the markup that web copies and converters leave in page text, keeping its line structure.

Web pages copied into text keep HTML table cells (`<td>`), paragraphs (`<p>`) and Markdown emphasis
(`**…**`, `\\_`). A table nested in a cell is flattened into the cell's text: the layout around it
(tab-separated cells, one row a line) carries the structure the extractors read. Pipe tables — Markdown
rows and the one-cell-a-line layout of web and OCR copies — become that same layout. In a whole HTML
page, `<br>` and the end of a paragraph break the line, as a browser shows them (but not inside a row of
tab-separated cells); tags strayed into plain text mark no lines.
"""

from __future__ import annotations

import html

import regex

_NESTED_TABLE = regex.compile(r"<table\b[^>]*>.*?</table>", regex.S | regex.I)
_TAGS = r"</?[a-zA-Z][^<>\n]*>"
_TAG = regex.compile(_TAGS)
_HTML_PAGE = regex.compile(r"^\s*<(?:!doctype|html|body)\b", regex.I)
# A <br> at the end of a line only repeats the line break; a paragraph's end leaves a blank line.
_BREAK = regex.compile(r" *(?:<br\s*/?> *(?=\S)|</p\s*>) *", regex.I)
_TAG_RUN = regex.compile(rf"(?:{_TAGS})+")
_EMPHASIS = regex.compile(r"\*\*")
_ESCAPE = regex.compile(r"\\([_*\[\]()#.\-])")
_CELL_LINE = regex.compile(r"^(?P<cell>[^|]*?)\s*\|\s*$")
_ROW_LINE = regex.compile(r"^\s*\|(?P<cells>.*\|)\s*$")
_RULE_ROW = regex.compile(r"^[\s|:\-–]+$")
_SERIAL = regex.compile(r"^\(?[0-9০-৯]{1,3}[।.)]?\)?$")
INTERRUPTION = 4  # lines that are not cells (a page footer) a run of cells may hold


def _flatten_table(match: regex.Match[str]) -> str:
    cells = (c.strip() for c in _TAG.split(match.group(0)))
    return " " + " ".join(c for c in cells if c) + " "


def strip_markup(text: str) -> str:
    """Plain text from text that may hold HTML fragments, Markdown emphasis or pipe tables; newlines
    are kept, and table rows come out one a line with tab-separated cells."""
    if "<" in text:
        text = _NESTED_TABLE.sub(_flatten_table, text)
        if _HTML_PAGE.match(text):
            text = _html_breaks(text)
        text = html.unescape(_TAG_RUN.sub(_untag, text))
    text = _ESCAPE.sub(r"\1", _EMPHASIS.sub("", text))
    return pipe_rows(text) if "|" in text else text


def _untag(run: regex.Match[str]) -> str:
    """A space for tags between two words, to keep them apart; nothing for tags next to a blank or a
    line's edge, so that the gaps around them (cells printed apart by spaces) keep their width."""
    text, start, end = run.string, run.start(), run.end()
    return " " if text[start - 1 : start].strip() and text[end : end + 1].strip() else ""


def _html_breaks(text: str) -> str:
    """Line breaks for `<br>` and `</p>` in an HTML page, except in rows of tab-separated cells."""
    return "\n".join(line if "\t" in line else _BREAK.sub("\n", line) for line in text.split("\n"))


def pipe_rows(text: str) -> str:
    """Tab-separated rows from Markdown rows (| a | b |) and from runs of one-cell lines (ক্রমিক নং |⏎
    আলোচনা |⏎…), whose rows start at a serial-number cell."""
    lines = text.split("\n")
    out: list[str] = []
    index = 0
    while index < len(lines):
        row = _ROW_LINE.match(lines[index])
        if row:
            if not _RULE_ROW.match(lines[index]):
                out.append("\t".join(c.strip() for c in row.group("cells").split("|")[:-1]))
            index += 1
            continue
        end = _cell_run_end(lines, index)
        if end - index >= 2:
            out += _cell_run_rows(lines[index:end])
            index = end
        else:
            out.append(lines[index])
            index += 1
    return "\n".join(out)


def _cell_run_end(lines: list[str], start: int) -> int:
    """The end of a run of one-cell lines starting at `start` (`start` itself when it is no cell)."""
    if not _CELL_LINE.match(lines[start]):
        return start
    end = probe = start
    while probe < len(lines):
        if _CELL_LINE.match(lines[probe]):
            end = probe = probe + 1
        elif probe - end < INTERRUPTION and any(_CELL_LINE.match(x) for x in lines[probe + 1 : end + INTERRUPTION]):
            probe += 1
        else:
            break
    return end


def _cell_run_rows(run: list[str]) -> list[str]:
    """The header's cells on one line, then one line per row; lines that are not cells follow them,
    so the run keeps its number of lines."""
    rows: list[list[str]] = [[]]
    others: list[str] = []
    for line in run:
        cell = _CELL_LINE.match(line)
        if cell is None:
            others.append(line)
            continue
        value = cell.group("cell").strip()
        if _SERIAL.match(value) and rows[-1]:
            rows.append([])
        rows[-1].append(value)
    joined = ["\t".join(row) for row in rows if row]
    return joined + others + [""] * (len(run) - len(joined) - len(others))
