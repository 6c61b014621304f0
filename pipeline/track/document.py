"""What the tracker reads from one document's text: its decisions' agenda items and its status reports."""

from __future__ import annotations

from collections.abc import Sequence

from pipeline.models import Record
from pipeline.track.agenda import agendas
from pipeline.track.models import DocumentTracking
from pipeline.track.reports import status_reports


def track_document(text: str, offset: int, page_starts: Sequence[int], record: Record) -> DocumentTracking:
    """The tracking of a record from its document's text, which starts at `offset` in its file's text (pages
    joined by form feeds, starting at `page_starts`)."""
    return DocumentTracking(agendas=agendas(text, offset, page_starts, record), reports=status_reports(text, record))
