"""Questions an analyst asks of the decisions database: what is overdue, who must act, and a memo's thread.

Each query returns plain dataclass rows (`dataclasses.asdict` gives JSON-ready dicts, dates aside).

Overdue rules (a deadline's day itself is still in time, for every kind):
- date: due on its value; overdue once as_of is after it.
- recurring: due every period (P1D, P1W, P1M, P3M, P6M, P1Y, any ISO nYnMnWnD) counted from the document's
  day (its issue date, else its meeting date); the first due date is one period after that day. With an
  anchor (--MM-DD) the due dates are that day of the year and the dates a whole number of periods from it;
  the first is the first of them after the document's day. Overdue once the first due date has passed; the
  row reports the latest due date before as_of and how many due dates have passed (`periods`). Month steps
  are counted from the first date, not chained, so 31 January + P1M is the end of February and + P2M is 31 March.
- asap: due `asap_days` days (default 30) after the document's day.
A recurring or asap deadline of a document with neither an issue nor a meeting date cannot be placed and is
left out.
"""

from __future__ import annotations

import calendar
import datetime as dt
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Literal

import regex
from rapidfuzz import fuzz
from sqlalchemy import Engine, Select, select
from sqlalchemy.orm import Session, aliased, joinedload, selectinload

from pipeline.extract.memo import normalise_number
from pipeline.normalize.digits import to_ascii_digits
from pipeline.store.db import (
    StoredDeadline,
    StoredDecision,
    StoredDocument,
    StoredReference,
    translated_errors,
)

ASAP_DAYS = 30
_AVERAGE_MONTH_DAYS = 365.2425 / 12


@dataclass(frozen=True)
class DecisionRow:
    """A decision with the document it belongs to."""

    document_id: str
    memo_no: str | None
    date: dt.date | None
    ref: str | None
    text: str
    responsible: list[str]


@dataclass(frozen=True)
class OverdueRow(DecisionRow):
    """A decision whose deadline passed: `due` is its (latest) due date before as_of."""

    kind: str
    value: str | None
    anchor: str | None
    due: dt.date
    days_overdue: int
    periods: int | None  # recurring: how many due dates have passed


@dataclass(frozen=True)
class AssignedRow(DecisionRow):
    """A decision one of whose responsible matches the name; `matched` is the best one."""

    score: float
    matched: str
    deadline_kind: str | None
    deadline_value: str | None


@dataclass(frozen=True)
class ThreadDecision:
    ref: str | None
    text: str
    responsible: list[str]
    deadline_kind: str | None
    deadline_value: str | None
    deadline_anchor: str | None
    deadline_text: str | None


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


def recurring_due(day: dt.date, value: str, anchor: str | None, as_of: dt.date) -> tuple[dt.date, int] | None:
    """(latest due date before as_of, how many due dates have passed), or None when none has passed yet."""
    period = Period.parse(value)
    if period is None:
        return None
    start = _anchor_day(day.year, anchor) if anchor else day
    first = _first_after(period, start, day)
    # The first k due on or after as_of; the one before it is the latest that has passed.
    last = _first_after(period, start, as_of - dt.timedelta(days=1)) - 1
    if last < first:
        return None
    return period.times(start, last), last - first + 1


def _due(
    deadline: StoredDeadline, day: dt.date | None, as_of: dt.date, asap_days: int
) -> tuple[dt.date, int | None] | None:
    """(due date, periods passed) of a deadline that has passed as of the date, else None."""
    if deadline.kind == "date":
        due = deadline.date
        return (due, None) if due is not None and due < as_of else None
    if day is None:
        return None
    if deadline.kind == "asap":
        due = day + dt.timedelta(days=asap_days)
        return (due, None) if due < as_of else None
    if deadline.kind == "recurring" and deadline.period:
        return recurring_due(day, deadline.period, deadline.anchor, as_of)
    return None


