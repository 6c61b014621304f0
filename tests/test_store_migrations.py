"""Schema migrations: a database made before migrations (tests/data/store/schema-v1.*.sql, the DDL smarak
created at SCHEMA_VERSION 1) is upgraded with its rows kept; the models agree with the migrations; queries never
create or change a database. Against SQLite and (when SMARAK_TEST_PG_URL is set) PostgreSQL."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy.orm import Session

from pipeline.extract.memo import normalise_number
from pipeline.models import Record
from pipeline.store import Filters, StoreError, connect, decisions, load, migrate, set_status, upgrade
from pipeline.store.db import Base, StoredDecision, database_url

# Its fixtures: db_url (a new SQLite file, or a new schema on the PostgreSQL test server) and records.
pytest_plugins = ["tests.test_store"]
DATA = Path(__file__).resolve().parent / "data" / "store"
SMARAK = str(Path(sys.executable).with_name("smarak"))
SID_MEMO = "52.00.0000.022.05.001.22-78"


def _engine(url: str) -> sa.Engine:
    return sa.create_engine(database_url(url))


def _legacy_database(url: str, records: list[Record], version: int = 1) -> None:
    """A database as smarak made it before migrations: its DDL, its schema_version, and the rows of records."""
    engine = _engine(url)
    ddl = (DATA / f"schema-v1.{engine.dialect.name}.sql").read_text(encoding="utf-8")
    with engine.begin() as conn:
        for statement in ddl.split(";\n"):
            sql = "\n".join(line for line in statement.splitlines() if not line.startswith("--")).strip()
            if sql:
                conn.exec_driver_sql(sql.replace("VALUES (1)", f"VALUES ({version})"))
        for record in records:
            _insert(conn, record)
    engine.dispose()


def _table(name: str, *columns: str, **typed: sa.types.TypeEngine[object]) -> sa.TableClause:
    return sa.table(name, *(sa.column(c) for c in columns), *(sa.column(c, t) for c, t in typed.items()))


def _insert(conn: sa.Connection, record: Record) -> None:
    """A record's rows in the legacy tables, as smarak 1 stored them."""
    documents = _table(
        "documents", "id", "file", "sha256", "doc_type", "memo_no", "method", "record", "subject",
        date=sa.Date(), meeting_date=sa.Date(), warnings=sa.JSON(),
    )  # fmt: skip
    decisions = _table(
        "decisions", "id", "document_id", "position", "ref", "text", "span_page", "span_start", "span_end"
    )
    responsible = _table("responsible", "decision_id", "position", "name")
    deadlines = _table("deadlines", "decision_id", "kind", "value", "period", "anchor", "text", date=sa.Date())
    document = {
        "id": record.id,
        "file": record.source.file,
        "sha256": record.source.sha256,
        "doc_type": record.doc_type,
        "memo_no": normalise_number(record.memo_no.value) if record.memo_no else None,
        "method": record.source.method,
        "record": record.to_json(),
        "subject": record.subject,
        "date": record.date.value if record.date else None,
        "meeting_date": record.meeting.date if record.meeting else None,
        "warnings": [],
    }
    conn.execute(sa.insert(documents).values(**document))
    for position, d in enumerate(record.decisions):
        row = {"document_id": record.id, "position": position, "ref": d.ref, "text": d.text}
        row |= {"span_page": d.span.page, "span_start": d.span.start, "span_end": d.span.end}
        decision_id = conn.execute(sa.insert(decisions).values(**row).returning(decisions.c.id)).scalar_one()
        for i, name in enumerate(d.responsible):
            conn.execute(sa.insert(responsible).values(decision_id=decision_id, position=i, name=name))
        if d.deadline:
            kind, value = d.deadline.kind, d.deadline.value
            deadline = {"decision_id": decision_id, "kind": kind, "value": value, "date": d.deadline.due}
            deadline |= {"period": value if kind == "recurring" else None, "anchor": d.deadline.anchor}
            conn.execute(sa.insert(deadlines).values(**deadline, text=d.deadline.text))


def _sid(records: list[Record]) -> Record:
    return next(r for r in records if r.memo_no and r.memo_no.value == SID_MEMO)


