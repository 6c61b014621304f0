"""Files replaced whole: a reader sees the old content or the new one, never a part."""

from __future__ import annotations

import contextlib
import os
import secrets
from pathlib import Path


def temporary_beside(path: Path, *, append: bool = False) -> tuple[Path, int]:
    """A new, hidden, unguessable name beside `path`, created exclusively (never through a planted link), and
    its descriptor open for writing."""
    temporary = path.with_name(f".{path.name}.{secrets.token_hex(8)}.tmp")
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC | (os.O_APPEND if append else 0)
    return temporary, os.open(temporary, flags, 0o644)


def replace_file(path: Path, data: bytes) -> None:
    """Replace `path` (a link itself, not its target) by a file holding `data`: written and synced to a
    `temporary_beside` it, then renamed."""
    temporary, fd = temporary_beside(path)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            temporary.unlink()
        raise
