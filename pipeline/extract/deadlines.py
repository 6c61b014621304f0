"""Deadlines of a decision: by a day, recurring (an ISO 8601 period), or as soon as possible."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cache

import regex

from pipeline.extract.patterns import NOT_WORD_BEFORE, QUOTED, alternation, data, nfc, pattern, strings
from pipeline.normalize.dates import DualDate, date_role, find_day_months
from pipeline.normalize.digits import to_ascii_digits


@dataclass(frozen=True)
class DeadlineInfo:
    kind: str
    value: str | None
    text: str
    anchor: str | None = None


@cache
def _recurring(key: str = "recurring") -> list[tuple[regex.Pattern[str], str]]:
    rows = data("deadlines")[key]
    assert isinstance(rows, list)
    return [(regex.compile(NOT_WORD_BEFORE + nfc(r["pattern"])), r["period"]) for r in rows]


@cache
def _every_n() -> tuple[regex.Pattern[str], dict[str, str], dict[str, int]]:
    table = data("deadlines")["every_n"]
    assert isinstance(table, dict)
    units = {nfc(k): v for k, v in table["units"].items()}
    words = {nfc(k): v for k, v in table["words"].items()}
    number = alternation([r"[0-9০-৯]{1,2}", *words])
    unit = alternation(units)
    return (
        regex.compile(
            rf"প্রতি\s*(?P<n>{number})\s*(?:\([^)\s]*\)\s*)?(?P<unit>{unit})(?:ে|ের)?(?:\s*(?:অন্তর|পর\s*পর|পরপর))?"
            rf"(?![\p{{L}}\p{{M}}])"
        ),
        units,
        words,
    )


@cache
def _date_cue() -> regex.Pattern[str]:
    return regex.compile(r"\s*" + alternation(strings("deadlines", "date_cues")))


def find_deadline(text: str, start: int, end: int, dates: list[DualDate]) -> DeadlineInfo | None:
    """The deadline stated in text[start:end], preferring a day, then a period, then a day printed
    without its year, then 'asap'. Words in quotation marks are quoted, not stated (an amendment that
    quotes "…প্রতি বৎসর ১২ অক্টোবর হইতে…" sets no deadline of its own)."""
    if QUOTED.search(text, start, end):  # blank the quotes out, keeping every offset
        text = text[:start] + QUOTED.sub(lambda m: " " * len(m.group()), text[start:end]) + text[end:]
        dates = [d for d in dates if text[d.start : d.end].strip()]
    return (
        _by_date(text, start, end, dates)
        or _recurring_in(text[start:end])
        or _by_day_month(text, start, end, dates)
        or _asap_in(text[start:end])
        or _recurring_in(text[start:end], "recurring_adjectives")
    )


def column_deadline(text: str, start: int, end: int, dates: list[DualDate]) -> DeadlineInfo | None:
    """The deadline in a table's deadline column (সময়সীমা): its column says a date there is the day
    to act by, cue or not, unless it is a past date; else a period or 'asap' it states."""
    for date in dates:
        if start <= date.start < end and date.gregorian and date_role(text, date.start, date.end) != "past":
            return DeadlineInfo("date", date.gregorian.isoformat(), _squash(text[date.start : date.end]))
    return find_deadline(text, start, end, dates)


def _by_date(text: str, start: int, end: int, dates: list[DualDate]) -> DeadlineInfo | None:
    for date in dates:
        if start <= date.start < end and date.gregorian and date_role(text, date.start, date.end) == "deadline":
            cue = _date_cue().match(text, date.end)
            stop = cue.end() if cue else date.end
            return DeadlineInfo("date", date.gregorian.isoformat(), _squash(text[date.start : stop]))
    return None


def _by_day_month(text: str, start: int, end: int, dates: list[DualDate]) -> DeadlineInfo | None:
    """A day and month without a year (০৫ ফেব্রুয়ারি এর মধ্যে), in the year of the nearest full date
    printed before it in the document (a schedule gives the year once)."""
    for a, b, month, day in find_day_months(text[start:end]):
        if date_role(text, start + a, start + b) != "deadline":
            continue
        years = [d.gregorian.year for d in dates if d.gregorian and d.start < start + a]
        if not years:
            return None
        try:
            due = dt.date(years[-1], month, day)
        except ValueError:
            return None
        cue = _date_cue().match(text, start + b)
        return DeadlineInfo("date", due.isoformat(), _squash(text[start + a : cue.end() if cue else start + b]))
    return None


def _recurring_in(segment: str, key: str = "recurring") -> DeadlineInfo | None:
    """A recurring deadline: every N units (প্রতি ৩ মাস অন্তর), else a phrase of the data file's `key` list."""
    every, units, words = _every_n()
    match = every.search(segment) if key == "recurring" else None
    if match:
        raw = match.group("n")
        n = words.get(raw) or int(to_ascii_digits(raw))
        unit = units[match.group("unit")]
        period = f"PT{n}{unit[1:]}" if unit.startswith("T") else f"P{n}{unit}"
        return _with_anchor(segment, match, period)
    for phrase, period in _recurring(key):
        match = phrase.search(segment)
        if match:
            return _with_anchor(segment, match, period)
    return None


def _with_anchor(segment: str, match: regex.Match[str], period: str) -> DeadlineInfo:
    """A yearly deadline with a day in the year (প্রতি বছর ৩০ জুন-এর মধ্যে) keeps it as --MM-DD."""
    anchor = None
    if period == "P1Y":
        for start, _end, month, day in find_day_months(segment[match.end() : match.end() + 40]):
            if start < 12:
                anchor = f"--{month:02d}-{day:02d}"
                break
    return DeadlineInfo("recurring", period, _squash(match.group()), anchor)


def _asap_in(segment: str) -> DeadlineInfo | None:
    match = pattern("deadlines", "asap", word_bound=True).search(segment)
    return DeadlineInfo("asap", None, _squash(match.group())) if match else None


def _squash(text: str) -> str:
    return " ".join(text.split())
