"""Questions a tracker asks of the decisions database: which decisions, in what status, due when; who must
act; a memo's thread.

Each query returns plain dataclass rows (`dataclasses.asdict` gives JSON-ready dicts, dates aside). A row
carries the decision's stable id, its words, who must act and by when, its status (`status.py`), and its
document: memo number, date, subject, meeting date, agenda item, file and page.

Due dates (a deadline's day itself is still in time, for every kind):
- date: due on its value.
- asap: due `asap_days` days (default 30) after the document's day (its issue date, else its meeting date).
- recurring: due every period (P1D, P1W, P1M, P3M, P6M, P1Y, any ISO nYnMnWnD) counted from the document's
  day; the first due date is one period after that day. With an anchor (--MM-DD) the due dates are that day
  of the year and the dates a whole number of periods from it; the first is the first of them after the
  document's day. Month steps are counted from the first date, not chained, so 31 January + P1M is the end
  of February and + P2M is 31 March. A recurring decision is overdue only for the current period: when its
  latest due date before the query day has passed and no `done` event is dated after the due date before
  that one; `due` is then that latest due date, else the next one, and `next_due` is always the next one.
- none: no due date, unless `undated_days` is given: then due that many days after the document's day.
A decision is overdue when its due date is before the query day and its status is neither done nor dropped.
A decision's status is the one it had on the query day: events dated after it do not count.
A recurring or asap deadline of a document with neither an issue nor a meeting date cannot be placed and has
no due date.
"""

from __future__ import annotations

import calendar
import datetime as dt
import json
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Literal

import regex
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session, aliased, joinedload, selectinload

from pipeline.extract.memo import normalise_number
from pipeline.store.db import (
    StoredDeadline,
    StoredDecision,
    StoredDocument,
    StoredEvent,
    StoredReference,
    translated_errors,
)
from pipeline.store.offices import match_score
from pipeline.store.status import current

ASAP_DAYS = 30
OFFICE_THRESHOLD = 80.0
_AVERAGE_MONTH_DAYS = 365.2425 / 12
CLOSED = ("done", "dropped")


@dataclass(frozen=True)
class Filters:
    """Which decisions a query returns, judged as of a day."""

    as_of: dt.date
    status: frozenset[str] = frozenset()  # any status when empty
    office: str | None = None  # an office or officer one of its responsible matches
    office_threshold: float = OFFICE_THRESHOLD
    due_within: int | None = None  # due in the next N days (from as_of, both days included)
    overdue: bool = False
    asap_days: int = ASAP_DAYS
    undated_days: int | None = None


@dataclass(frozen=True)
class DecisionRow:
    """A decision with its status, due date and document."""

    id: str  # the stable decision id
    text: str
    ref: str | None
    responsible: list[str]
    deadline_kind: str | None
    deadline_value: str | None
    deadline_anchor: str | None
    deadline_text: str | None
    due: dt.date | None
    next_due: dt.date | None  # recurring deadlines: the next due date on or after the query day
    overdue: bool
    days_overdue: int | None
    status: str
    status_on: dt.date | None
    done_on: dt.date | None  # the day of its latest done event
    document_id: str
    memo_no: str | None
    date: dt.date | None  # the document's issue date, else its meeting date
    decided_on: dt.date | None  # the meeting date, else the issue date
    subject: str | None
    meeting_date: dt.date | None
    agenda: str | None
    file: str
    page: int


@dataclass(frozen=True)
class AssignedRow(DecisionRow):
    """A decision one of whose responsible matches the name; `matched` is the best one."""

    score: float = 0.0
    matched: str = ""


@dataclass(frozen=True)
class ThreadDecision:
    ref: str | None
    text: str
    responsible: list[str]
    deadline_kind: str | None
    deadline_value: str | None
    deadline_anchor: str | None
    deadline_text: str | None


@dataclass(frozen=True)
class DocumentRow:
    """A document of the database, as a report lists it."""

    id: str
    doc_type: str
    memo_no: str | None
    date: dt.date | None
    meeting_date: dt.date | None
    subject: str | None
    file: str
    pages: list[int]
    decisions: int


Relation = Literal["start", "cited", "citing"]


