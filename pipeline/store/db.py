"""The decisions database: tables, opening a database (SQLite or PostgreSQL), and loading records into it.

The schema is made and changed by the migrations in `pipeline/store/migrations` (`migrate.py`): a new
database is created by running them, and an older one (also one made before migrations existed) is upgraded
when records are loaded into it or by `smarak db upgrade`. Queries never create or change a database.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    Engine,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    create_engine,
    event,
    func,
    select,
)
from sqlalchemy.engine import URL, Connection, make_url
from sqlalchemy.exc import ArgumentError, IntegrityError, NoSuchModuleError, SQLAlchemyError
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column, relationship
from sqlalchemy.orm.exc import StaleDataError

from pipeline.extract.memo import normalise_number
from pipeline.models import Decision, Record
from pipeline.store import migrate
from pipeline.store.identity import Known, assign_uids, document_identity
from pipeline.track.models import REPORT_KINDS, STATUSES, DocumentTracking, StatusReport

DEFAULT_URL = "sqlite:///decisions.db"
_CONNECT_TIMEOUT_S = 10
_SQLITE_BUSY_TIMEOUT_S = 30  # how long a writer waits for another process's transaction on the same file
# Execution option of the engine that loads: its transactions write (SQLite then takes the write lock at BEGIN).
_WRITER = "smarak_writer"
_SCHEMA_LOCK = 0x736D6172  # PostgreSQL advisory lock held while the schema is created or upgraded ("smar")
_RETRIES = 2  # a record whose write met a concurrent load of the same record is read and written again


class StoreError(Exception):
    """A database that cannot be opened, read or written; the message says why, for the user."""


class LoadError(StoreError):
    """A record that could not be loaded; the records before it are loaded, nothing of it is."""

    def __init__(self, message: str, record_id: str, result: LoadResult) -> None:
        super().__init__(message)
        self.record_id = record_id
        self.result = result


@dataclass(frozen=True)
class LoadResult:
    """How many records were new, replaced a different version of themselves, or were already stored."""

    inserted: int = 0
    replaced: int = 0
    unchanged: int = 0


class Base(DeclarativeBase):
    pass


class StoredDocument(Base):
    """One record; its nested parts are columns here, its lists are the child tables."""

    __tablename__ = "documents"
    __table_args__ = (
        CheckConstraint(
            "doc_type IN ('letter', 'do_letter', 'minutes', 'notification', 'office_order', 'circular', 'other')",
            name="documents_doc_type",
        ),
        CheckConstraint("method IN ('ocr', 'pdf-text', 'text')", name="documents_method"),
    )

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    file: Mapped[str] = mapped_column(Text)
    sha256: Mapped[str] = mapped_column(String(64))
    doc_type: Mapped[str] = mapped_column(String(20))
    # Normalised like memo_no.value (Bangla digits to ASCII, no spaces, commas to dots): what references match.
    memo_no: Mapped[str | None] = mapped_column(String(200), index=True)
    memo_text: Mapped[str | None] = mapped_column(Text)
    memo_copy: Mapped[str | None] = mapped_column(String(40))
    date: Mapped[dt.date | None] = mapped_column(Date)
    date_bangla: Mapped[str | None] = mapped_column(String(10))
    date_text: Mapped[str | None] = mapped_column(Text)
    date_consistent: Mapped[bool | None]
    subject: Mapped[str | None] = mapped_column(Text)
    signatory_name: Mapped[str | None] = mapped_column(Text)
    signatory_designation: Mapped[str | None] = mapped_column(Text)
    meeting_chair: Mapped[str | None] = mapped_column(Text)
    meeting_date: Mapped[dt.date | None] = mapped_column(Date)
    meeting_time: Mapped[str | None] = mapped_column(String(5))
    meeting_venue: Mapped[str | None] = mapped_column(Text)
    method: Mapped[str] = mapped_column(String(10))
    ocr_confidence: Mapped[float | None] = mapped_column(Float)
    warnings: Mapped[list[str]] = mapped_column(JSON)
    # The record exactly as Record.to_json() writes it: what "unchanged" compares, and what exports can re-read.
    record: Mapped[str] = mapped_column(Text)

    decisions: Mapped[list[StoredDecision]] = relationship(
        back_populates="document", cascade="all, delete-orphan", order_by="StoredDecision.position"
    )
    references: Mapped[list[StoredReference]] = relationship(
        cascade="all, delete-orphan", order_by="StoredReference.position"
    )
    reports: Mapped[list[StoredReport]] = relationship(
        back_populates="document", cascade="all, delete-orphan", order_by="StoredReport.position"
    )

    @property
    def day(self) -> dt.date | None:
        """The date the document's deadlines count from: its issue date, else its meeting date."""
        return self.date or self.meeting_date

    @property
    def decided_on(self) -> dt.date | None:
        """The day its decisions were taken and its statuses reported: its meeting date, else its issue date."""
        return self.meeting_date or self.date


