"""Records as two flat tables (documents, decisions) and their export to CSV, Parquet or Excel; and the rows
of a database query (`rows_frame`) as one table, for `smarak db … --format csv|xlsx`.

File naming (`export_paths`): when `out` is an existing directory the files go inside it
(`documents.<ext>` and `decisions.<ext>`, or `records.xlsx`); otherwise `out` is a name prefix:
a trailing `.csv`/`.parquet`/`.xlsx` matching the format is dropped, then `.documents.<ext>` and
`.decisions.<ext>` (or `.xlsx`) are appended. `out/x` → `out/x.documents.csv`; `x.xlsx` → `x.xlsx`.
The parent directory must exist.
"""

from __future__ import annotations

import csv
import datetime as dt
import errno
import os
import types
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager, suppress
from dataclasses import fields
from pathlib import Path
from typing import Any, Literal, get_args, get_type_hints

import pandas as pd
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from pipeline.files import temporary_beside
from pipeline.models import Decision, Record

Format = Literal["csv", "parquet", "xlsx"]
FORMATS: tuple[Format, ...] = get_args(Format)

DATE = "datetime64[us]"  # whole days; pandas' datetime type, which Excel and Parquet store as dates/timestamps
LIST_SEP = "; "  # joins list fields; responsible posts themselves hold commas ("প্রোগ্রামার, আইসিটি শাখা")

DOCUMENT_COLUMNS: dict[str, str] = {
    "id": "string",
    "file": "string",
    "pages": "string",  # page numbers joined with ", "
    "method": "string",
    "ocr_confidence": "Float64",
    "doc_type": "string",
    "memo_no": "string",  # normalised value
    "memo_no_text": "string",  # as printed
    "memo_no_copy": "string",
    "date": DATE,
    "date_bangla": "string",  # YYYY-MM-DD of the Bangla calendar: not a Gregorian date
    "date_consistent": "boolean",
    "subject": "string",
    "references": "string",  # "memo (YYYY-MM-DD); memo; …"
    "signatory_name": "string",
    "signatory_designation": "string",
    "meeting_chair": "string",
    "meeting_date": DATE,
    "meeting_time": "string",  # HH:MM
    "meeting_venue": "string",
    "decision_count": "Int64",
    "warnings": "string",
}

DECISION_COLUMNS: dict[str, str] = {
    "document_id": "string",  # documents.id
    "decision_index": "Int64",  # position in the document, from 0; with document_id, the row's key
    "memo_no": "string",
    "date": DATE,  # the document's issue date
    "doc_type": "string",
    "ref": "string",
    "text": "string",
    "responsible": "string",
    "deadline_kind": "string",  # date | recurring | asap
    "deadline_date": DATE,  # kind date
    "deadline_period": "string",  # kind recurring: ISO 8601 period (P3M)
    "deadline_anchor": "string",  # kind recurring: --MM-DD
    "deadline_text": "string",
    "span_page": "Int64",
    "span_start": "Int64",
    "span_end": "Int64",
}

Row = dict[str, Any]
# What a spreadsheet reads as the start of a formula (OWASP, "CSV Injection"): = + - @, and tab and carriage
# return, which Excel skips before looking.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


class ExportError(OSError):
    """An export file could not be written (missing or unwritable directory, a folder in the way, a full disk)."""

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(f"cannot write {path}: {reason}")
        self.path = path


# ---------------------------------------------------------------- tables


