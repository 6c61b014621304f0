"""A folder of OCR results, one file per page image, keyed by the page, the settings and the engine.

A page image is named by its file's sha256 and its page number: the same bytes give the same image, and
a cache hit then costs neither decoding the image nor rasterising a PDF page, nor hashing its pixels.

The folder is not trusted: each entry carries a digest of its key and content and is served only when
they match (an edited or torn entry is a miss, and is written again), and no symbolic link in it is
followed (a linked entry or shard folder is a miss and is replaced by a real one; a linked cache folder is
refused). A folder that cannot be used at all is reported once per process and then left alone.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import logging
import os
import secrets
import stat
from collections.abc import Iterator
from pathlib import Path

from pydantic import TypeAdapter, ValidationError

from pipeline.ocr.cleanup import CleanupOptions
from pipeline.ocr.tesseract import OcrPage, OcrSettings, tesseract_version

_PAGE = TypeAdapter(OcrPage)
# Entries hold text after this package's own processing (quirk fixes, recovered lines, layout) of the pixels
# it took from the page (rendered, or a scan's JPEG decoded): bump this when that processing changes, so
# that no run is served text an older version made.
OUTPUT_VERSION = 4
_MAX_ENTRY_BYTES = 64 << 20
_FOLDER = os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW | os.O_CLOEXEC
# O_NONBLOCK: a FIFO planted as an entry must not hang the open; fstat then refuses it.
_ENTRY = os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC
_NEW_FILE = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC
_log = logging.getLogger(__name__)
# Cache folders found unusable in this process: warned about once, then never touched again.
_unusable: set[Path] = set()


def default_cache_folder() -> Path:
    """``$XDG_CACHE_HOME/smarak/ocr``, or ``~/.cache/smarak/ocr`` when XDG_CACHE_HOME is unset or empty."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "smarak" / "ocr"


class OcrCache:
    """OCR results on disk. Entries are written atomically; one that cannot be read or verified is a miss."""

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

    def get(self, key: str) -> OcrPage | None:
        """The cached page, or None if there is none or it cannot be trusted (torn, edited, a link)."""
        shard, name = _place(key)
        with self._root(create=False) as root:
            if root is None:
                return None
            try:
                data = _read_entry(root, shard, name)
            except OSError:
                return None
        return _verified(key, data) if data is not None else None

    def put(self, key: str, page: OcrPage) -> None:
        """Store ``page`` under ``key``: written to a temporary file, then renamed over the entry."""
        shard, name = _place(key)
        payload = _PAGE.dump_json(page)
        with self._root(create=True) as root:
            if root is None:
                return
            try:
                folder = _open_shard(root, shard)
                try:
                    _write_entry(folder, name, _digest(key, payload) + b"\n" + payload)
                finally:
                    os.close(folder)
            except OSError as error:
                self._give_up(error)

    @contextlib.contextmanager
    def _root(self, create: bool) -> Iterator[int | None]:
        """The cache folder, opened without following a link; None when it is missing (and not to be
        created) or unusable."""
        if self.folder in _unusable:
            yield None
            return
        try:
            if create:
                self.folder.mkdir(mode=0o700, parents=True, exist_ok=True)
            root = os.open(self.folder, _FOLDER)
        except FileNotFoundError:
            yield None
            return
        except OSError as error:
            self._give_up(error)
            yield None
            return
        try:
            yield root
        finally:
            os.close(root)

    def _give_up(self, error: OSError) -> None:
        """Leave the cache folder alone for the rest of this process, with one warning."""
        if self.folder not in _unusable:
            _unusable.add(self.folder)
            # O_NOFOLLOW on a link to a folder fails with ENOTDIR or ELOOP: say what is really wrong.
            reason = "it is a symbolic link" if self.folder.is_symlink() else error.strerror or str(error)
            _log.warning("OCR cache %s cannot be used (%s): running without it", self.folder, reason)


def _place(key: str) -> tuple[str, str]:
    """The shard folder and the file name of a key's entry."""
    if len(key) != 64 or not all(c in "0123456789abcdef" for c in key):
        raise ValueError(f"not a cache key: {key!r}")
    return key[:2], f"{key}.json"


def _digest(key: str, payload: bytes) -> bytes:
    # The key is digested too, so an entry copied under another key's name does not verify.
    return hashlib.sha256(key.encode() + b"\0" + payload).hexdigest().encode()


def _verified(key: str, data: bytes) -> OcrPage | None:
    """The page an entry holds, if its digest matches its key and content."""
    digest, newline, payload = data.partition(b"\n")
    if not newline or digest != _digest(key, payload):
        return None
    try:
        return _PAGE.validate_json(payload)
    except ValidationError:
        return None


def _read_entry(root: int, shard: str, name: str) -> bytes | None:
    """An entry's bytes, or None if it is not a regular file of a plausible size; links raise OSError."""
    folder = os.open(shard, _FOLDER, dir_fd=root)
    try:
        handle = os.open(name, _ENTRY, dir_fd=folder)
    finally:
        os.close(folder)
    with os.fdopen(handle, "rb") as file:
        info = os.fstat(file.fileno())
        if not stat.S_ISREG(info.st_mode) or info.st_size > _MAX_ENTRY_BYTES:
            return None
        return file.read()


def _open_shard(root: int, shard: str) -> int:
    """The shard folder, created if missing; a link or file in its place is removed (never followed)."""
    try:
        return os.open(shard, _FOLDER, dir_fd=root)
    except FileNotFoundError:
        pass
    except OSError as error:
        if error.errno not in (errno.ENOTDIR, errno.ELOOP):
            raise
        os.unlink(shard, dir_fd=root)
    with contextlib.suppress(FileExistsError):  # another process may create it at the same moment
        os.mkdir(shard, 0o700, dir_fd=root)
    return os.open(shard, _FOLDER, dir_fd=root)


def _write_entry(folder: int, name: str, data: bytes) -> None:
    """Write to a new temporary file, then rename it over the entry (which replaces a link, not its target)."""
    temporary = f".{name[:8]}-{secrets.token_hex(8)}.tmp"
    handle = os.open(temporary, _NEW_FILE, 0o600, dir_fd=folder)
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
        os.replace(temporary, name, src_dir_fd=folder, dst_dir_fd=folder)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary, dir_fd=folder)
        raise
