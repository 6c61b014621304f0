"""Meeting details of minutes: chair, meeting date, time and venue."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cache

import regex

from pipeline.extract.context import DocContext
from pipeline.extract.lexicon import Lexicon
from pipeline.extract.patterns import SEPARATOR, WORD, alternation, strings
from pipeline.extract.people import cells, person_name
from pipeline.extract.segment import Line
from pipeline.normalize.dates import DualDate, date_role
from pipeline.normalize.digits import to_ascii_digits

MEETING_BLOCK = 30
_HOUR_MINUTE = r"(?P<hour>[0-9০-৯]{1,2})(?:\s*[.:৷]\s*(?P<minute>[0-9০-৯]{2}))?"
_PART = r"(?P<part>সকাল|বিকাল|বিকেল|দুপুর|বেলা|সন্ধ্যা|রাত)?\s*"
_UNIT = r"\s*(?:ঘটিকা|টা|মিনিট|AM|PM|am|pm)"
_TIME = regex.compile(_PART + _HOUR_MINUTE + _UNIT)
# In a সময় row the unit may be left out (সময় : সকাল ১১:০০), but then the minutes must be printed.
_ROW_TIME = regex.compile(_PART + r"(?P<hour>[0-9০-৯]{1,2})\s*[.:৷]\s*(?P<minute>[0-9০-৯]{2})")
_AFTERNOON = {"বিকাল", "বিকেল", "সন্ধ্যা", "রাত"}
_CHAIRED = regex.compile(r"(?P<before>[^।\n]{3,120}?)\s*(?:-?এর|এঁর|র)?\s*সভাপতিত্বে")
_CHAIR_WORD = regex.compile(r"সভাপতিত্বে")
CHAIRED_REACH = 130  # characters before সভাপতিত্বে that the name may take
# …সভায় সভাপতিত্ব করেন উপজেলা নির্বাহী অফিসার জনাব মোঃ …
_CHAIRED_BY = regex.compile(r"সভাপতিত্ব\s+করেন\s+(?P<after>[^।\n]{3,120})")
_HELD = regex.compile(r"সভা(?:টি)?\s+(?:অনুষ্ঠিত|শুরু)")
_TODAY = regex.compile(r"অদ্য\s*$")
_EARLIER = regex.compile(r"বিগত\s*$")
_SEPARATOR_ONLY = regex.compile(rf"^{SEPARATOR}$")
# What stands before a venue in a narrative: the time or date phrase, a label, a comma.
_VENUE_LEAD = regex.compile(r"(?:(?:ঘটিকায়|টায়|মিনিটে|তারিখে)(?![\p{L}\p{M}])|[:ঃ,])\s*")


@dataclass(frozen=True)
class MeetingInfo:
    chair: str | None
    date: DualDate | None
    time: str | None
    venue: str | None


@cache
def _row_label(key: str) -> regex.Pattern[str]:
    """A table cell that opens with the label `key` of labels.yaml; group 'value' after its separator."""
    label = alternation(strings("labels", key))
    # The visarga is a combining mark, but after a label it is the colon (সভাপতিঃ).
    return regex.compile(rf"^[ \t*>\-]*{label}(?!(?!ঃ){WORD})(?:{SEPARATOR}(?P<value>.*)|[ \t]*$)")


def row_value(text: str, key: str) -> str | None:
    """The value of a meeting-details row (সভাপতি : …, সভাপতি<TAB>…, সভার তারিখ    …) on this line, or
    None when no cell of the line is labelled `key`. The label must end its cell or be followed by a
    separator: সভাপতি সভাকে জানান… is a sentence, not a row."""
    row = cells(text)
    label = _row_label(key)
    for cell in row:
        match = label.match(cell)
        if match and match.group("value") is not None and match.group("value").strip():
            return str(match.group("value")).strip()
    # A label alone in the first cell: its value is the next cell, or the next line when none follows.
    # A bare label in a later cell is a column of a table (… জেলা প্রশাসক<TAB>সভাপতি), not a row.
    if not row or not label.match(row[0]):
        return None
    following = [c for c in row[1:] if not _SEPARATOR_ONLY.match(c)]
    return following[0].lstrip(":ঃ-–— \t").strip() if following else ""


def has_row(lines: list[Line], key: str) -> bool:
    return any(row_value(line.text, key) is not None for line in lines)


def meeting(ctx: DocContext, lex: Lexicon, issue: DualDate | None) -> MeetingInfo:
    """Meeting-details rows (সভাপতি, তারিখ, সময়, স্থান) near the top, or the narrative (…এর সভাপতিত্বে
    … সভা অনুষ্ঠিত হয়)."""
    block = ctx.lines[:MEETING_BLOCK]
    columns = _detail_columns(block)
    chair = _labelled_chair(block, lex, columns) or _narrative_chair(ctx, lex)
    opening = _opening_sentence(ctx)
    time = _row_time(block, columns) or _narrative_time(opening)
    venue = _row(block, "venue", columns) or _narrative_venue(opening)
    return MeetingInfo(chair, _meeting_date(ctx, issue, columns), time, venue)


def _row(lines: list[Line], key: str, columns: _Columns) -> str | None:
    """The first non-empty value of a `key` row (an empty row takes the next line as its value), else the
    value of its column."""
    for index, line in enumerate(lines):
        value = row_value(line.text, key)
        if value is None:
            continue
        if not value and index + 1 < len(lines) and not _any_row(lines[index + 1]):
            value = lines[index + 1].clean
        if value:
            return value.rstrip("।").strip()
    column = columns.get(key)
    return column[1].rstrip("।").strip() if column else None


_KEYS = ("chair", "meeting_date", "time", "venue", "attendance")


def _any_row(line: Line) -> bool:
    return any(row_value(line.text, key) is not None for key in _KEYS)


def _column_keys(line: Line) -> list[str | None]:
    """The key of each cell of a line of bare labels heading columns (সভার তারিখ    সময়    স্থান)."""
    found: list[str | None] = []
    for cell in cells(line.text):
        matches = ((key, _row_label(key).match(cell)) for key in _KEYS)
        found.append(next((key for key, match in matches if match and match.group("value") is None), None))
    return found


_Columns = dict[str, tuple[int, str]]  # a detail's key → (line index, value) in a table of columns


def _detail_columns(lines: list[Line]) -> _Columns:
    """Meeting details printed as columns: a line of labels, the values under them on the next line, cell
    for cell; each key with its value's line index and its value (from the first such line naming it)."""
    found: _Columns = {}
    for index, line in enumerate(lines[:-1]):
        keys = _column_keys(line)
        values = cells(lines[index + 1].text)
        if len(keys) >= 2 and None not in keys and len(values) == len(keys):
            for key, value in zip(keys, values, strict=True):
                found.setdefault(str(key), (index + 1, value))
    return found


