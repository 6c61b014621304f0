"""Header fields: document type, memo number, issue date, subject, references, issuing office."""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import cache

import regex

from pipeline.data import load_yaml
from pipeline.extract.context import DocContext
from pipeline.extract.lexicon import Lexicon, lexicon
from pipeline.extract.meeting import has_row
from pipeline.extract.memo import MIN_GROUPS_CITED, MIN_GROUPS_LABELLED, Memo, cited_numbers, unread_memo_line
from pipeline.extract.patterns import DIGIT, NOT_WORD_AFTER, alternation, heading_line, label_line, strings, words
from pipeline.extract.segment import GOVERNMENT
from pipeline.normalize.calendar import from_gregorian, to_gregorian
from pipeline.normalize.dates import DualDate, date_role, find_dates, repair_half
from pipeline.warning_codes import warning

HEADER_LINES = 18
TITLE_CHARS = 60
ISSUER_CHARS = 80
DATE_WINDOW = 4
SAME_LINE_REACH = 120
TITLE_LINE_CHARS = 200
MIN_SUBJECT_WORDS = 3
SIGNATURE_LINE_CHARS = 60  # a line of a signature block: a name, a post, a date
BANGLA_SHARE = 0.6  # of the letters of a subject line; OCR junk under a letterhead is mostly Latin
# A title that names minutes: it ends in কার্যবিবরণী (one that only mentions them, …কার্যবিবরণী প্রেরণ, does not).
_TITLE = regex.compile(r"কার্যবিবরণী\s*।?\s*$")
_DOTS = regex.compile(r"\.{3,}|…")
_GAP = regex.compile(r"\t| {2,}")
_URL = regex.compile(r"(?:https?://|www\.)\S+|\S+\.(?:gov|org|com)\.bd\S*|\S+@\S+")


@dataclass(frozen=True)
class Cited:
    """A memo the document cites, with the date printed with it."""

    memo: Memo
    date: DualDate | None


@cache
def _doc_type_cues() -> list[tuple[str, regex.Pattern[str], regex.Pattern[str] | None, regex.Pattern[str] | None]]:
    rows = load_yaml("doc_types")
    return [
        (
            row["type"],
            regex.compile(alternation(row["cues"]), regex.M),
            regex.compile(alternation(row["subject_cues"])) if "subject_cues" in row else None,
            regex.compile(alternation(row["opening_cues"])) if "opening_cues" in row else None,
        )
        for row in rows
    ]


_LABEL_PART = regex.compile(r"[0-9০-৯]")


def doc_type(ctx: DocContext, memo_line: int | None, subject_text: str | None) -> str:
    """The type named by a title line of the header or by the subject (প্রজ্ঞাপন, কার্যবিবরণী…).

    Only short lines, the memo number's label and a minutes' title line count: a cue inside a paragraph
    (…সচিবের সভাপতিত্বে…) tells nothing of the type. Without a memo number, the opening narrative of minutes (…এর
    সভাপতিত্বে অদ্যকার সভা…) names them too. A letter needs a memo number and a subject: a notice
    under a memo number with no বিষয় (an exam schedule, a বিজ্ঞপ্তি) is `other`.
    """
    zone = set(range(min(HEADER_LINES, len(ctx.lines))))
    if memo_line is not None:
        zone |= set(range(max(0, memo_line - 2), min(len(ctx.lines), memo_line + 3)))
    header = ctx.lines[:HEADER_LINES]
    short = [ctx.lines[i].clean for i in sorted(zone) if len(ctx.lines[i].clean) <= TITLE_CHARS]
    if memo_line is not None:  # the memo number's own label (উপানুষ্ঠানিক পত্র নং: …, অফিস আদেশ নং- …)
        short.append(_LABEL_PART.split(ctx.lines[memo_line].clean, maxsplit=1)[0])
    titles = "\n".join([*short, *(line.clean for line in header if _title_line(line.clean))])
    opening = "\n".join(line.text for line in header) if memo_line is None else ""
    if has_row(header, "chair"):
        return "minutes"  # a সভাপতি row belongs to minutes, however long it is
    for name, cue, subject_cue, opening_cue in _doc_type_cues():
        by_subject = subject_cue and subject_text and subject_cue.search(subject_text)
        if cue.search(titles) or by_subject or (opening_cue and opening_cue.search(opening)):
            return name
    return "letter" if memo_line is not None and subject_text else "other"


def unread_memo(ctx: DocContext, memo_line: int | None) -> int | None:
    """Without a memo number read, the header line whose memo label is followed by a number OCR garbled."""
    return unread_memo_line(ctx.lines, HEADER_LINES) if memo_line is None else None


