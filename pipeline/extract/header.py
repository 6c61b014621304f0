"""Header fields: document type, memo number, issue date, subject, references, issuing office."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import regex

from pipeline.data import load_yaml
from pipeline.extract.context import DocContext
from pipeline.extract.lexicon import Lexicon
from pipeline.extract.memo import MIN_GROUPS_CITED, MIN_GROUPS_LABELLED, Memo, cited_numbers
from pipeline.extract.patterns import alternation, label_line, nfc, strings
from pipeline.extract.segment import GOVERNMENT
from pipeline.normalize.dates import DualDate, date_role

HEADER_LINES = 18
TITLE_CHARS = 60
ISSUER_CHARS = 80
DATE_WINDOW = 4
SAME_LINE_REACH = 120
_DOTS = regex.compile(r"\.{3,}|…")
_URL = regex.compile(r"(?:https?://|www\.)\S+|\S+\.(?:gov|org|com)\.bd\S*|\S+@\S+")


@dataclass(frozen=True)
class Cited:
    """A memo the document cites, with the date printed with it."""

    memo: Memo
    date: DualDate | None


@cache
def _doc_type_cues() -> list[tuple[str, regex.Pattern[str], regex.Pattern[str] | None]]:
    rows = load_yaml("doc_types")
    return [
        (
            row["type"],
            regex.compile(alternation(row["cues"]), regex.M),
            regex.compile(alternation(row["subject_cues"])) if "subject_cues" in row else None,
        )
        for row in rows
    ]


def doc_type(ctx: DocContext, memo_line: int | None, subject_text: str | None) -> str:
    """The type named by a title line of the header or by the subject (প্রজ্ঞাপন, কার্যবিবরণী…).

    Only short lines count: a cue inside a paragraph (…সচিবের সভাপতিত্বে…) tells nothing of the type.
    """
    zone = set(range(min(HEADER_LINES, len(ctx.lines))))
    if memo_line is not None:
        zone |= set(range(max(0, memo_line - 2), min(len(ctx.lines), memo_line + 3)))
    titles = "\n".join(ctx.lines[i].clean for i in sorted(zone) if len(ctx.lines[i].clean) <= TITLE_CHARS)
    if any(label_line("chair").match(line.clean) for line in ctx.lines[:HEADER_LINES]):
        return "minutes"  # a সভাপতি: line belongs to minutes, however long it is
    for name, cue, subject_cue in _doc_type_cues():
        if cue.search(titles) or (subject_cue and subject_text and subject_cue.search(subject_text)):
            return name
    return "letter" if memo_line is not None else "other"


def own_memo(memos: list[tuple[int, Memo]]) -> tuple[int, Memo] | None:
    """The document's own number, of its labelled memo lines: the first (a later copy line repeats it)."""
    return memos[0] if memos else None


def _stamp_line(text: str) -> bool:
    return bool(_DOTS.search(text)) or any(nfc(w) in text for w in strings("labels", "stamp_words"))


def issue_date(ctx: DocContext, memo_line: int | None, kind: str) -> DualDate | None:
    """The date printed with the memo number; without one, the labelled date of a letter's header."""
    if memo_line is not None:
        return _date_near(ctx, memo_line)
    if kind == "minutes":
        return None
    label = label_line("date")
    for index, line in enumerate(ctx.lines[:HEADER_LINES]):
        dates = ctx.dates_between(index, index)
        if dates and label.match(line.clean) and not _stamp_line(line.text):
            return dates[0]
    return None


@cache
def _date_label_before() -> regex.Pattern[str]:
    """A date label right before a date (তারিখ:), to be searched in the text in front of it."""
    return regex.compile(rf"{alternation(strings('labels', 'date'))}[ \t]*[:ঃ\-–]*[ \t]*$")


