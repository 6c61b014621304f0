"""Meeting details of minutes: chair, meeting date, time and venue."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import regex

from pipeline.extract.context import DocContext
from pipeline.extract.lexicon import Lexicon
from pipeline.extract.patterns import label_line
from pipeline.extract.people import clean_name
from pipeline.extract.segment import Line
from pipeline.normalize.dates import DualDate, date_role
from pipeline.normalize.digits import to_ascii_digits

MEETING_BLOCK = 30
_TIME = regex.compile(
    r"(?P<part>সকাল|বিকাল|বিকেল|দুপুর|বেলা|সন্ধ্যা|রাত)?\s*(?P<hour>[0-9০-৯]{1,2})(?:\s*[.:৷]\s*(?P<minute>[0-9০-৯]{2}))?"
    r"\s*(?:ঘটিকা|টা|মিনিট|AM|PM|am|pm)"
)
_AFTERNOON = {"বিকাল", "বিকেল", "সন্ধ্যা", "রাত"}
_CHAIRED = regex.compile(r"(?P<before>[^।\n]{3,120}?)\s*(?:-?এর|এঁর|র)?\s*সভাপতিত্বে")
_TODAY = regex.compile(r"অদ্য\s*$")
_EARLIER = regex.compile(r"বিগত\s*$")


@dataclass(frozen=True)
class MeetingInfo:
    chair: str | None
    date: DualDate | None
    time: str | None
    venue: str | None


def meeting(ctx: DocContext, lex: Lexicon, issue: DualDate | None) -> MeetingInfo:
    """Label : value lines (সভাপতি, তারিখ, সময়, স্থান) near the top, or the narrative (…এর সভাপতিত্বে)."""
    block = ctx.lines[:MEETING_BLOCK]
    chair = _labelled_chair(ctx, lex) or _narrative_chair(ctx, lex)
    return MeetingInfo(chair, _meeting_date(ctx, issue), _meeting_time(block), _labelled(block, "venue"))


def _labelled(lines: list[Line], key: str) -> str | None:
    label = label_line(key)
    for line in lines:
        match = label.match(line.clean)
        if match and match.group("value").strip():
            return str(match.group("value")).strip().rstrip("।")
    return None


def _labelled_chair(ctx: DocContext, lex: Lexicon) -> str | None:
    value = _labelled(ctx.lines[:MEETING_BLOCK], "chair")
    if not value:
        return None
    name = clean_name(value.split(",")[0], lex)
    return name or None


def _narrative_chair(ctx: DocContext, lex: Lexicon) -> str | None:
    text = ctx.text[ctx.start : ctx.end]
    match = _CHAIRED.search(text)
    if not match:
        return None
    name = lex.after_courtesy(match.group("before").split(",")[0])
    if name is None:
        return None
    return clean_name(name, lex) or None


def _meeting_date(ctx: DocContext, issue: DualDate | None) -> DualDate | None:
    label = label_line("meeting_date")
    for index, line in enumerate(ctx.lines[:MEETING_BLOCK]):
        dates = [d for d in ctx.dates_between(index, index) if d != issue]
        if dates and label.match(line.clean):
            return dates[0]
    for date in ctx.dates:
        if date != issue and _TODAY.search(ctx.text[max(0, date.start - 12) : date.start]):
            return date
    return _chaired_date(ctx, issue)


def _chaired_date(ctx: DocContext, issue: DualDate | None) -> DualDate | None:
    """The date in the sentence that says who chaired (…এর সভাপতিত্বে গত ২৮ নভেম্বর ২০২১ … সভা
    অনুষ্ঠিত হয়), unless it is an earlier meeting's (বিগত …)."""
    text = ctx.text[ctx.start : ctx.end]
    match = _CHAIRED.search(text)
    if not match:
        return None
    start = ctx.start + text.rfind("।", 0, match.start()) + 1
    stop = text.find("।", match.end())
    end = ctx.start + (stop if stop >= 0 else len(text))
    for date in ctx.dates:
        inside = start <= date.start < end and date != issue
        earlier = _EARLIER.search(ctx.text[max(0, date.start - 8) : date.start])
        if inside and not earlier and date_role(ctx.text, date.start, date.end) != "deadline":
            return date
    return None


def _meeting_time(lines: list[Line]) -> str | None:
    label = label_line("time")
    for line in lines:
        if not label.match(line.clean):
            continue
        match = _TIME.search(line.clean)
        if match:
            return _hhmm(match)
    return None


def _hhmm(match: regex.Match[str]) -> str | None:
    hour = int(to_ascii_digits(match.group("hour")))
    minute = int(to_ascii_digits(match.group("minute") or "0"))
    part = match.group("part")
    if ((part in _AFTERNOON or match.group().lower().endswith("pm")) and hour < 12) or (part == "দুপুর" and hour < 6):
        hour += 12
    try:
        return dt.time(hour, minute).strftime("%H:%M")
    except ValueError:
        return None
