"""The decisions database: load JSON Lines records into SQLite or PostgreSQL, and query them."""

from pipeline.store.db import (
    DEFAULT_URL,
    SCHEMA_VERSION,
    LoadError,
    LoadResult,
    StoreError,
    connect,
    load,
)
from pipeline.store.queries import (
    ASAP_DAYS,
    AssignedRow,
    OverdueRow,
    ThreadDecision,
    ThreadRow,
    assigned,
    overdue,
    thread,
)
from pipeline.store.records import read_records

__all__ = [
    "ASAP_DAYS",
    "DEFAULT_URL",
    "SCHEMA_VERSION",
    "AssignedRow",
    "LoadError",
    "LoadResult",
    "OverdueRow",
    "StoreError",
    "ThreadDecision",
    "ThreadRow",
    "assigned",
    "connect",
    "load",
    "overdue",
    "read_records",
    "thread",
]