@dataclass(frozen=True)
class ThreadRow:
    """A document of a thread; `relation` says how it is reached from the memo asked for."""

    document_id: str
    relation: Relation
    memo_no: str | None
    date: dt.date | None
    subject: str | None
    doc_type: str
    decisions: list[ThreadDecision]


# Due dates


@dataclass(frozen=True)
class Period:
    """An ISO 8601 period as whole months plus days (weeks are 7 days)."""

    months: int
    days: int

    @classmethod
    def parse(cls, value: str) -> Period | None:
        match = regex.fullmatch(r"P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?", value)
        if not match:
            return None
        years, months, weeks, days = (int(g) if g else 0 for g in match.groups())
        period = cls(12 * years + months, 7 * weeks + days)
        return period if period.months or period.days else None

    def times(self, start: dt.date, k: int) -> dt.date:
        """start + k periods; a month step keeps start's day, or the month's last day when it is shorter."""
        year, month0 = divmod(start.month - 1 + k * self.months, 12)
        day = min(start.day, calendar.monthrange(start.year + year, month0 + 1)[1])
        return dt.date(start.year + year, month0 + 1, day) + dt.timedelta(days=k * self.days)

    def approx_days(self) -> float:
        return self.months * _AVERAGE_MONTH_DAYS + self.days


def _anchor_day(year: int, anchor: str) -> dt.date:
    month, day = int(anchor[2:4]), int(anchor[5:7])
    return dt.date(year, month, min(day, calendar.monthrange(year, month)[1]))  # --02-29 in a common year


def _first_after(period: Period, start: dt.date, after: dt.date) -> int:
    """The least k with start + k periods after `after`."""
    k = round((after - start).days / period.approx_days())
    while period.times(start, k) > after:
        k -= 1
    while period.times(start, k) <= after:
        k += 1
    return k


@dataclass(frozen=True)
class Recurrence:
    """Where a recurring deadline stands on a day: the due date before the latest passed one, the latest
    passed one (before the day), and the next one (on or after the day)."""

    before: dt.date | None
    passed: dt.date | None
    next: dt.date


def recurring_dates(day: dt.date, value: str, anchor: str | None, as_of: dt.date) -> Recurrence | None:
    """The due dates of a recurring deadline around as_of (rules in the module docstring); None for a period
    that is not whole days."""
    period = Period.parse(value)
    if period is None:
        return None
    start = _anchor_day(day.year, anchor) if anchor else day
    first = _first_after(period, start, day)
    upcoming = max(first, _first_after(period, start, as_of - dt.timedelta(days=1)))
    passed = [period.times(start, k) if k >= first else None for k in (upcoming - 2, upcoming - 1)]
    return Recurrence(passed[0], passed[1], period.times(start, upcoming))


@dataclass(frozen=True)
class _Due:
    due: dt.date | None
    next_due: dt.date | None = None
    overdue: bool = False


def _due(
    deadline: StoredDeadline | None, day: dt.date | None, status: str, done: list[dt.date], filters: Filters
) -> _Due:
    """A decision's due date as of the filters' day, and whether it is overdue (module docstring)."""
    as_of = filters.as_of
    if deadline is not None and deadline.kind == "recurring":
        dates = recurring_dates(day, deadline.period, deadline.anchor, as_of) if day and deadline.period else None
        if dates is None:
            return _Due(None)
        period_start = dates.before or day
        done_this_period = any(d > period_start for d in done) if period_start else bool(done)
        late = dates.passed is not None and status != "dropped" and not done_this_period
        return _Due(dates.passed if late else dates.next, dates.next, late)
    due = _single_due(deadline, day, filters)
    return _Due(due, None, due is not None and due < as_of and status not in CLOSED)


def _single_due(deadline: StoredDeadline | None, day: dt.date | None, filters: Filters) -> dt.date | None:
    if deadline is None:
        return day + dt.timedelta(days=filters.undated_days) if day and filters.undated_days is not None else None
    if deadline.kind == "date":
        return deadline.date
    if deadline.kind == "asap" and day:
        return day + dt.timedelta(days=filters.asap_days)
    return None


# Decisions


