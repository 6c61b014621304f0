"""Decisions: minutes' tables and সিদ্ধান্ত blocks, and the directives of letters, orders and notices."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache

import regex

from pipeline.extract.context import DocContext
from pipeline.extract.deadlines import DeadlineInfo, find_deadline
from pipeline.extract.lexicon import Lexicon
from pipeline.extract.patterns import alternation, data, nfc, pattern, strings
from pipeline.extract.segment import Line, sentences

MAX_ADDRESSEE_TOKENS = 9
MAX_RESPONSIBLE_WORDS = 6
TABLE_GAP = 12
_LETTER = "[ক-ঞ]"
_NUMBER = r"[0-9০-৯]{1,2}(?:\.[0-9০-৯]{1,2})*"
ITEM_MARKER = regex.compile(
    rf"^[ \t]*(?:(?P<bullet>[-•*▪●◦])[ \t]+|\(?(?P<ref>{_LETTER}|{_NUMBER}|[a-z]|[ivx]{{1,4}})[ \t]*[).।:]\)?[ \t]*)"
    rf"(?=\S)",
    regex.M,
)
_INLINE_ITEM = regex.compile(rf"(?:^|(?<=\s))\((?P<ref>{_LETTER})\)\s*")
_SERIAL = regex.compile(rf"^\(?{_NUMBER}[).।]?\)?$")
_PRONOUNS = {nfc(w) for w in ("আপনাকে", "তাঁকে", "তাকে", "তাদেরকে", "তাঁদেরকে", "আমাকে", "সকলকে", "থেকে", "দিকে")}


@dataclass(frozen=True)
class DecisionInfo:
    """A decision with its offsets into the file text."""

    ref: str | None
    text: str
    start: int
    end: int
    responsible: list[str] = field(default_factory=list)
    deadline: DeadlineInfo | None = None


@dataclass(frozen=True)
class _Unit:
    """A paragraph or a list item of the body: its label, and its text's span in the file text."""

    ref: str | None
    item: bool
    start: int
    end: int


def decisions(ctx: DocContext, lex: Lexicon, kind: str, first: int, last: int) -> tuple[list[DecisionInfo], list[str]]:
    """The document's decisions in lines first..last-1, and the doubts met on the way."""
    warnings: list[str] = []
    if kind == "minutes":
        found = _table(ctx, lex, first, last, warnings) or _headed(ctx, lex, first, last)
        if found:
            return found, warnings
    return _directives(ctx, lex, first, last, minutes=kind == "minutes"), warnings


# --- minutes: a decision table --------------------------------------------------------------------


@cache
def _column(key: str) -> regex.Pattern[str]:
    columns = data("decisions")["columns"]
    assert isinstance(columns, dict)
    return regex.compile(rf"^{alternation(columns[key])}$")


def _table(ctx: DocContext, lex: Lexicon, first: int, last: int, warnings: list[str]) -> list[DecisionInfo]:
    lines = ctx.lines
    for index in range(first, last):
        cells = lines[index].cells
        decision_col = next((i for i, c in enumerate(cells) if _column("decision").match(c)), None)
        if decision_col is None or len(cells) < 2:
            continue
        responsible_col = next((i for i, c in enumerate(cells) if _column("responsible").match(c)), None)
        rows = list(_rows(lines, index + 1, last))
        found: list[DecisionInfo] = []
        for row in rows:
            found += _row_decisions(ctx, lex, row, len(cells), decision_col, responsible_col, warnings)
        return found
    return []


def _rows(lines: list[Line], first: int, last: int) -> Iterator[list[Line]]:
    """Table rows: a line opening with a serial number, and the tab lines under it with an empty first cell.

    Lines without tabs between rows (page headers, stray signatures) are passed over while another
    numbered row follows within a few lines; otherwise the table has ended.
    """
    row: list[Line] = []
    for index in range(first, last):
        line = lines[index]
        cells = line.cells
        if "\t" in line.text and _SERIAL.match(cells[0]):
            if row:
                yield row
            row = [line]
        elif "\t" in line.text and not cells[0] and row:
            row.append(line)
        elif not _serial_row_ahead(lines, index + 1, min(last, index + TABLE_GAP)):
            break
    if row:
        yield row


