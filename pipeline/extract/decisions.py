"""Decisions: minutes' tables and সিদ্ধান্ত blocks, and the directives of letters, orders and notices."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from functools import cache

import regex

from pipeline.extract.actors import (
    actor_after_verb,
    addressees,
    agent,
    audience,
    headed_by_post,
    item_subject,
    opening_actor,
    purpose_actor,
    split_people,
    subject_of,
)
from pipeline.extract.context import TITLE_LINE, DocContext
from pipeline.extract.deadlines import DeadlineInfo, column_deadline, find_deadline
from pipeline.extract.lexicon import Lexicon
from pipeline.extract.patterns import QUOTED, alternation, data, nfc, pattern, strings, words
from pipeline.extract.people import addressee_post
from pipeline.extract.segment import BULLET, ITEM_MARKER, LETTER_LABEL, NUMBER_LABEL, Line, sentences
from pipeline.normalize.dates import find_dates, pair_dates
from pipeline.normalize.digits import to_ascii_digits
from pipeline.warning_codes import warning

DUTY_KINDS = frozenset({"notification", "office_order", "circular"})  # their numbered duties are decisions
_LETTERS = "কখগঘঙচছজঝঞ"
MAX_RESPONSIBLE_WORDS = 6
TABLE_GAP = 12
MAX_INTERRUPTION = 5  # units of page furniture a list may run across: footer, header, initials, a date
INTERRUPTION_CHARS = 100
AGENDA_REACH = 16  # characters after a list label within which an agenda word makes the line an agenda item
# A sentence of fewer words is a fragment (the verb of a paragraph a page break cut: … করবেন।), no decision.
MIN_SENTENCE_WORDS = 3
_INLINE_ITEM = regex.compile(rf"(?:^|(?<=\s))\((?P<ref>{LETTER_LABEL})\)\s*")
# A table row's serial: ১, ০২।, (৩), or a decision's number with its year (১/২০২৪).
_SERIAL = regex.compile(rf"^\(?{NUMBER_LABEL}[).।]?\)?$|^[0-9০-৯]{{1,3}}/[0-9০-৯]{{2,4}}$")
_LETTER = regex.compile(r"\p{L}")
_LEAD_ENDS = (":", ":-", "ঃ", "-", "—")  # how a sentence that leads into a list ends


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
    """A paragraph or a list item of the body: its label, its text's span, and its marker's style."""

    ref: str | None
    item: bool
    start: int
    end: int
    style: str | None = None


def decisions(
    ctx: DocContext, lex: Lexicon, kind: str, first: int, last: int, skip: int = 0
) -> tuple[list[DecisionInfo], list[str]]:
    """The document's decisions in lines first..last-1 (less `skip` characters of the first line), and
    the doubts met on the way.

    Structure is evidence, not a gate: a decision table or সিদ্ধান্ত: heading is read whatever the
    document's type; without one, directive and operative sentences; without those, sentences with weak
    cues only, then the body's labelled items — each fallback named in the warnings.
    """
    warnings: list[str] = []
    found = _table(ctx, lex, first, last, warnings) or _headed(ctx, lex, first, last)
    if not found:
        found, weak = _directives(ctx, lex, first, last, skip, kind=kind)
        if not found and weak:
            found = weak
            warnings.append(
                warning("decisions-fallback", "sentences that only say something is required are the decisions")
            )
        if not found:
            found = _labelled_items(ctx, lex, first, last, skip)
            if found:
                warnings.append(warning("decisions-fallback", "the body's labelled items are taken as its decisions"))
    return _with_audience(ctx, lex, first, last, found), warnings


def _labelled_items(ctx: DocContext, lex: Lexicon, first: int, last: int, skip: int) -> list[DecisionInfo]:
    units = _units(ctx, first, last, skip)
    return [d for unit in units if unit.item for d in _unit_decisions(ctx, lex, unit, unit.ref, _LeadIn.none())]


def _with_audience(
    ctx: DocContext, lex: Lexicon, first: int, last: int, found: list[DecisionInfo]
) -> list[DecisionInfo]:
    """Requests that name no one fall to the readers the notice opens with (…কৃষকদের অবগতির জন্য
    জানানো যাচ্ছে যে …); an operative act names no one."""
    if first >= last or all(d.responsible for d in found):
        return found
    readers = audience(ctx.text[ctx.lines[first].start : ctx.lines[last - 1].end], lex)
    if not readers:
        return found
    return [d if d.responsible or _operative_only(d.text) else replace(d, responsible=readers) for d in found]


def _operative_only(text: str) -> bool:
    return _matches("operative", text) and not _matches("directive", text)


# --- minutes: a decision table --------------------------------------------------------------------


@cache
def _column(key: str) -> regex.Pattern[str]:
    columns = data("decisions")["columns"]
    assert isinstance(columns, dict)
    return regex.compile(rf"^{alternation(columns[key])}$")


def _table(ctx: DocContext, lex: Lexicon, first: int, last: int, warnings: list[str]) -> list[DecisionInfo]:
    found = _table_rows(ctx.lines, first, last)
    if found is None:
        return []
    columns, rows = found
    return [d for row in rows for d in _row_decisions(ctx, lex, row, columns, warnings)]


def table_lines(lines: list[Line], first: int, last: int) -> set[int]:
    """The indices of the lines of a decision table's rows (none where there is no table)."""
    found = _table_rows(lines, first, last)
    index = {line.start: number for number, line in enumerate(lines)}
    return {index[line.start] for row in found[1] for line in row} if found else set()


