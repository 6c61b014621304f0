"""Status reports: what a document says about decisions taken earlier, read from its text.

Shapes, each a line of `pipeline/data/tracking.yaml` away from the next one like it:
- a progress section of minutes (…সিদ্ধান্ত বাস্তবায়ন অগ্রগতি) as a table (number, the earlier decision, its
  progress) or as items (সিদ্ধান্ত নং-২: <the decision>, then a line on its progress);
- a sentence anywhere that names an earlier decision by number and says where it stands (বিগত সভার সিদ্ধান্ত
  নং-৩(খ) "…" বাস্তবায়িত হয়েছে মর্মে …);
- a progress review meeting (…বাস্তবায়ন অগ্রগতি সংক্রান্ত পর্যালোচনা সভা): each row that opens with an
  indicator ([১.২.১]) and discusses its progress (আলোচনা: …);
- a letter citing a memo (সূত্র) that carries out what it asked (…নির্দেশনা মোতাবেক … সম্পন্ন করা হয়েছে), or a
  reminder (তাগিদপত্র) that it is still not done.

Each report says the status, the day it held, its words, and what finds the decision it is about: the number
as printed, the decision's words as quoted, the memo cited and the earlier meeting's date. Linking it to a
decision is `link.py`'s job.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

import regex

from pipeline.extract.memo import NUMBER, SLASHED, cited_numbers, normalise_number
from pipeline.extract.patterns import alternation, data, nfc, pattern, strings
from pipeline.extract.segment import Line, sentences, split_lines
from pipeline.models import Record
from pipeline.normalize.dates import find_dates
from pipeline.normalize.digits import to_ascii_digits
from pipeline.track.models import Status, StatusReport

_QUOTED = regex.compile(r"“[^”\n]*”|\"[^\"\n]*\"|‘[^’\n]*’|'[^'\n]*'")
_LETTERS = ("letter", "do_letter", "office_order", "circular", "other")
_STATUS_ORDER: tuple[Status, ...] = ("dropped", "open", "in_progress", "done")


@dataclass(frozen=True)
class _Doc:
    """A document's text and what every report of it shares."""

    text: str
    lines: list[Line]
    day: dt.date | None  # the day it speaks for: its meeting's, else its issue date
    earlier_meeting: dt.date | None


def status_reports(text: str, record: Record) -> list[StatusReport]:
    """The status reports in the text of one document (its record gives the dates and the references)."""
    lines = split_lines(text)
    day = _day(record)
    doc = _Doc(text, lines, day, _earlier_meeting(text, day))
    reports: list[StatusReport] = []
    if _is_review(record, lines):
        reports += _review_rows(doc)
    covered: list[tuple[int, int]] = []
    for first, last in _sections(lines):
        start, end = lines[first].start, lines[last - 1].end
        reports += _table_rows(doc, first, last)
        reports += _numbered(doc, start, end, in_section=True)
        covered.append((start, end))
    for start, end in _gaps(covered, len(text)):
        reports += _numbered(doc, start, end, in_section=False)
    if record.doc_type in _LETTERS and (record.references or _reference_line(lines)):
        reports += _replies(doc, record)
    return reports


def _day(record: Record) -> dt.date | None:
    """The day a document speaks for: its meeting's, else its issue date."""
    if record.meeting and record.meeting.date:
        return record.meeting.date
    return record.date.value if record.date else None


# --- what the words say --------------------------------------------------------------------------------


@cache
def _status_patterns() -> dict[Status, regex.Pattern[str]]:
    statuses = data("tracking")["statuses"]
    assert isinstance(statuses, dict)
    return {status: regex.compile(alternation(statuses[status])) for status in _STATUS_ORDER}


def status_of(words: str) -> Status | None:
    """The status the words report (the rule is in tracking.yaml); words in quotes, and what the requesting
    office did (a request, an instruction), do not count."""
    text = pattern("tracking", "neutral").sub(_blank, _QUOTED.sub(_blank, nfc(words)))
    found: set[Status] = set()
    pending = False
    for a, b in sentences(text):
        sentence, seen = text[a:b], set[Status]()
        for status, phrases in _status_patterns().items():
            if phrases.search(sentence):
                seen.add(status)
                sentence = phrases.sub(_blank, sentence)
        pending |= "done" not in seen and bool(pattern("tracking", "partial").search(sentence))
        found |= seen
    pending |= "open" in found or "in_progress" in found
    if "dropped" in found:
        return "dropped"
    if "done" in found:
        return "in_progress" if pending else "done"
    if "in_progress" in found:
        return "in_progress"
    return "open" if "open" in found else None


def _blank(match: regex.Match[str]) -> str:
    return " " * len(match.group())


def _on(doc: _Doc, status: Status, words: str) -> dt.date | None:
    """The day a status held: for a completion, the last past date its words give it (…তারিখে সম্পন্ন হয়েছে);
    else the document's day."""
    if status == "done":
        text, after = _QUOTED.sub(_blank, words), pattern("tracking", "event_date")
        past = [
            m.gregorian
            for m in find_dates(text)
            if m.gregorian and (doc.day is None or m.gregorian <= doc.day) and after.match(text, m.end)
        ]
        if past:
            return max(past)
    return doc.day