def decisions(engine: Engine, filters: Filters) -> list[DecisionRow]:
    """The decisions the filters select, soonest due first (then by document and position)."""
    with translated_errors("cannot query the database"), Session(engine) as session:
        rows = list(_rows(session, filters))
    return sorted(rows, key=_order)


def overdue(
    engine: Engine, as_of: dt.date, asap_days: int = ASAP_DAYS, filters: Filters | None = None
) -> list[DecisionRow]:
    """Decisions overdue as of the day (rules in the module docstring), longest overdue first."""
    chosen = replace(filters or Filters(as_of), as_of=as_of, asap_days=asap_days, overdue=True)
    return decisions(engine, chosen)


def assigned(
    engine: Engine, name: str, threshold: float = OFFICE_THRESHOLD, filters: Filters | None = None
) -> list[AssignedRow]:
    """Decisions one of whose responsible matches the name (`offices.match_score` ≥ threshold), best first."""
    chosen = filters or Filters(dt.date.today())
    found: list[AssignedRow] = []
    with translated_errors("cannot query the database"), Session(engine) as session:
        for row in _rows(session, chosen):
            if row.responsible:
                score, matched = max((match_score(name, r), r) for r in row.responsible)
                if score >= threshold:
                    found.append(AssignedRow(**vars(row), score=round(score, 1), matched=matched))
    return sorted(found, key=lambda r: (-r.score, r.date or dt.date.max, r.memo_no or "", r.document_id))


def _order(row: DecisionRow) -> tuple[dt.date, str, str, str]:
    return row.due or dt.date.max, row.memo_no or "", row.document_id, row.ref or ""


def _rows(session: Session, filters: Filters) -> Iterable[DecisionRow]:
    """Every decision the filters keep, as a row."""
    events = _events(session)
    query = (
        select(StoredDecision)
        .options(
            joinedload(StoredDecision.document),
            joinedload(StoredDecision.deadline),
            selectinload(StoredDecision.responsible),
        )
        .order_by(StoredDecision.document_id, StoredDecision.position)
    )
    for decision in session.scalars(query):
        row = _row(decision, events.get(decision.uid, []), filters)
        if _kept(row, filters):
            yield row


def _events(session: Session) -> dict[str, list[StoredEvent]]:
    """The applied events of every decision, by stable id."""
    found: dict[str, list[StoredEvent]] = defaultdict(list)
    for event in session.scalars(select(StoredEvent).where(StoredEvent.applied)):
        found[event.decision_uid].append(event)
    return found


def _row(decision: StoredDecision, events: list[StoredEvent], filters: Filters) -> DecisionRow:
    document, deadline = decision.document, decision.deadline
    events = [e for e in events if e.on_date <= filters.as_of]  # the status as it stood on the day asked about
    latest = current(events)
    status = latest.status if latest else "open"
    done = sorted(e.on_date for e in events if e.status == "done")
    due = _due(deadline, document.day, status, done, filters)
    return DecisionRow(
        id=decision.uid,
        text=decision.text,
        ref=decision.ref,
        responsible=decision.names,
        deadline_kind=deadline.kind if deadline else None,
        deadline_value=deadline.value if deadline else None,
        deadline_anchor=deadline.anchor if deadline else None,
        deadline_text=deadline.text if deadline else None,
        due=due.due,
        next_due=due.next_due,
        overdue=due.overdue,
        days_overdue=(filters.as_of - due.due).days if due.overdue and due.due else None,
        status=status,
        status_on=latest.on_date if latest else None,
        done_on=done[-1] if done else None,
        document_id=document.id,
        memo_no=document.memo_no,
        date=document.day,
        decided_on=document.decided_on,
        subject=document.subject,
        meeting_date=document.meeting_date,
        agenda=decision.agenda,
        file=document.file,
        page=decision.span_page,
    )


def _kept(row: DecisionRow, filters: Filters) -> bool:
    if filters.status and row.status not in filters.status:
        return False
    if filters.overdue and not row.overdue:
        return False
    if filters.due_within is not None and not _due_within(row, filters):
        return False
    return filters.office is None or any(
        match_score(filters.office, r) >= filters.office_threshold for r in row.responsible
    )