def own_memo(memos: list[tuple[int, Memo]]) -> tuple[int, Memo] | None:
    """The document's own number, of its labelled memo lines: the first (a later copy line repeats it)."""
    return memos[0] if memos else None


def _stamp_line(text: str) -> bool:
    return bool(_DOTS.search(text)) or any(w in text for w in words("labels", "stamp_words"))


def _stamped(ctx: DocContext, date: DualDate) -> bool:
    """Whether a date belongs to a stamp or an unfilled form: the part of its line it stands in (between
    tabs or wide gaps) has a dotted fill-in or a stamp's word. A blank স্মারক নং-....... beside a filled
    তারিখঃ leaves the date the document's."""
    line = ctx.lines[ctx.line_at(date.start)]
    parts = _GAP.split(ctx.text[line.start : date.start])
    return _stamp_line(parts[-1] + ctx.text[date.start : date.end])


def _meeting_day(ctx: DocContext, date: DualDate) -> bool:
    """Whether a date stands on a সভার তারিখ row: the meeting's, never the document's."""
    return heading_line("meeting_day").match(ctx.lines[ctx.line_at(date.start)].text) is not None


def issue_date(ctx: DocContext, memos: list[tuple[int, Memo]], memo_line: int | None, kind: str) -> DualDate | None:
    """The date printed with the memo number (or with its copy line), not a সভার তারিখ row's;
    failing that, the labelled date of the header or of the footer beside the signature (in minutes only
    the footer's: their header dates are the meeting's). A dual date whose halves disagree is repaired
    when the date printed again elsewhere in the document confirms one half."""
    own = next((m.value for i, m in memos if i == memo_line), None)
    copies = [i for i, m in memos if own is not None and m.value == own and i != memo_line]
    near = (_date_near(ctx, i) for i in [memo_line, *copies] if i is not None)
    found = next((d for d in near if d is not None), None)
    last = ctx.last_paragraph()
    foot = range(last + 1, len(ctx.lines))
    if found is None:
        # A minutes' header dates the meeting: only a date past its body, by the signature, is the issue's.
        if kind != "minutes":
            found = _labelled_date(ctx, _head(ctx)) or _labelled_date(ctx, foot)
        elif last >= 0:
            found = _labelled_date(ctx, foot)
    if found is None and kind != "minutes":
        found = _signature_date(ctx, foot)
    return _confirmed(ctx, found) if found else None


def unread_date(ctx: DocContext) -> int | None:
    """The header line whose date label is followed by digits that read as no date (handwritten, blurred)."""
    for index in _head(ctx):
        line = ctx.lines[index]
        found = None if ctx.running_text(index) else _damaged_date().search(line.text)
        if found and not any(
            d.start < line.start + found.end() and d.end > line.start + found.start() for d in ctx.dates
        ):
            return index
    return None


def _head(ctx: DocContext) -> range:
    """The header's lines: up to the first line of running text, at most HEADER_LINES."""
    return range(min(HEADER_LINES, ctx.first_paragraph(len(ctx.lines)) + 1, len(ctx.lines)))


def _signature_date(ctx: DocContext, foot: range) -> DualDate | None:
    """Where OCR damaged the header's date (তারিখ- 25৬২০০৫ র: a label before digits that read as no date),
    the date printed again beside the signature: the first plain date on the short lines after the body,
    with a `header-repaired` warning."""
    damaged = unread_date(ctx)
    if damaged is None:
        return None
    for index in foot:
        line = ctx.lines[index]
        if len(line.clean) > SIGNATURE_LINE_CHARS or _stamp_line(line.text):
            continue
        for date in ctx.dates_between(index, index):
            if date_role(ctx.text, date.start, date.end) == "plain":
                label = ctx.printed(damaged)
                printed = " ".join(date.text.split())
                note = f"the date on '{label}' did not read; taken from the one beside the signature, {printed}"
                return replace(date, warning=date.warning or warning("header-repaired", note))
    return None


@cache
def _damaged_date() -> regex.Pattern[str]:
    """A date label followed by digits that read as no date: four digits or more among a few marks."""
    digits = rf"(?:[^\S\n]*[^\s\p{{L}}\p{{M}}]*[^\S\n]*{DIGIT}){{4}}"
    return regex.compile(rf"{alternation(strings('labels', 'date'))}[ \t]*[:ঃ\-–]*[ \t]*{digits}")


