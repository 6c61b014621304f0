"""Lines, sentences and documents: the units the extractors work on."""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from functools import cache

import regex

from pipeline.extract.memo import find_memo_lines
from pipeline.extract.patterns import alternation, strings

_LINE = regex.compile(r"[^\n\f]+")
# Bullet glyphs of word processors, web pages and OCR: a list item may open with one, then perhaps a label.
# A dash, en dash or asterisk is a bullet only when a blank follows it (-২- is a page number).
BULLET = r"(?:[-–*](?=[ \t])|[•▪●◦■□◆◇❖➤►▶➢➣✓✔○])"
_BULLET = regex.compile(rf"^[ \t]*(?:{BULLET}[ \t]*|\d+\.[ \t]+)(?=\S)")
# A sentence ends at a danda, ? or !; a line break inside a paragraph is only a wrap.
_SENTENCE_END = regex.compile(r"(?<=[।?!])[ \t\"”’']*(?=\s|$)")
GOVERNMENT = regex.compile(r"^\s*গণপ্রজাতন্ত্রী\s+বাংলাদেশ\s+সরকার\s*$")
ISSUE_DATE_REACH = 3  # lines between a memo number and its issue date
LETTER_LABEL = "[ক-ঞ]"
NUMBER_LABEL = r"[0-9০-৯]{1,2}(?:\.[0-9০-৯]{1,2})*"
_LABEL = (
    # a section number of a circular (৩.২   মন্ত্রণালয়/বিভাগ …): decimal, followed only by blanks
    r"(?P<ref>[0-9০-৯]{1,2}(?:\.[0-9০-৯]{1,2})+)[ \t]+"
    # or a label closed by a bracket or a danda, not by a dot that goes on into digits: a wrapped line may
    # open with a memo number or a date (১২.০০.০০০০.০৭২…, ০৫.০৩.২০২৩ তারিখে)
    rf"|\(?(?P<ref>{LETTER_LABEL}|{NUMBER_LABEL}|[a-z]|[ivx]{{1,4}})[ \t]*[).।:](?![0-9০-৯])\)?[ \t]*"
)
# A list item's marker: a bullet glyph, a label — ক) (ক) ১। ০২। ১.২ a) iv) — with its bracket or danda,
# or a glyph then a label (● (ক), - ক)).
ITEM_MARKER = regex.compile(
    rf"^[ \t]*(?:(?P<bullet>{BULLET})[ \t]*(?:{_LABEL})?|{_LABEL})(?=\S)",
    regex.M,
)


@dataclass(frozen=True)
class Line:
    """One line of the file text; offsets index the whole file text."""

    start: int
    end: int
    text: str

    @property
    def clean(self) -> str:
        """The line without surrounding blanks and without a Markdown bullet."""
        return _BULLET.sub("", self.text).strip()

    @property
    def cells(self) -> list[str]:
        return [c.strip() for c in self.text.split("\t")]


@dataclass(frozen=True)
class Document:
    """A document of the file: lines[first:last] of the file's lines."""

    first: int
    last: int


def split_lines(text: str) -> list[Line]:
    """Every non-empty line (pages are separated by form feeds) with its offsets, less page furniture
    (page numbers, signature initials, a web portal's footer), which belongs to no document."""
    furniture = _furniture()
    return [
        Line(m.start(), m.end(), m.group())
        for m in _LINE.finditer(text)
        if m.group().strip() and not furniture.search(m.group())
    ]


@cache
def _furniture() -> regex.Pattern[str]:
    return regex.compile(alternation(strings("labels", "furniture")))


def sentences(text: str, start: int = 0) -> list[tuple[int, int]]:
    """(start, end) of each sentence in `text`, ending at a danda, ? or !."""
    spans: list[tuple[int, int]] = []
    pos = 0
    for m in _SENTENCE_END.finditer(text):
        _append_trimmed(spans, text, pos, m.start(), start)
        pos = m.end()
    _append_trimmed(spans, text, pos, len(text), start)
    return spans


def _append_trimmed(spans: list[tuple[int, int]], text: str, a: int, b: int, offset: int) -> None:
    piece = text[a:b]
    lead = len(piece) - len(piece.lstrip())
    trail = len(piece) - len(piece.rstrip())
    if b - trail > a + lead:
        spans.append((offset + a + lead, offset + b - trail))


def split_documents(lines: list[Line], dated: set[int]) -> list[Document]:
    """Split a file into documents at each further own memo number, before its letterhead.

    A file holds more than one document when a forwarding letter carries the letter it forwards: each
    has its own memo number, in header position with its issue date close by (`dated` holds the
    indexes of lines that carry a date). A memo whose number repeats an earlier one (the
    copy-distribution line) belongs to the same document. The new document starts at the government
    letterhead above its memo number, when there is one after the previous memo, else at the memo line.
    """
    anchors: list[int] = []
    seen: set[str] = set()
    for index, memo in find_memo_lines(lines):
        near = range(index - ISSUE_DATE_REACH, index + ISSUE_DATE_REACH + 1)
        if memo.value not in seen and (not anchors or any(i in dated for i in near)):
            anchors.append(index)
            seen.add(memo.value)
    starts = [0]
    for previous, anchor in itertools.pairwise(anchors):
        heads = [i for i in range(previous + 1, anchor) if GOVERNMENT.match(lines[i].text)]
        starts.append(heads[-1] if heads else anchor)
    bounds = [*starts, len(lines)]
    return [Document(a, b) for a, b in itertools.pairwise(bounds) if b > a]
