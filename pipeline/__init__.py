"""smarak: structured JSON records from Bangladesh government letters, notifications and minutes.

`process_text(text, source=…)` and `process_file(path)` return one `Record` per document.
"""

from __future__ import annotations

from typing import Any

__all__ = ["process_file", "process_text"]


def __getattr__(name: str) -> Any:
    # Imported on first use: the extractors load spaCy, which the scorer and the models do not need.
    if name in __all__:
        from pipeline import api

        return getattr(api, name)
    raise AttributeError(name)