def _due_within(row: DecisionRow, filters: Filters) -> bool:
    """Whether the decision falls due in the next days: its next due date, if it is still to be done."""
    upcoming = row.next_due if row.deadline_kind == "recurring" else row.due
    if upcoming is None or row.status == "dropped" or (row.deadline_kind != "recurring" and row.status == "done"):
        return False
    assert filters.due_within is not None
    return filters.as_of <= upcoming <= filters.as_of + dt.timedelta(days=filters.due_within)


def documents(engine: Engine) -> list[DocumentRow]:
    """Every document, oldest first."""
    with translated_errors("cannot query the database"), Session(engine) as session:
        stored = session.scalars(select(StoredDocument).options(selectinload(StoredDocument.decisions))).all()
        rows = [
            DocumentRow(
                id=d.id,
                doc_type=d.doc_type,
                memo_no=d.memo_no,
                date=d.date,
                meeting_date=d.meeting_date,
                subject=d.subject,
                file=d.file,
                pages=json.loads(d.record)["source"]["pages"],
                decisions=len(d.decisions),
            )
            for d in stored
        ]
    return sorted(rows, key=lambda r: (r.meeting_date or r.date or dt.date.max, r.memo_no or "", r.id))


# Threads of references


def _cited(session: Session, ids: Iterable[str]) -> set[str]:
    """Documents in the database that the given documents cite."""
    cited = aliased(StoredDocument)
    query = (
        select(cited.id)
        .join(StoredReference, StoredReference.memo_no == cited.memo_no)
        .where(StoredReference.document_id.in_(list(ids)))
    )
    return set(session.scalars(query))


def _citing(session: Session, ids: Iterable[str]) -> set[str]:
    """Documents that cite one of the given documents."""
    query = (
        select(StoredReference.document_id)
        .join(StoredDocument, StoredDocument.memo_no == StoredReference.memo_no)
        .where(StoredDocument.id.in_(list(ids)))
    )
    return set(session.scalars(query))


def _closure(session: Session, start: set[str], step: Callable[[Session, Iterable[str]], set[str]]) -> set[str]:
    """Every document reached from `start` by repeating `step` (not `start` itself)."""
    seen, frontier = set(start), set(start)
    while frontier:
        frontier = step(session, frontier) - seen
        seen |= frontier
    return seen - start


def _thread_decision(decision: StoredDecision) -> ThreadDecision:
    deadline = decision.deadline
    return ThreadDecision(
        ref=decision.ref,
        text=decision.text,
        responsible=decision.names,
        deadline_kind=deadline.kind if deadline else None,
        deadline_value=deadline.value if deadline else None,
        deadline_anchor=deadline.anchor if deadline else None,
        deadline_text=deadline.text if deadline else None,
    )


def _thread_rows(session: Session, relations: dict[str, Relation]) -> list[ThreadRow]:
    query = (
        select(StoredDocument)
        .where(StoredDocument.id.in_(list(relations)))
        .options(
            selectinload(StoredDocument.decisions).options(
                joinedload(StoredDecision.deadline), selectinload(StoredDecision.responsible)
            )
        )
    )
    documents: Sequence[StoredDocument] = session.scalars(query).all()
    rows = [
        ThreadRow(
            document_id=d.id,
            relation=relations[d.id],
            memo_no=d.memo_no,
            date=d.day,
            subject=d.subject,
            doc_type=d.doc_type,
            decisions=[_thread_decision(x) for x in d.decisions],
        )
        for d in documents
    ]
    return sorted(rows, key=lambda r: (r.date or dt.date.max, r.memo_no or "", r.document_id))


def thread(engine: Engine, memo: str) -> list[ThreadRow]:
    """The documents with that memo number, those they cite and those citing them, transitively; oldest first.

    Only the chain through the memo: a document citing one that the memo cites (a sibling) is not in it.
    Empty when no document has the memo number.
    """
    key = normalise_number(memo.strip())
    with translated_errors("cannot query the database"), Session(engine) as session:
        start = set(session.scalars(select(StoredDocument.id).where(StoredDocument.memo_no == key)))
        if not start:
            return []
        relations: dict[str, Relation] = dict.fromkeys(_closure(session, start, _citing), "citing")
        relations |= dict.fromkeys(_closure(session, start, _cited), "cited")
        relations |= dict.fromkeys(start, "start")
        return _thread_rows(session, relations)
