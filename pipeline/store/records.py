"""The JSON Lines reader of the store and the exports: validated records by line number, with a reason for each
line that is not one. (The scorer reads records as plain JSON, so that it can score any version's.)"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from pydantic import ValidationError

from pipeline.models import Record

_MAX_ERRORS = 3


def _reason(error: ValidationError) -> str:
    """A one-line reason: invalid JSON, or the first few fields that fail the record contract."""
    errors = error.errors(include_url=False)
    if errors and errors[0]["type"] == "json_invalid":
        return f"not valid JSON: {errors[0]['msg'].removeprefix('Invalid JSON: ')}"
    parts = [f"{'.'.join(str(p) for p in e['loc']) or '<record>'}: {e['msg']}" for e in errors[:_MAX_ERRORS]]
    more = f" (and {len(errors) - _MAX_ERRORS} more)" if len(errors) > _MAX_ERRORS else ""
    return "not a valid record: " + "; ".join(parts) + more


def parse_record(line: str) -> Record | str:
    """The record a JSON line holds, or why it holds none."""
    try:
        return Record.model_validate_json(line)
    except ValidationError as error:
        return _reason(error)


def read_records(path: Path) -> Iterator[tuple[int, Record | str]]:
    """(line number, record or reason) for each non-blank line; raises OSError only for the file itself."""
    # Bytes, decoded line by line, so one line of bad UTF-8 is reported rather than ending the read.
    with path.open("rb") as lines:
        for number, raw in enumerate(lines, start=1):
            try:
                line = raw.decode("utf-8-sig" if number == 1 else "utf-8")
            except UnicodeDecodeError as error:
                yield number, f"not UTF-8: byte {error.start + 1} of the line"
                continue
            if line.strip():
                yield number, parse_record(line)
