"""The decisions database on real records, against SQLite and (when SMARAK_TEST_PG_URL is set) PostgreSQL."""

from __future__ import annotations

import datetime as dt
import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine, func, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session

from pipeline.api import process_file
from pipeline.models import Decision, Record
from pipeline.store import (
    LoadError,
    LoadResult,
    StoreError,
    assigned,
    connect,
    load,
    overdue,
    read_records,
    thread,
)
from pipeline.store import db as store_db
from pipeline.store.db import (
    Base,
    StoredDeadline,
    StoredDecision,
    StoredDocument,
    database_url,
)
from pipeline.store.offices import match_score
from pipeline.store.queries import Recurrence, recurring_dates

ROOT = Path(__file__).resolve().parent.parent
PG_URL = os.environ.get("SMARAK_TEST_PG_URL")
SID_MEMO = "52.00.0000.022.05.001.22-78"  # minutes-sid-2022-10-08: issued 2022-10-10
FORWARDING = "46.00.0000.039.018.002.2015-188-5"  # the forwarding letter, 2017-10-31 …
FORWARDED = "04.00.0000.831.66.003.17.282"  # … and the letter it forwards (and cites), 2017-10-18


@pytest.fixture(scope="session")
def records() -> list[Record]:
    """Every document of the corpus, the devset and the held-out set, as the pipeline extracts them."""
    folders = [ROOT / "corpus", ROOT / "devset" / "docs", ROOT / "heldout" / "docs"]
    return [r for folder in folders for path in sorted(folder.glob("*.txt")) for r in process_file(path)]


def _by_memo(records: list[Record], memo: str) -> Record:
    return next(r for r in records if r.memo_no and r.memo_no.value == memo)


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A new, empty database: a tmp SQLite file, or a fresh schema in the PostgreSQL test database."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'decisions.db'}"
        return
    if not PG_URL:
        pytest.skip(
            "SMARAK_TEST_PG_URL is not set: PostgreSQL skipped here (.ci/run sets it from scripts/start-postgres.sh)"
        )
    schema = f"test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(database_url(PG_URL))
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    try:
        # The schema first on the search path: the store creates and finds its tables there.
        yield make_url(PG_URL).update_query_dict({"options": f"-csearch_path={schema}"}).render_as_string(False)
    finally:
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture
def engine(db_url: str) -> Iterator[Engine]:
    engine = connect(db_url)
    yield engine
    engine.dispose()


def _counts(engine: Engine) -> dict[str, int]:
    with engine.connect() as conn:
        return {
            name: conn.execute(select(func.count()).select_from(table)).scalar_one()
            for name, table in Base.metadata.tables.items()
        }


def _stored(engine: Engine, record_id: str) -> tuple[str | None, list[str]]:
    """The stored record JSON of a document and its decisions' texts, in order."""
    with Session(engine) as session:
        document = session.get(StoredDocument, record_id)
        return (document.record, [d.text for d in document.decisions]) if document else (None, [])


def _write_jsonl(path: Path, lines: list[str]) -> Path:
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    return path


# read_records


def test_read_records_reports_bad_lines_and_keeps_the_rest(records: list[Record], tmp_path: Path) -> None:
    good = [r.to_json() for r in records[:3]]
    path = tmp_path / "records.jsonl"
    bad_id = good[2].replace(records[2].id, "not-an-id")
    path.write_bytes(
        "\n".join([good[0], "", good[1][:50], "  ", bad_id, good[2]]).encode() + b"\n\xff\xfe{}\n" + good[0].encode()
    )
    read = list(read_records(path))
    assert [n for n, _ in read] == [1, 3, 5, 6, 7, 8]
    assert read[0] == (1, records[0]) and read[3] == (6, records[2]) and read[5] == (8, records[0])
    assert isinstance(read[1][1], str) and read[1][1].startswith("not valid JSON")
    assert isinstance(read[2][1], str) and read[2][1].startswith("not a valid record: id:")
    assert read[4] == (7, "not UTF-8: byte 1 of the line")


def test_read_records_missing_file(tmp_path: Path) -> None:
    with pytest.raises(OSError):
        list(read_records(tmp_path / "absent.jsonl"))


