"""What every extractor of one document reads: the file text, the document's lines and its dates."""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from functools import cached_property

import regex

from pipeline.extract.segment import Line
from pipeline.normalize.dates import DualDate

_BLANK_LINE = regex.compile(r"\n[ \t]*\n")
_NOT_NEWLINE = regex.compile(r"[^\n]")
_SENTENCE_END = regex.compile(r"[।?!:;ঃ.)\]\"”’]\s*$")  # or a label's colon, a list's semicolon, a bracket
PARAGRAPH_CHARS = 100  # running text: a paragraph at least this long
WRAPPED_LINE = 45  # a line this long may be one wrapped out of a paragraph
TITLE_LINE = 40  # a line shorter than this, not ending in a comma, is a title or greeting, never a wrap
_LABELLED = regex.compile(r"^[^:ঃ]{0,20}[:ঃ]")  # বিষয়:, স্মারক নং:, তারিখঃ … open header lines


def _prose(line: Line) -> bool:
    """A line that may belong to a paragraph: no table cells, no label opening it."""
    return "\t" not in line.text and not _LABELLED.match(line.clean)


@dataclass(frozen=True)
class DocContext:
    """One document: `lines` index into `text`, the whole file text; `dates` lie inside the document."""

    text: str
    lines: list[Line]
    dates: list[DualDate]
    _starts: list[int] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_starts", [line.start for line in self.lines])

    def line_at(self, offset: int) -> int:
        """Index of the line holding the offset (the line before, for an offset between lines)."""
        return max(0, bisect.bisect_right(self._starts, offset) - 1)

    @cached_property
    def plain(self) -> str:
        """The file text with every character off the document's lines blanked (page furniture, other
        documents), newlines kept: offsets hold, and a phrase cut by a page break reads on."""
        parts, done = [], 0
        for line in self.lines:
            parts += [_NOT_NEWLINE.sub(" ", self.text[done : line.start]), line.text]
            done = line.end
        return "".join([*parts, _NOT_NEWLINE.sub(" ", self.text[done:])])

    def content(self, start: int, end: int) -> str:
        """The words of text[start:end] on the document's lines, single-spaced: without the page furniture
        and page breaks a sentence running on to the next page leaves between its parts."""
        first = self.line_at(start)
        parts = [
            self.text[max(start, line.start) : min(end, line.end)] for line in self.lines[first:] if line.start < end
        ]
        return " ".join(" ".join(parts).split())

    def gap_before(self, index: int) -> bool:
        """Whether a blank line separates line `index` from the line before it. A page break after a line
        that ends no sentence does not, whatever blank lines and page furniture stand around it: the
        sentence runs on to the next page."""
        if index == 0:
            return True
        before, start = self.lines[index - 1], self.lines[index].start
        if "\f" in self.text[before.end : start] and not _SENTENCE_END.search(before.text):
            return False
        return _BLANK_LINE.search(self.text, before.end, start) is not None

    def running_text(self, index: int) -> bool:
        """Whether line `index` is running text rather than a header or signature line: a long line, or
        an unlabelled one wrapped out of a paragraph that goes on, without a gap, on the next line."""
        line = self.lines[index].clean
        if len(line) > PARAGRAPH_CHARS:
            return True
        if len(line) < WRAPPED_LINE or not _prose(self.lines[index]) or index + 1 >= len(self.lines):
            return False
        following = self.lines[index + 1]
        return (
            not self.gap_before(index + 1) and _prose(following) and len(line) + len(following.clean) > PARAGRAPH_CHARS
        )

    def first_paragraph(self, default: int) -> int:
        """Index of the first line of running text, `default` without one."""
        return next((i for i in range(len(self.lines)) if self.running_text(i)), default)

    def last_paragraph(self) -> int:
        """Index of the last line of running text, -1 without one."""
        return max((i for i in range(len(self.lines)) if self.running_text(i)), default=-1)

    def printed(self, index: int) -> str:
        """A line as a warning quotes it: without its bullet, its blanks made single spaces."""
        return " ".join(self.lines[index].clean.split())

    def dates_between(self, first: int, last: int) -> list[DualDate]:
        """Dates that start on lines first..last (inclusive)."""
        return [d for d in self.dates if first <= self.line_at(d.start) <= last]

    @property
    def start(self) -> int:
        return self.lines[0].start if self.lines else 0

    @property
    def end(self) -> int:
        return self.lines[-1].end if self.lines else 0
