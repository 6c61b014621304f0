"""One document's lines → the fields of its record."""

from __future__ import annotations

from collections.abc import Callable

import regex

from pipeline.extract import header
from pipeline.extract.context import PARAGRAPH_CHARS, DocContext
from pipeline.extract.deadlines import DeadlineInfo
from pipeline.extract.decisions import DecisionInfo, decisions, table_lines
from pipeline.extract.lexicon import Lexicon
from pipeline.extract.meeting import meeting
from pipeline.extract.memo import Memo, find_memo_lines
from pipeline.extract.patterns import heading_line, label_line
from pipeline.extract.people import signatory
from pipeline.extract.segment import ITEM_MARKER
from pipeline.models import (
    DateField,
    Deadline,
    Decision,
    Meeting,
    MemoNo,
    Record,
    Reference,
    Signatory,
    Source,
    Span,
)
from pipeline.normalize.dates import DualDate
from pipeline.warning_codes import warning

Locate = Callable[[int], tuple[int, int]]
DATE_LABEL = regex.compile(r"তারিখ\s*[:ঃ]")
# A README or a data file in an archive folder; a batch counts such records by the code.
NOT_OFFICIAL = warning(
    "not-official", "no memo number, date, issuing office or signature; this may not be an official document"
)


def extract_record(ctx: DocContext, lex: Lexicon, *, record_id: str, source: Source, locate: Locate) -> Record:
    """The record of one document. `locate` turns a file offset into (page, offset in that page)."""
    warnings: list[str] = []
    memos = list(find_memo_lines(ctx.lines))
    memo = header.own_memo(memos)
    memo_line, own = (memo[0], memo[1]) if memo else (None, None)
    found_subject = header.subject(ctx)
    subject, subject_line = found_subject.text, found_subject.line
    unread = header.unread_memo(ctx, memo_line)
    kind = header.doc_type(ctx, memo_line if unread is None else unread, subject)
    if subject is None and kind == "minutes":
        subject, subject_line = header.minutes_title(ctx)
    issued = header.issue_date(ctx, memos, memo_line, kind)
    cited = header.references(ctx, own, memos)
    first, last = _body(ctx, [memo_line, subject_line, _line_of(ctx, issued)], own, memos)
    signer = signatory(ctx, lex, last, table_lines(ctx.lines, first, last))
    if signer and first < signer.line < last and not ctx.running_text(signer.line):
        last = signer.line  # the body ends where the signature starts, unless it is run into the text
    found, doubts = decisions(ctx, lex, kind, *_opening(ctx, first, last, memo_line, own))
    warnings += doubts
    if own and own.warning:
        warnings.append(own.warning)
    if issued and issued.warning:
        warnings.append(issued.warning)
    if issued is None and (unread_date := header.unread_date(ctx)) is not None:
        printed = ctx.printed(unread_date)
        warnings.append(warning("date-unread", f"a date label with a date that did not read: '{printed}'"))
    if found_subject.warning and subject == found_subject.text:
        warnings.append(found_subject.warning)
    if unread is not None:
        printed = ctx.printed(unread)
        warnings.append(warning("memo-unread", f"a memo label with a number that did not read: '{printed}'"))
    elif kind != "other" and own is None:
        warnings.append(warning("memo-missing", "no memo number found"))
    offices = header.issuer(ctx, lex, min(i for i in (memo_line, subject_line, len(ctx.lines)) if i is not None))
    if not (own or issued or offices or signer):
        warnings.append(NOT_OFFICIAL)
    return Record(
        id=record_id,
        source=source,
        doc_type=kind,
        memo_no=MemoNo(text=own.text, value=own.value, copy_=own.copy) if own else None,
        date=_date_field(issued),
        subject=subject,
        references=[Reference(memo_no=c.memo.value, date=c.date.gregorian if c.date else None) for c in cited],
        issuer=offices,
        signatory=Signatory(name=signer.name, designation=signer.designation, phone=signer.phone, email=signer.email)
        if signer
        else None,
        meeting=_meeting(ctx, lex, issued) if kind == "minutes" else None,
        decisions=[_decision(d, locate) for d in found],
        distribution=_distribution(ctx),
        warnings=warnings,
    )