def _date_near(ctx: DocContext, memo_line: int) -> DualDate | None:
    """The date closest to the memo line, a labelled one (তারিখ:) first; a date further along the memo's
    own line belongs to the running text (…এর ০৫ জুলাই ২০২১ তারিখের … প্রজ্ঞাপন), not to the memo."""
    best: tuple[float, DualDate] | None = None
    first, last = max(0, memo_line - DATE_WINDOW), min(len(ctx.lines) - 1, memo_line + DATE_WINDOW)
    label = _date_label_before()
    memo_line_text = ctx.lines[memo_line]
    for date in ctx.dates_between(first, last):
        start, end = ctx.line_at(date.start), ctx.line_at(date.end - 1)
        if _stamp_line(ctx.lines[start].text) or date_role(ctx.text, date.start, date.end) != "plain":
            continue
        distance = float(start - memo_line) if start >= memo_line else memo_line - end + 0.5
        labelled = label.search(ctx.text[ctx.lines[start].start : date.start]) is not None
        if start == memo_line and not labelled and date.start - memo_line_text.start > SAME_LINE_REACH:
            continue
        distance -= 0.75 if labelled else 0
        if best is None or distance < best[0]:
            best = (distance, date)
    return best[1] if best else None


def _stops_subject(ctx: DocContext, index: int) -> bool:
    line = ctx.lines[index].clean
    starts_other = any(label_line(key).match(line) for key in ("reference", "date", "memo"))
    return ctx.gap_before(index) or starts_other or line.startswith(("উপর্যুক্ত", "মহোদয়", "জনাব"))


def subject(ctx: DocContext) -> tuple[str | None, int | None]:
    """The text behind বিষয়: with the lines it runs on to, and the index of its last line."""
    label = label_line("subject")
    for index, line in enumerate(ctx.lines):
        match = label.match(line.clean)
        if not match:
            continue
        parts, last = [match.group("value").strip()], index
        while last + 1 < len(ctx.lines) and not parts[-1].endswith("।") and len(parts) < 3:
            if _stops_subject(ctx, last + 1):
                break
            last += 1
            parts.append(ctx.lines[last].clean)
        return " ".join(p for p in parts if p) or None, last
    return None, None


def minutes_title(ctx: DocContext) -> tuple[str | None, int | None]:
    """A minutes' title line (…সভার কার্যবিবরণী), the subject of minutes printed without বিষয়:."""
    for index, line in enumerate(ctx.lines[:HEADER_LINES]):
        if "কার্যবিবরণী" in line.clean and ":" not in line.clean and "ঃ" not in line.clean:
            return line.clean, index
    return None, None


def references(ctx: DocContext, own: Memo | None, memos: list[tuple[int, Memo]]) -> list[Cited]:
    """Memos cited in a সূত্র block (any full number) or in the text (five groups or more)."""
    cited: dict[str, Cited] = {}
    labelled = {memo.start for _, memo in memos}
    label = label_line("reference")
    in_block = False
    for index, line in enumerate(ctx.lines):
        in_block = bool(label.match(line.clean)) or (in_block and not ctx.gap_before(index))
        least = MIN_GROUPS_LABELLED if in_block else MIN_GROUPS_CITED
        for memo in cited_numbers(line.text, line.start, least):
            if memo.start in labelled or (own and memo.value == own.value):
                continue  # the document's own number, or its copy line
            cited.setdefault(memo.value, Cited(memo, _date_for(ctx, memo, index)))
    return list(cited.values())


def _date_for(ctx: DocContext, memo: Memo, index: int) -> DualDate | None:
    """The date printed nearest the cited number on its line (after it when tied)."""
    best: tuple[int, DualDate] | None = None
    for date in ctx.dates_between(index, index):
        gap = date.start - memo.end if date.start >= memo.end else memo.start - date.end
        if gap >= 0 and (best is None or gap < best[0]):
            best = (gap, date)
    return best[1] if best else None


def issuer(ctx: DocContext, lex: Lexicon, stop: int) -> list[str]:
    """The office block: letterhead lines above the memo number or subject that name an office."""
    block: list[str] = []
    for line in ctx.lines[: min(stop, HEADER_LINES)]:
        text = _URL.sub("", line.clean).strip(" ,।")
        short = 0 < len(text) <= ISSUER_CHARS and "।" not in text and "\t" not in line.text
        if short and ":" not in text and (lex.has_office(text) or GOVERNMENT.match(text)):
            block.append(text)
    return block
