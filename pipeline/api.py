"""The pipeline's Python API: text or a file in, one record per document out."""

from __future__ import annotations

import bisect
import hashlib
from dataclasses import dataclass
from pathlib import Path

import regex

from pipeline.extract.context import DocContext
from pipeline.extract.document import extract_record
from pipeline.extract.lexicon import lexicon
from pipeline.extract.segment import Line, split_documents, split_lines
from pipeline.ingest import IngestOptions, Page, read_pages
from pipeline.models import Method, Record, Source
from pipeline.normalize.dates import DualDate, find_dates, pair_dates
from pipeline.normalize.layout import collapse_spacing, restore_columns
from pipeline.normalize.markup import strip_markup
from pipeline.normalize.unicode import normalize_text
from pipeline.warning_codes import page_of, warning

_BANGLA = regex.compile(r"[\u0980-\u09FF]")


def process_text(text: str, source: str = "<text>") -> list[Record]:
    """Records of the documents in `text` (form feeds separate pages); `source` names it in the records."""
    sha = hashlib.sha256(text.encode("utf-8")).hexdigest()
    return process_pages([Page(page, "text") for page in text.split("\f")], file=source, sha256=sha)


def process_file(path: str | Path, options: IngestOptions | None = None) -> list[Record]:
    """Records of the documents in a file (text, PDF or image). Raises pipeline.ingest.InputError for
    unreadable input."""
    path = Path(path)
    pages = read_pages(path, options)
    return process_pages(pages.pages, file=str(path), sha256=pages.sha256, warnings=pages.warnings)


def process_pages(pages: list[Page], *, file: str, sha256: str, warnings: list[str] | None = None) -> list[Record]:
    """The core: page texts from any source → normalised text → documents → records. `warnings` (from
    reading the file) go first into the warnings of the records they concern (see `_share`)."""
    split = split_text([page.text for page in pages])
    text, page_starts = split.text, split.page_starts
    lex = lexicon()
    shared = list(warnings or [])
    if not _BANGLA.search(text):
        shared.append(warning("no-bangla-text", "fields are read by Bangla labels, so most will be empty"))
    records = []
    for index, doc_lines in enumerate(split.documents):
        start, end = doc_lines[0].start, doc_lines[-1].end
        ctx = DocContext(text, doc_lines, [d for d in split.dates if start <= d.start < end])
        numbers = sorted({_locate(page_starts, line.start)[0] for line in doc_lines})
        source = _source(file, sha256, numbers, [pages[n - 1] for n in numbers])
        record = extract_record(
            ctx,
            lex,
            record_id=f"{sha256[:16]}:{index}",
            source=source,
            locate=lambda o: _locate(page_starts, o),
        )
        records.append(record)
    _share(shared, records)
    return records


@dataclass(frozen=True)
class SplitText:
    """A file's normalised text (pages joined by form feeds), where each page starts in it, its paired dates,
    and the lines of each document in it, in reading order (record i of the file is document i)."""

    text: str
    page_starts: list[int]
    dates: list[DualDate]
    documents: list[list[Line]]


def split_text(pages: list[str]) -> SplitText:
    """Page texts → normalised text split into documents, as every record of a file is made from it."""
    texts = normalise_pages(pages)
    text = "\f".join(texts)
    lines = split_lines(text)
    line_starts = [line.start for line in lines]
    dates = pair_dates(text, find_dates(text))
    dated = {bisect.bisect_right(line_starts, d.start) - 1 for d in dates}
    documents = [lines[doc.first : doc.last] for doc in split_documents(lines, dated)]
    return SplitText(text, _page_starts(texts), dates, documents)


def _share(warnings: list[str], records: list[Record]) -> None:
    """Put each of a file's warnings first into the records it concerns: one about a page into the records on
    that page, so that a long scan's page warnings do not bury every record's own; one about the whole file,
    or a page no record is on, into every record."""
    covered = {number for record in records for number in record.source.pages}
    for record in records:
        pages = set(record.source.pages)
        record.warnings[:0] = [w for w in warnings if page_of(w) in pages or page_of(w) not in covered]


def _source(file: str, sha256: str, numbers: list[int], pages: list[Page]) -> Source:
    """A document's source: OCR when any of its pages was OCR'd, with their mean confidence."""
    confidences = [p.confidence for p in pages if p.method == "ocr" and p.confidence is not None]
    methods = {p.method for p in pages}
    method: Method = "ocr" if "ocr" in methods else methods.pop()
    confidence = round(sum(confidences) / len(confidences), 3) if confidences else None
    return Source(file=file, sha256=sha256, pages=numbers, method=method, ocr_confidence=confidence)


def normalise_pages(pages: list[str]) -> list[str]:
    """Page texts as the extractors read them (markup stripped, Unicode repaired, spacing undone, table
    cells tab-separated); spans index these."""
    return restore_columns([collapse_spacing(normalize_text(strip_markup(page))) for page in pages])


def _page_starts(texts: list[str]) -> list[int]:
    starts, pos = [], 0
    for page in texts:
        starts.append(pos)
        pos += len(page) + 1
    return starts


def _locate(page_starts: list[int], offset: int) -> tuple[int, int]:
    """(1-based page, offset within that page) of an offset into the joined text."""
    page = bisect.bisect_right(page_starts, offset) - 1
    return page + 1, offset - page_starts[page]