def _serial_row_ahead(lines: list[Line], first: int, last: int) -> bool:
    return any("\t" in lines[i].text and _SERIAL.match(lines[i].cells[0]) for i in range(first, last))


def _cell_span(row: list[Line], column: int) -> tuple[int, int] | None:
    """Offsets of a cell on the row's first line (continuation text is appended when read)."""
    line = row[0]
    pos = 0
    for i, cell in enumerate(line.text.split("\t")):
        if i == column:
            lead = len(cell) - len(cell.lstrip())
            return line.start + pos + lead, line.start + pos + len(cell.rstrip())
        pos += len(cell) + 1
    return None


def _row_decisions(
    ctx: DocContext,
    lex: Lexicon,
    row: list[Line],
    width: int,
    decision_col: int,
    responsible_col: int | None,
    warnings: list[str],
) -> list[DecisionInfo]:
    span = _cell_span(row, decision_col)
    if span is None or span[0] >= span[1]:
        return []
    serial = row[0].cells[0].strip("().।")
    responsible: list[str] = []
    if len(row[0].cells) > width:
        warnings.append(f"table row {serial} has {len(row[0].cells)} cells for {width} columns: responsible not read")
    elif responsible_col is not None:
        cell = " ".join(line.cells[responsible_col] for line in row if len(line.cells) > responsible_col)
        responsible = _responsible_cell(cell, ctx, lex)
    return [
        DecisionInfo(
            f"{serial}({ref})" if ref else serial,
            ctx.text[a:b],
            a,
            b,
            responsible,
            find_deadline(ctx.text, a, b, ctx.dates),
        )
        for ref, a, b in _inline_items(ctx.text, *span)
    ]


def _inline_items(text: str, start: int, end: int) -> list[tuple[str | None, int, int]]:
    """Split a cell at inline (ক), (খ) labels; a cell without them is one item."""
    marks = list(_INLINE_ITEM.finditer(text, start, end))
    if not marks:
        return [(None, start, end)]
    items = []
    for mark, following in zip(marks, [*marks[1:], None], strict=False):
        stop = following.start() if following else end
        items.append((mark.group("ref"), mark.end(), _rstrip(text, mark.end(), stop)))
    return items


def _rstrip(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1].isspace():
        end -= 1
    return end


def _responsible_cell(cell: str, ctx: DocContext, lex: Lexicon) -> list[str]:
    """Who a table row names; a cell run together with its neighbour keeps the part named elsewhere."""
    cell = " ".join(cell.split())
    if not cell:
        return []
    words = cell.split()
    contaminated = _column("responsible").match(words[0]) is not None or len(words) > MAX_RESPONSIBLE_WORDS
    if not contaminated:
        return [cell]
    elsewhere = ctx.text[ctx.start : ctx.end].replace(cell, "")
    for i in range(1, len(words)):
        tail = " ".join(words[i:])
        if tail in elsewhere and lex.labels(tail):
            return [tail]
    return [cell]


# --- minutes: সিদ্ধান্ত: headings ----------------------------------------------------------------


@cache
def _heading() -> regex.Pattern[str]:
    heading = nfc(str(data("decisions")["heading"]))
    return regex.compile(rf"^[ \t]*(?P<agenda>{_NUMBER})?[ \t]*{heading}[ \t]*")


