"""Memo numbers: the document's own (behind a label), the ones it cites, and their normal form."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from functools import cache
from typing import TYPE_CHECKING

import regex

from pipeline.extract.patterns import COLON, DIGIT, alternation, strings
from pipeline.normalize.digits import to_ascii_digits
from pipeline.warning_codes import warning

if TYPE_CHECKING:
    from pipeline.extract.segment import Line

# A dot may be followed by a space (৪৬. ০০. ০০০০); a comma and a space separate items of a list.
_SEP = r"(?:[ \t]*\.[ \t]*|,)"
_GROUP = rf"{DIGIT}+"
_BRACKET = r"[ \t]*\([^()\n]{1,24}\)"
_TAIL = rf"[ \t]?[-–][ \t]?{_GROUP}(?:{_SEP}{_GROUP})*"  # not across a gap: …২৫        -১- is a page number
_COPY = rf"[ \t]*/[ \t]*(?P<copy>{_GROUP}(?:[ \t]*\({_GROUP}\))?)"
# A dotted memo number: groups of digits joined by dots or commas (spaces may follow a separator),
# an optional bracketed part (অংশ-২), dash-joined tails, and a copy-distribution suffix /১(৫).
NUMBER = regex.compile(
    rf"(?<![\p{{L}}\p{{M}}0-9০-৯.,])(?P<number>{_GROUP}(?:{_SEP}{_GROUP}){{2,}}(?:{_BRACKET})?(?:{_TAIL})*)"
    rf"(?:{_COPY})?(?![0-9০-৯])"
)
# An office-initials memo number (আশিবো/প্রশা/২০১০/২১, সিএস/মৌল/ইপিআই/২০২৪/১১৮৭): a word (with a serial:
# প-৩০৫/…), then parts joined by slashes, the last a number; a copy suffix needs its bracket here (/১(৫)).
# A part may be a programme's name of a few words (সিএস/পটু/সম্প্রসারিত টিকাদান/২০২৪/৪১).
_WORDISH = r"[\p{L}\p{M}0-9০-৯\-]+(?:[ ][\p{L}\p{M}]+){0,2}"
SLASHED = regex.compile(
    rf"(?P<number>[\p{{L}}\p{{M}}]+(?:-{_GROUP})?(?:[ \t]*/[ \t]*{_WORDISH})*?[ \t]*/[ \t]*{_GROUP})"
    rf"(?:[ \t]*/[ \t]*(?P<copy>{_GROUP}[ \t]*\({_GROUP}\)))?(?![\p{{L}}\p{{M}}0-9০-৯/])"
)
MIN_GROUPS_LABELLED = 3
MIN_GROUPS_CITED = 5
MAX_WORDS_BEFORE_LABEL = 3
MIN_UNREAD_DIGITS = 8  # behind a memo label: more than a stamp's serial, enough for a number OCR garbled

# The groups an e-Nothi memo number opens with (ministry, division, office, branch: ০৫.৪৭.০০০০.০১০.…); every
# dotted number of the corpus and the gold sets but two older ones (০৪.৪২২.০২২.…) has them.
ENOTHI_PREFIX = (2, 2, 4, 3)
# What OCR makes of the dot between groups (a comma and space, a danda, a colon, a middle dot, a space alone),
# and of the digit ০ (a Latin O or o, under a stamp); digits are only read from such a number whose
# groups, split where a lost dot ran two together, then fit ENOTHI_PREFIX.
_DAMAGED_SEP = r"(?:[ \t]*[.,।:;·][ \t]*|[ \t]+)"
_DAMAGED_GROUP = r"[0-9০-৯Oo]*[0-9০-৯][0-9০-৯Oo]*"
DAMAGED = regex.compile(
    rf"(?<![\p{{L}}\p{{M}}0-9০-৯.,])(?P<number>{_DAMAGED_GROUP}(?:{_DAMAGED_SEP}{_DAMAGED_GROUP}){{1,}}"
    rf"(?:[ \t]*[-–][ \t]*{_GROUP})*)(?:{_COPY})?(?![0-9০-৯])"
)
_ZERO_LOOKALIKE = str.maketrans("Oo", "00")


@dataclass(frozen=True)
class Memo:
    """A memo number as printed, normalised, and its copy suffix."""

    text: str
    value: str
    copy: str | None
    start: int
    end: int
    warning: str | None = None  # how OCR damage to the number was repaired


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
    inside a sentence (…এর স্মারক নং ৪৬.০০… সংখ্যক মূলে…) is a citation, not the document's own. A dotted
    number whose dots OCR damaged is repaired where its groups fit the e-Nothi shape (`repaired`)."""
    kinds = ((_label_regex(DIGIT, weak=True), NUMBER), (_label_regex(r"[\p{L}\p{M}]", weak=False), SLASHED))
    for labels, number in kinds:
        for label in labels.finditer(line.text):
            match = number.match(line.text, label.end())
            fixed = repaired(line.text, label.end(), line.start, _least_groups(label)) if number is NUMBER else None
            if (
                fixed
                and _more_groups(fixed, match)
                and _header_position(line.text[: label.start()], line.text[fixed.end - line.start :])
            ):
                return fixed
            if match and _header_position(line.text[: label.start()], line.text[match.end() :]):
                memo = _memo(match, line.start)
                if number is SLASHED or _groups(memo.value) >= _least_groups(label):
                    return memo
    return None


def _more_groups(fixed: Memo, plain: regex.Match[str] | None) -> bool:
    """Whether the repaired reading finds more groups than the plain one: only then was anything damaged."""
    return plain is None or _groups(fixed.value) > _groups(normalise_number(plain["number"]))


