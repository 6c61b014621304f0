"""Read an input file into pages of text, recognising its kind from the content, not the name."""

from __future__ import annotations

import codecs
import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.models import Method

MAX_TEXT_BYTES = 64 * 1024 * 1024
_MAGIC = {
    b"%PDF": "PDF",
    b"\x89PNG": "PNG image",
    b"\xff\xd8\xff": "JPEG image",
    b"II*\x00": "TIFF image",
    b"MM\x00*": "TIFF image",
}


class InputError(Exception):
    """A file that cannot be read as a document; the message says why, for the user."""


@dataclass(frozen=True)
class Pages:
    """The text of a file, page by page, and how it was obtained."""

    pages: list[str]
    sha256: str
    method: Method
    warnings: list[str] = field(default_factory=list)


def sniff(head: bytes) -> str:
    """The kind of content: 'text' or the name of a binary format."""
    for magic, kind in _MAGIC.items():
        if head.startswith(magic):
            return kind
    return "text"


def read_pages(path: Path) -> Pages:
    """Pages of a text file (form feeds separate pages). Other kinds raise InputError for now."""
    size = path.stat().st_size
    if size == 0:
        raise InputError("empty file")
    if size > MAX_TEXT_BYTES:
        raise InputError(f"file of {size} bytes is larger than the {MAX_TEXT_BYTES} bytes a text input may be")
    raw = path.read_bytes()
    kind = sniff(raw[:8])
    if kind != "text":
        raise InputError(f"{kind} input is not supported yet: only text files (.txt, .md) are read")
    return Pages(decode_text(raw).split("\f"), hashlib.sha256(raw).hexdigest(), "text")


def decode_text(raw: bytes) -> str:
    """UTF-8 (or UTF-16 with a byte-order mark) text; binary or other encodings raise InputError."""
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return raw.decode("utf-16")
    if b"\x00" in raw:
        raise InputError("binary content (NUL bytes): not a text document")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise InputError(f"not UTF-8 text (invalid byte at offset {error.start})") from error
    if not text.strip():
        raise InputError("no text: the file holds only white space")
    return text