# load


def test_load_twice_changes_nothing(engine: Engine, records: list[Record], tmp_path: Path) -> None:
    path = _write_jsonl(tmp_path / "records.jsonl", [r.to_json() for r in records])
    from_file = [r for _, r in read_records(path) if isinstance(r, Record)]
    assert load(engine, from_file) == LoadResult(inserted=len(records))
    counts = _counts(engine)
    assert counts["documents"] == len(records)
    assert counts["decisions"] == sum(len(r.decisions) for r in records)
    assert counts["responsible"] == sum(len(d.responsible) for r in records for d in r.decisions)
    assert counts["deadlines"] == sum(d.deadline is not None for r in records for d in r.decisions)
    assert counts["references"] == sum(len(r.references) for r in records)
    assert load(engine, from_file) == LoadResult(unchanged=len(records))
    assert _counts(engine) == counts


def _re_extracted(record: Record) -> Record:
    """The record as a re-run might give it: its first decision dropped, another reworded."""
    _first, second, *rest = record.decisions
    return record.model_copy(update={"decisions": [second.model_copy(update={"text": "নতুন পাঠ"}), *rest]})


def test_changed_record_replaces_its_rows(engine: Engine, records: list[Record]) -> None:
    load(engine, records)
    before = _counts(engine)
    sid = _by_memo(records, SID_MEMO)
    changed = _re_extracted(sid)
    assert load(engine, [changed, *records[:2]]) == LoadResult(replaced=1, unchanged=2)
    stored, texts = _stored(engine, sid.id)
    assert stored == changed.to_json()
    assert texts == ["নতুন পাঠ", *(d.text for d in sid.decisions[2:])]
    assert sid.decisions[0].text not in texts
    after = _counts(engine)
    assert after["decisions"] == before["decisions"] - 1
    assert after["responsible"] == before["responsible"] - len(sid.decisions[0].responsible)
    assert after["documents"] == before["documents"]


def _failing_at(monkeypatch: pytest.MonkeyPatch, victim: Decision) -> None:
    """Give that decision a deadline the database's check constraint rejects, at the end of its record."""
    real = store_db._deadline

    def deadline(decision: Decision) -> StoredDeadline | None:
        if decision is victim:
            return StoredDeadline(kind="someday", value=None, text="কোনো একদিন")
        return real(decision)

    monkeypatch.setattr(store_db, "_deadline", deadline)


def test_failure_mid_record_leaves_the_database_as_before(
    engine: Engine, records: list[Record], monkeypatch: pytest.MonkeyPatch
) -> None:
    sid = _by_memo(records, SID_MEMO)
    others = [r for r in records if r.id != sid.id]
    load(engine, others[:3])
    before = _counts(engine)
    _failing_at(monkeypatch, sid.decisions[-1])
    with pytest.raises(LoadError) as error:
        load(engine, [others[3], sid, others[4]])
    assert error.value.record_id == sid.id
    assert error.value.result == LoadResult(inserted=1)
    assert "\n" not in str(error.value) and "deadlines_kind" in str(error.value)
    # The record before the failure is stored whole, the failing one not at all, the one after not tried.
    assert _stored(engine, sid.id) == (None, [])
    assert _counts(engine)["documents"] == before["documents"] + 1
    assert _counts(engine)["decisions"] == before["decisions"] + len(others[3].decisions)


def test_failed_replacement_keeps_the_old_version(
    engine: Engine, records: list[Record], monkeypatch: pytest.MonkeyPatch
) -> None:
    sid = _by_memo(records, SID_MEMO)
    load(engine, [sid])
    before, counts = _stored(engine, sid.id), _counts(engine)
    changed = _re_extracted(sid)
    _failing_at(monkeypatch, changed.decisions[-1])
    with pytest.raises(LoadError):
        load(engine, [changed])
    # The old rows were deleted and the new ones half inserted in the same transaction: all rolled back.
    assert _stored(engine, sid.id) == before
    assert _counts(engine) == counts


# connect