def _labelled_date(ctx: DocContext, indices: range) -> DualDate | None:
    """The first date behind a date label (তারিখ:) on the given lines, the label near the line's start:
    a তারিখঃ deep inside a paragraph dates an event, not the document."""
    label = _date_label_before()
    for index in indices:
        line = ctx.lines[index]
        for date in ctx.dates_between(index, index):
            if _stamped(ctx, date) or _meeting_day(ctx, date):
                continue
            found = label.search(ctx.text[line.start : date.start])
            if found and found.start() <= SAME_LINE_REACH and date_role(ctx.text, date.start, date.end) == "plain":
                return date
    return None


def _confirmed(ctx: DocContext, date: DualDate) -> DualDate:
    """A dual date whose halves name different days under every revision, repaired from the half that a
    date printed again in the document (beside the signature, in the copy block) repeats."""
    if date.consistent is not False or date.revision is not None or not (date.gregorian and date.bangla):
        return date
    for other in ctx.dates:
        if other.start == date.start:
            continue
        if other.gregorian == date.gregorian and other.bangla in (None, from_gregorian(date.gregorian)):
            bangla = from_gregorian(date.gregorian)
            return repair_half(replace(date, bangla=bangla), _half_text(date, "bangla"))
        if other.bangla == date.bangla and other.gregorian == to_gregorian(date.bangla):
            return repair_half(replace(date, gregorian=other.gregorian), _half_text(date, "gregorian"))
    return date


def _half_text(date: DualDate, calendar: str) -> str:
    """The printed text of one half of a dual date, as found again in its text."""
    mentions = [m for m in find_dates(date.text) if m.calendar == calendar]
    return mentions[0].text if mentions else date.text


@cache
def _date_label_before() -> regex.Pattern[str]:
    """A date label right before a date (তারিখ:, or তারিখ ৪ where OCR read the visarga as a digit), to be
    searched in the text in front of it."""
    return regex.compile(
        rf"{alternation(strings('labels', 'date'))}[ \t]*[:ঃ\-–]*[ \t]*(?:[^\s\p{{L}}\p{{M}}]{{1,2}}[ \t]+)?$"
    )


def _date_near(ctx: DocContext, memo_line: int) -> DualDate | None:
    """The date closest to the memo line, a labelled one (তারিখ:) first; a date further along the memo's
    own line belongs to the running text (…এর ০৫ জুলাই ২০২১ তারিখের … প্রজ্ঞাপন), not to the memo."""
    best: tuple[float, DualDate] | None = None
    first, last = max(0, memo_line - DATE_WINDOW), min(len(ctx.lines) - 1, memo_line + DATE_WINDOW)
    label = _date_label_before()
    memo_line_text = ctx.lines[memo_line]
    for date in ctx.dates_between(first, last):
        start, end = ctx.line_at(date.start), ctx.line_at(date.end - 1)
        if _stamped(ctx, date) or _meeting_day(ctx, date) or date_role(ctx.text, date.start, date.end) != "plain":
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
    return ctx.gap_before(index) or starts_other or _line_opener().match(line) is not None


@cache
def _line_opener() -> regex.Pattern[str]:
    """A line that opens the body: a salutation or the body's first words (উপর্যুক্ত বিষয়ের…)."""
    return regex.compile(alternation([*strings("labels", "body_openers"), *strings("labels", "line_openers")]))


@cache
def _run_on() -> regex.Pattern[str]:
    """Where a subject that runs on into the body on its line ends: after its danda, or before a
    salutation or the body's opening words."""
    openers = alternation(strings("labels", "body_openers"))
    return regex.compile(rf"(?<=।)\s+\S|\s+{openers}{NOT_WORD_AFTER}")


@dataclass(frozen=True)
class Subject:
    """The subject, the index of its last line, and the doubt about it, if any."""

    text: str | None
    line: int | None
    warning: str | None = None


def subject(ctx: DocContext) -> Subject:
    """The text behind বিষয়: with the lines it wraps on to; a label left empty (OCR set label and value
    apart) takes the subject-like line under the header; a label OCR misread, the label-like line above
    a body that refers back to its subject."""
    label = label_line("subject")
    for index, line in enumerate(ctx.lines):
        match = label.match(line.clean)
        if not match:
            continue
        if not match.group("value").strip() and (index + 1 >= len(ctx.lines) or _stops_subject(ctx, index + 1)):
            return _unlabelled_subject(ctx, index)
        return _subject_from(ctx, index, match.group("value"))
    return _misread_label_subject(ctx)


