"""The decisions database: load JSON Lines records into SQLite or PostgreSQL, track their statuses, query them."""

from pipeline.store.db import (
    DEFAULT_URL,
    LoadError,
    LoadResult,
    StoreError,
    connect,
    load,
    shown_url,
    upgrade,
)
from pipeline.store.queries import (
    ASAP_DAYS,
    AssignedRow,
    DecisionRow,
    Filters,
    ThreadDecision,
    ThreadRow,
    assigned,
    decisions,
    overdue,
    thread,
)
from pipeline.store.records import read_records
from pipeline.store.status import History, LinkResult, history, relink, set_status

__all__ = [
    "ASAP_DAYS",
    "DEFAULT_URL",
    "AssignedRow",
    "DecisionRow",
    "Filters",
    "History",
    "LinkResult",
    "LoadError",
    "LoadResult",
    "StoreError",
    "ThreadDecision",
    "ThreadRow",
    "assigned",
    "connect",
    "decisions",
    "history",
    "load",
    "overdue",
    "read_records",
    "relink",
    "set_status",
    "shown_url",
    "thread",
    "upgrade",
]
