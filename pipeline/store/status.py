"""Decision statuses: a person's status changes, the links from documents' status reports, and histories.

A decision's status is its latest applied event (by the day it held, then by the order recorded), `open`
when it has none. Events attach to the decision's stable id (identity.py), so they outlive re-extraction. A
person's events are kept for good; a document's are derived from its reports by `relink`, which runs after
every load: when the original decision arrives after its follow-up, or a document is re-extracted, the links
are made again (a link that did not change keeps its row).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session, joinedload

from pipeline.store.db import (
    StoredDecision,
    StoredDocument,
    StoredEvent,
    StoredReport,
    StoreError,
    report_model,
    translated_errors,
    writer,
)
from pipeline.track.link import Candidate, Reporter, link
from pipeline.track.models import Status

_LINK_LOCK = 0x736D6174  # PostgreSQL advisory lock held while links are made again ("smat")
MIN_PREFIX = 4  # the shortest id prefix a person may type for a decision


@dataclass(frozen=True)
class LinkResult:
    """How the status reports in the database stand after linking."""

    reports: int
    applied: int  # reports applied to a decision
    candidates: int  # reports kept as candidates only
    unlinked: int  # reports for which no decision was found


@dataclass(frozen=True)
class Event:
    """A status event as a history shows it."""

    status: str
    on: dt.date
    source: str  # person | document
    applied: bool
    confidence: float | None
    actor: str | None
    note: str | None
    document_id: str | None  # the reporting document
    memo_no: str | None
    evidence: str | None
    recorded_at: dt.datetime


@dataclass(frozen=True)
class History:
    """A decision and its events, oldest first."""

    id: str
    document_id: str
    memo_no: str | None
    ref: str | None
    text: str
    status: str
    events: list[Event]


def current(events: Iterable[StoredEvent]) -> StoredEvent | None:
    """The event that gives a decision's status: the latest applied one."""
    applied = [e for e in events if e.applied]
    return max(applied, key=lambda e: (e.on_date, e.id)) if applied else None


def resolve(session: Session, prefix: str) -> str:
    """The stable id a person typed, whole or as an unambiguous prefix; StoreError otherwise."""
    prefix = prefix.strip().lower()
    if len(prefix) < MIN_PREFIX:
        raise StoreError(f"decision id {prefix!r} is too short: give at least {MIN_PREFIX} characters")
    found = sorted(set(session.scalars(select(StoredDecision.uid).where(StoredDecision.uid.startswith(prefix)))))
    if not found:
        raise StoreError(f"no decision with id {prefix} in the database")
    if len(found) > 1:
        raise StoreError(f"decision id {prefix} is ambiguous: {', '.join(found[:5])}")
    return found[0]


def set_status(
    engine: Engine, prefix: str, status: Status, on: dt.date, note: str | None = None, actor: str | None = None
) -> str:
    """Record a person's status change of a decision; the decision's full id."""
    with translated_errors("cannot record the status"), Session(writer(engine)) as session, session.begin():
        uid = resolve(session, prefix)
        session.add(
            StoredEvent(
                decision_uid=uid,
                status=status,
                on_date=on,
                source="person",
                actor=actor,
                applied=True,
                note=note,
                recorded_at=_now(),
            )
        )
    return uid


def history(engine: Engine, prefix: str) -> History:
    """A decision with every event of it, candidates included, oldest first."""
    with translated_errors("cannot query the database"), Session(engine) as session:
        uid = resolve(session, prefix)
        decision = session.scalars(
            select(StoredDecision).where(StoredDecision.uid == uid).options(joinedload(StoredDecision.document))
        ).first()
        assert decision is not None
        stored = session.scalars(
            select(StoredEvent)
            .where(StoredEvent.decision_uid == uid)
            .options(joinedload(StoredEvent.report).joinedload(StoredReport.document))
            .order_by(StoredEvent.on_date, StoredEvent.id)
        ).all()
        latest = current(stored)
        return History(
            id=uid,
            document_id=decision.document_id,
            memo_no=decision.document.memo_no,
            ref=decision.ref,
            text=decision.text,
            status=latest.status if latest else "open",
            events=[_event(e) for e in stored],
        )


