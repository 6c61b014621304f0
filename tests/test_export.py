"""The documents and decisions tables of real records, and their CSV, Parquet and Excel exports."""

from __future__ import annotations

import codecs
import datetime as dt
import os
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from pipeline.api import process_file
from pipeline.models import Record
from pipeline.store import export as export_module
from pipeline.store.export import (
    DECISION_COLUMNS,
    DOCUMENT_COLUMNS,
    ExportError,
    export,
    export_paths,
    tables,
)

ROOT = Path(__file__).resolve().parent.parent
FILES = [
    "corpus/minutes-sid-2022-10-08.txt",  # 15 decisions; date, asap and recurring deadlines
    "corpus/forwarding-letter-lgd-2017-10-31.txt",  # two documents; a reference with its date
    "devset/docs/minutes-dc-kurigram-dengue-2024-05-26.txt",  # decisions with several responsible
    "devset/docs/circular-mopa-2023-12-24-citizen-charter.txt",  # a yearly deadline with its anchor day
]
SID = "corpus/minutes-sid-2022-10-08.txt"


@pytest.fixture(scope="module")
def records() -> list[Record]:
    return [record for name in FILES for record in process_file(ROOT / name)]


@pytest.fixture(scope="module")
def frames(records: list[Record]) -> tuple[pd.DataFrame, pd.DataFrame]:
    return tables(records)


def _sid_decisions(decisions: pd.DataFrame, records: list[Record]) -> pd.DataFrame:
    sid = next(r for r in records if r.source.file.endswith(SID))
    return decisions[decisions["document_id"] == sid.id].set_index("ref")


# ---------------------------------------------------------------- tables


def test_documents_table_has_a_row_per_record(records: list[Record], frames: tuple[pd.DataFrame, pd.DataFrame]) -> None:
    documents, _ = frames
    assert list(documents.columns) == list(DOCUMENT_COLUMNS)
    assert list(documents["id"]) == [r.id for r in records]
    assert list(documents["decision_count"]) == [len(r.decisions) for r in records]
    letter = documents.set_index("id").loc[records[1].id]
    assert letter["references"] == "04.00.0000.831.66.003.17.282 (2017-10-18)"
    assert letter["date"] == pd.Timestamp("2017-10-31")
    assert letter["date_bangla"] == "1424-07-16"


def test_decisions_table_has_a_row_per_decision_with_its_document(
    records: list[Record], frames: tuple[pd.DataFrame, pd.DataFrame]
) -> None:
    _, decisions = frames
    assert list(decisions.columns) == list(DECISION_COLUMNS)
    assert len(decisions) == sum(len(r.decisions) for r in records)
    for record in records:
        rows = decisions[decisions["document_id"] == record.id]
        assert list(rows["text"]) == [d.text for d in record.decisions]
        assert list(rows["decision_index"]) == list(range(len(record.decisions)))
        assert record.memo_no is not None and record.date is not None and record.date.value is not None
        assert set(rows["memo_no"]) <= {record.memo_no.value}
        assert set(rows["date"]) <= {pd.Timestamp(record.date.value)}


def test_responsible_joined(records: list[Record], frames: tuple[pd.DataFrame, pd.DataFrame]) -> None:
    _, decisions = frames
    expected = ["; ".join(d.responsible) or None for r in records for d in r.decisions]
    assert [None if pd.isna(v) else v for v in decisions["responsible"]] == expected
    assert decisions["responsible"].str.contains("; ").any()