def test_a_database_of_a_newer_smarak_is_refused(db_url: str) -> None:
    engine = connect(db_url)
    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = 'ffff'"))
    engine.dispose()
    with pytest.raises(StoreError, match=r"schema revision ffff, made by a newer smarak"):
        connect(db_url)
    with pytest.raises(StoreError, match=r"schema revision ffff, made by a newer smarak"):
        connect(db_url, mode="read")


@pytest.mark.parametrize(
    ("url", "says"),
    [
        ("postgresql://smarak:secret@127.0.0.1:9/smarak_test", "Connection refused"),
        ("sqlite:////nonexistent-folder/decisions.db", "unable to open database file"),
        ("not a url", "not a database URL"),
    ],
)
def test_unreachable_database(url: str, says: str) -> None:
    with pytest.raises(StoreError) as error:
        connect(url)
    message = str(error.value)
    assert says in message and "\n" not in message and "secret" not in message


# queries


def _sid_overdue(
    engine: Engine, as_of: dt.date, **kwargs: int
) -> dict[str, tuple[dt.date | None, int | None, dt.date | None]]:
    """minutes-sid's overdue decisions by ref: (due date, days overdue, next due date of a recurring one)."""
    return {
        r.ref or "": (r.due, r.days_overdue, r.next_due)
        for r in overdue(engine, as_of, **kwargs)
        if r.memo_no == SID_MEMO
    }


def test_overdue_around_real_deadlines(engine: Engine, records: list[Record]) -> None:
    # minutes-sid, issued 2022-10-10: ৩ by 2023-05-04 (date), ৫ জরুরি ভিত্তিতে (asap), ৭ ত্রৈমাসিক (P3M).
    load(engine, records)
    d = dt.date
    assert _sid_overdue(engine, d(2022, 11, 9)) == {}  # asap: 30 days, not more
    assert _sid_overdue(engine, d(2022, 11, 10)) == {"৫": (d(2022, 11, 9), 1, None)}
    assert _sid_overdue(engine, d(2022, 10, 21), asap_days=10) == {"৫": (d(2022, 10, 20), 1, None)}
    assert _sid_overdue(engine, d(2023, 1, 10)).keys() == {"৫"}  # P3M: first due 2023-01-10, that day in time
    assert _sid_overdue(engine, d(2023, 1, 11))["৭"] == (d(2023, 1, 10), 1, d(2023, 4, 10))
    assert "৩" not in _sid_overdue(engine, d(2023, 5, 4))
    late = _sid_overdue(engine, d(2023, 5, 5))
    assert late["৩"] == (d(2023, 5, 4), 1, None)
    # The quarterly report is overdue for its current period only: due 2023-04-10, 25 days ago, next 2023-07-10.
    assert late["৭"] == (d(2023, 4, 10), 25, d(2023, 7, 10))
    assert _sid_overdue(engine, d(2031, 1, 15))["৭"] == (d(2031, 1, 10), 5, d(2031, 4, 10))
    row = next(r for r in overdue(engine, d(2023, 5, 5)) if r.memo_no == SID_MEMO and r.ref == "৩")
    assert row.responsible == ["সিস্টেম অ্যানালিস্ট, আইসিটি অধিশাখা"] and row.deadline_kind == "date"
    assert row.date == d(2022, 10, 10) and row.deadline_value == "2023-05-04" and row.status == "open"
    assert row.subject and row.subject.startswith("পরিসংখ্যান ও তথ্য ব্যবস্থাপনা বিভাগের")
    assert row.meeting_date == d(2022, 10, 8) and row.file.endswith("minutes-sid-2022-10-08.txt") and row.page == 1


