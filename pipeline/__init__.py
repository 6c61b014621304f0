"""smarak: structured JSON records from Bangladesh government letters, notifications and minutes.

    import pipeline
    records = pipeline.process_file("letter.pdf")        # -> list[pipeline.Record], one per document
    records = pipeline.process_text(text, source="x.txt")
    records[0].to_json()                                 # the record as the CLI writes it (record/1)

`read_pages` reads a file's pages (text layer or OCR) without extracting; `score` and `load_gold` score
records against gold as `smarak score` does. Bad input raises `InputError`.
"""

from __future__ import annotations

from importlib import import_module
from importlib.metadata import PackageNotFoundError, version
from typing import Any

try:
    __version__ = version("smarak")
except PackageNotFoundError:  # run from a source tree that was never installed
    __version__ = "0+unknown"

# Public name -> module that defines it. Imported on first use: the extractors load spaCy, which the
# models and the scorer do not need.
_EXPORTS = {
    "process_file": "pipeline.api",
    "process_text": "pipeline.api",
    "process_pages": "pipeline.api",
    "read_pages": "pipeline.ingest",
    "IngestOptions": "pipeline.ingest",
    "InputError": "pipeline.ingest",
    "Page": "pipeline.ingest",
    "Record": "pipeline.models",
    "Decision": "pipeline.models",
    "Deadline": "pipeline.models",
    "score": "pipeline.score",
    "load_gold": "pipeline.score",
    "load_records": "pipeline.score",
}
__all__ = [*_EXPORTS, "__version__"]


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        return getattr(import_module(_EXPORTS[name]), name)
    raise AttributeError(f"module 'pipeline' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(__all__)