def test_deadline_columns(records: list[Record], frames: tuple[pd.DataFrame, pd.DataFrame]) -> None:
    _, decisions = frames
    sid = _sid_decisions(decisions, records)
    by_date, asap, quarterly, none = sid.loc["৩"], sid.loc["৫"], sid.loc["৭"], sid.loc["১(ক)"]
    assert (by_date["deadline_kind"], by_date["deadline_date"]) == ("date", pd.Timestamp("2023-05-04"))
    assert by_date["deadline_text"] == "০৪/০৫/২০২৩ তারিখের মধ্যে"
    assert pd.isna(by_date["deadline_period"])
    assert (quarterly["deadline_kind"], quarterly["deadline_period"]) == ("recurring", "P3M")
    assert pd.isna(quarterly["deadline_date"])
    assert asap["deadline_kind"] == "asap"
    assert pd.isna(asap["deadline_date"]) and pd.isna(asap["deadline_period"])
    assert pd.isna(none["deadline_kind"]) and pd.isna(none["deadline_text"])
    assert "--06-30" in set(decisions["deadline_anchor"].dropna())


def test_dtypes(frames: tuple[pd.DataFrame, pd.DataFrame]) -> None:
    documents, decisions = frames
    for frame, columns in ((documents, DOCUMENT_COLUMNS), (decisions, DECISION_COLUMNS)):
        assert {name: str(dtype) for name, dtype in frame.dtypes.items()} == columns
    assert decisions["span_page"].min() >= 1


def test_empty_input_gives_typed_empty_tables() -> None:
    documents, decisions = tables([])
    assert documents.empty and decisions.empty
    assert {n: str(t) for n, t in documents.dtypes.items()} == DOCUMENT_COLUMNS
    assert {n: str(t) for n, t in decisions.dtypes.items()} == DECISION_COLUMNS


# ---------------------------------------------------------------- files


def test_file_naming_rule(tmp_path: Path) -> None:
    assert export_paths("csv", tmp_path) == [tmp_path / "documents.csv", tmp_path / "decisions.csv"]
    assert export_paths("xlsx", tmp_path) == [tmp_path / "records.xlsx"]
    out = tmp_path / "run"
    assert export_paths("parquet", out) == [tmp_path / "run.documents.parquet", tmp_path / "run.decisions.parquet"]
    assert export_paths("csv", tmp_path / "run.csv") == [tmp_path / "run.documents.csv", tmp_path / "run.decisions.csv"]
    assert export_paths("xlsx", out) == export_paths("xlsx", tmp_path / "run.xlsx") == [tmp_path / "run.xlsx"]
    with pytest.raises(ValueError, match="unknown export format"):
        export_paths("json", out)  # type: ignore[arg-type]


def test_csv_round_trips_with_bangla(
    records: list[Record], frames: tuple[pd.DataFrame, pd.DataFrame], tmp_path: Path
) -> None:
    paths = export(records, "csv", tmp_path / "run")
    assert paths == [tmp_path / "run.documents.csv", tmp_path / "run.decisions.csv"]
    for path, frame in zip(paths, frames, strict=True):
        assert path.read_bytes().startswith(codecs.BOM_UTF8)
        back = pd.read_csv(path, dtype=str, keep_default_na=False)
        assert list(back.columns) == list(frame.columns)
        assert len(back) == len(frame)
    decisions = pd.read_csv(
        paths[1], dtype={"ref": str, "text": str, "responsible": str}, parse_dates=["deadline_date"]
    )
    assert list(decisions["text"]) == list(frames[1]["text"])
    assert list(decisions["responsible"].fillna("")) == list(frames[1]["responsible"].fillna(""))
    assert pd.Timestamp("2023-05-04") in set(decisions["deadline_date"])
    assert sorted(p.name for p in tmp_path.iterdir()) == ["run.decisions.csv", "run.documents.csv"]


def test_parquet_round_trips_with_dtypes(
    records: list[Record], frames: tuple[pd.DataFrame, pd.DataFrame], tmp_path: Path
) -> None:
    paths = export(records, "parquet", tmp_path)
    assert paths == [tmp_path / "documents.parquet", tmp_path / "decisions.parquet"]
    for path, frame in zip(paths, frames, strict=True):
        pd.testing.assert_frame_equal(pd.read_parquet(path), frame)