def _report(doc: _Doc, words: str, **found: object) -> StatusReport | None:
    """A report of the status the words give, or None when they give none."""
    status = status_of(words)
    if status is None:
        return None
    evidence = " ".join(words.split())
    return StatusReport.model_validate({"status": status, "on": _on(doc, status, words), "evidence": evidence} | found)


# --- progress sections ---------------------------------------------------------------------------------


def _sections(lines: list[Line]) -> Iterator[tuple[int, int]]:
    """(first, last) line indices of each progress section: from the line after its heading to the next
    agenda item or this meeting's own সিদ্ধান্ত: block."""
    heading, end = pattern("tracking", "section"), pattern("tracking", "section_end")
    index = 0
    while index < len(lines):
        if heading.search(lines[index].text):
            last = index + 1
            while last < len(lines) and not end.match(lines[last].text):
                last += 1
            if last > index + 1:
                yield index + 1, last
            index = last
        else:
            index += 1


def _gaps(covered: list[tuple[int, int]], length: int) -> Iterator[tuple[int, int]]:
    """The stretches of the text between the covered spans."""
    pos = 0
    for start, end in covered:
        if start > pos:
            yield pos, start
        pos = max(pos, end)
    if pos < length:
        yield pos, length


def _columns(cells: list[str]) -> dict[str, int] | None:
    """Which cell of a header row is the number, the earlier decision and the progress; None if not one."""
    found: dict[str, int] = {}
    for role in ("progress", "decision", "number"):
        column = _column(role)
        for i, cell in enumerate(cells):
            if i not in found.values() and column.match(cell):
                found[role] = i
                break
    return found if "progress" in found and "decision" in found else None


def _table_rows(doc: _Doc, first: int, last: int) -> list[StatusReport]:
    """The reports of a progress table in the section: one per row that states a status."""
    reports: list[StatusReport] = []
    columns: dict[str, int] | None = None
    section = doc.text[doc.lines[first].start : doc.lines[last - 1].end]
    cited, meeting = _cited(section), _earlier_meeting(section, doc.day) or doc.earlier_meeting
    for line in doc.lines[first:last]:
        cells = line.cells
        if len(cells) < 2:
            continue
        if columns is None:
            columns = _columns(cells)
            continue
        cell = dict(enumerate(cells))
        number = cell.get(columns.get("number", -1), "")
        report = _report(
            doc,
            cell.get(columns["progress"], ""),
            kind="table",
            ref=number.strip().rstrip(".।").strip() or None,
            quoted=cell.get(columns["decision"]) or None,
            cited_memo=cited,
            cited_meeting=meeting,
        )
        reports += [report] if report else []
    return reports


# --- decisions named by number -------------------------------------------------------------------------


def _numbered(doc: _Doc, start: int, end: int, *, in_section: bool) -> list[StatusReport]:
    """Reports on decisions named by number (সিদ্ধান্ত নং-২) in text[start:end], table rows aside: the
    decision's words after the number (in quotes, or after a colon to the end of the line), then the words
    on its progress, up to the end of the sentence; in a progress section, on to the next number."""
    text = doc.text
    mentions = [
        m
        for m in pattern("tracking", "decision_number").finditer(text, start, end)
        if "\t" not in _line_at(text, m.start())
    ]
    cited = _cited(text[start:end]) if in_section else None
    meeting = (_earlier_meeting(text[start:end], doc.day) if in_section else None) or doc.earlier_meeting
    reports: list[StatusReport] = []
    for i, mention in enumerate(mentions):
        limit = mentions[i + 1].start() if i + 1 < len(mentions) else end
        quoted, words = _quote_and_rest(text, mention.end(), limit, in_section=in_section)
        line = _line_at(text, mention.start())
        report = _report(
            doc,
            words,
            kind="section" if in_section else "inline",
            ref=mention.group("ref").replace(" ", ""),
            quoted=quoted,
            cited_memo=cited or _cited(line),
            cited_meeting=_earlier_meeting(line, doc.day) or meeting,
        )
        reports += [report] if report else []
    return reports


def _quote_and_rest(text: str, pos: int, limit: int, *, in_section: bool) -> tuple[str | None, str]:
    """The decision quoted from `pos` on, and the words after it that may report on it."""
    pos += len(text[pos:limit]) - len(text[pos:limit].lstrip(" \t"))
    quote = _QUOTED.match(text, pos, limit)
    if quote:
        quoted, after = quote.group()[1:-1], quote.end()
    elif regex.match(r"[ \t]*[:ঃ]", text[pos:limit]):
        line_end = text.find("\n", pos, limit)
        line_end = limit if line_end < 0 else line_end
        quoted, after = text[pos:line_end].lstrip(" \t:ঃ").strip(), line_end
    else:
        quoted, after = None, pos
    sentence_end = next((b for a, b in sentences(text[after:limit], after) if b > after), limit)
    stop = limit if in_section and status_of(text[after:sentence_end]) is None else sentence_end
    return quoted or None, text[after:stop]