def repaired(text: str, start: int, offset: int = 0, least: int = MIN_GROUPS_LABELLED) -> Memo | None:
    """The e-Nothi number at `text[start:]` whose separators or zeros OCR damaged (৩৮, ০১, ০০০০, ১৪৫;
    ০৫ ৪৭ ০০০০ ০১০; ০৫.৪৭০০০০.০১০: a lost dot; O for ০), rebuilt with dots and a `header-repaired` warning
    (the caller takes it where the plain reading finds fewer groups); None when it has fewer than `least`
    groups or its groups do not fit ENOTHI_PREFIX."""
    match = DAMAGED.match(text, start)
    if match is None:
        return None
    printed = match["number"]
    body, *dashed = regex.split(r"[ \t]*[-–][ \t]*", printed, maxsplit=1)
    tail = dashed[0] if dashed else ""
    groups = _fit_prefix(regex.findall(r"[0-9০-৯]+", body.translate(_ZERO_LOOKALIKE)))
    if groups is None or len(groups) < least:
        return None
    value = ".".join(to_ascii_digits(group) for group in groups) + (f"-{normalise_number(tail)}" if tail else "")
    copy = match.group("copy")
    note = f"memo number printed as '{' '.join(printed.split())}' read as {value}"
    return Memo(
        text=match.group(0).strip(),
        value=value,
        copy=normalise_number(copy) if copy else None,
        start=offset + match.start(),
        end=offset + match.end(),
        warning=warning("header-repaired", note),
    )


def _fit_prefix(groups: list[str]) -> list[str] | None:
    """The digit groups with one group of ENOTHI_PREFIX's split in two where a lost dot ran them together;
    None when the groups, at least three as printed, do not open with that prefix."""
    if len(groups) < MIN_GROUPS_LABELLED:
        return None
    out: list[str] = []
    expected = list(ENOTHI_PREFIX)
    splits = 0
    for group in groups:
        while expected and len(group) > expected[0] and splits < 1:
            out.append(group[: expected[0]])
            group = group[expected.pop(0) :]
            splits += 1
        if expected and len(group) != expected.pop(0):
            return None
        out.append(group)
    return out if not expected else None


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


# The numbered items of a reference list (সূত্র: ১) … / ২) … / ৩) এ কার্যালয়ের স্মারক নং …) go on citing.
_REFERENCE_ITEM = regex.compile(r"^\s*\(?[0-9০-৯]{1,2}[).।]")


def find_memo_lines(lines: Sequence[Line]) -> Iterator[tuple[int, Memo]]:
    """(line index, memo) for every line whose label introduces a memo number, references excluded: the
    reference line and the numbered lines that continue its list."""
    reference = _reference_line()
    citing = False
    for index, line in enumerate(lines):
        citing = bool(reference.match(line.text)) or (citing and bool(_REFERENCE_ITEM.match(line.text)))
        if citing:
            continue
        memo = labelled_memo(line)
        if memo:
            yield index, _continued(memo, line, lines[index + 1]) if index + 1 < len(lines) else memo


# A dotted number cut at a separator where its cell ends (…০৭১.৩৪.০১৯.   তারিখ: …), and the rest of it
# opening the next line as a cell of its own (২৪-৪৮৭   ১৭ জুন ২০২৪).
_CUT = regex.compile(r"(?P<sep>[ \t]*[.,–-])(?:\t|[ ]{2,}|[ \t]*$)")
_REST = regex.compile(rf"[ \t]*(?P<rest>{_GROUP}(?:{_SEP}{_GROUP})*(?:{_TAIL})*(?:{_COPY})?)(?=\t|[ ]{{2,}}|[ \t]*$)")


def _continued(memo: Memo, line: Line, following: Line) -> Memo:
    """The memo number with the rest the next line carries, where a line break cut it after a separator."""
    cut = _CUT.match(line.text, memo.end - line.start)
    rest = _REST.match(following.text) if cut and not memo.warning else None
    if cut is None or rest is None:
        return memo
    joined = NUMBER.fullmatch(f"{memo.text}{cut['sep'].strip()}{rest['rest']}")
    return replace(_memo(joined, memo.start), end=following.start + rest.end("rest")) if joined else memo


def unread_memo_line(lines: Sequence[Line], limit: int) -> int | None:
    """The first of the first `limit` lines that opens with a memo label and digits enough for a memo
    number that did not read as one (নং তই ৩5 5000 9৭3 ০৪.০০3.০১.…): the document has a number, OCR
    lost it."""
    label = _label_regex(r".", weak=True)
    for index, line in enumerate(lines[:limit]):
        found = label.match(line.text.lstrip(" \t*>-"))
        if found and len(regex.findall(DIGIT, _before_date(line.text[found.end() :]))) >= MIN_UNREAD_DIGITS:
            return index
    return None


def _before_date(text: str) -> str:
    """A header line's text up to a date label, where the memo number stops."""
    return _date_label().split(text, maxsplit=1)[0]


@cache
def _date_label() -> regex.Pattern[str]:
    return regex.compile(alternation(strings("labels", "date")))


@cache
def _reference_line() -> regex.Pattern[str]:
    return regex.compile(rf"^\W*{alternation(strings('labels', 'reference'))}")


def cited_numbers(text: str, offset: int = 0, least: int = MIN_GROUPS_CITED) -> list[Memo]:
    """Every memo number in running text with at least `least` groups (five keep out amounts, dates)."""
    found = (_memo(m, offset) for m in NUMBER.finditer(text))
    return [m for m in found if _groups(m.value) >= least]