def _table_rows(lines: list[Line], first: int, last: int) -> tuple[_Columns, list[list[Line]]] | None:
    """The first decision table's columns (from its header row, the one naming a সিদ্ধান্ত column) and rows."""
    for index in range(first, last):
        cells = lines[index].cells
        decision_col = next((i for i, c in enumerate(cells) if _column("decision").match(c)), None)
        if decision_col is None or len(cells) < 2:
            continue
        columns = _Columns(
            len(cells),
            decision_col,
            next((i for i, c in enumerate(cells) if _column("responsible").match(c)), None),
            next((i for i, c in enumerate(cells) if _column("deadline").match(c)), None),
            next((i for i, c in enumerate(cells) if _column("discussion").match(c)), None),
        )
        return columns, list(_rows(lines, index + 1, last))
    return None


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


def _cell_span(line: Line, column: int) -> tuple[int, int] | None:
    """File offsets of a cell on one line, its blanks left out; None where the line has no such cell."""
    pos = 0
    for i, cell in enumerate(line.text.split("\t")):
        if i == column:
            lead = len(cell) - len(cell.lstrip())
            return line.start + pos + lead, line.start + pos + len(cell.rstrip())
        pos += len(cell) + 1
    return None


@dataclass(frozen=True)
class _Cell:
    """A table cell over the lines of its row: its pieces joined by spaces, each piece's line in the row, and
    where each piece starts in the joined text and in the file text."""

    text: str
    lines: list[int]
    starts: list[int]
    origins: list[int]

    def origin(self, offset: int) -> int:
        """The file offset of a joined-text offset (of its character, or just past the piece it ends)."""
        piece = self._piece(offset)
        return self.origins[piece] + offset - self.starts[piece]

    def piece_line(self, offset: int) -> int:
        """The row line of the piece a joined-text offset falls in."""
        return self.lines[self._piece(offset)]

    def _piece(self, offset: int) -> int:
        return bisect_right(self.starts, offset) - 1


def _cell(ctx: DocContext, row: list[Line], column: int) -> _Cell | None:
    """A column's cell over every line of a row: a wrapped cell's lines joined, in order."""
    parts: list[str] = []
    lines: list[int] = []
    starts: list[int] = []
    origins: list[int] = []
    length = 0
    for number, line in enumerate(row):
        span = _cell_span(line, column)
        if span is None or span[0] >= span[1]:
            continue
        if parts:
            length += 1
        lines.append(number)
        starts.append(length)
        origins.append(span[0])
        parts.append(ctx.text[span[0] : span[1]])
        length += span[1] - span[0]
    return _Cell(" ".join(parts), lines, starts, origins) if parts else None


@dataclass(frozen=True)
class _Columns:
    """A decision table's width and the columns of its decisions, who acts and by when."""

    width: int
    decision: int
    responsible: int | None
    deadline: int | None
    discussion: int | None = None


def _row_decisions(
    ctx: DocContext, lex: Lexicon, row: list[Line], columns: _Columns, warnings: list[str]
) -> list[DecisionInfo]:
    """The decisions of a table row: its decision cell, split at inline (ক), (খ) items, each with who acts
    (the responsible cell beside the item, else the row's) and by when."""
    cell = _cell(ctx, row, columns.decision)
    if cell is None:
        return []
    serial = row[0].cells[0].strip("().।")
    by_column: DeadlineInfo | None = None
    wide = len(row[0].cells) > columns.width
    if wide:
        cells = (
            f"table row {serial} has {len(row[0].cells)} cells for {columns.width} columns: its other cells not read"
        )
        warnings.append(warning("table-columns", cells))
    elif columns.deadline is not None:
        deadline_cell = _cell_span(row[0], columns.deadline)
        by_column = column_deadline(ctx.text, *deadline_cell, ctx.dates) if deadline_cell else None
    dates = pair_dates(cell.text, find_dates(cell.text))
    items = _cell_items(cell.text, serial)
    firsts = [cell.piece_line(a) for _, a, _ in items]
    found = []
    for number, (ref, a, b) in enumerate(items):
        lines = range(firsts[number], firsts[number + 1] if number + 1 < len(items) else len(row))
        text = cell.text[a:b]
        if wide:
            responsible = []
        elif columns.responsible is None:  # no column says who acts: the decision's own words may, or the discussion
            responsible = _labelled_responsible(text, lex) or _actors(text, lex) or _told(ctx, lex, row, columns)
        else:
            responsible = _row_responsible(ctx, lex, row, columns.responsible, lines, ref)
        deadline = find_deadline(cell.text, a, b, dates) or by_column
        found.append(
            DecisionInfo(
                (ref if ref.startswith(f"{serial}.") else f"{serial}({ref})") if ref else serial,
                text,
                cell.origin(a),
                cell.origin(b - 1) + 1,
                responsible,
                deadline,
            )
        )
    return found


def _told(ctx: DocContext, lex: Lexicon, row: list[Line], columns: _Columns) -> list[str]:
    """Whom the row's discussion cell says the chair told to act (…প্রকৌশলীকে ব্যবস্থা গ্রহণ করতে বলেন)."""
    cell = _cell(ctx, row, columns.discussion) if columns.discussion is not None else None
    if cell is None:
        return []
    spans = sentences(cell.text)
    told = [cell.text[a:b] for a, b in spans if _matches("told", cell.text[a:b])]
    return list(dict.fromkeys(who for sentence in told for who in addressees(sentence, lex, directive=True)))