def _line_at(text: str, pos: int) -> str:
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    return text[start : end if end >= 0 else len(text)]


# --- progress review meetings --------------------------------------------------------------------------


def _is_review(record: Record, lines: list[Line]) -> bool:
    title = pattern("tracking", "review_title")
    return bool(title.search(record.subject or "") or any(title.search(line.text) for line in lines[:15]))


def _review_rows(doc: _Doc) -> list[StatusReport]:
    """A report per reviewed indicator whose discussion states where it stands."""
    indicator, discussion = pattern("tracking", "indicator"), pattern("tracking", "discussion")
    reports: list[StatusReport] = []
    for line in doc.lines:
        cell = next((c for c in line.cells if indicator.match(c)), None)
        if cell is None:
            continue
        opening = indicator.match(cell)
        assert opening is not None
        talk = discussion.search(cell, opening.end())
        if talk is None:
            continue
        report = _report(
            doc,
            cell[talk.end() :],
            kind="review",
            ref=opening.group("ref"),
            quoted=cell[opening.end() : talk.start()].strip(),
        )
        reports += [report] if report else []
    return reports


# --- replies and reminders -----------------------------------------------------------------------------


def _replies(doc: _Doc, record: Record) -> list[StatusReport]:
    """Reports of a letter that cites a memo: each sentence that carries out its request or reminds of it;
    a reminder whose sentences state nothing reports the request as still open."""
    reply, reminder = pattern("tracking", "reply_cue"), pattern("tracking", "reminder_cue")
    reports: list[StatusReport] = []
    for a, b in sentences(doc.text):
        words = doc.text[a:b]
        is_reminder = bool(reminder.search(words))
        if not (is_reminder or reply.search(words)):
            continue
        status = status_of(words) or _sent(words)
        if status is None:
            continue
        memo = _cited(words) or _reference(record, doc, words)
        kind = "reminder" if is_reminder and status == "open" else "reply"
        reports.append(
            StatusReport(
                kind=kind, status=status, on=_on(doc, status, words), evidence=" ".join(words.split()), cited_memo=memo
            )
        )
    if not reports and reminder.search(record.subject or ""):
        reports.append(
            StatusReport(
                kind="reminder",
                status="open",
                on=doc.day,
                evidence=record.subject or "",
                cited_memo=_reference(record, doc, ""),
            )
        )
    return reports


def _reference(record: Record, doc: _Doc, words: str) -> str | None:
    """The memo a letter's sentence answers: the reference it names by its item (সূত্রোক্ত (২) নং), else the
    first; for a সূত্র line whose number is not a full dotted one (সিএস/পটু/…/৪১), the number on that line."""
    if record.references:
        item = pattern("tracking", "cited_item").search(words)
        index = int(to_ascii_digits(item.group("item"))) - 1 if item else 0
        return normalise_number(record.references[index if 0 <= index < len(record.references) else 0].memo_no)
    line = _reference_line(doc.lines)
    found = (NUMBER.search(line.text) or SLASHED.search(line.text)) if line else None
    return normalise_number(found.group("number")) if found else None


def _reference_line(lines: list[Line]) -> Line | None:
    """The line that opens with the সূত্র label."""
    label = regex.compile(rf"^\W*{alternation(strings('labels', 'reference'))}")
    return next((line for line in lines if label.match(line.text)), None)


def _sent(words: str) -> Status | None:
    """A reply that sends what was asked for has done it, unless it passes the memo on to others."""
    if pattern("tracking", "reply_done").search(words) and not pattern("tracking", "forwarding").search(words):
        return "done"
    return None


# --- what finds the earlier decision -------------------------------------------------------------------


def _cited(text: str) -> str | None:
    """The first full memo number cited in the text, normalised."""
    found = cited_numbers(text)
    return found[0].value if found else None


def _earlier_meeting(text: str, day: dt.date | None) -> dt.date | None:
    """The date of the earlier meeting the document names (বিগত ১৭/০৭/২০২৩ তারিখের সভা), preferring one
    called বিগত / গত / পূর্ববর্তী."""
    after, before = pattern("tracking", "meeting_after_date"), pattern("tracking", "earlier_before_date")
    found: list[tuple[bool, dt.date]] = []
    for mention in find_dates(text):
        date = mention.gregorian
        if date and (day is None or date < day) and after.match(text, mention.end):
            found.append((bool(before.search(text[max(0, mention.start - 20) : mention.start])), date))
    named = [date for earlier, date in found if earlier]
    others = [date for _, date in found]
    return named[0] if named else others[0] if others else None


@cache
def _column(role: str) -> regex.Pattern[str]:
    columns = data("tracking")["columns"]
    assert isinstance(columns, dict)
    return regex.compile(rf"^\s*{alternation(columns[role])}")