def all_events(engine: Engine) -> dict[str, list[Event]]:
    """Every decision's events, candidates included, oldest first, by stable id."""
    found: dict[str, list[Event]] = defaultdict(list)
    with translated_errors("cannot query the database"), Session(engine) as session:
        query = (
            select(StoredEvent)
            .options(joinedload(StoredEvent.report).joinedload(StoredReport.document))
            .order_by(StoredEvent.on_date, StoredEvent.id)
        )
        for event in session.scalars(query):
            found[event.decision_uid].append(_event(event))
    return found


def _event(event: StoredEvent) -> Event:
    report = event.report
    return Event(
        status=event.status,
        on=event.on_date,
        source=event.source,
        applied=event.applied,
        confidence=event.confidence,
        actor=event.actor,
        note=event.note,
        document_id=report.document_id if report else None,
        memo_no=report.document.memo_no if report else None,
        evidence=report.evidence if report else None,
        recorded_at=event.recorded_at,
    )


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


# Linking


def relink(engine: Engine) -> LinkResult:
    """Link every status report to the decision it is about (pipeline.track.link), in one transaction."""
    with translated_errors("cannot link the status reports"), Session(writer(engine)) as session, session.begin():
        if session.get_bind().dialect.name == "postgresql":
            session.execute(select(func.pg_advisory_xact_lock(_LINK_LOCK)))
        candidates = _candidates(session)
        reports = session.scalars(
            select(StoredReport).options(joinedload(StoredReport.document).selectinload(StoredDocument.references))
        ).all()
        wanted: dict[tuple[int, str], tuple[float, bool]] = {}
        counts: defaultdict[str, int] = defaultdict(int)
        for report in reports:
            links = _links(report, candidates)
            counts["applied" if any(a for *_, a in links) else "candidates" if links else "unlinked"] += 1
            wanted |= {(report.id, uid): (confidence, applied) for uid, confidence, applied in links}
        _store_links(session, wanted, {r.id: r for r in reports})
    return LinkResult(len(reports), counts["applied"], counts["candidates"], counts["unlinked"])


def _candidates(session: Session) -> list[Candidate]:
    decisions = session.scalars(select(StoredDecision).options(joinedload(StoredDecision.document))).all()
    return [
        Candidate(
            uid=d.uid,
            document_id=d.document_id,
            ref=d.ref,
            text=d.text,
            agenda=d.agenda,
            memo=d.document.memo_no,
            day=d.document.decided_on,
            meeting=d.document.meeting_date,
            subject=d.document.subject,
        )
        for d in decisions
    ]


def _links(report: StoredReport, candidates: list[Candidate]) -> list[tuple[str, float, bool]]:
    document = report.document
    if (report.reported_on or document.decided_on) is None:
        return []  # a status that cannot be placed in time is no event
    reporter = Reporter(
        document_id=document.id,
        day=document.decided_on,
        subject=document.subject,
        references=[r.memo_no for r in document.references],
    )
    return [(found.uid, found.confidence, found.applied) for found in link(report_model(report), reporter, candidates)]


def _store_links(
    session: Session, wanted: dict[tuple[int, str], tuple[float, bool]], reports: dict[int, StoredReport]
) -> None:
    """Make the document events what the links say: drop the stale ones, add the new ones."""
    kept: set[tuple[int, str]] = set()
    for event in session.scalars(select(StoredEvent).where(StoredEvent.source == "document")):
        key = (event.report_id or 0, event.decision_uid)
        if key in wanted and (event.confidence, event.applied, event.status) == (*wanted[key], reports[key[0]].status):
            kept.add(key)
        else:
            session.delete(event)
    session.flush()  # one batch of deletes, before the new events take the next ids
    for (report_id, uid), (confidence, applied) in wanted.items():
        if (report_id, uid) in kept:
            continue
        report = reports[report_id]
        session.add(
            StoredEvent(
                decision_uid=uid,
                status=report.status,
                on_date=report.reported_on or report.document.decided_on,
                source="document",
                report_id=report_id,
                confidence=confidence,
                applied=applied,
                recorded_at=_now(),
            )
        )