def _cell_items(text: str, serial: str) -> list[tuple[str | None, int, int]]:
    """A decision cell's items: at inline (ক), (খ) labels, else at the row's own decimal labels (৩.১, ৩.২
    in row ৩)."""
    items = _inline_items(text, 0, len(text))
    if len(items) > 1 or not serial:
        return items
    decimal = regex.compile(rf"(?:^|(?<=\s))(?P<ref>{regex.escape(serial)}\.[0-9০-৯]{{1,2}})\s+")
    return _inline_items(text, 0, len(text), labels=decimal)


def _row_responsible(
    ctx: DocContext, lex: Lexicon, row: list[Line], column: int, lines: range, ref: str | None
) -> list[str]:
    """Who a row's item names: the part of the responsible cell (in `column`) under the item's own label
    when that cell is labelled too ((ক) অফিসার ইনচার্জ, … (খ) সহকারী কমিশনার …); else the posts of the cell
    on the item's lines, else those of the row's whole cell: also when a post there is cut at the item's
    first or last line (উপজেলা স্বাস্থ্য / ও পরিবার / পরিকল্পনা | কর্মকর্তা/ সকল / ইউপি চেয়ারম্যান)."""
    cell = [
        (i, line.cells[column]) for i, line in enumerate(row) if len(line.cells) > column and line.cells[column].strip()
    ]
    whole = " ".join(piece.strip() for _, piece in cell)
    labelled = {label: whole[a:b] for label, a, b in _inline_items(whole, 0, len(whole)) if label}
    if ref and ref in labelled:
        return _responsible_cell(labelled[ref], ctx, lex)
    mine = _posts_by_line([piece for i, piece in cell if i in lines], lex)
    before = _posts_by_line([piece for i, piece in cell if i < lines.start], lex)
    cut = any(not _whole_post(post, lex) for post in [*mine, *before[-1:]])
    posts = mine if mine and not cut else _posts_by_line([piece for _, piece in cell], lex)
    return [who for post in posts for who in _responsible_cell(post, ctx, lex)]


def _posts_by_line(pieces: list[str], lex: Lexicon) -> list[str]:
    """A responsible cell's lines as posts: a line that is a post after one that is a whole post names
    another (সংশ্লিষ্ট ইউপি চেয়ারম্যান / উপজেলা প্রকল্প বাস্তবায়ন কর্মকর্তা); any other line goes on with the
    one before (a name or a station wrapped: উপজেলা প্রকল্প বাস্তবায়ন / কর্মকর্তা; তত্ত্বাবধায়ক, জেলা সদর /
    হাসপাতাল, নেত্রকোনা; উপজেলা শিক্ষা অফিসার, উপজেলা / প্রকৌশলী)."""
    posts: list[str] = []
    for piece in pieces:
        if posts and not (_whole_post(posts[-1], lex) and headed_by_post(piece, lex)):
            posts[-1] += f" {piece}"
        else:
            posts.append(piece)
    return posts


def _whole_post(text: str, lex: Lexicon) -> bool:
    """A post that does not stop at a unit's name, a modifier or a determiner waiting for its post (…,
    উপজেলা / প্রকৌশলী; ভূমি উপ-সহকারী / কর্মকর্তা; …পৌরসভা/ সকল / ইউপি চেয়ারম্যান)."""
    last = text.split()[-1].strip(",")
    return headed_by_post(text, lex) and last not in _waiting() and last.split("-")[-1] not in _waiting()


@cache
def _waiting() -> frozenset[str]:
    """Words after which a post waits for its head: a unit's name, a modifier, a determiner."""
    return words("decisions", "unit_stems") | words("labels", "post_modifiers") | words("decisions", "determiners")


def _inline_items(
    text: str, start: int, end: int, *, lead: bool = False, labels: regex.Pattern[str] = _INLINE_ITEM
) -> list[tuple[str | None, int, int]]:
    """Split a cell at inline (ক), (খ) labels (or other `labels`); a cell without them is one item. With
    `lead`, the text before the first label is an item too (its own label was printed at the start of the line)."""
    marks = list(labels.finditer(text, start, end))
    if not marks:
        return [(None, start, end)]
    items: list[tuple[str | None, int, int]] = []
    if lead and text[start : marks[0].start()].strip():
        items.append((None, start, _rstrip(text, start, marks[0].start())))
    for mark, following in zip(marks, [*marks[1:], None], strict=False):
        stop = following.start() if following else end
        items.append((mark.group("ref"), mark.end(), _rstrip(text, mark.end(), stop)))
    return items


def _rstrip(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1].isspace():
        end -= 1
    return end


def _responsible_cell(cell: str, ctx: DocContext, lex: Lexicon) -> list[str]:
    """Who a table row names (several separated by semicolons). A cell run together with its
    neighbour opens with the column's own header word; it keeps the tail the document names elsewhere."""
    cell = " ".join(cell.split())
    if not cell.strip("-–—‒ "):
        return []  # empty, or a dash: no one
    words = cell.split()
    if not _column("responsible").match(words[0]) or len(words) == 1:
        return split_people(cell, lex)
    elsewhere = ctx.text[ctx.start : ctx.end].replace(cell, "")
    for i in range(1, len(words)):
        tail = " ".join(words[i:])
        if tail in elsewhere and lex.labels(tail):
            return [tail]
    return split_people(cell, lex)