def test_a_database_from_before_migrations_is_upgraded_with_its_rows(
    db_url: str, records: list[Record], tmp_path: Path
) -> None:
    legacy = [_sid(records), *records[:3]]
    _legacy_database(db_url, legacy)
    with pytest.raises(StoreError, match=r"older schema \(revision 0001\): run `smarak db upgrade`"):
        connect(db_url, mode="read")  # a query never changes the database
    engine = connect(db_url)  # loading upgrades
    with engine.connect() as conn:
        assert migrate.inspect_schema(conn).revision == migrate.head()
        assert migrate.LEGACY_TABLE not in sa.inspect(conn).get_table_names()
        assert {"decision_status", "overdue"} <= set(sa.inspect(conn).get_view_names())
    # The ids the upgrade gave are the ones a new database derives for the same records.
    fresh = connect(f"sqlite:///{tmp_path / 'fresh.db'}")
    load(fresh, legacy)
    assert _uids(engine) == _uids(fresh)
    # The rows are all there: the same records load as unchanged, the deadlines still make SID ৩ overdue.
    assert load(engine, legacy).unchanged == len(legacy)
    overdue = {r.ref for r in decisions(engine, Filters(dt.date(2023, 5, 5), overdue=True)) if r.memo_no == SID_MEMO}
    assert overdue == {"৩", "৫", "৭"}
    engine.dispose()
    fresh.dispose()


def _uids(engine: sa.Engine) -> list[tuple[str, int, str]]:
    with Session(engine) as session:
        rows = session.scalars(sa.select(StoredDecision)).all()
        return sorted((d.document_id, d.position, d.uid) for d in rows)


def test_views_for_analysts(engine: sa.Engine, records: list[Record]) -> None:
    sid = _sid(records)
    load(engine, [sid])
    with engine.connect() as conn:
        statuses = dict(conn.execute(sa.text("SELECT decision_id, status FROM decision_status")).all())
        late = {row.ref for row in conn.execute(sa.text("SELECT ref FROM overdue"))}
    assert len(statuses) == len(sid.decisions) and set(statuses.values()) == {"open"}
    assert late == {"৩", "৫"}  # the date and the as-soon-as-possible deadlines; recurring ones need the CLI
    three = next(r.id for r in decisions(engine, Filters(dt.date(2023, 5, 5))) if r.ref == "৩")
    set_status(engine, three, "done", dt.date(2023, 5, 1), note="launched")
    with engine.connect() as conn:
        assert conn.execute(sa.text(f"SELECT status FROM decision_status WHERE decision_id = '{three}'")).scalar() == (
            "done"
        )
        assert {row.ref for row in conn.execute(sa.text("SELECT ref FROM overdue"))} == {"৫"}


def test_models_and_migrations_agree(engine: sa.Engine) -> None:
    with engine.connect() as conn:
        assert compare_metadata(MigrationContext.configure(conn), Base.metadata) == []


def test_an_unknown_legacy_version_is_refused(db_url: str) -> None:
    _legacy_database(db_url, [], version=99)
    with pytest.raises(StoreError, match=r"schema version 99, but this smarak reads version 1"):
        connect(db_url)


def test_db_upgrade_command(db_url: str, records: list[Record]) -> None:
    _legacy_database(db_url, [_sid(records)])
    first = subprocess.run([SMARAK, "db", "upgrade", "--db", db_url], capture_output=True, text=True, check=False)
    assert first.returncode == 0 and "upgraded from schema revision 0001" in first.stderr
    again = subprocess.run([SMARAK, "db", "upgrade", "--db", db_url], capture_output=True, text=True, check=False)
    assert again.returncode == 0 and "the schema is current" in again.stderr
    assert upgrade(db_url) is None


def test_queries_never_create_a_database(tmp_path: Path) -> None:
    missing = tmp_path / "typo.db"
    for command in (
        ["db", "decisions"],
        ["db", "overdue"],
        ["db", "summary"],
        ["report", "-o", str(tmp_path / "r.html")],
    ):
        done = subprocess.run(
            [SMARAK, *command], capture_output=True, text=True, check=False, env={"SMARAK_DB": f"sqlite:///{missing}"}
        )
        assert done.returncode == 1, done.stderr
        assert f"no database at {missing}" in done.stderr and "Traceback" not in done.stderr
    assert not missing.exists()
    with pytest.raises(StoreError, match="no database at"):
        upgrade(f"sqlite:///{missing}")


def test_an_empty_database_is_not_queried(db_url: str) -> None:
    _engine(db_url).dispose()
    if db_url.startswith("sqlite"):
        Path(db_url.removeprefix("sqlite:///")).touch()
    with pytest.raises(StoreError, match="holds no smarak database"):
        connect(db_url, mode="read")
