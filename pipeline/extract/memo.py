"""Memo numbers: the document's own (behind a label), the ones it cites, and their normal form."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

import regex

from pipeline.extract.patterns import COLON, DIGIT, alternation, strings
from pipeline.normalize.digits import to_ascii_digits

if TYPE_CHECKING:
    from pipeline.extract.segment import Line

# A dot may be followed by a space (৪৬. ০০. ০০০০); a comma and a space separate items of a list.
_SEP = r"(?:[ \t]*\.[ \t]*|,)"
_GROUP = rf"{DIGIT}+"
_BRACKET = r"[ \t]*\([^()\n]{1,24}\)"
_TAIL = rf"[ \t]*[-–][ \t]*{_GROUP}(?:{_SEP}{_GROUP})*"
_COPY = rf"[ \t]*/[ \t]*(?P<copy>{_GROUP}(?:[ \t]*\({_GROUP}\))?)"
# A dotted memo number: groups of digits joined by dots or commas (spaces may follow a separator),
# an optional bracketed part (অংশ-২), dash-joined tails, and a copy-distribution suffix /১(৫).
NUMBER = regex.compile(
    rf"(?<![\p{{L}}\p{{M}}0-9০-৯.,])(?P<number>{_GROUP}(?:{_SEP}{_GROUP}){{2,}}(?:{_BRACKET})?(?:{_TAIL})*)"
    rf"(?:{_COPY})?(?![0-9০-৯])"
)
# An office-initials memo number (আশিবো/প্রশা/২০১০/২১, সিএস/মৌল/ইপিআই/২০২৪/১১৮৭): a word, then parts
# joined by slashes, the last a number; a copy suffix needs its bracket here (/১(৫)).
_WORDISH = r"[\p{L}\p{M}0-9০-৯\-]+"
SLASHED = regex.compile(
    rf"(?P<number>[\p{{L}}\p{{M}}]+(?:[ \t]*/[ \t]*{_WORDISH})*?[ \t]*/[ \t]*{_GROUP})"
    rf"(?:[ \t]*/[ \t]*(?P<copy>{_GROUP}[ \t]*\({_GROUP}\)))?(?![\p{{L}}\p{{M}}0-9০-৯/])"
)
MIN_GROUPS_LABELLED = 3
MIN_GROUPS_CITED = 5
MAX_WORDS_BEFORE_LABEL = 3


@dataclass(frozen=True)
class Memo:
    """A memo number as printed, normalised, and its copy suffix."""

    text: str
    value: str
    copy: str | None
    start: int
    end: int


def normalise_number(printed: str) -> str:
    """ASCII digits, no spaces, commas standing for dots made dots; a bracketed part keeps its words."""
    flat = regex.sub(r"\s+", "", to_ascii_digits(printed))
    return regex.sub(r",", ".", flat)


def _groups(value: str) -> int:
    return len(regex.findall(r"[0-9]+", value.split("(")[0]))


def _memo(match: regex.Match[str], offset: int) -> Memo:
    copy = match.group("copy")
    return Memo(
        text=match.group(0).strip(),
        value=normalise_number(match.group("number")),
        copy=normalise_number(copy) if copy else None,
        start=offset + match.start(),
        end=offset + match.end(),
    )


@cache
def _label_regex(number_start: str, *, weak: bool) -> regex.Pattern[str]:
    """A memo label before a number that opens as `number_start` says, not after a receipt stamp's
    word; with `weak`, a bare নং / নম্বর too (group 'weak')."""
    receipt = alternation(strings("labels", "receipt"))
    labels = alternation(strings("labels", "memo"))
    if weak:
        labels = rf"(?:{labels}|(?P<weak>{alternation(strings('labels', 'memo_weak'))}))"
    return regex.compile(rf"(?<!{receipt}[ \t]*)(?<![\p{{L}}\p{{M}}]){labels}{COLON}(?={number_start})")


def labelled_memo(line: Line) -> Memo | None:
    """The memo number a memo label introduces in header position on this line, if it is a full number
    (not a stamp's): dotted, or office initials joined by slashes behind a full label. A labelled number
    inside a sentence (…এর স্মারক নং ৪৬.০০… সংখ্যক মূলে…) is a citation, not the document's own."""
    kinds = ((_label_regex(DIGIT, weak=True), NUMBER), (_label_regex(r"[\p{L}\p{M}]", weak=False), SLASHED))
    for labels, number in kinds:
        for label in labels.finditer(line.text):
            match = number.match(line.text, label.end())
            if match and _header_position(line.text[: label.start()], line.text[match.end() :]):
                memo = _memo(match, line.start)
                if number is SLASHED or _groups(memo.value) >= _least_groups(label):
                    return memo
    return None


def _least_groups(label: regex.Match[str]) -> int:
    """Groups a dotted number needs behind this label: a bare নং is trusted only before a full number."""
    return MIN_GROUPS_CITED if label.groupdict().get("weak") else MIN_GROUPS_LABELLED


def _header_position(before: str, after: str) -> bool:
    """A number stands in header position when at most a few words (a date, a bullet) precede its label
    on the line and the words after it do not go on citing it."""
    return len(before.split()) <= MAX_WORDS_BEFORE_LABEL and not _citation_cue().search(after)


@cache
def _citation_cue() -> regex.Pattern[str]:
    return regex.compile(alternation(strings("labels", "citation_cues")))


def find_memo_lines(lines: Sequence[Line]) -> Iterator[tuple[int, Memo]]:
    """(line index, memo) for every line whose label introduces a memo number, references excluded."""
    reference = _reference_line()
    for index, line in enumerate(lines):
        if reference.match(line.text):
            continue
        memo = labelled_memo(line)
        if memo:
            yield index, memo


@cache
def _reference_line() -> regex.Pattern[str]:
    return regex.compile(rf"^\W*{alternation(strings('labels', 'reference'))}")


def cited_numbers(text: str, offset: int = 0, least: int = MIN_GROUPS_CITED) -> list[Memo]:
    """Every memo number in running text with at least `least` groups (five keep out amounts, dates)."""
    found = (_memo(m, offset) for m in NUMBER.finditer(text))
    return [m for m in found if _groups(m.value) >= least]