# --- minutes: সিদ্ধান্ত: headings ----------------------------------------------------------------


@cache
def _heading() -> regex.Pattern[str]:
    heading = nfc(str(data("decisions")["heading"]))
    agenda = rf"\(?(?P<agenda>{NUMBER_LABEL})[ \t]*[।.)]?\)?"
    return regex.compile(rf"^[ \t]*(?:{BULLET}[ \t]*)?(?:{agenda})?[ \t]*{heading}[ \t]*")


@cache
def _agenda() -> regex.Pattern[str]:
    """A line that opens the next agenda item or its discussion: ২। …, ৩.১ …, আলোচ্য…, আলোচনা…"""
    return regex.compile(rf"^[ \t]*(?:{NUMBER_LABEL}[ \t]*[।.][ \t]*\S|{_agenda_words().pattern})")


def _headed(ctx: DocContext, lex: Lexicon, first: int, last: int) -> list[DecisionInfo]:
    """Items under each সিদ্ধান্ত: heading; a বাস্তবায়নে: line names who acts on the items above it."""
    found: list[DecisionInfo] = []
    index = first
    while index < last:
        match = _heading().match(ctx.lines[index].text)
        if not match or _quoted(ctx.lines[index].text):
            index += 1
            continue
        stop = _block_end(ctx, index + 1, last)
        agenda = match.group("agenda")
        named_from = len(found)
        for unit in _without_interruptions(ctx, _units(ctx, index, stop, skip=match.end())):
            who = _named_line(ctx, lex, unit)
            if who:
                found[named_from:] = [replace(d, responsible=who) for d in found[named_from:]]
                named_from = len(found)
                continue
            for label, a, b in _inline_items(ctx.text, unit.start, unit.end, lead=unit.ref is not None):
                own = label or unit.ref
                ref = f"{agenda}({own})" if agenda and own else own or agenda
                found += _unit_decisions(ctx, lex, replace(unit, start=a, end=b), ref, _LeadIn.none())
        index = stop
    return found


def _block_end(ctx: DocContext, first: int, last: int) -> int:
    """A সিদ্ধান্ত block runs to the next heading or agenda item, or to a paragraph after a blank line
    that is neither an item nor a বাস্তবায়নে line (the closing words, the signature). Numbered items of
    the block's own list (১। …, ২। … under the heading) are its items, not new agenda items."""
    items: list[regex.Match[str]] = []
    said = False  # the block's decision was given as text, not as a list: a numbered line after it is no item
    for index in range(first, last):
        text = ctx.lines[index].text
        if not _LETTER.search(text):
            continue  # a date scrawl or initials (১৮.৯), not a numbered agenda item
        marker = ITEM_MARKER.match(text)
        ours = _next_item(items, marker, text) and not (said and not items)
        if _heading().match(text) or (_agenda().match(text) and not ours):
            return index
        loose = marker is None and not _responsible_label().match(text)
        if ctx.gap_before(index) and loose and not _furniture_before_item(ctx, index, last, items):
            return index
        items += [marker] if marker and ours else []
        said = said or loose
    return last


def _furniture_before_item(ctx: DocContext, first: int, last: int, items: list[regex.Match[str]]) -> bool:
    """Whether the lines from `first` are page furniture (short, no sentence) up to the block's next item
    within MAX_INTERRUPTION lines (a page's footer and header, initials, between (খ) and (গ))."""
    for index in range(first, min(last, first + MAX_INTERRUPTION + 1)):
        text = ctx.lines[index].text
        marker = ITEM_MARKER.match(text)
        if marker and items and _next_item(items, marker, text):
            return True
        if not _furniture_like(text):
            return False  # a sentence, or an item out of turn that says something: the block has ended
    return False


def _furniture_like(text: str) -> bool:
    """Short and without a sentence, as a page's footer, header, initials or a date scrawl are."""
    return len(text.strip()) <= INTERRUPTION_CHARS and "।" not in text


def _next_item(items: list[regex.Match[str]], marker: regex.Match[str] | None, text: str) -> bool:
    """Whether a numbered line goes on the block's list: the first item, or the next number in its style;
    not an agenda item (১। আলোচ্য বিষয়: …), whose words open the line."""
    if marker is None or _agenda_words().search(text, marker.end(), marker.end() + AGENDA_REACH):
        return False
    if not items:
        return True
    return _style(marker) == _style(items[-1]) and _follows(items[-1].group("ref"), marker.group("ref"))


@cache
def _agenda_words() -> regex.Pattern[str]:
    return regex.compile(alternation(strings("decisions", "agenda_words")))


# --- letters, orders, notifications, and minutes in narrative ---------------------------------------


@dataclass(frozen=True)
class _LeadIn:
    """What a sentence that opens a list passes to its items."""

    kind: str  # request: every item is a decision; operative or plain: only items that lay down duties
    responsible: list[str]
    style: str | None = None
    sentence: tuple[int, int] | None = None
    # Its actor is a heading of duties (কমিটির কার্যপরিধি:) or points at the list (নিম্নবর্ণিত কর্মকর্তাগণ…):
    # an item that names who acts before its duty verb names the actor itself.
    defers: bool = False

    @staticmethod
    def none() -> _LeadIn:
        return _LeadIn("plain", [])