def _labelled_chair(lines: list[Line], lex: Lexicon, columns: _Columns) -> str | None:
    """The name on a সভাপতি row; not an office (a signature's সভাপতি / জেলা আইন-শৃঙ্খলা কমিটি in short minutes)."""
    value = _row(lines, "chair", columns)
    name = person_name(value, lex) if value else None
    return None if name and lex.has_office(name) else name


def _narrative_chair(ctx: DocContext, lex: Lexicon) -> str | None:
    text = ctx.text[ctx.start : ctx.end]
    before = _chaired(text)
    if before:
        return person_name(before.group("before"), lex, lead_in=True)
    after = _CHAIRED_BY.search(text)
    return person_name(after.group("after"), lex, lead_in=True) if after else None


def _chaired(text: str) -> regex.Match[str] | None:
    """The first …X-এর সভাপতিত্বে phrase, looked for behind its key word: a search that tries the name
    from every position of long minutes is slow."""
    for word in _CHAIR_WORD.finditer(text):
        found = _CHAIRED.search(text, max(0, word.start() - CHAIRED_REACH), word.end())
        if found:
            return found
    return None


def _opening_sentence(ctx: DocContext) -> tuple[int, str]:
    """(offset, text) of the sentence that tells who chaired or that the meeting was held."""
    text = ctx.text[ctx.start : ctx.end]
    found = _chaired(text) or _CHAIRED_BY.search(text) or _HELD.search(text)
    if not found:
        return ctx.start, ""
    start = text.rfind("।", 0, found.start()) + 1
    stop = text.find("।", found.end())
    return ctx.start + start, text[start : stop if stop >= 0 else len(text)]


def _meeting_date(ctx: DocContext, issue: DualDate | None, columns: _Columns) -> DualDate | None:
    column = columns.get("meeting_date")
    for index, line in enumerate(ctx.lines[:MEETING_BLOCK]):
        dates = [d for d in ctx.dates_between(index, index) if d != issue]
        if dates and (row_value(line.text, "meeting_date") is not None or (column and column[0] == index)):
            return dates[0]
    for date in ctx.dates:
        if date != issue and _TODAY.search(ctx.text[max(0, date.start - 12) : date.start]):
            return date
    return _chaired_date(ctx, issue)


def _chaired_date(ctx: DocContext, issue: DualDate | None) -> DualDate | None:
    """The date in the sentence that says who chaired (…এর সভাপতিত্বে গত ২৮ নভেম্বর ২০২১ … সভা
    অনুষ্ঠিত হয়), unless it is an earlier meeting's (বিগত …)."""
    start, sentence = _opening_sentence(ctx)
    if not sentence:
        return None
    for date in ctx.dates:
        inside = start <= date.start < start + len(sentence) and date != issue
        earlier = _EARLIER.search(ctx.text[max(0, date.start - 8) : date.start])
        if inside and not earlier and date_role(ctx.text, date.start, date.end) != "deadline":
            return date
    return None


def _row_time(lines: list[Line], columns: _Columns) -> str | None:
    column = columns.get("time")
    for value in [*(row_value(line.text, "time") for line in lines), column[1] if column else None]:
        match = value and (_TIME.search(value) or _ROW_TIME.search(value))
        if match:
            return _hhmm(match)
    return None


def _narrative_time(opening: tuple[int, str]) -> str | None:
    match = _TIME.search(opening[1])
    return _hhmm(match) if match else None


@cache
def _venue_in_narrative() -> regex.Pattern[str]:
    """A place in the locative ending in a venue word (…ইউনিয়ন পরিষদ সভাকক্ষে, …উপজেলা পরিষদ হলরুমে)."""
    heads = alternation(strings("labels", "venue_heads"))
    word = r"[\p{L}\p{M}\p{N}\-]"
    return regex.compile(rf"(?P<venue>(?:{word}+[ \t]+){{0,4}}{word}*?{heads})(?:ে|এ|য়)(?![\p{{L}}\p{{M}}])")


def _narrative_venue(opening: tuple[int, str]) -> str | None:
    """The venue of the opening sentence, without the time or date phrase before it."""
    match = _venue_in_narrative().search(opening[1])
    if not match:
        return None
    venue = match.group("venue")
    leads = list(_VENUE_LEAD.finditer(venue))
    return venue[leads[-1].end() :].strip() if leads else venue.strip()


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