def _decisions(
    where: Callable[[Select[StoredDecision]], Select[StoredDecision]],
) -> Select[StoredDecision]:
    """Decisions with their document, responsible and deadline loaded, filtered by `where`."""
    query = select(StoredDecision).options(
        joinedload(StoredDecision.document),
        joinedload(StoredDecision.deadline),
        selectinload(StoredDecision.responsible),
    )
    return where(query).order_by(StoredDecision.document_id, StoredDecision.position)


def overdue(engine: Engine, as_of: dt.date, asap_days: int = ASAP_DAYS) -> list[OverdueRow]:
    """Decisions whose deadline passed before as_of (rules in the module docstring), longest overdue first."""
    rows: list[OverdueRow] = []
    with translated_errors("cannot query the database"), Session(engine) as session:
        query = _decisions(lambda q: q.join(StoredDecision.deadline))
        for decision in session.scalars(query):
            deadline, document = decision.deadline, decision.document
            assert deadline is not None  # joined on it
            due = _due(deadline, document.day, as_of, asap_days)
            if due is not None:
                rows.append(_overdue_row(decision, deadline, due[0], due[1], as_of))
    return sorted(rows, key=lambda r: (r.due, r.memo_no or "", r.document_id))


def _decision_fields(document: StoredDocument, decision: StoredDecision) -> dict[str, Any]:
    """The fields every decision row shares (DecisionRow's)."""
    return {
        "document_id": document.id,
        "memo_no": document.memo_no,
        "date": document.day,
        "ref": decision.ref,
        "text": decision.text,
        "responsible": decision.names,
    }


def _overdue_row(
    decision: StoredDecision, deadline: StoredDeadline, due: dt.date, periods: int | None, as_of: dt.date
) -> OverdueRow:
    document = decision.document
    return OverdueRow(
        **_decision_fields(document, decision),
        kind=deadline.kind,
        value=deadline.value,
        anchor=deadline.anchor,
        due=due,
        days_overdue=(as_of - due).days,
        periods=periods,
    )


# Who must act


def normalise_name(s: str) -> str:
    """For matching: NFC, ASCII digits, case folded, punctuation and symbols as spaces, spaces collapsed."""
    s = to_ascii_digits(unicodedata.normalize("NFC", s)).casefold()
    kept = (" " if unicodedata.category(c)[0] in "PSZ" else c for c in s if unicodedata.category(c) != "Cf")
    return " ".join("".join(kept).split())


def match_score(name: str, responsible: str) -> float:
    """How well the name is found in a responsible string, 0-100.

    partial_ratio: the best-aligned part of the responsible, because Bangla inflects by suffix (টিম → টিমের)
    and a post is usually followed by its office ("প্রোগ্রামার, আইসিটি শাখা"), which a token measure misses
    or penalises; being edit-based it also forgives an OCR letter (ইনোডেশন). It is directional: a name longer
    than the responsible is compared whole, so a short responsible ("কমিটি") is not found inside a long name.
    """
    a, b = normalise_name(name), normalise_name(responsible)
    if not a or not b:
        return 0.0
    return fuzz.partial_ratio(a, b) if len(a) <= len(b) else fuzz.ratio(a, b)


def assigned(engine: Engine, name: str, threshold: float = 80) -> list[AssignedRow]:
    """Decisions whose responsible matches the name with score ≥ threshold, best match first."""
    rows: list[AssignedRow] = []
    with translated_errors("cannot query the database"), Session(engine) as session:
        for decision in session.scalars(_decisions(lambda q: q.where(StoredDecision.responsible.any()))):
            score, matched = max((match_score(name, r), r) for r in decision.names)
            if score >= threshold:
                rows.append(_assigned_row(decision, score, matched))
    return sorted(rows, key=lambda r: (-r.score, r.date or dt.date.max, r.memo_no or "", r.document_id))


def _assigned_row(decision: StoredDecision, score: float, matched: str) -> AssignedRow:
    document, deadline = decision.document, decision.deadline
    return AssignedRow(
        **_decision_fields(document, decision),
        score=round(score, 1),
        matched=matched,
        deadline_kind=deadline.kind if deadline else None,
        deadline_value=deadline.value if deadline else None,
    )


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
