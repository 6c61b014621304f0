"""The batch under review: its records in order, the gold file and place each one's document has, its
page sidecar, the session's write token, and the score of the records against the gold as it grows.

A document's gold is the document at the same place among its gold file's documents, where the scorer
aligns them too: records are grouped by the gold key of their source file (`score.file_key`), in the
order of the records file.
"""

from __future__ import annotations

import hmac
import secrets
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from pipeline import score as scoring
from pipeline.models import Record
from pipeline.pages import Sidecar, read_sidecar
from pipeline.review.draft import Draft, draft_from, to_gold
from pipeline.review.gold import GoldError, GoldFile, GoldFolder
from pipeline.review.triage import review_reasons
from pipeline.store.records import read_records


@dataclass(frozen=True)
class Entry:
    """A document under review."""

    record: Record
    key: str  # its gold file's key
    position: int  # its place among the documents of that gold file
    reasons: list[str]  # why it needs review (empty: nothing doubtful)


@dataclass
class Scores:
    """The records' score against the gold of the batch's files now, and just before the last save."""

    now: scoring.ScoreReport
    before_last_save: scoring.ScoreReport | None
    error: str | None = None


@dataclass
class Session:
    """One `smarak review`: what it serves and the state it keeps (the token, the score before a save)."""

    records_path: Path
    entries: dict[str, Entry]
    skipped: list[str]
    gold: GoldFolder
    pages: Path | None
    predicted: dict[str, list[dict[str, Any]]]  # the records as the scorer reads them
    token: str = field(default_factory=lambda: secrets.token_urlsafe(32))
    before_last_save: scoring.ScoreReport | None = None

    @classmethod
    def open(cls, records: Path, pages: Path | None, gold: Path) -> Session:
        """The records of a JSON Lines file (lines that are not records are listed in `skipped`)."""
        entries: dict[str, Entry] = {}
        skipped = []
        counts: dict[str, int] = {}
        for number, item in read_records(records):
            if isinstance(item, str):
                skipped.append(f"line {number}: {item}")
            elif item.id in entries:
                skipped.append(f"line {number}: record {item.id} again")
            else:
                key = scoring.file_key(item.source.file)
                entries[item.id] = Entry(item, key, counts.get(key, 0), review_reasons(item))
                counts[key] = counts.get(key, 0) + 1
        return cls(records, entries, skipped, GoldFolder(gold), pages, scoring.load_records(records)[0])

    def token_ok(self, given: str | None) -> bool:
        return given is not None and hmac.compare_digest(given.encode(), self.token.encode())

    def neighbours(self, doc_id: str) -> tuple[str | None, str | None]:
        """The ids before and after a document in the list."""
        ids = list(self.entries)
        index = ids.index(doc_id)
        return (ids[index - 1] if index else None), (ids[index + 1] if index + 1 < len(ids) else None)

    def sidecar(self, entry: Entry) -> Sidecar | None:
        return read_sidecar(self.pages, entry.record.source.sha256) if self.pages else None

    @cached_property
    def page_shas(self) -> frozenset[str]:
        """The source hashes of the batch, whose page images may be served (asked for every image)."""
        return frozenset(entry.record.source.sha256 for entry in self.entries.values())

    def draft(self, entry: Entry) -> tuple[Draft, GoldFile]:
        """The form of a document (its gold, where there is some, over the record) and its gold file."""
        gold = self.gold.read(entry.key)
        document = gold.documents[entry.position] if entry.position < len(gold.documents) else None
        return draft_from(entry.record, document), gold

    def save(self, entry: Entry, draft: Draft, version: str) -> tuple[GoldFile, dict[str, Any]]:
        """Save a document's checked fields into its gold file (DraftError, Conflict or GoldError when it
        cannot be); the gold file and the gold document written."""
        document = to_gold(draft)
        before = self.scores().now
        gold = self.gold.save(entry.key, Path(entry.record.source.file).name, entry.position, document, version)
        self.before_last_save = before
        return gold, document

    def scores(self) -> Scores:
        """The records scored against the gold files of the batch's files (contract §3); a gold file that
        cannot be read is named in `error` and left out."""
        gold: dict[str, list[dict[str, Any]]] = {}
        errors = []
        for key in sorted({entry.key for entry in self.entries.values()}):
            try:
                documents = self.gold.read(key).documents
            except GoldError as error:
                errors.append(str(error))
                continue
            if documents:
                gold[key] = documents
        report = scoring.score(gold, self.predicted)
        return Scores(report, self.before_last_save, "; ".join(errors) or None)