def _units(ctx: DocContext, first: int, last: int, skip: int = 0) -> list[_Unit]:
    """Paragraphs and list items of lines first..last-1; a line joins the one before unless a gap, a
    list marker or a short line before it (a title, a greeting) separates them. `skip` characters of the
    first line are left out (a heading). The line that opens a signature (আদেশক্রমে) ends the body."""
    units: list[_Unit] = []
    for index in range(first, last):
        line = ctx.lines[index]
        if _signature_opener().match(line.text):
            break
        cut = skip if index == first else 0
        offset = line.start + cut
        # Matched on the line itself: ^ does not match after a page break's form feed.
        marker = ITEM_MARKER.match(line.text[cut:])
        named = _responsible_label().match(ctx.text, offset, line.end)
        # A short line ends a paragraph (a title, a greeting) but not a list item, which may wrap anywhere.
        short = bool(units) and not units[-1].item and _short_line(ctx.lines[index - 1])
        if marker or named or short or index == first or ctx.gap_before(index) or not units:
            ref = marker.group("ref") if marker else None
            start = offset + marker.end() if marker else offset + _lead(ctx.text[offset : line.end])
            if start < line.end:
                units.append(_Unit(ref, marker is not None, start, line.end, _style(marker)))
        else:
            previous = units[-1]
            units[-1] = replace(previous, end=line.end)
    return units


def _short_line(line: Line) -> bool:
    """A line too short to have been wrapped (a title, a greeting): the next line does not continue it."""
    text = line.clean
    return len(text) < TITLE_LINE and not text.endswith((",", "-", "/"))


@cache
def _signature_opener() -> regex.Pattern[str]:
    return regex.compile(nfc(str(data("decisions")["signature_opener"])))


def _style(marker: regex.Match[str] | None) -> str | None:
    """The look of a list marker: (ক) and ক) and ১। are three styles; a list keeps one."""
    if marker is None:
        return None
    ref = marker.group("ref")
    if ref is None:
        return "bullet"
    kind = "letter" if regex.match(LETTER_LABEL, ref) else "number" if regex.match(r"[0-9০-৯]", ref) else "latin"
    text = marker.group().strip()
    return f"{kind}:{text.startswith('(')}:{text[-1] if text[-1] in ').।:' else ''}"


def _lead(text: str) -> int:
    return len(text) - len(text.lstrip())


def _directives(
    ctx: DocContext, lex: Lexicon, first: int, last: int, skip: int, *, kind: str
) -> tuple[list[DecisionInfo], list[DecisionInfo]]:
    """Decisions of running text and lists, and the sentences with only weak cues, kept apart."""
    found: list[DecisionInfo] = []
    weak: list[DecisionInfo] = []
    lead: _LeadIn | None = None
    taken = 0
    skipped: list[_Unit] = []  # items of the open list that lay down no duty of their own
    previous: _Unit | None = None
    outer: tuple[_LeadIn, _Unit] | None = None  # the list a nested list stands in, and its item that opened it
    units = _without_interruptions(ctx, _units(ctx, first, last, skip))
    named_from = 0
    duties = kind in DUTY_KINDS
    for position, unit in enumerate(units):
        who = _named_line(ctx, lex, unit)
        if who:  # a (বাস্তবায়ন: …) line names who acts on the decisions just above it
            found[named_from:] = [replace(d, responsible=who) for d in found[named_from:]]
            named_from = len(found)
            continue
        named_from = len(found)
        following = units[position + 1] if position + 1 < len(units) else None
        if lead is not None and outer is not None and _resumes(ctx, lead, previous, outer, unit):
            found += _close(ctx, lex, lead, taken, skipped)
            (lead, previous), outer, taken, skipped = outer, None, 0, []
        if lead is not None and _continues(ctx, lead, previous, unit):
            previous, lead = unit, replace(lead, style=unit.style)
            nested = _nested_lead_in(ctx, lex, unit, following, lead)
            if nested:
                found += _close(ctx, lex, lead, taken, skipped)
                outer = (replace(lead, sentence=None), unit)  # closed: its lead sentence is not taken again
                lead, taken, skipped, previous = nested, 0, [], None
                continue
            items = _item_decisions(ctx, lex, unit, lead)
            taken += len(items)
            found += items
            skipped += [] if items else [unit]
            continue
        found += _close(ctx, lex, lead, taken, skipped)
        lead, taken, skipped, previous, outer = None, 0, [], None, None
        spans = sentences(ctx.text[unit.start : unit.end], unit.start)
        list_follows = following is not None and _opens_list(ctx, following)
        for number, (a, b) in enumerate(spans):
            sentence = ctx.text[a:b]
            if _excluded(sentence) or _quoted(sentence):
                continue
            if number == len(spans) - 1 and _is_lead_in(sentence, list_follows=list_follows):
                lead = _lead_in(sentence, lex, ctx, a, b)
            elif _announces(sentence) or len(sentence.split()) < MIN_SENTENCE_WORDS:
                continue
            elif _is_decision(sentence, minutes=kind == "minutes") or (
                duties and unit.item and _matches("duty", sentence)
            ):
                found.append(_decision(ctx, lex, unit.ref, a, b, _LeadIn.none()))
            elif _matches("weak_directive", sentence):
                weak.append(_decision(ctx, lex, unit.ref, a, b, _LeadIn.none()))
    found += _close(ctx, lex, lead, taken, skipped)
    return sorted(found, key=lambda d: d.start), weak


