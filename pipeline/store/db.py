"""The decisions database: tables, opening a database (SQLite or PostgreSQL), and loading records into it."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, Literal

from sqlalchemy import (
    JSON,
    CheckConstraint,
    Date,
    Engine,
    Float,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
    create_engine,
    event,
    func,
    insert,
    inspect,
    select,
)
from sqlalchemy.engine import URL, Connection, make_url
from sqlalchemy.exc import ArgumentError, IntegrityError, NoSuchModuleError, SQLAlchemyError
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column, relationship
from sqlalchemy.orm.exc import StaleDataError

from pipeline.extract.memo import normalise_number
from pipeline.models import Decision, Record

SCHEMA_VERSION = 1
DEFAULT_URL = "sqlite:///decisions.db"
_CONNECT_TIMEOUT_S = 10
_SQLITE_BUSY_TIMEOUT_S = 30  # how long a writer waits for another process's transaction on the same file
# Execution option of the engine that loads: its transactions write (SQLite then takes the write lock at BEGIN).
_WRITER = "smarak_writer"
_SCHEMA_LOCK = 0x736D6172  # PostgreSQL advisory lock held while the tables are created ("smar")
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


class SchemaVersion(Base):
    __tablename__ = "schema_version"

    version: Mapped[int] = mapped_column(Integer, primary_key=True)


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

    @property
    def day(self) -> dt.date | None:
        """The date the document's deadlines count from: its issue date, else its meeting date."""
        return self.date or self.meeting_date


class StoredDecision(Base):
    __tablename__ = "decisions"
    __table_args__ = (UniqueConstraint("document_id", "position"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    document_id: Mapped[str] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    ref: Mapped[str | None] = mapped_column(String(40))
    text: Mapped[str] = mapped_column(Text)
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


def _writer(engine: Engine) -> Engine:
    """The engine for transactions that write."""
    return engine.execution_options(**{_WRITER: True})


def _versions(conn: Connection, shown: str) -> list[int] | None:
    """The schema versions recorded, or None in a database without our tables."""
    tables = set(inspect(conn).get_table_names())
    if SchemaVersion.__tablename__ in tables:
        return list(conn.scalars(select(SchemaVersion.version)))
    ours = sorted(tables & set(Base.metadata.tables))
    if ours:
        raise StoreError(f"{shown} has table(s) {', '.join(ours)} but no schema_version: not a smarak database")
    return None


def _prepare(engine: Engine, shown: str) -> None:
    """Create the tables in a new database; in an existing one, check the schema version."""
    with engine.connect() as conn:
        found = _versions(conn, shown)
    if found is None:
        with _writer(engine).begin() as conn:
            if conn.dialect.name == "postgresql":
                # Two CREATE TABLEs of one name at once fail (pg_type_typname_nsp_index) instead of waiting.
                conn.execute(select(func.pg_advisory_xact_lock(_SCHEMA_LOCK)))
            found = _versions(conn, shown)  # another process may have created them while we waited
            if found is None:
                Base.metadata.create_all(conn)
                conn.execute(insert(SchemaVersion).values(version=SCHEMA_VERSION))
                return
    if found != [SCHEMA_VERSION]:
        have = ", ".join(map(str, found)) or "none recorded"
        raise StoreError(
            f"{shown} has schema version {have}, but this smarak reads version {SCHEMA_VERSION}: "
            "load the records into a new database"
        )


def connect(url: str = DEFAULT_URL) -> Engine:
    """An engine on the database, its tables created if it is new; StoreError if unreachable or another version."""
    parsed = database_url(url)
    shown = make_url(url).render_as_string(hide_password=True)  # as the user wrote it, without the password
    engine = _engine(parsed, shown)
    try:
        with translated_errors(f"cannot open database {shown}"):
            _prepare(engine, shown)
    except StoreError:
        engine.dispose()
        raise
    return engine


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


def _decision(position: int, decision: Decision) -> StoredDecision:
    return StoredDecision(
        position=position,
        ref=decision.ref,
        text=decision.text,
        span_page=decision.span.page,
        span_start=decision.span.start,
        span_end=decision.span.end,
        responsible=[StoredResponsible(position=i, name=name) for i, name in enumerate(decision.responsible)],
        deadline=_deadline(decision),
    )


def _memo_key(value: str) -> str | None:
    key = normalise_number(value)
    return key or None


def stored_document(record: Record) -> StoredDocument:
    """The rows of one record: its document row with its decisions, responsible, deadlines and references."""
    memo, date, signatory, meeting = record.memo_no, record.date, record.signatory, record.meeting
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
        decisions=[_decision(i, d) for i, d in enumerate(record.decisions)],
        references=[
            StoredReference(position=i, memo_no=normalise_number(r.memo_no), date=r.date)
            for i, r in enumerate(record.references)
        ],
    )


Outcome = Literal["inserted", "replaced", "unchanged"]


def _load_one(session: Session, record: Record) -> Outcome:
    """Store one record; another process loading it at the same time makes it unchanged (or replaced)."""
    for _ in range(_RETRIES):
        try:
            return _store_one(session, record)
        except (IntegrityError, StaleDataError):
            # The other process inserted or replaced it after we read it: read it again.
            session.expunge_all()
    return _store_one(session, record)


def _store_one(session: Session, record: Record) -> Outcome:
    """Store one record in its own transaction: all of its rows, or (on any failure) none of them."""
    with session.begin():
        stored = session.get(StoredDocument, record.id)
        if stored is not None and stored.record == record.to_json():
            return "unchanged"
        if stored is not None:
            session.delete(stored)
            session.flush()  # the old rows must be gone before the new ones take the same keys
        session.add(stored_document(record))
    return "inserted" if stored is None else "replaced"


def load(engine: Engine, records: Iterable[Record]) -> LoadResult:
    """Insert new records, replace changed ones (same id), skip identical ones; one transaction per record."""
    counts: Counter[Outcome] = Counter()

    def result() -> LoadResult:
        return LoadResult(counts["inserted"], counts["replaced"], counts["unchanged"])

    with Session(_writer(engine)) as session:
        for record in records:
            try:
                counts[_load_one(session, record)] += 1
            except SQLAlchemyError as error:
                raise LoadError(
                    f"record {record.id} ({record.source.file}) not loaded: {_reason(error)}; "
                    f"the {sum(counts.values())} record(s) before it are stored",
                    record.id,
                    result(),
                ) from error
            session.expunge_all()  # the session is only a unit of work per record; keep memory flat
    return result()