def _headed(ctx: DocContext, lex: Lexicon, first: int, last: int) -> list[DecisionInfo]:
    found: list[DecisionInfo] = []
    quoted = pattern("decisions", "quoted")
    index = first
    while index < last:
        line = ctx.lines[index]
        match = _heading().match(line.text)
        if not match or quoted.search(line.text):
            index += 1
            continue
        agenda = match.group("agenda")
        stop = _block_end(ctx, index + 1, last)
        units = _units(ctx, index, stop, skip=match.end())
        for unit in units:
            ref = f"{agenda}({unit.ref})" if agenda and unit.ref else unit.ref or agenda
            found += _unit_decisions(ctx, lex, unit, ref, [], None)
        index = stop
    return found


@cache
def _agenda() -> regex.Pattern[str]:
    """A line that opens the next agenda item or its discussion: ২। …, ৩.১ …, আলোচ্য…, আলোচনা…"""
    return regex.compile(rf"^[ \t]*(?:{_NUMBER}[ \t]*[।.][ \t]*\S|আলোচ্য|আলোচনা|বিষয়)")


def _block_end(ctx: DocContext, first: int, last: int) -> int:
    """A সিদ্ধান্ত block runs to the next heading or agenda item; its own items use ক) or (১)."""
    for index in range(first, last):
        text = ctx.lines[index].text
        if _heading().match(text) or _agenda().match(text):
            return index
    return last


# --- letters, orders, notifications, and minutes in narrative ---------------------------------------


def _units(ctx: DocContext, first: int, last: int, skip: int = 0) -> list[_Unit]:
    """Paragraphs and list items of lines first..last-1; a line joins the one before unless a gap
    or a list marker separates them. `skip` characters of the first line are left out (a heading)."""
    units: list[_Unit] = []
    for index in range(first, last):
        line = ctx.lines[index]
        offset = line.start + (skip if index == first else 0)
        marker = ITEM_MARKER.match(ctx.text, offset, line.end)
        if marker or ctx.gap_before(index) or not units or index == first:
            ref = marker.group("ref") if marker else None
            start = marker.end() if marker else offset + _lead(ctx.text[offset : line.end])
            if start < line.end:
                units.append(_Unit(ref, marker is not None, start, line.end))
        else:
            last_unit = units[-1]
            units[-1] = _Unit(last_unit.ref, last_unit.item, last_unit.start, line.end)
    return units


def _lead(text: str) -> int:
    return len(text) - len(text.lstrip())


def _directives(ctx: DocContext, lex: Lexicon, first: int, last: int, *, minutes: bool) -> list[DecisionInfo]:
    found: list[DecisionInfo] = []
    lead_in: tuple[list[str], DeadlineInfo | None] | None = None
    units = _units(ctx, first, last)
    for position, unit in enumerate(units):
        if unit.item and lead_in is not None:
            found += _unit_decisions(ctx, lex, unit, unit.ref, *lead_in)
            continue
        lead_in = None
        spans = sentences(ctx.text[unit.start : unit.end], unit.start)
        list_follows = position + 1 < len(units) and _opens_list(ctx, units[position + 1])
        for number, (a, b) in enumerate(spans):
            sentence = ctx.text[a:b]
            if not _is_decision(sentence, minutes=minutes):
                continue
            if _is_lead_in(sentence, last=number == len(spans) - 1, list_follows=list_follows):
                lead_in = (_addressees(sentence, lex), find_deadline(ctx.text, a, b, ctx.dates))
            else:
                found.append(_decision(ctx, lex, unit.ref, a, b, [], None))
    return found


def _opens_list(ctx: DocContext, unit: _Unit) -> bool:
    """Whether a unit starts a list of items or a table."""
    return unit.item or "\t" in ctx.text[unit.start : unit.end] or ctx.text[unit.start : unit.end].endswith("|")


def _unit_decisions(
    ctx: DocContext,
    lex: Lexicon,
    unit: _Unit,
    ref: str | None,
    inherited: list[str],
    inherited_deadline: DeadlineInfo | None,
) -> list[DecisionInfo]:
    text = ctx.text[unit.start : unit.end]
    if _excluded(text) or pattern("decisions", "quoted").search(text):
        return []
    return [_decision(ctx, lex, ref, unit.start, unit.end, inherited, inherited_deadline)]