class StoredDecision(Base):
    """A decision; `id` is the row's key (a new one each load), `uid` the decision's stable id (identity.py)."""

    __tablename__ = "decisions"
    __table_args__ = (
        UniqueConstraint("document_id", "position"),
        Index("uq_decisions_document_uid", "document_id", "uid", unique=True),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    document_id: Mapped[str] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    # Always set by the loader; nullable only because SQLite cannot add a NOT NULL column to a table with rows.
    uid: Mapped[str] = mapped_column(String(12), nullable=True, index=True)
    ref: Mapped[str | None] = mapped_column(String(40))
    text: Mapped[str] = mapped_column(Text)
    agenda: Mapped[str | None] = mapped_column(Text)  # the agenda item it stands under, from the source text
    span_page: Mapped[int] = mapped_column(Integer)
    span_start: Mapped[int] = mapped_column(Integer)
    span_end: Mapped[int] = mapped_column(Integer)

    document: Mapped[StoredDocument] = relationship(back_populates="decisions")
    responsible: Mapped[list[StoredResponsible]] = relationship(
        cascade="all, delete-orphan", order_by="StoredResponsible.position"
    )
    deadline: Mapped[StoredDeadline | None] = relationship(cascade="all, delete-orphan")

    @property
    def names(self) -> list[str]:
        return [r.name for r in self.responsible]


class StoredResponsible(Base):
    """One office or officer who must act on a decision."""

    __tablename__ = "responsible"

    decision_id: Mapped[int] = mapped_column(ForeignKey("decisions.id", ondelete="CASCADE"), primary_key=True)
    position: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(Text)


class StoredDeadline(Base):
    """A decision's deadline: `date` for kind date, `period` (ISO 8601) and `anchor` for kind recurring."""

    __tablename__ = "deadlines"
    __table_args__ = (CheckConstraint("kind IN ('date', 'recurring', 'asap')", name="deadlines_kind"),)

    decision_id: Mapped[int] = mapped_column(ForeignKey("decisions.id", ondelete="CASCADE"), primary_key=True)
    kind: Mapped[str] = mapped_column(String(10))
    value: Mapped[str | None] = mapped_column(String(40))
    date: Mapped[dt.date | None] = mapped_column(Date)
    period: Mapped[str | None] = mapped_column(String(20))
    anchor: Mapped[str | None] = mapped_column(String(7))
    text: Mapped[str] = mapped_column(Text)


class StoredReference(Base):
    """A memo a document cites, normalised like documents.memo_no so the two can be joined."""

    __tablename__ = "references"

    document_id: Mapped[str] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True)
    position: Mapped[int] = mapped_column(Integer, primary_key=True)
    memo_no: Mapped[str] = mapped_column(String(200), index=True)
    date: Mapped[dt.date | None] = mapped_column(Date)


def _one_of(column: str, values: tuple[str, ...]) -> str:
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