def _line_of(ctx: DocContext, date: DualDate | None) -> int | None:
    return ctx.line_at(date.end - 1) if date else None


def _body(
    ctx: DocContext, header_lines: list[int | None], own: Memo | None, memos: list[tuple[int, Memo]]
) -> tuple[int, int]:
    """Lines after the header (memo, date, subject, সূত্র) and before the distribution list, which
    opens with বিতরণ / অনুলিপি or with the memo number's copy line (…/১(৭)).

    A header line counts when it stands before the first paragraph of running text: receipt stamps
    can push a D.O. letter's number far down, while minutes print theirs after the body (so a line after
    the last paragraph is never header, however short the document). A document of short lines only
    (minutes in tables and lists) has no such paragraph: its header is its top.
    """
    paragraph, trailer = ctx.first_paragraph(header.HEADER_LINES), ctx.last_paragraph()
    near_top = [
        i for i in header_lines if i is not None and (i < paragraph or (i < header.HEADER_LINES and i < trailer))
    ]
    first = max(near_top) + 1 if near_top else 0
    reference = label_line("reference")
    while first < len(ctx.lines) and reference.match(ctx.lines[first].clean):
        first += 1
    distribution = heading_line("distribution")
    copies = {i for i, memo in memos if own and memo.copy and memo.value == own.value}
    ends = (i for i in range(first, len(ctx.lines)) if i in copies or distribution.match(ctx.lines[i].text))
    return first, next(ends, len(ctx.lines))


def _opening(ctx: DocContext, first: int, last: int, memo_line: int | None, own: Memo | None) -> tuple[int, int, int]:
    """The body's bounds, starting on the memo line itself when running text follows the number there
    (a gazette notification: নং ৩১.০০…—The … Act …এর section 3(3) এ প্রদত্ত ক্ষমতাবলে …)."""
    if own is None or memo_line is None or memo_line != first - 1:
        return first, last, 0
    line = ctx.lines[memo_line]
    rest = ctx.text[own.end : line.end]
    if len(rest.strip(" \t—–-:;,")) <= PARAGRAPH_CHARS // 2 or DATE_LABEL.search(rest):
        return first, last, 0
    return memo_line, last, own.end - line.start + len(rest) - len(rest.lstrip(" \t—–-:;,"))


def _date_field(date: DualDate | None) -> DateField | None:
    if date is None:
        return None
    return DateField(
        value=date.gregorian,
        bangla=date.bangla.iso() if date.bangla else None,
        text=" ".join(date.text.split()),
        consistent=date.consistent,
    )


def _meeting(ctx: DocContext, lex: Lexicon, issued: DualDate | None) -> Meeting:
    info = meeting(ctx, lex, issued)
    return Meeting(
        chair=info.chair,
        date=info.date.gregorian if info.date else None,
        time=info.time,
        venue=info.venue,
    )


def _deadline(info: DeadlineInfo | None) -> Deadline | None:
    if info is None:
        return None
    return Deadline(kind=info.kind, value=info.value, text=info.text, anchor=info.anchor)


def _decision(info: DecisionInfo, locate: Locate) -> Decision:
    page, start = locate(info.start)
    return Decision(
        ref=info.ref,
        text=info.text,
        responsible=info.responsible,
        deadline=_deadline(info.deadline),
        span=Span(page=page, start=start, end=start + (info.end - info.start)),
    )


def _distribution(ctx: DocContext) -> list[str]:
    """The recipients listed after বিতরণ / অনুলিপি."""
    heading = heading_line("distribution")
    first = next((i for i, line in enumerate(ctx.lines) if heading.match(line.text)), len(ctx.lines))
    recipients = []
    for line in ctx.lines[first + 1 :]:
        marker = ITEM_MARKER.match(line.clean)
        if marker:
            recipients.append(line.clean[marker.end() :].strip())
    return recipients
