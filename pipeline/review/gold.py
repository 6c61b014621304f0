"""Gold files on disk for the review app: where a file's gold is (never outside the gold folder), its version,
and saving one document into it, atomically and only when the file has not changed since it was read.

The version of a gold file is the sha256 of its bytes ("none" while there is none): a save names the version
it was edited from, and a save from a stale page (another tab saved first, or the file was edited by hand) is
refused with a Conflict instead of overwriting what is there. Saves are serialised by a lock on the folder,
so two processes serving the same gold folder cannot interleave a check and a write either.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import regex

from pipeline.files import replace_file

NO_FILE = "none"
# A gold file key is a file name (score.file_key: up to its first dot), never a path or a hidden name.
_KEY = regex.compile(r"[^/\\\x00.][^/\\\x00]{0,200}")


class Conflict(Exception):
    """The gold file changed since the page was loaded; the message tells the person what to do."""


class GoldError(Exception):
    """A gold file that cannot be read as one, or a key that is not a file name."""


@dataclass(frozen=True)
class GoldFile:
    """A gold file's documents (in reading order), the input file it names, and its version."""

    file: str | None
    documents: list[dict[str, Any]]
    version: str


def version_of(data: bytes | None) -> str:
    return NO_FILE if data is None else hashlib.sha256(data).hexdigest()


class GoldFolder:
    """The gold folder: `<key>.json` per input file (contract §2)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def path(self, key: str) -> Path:
        """The gold file of a key; GoldError for a key that is not a plain name or leads out of the folder."""
        if not _KEY.fullmatch(key):
            raise GoldError(f"not a gold file name: {key!r}")
        root = self.folder.resolve()
        path = root / f"{key}.json"
        if path.resolve().parent != root:  # a symbolic link out of the folder
            raise GoldError(f"{key}.json leads out of the gold folder")
        return path

    def read(self, key: str) -> GoldFile:
        """The gold file of a key (no documents and version "none" when there is none)."""
        path = self.path(key)
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            return GoldFile(None, [], NO_FILE)
        except OSError as error:
            raise GoldError(f"cannot read {path.name}: {error.strerror}") from error
        try:
            parsed = json.loads(data)
        except (UnicodeDecodeError, json.JSONDecodeError) as error:
            raise GoldError(f"{path.name} is not JSON: {error}") from error
        documents = parsed.get("documents") if isinstance(parsed, dict) else None
        if not isinstance(documents, list) or not all(isinstance(d, dict) for d in documents):
            raise GoldError(f'{path.name} is not a gold file ({{"file": ..., "documents": [objects]}})')
        file = parsed.get("file")
        return GoldFile(file if isinstance(file, str) else None, documents, version_of(data))

    def save(self, key: str, file: str, position: int, document: dict[str, Any], version: str) -> GoldFile:
        """Put `document` at `position` among the file's gold documents (documents not reviewed yet are {}:
        nothing checked) and write the file; Conflict when its version is no longer `version`."""
        path = self.path(key)
        self.folder.mkdir(parents=True, exist_ok=True)
        with self._locked():
            current = self.read(key)
            if current.version != version:
                raise Conflict(
                    f"{path.name} changed since this page was loaded (saved from another tab or edited on disk). "
                    "Nothing was saved: reload the page to see what is there now, then make your changes again."
                )
            documents = [*current.documents, *({} for _ in range(position + 1 - len(current.documents)))]
            documents[position] = document
            name = current.file or file
            data = (json.dumps({"file": name, "documents": documents}, ensure_ascii=False, indent=1) + "\n").encode()
            replace_file(path, data)
        return GoldFile(name, documents, version_of(data))

    @contextlib.contextmanager
    def _locked(self) -> Iterator[None]:
        fd = os.open(self.folder, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)  # released when the descriptor is closed
            yield
        finally:
            os.close(fd)
