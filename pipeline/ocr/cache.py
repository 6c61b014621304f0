"""A folder of OCR results, one JSON file per page image, keyed by the page, the settings and the engine.

A page image is named by its file's sha256 and its page number: the same bytes give the same image, and
a cache hit then costs neither decoding the image nor rasterising a PDF page, nor hashing its pixels.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import tempfile
from pathlib import Path

from pydantic import TypeAdapter, ValidationError

from pipeline.ocr.cleanup import CleanupOptions
from pipeline.ocr.tesseract import OcrPage, OcrSettings, tesseract_version

_PAGE = TypeAdapter(OcrPage)
# Entries hold text after this package's own processing (quirk fixes, recovered lines, layout): bump this
# when that processing changes, so that no run is served text an older version made.
OUTPUT_VERSION = 1


def default_cache_folder() -> Path:
    """``$XDG_CACHE_HOME/smarak/ocr``, or ``~/.cache/smarak/ocr`` when XDG_CACHE_HOME is unset or empty."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "smarak" / "ocr"


class OcrCache:
    """OCR results on disk. Entries are written atomically; one that cannot be read is a miss."""

    def __init__(self, folder: Path, engine: str | None = None) -> None:
        self.folder = folder
        # Asked once per cache, not per page: it is a process start.
        self.engine = tesseract_version() if engine is None else engine

    def key(
        self, source: str, page: int, settings: OcrSettings, cleanup: CleanupOptions, dpi: int | None = None
    ) -> str:
        """sha256 of the page (its file's sha256 and page number), the OCR and cleanup settings, the dpi
        and the engine."""
        digest = hashlib.sha256()
        for part in (source, f"page={page}", settings.model_dump_json(), cleanup.model_dump_json()):
            digest.update(part.encode() + b"\0")
        digest.update(f"dpi={dpi}".encode() + b"\0" + self.engine.encode() + f"\0v{OUTPUT_VERSION}".encode())
        return digest.hexdigest()

    def _path(self, key: str) -> Path:
        if len(key) != 64 or not all(c in "0123456789abcdef" for c in key):
            raise ValueError(f"not a cache key: {key!r}")
        return self.folder / key[:2] / f"{key}.json"

    def get(self, key: str) -> OcrPage | None:
        """The cached page, or None if there is none or it cannot be read."""
        try:
            return _PAGE.validate_json(self._path(key).read_bytes())
        except (OSError, ValidationError):
            return None

    def put(self, key: str, page: OcrPage) -> None:
        """Store ``page`` under ``key``: written to a temporary file, then renamed over the entry."""
        path = self._path(key)
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{key[:8]}-", suffix=".tmp")
        try:
            with os.fdopen(handle, "wb") as file:
                file.write(_PAGE.dump_json(page))
                file.flush()
                os.fsync(file.fileno())
            os.replace(temporary, path)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
            raise
