"""The source files of records, read again when they are loaded: each document's text as its spans index it,
for the tracker (agenda items, status reports). The record format stays as it is; what the text gives lives
in the database.

A source is looked for where the record says (`source.file`, as given to `smarak run`), then beside the
records file. It is used only if its content is still the one the record was made from (same sha256); PDFs
and images are read as the run read them, through the OCR cache, so a page is not recognised twice.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from pipeline.api import split_text
from pipeline.ingest import IngestOptions, InputError, read_pages
from pipeline.models import Record
from pipeline.track.document import track_document
from pipeline.track.models import DocumentTracking


@dataclass(frozen=True)
class SourceText:
    """A file's text as the pipeline reads it (pages joined by form feeds) and its documents' places in it."""

    text: str
    page_starts: list[int]
    documents: list[tuple[int, int]]  # (start, end) of each document, in the order of the records' indices


@dataclass(frozen=True)
class Tracked:
    """What the tracker read from the records' sources, by record id, and why some had none."""

    tracking: dict[str, DocumentTracking]
    missing: dict[str, str]  # source file → reason


def source_text(pages: list[str]) -> SourceText:
    """The text of a file's pages and where its documents are, split as `pipeline.api.process_pages` splits
    them (the documents of a file are the records 0, 1, … of its sha256)."""
    split = split_text(pages)
    documents = [(lines[0].start, lines[-1].end) for lines in split.documents]
    return SourceText(split.text, split.page_starts, documents)


def track_records(records: Iterable[Record], folder: Path, options: IngestOptions) -> Tracked:
    """The tracking of each record whose source is found unchanged (see the module docstring)."""
    tracking: dict[str, DocumentTracking] = {}
    missing: dict[str, str] = {}
    for record, found in _sources(records, folder, options):
        if isinstance(found, str):
            missing[record.source.file] = found
            continue
        index = int(record.id.rsplit(":", 1)[1])
        if index < len(found.documents):
            start, end = found.documents[index]
            tracking[record.id] = track_document(found.text[start:end], start, found.page_starts, record)
    return Tracked(tracking, missing)


def _sources(
    records: Iterable[Record], folder: Path, options: IngestOptions
) -> Iterator[tuple[Record, SourceText | str]]:
    """Each record with its file's text, or why there is none; a file is read once for all its records."""
    read: dict[str, SourceText | str] = {}
    for record in records:
        sha = record.source.sha256
        if sha not in read:
            read[sha] = _read(record, folder, options)
        yield record, read[sha]


def _read(record: Record, folder: Path, options: IngestOptions) -> SourceText | str:
    given = Path(record.source.file)
    path = next((p for p in (given, folder / given) if p.is_file()), None)
    if path is None:
        return "not found"
    try:
        pages = read_pages(path, options)
    except (InputError, OSError) as error:
        return f"cannot be read: {error}"
    if pages.sha256 != record.source.sha256:
        return "changed since the records were made from it"
    return source_text([page.text for page in pages.pages])