def test_xlsx_has_both_sheets_and_bangla(
    records: list[Record], frames: tuple[pd.DataFrame, pd.DataFrame], tmp_path: Path
) -> None:
    (path,) = export(records, "xlsx", tmp_path / "run.xlsx")
    assert path == tmp_path / "run.xlsx"
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["documents", "decisions"]
    sheet = book["decisions"]
    header = [cell.value for cell in sheet[1]]
    assert header == list(DECISION_COLUMNS)
    first = dict(zip(header, (cell for cell in sheet[2]), strict=True))
    assert first["text"].value == frames[1]["text"].iloc[0]
    assert first["date"].value == dt.datetime(2022, 10, 10)
    assert first["date"].number_format == "YYYY-MM-DD"
    assert first["deadline_date"].value is None
    assert sheet.max_row == len(frames[1]) + 1
    assert sheet.freeze_panes == "A2"
    assert 8 <= sheet.column_dimensions["G"].width <= 60
    assert book["documents"]["H2"].value == "৫২.০০.০০০০.০২২.০৫.০০১.২২-৭৮"  # memo_no_text


def test_empty_export_writes_headers(tmp_path: Path) -> None:
    paths = export([], "csv", tmp_path)
    assert pd.read_csv(paths[0]).columns.tolist() == list(DOCUMENT_COLUMNS)
    assert pd.read_csv(paths[1]).empty


# ---------------------------------------------------------------- failures


def test_missing_directory_gives_a_clear_error(records: list[Record], tmp_path: Path) -> None:
    with pytest.raises(ExportError, match=r"cannot write .*run\.documents\.csv: directory .* does not exist"):
        export(records, "csv", tmp_path / "missing" / "run")
    blocker = tmp_path / "file"
    blocker.write_text("")
    with pytest.raises(OSError, match=r"cannot write .*file/run\.xlsx: .*file is not a directory"):
        export(records, "xlsx", blocker / "run")


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root writes to read-only folders")
def test_read_only_directory_gives_a_clear_error(records: list[Record], tmp_path: Path) -> None:
    tmp_path.chmod(0o500)
    try:
        with pytest.raises(ExportError, match=r"cannot write .*: Permission denied"):
            export(records, "parquet", tmp_path)
    finally:
        tmp_path.chmod(0o700)


def test_failed_write_leaves_no_file(records: list[Record], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real = export_module.write_parquet

    def broken(frame: pd.DataFrame, path: Path) -> None:
        if "document_id" not in frame:  # the documents table is written in full
            return real(frame, path)
        path.write_bytes(b"PAR1 half")
        raise RuntimeError("disk gone")

    monkeypatch.setattr(export_module, "write_parquet", broken)
    with pytest.raises(RuntimeError, match="disk gone"):
        export(records, "parquet", tmp_path / "run")
    assert list(tmp_path.iterdir()) == []


def test_a_folder_in_the_way_leaves_no_temporary_file(records: list[Record], tmp_path: Path) -> None:
    (tmp_path / "run.xlsx").mkdir()
    with pytest.raises(ExportError, match=r"cannot write .*run\.xlsx: a directory of that name is in the way"):
        export(records, "xlsx", tmp_path / "run")
    assert [p.name for p in tmp_path.iterdir()] == ["run.xlsx"]
    (tmp_path / "run.decisions.csv").mkdir()
    with pytest.raises(ExportError, match=r"run\.decisions\.csv: a directory"):
        export(records, "csv", tmp_path / "run")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["run.decisions.csv", "run.xlsx"]  # no documents file


def test_permission_error_is_wrapped(records: list[Record], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def denied(src: Path, dst: Path) -> None:
        raise PermissionError(13, "Permission denied", str(dst))

    monkeypatch.setattr(os, "replace", denied)
    with pytest.raises(ExportError, match=r"cannot write .*run\.documents\.csv: Permission denied") as caught:
        export(records, "csv", tmp_path / "run")
    assert isinstance(caught.value.__cause__, PermissionError)
    assert list(tmp_path.iterdir()) == []