def test_recurring_due_dates() -> None:
    d = dt.date
    # circular-mopa-2023-12-24: P1Y by 30 June each year; the first due date is 2024-06-30.
    assert recurring_dates(d(2023, 12, 24), "P1Y", "--06-30", d(2024, 6, 30)) == Recurrence(None, None, d(2024, 6, 30))
    assert recurring_dates(d(2023, 12, 24), "P1Y", "--06-30", d(2025, 7, 1)) == Recurrence(
        d(2024, 6, 30), d(2025, 6, 30), d(2026, 6, 30)
    )
    # An anchor after the document's day in its own year is that year's due date.
    assert recurring_dates(d(2024, 5, 2), "P1Y", "--06-30", d(2024, 7, 1)) == Recurrence(
        None, d(2024, 6, 30), d(2025, 6, 30)
    )
    # Month steps counted from the start: 31 Jan → 29 Feb (2024) → 31 Mar, not 29 Mar.
    assert recurring_dates(d(2024, 1, 31), "P1M", None, d(2024, 4, 1)) == Recurrence(
        d(2024, 2, 29), d(2024, 3, 31), d(2024, 4, 30)
    )
    # A daily duty of 2016 asked about in 2024: the current period is yesterday's, not the 3000th missed one.
    assert recurring_dates(d(2016, 2, 15), "P1D", None, d(2024, 12, 1)) == Recurrence(
        d(2024, 11, 29), d(2024, 11, 30), d(2024, 12, 1)
    )
    assert recurring_dates(d(2024, 1, 1), "PT1H", None, d(2025, 1, 1)) is None  # not a day period


def test_assigned_fuzzy_on_real_responsible(engine: Engine, records: list[Record]) -> None:
    sid = _by_memo(records, SID_MEMO)
    # The source prints ইনোডেশন টিম (an OCR-like slip) at ৯ where the pipeline has ইনোভেশন টিম; store it as printed.
    printed = [d.model_copy(update={"responsible": ["ইনোডেশন টিম"]}) if d.ref == "৯" else d for d in sid.decisions]
    load(engine, [sid.model_copy(update={"decisions": printed}), *(r for r in records if r.id != sid.id)])

    programmer = assigned(engine, "প্রোগ্রামার")
    assert [(r.ref, r.score) for r in programmer] == [(ref, 100) for ref in ("২(ক)", "২(খ)", "৭", "১০", "১১")]
    assert {r.matched for r in programmer} == {"প্রোগ্রামার, আইসিটি শাখা"}

    team = [r for r in assigned(engine, "ইনোভেশন টিম") if r.memo_no == SID_MEMO]
    assert [r.ref for r in team] == ["১(ক)", "১(খ)", "১২", "৯"]  # the misspelt one last, by its lower score
    assert team[-1].matched == "ইনোডেশন টিম" and 80 <= team[-1].score < 100
    # A name longer than a responsible is compared whole: "সদস্য-সচিব" alone is not this member-secretary.
    assert all(r.matched != "সদস্য-সচিব" for r in assigned(engine, "সদস্য-সচিব, ইনোভেশন টিম"))
    assert match_score("সদস্য-সচিব, ইনোভেশন টিম", "সদস্য-সচিব") < 80
    assert assigned(engine, "প্রোগ্রামার", threshold=101) == []


def test_thread_of_the_forwarding_letter(engine: Engine, records: list[Record]) -> None:
    load(engine, records)
    printed = "৪৬. ০০. ০০০০. ০৩৯. ০১৮. ০০২. ২০১৫- ১৮৮-৫"  # as the letter prints its own number
    chain = thread(engine, printed)
    assert [(r.memo_no, r.date, r.relation) for r in chain] == [
        (FORWARDED, dt.date(2017, 10, 18), "cited"),
        (FORWARDING, dt.date(2017, 10, 31), "start"),
    ]
    forwarded = _by_memo(records, FORWARDED)
    assert [x.text for x in chain[0].decisions] == [x.text for x in forwarded.decisions]
    assert chain[0].doc_type == "letter" and chain[0].subject == forwarded.subject
    assert [(r.memo_no, r.relation) for r in thread(engine, FORWARDED)] == [
        (FORWARDED, "start"),
        (FORWARDING, "citing"),
    ]
    assert thread(engine, "99.99.9999.999") == []


def test_queries_on_an_empty_database(engine: Engine) -> None:
    assert overdue(engine, dt.date(2030, 1, 1)) == []
    assert assigned(engine, "কমিটি") == []
    assert thread(engine, FORWARDED) == []
    with Session(engine) as session:
        assert session.scalars(select(StoredDecision)).all() == []