def _without_interruptions(ctx: DocContext, units: list[_Unit]) -> list[_Unit]:
    """The units less those that only interrupt a list: a page's running footer and header, stray initials
    and a date scrawl, standing between two items numbered one after the other ((খ) … footer, header …
    (গ)); an item's বাস্তবায়নে: line stays with it."""
    kept: list[_Unit] = []
    for index, unit in enumerate(units):
        last = next((u for u in reversed(kept) if not _named(ctx, u)), None)
        if _interruption(ctx, unit) and last and last.item:
            after = next(
                (u for u in units[index + 1 : index + 1 + MAX_INTERRUPTION] if not _interruption(ctx, u)), None
            )
            if after and after.style == last.style and _follows(last.ref, after.ref):
                continue
        kept.append(unit)
    return kept


def _named(ctx: DocContext, unit: _Unit) -> bool:
    """A unit that only names who acts (বাস্তবায়নে: …)."""
    return not unit.item and _responsible_label().match(ctx.text, unit.start, unit.end) is not None


def _interruption(ctx: DocContext, unit: _Unit) -> bool:
    """A short unit that is no item (or no more than a label and digits) and holds no sentence: it may be
    page furniture."""
    text = " ".join(ctx.text[unit.start : unit.end].split())
    scrawl = not _LETTER.search(text)  # a date or initials a list label was read in (১৮.৯)
    return (scrawl or not unit.item) and not _named(ctx, unit) and _furniture_like(text)


def _continues(ctx: DocContext, lead: _LeadIn, previous: _Unit | None, unit: _Unit) -> bool:
    """Whether a unit is the next item of the lead-in's list: an item in the list's style that follows
    the last one directly or, after a blank line, is numbered next (a membership ১।–৫। ends before ০২।)."""
    if not unit.item or unit.style != (lead.style or unit.style):
        return False
    if previous is None or not ctx.gap_before(ctx.line_at(unit.start)):
        return True
    return _follows(previous.ref, unit.ref)


def _resumes(ctx: DocContext, lead: _LeadIn, previous: _Unit | None, outer: tuple[_LeadIn, _Unit], unit: _Unit) -> bool:
    """Whether a unit ends a nested list and is the outer list's next item (৬। …: (ক) … (খ) … ৭। …)."""
    return not _continues(ctx, lead, previous, unit) and _continues(ctx, *outer, unit)


def _follows(previous: str | None, ref: str | None) -> bool:
    """Whether label `ref` is the one after `previous` (খ after ক, ০৩ after ০২, ২.২ after ২.১)."""
    before, _, last = (ref or "").rpartition(".")
    earlier, _, prior = (previous or "").rpartition(".")
    return before == earlier and _ordinal(last) == _ordinal(prior) + 1 > 0


def _ordinal(ref: str | None) -> int:
    """The position a list label stands for (ক=1, খ=2 … ; ০২=2); -1 when it has none."""
    if not ref:
        return -1
    digits = to_ascii_digits(ref)
    if digits.isdigit():
        return int(digits)
    index = _LETTERS.find(ref)
    return index + 1 if index >= 0 else -1


def _nested_lead_in(
    ctx: DocContext, lex: Lexicon, unit: _Unit, following: _Unit | None, outer: _LeadIn
) -> _LeadIn | None:
    """An item that itself opens a list in another style (০২। কমিটি নিম্নবর্ণিত দায়িত্ব পালন করবে: (ক) …)."""
    if following is None or not following.item or following.style == unit.style:
        return None
    spans = sentences(ctx.text[unit.start : unit.end], unit.start)
    a, b = spans[-1]
    if not _is_lead_in(ctx.text[a:b], list_follows=True):
        return None
    lead = _lead_in(ctx.text[a:b], lex, ctx, a, b)
    return lead if lead.responsible else replace(lead, responsible=outer.responsible)


def _close(ctx: DocContext, lex: Lexicon, lead: _LeadIn | None, taken: int, skipped: list[_Unit]) -> list[DecisionInfo]:
    """The end of a list. Where some of its items lay down duties, it is a list of tasks and its other
    items count too (a schedule of who does what by when). An operative sentence is itself a decision
    when it is a whole sentence (…নিম্নরূপে সংশোধনপূর্বক জারী করা হইলো।) or its list holds no duties (a
    membership after …কমিটি পুনর্গঠন করলো:); one that only leads into duties (…আদেশ জারি করা হলো:) is not."""
    if lead is None:
        return []
    found = [d for unit in skipped for d in _unit_decisions(ctx, lex, unit, unit.ref, lead)] if taken else []
    if lead.kind == "operative" and lead.sentence is not None:
        whole = ctx.text[slice(*lead.sentence)].rstrip().endswith("।")
        if whole or not taken:
            found.append(_decision(ctx, lex, None, *lead.sentence, _LeadIn.none()))
    return found


def _given_duty(text: str, lex: Lexicon) -> list[str]:
    """Whom an order's act hands a duty (…তত্ত্বাবধানের দায়িত্ব X-কে প্রদান করা হলো; X-কে … দায়িত্ব প্রদান করা হলো)."""
    to = pattern("decisions", "duty_to").search(text)
    if to:
        return split_people(to.group("who"), lex)
    return addressees(text, lex, directive=False) if _matches("duty_given", text) else []