def tables(records: Iterable[Record]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The documents table (a row per record) and the decisions table (a row per decision)."""
    documents: list[Row] = []
    decisions: list[Row] = []
    for record in records:
        documents.append(document_row(record))
        decisions.extend(decision_row(record, index, d) for index, d in enumerate(record.decisions))
    return _frame(documents, DOCUMENT_COLUMNS), _frame(decisions, DECISION_COLUMNS)


def document_row(record: Record) -> Row:
    """A record's documents-table row."""
    memo, date, sig, meeting = record.memo_no, record.date, record.signatory, record.meeting
    return {
        "id": record.id,
        "file": record.source.file,
        "pages": ", ".join(map(str, record.source.pages)),
        "method": record.source.method,
        "ocr_confidence": record.source.ocr_confidence,
        "doc_type": record.doc_type,
        "memo_no": memo and memo.value,
        "memo_no_text": memo and memo.text,
        "memo_no_copy": memo and memo.copy_,
        "date": date and date.value,
        "date_bangla": date and date.bangla,
        "date_consistent": date and date.consistent,
        "subject": record.subject,
        "references": _join(f"{r.memo_no} ({r.date.isoformat()})" if r.date else r.memo_no for r in record.references),
        "signatory_name": sig and sig.name,
        "signatory_designation": sig and sig.designation,
        "meeting_chair": meeting and meeting.chair,
        "meeting_date": meeting and meeting.date,
        "meeting_time": meeting and meeting.time,
        "meeting_venue": meeting and meeting.venue,
        "decision_count": len(record.decisions),
        "warnings": _join(record.warnings),
    }


def decision_row(record: Record, index: int, decision: Decision) -> Row:
    """A decision's decisions-table row, with its document's key fields."""
    deadline = decision.deadline
    kind = deadline.kind if deadline else None
    return {
        "document_id": record.id,
        "decision_index": index,
        "memo_no": record.memo_no and record.memo_no.value,
        "date": record.date and record.date.value,
        "doc_type": record.doc_type,
        "ref": decision.ref,
        "text": decision.text,
        "responsible": _join(decision.responsible),
        "deadline_kind": kind,
        "deadline_date": _iso_date(deadline.value) if deadline and kind == "date" else None,
        "deadline_period": deadline.value if deadline and kind == "recurring" else None,
        "deadline_anchor": deadline and deadline.anchor,
        "deadline_text": deadline and deadline.text,
        "span_page": decision.span.page,
        "span_start": decision.span.start,
        "span_end": decision.span.end,
    }


def _join(items: Iterable[str]) -> str | None:
    """List items joined with LIST_SEP; None for an empty list."""
    return LIST_SEP.join(items) or None


def _iso_date(value: str | None) -> dt.date | None:
    """A YYYY-MM-DD string as a date; None when absent or malformed (deadline_text keeps the words)."""
    try:
        return dt.date.fromisoformat(value) if value else None
    except ValueError:
        return None


def rows_frame(rows: Sequence[Any], row_type: type, only: Sequence[str] | None = None) -> pd.DataFrame:
    """A table of dataclass rows of `row_type`: a column per field (or per field named in `only`), typed from its
    annotation (dates as dates, lists joined with LIST_SEP)."""
    hints = get_type_hints(row_type)
    columns = {f.name: _dtype(hints[f.name]) for f in fields(row_type) if only is None or f.name in only}
    values = [{name: _flat(getattr(row, name)) for name in columns} for row in rows]
    return _frame(values, columns)


def _dtype(hint: Any) -> str:
    """The pandas dtype of a field annotation (`X | None` as X)."""
    kinds = [a for a in get_args(hint) if a is not type(None)] if isinstance(hint, types.UnionType) else [hint]
    base = kinds[0] if kinds else str
    if base is dt.date:
        return DATE
    return {bool: "boolean", int: "Int64", float: "Float64"}.get(base, "string")


def _flat(value: Any) -> Any:
    return _join(map(str, value)) if isinstance(value, list) else value


def _frame(rows: list[Row], columns: Mapping[str, str]) -> pd.DataFrame:
    """A table of `rows` with exactly `columns` (name → dtype), typed even when there are no rows."""
    return pd.DataFrame({name: pd.Series([row[name] for row in rows], dtype=dtype) for name, dtype in columns.items()})


# ---------------------------------------------------------------- export


def export(records: Iterable[Record], fmt: Format, out: Path) -> list[Path]:
    """Write the two tables in `fmt` at `out` (see the module docstring for the file names); the paths written.

    Each file is written to a hidden temporary file beside it, and the files are renamed into place once all
    are written, so a failed export leaves no partial file (nor a new documents file beside an old decisions
    one). Raises ExportError (an OSError) when a destination cannot be written."""
    paths = export_paths(fmt, out)
    documents, decisions = tables(records)
    if fmt == "xlsx":
        _write_atomic({paths[0]: lambda p: write_xlsx(documents, decisions, p)})
    else:
        write = write_csv if fmt == "csv" else write_parquet
        _write_atomic({paths[0]: lambda p: write(documents, p), paths[1]: lambda p: write(decisions, p)})
    return paths


def export_paths(fmt: Format, out: Path) -> list[Path]:
    """The files an export to `out` writes: [documents, decisions], or [workbook] for xlsx."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}; formats: {', '.join(FORMATS)}")
    out = Path(out)
    if out.is_dir():
        return [out / "records.xlsx"] if fmt == "xlsx" else [out / f"documents.{fmt}", out / f"decisions.{fmt}"]
    if out.suffix.lower() == f".{fmt}":
        out = out.with_suffix("")
    if fmt == "xlsx":
        return [out.with_name(f"{out.name}.xlsx")]
    return [out.with_name(f"{out.name}.documents.{fmt}"), out.with_name(f"{out.name}.decisions.{fmt}")]


def write_csv(frame: pd.DataFrame, path: Path) -> None:
    # UTF-8 with a byte-order mark: Excel opens a CSV without one in the machine's ANSI code page
    # (Windows-1252 and the like) and shows Bangla as mojibake; the BOM makes it read UTF-8.
    # pandas.read_csv(encoding="utf-8-sig") and most tools skip the mark. Every cell is quoted, so that no
    # separator, quote or carriage return inside a value (nor a locale's ";" separator) starts a new cell.
    _inert(frame).to_csv(
        path, index=False, encoding="utf-8-sig", date_format="%Y-%m-%d", lineterminator="\n", quoting=csv.QUOTE_ALL
    )


def csv_text(frame: pd.DataFrame) -> str:
    """The table as CSV text for a terminal or a pipe: as write_csv writes it, without the byte-order mark."""
    text: str = _inert(frame).to_csv(index=False, date_format="%Y-%m-%d", lineterminator="\n", quoting=csv.QUOTE_ALL)
    return text


def write_table(frame: pd.DataFrame, fmt: Literal["csv", "xlsx"], path: Path, sheet: str) -> None:
    """One table to a file, written atomically: CSV as write_csv writes it, or a workbook of one sheet."""
    if fmt == "csv":
        _write_atomic({path: lambda p: write_csv(frame, p)})
    else:
        _write_atomic({path: lambda p: write_sheets({sheet: frame}, p)})


def write_text_atomic(path: Path, text: str) -> None:
    """A UTF-8 text file (a report, JSON rows) written atomically, as the tables are."""
    _write_atomic({path: lambda p: p.write_text(text, encoding="utf-8")})


def write_parquet(frame: pd.DataFrame, path: Path) -> None:
    frame.to_parquet(path, index=False, engine="pyarrow")


def write_xlsx(documents: pd.DataFrame, decisions: pd.DataFrame, path: Path) -> None:
    """One workbook, sheets "documents" and "decisions"."""
    write_sheets({"documents": documents, "decisions": decisions}, path)


def write_sheets(sheets: Mapping[str, pd.DataFrame], path: Path) -> None:
    """One workbook, a sheet per table: dates formatted as dates, header frozen, widths fitted."""
    with pd.ExcelWriter(path, engine="openpyxl") as writer:
        for name, frame in sheets.items():
            _inert(_excel_safe(frame)).to_excel(writer, sheet_name=name, index=False, freeze_panes=(1, 0))
            sheet = writer.sheets[name]
            _tidy_cells(sheet, frame)
            _fit_columns(sheet, frame)
            sheet.auto_filter.ref = sheet.dimensions


def _excel_safe(frame: pd.DataFrame) -> pd.DataFrame:
    """Control characters (a form feed from a page break) replaced by spaces: a workbook cannot hold them."""
    text = frame.select_dtypes("string").columns
    return frame.assign(**{c: frame[c].str.replace(ILLEGAL_CHARACTERS_RE, " ", regex=True) for c in text})


def _inert(frame: pd.DataFrame) -> pd.DataFrame:
    """Text cells that start like a formula prefixed with a single quote, as OWASP advises, so that a
    spreadsheet shows them rather than runs them. For CSV and xlsx only: Parquet and the database keep values."""
    text = frame.select_dtypes("string").columns
    return frame.assign(
        **{c: frame[c].mask(frame[c].str.startswith(FORMULA_START, na=False), "'" + frame[c]) for c in text}
    )


def _tidy_cells(sheet: Worksheet, frame: pd.DataFrame) -> None:
    """Date cells shown as YYYY-MM-DD (pandas' openpyxl writer ignores its date formats) and missing values as
    empty cells rather than empty strings."""
    dates = {number for number, dtype in enumerate(frame.dtypes, start=1) if pd.api.types.is_datetime64_dtype(dtype)}
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            if cell.value == "":
                cell.value = None
            elif cell.column in dates:
                cell.number_format = "YYYY-MM-DD"


def _fit_columns(sheet: Worksheet, frame: pd.DataFrame, least: int = 8, most: int = 60) -> None:
    """Column widths from the longest header or value, within [least, most] characters."""
    for number, name in enumerate(frame.columns, start=1):
        values = frame[name].dropna().astype(str)
        longest = max([len(name), *values.str.len()]) if len(values) else len(name)
        sheet.column_dimensions[get_column_letter(number)].width = min(max(longest + 2, least), most)


# ---------------------------------------------------------------- atomic writes


def _write_atomic(writes: Mapping[Path, Callable[[Path], object]]) -> None:
    """Run each writer on a temporary file beside its path, and only when all have succeeded rename them
    into place; temporary files are removed on any failure. A directory in the way is refused up front."""
    temps: dict[Path, Path] = {}
    try:
        for path, write in writes.items():
            with _destination_errors(path):
                if path.is_dir():
                    raise IsADirectoryError(errno.EISDIR, "a directory of that name is in the way")
                temp, fd = temporary_beside(path)  # reserves the name; the writer opens it by path
                os.close(fd)
                temps[path] = temp
                write(temp)
        for path, temp in temps.items():
            with _destination_errors(path):
                os.replace(temp, path)
    finally:
        for temp in temps.values():
            with suppress(OSError):  # best effort: the error that brought us here is the one to report
                temp.unlink(missing_ok=True)


@contextmanager
def _destination_errors(path: Path) -> Iterator[None]:
    """OSErrors re-raised as an ExportError naming the destination and the reason."""
    try:
        yield
    except OSError as exc:
        reason = exc.strerror or str(exc)
        if not path.parent.exists():
            reason = f"directory {path.parent} does not exist"
        elif not path.parent.is_dir():
            reason = f"{path.parent} is not a directory"
        raise ExportError(path, reason) from exc
