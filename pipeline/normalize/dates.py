"""Dates in running text: find them, pair the two halves of a dual date, tell deadlines from past dates.

Shapes (Bangla, ASCII or mixed digits): numeric day-first D/M/Y with `/ - .` (a year 1300–1499 makes it a
Bangla-calendar date, a two-digit year is 20xx); day + Gregorian month name (Bangla or English) + year;
day + Bangla month name + Bangla year; each with an optional ordinal (০১লা) and era word (খ্রিঃ, বঙ্গাব্দ).
All spellings live in `pipeline/data/dates.yaml`.

dateparser is not used: it only parses a string already cut out of the text (its `search_dates` took 75 ms
on 3 KB and returned memo-number fragments as dates), fails 6 of the 28 corpus dates (era suffixes), costs
0.6 ms per date warm and 1.3 s on first use, and knows no বঙ্গাব্দ; the regexes below already isolate day,
month and year, so parsing them is a table look-up.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, replace
from functools import cache
from types import MappingProxyType
from typing import Any, Literal

import regex

from pipeline import warning_codes
from pipeline.data import load_yaml
from pipeline.normalize.calendar import (
    BanglaDate,
    Revision,
    from_gregorian,
    matching_revisions,
    revision_in_force,
    to_gregorian,
)
from pipeline.normalize.digits import to_ascii_digits

Calendar = Literal["gregorian", "bangla"]
Role = Literal["deadline", "past", "plain"]

BANGLA_YEARS = range(1300, 1500)  # a printed year in this range is a বঙ্গাব্দ year
GREGORIAN_YEARS = range(1800, 2200)
_DAYS_IN_MONTH = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)  # for day + month without a year

_DIGITS = "0123456789০১২৩৪৫৬৭৮৯"
_DIGIT = "[0-9০-৯]"
_HSPACE = r"[^\S\n]"  # spaces and tabs, not a line break
_WRAP = rf"{_HSPACE}*(?:\n{_HSPACE}*)?"  # blanks, and at most one line break where a line was wrapped
_LETTER = r"[\p{L}\p{M}]"
# Composed nukta letters; NFC text holds the decomposed form, hand-typed or legacy text may not.
_NUKTA = {"য\u09bc": "\u09df", "ড\u09bc": "\u09dc", "ঢ\u09bc": "\u09dd"}


@dataclass(frozen=True)
class DateMention:
    """One date as printed: `text == source[start:end]`; `gregorian` or `bangla` set by `calendar`."""

    calendar: Calendar
    start: int
    end: int
    text: str
    gregorian: dt.date | None = None
    bangla: BanglaDate | None = None


@dataclass(frozen=True)
class DualDate:
    """A date with its Bangla and/or Gregorian half.

    `consistent` is None when only one half is printed, else whether the halves name the same day under
    the revision in force. `revision`: the revision under which the halves agree (for a lone Bangla half,
    the one `gregorian` was computed under). `warning` explains a disagreement.
    """

    gregorian: dt.date | None
    bangla: BanglaDate | None
    start: int
    end: int
    text: str
    consistent: bool | None = None
    revision: Revision | None = None
    warning: str | None = None


# --- language data ------------------------------------------------------------------------------------------


def _key(word: str) -> str:
    """How a spelling is looked up: NFC, case-folded (for English month names)."""
    return unicodedata.normalize("NFC", word).casefold()


@cache
def _data() -> Mapping[str, Any]:
    return MappingProxyType(load_yaml("dates"))


@cache
def _words(*path: str) -> tuple[str, ...]:
    """The NFC strings of the list at `path` in dates.yaml."""
    node: Any = _data()
    for step in path:
        node = node[step]
    return tuple(unicodedata.normalize("NFC", str(w)) for w in node)


@cache
def _month_numbers(kind: str) -> Mapping[str, int]:
    """Spelling (as `_key`) → month number, for `gregorian_months` or `bangla_months`."""
    table = _data()[kind]
    return MappingProxyType({_key(str(w)): int(n) for n, words in table.items() for w in words})


def _alternation(words: Iterable[str]) -> str:
    """A regex alternation of `words`, longest first, accepting both forms of য় ড় ঢ়."""
    parts = []
    for word in sorted({unicodedata.normalize("NFC", w) for w in words}, key=len, reverse=True):
        pattern = regex.escape(word)
        for decomposed, composed in _NUKTA.items():
            pattern = pattern.replace(decomposed, f"(?:{decomposed}|{composed})")
        parts.append(pattern)
    return "|".join(parts)


def _month_group(name: str, kind: str) -> str:
    return f"(?P<{name}>(?i:{_alternation(_month_numbers(kind))}))(?!{_LETTER})"


def _day_prefix() -> str:
    """Day, optional ordinal (০১লা, ১৯শে), and what may stand between day and month (22-মাঘ, ৪ঠা, মার্চ)."""
    ordinal = _alternation(_words("ordinal_suffixes"))
    # The closing lookahead lets the many digits not followed by a word fail before the month alternation.
    return (
        f"(?<![0-9০-৯.])(?P<d>{_DIGIT}{{1,2}})(?:{_HSPACE}?(?:{ordinal}))?{_HSPACE}*[-,./]?{_WRAP}"
        r"(?=\p{L})"
    )


def _era() -> str:
    """An era word, with its genitive ending when it has one (বঙ্গাব্দের মধ্যে)."""
    eras = _words("era_suffixes", "gregorian") + _words("era_suffixes", "bangla")
    return f"(?P<era>{_alternation(eras)})(?:-?এর|ের)?(?!{_LETTER})"


def _era_group() -> str:
    """An era word after the year (১৪৩২ বঙ্গাব্দের মধ্যে), also on the next line where the line was wrapped
    before it."""
    return f"(?:{_WRAP}{_era()})?"


@cache
def _numeric_re() -> regex.Pattern[str]:
    """D/M/Y, D-M-Y, D.M.Y with one separator throughout; a two- or four-digit year."""
    return regex.compile(
        f"(?<![0-9০-৯])(?P<d>{_DIGIT}{{1,2}})(?P<sep>[/.-])(?P<m>{_DIGIT}{{1,2}})(?P=sep)"
        f"(?P<y>{_DIGIT}{{4}}|{_DIGIT}{{2}})(?![0-9০-৯]){_era_group()}"
    )


@cache
def _named_re() -> regex.Pattern[str]:
    """Day + Gregorian or Bangla month name + four-digit year (৩১ অক্টোবর ২০১৭, ০৪ চৈত্র, ১৪৩১)."""
    months = f"(?:{_month_group('gm', 'gregorian_months')}|{_month_group('bm', 'bangla_months')})"
    return regex.compile(
        f"{_day_prefix()}{months}{_HSPACE}*[-,./]?{_WRAP}(?P<y>{_DIGIT}{{4}})(?![0-9০-৯]|\\.[0-9০-৯]){_era_group()}"
    )


@cache
def _day_month_re() -> regex.Pattern[str]:
    """Day + Gregorian month name with no year; a glued genitive (৩০ জুনের) stays outside the span."""
    inflection = _alternation(_words("month_inflections"))
    return regex.compile(
        f"{_day_prefix()}(?P<gm>(?i:{_alternation(_month_numbers('gregorian_months'))}))"
        f"(?=(?:{inflection})?(?!{_LETTER}))"
    )


# --- finding dates ------------------------------------------------------------------------------------------


def _int(digits: str) -> int:
    return int(to_ascii_digits(digits))


def _exists_in_some_revision(bd: BanglaDate) -> bool:
    # An office may print a day that exists only under the revision not in force (৩১ আশ্বিন ১৪২৪).
    return any(bd.is_valid(rev) for rev in Revision)


def _mention(m: regex.Match[str], year: int, month: int, day: int, calendar: Calendar) -> DateMention | None:
    """The mention for a match, or None when the day does not exist or the year is implausible."""
    if calendar == "bangla":
        bd = BanglaDate(year, month, day)
        if year not in BANGLA_YEARS or not _exists_in_some_revision(bd):
            return None
        return DateMention("bangla", m.start(), m.end(), m.group(), bangla=bd)
    if year not in GREGORIAN_YEARS or year in BANGLA_YEARS:
        return None
    try:
        gregorian = dt.date(year, month, day)
    except ValueError:
        return None
    return DateMention("gregorian", m.start(), m.end(), m.group(), gregorian=gregorian)


def _in_number_chain(text: str, start: int, end: int, sep: str) -> bool:
    """Whether a numeric date is a piece of a longer dotted/slashed number (a memo number, a phone)."""
    before, after = text[max(0, start - 2) : start], text[end : end + 2]
    if before[-1:] == "." or (len(before) == 2 and before[1] in ("/", sep) and before[0] in _DIGITS):
        return True
    return len(after) == 2 and after[0] in (".", "/", sep) and after[1] in _DIGITS


def _numeric_mentions(text: str) -> Iterator[DateMention]:
    for m in _numeric_re().finditer(text):
        end = m.end("y")  # the chain test looks at the digits, not at an era word after them
        if _in_number_chain(text, m.start(), end, m["sep"]):
            continue
        year = _int(m["y"]) + (2000 if len(m["y"]) == 2 else 0)
        calendar: Calendar = "bangla" if year in BANGLA_YEARS else "gregorian"
        mention = _mention(m, year, _int(m["m"]), _int(m["d"]), calendar)
        if mention:
            yield mention


def _named_mentions(text: str) -> Iterator[DateMention]:
    for m in _named_re().finditer(text):
        calendar: Calendar = "gregorian" if m["gm"] else "bangla"
        month = _month_numbers(f"{calendar}_months")[_key(m["gm"] or m["bm"])]
        mention = _mention(m, _int(m["y"]), month, _int(m["d"]), calendar)
        if mention:
            yield mention


def _non_overlapping(mentions: Iterable[DateMention]) -> list[DateMention]:
    """Sorted by position; of overlapping mentions the earlier (then the longer) wins."""
    kept: list[DateMention] = []
    for mention in sorted(mentions, key=lambda x: (x.start, -x.end)):
        if not kept or mention.start >= kept[-1].end:
            kept.append(mention)
    return kept


def find_dates(text: str) -> list[DateMention]:
    """Every full date (day, month and year) in `text`, sorted and non-overlapping."""
    return _non_overlapping([*_numeric_mentions(text), *_named_mentions(text)])


def find_day_months(text: str) -> list[tuple[int, int, int, int]]:
    """(start, end, month, day) of each day + Gregorian month printed without a year (৩০ জুন, 17 March)."""
    full = find_dates(text)
    found = []
    for m in _day_month_re().finditer(text):
        month, day = _month_numbers("gregorian_months")[_key(m["gm"])], _int(m["d"])
        overlaps = any(f.start < m.end() and m.start() < f.end for f in full)
        if 0 < day <= _DAYS_IN_MONTH[month - 1] and not overlaps:
            found.append((m.start(), m.end(), month, day))
    return found


# --- dual dates ---------------------------------------------------------------------------------------------


@cache
def _gap_re() -> regex.Pattern[str]:
    """What may stand between the halves of a dual date: separators, a date label (তারিখঃ), and the rule
    between the halves of a stacked date as OCR reads it (_ — = ~)."""
    labels = _alternation(_words("date_labels"))
    return regex.compile(f"(?:[\\s/|,()\\-_—–=~]|(?:{labels})[:ঃ]?)*")


def _pairable(text: str, a: DateMention, b: DateMention) -> bool:
    return a.calendar != b.calendar and _gap_re().fullmatch(text, a.end, b.start) is not None


def _halves_agree(a: DateMention, b: DateMention) -> bool:
    g, bn = (a, b) if a.calendar == "gregorian" else (b, a)
    assert g.gregorian is not None and bn.bangla is not None
    return bool(matching_revisions(bn.bangla, g.gregorian))


def _disagreement(bd: BanglaDate, printed: dt.date) -> str:
    """Warning for halves that name different days under either revision; says which way."""
    expected = to_gregorian(bd, _valid_revision(bd))
    delta = (printed - expected).days
    way = f"{abs(delta)} day{'s' if abs(delta) != 1 else ''} {'later' if delta > 0 else 'earlier'}"
    return warning_codes.warning(
        "date-mismatch",
        f"dual date disagrees: Bangla {bd.iso()} is {expected.isoformat()}, "
        f"but the Gregorian half prints {printed.isoformat()} ({way})",
    )


def _valid_revision(bd: BanglaDate) -> Revision:
    """The revision in force if the day exists under it, else the other one."""
    in_force = revision_in_force(bd.year)
    if bd.is_valid(in_force):
        return in_force
    return next(rev for rev in Revision if rev != in_force)


def _other_calendar_warning(bd: BanglaDate, printed: dt.date, matching: Revision) -> str:
    era = "pre-2019" if matching == Revision.R1987 else "2019"
    when = "still" if matching == Revision.R1987 else "already"
    return warning_codes.warning(
        "date-other-revision",
        f"dual date {bd.iso()} / {printed.isoformat()} agrees only under the {matching} revision, not the "
        f"{revision_in_force(bd.year)} revision in force for {bd.year}: the office seems to {when} use the "
        f"{era} calendar",
    )


def _dual(text: str, a: DateMention, b: DateMention) -> DualDate:
    g, bn = (a, b) if a.calendar == "gregorian" else (b, a)
    assert g.gregorian is not None and bn.bangla is not None
    bd, printed = bn.bangla, g.gregorian
    in_force = revision_in_force(bd.year)
    matching = matching_revisions(bd, printed)
    span = (a.start, b.end, text[a.start : b.end])
    if in_force in matching:
        return DualDate(printed, bd, *span, consistent=True, revision=in_force)
    if matching:
        warning = _other_calendar_warning(bd, printed, matching[0])
        return DualDate(printed, bd, *span, consistent=False, revision=matching[0], warning=warning)
    return DualDate(printed, bd, *span, consistent=False, warning=_disagreement(bd, printed))


def _single(m: DateMention) -> DualDate:
    if m.bangla is None:
        return DualDate(m.gregorian, None, m.start, m.end, m.text)
    revision = _valid_revision(m.bangla)
    warning = None
    if revision != revision_in_force(m.bangla.year):
        exists = f"Bangla date {m.bangla.iso()} exists only under the {revision} revision; converted under it"
        warning = warning_codes.warning("date-other-revision", exists)
    gregorian = to_gregorian(m.bangla, revision)
    return DualDate(gregorian, m.bangla, m.start, m.end, m.text, revision=revision, warning=warning)


@cache
def _damaged_re() -> regex.Pattern[str]:
    """Day + a word that is no month name + four-digit year: a half whose month OCR damaged (২৫ জট ১৪২৭)."""
    return regex.compile(
        f"(?<![0-9০-৯])(?P<d>{_DIGIT}{{1,2}}){_HSPACE}*(?P<word>{_LETTER}{{2,12}}){_HSPACE}*[-,.]?{_HSPACE}*"
        f"(?P<y>{_DIGIT}{{4}})(?![0-9০-৯]){_era_group()}"
    )


def _damaged_half(text: str, date: DualDate) -> DualDate:
    """A lone date joined with a damaged other half printed next to it, when that half's day and year
    are those of the lone date in the other calendar: the month is then read from the sound half."""
    window = 40
    for m in _damaged_re().finditer(text, max(0, date.start - window), min(len(text), date.end + window)):
        before, after = m.end() <= date.start, m.start() >= date.end
        gap = (m.end(), date.start) if before else (date.end, m.start())
        if not (before or after) or _gap_re().fullmatch(text, *gap) is None:
            continue
        repaired = _read_other_half(date, _int(m["d"]), _int(m["y"]))
        if repaired is not None:
            start, end = min(m.start(), date.start), max(m.end(), date.end)
            damaged = m.group()
            return repair_half(replace(repaired, start=start, end=end, text=text[start:end]), damaged)
    return date


def _read_other_half(date: DualDate, day: int, year: int) -> DualDate | None:
    """The dual date whose missing half has this day and year, or None when they do not fit."""
    if date.gregorian is not None and date.bangla is None and year in BANGLA_YEARS:
        bangla = from_gregorian(date.gregorian, revision_in_force(year))
        fits = (bangla.year, bangla.day) == (year, day)
        return replace(date, bangla=bangla) if fits else None
    if date.bangla is not None and year in GREGORIAN_YEARS and year not in BANGLA_YEARS:
        gregorian = to_gregorian(date.bangla, date.revision)
        fits = (gregorian.year, gregorian.day) == (year, day)
        return replace(date, gregorian=gregorian) if fits else None
    return None


def repair_half(date: DualDate, damaged: str) -> DualDate:
    """`date` with both halves set and agreeing, and a warning naming the half as printed (`damaged`)."""
    assert date.gregorian is not None and date.bangla is not None
    warning = warning_codes.warning(
        "date-repaired",
        f"dual date: the half printed as '{' '.join(damaged.split())}' was damaged; repaired from the "
        f"other half to {date.bangla.iso()} / {date.gregorian.isoformat()}",
    )
    revision = revision_in_force(date.bangla.year)
    return replace(date, consistent=True, revision=revision, warning=warning)


def pair_dates(text: str, mentions: list[DateMention]) -> list[DualDate]:
    """Join a Bangla and a Gregorian mention separated only by separators or a label into one DualDate.

    Reading order decides, except that in a run B G B (or G B G) the middle one joins the neighbour it
    agrees with. Every other mention becomes a DualDate of its own, joined with a damaged other half
    printed next to it when the day and year of that half fit.
    """
    ms = sorted(mentions, key=lambda x: x.start)
    out: list[DualDate] = []
    i = 0
    while i < len(ms):
        pair_next = i + 1 < len(ms) and _pairable(text, ms[i], ms[i + 1])
        if pair_next and i + 2 < len(ms) and _pairable(text, ms[i + 1], ms[i + 2]):
            pair_next = _halves_agree(ms[i], ms[i + 1]) or not _halves_agree(ms[i + 1], ms[i + 2])
        if pair_next:
            out.append(_dual(text, ms[i], ms[i + 1]))
            i += 2
        else:
            out.append(_damaged_half(text, _single(ms[i])))
            i += 1
    return out


# --- role ---------------------------------------------------------------------------------------------------

_CLAUSE_END = regex.compile(r"[।?|\n\t]")
_LAST_WORD = regex.compile(f"({_LETTER}+){_HSPACE}*$")


@cache
def _cue_keys(name: str) -> frozenset[str]:
    return frozenset(_key(w) for w in _words("roles", name))


def _word_before(text: str, start: int) -> str:
    m = _LAST_WORD.search(text, max(0, start - 40), start)
    return _key(m.group(1)) if m else ""


def _after(text: str, end: int) -> str:
    """The text right after a date, without the spaces and hyphen that may join a cue (জুন-এর মধ্যে), and
    without an era word the date did not take in (its year ends a page: ১৪৩২ / … / বঙ্গাব্দের মধ্যে)."""
    after = unicodedata.normalize("NFC", text[end : end + 300]).lstrip(" \t\n-–")
    return _era_after().sub("", after, count=1)


@cache
def _era_after() -> regex.Pattern[str]:
    return regex.compile(f"^{_era()}[ \t\n]*")


def _past_clause(clause: str) -> bool:
    """Whether the clause after a date is past tense: a past verb and no future one."""
    clause = _CLAUSE_END.split(clause, maxsplit=1)[0]
    if any(w in clause for w in _words("roles", "future_tense")):
        return False
    return any(w in clause for w in _words("roles", "past_tense"))


def date_role(text: str, start: int, end: int) -> Role:
    """Whether the date at text[start:end] is a deadline, a past date, or neither, from its cue words.

    In order: past when the word before is গত/বিগত; plain for the end of a from–to window (…হতে X
    পর্যন্ত); deadline when …(তারিখের) মধ্যে / …পর্যন্ত follows;
    past when …তারিখে / …তারিখ হতে follows and the rest of that clause is in the past tense (…অনুষ্ঠিত
    হয়েছে, not …অনুষ্ঠিত হবে); plain for a start date (…তারিখ হতে); deadline when আগামী/within
    precedes; otherwise plain.
    """
    before, after = _word_before(text, start), _after(text, end)
    if before in _cue_keys("past_before"):
        return "past"
    if before in _cue_keys("window_before") and after.startswith(_words("roles", "window_after")):
        return "plain"  # the end of a from–to window (… হতে ০১/১২/২০২৪ পর্যন্ত) is no deadline
    if after.startswith(_words("roles", "deadline_after")):
        return "deadline"
    for cue in _words("roles", "past_after"):
        if after.startswith(cue) and _past_clause(after[len(cue) :]):
            return "past"
    if after.startswith(_words("roles", "start_after")):
        return "plain"
    if before in _cue_keys("deadline_before"):
        return "deadline"
    return "plain"
