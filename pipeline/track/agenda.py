"""The agenda item each decision stands under: the cell before its decision cell in a table row, else the
last agenda line above it (আলোচ্যসূচি-২: …, ৩. আলোচ্য বিষয়: …). The patterns are in tracking.yaml."""

from __future__ import annotations

from collections.abc import Sequence

import regex

from pipeline.extract.patterns import pattern
from pipeline.models import Record

MAX_LENGTH = 200
_SERIAL = regex.compile(r"^[\s০-৯0-9.()ক-ঢ]*$")  # a cell that holds only a serial number


def agendas(text: str, offset: int, page_starts: Sequence[int], record: Record) -> list[str | None]:
    """The agenda item of each decision of the record, in order (None where there is none).

    `text` is the document's text, which starts at `offset` in its file's text (pages joined by form feeds,
    starting at `page_starts`): the text the decisions' spans index."""
    headings = [(m.start(), _tidy(m.group("title"))) for m in pattern("tracking", "agenda").finditer(text)]
    found: list[str | None] = []
    for decision in record.decisions:
        page = decision.span.page
        pos = page_starts[page - 1] + decision.span.start - offset if page <= len(page_starts) else -1
        if not 0 <= pos < len(text):
            found.append(None)
            continue
        above = [title for start, title in headings if start < pos]
        found.append(_cell_before(text, pos) or (above[-1] if above else None))
    return found


def _cell_before(text: str, pos: int) -> str | None:
    """In a table row, the last cell before the decision's that holds more than a serial number, up to its
    discussion."""
    start = text.rfind("\n", 0, pos) + 1
    cells = text[start:pos].split("\t")[:-1]  # the cells before the one the decision starts in
    kept = [cell for cell in cells if cell.strip() and not _SERIAL.match(cell)]
    if not kept:
        return None
    title = pattern("tracking", "agenda_cell_end").split(kept[-1], maxsplit=1)[0]
    return _tidy(title) or None


def _tidy(title: str) -> str:
    words = " ".join(title.split()).rstrip("।:ঃ ")
    return words if len(words) <= MAX_LENGTH else words[: MAX_LENGTH - 1] + "…"