def _decision(
    ctx: DocContext,
    lex: Lexicon,
    ref: str | None,
    start: int,
    end: int,
    inherited: list[str],
    inherited_deadline: DeadlineInfo | None,
) -> DecisionInfo:
    text = ctx.text[start:end]
    responsible = _labelled_responsible(text) or inherited or _addressees(text, lex) or _subject_of(text, lex)
    deadline = find_deadline(ctx.text, start, end, ctx.dates) or inherited_deadline
    return DecisionInfo(ref, " ".join(text.split()), start, end, responsible, deadline)


def _is_decision(sentence: str, *, minutes: bool) -> bool:
    if _excluded(sentence) or pattern("decisions", "quoted").search(sentence):
        return False
    if minutes and pattern("decisions", "minutes_decision").search(sentence):
        return True
    return pattern("decisions", "directive").search(sentence) is not None


def _excluded(text: str) -> bool:
    return pattern("decisions", "exclude").search(text) is not None


def _is_lead_in(sentence: str, *, last: bool, list_follows: bool) -> bool:
    """A sentence that only opens a list: it ends with a colon, or names what follows (নিম্নোক্ত…)
    and a list or table does follow."""
    if sentence.rstrip().endswith((":", ":-", "ঃ", "-")):
        return True
    return last and list_follows and pattern("decisions", "lead_in").search(sentence) is not None


@cache
def _responsible_label() -> regex.Pattern[str]:
    label = nfc(str(data("decisions")["responsible_label"]))
    return regex.compile(rf"\(?{label}\s*(?P<who>[^()\n]+?)\)?\s*(?:[।;]|$)")


def _labelled_responsible(text: str) -> list[str]:
    match = _responsible_label().search(text)
    if not match:
        return []
    return [w.strip() for w in regex.split(r"\s*[;,]\s*(?=\S)", match.group("who").strip()) if w.strip()]


@cache
def _clause_breaks() -> frozenset[str]:
    return frozenset(nfc(w) for w in strings("decisions", "clause_breaks"))


def _addressees(sentence: str, lex: Lexicon) -> list[str]:
    """Who a directive asks to act: the office phrase marked with -কে (…দপ্তর/সংস্থাকে নির্দেশনা…)."""
    doc = lex.tokens(sentence)
    positions = _token_offsets(sentence, doc)
    for i, token in enumerate(doc):
        if not token.endswith("কে") or token in _PRONOUNS:
            continue
        first = i
        while first > 0 and i - first < MAX_ADDRESSEE_TOKENS:
            previous = doc[first - 1]
            if previous in _clause_breaks() or previous in {",", "।", ";", ":"} or previous.endswith("তে"):
                break
            first -= 1
        phrase = sentence[positions[first] : positions[i] + len(token) - 2].strip()
        if lex.labels(phrase + " ") or "সকল" in phrase:
            return [phrase]
    return []


def _token_offsets(text: str, tokens: list[str]) -> list[int]:
    offsets, pos = [], 0
    for token in tokens:
        pos = text.index(token, pos)
        offsets.append(pos)
        pos += len(token)
    return offsets


def _subject_of(sentence: str, lex: Lexicon) -> list[str]:
    """The post or office a …করবেন sentence opens with (সকল জেলা শিক্ষা অফিসার … করবেন)."""
    if not regex.search(r"(?:করবেন|করিবেন|নিবেন|দিবেন|পাঠাবেন|পাঠাইবেন)", sentence):
        return []
    words = sentence.split()
    for count in range(1, min(len(words), MAX_ADDRESSEE_TOKENS) + 1):
        if lex.has_designation(words[count - 1]):
            return [" ".join(words[:count]).strip(",")]
    return []