def _subject_from(ctx: DocContext, index: int, value: str) -> Subject:
    """A subject's value on line `index` with the lines it wraps on to, up to its danda."""
    parts, last = [value.strip()], index
    while last + 1 < len(ctx.lines) and not parts[-1].endswith("।") and len(parts) < 3:
        if _stops_subject(ctx, last + 1):
            break
        last += 1
        parts.append(ctx.lines[last].clean)
    text = " ".join(p for p in parts if p)
    end = _run_on().search(text)
    return Subject((text[: end.start()].strip() if end else text) or None, last)


def _misread_label_subject(ctx: DocContext) -> Subject:
    """Where OCR misread the label (প্রেরয় - …), a body that refers back to its subject (উপর্যুক্ত বিষয়
    ও সূত্রোক্ত…) shows there is one: the first line above that body that opens with one word and a
    separator, other than a known label, and reads as a subject, with a `header-repaired` warning."""
    backref = next(
        (i for i in range(min(HEADER_LINES, len(ctx.lines))) if _subject_backref().match(ctx.lines[i].clean)), None
    )
    if backref is None:
        return Subject(None, None)
    for index in range(backref):
        found = _word_label().match(ctx.lines[index].clean)
        if not found or _known_label(ctx.lines[index].clean) or not _subject_text_like(found.group("value")):
            continue
        taken = _subject_from(ctx, index, found.group("value"))
        label = found.group("label")
        note = f"the subject label read as '{label}'; the line is taken as the subject, as the body refers to it"
        return replace(taken, warning=warning("header-repaired", note))
    return Subject(None, None)


@cache
def _subject_backref() -> regex.Pattern[str]:
    """A body line that opens by naming the subject (উপর্যুক্ত বিষয়ের…, its first word misread or not)."""
    return regex.compile(rf"^[ \t]*(?:\S+[ \t]+)?{alternation(strings('labels', 'subject'))}(?:ের|ে|োক্ত)?[ \t]+\p{{L}}")


@cache
def _word_label() -> regex.Pattern[str]:
    """A line that opens with one word, then a colon or a dash, then the value: a label line."""
    return regex.compile(r"^[ \t]*(?P<label>[\p{L}\p{M}]{2,12})[ \t]*[:ঃ\-–][ \t]+(?P<value>\S.*)$")


def _known_label(text: str) -> bool:
    return any(label_line(key).match(text) for key in ("reference", "date", "memo", "subject"))


def _unlabelled_subject(ctx: DocContext, label: int) -> Subject:
    """The subject printed apart from its empty label: the first subject-like line between the label
    and the body that ends its sentence, else the last one right before the body."""
    lex = lexicon()
    candidates = [i for i in range(label + 1, ctx.first_paragraph(len(ctx.lines))) if _subject_like(ctx, i, lex)]
    chosen = next((i for i in candidates if ctx.lines[i].clean.endswith("।")), candidates[-1] if candidates else None)
    return Subject(ctx.lines[chosen].clean, chosen) if chosen is not None else Subject(None, None)


def _subject_like(ctx: DocContext, index: int, lex: Lexicon) -> bool:
    """A line of Bangla words that is no label, date, web address or letterhead line."""
    text = ctx.lines[index].clean
    return (
        not regex.search(r"[:ঃ]", text)
        and not ctx.dates_between(index, index)
        and _subject_text_like(text)
        and not GOVERNMENT.match(text)
        and not lex.has_office(text)
    )


def _subject_text_like(text: str) -> bool:
    """Bangla words enough for a subject, without a date or a web address."""
    letters = regex.findall(r"\p{L}", text)
    bangla = regex.findall(r"[\u0980-\u09FF]", text)
    return (
        len(text.split()) >= MIN_SUBJECT_WORDS
        and len(bangla) >= len(letters) * BANGLA_SHARE
        and not find_dates(text)
        and not _URL.search(text)
    )


def _title_line(text: str) -> bool:
    """A minutes' title line (…সভার কার্যবিবরণী), not a label line and not a paragraph."""
    return len(text) <= TITLE_LINE_CHARS and ":" not in text and "ঃ" not in text and _TITLE.search(text) is not None


def minutes_title(ctx: DocContext) -> tuple[str | None, int | None]:
    """A minutes' title line (…সভার কার্যবিবরণী), the subject of minutes printed without বিষয়:."""
    for index, line in enumerate(ctx.lines[:HEADER_LINES]):
        if _title_line(line.clean):
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
            if memo.start in labelled or (own and (own.value + "-").startswith(f"{memo.value}-")):
                continue  # the document's own number, its copy line, or its e-Nothi file's (নথি নং, a footer's)
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