def _second_person(ctx: DocContext, lex: Lexicon, text: str) -> list[str]:
    """Who a letter to one office means by আপনি / আপনাকে: the post of its address block."""
    post = addressee_post(ctx, lex) if _matches("second_person", text) else None
    return [post] if post else []


def _lead_in(sentence: str, lex: Lexicon, ctx: DocContext, a: int, b: int) -> _LeadIn:
    bearer = _duty_bearer(sentence)
    if any(_matches(k, sentence) for k in ("directive", "duty", "prohibition")) or bearer:
        kind = "request"
    elif _matches("operative", sentence):
        kind = "operative"
    else:
        kind = "plain"
    directive = kind == "request"
    who = (
        addressees(sentence, lex, directive=directive)
        or bearer
        or _lead_subject(sentence)
        or subject_of(sentence, lex)
        or _second_person(ctx, lex, sentence)
    )
    return _LeadIn(kind, who, sentence=(a, b), defers=bool(bearer) or any(map(_points_at_list, who)))


@cache
def _duties_heading() -> regex.Pattern[str]:
    return regex.compile(nfc(str(data("decisions")["duties_heading"])))


def _duty_bearer(sentence: str) -> list[str]:
    """Who a heading of duties names: কমিটির কার্যপরিধি: → কমিটি."""
    match = _duties_heading().match(sentence.strip())
    return [match.group("who").strip()] if match else []


def _item_decisions(ctx: DocContext, lex: Lexicon, unit: _Unit, lead: _LeadIn) -> list[DecisionInfo]:
    text = ctx.text[unit.start : unit.end]
    if lead.kind != "request" and not any(_matches(k, text) for k in ("duty", "directive", "weak_directive")):
        return []
    return _unit_decisions(ctx, lex, unit, unit.ref, lead)


def _opens_list(ctx: DocContext, unit: _Unit) -> bool:
    """Whether a unit starts a list of items or a table."""
    text = ctx.text[unit.start : unit.end]
    return unit.item or "\t" in text or text.endswith("|")


def _unit_decisions(ctx: DocContext, lex: Lexicon, unit: _Unit, ref: str | None, lead: _LeadIn) -> list[DecisionInfo]:
    """A unit's decision, without the closing or contact sentences it ends with (…যোগাযোগ করার জন্য বলা হলো
    run on after a list's last item); none when those are all it says, or when it quotes an earlier one."""
    end = unit.end
    for a, b in reversed(sentences(ctx.text[unit.start : unit.end], unit.start)):
        if not _excluded(ctx.text[a:b]):
            break
        end = a
    if end <= unit.start or _quoted(ctx.text[unit.start : end]):
        return []
    return [_decision(ctx, lex, ref, unit.start, _rstrip(ctx.text, unit.start, end), lead)]


def _decision(ctx: DocContext, lex: Lexicon, ref: str | None, start: int, end: int, lead: _LeadIn) -> DecisionInfo:
    """A decision from text[start:end]; a trailing (বাস্তবায়ন: …) names who acts and is not its text; a
    label or bullet left in front of it goes to `ref`. Its deadline is the one its own words state."""
    marker = ITEM_MARKER.match(ctx.text, start, end)
    if marker:
        start, ref = marker.end(), ref or marker.group("ref")
    text = ctx.content(start, end)
    label = _responsible_label().search(ctx.text, start, end)
    named = _labelled_responsible(text, lex)
    if label and named:
        end = _rstrip(ctx.text, start, label.start())
        text = ctx.content(start, end)
    if named or lead.responsible:
        responsible = (
            named
            or _own_subject(text, lex, lead)
            or (opening_actor(text, lex) if lead.defers else lead.responsible)
            or _inherited(lead)
        )
    elif _matches("operative", text) and not _matches("directive", text):
        responsible = _given_duty(text, lex)  # an order's own act names no one who must act, unless it hands a duty
    else:
        responsible = _actors(text, lex) or _second_person(ctx, lex, text)
    deadline = find_deadline(ctx.plain, start, end, ctx.dates) or _lead_deadline(ctx, lead)
    return DecisionInfo(ref, text, start, end, responsible, deadline)


def _lead_deadline(ctx: DocContext, lead: _LeadIn) -> DeadlineInfo | None:
    """The day or period a lead-in sets for its whole list (নিম্নবর্ণিত নির্দেশনাসমূহ আগামী ৩১ অক্টোবর ২০২৫
    তারিখের মধ্যে প্রতিপালনের জন্য … অনুরোধ করা হলো:), for an item that states none of its own."""
    found = find_deadline(ctx.plain, *lead.sentence, ctx.dates) if lead.sentence else None
    return found if found and found.kind in ("date", "recurring") else None


def _own_subject(text: str, lex: Lexicon, lead: _LeadIn) -> list[str]:
    """The subject an item opens with, or names after its verb, where it is not the lead-in's actor
    (অভিভাবকগণ … করিবেন under a request to the head teachers); none where it names that actor again,
    shorter (অনিক under মনোনীত অনিক)."""
    own = actor_after_verb(text, lex) or item_subject(text, lex)
    if any(actor.endswith(who) for who in own for actor in lead.responsible):
        return []
    return own