class StoredReport(Base):
    """A status a document reports on an earlier decision (`pipeline.track`), before it is linked to one."""

    __tablename__ = "status_reports"
    __table_args__ = (
        UniqueConstraint("document_id", "position"),
        CheckConstraint(_one_of("status", STATUSES), name="status_reports_status"),
        CheckConstraint(_one_of("kind", REPORT_KINDS), name="status_reports_kind"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    document_id: Mapped[str] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(10))
    status: Mapped[str] = mapped_column(String(12))
    reported_on: Mapped[dt.date | None] = mapped_column(Date)
    evidence: Mapped[str] = mapped_column(Text)
    ref: Mapped[str | None] = mapped_column(String(40))
    quoted: Mapped[str | None] = mapped_column(Text)
    cited_memo: Mapped[str | None] = mapped_column(String(200))
    cited_meeting: Mapped[dt.date | None] = mapped_column(Date)

    document: Mapped[StoredDocument] = relationship(back_populates="reports")


class StoredEvent(Base):
    """A status change of a decision (by its stable id): set by a person, or reported by a document.

    A document's report linked with less confidence than `pipeline.track.link.APPLY` is kept with `applied`
    false: a candidate, shown in the history, not counted in the decision's status.
    """

    __tablename__ = "status_events"
    __table_args__ = (
        CheckConstraint(_one_of("status", STATUSES), name="status_events_status"),
        CheckConstraint("source IN ('person', 'document')", name="status_events_source"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    decision_uid: Mapped[str] = mapped_column(String(12), index=True)
    status: Mapped[str] = mapped_column(String(12))
    on_date: Mapped[dt.date] = mapped_column(Date)
    source: Mapped[str] = mapped_column(String(10))
    actor: Mapped[str | None] = mapped_column(Text)  # the person who set it
    report_id: Mapped[int | None] = mapped_column(ForeignKey("status_reports.id", ondelete="CASCADE"), index=True)
    confidence: Mapped[float | None] = mapped_column(Float)
    applied: Mapped[bool] = mapped_column(Boolean)
    note: Mapped[str | None] = mapped_column(Text)
    recorded_at: Mapped[dt.datetime] = mapped_column(DateTime)

    report: Mapped[StoredReport | None] = relationship()


# Opening a database


def _reason(error: BaseException) -> str:
    """The driver's message on one line (psycopg's span several), without SQLAlchemy's SQL and links."""
    orig = getattr(error, "orig", None) or error
    return " ".join(str(orig).split()) or type(orig).__name__


@contextmanager
def translated_errors(what: str) -> Iterator[None]:
    """Raise a database failure as a StoreError saying `what` failed and the driver's reason."""
    try:
        yield
    except SQLAlchemyError as error:
        raise StoreError(f"{what}: {_reason(error)}") from error


def database_url(url: str) -> URL:
    """The SQLAlchemy URL; plain postgresql:// (and postgres://) URLs get the psycopg 3 driver."""
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise StoreError(f"not a database URL: {url!r} (e.g. {DEFAULT_URL} or postgresql://user:pw@host/db)") from None
    if parsed.drivername in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed


def _sqlite_connect(dbapi_connection: Any, _record: Any) -> None:
    # pysqlite would BEGIN (deferred) by itself, only before the first write: _sqlite_begin begins instead.
    dbapi_connection.isolation_level = None
    # SQLite ignores foreign keys (and so ON DELETE CASCADE) unless each connection asks for them.
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys = ON")
    cursor.close()


def _sqlite_begin(conn: Connection) -> None:
    # A writer takes the write lock before it reads, so two loads cannot both find a record absent and both
    # insert it (nor deadlock upgrading their read locks); readers stay deferred, so a read-only file works.
    conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.get_execution_options().get(_WRITER) else "BEGIN")


def _engine(url: URL, shown: str) -> Engine:
    is_pg = url.get_backend_name() == "postgresql"
    connect_args = {"connect_timeout": _CONNECT_TIMEOUT_S} if is_pg else {"timeout": _SQLITE_BUSY_TIMEOUT_S}
    try:
        engine = create_engine(url, connect_args=connect_args)
    except (ArgumentError, NoSuchModuleError, ImportError) as error:
        raise StoreError(f"cannot use database URL {shown} (sqlite:// and postgresql:// work): {error}") from None
    if url.get_backend_name() == "sqlite":
        event.listen(engine, "connect", _sqlite_connect)
        event.listen(engine, "begin", _sqlite_begin)
    return engine


def writer(engine: Engine) -> Engine:
    """The engine for transactions that write."""
    return engine.execution_options(**{_WRITER: True})


Mode = Literal["create", "upgrade", "read"]


def _missing_file(url: URL) -> str | None:
    """The path of a SQLite database file that does not exist (a typo, or nothing loaded yet)."""
    database = url.database or ""
    if url.get_backend_name() != "sqlite" or database in ("", ":memory:") or database.startswith("file:"):
        return None
    return None if Path(database).exists() else database


def _needs_upgrade(schema: migrate.Schema, shown: str, mode: Mode) -> bool:
    """Whether the schema must be created or upgraded; StoreError where the mode does not allow it, or where
    the database is not one this smarak can use."""
    if schema.legacy and schema.revision is None:
        have = ", ".join(map(str, schema.legacy_versions or [])) or "none recorded"
        raise StoreError(
            f"{shown} has schema version {have}, but this smarak reads version {migrate.LEGACY_VERSION} "
            "(and upgrades it): load the records into a new database"
        )
    if schema.revision is None:
        ours = sorted(schema.tables & set(Base.metadata.tables))
        if ours:
            raise StoreError(f"{shown} has table(s) {', '.join(ours)} but no schema version: not a smarak database")
        if mode != "create":
            raise StoreError(f"{shown} holds no smarak database: load records into it first (smarak db load)")
        return True
    if schema.revision == migrate.head():
        return False
    if not migrate.known(schema.revision):
        raise StoreError(f"{shown} has schema revision {schema.revision}, made by a newer smarak: upgrade smarak")
    if mode == "read":
        raise StoreError(
            f"{shown} has an older schema (revision {schema.revision}): run `smarak db upgrade` on it "
            "(loading records upgrades it too)"
        )
    return True


def _prepare(engine: Engine, shown: str, mode: Mode) -> str | None:
    """Create or upgrade the schema as the mode allows; the revision found before an upgrade, else None."""
    with engine.connect() as conn:
        schema = migrate.inspect_schema(conn)
    if not _needs_upgrade(schema, shown, mode):
        return None
    with writer(engine).begin() as conn:
        if conn.dialect.name == "postgresql":
            # Two CREATE TABLEs of one name at once fail (pg_type_typname_nsp_index) instead of waiting.
            conn.execute(select(func.pg_advisory_xact_lock(_SCHEMA_LOCK)))
        schema = migrate.inspect_schema(conn)  # another process may have created or upgraded it while we waited
        if not _needs_upgrade(schema, shown, mode):
            return None
        migrate.upgrade(conn, schema)
    return schema.revision or "none"


def shown_url(url: str) -> str:
    """The URL as the user wrote it, without the password (for messages and reports)."""
    return make_url(url).render_as_string(hide_password=True)


def _open(url: str, mode: Mode) -> tuple[Engine, str | None]:
    parsed = database_url(url)
    shown = shown_url(url)
    missing = _missing_file(parsed) if mode != "create" else None
    if missing is not None:
        raise StoreError(f"no database at {missing}: check the path (--db or SMARAK_DB), or load records first")
    engine = _engine(parsed, shown)
    try:
        with translated_errors(f"cannot open database {shown}"):
            before = _prepare(engine, shown, mode)
    except StoreError:
        engine.dispose()
        raise
    return engine, before


def connect(url: str = DEFAULT_URL, mode: Mode = "create") -> Engine:
    """An engine on the database; StoreError if it is unreachable or not a smarak database.

    mode "create" (loading) creates a new database and upgrades an older one; "upgrade" upgrades but never
    creates; "read" (queries) neither: a missing SQLite file, an empty database or an older schema is an error.
    """
    return _open(url, mode)[0]


def upgrade(url: str) -> str | None:
    """Upgrade an existing database to this smarak's schema; the revision it was at, or None if it was current."""
    engine, before = _open(url, "upgrade")
    engine.dispose()
    return before


# Loading records


def _deadline(decision: Decision) -> StoredDeadline | None:
    deadline = decision.deadline
    if deadline is None:
        return None
    due = None
    if deadline.kind == "date" and deadline.value:
        try:
            due = dt.date.fromisoformat(deadline.value)
        except ValueError:
            due = None  # kept as value; the overdue query cannot place it
    return StoredDeadline(
        kind=deadline.kind,
        value=deadline.value,
        date=due,
        period=deadline.value if deadline.kind == "recurring" else None,
        anchor=deadline.anchor,
        text=deadline.text,
    )


def _decision(position: int, decision: Decision, uid: str, agenda: str | None) -> StoredDecision:
    return StoredDecision(
        position=position,
        uid=uid,
        ref=decision.ref,
        text=decision.text,
        agenda=agenda,
        span_page=decision.span.page,
        span_start=decision.span.start,
        span_end=decision.span.end,
        responsible=[StoredResponsible(position=i, name=name) for i, name in enumerate(decision.responsible)],
        deadline=_deadline(decision),
    )


def _memo_key(value: str) -> str | None:
    key = normalise_number(value)
    return key or None


def _report(position: int, report: StatusReport) -> StoredReport:
    return StoredReport(
        position=position,
        kind=report.kind,
        status=report.status,
        reported_on=report.on,
        evidence=report.evidence,
        ref=report.ref,
        quoted=report.quoted,
        cited_memo=report.cited_memo,
        cited_meeting=report.cited_meeting,
    )


def stored_document(
    record: Record, tracking: DocumentTracking | None = None, known: list[Known] | None = None
) -> StoredDocument:
    """The rows of one record: its document row with its decisions (their stable ids keeping those of `known`,
    the document's previous version), responsible, deadlines, references, and the agenda items and status
    reports the tracker read from its text."""
    memo, date, signatory, meeting = record.memo_no, record.date, record.signatory, record.meeting
    uids = assign_uids(document_identity(record), [(d.ref, d.text) for d in record.decisions], known or [])
    agendas = tracking.agendas if tracking else [None] * len(record.decisions)
    return StoredDocument(
        id=record.id,
        file=record.source.file,
        sha256=record.source.sha256,
        doc_type=record.doc_type,
        memo_no=_memo_key(memo.value) if memo else None,
        memo_text=memo.text if memo else None,
        memo_copy=memo.copy_ if memo else None,
        date=date.value if date else None,
        date_bangla=date.bangla if date else None,
        date_text=date.text if date else None,
        date_consistent=date.consistent if date else None,
        subject=record.subject,
        signatory_name=signatory.name if signatory else None,
        signatory_designation=signatory.designation if signatory else None,
        meeting_chair=meeting.chair if meeting else None,
        meeting_date=meeting.date if meeting else None,
        meeting_time=meeting.time if meeting else None,
        meeting_venue=meeting.venue if meeting else None,
        method=record.source.method,
        ocr_confidence=record.source.ocr_confidence,
        warnings=list(record.warnings),
        record=record.to_json(),
        decisions=[
            _decision(i, d, uid, agenda)
            for i, (d, uid, agenda) in enumerate(zip(record.decisions, uids, agendas, strict=True))
        ],
        reports=[_report(i, r) for i, r in enumerate(tracking.reports if tracking else [])],
        references=[
            StoredReference(position=i, memo_no=normalise_number(r.memo_no), date=r.date)
            for i, r in enumerate(record.references)
        ],
    )


Outcome = Literal["inserted", "replaced", "unchanged"]


def _load_one(session: Session, record: Record, tracking: DocumentTracking | None) -> Outcome:
    """Store one record; another process loading it at the same time makes it unchanged (or replaced)."""
    for _ in range(_RETRIES):
        try:
            return _store_one(session, record, tracking)
        except (IntegrityError, StaleDataError):
            # The other process inserted or replaced it after we read it: read it again.
            session.expunge_all()
    return _store_one(session, record, tracking)


def report_model(report: StoredReport) -> StatusReport:
    """A stored report as the tracker's model."""
    return StatusReport(
        kind=report.kind,
        status=report.status,
        on=report.reported_on,
        evidence=report.evidence,
        ref=report.ref,
        quoted=report.quoted,
        cited_memo=report.cited_memo,
        cited_meeting=report.cited_meeting,
    )


def tracked(document: StoredDocument) -> DocumentTracking:
    """What the tracker read from a stored document's text: its decisions' agenda items and its reports."""
    return DocumentTracking(
        agendas=[d.agenda for d in document.decisions], reports=[report_model(r) for r in document.reports]
    )


def _store_one(session: Session, record: Record, tracking: DocumentTracking | None) -> Outcome:
    """Store one record in its own transaction: all of its rows, or (on any failure) none of them.

    An unchanged record whose text now reads differently (new rules, a source file found) gets the new agenda
    items and reports. A changed one keeps its decisions' ids (identity.py) and, when its text was not read
    this time, the reports read before: the same record id is the same file, so the same text."""
    with session.begin():
        stored = session.get(StoredDocument, record.id)
        if stored is not None and stored.record == record.to_json():
            if tracking is not None and tracking != tracked(stored):
                _retrack(session, stored, tracking)
            return "unchanged"
        known: list[Known] = []
        if stored is not None:
            known = [Known(d.uid, d.ref, d.text) for d in stored.decisions]
            if tracking is None:
                tracking = DocumentTracking(agendas=[None] * len(record.decisions), reports=tracked(stored).reports)
            session.delete(stored)
            session.flush()  # the old rows must be gone before the new ones take the same keys
        session.add(stored_document(record, tracking, known))
    return "inserted" if stored is None else "replaced"


def _retrack(session: Session, stored: StoredDocument, tracking: DocumentTracking) -> None:
    for decision, agenda in zip(stored.decisions, tracking.agendas, strict=True):
        decision.agenda = agenda
    stored.reports.clear()
    session.flush()  # the old reports (and the events linked from them) go before the new take their positions
    stored.reports.extend(_report(i, r) for i, r in enumerate(tracking.reports))


def load(
    engine: Engine, records: Iterable[Record], tracking: Mapping[str, DocumentTracking] | None = None
) -> LoadResult:
    """Insert new records, replace changed ones (same id), skip identical ones; one transaction per record.

    `tracking` holds, by record id, what `pipeline.track` read from the records' texts; a record without it
    is stored without agenda items and status reports. Link the reports afterwards (`status.relink`)."""
    counts: Counter[Outcome] = Counter()

    def result() -> LoadResult:
        return LoadResult(counts["inserted"], counts["replaced"], counts["unchanged"])

    with Session(writer(engine)) as session:
        for record in records:
            try:
                counts[_load_one(session, record, (tracking or {}).get(record.id))] += 1
            except SQLAlchemyError as error:
                raise LoadError(
                    f"record {record.id} ({record.source.file}) not loaded: {_reason(error)}; "
                    f"the {sum(counts.values())} record(s) before it are stored",
                    record.id,
                    result(),
                ) from error
            session.expunge_all()  # the session is only a unit of work per record; keep memory flat
    return result()
