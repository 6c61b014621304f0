"""Where the fields and decisions of a document stand on its pages: character ranges in the page text (a
decision's span, or a field's printed text found in the page), the page text cut into highlighted segments,
and the word boxes of a range on a page image.

Records give spans for decisions only, so a field is found by its printed text: first exactly (white space
may differ), then by the best fuzzy match. A range on a scan is found among the OCR words the same way: the
page text was built from those words, but normalised after, so offsets into one are not offsets into the other.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping
from itertools import pairwise
from typing import NamedTuple

import regex
from rapidfuzz import fuzz

from pipeline.models import Record
from pipeline.pages import SidecarPage, WordBox
from pipeline.review.draft import Draft

#: Lowest fuzzy score (0–100) at which a text counts as found: a field a few OCR errors away still is.
MIN_SCORE = 80.0


class Mark(NamedTuple):
    """A field or decision (`target`, as the form names it) at [start, end) of a page's text."""

    target: str
    page: int
    start: int
    end: int


class Segment(NamedTuple):
    """A stretch of page text and the targets highlighted on it (none: plain text)."""

    text: str
    targets: tuple[str, ...]


class Box(NamedTuple):
    """A highlighted rectangle on a page image, in percent of its width and height."""

    target: str
    left: float
    top: float
    width: float
    height: float


def find(texts: Mapping[int, str], needle: str) -> tuple[int, int, int] | None:
    """(page, start, end) of `needle` in the pages: the first exact match up to white space, else the best
    fuzzy match scoring at least MIN_SCORE; None when it is not there."""
    words = needle.split()
    if not words:
        return None
    exact = regex.compile(r"\s+".join(regex.escape(word) for word in words))
    for page, text in texts.items():
        match = exact.search(text)
        if match:
            return page, match.start(), match.end()
    best: tuple[float, int, int, int] | None = None
    joined = " ".join(words)
    for page, text in texts.items():
        found = fuzz.partial_ratio_alignment(joined, text, score_cutoff=MIN_SCORE)
        if found is not None and (best is None or found.score > best[0]):
            best = (found.score, page, found.dest_start, found.dest_end)
    return best[1:] if best else None


def draft_marks(draft: Draft, texts: Mapping[int, str], record: Record) -> list[Mark]:
    """Where each field of the form and each decision stands: a decision at its span when it has one, the
    rest found by their printed text (the record's, where the form has none: a gold file need not keep the
    text of a memo number or date as printed). Decisions are targets `dec-<n>`, by their place in the form."""
    printed = {
        "memo_no": [draft.memo_no.text or (record.memo_no.text if record.memo_no else "")],
        "date": [draft.date.text or (record.date.text if record.date else "")],
        "subject": [draft.subject],
        "signatory": [draft.signatory.name, draft.signatory.designation],
        "meeting": [draft.meeting.chair, draft.meeting.venue],
    }
    marks = []
    for target, values in printed.items():
        for value in values:
            found = find(texts, value)
            if found:
                marks.append(Mark(target, *found))
    for number, decision in enumerate(draft.decisions):
        span = decision.span
        found = (span.page, span.start, span.end) if span and span.page in texts else find(texts, decision.text)
        if found:
            marks.append(Mark(f"dec-{number}", *found))
    return marks


def segments(text: str, marks: Iterable[Mark]) -> list[Segment]:
    """The text cut at every mark's ends, each piece with the targets covering it (marks may overlap)."""
    marks = [m for m in marks if 0 <= m.start < m.end <= len(text)]
    cuts = sorted({0, len(text), *(m.start for m in marks), *(m.end for m in marks)})
    pieces = []
    for start, end in pairwise(cuts):
        targets = tuple(dict.fromkeys(m.target for m in marks if m.start <= start and end <= m.end))
        pieces.append(Segment(text[start:end], targets))
    return pieces


def boxes(page: SidecarPage, marks: Iterable[Mark]) -> list[Box]:
    """The rectangles of each mark on the page image: its words, one rectangle per line they are on."""
    if not page.image or not page.width or not page.height or not page.words:
        return []
    joined, owner = _joined(page.words)
    found = []
    for mark in marks:
        needle = " ".join(page.text[mark.start : mark.end].split())
        alignment = fuzz.partial_ratio_alignment(needle, joined, score_cutoff=MIN_SCORE) if needle else None
        if alignment is None:
            continue
        covered = sorted({owner[i] for i in range(alignment.dest_start, alignment.dest_end) if owner[i] >= 0})
        found += [_box(mark.target, line, page.width, page.height) for line in _by_line(page.words, covered)]
    return found


def _joined(words: list[WordBox]) -> tuple[str, list[int]]:
    """The words' texts (NFC) joined by spaces, and for every character the index of its word (-1: a space)."""
    parts: list[str] = []
    owner: list[int] = []
    for index, word in enumerate(words):
        text = unicodedata.normalize("NFC", word.text)
        if parts:
            parts.append(" ")
            owner.append(-1)
        parts.append(text)
        owner += [index] * len(text)
    return "".join(parts), owner


def _by_line(words: list[WordBox], indexes: list[int]) -> list[list[WordBox]]:
    """The chosen words grouped into runs on the same line."""
    runs: list[list[WordBox]] = []
    for index in indexes:
        word = words[index]
        if runs and runs[-1][-1].line == word.line:
            runs[-1].append(word)
        else:
            runs.append([word])
    return runs


def _box(target: str, run: list[WordBox], width: int, height: int) -> Box:
    left = min(w.left for w in run)
    top = min(w.top for w in run)
    right = max(w.left + w.width for w in run)
    bottom = max(w.top + w.height for w in run)
    return Box(
        target,
        round(100 * left / width, 3),
        round(100 * top / height, 3),
        round(100 * (right - left) / width, 3),
        round(100 * (bottom - top) / height, 3),
    )
