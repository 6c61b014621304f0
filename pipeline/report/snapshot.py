"""What the audit report shows, read from the database in one go."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import Engine

from pipeline.store import queries, summary
from pipeline.store.queries import DecisionRow, DocumentRow, Filters
from pipeline.store.status import Event, all_events


@dataclass(frozen=True)
class Snapshot:
    """The database as of a day: its decisions with their events, its documents and the summaries."""

    as_of: dt.date
    rows: list[DecisionRow]
    events: dict[str, list[Event]]
    documents: dict[str, DocumentRow]
    offices: list[summary.OfficeSummary]
    quarters: list[summary.QuarterRate]
    ages: list[summary.AgeBin]


def tracker_snapshot(engine: Engine, filters: Filters) -> Snapshot:
    rows = queries.decisions(engine, filters)
    return Snapshot(
        as_of=filters.as_of,
        rows=rows,
        events=all_events(engine),
        documents={d.id: d for d in queries.documents(engine)},
        offices=summary.by_office(rows),
        quarters=summary.quarterly(rows),
        ages=summary.ageing(rows, filters.as_of),
    )