def _inherited(lead: _LeadIn) -> list[str]:
    """What an item that names no one of its own takes from its lead-in: its actor, unless that only
    points at the list (নিম্নবর্ণিত কর্মকর্তাগণ), which names no one."""
    return [who for who in lead.responsible if not _points_at_list(who)]


def _points_at_list(phrase: str) -> bool:
    """An actor phrase that only points at the list below it (নিম্নবর্ণিত কর্মকর্তাগণ)."""
    return pattern("decisions", "lead_in").search(phrase) is not None


def _actors(text: str, lex: Lexicon) -> list[str]:
    """Who a decision's own words name as acting, by the strongest cue they hold. A sentence whose finite
    verb has a subject (… তত্ত্বাবধায়ক … তদন্ত কমিটিকে … সহযোগিতা প্রদান করবেন) names in -কে whom that subject
    acts for, not who acts; only a request, an impersonal duty (…কমিটিকে … দাখিল করতে হবে) or one whose
    subject is a pronoun standing for the addressee (…শাখাকে … দায়িত্ব প্রদান করা হলো। তিনি … করবেন) addresses."""
    directive = _matches("directive", text)
    subjected = _matches("duty", text) and not any(
        _matches(key, text) for key in ("impersonal", "request", "pronoun_subject")
    )
    return (
        ([] if subjected else addressees(text, lex, directive=directive))
        or agent(text, lex)
        or actor_after_verb(text, lex)
        or subject_of(text, lex)
        or (purpose_actor(text, lex) if directive else [])
    )


def _matches(key: str, text: str) -> bool:
    return pattern("decisions", key).search(text) is not None


def _is_decision(sentence: str, *, minutes: bool) -> bool:
    """Whether a sentence decides or directs, in its own words: what it quotes (a reply citing the letter it
    answers: সূত্রের অনুচ্ছেদ-১: "… সম্পন্ন করতে হবে।") is not its own."""
    own = QUOTED.sub(" ", sentence)
    if minutes and _matches("minutes_decision", own):
        return True
    return _matches("directive", own) or _matches("operative", own)


def _excluded(text: str) -> bool:
    return _matches("exclude", text)


def _quoted(text: str) -> bool:
    return _matches("quoted", text)


def _is_lead_in(sentence: str, *, list_follows: bool) -> bool:
    """A sentence that opens a list: it ends with a colon, or names what follows (নিম্নোক্ত…) and a
    list or table does follow."""
    if not list_follows:
        return False
    return sentence.rstrip().endswith(_LEAD_ENDS) or _matches("lead_in", sentence)


def _announces(sentence: str) -> bool:
    """A sentence that announces what follows (…নিম্নরূপ সিদ্ধান্ত গৃহীত হয়:) where no list marker opens it
    (সিদ্ধান্ত-১: …): it is no decision itself."""
    return sentence.rstrip().endswith(_LEAD_ENDS) and _matches("lead_in", sentence)


@cache
def _responsible_label() -> regex.Pattern[str]:
    """A বাস্তবায়নে: line, also when it names the decisions it is for ((i) হতে (iii) পর্যন্ত সিদ্ধান্ত বাস্তবায়ন:
    …; উপরোক্ত সিদ্ধান্তসমূহ বাস্তবায়নে: …) or wraps onto indented lines."""
    label = nfc(str(data("decisions")["responsible_label"]))
    scope = r"(?:[^\n:ঃ।]{0,40}?সিদ্[ধব]ান্ত(?:সমূহ|গুলো)?(?:ের|এর)?[ \t]+)?"
    return regex.compile(rf"[ \t]*{scope}\(?{label}\s*(?P<who>[^\n]+?(?:\n[ \t]+[^\n]+?)*)\)?\s*(?:[।]|$)")


def _named_line(ctx: DocContext, lex: Lexicon, unit: _Unit) -> list[str]:
    """Who a unit names when it is only a বাস্তবায়নে: / (বাস্তবায়ন: …) line."""
    if not _responsible_label().match(ctx.text, unit.start, unit.end):
        return []
    return _labelled_responsible(ctx.text[unit.start : unit.end], lex)


def _labelled_responsible(text: str, lex: Lexicon) -> list[str]:
    """Who a বাস্তবায়নে: / (বাস্তবায়ন: …) line names."""
    match = _responsible_label().search(text)
    if not match:
        return []
    return split_people(" ".join(match.group("who").split()), lex)


def _lead_subject(sentence: str) -> list[str]:
    """The few words a duty lead-in opens with: মনোনীত অনিক নিম্নবর্ণিত দায়িত্ব পালন করবেন:; not the
    object of an impersonal one (বরাদ্দকৃত অর্থ নিম্নবর্ণিত শর্তে ব্যয় করতে হবে:)."""
    lead = pattern("decisions", "lead_in").search(sentence)
    if not lead or not _matches("duty", sentence) or _matches("impersonal", sentence):
        return []
    words = sentence[: lead.start()].split()
    if not 0 < len(words) <= MAX_RESPONSIBLE_WORDS or words[-1] in strings("decisions", "adverbial_ends"):
        return []
    if words[-1].endswith(("ায়", "ে")):
        return []  # a place or time in the locative (উক্ত এলাকায় নিম্নবর্ণিত কার্যাবলি নিষিদ্ধ থাকিবে)
    return [" ".join(words)]
