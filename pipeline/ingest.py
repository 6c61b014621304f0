"""Read an input file into pages of text, recognising its kind from the content, not the name.

Text files are decoded; a PDF page is read from its text layer when that layer passes the quality
check (`pipeline.ocr.textlayer`) and by OCR otherwise; an image (PNG, JPEG, TIFF, every frame of a
multi-page TIFF) is read by OCR. `IngestOptions.mode` overrides the choice, like OCRmyPDF's modes.
"""

from __future__ import annotations

import codecs
import hashlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

import numpy as np
from pydantic import BaseModel, ConfigDict, Field

from pipeline.models import Method
from pipeline.ocr import raster, textlayer
from pipeline.ocr.cache import OcrCache
from pipeline.ocr.cleanup import CleanupOptions, clean
from pipeline.ocr.tesseract import OcrError, OcrPage, OcrSettings, ocr_image

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


class IngestOptions(BaseModel):
    """How files become page text."""

    model_config = ConfigDict(frozen=True)

    mode: Literal["auto", "ocr", "text"] = Field(
        default="auto",
        description="auto: a PDF page's text layer when it passes the check, OCR otherwise; "
        "ocr: OCR every page; text: never OCR a PDF (pages without a usable layer stay empty)",
    )
    dpi: int = Field(default=300, ge=72, le=600, description="resolution PDF pages are rasterised at for OCR")
    ocr: OcrSettings = OcrSettings()
    cleanup: CleanupOptions = CleanupOptions()
    cache: Path | None = Field(default=None, description="OCR cache folder; None: no cache")
    max_pages: int = Field(default=5000, ge=1)


@dataclass(frozen=True)
class Page:
    """One page's text and how it was read (OCR confidence 0–1 for OCR'd pages)."""

    text: str
    method: Method
    confidence: float | None = None


@dataclass(frozen=True)
class Pages:
    """The pages of a file, the file's sha256, and what was doubted or done on the way."""

    pages: list[Page]
    sha256: str
    warnings: list[str] = field(default_factory=list)


def sniff(head: bytes) -> str:
    """The kind of content: 'text' or the name of a binary format."""
    for magic, kind in _MAGIC.items():
        if head.startswith(magic):
            return kind
    return "text"


def read_pages(path: Path, options: IngestOptions | None = None) -> Pages:
    """Pages of a text file, PDF or image. Unreadable input raises InputError with the reason."""
    options = options or IngestOptions()
    try:
        size = path.stat().st_size
        with path.open("rb") as handle:
            head = handle.read(8)
    except OSError as error:
        raise InputError(f"cannot read the file: {error.strerror}") from error
    if size == 0:
        raise InputError("empty file")
    kind = sniff(head)
    if kind == "text":
        raw = _read_text_bytes(path, size)
        text = decode_text(raw)
        return Pages([Page(page, "text") for page in text.split("\f")], hashlib.sha256(raw).hexdigest())
    sha = _sha256(path)
    warnings: list[str] = []
    reader = _Reader(options, warnings, sha)
    pages = list(reader.pdf(path) if kind == "PDF" else reader.image(path))
    return Pages(pages, sha, warnings)


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _read_text_bytes(path: Path, size: int) -> bytes:
    if size > MAX_TEXT_BYTES:
        raise InputError(f"file of {size} bytes is larger than the {MAX_TEXT_BYTES} bytes a text input may be")
    return path.read_bytes()


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


class _Reader:
    """Reads PDF and image pages one at a time (so memory stays bounded), with one OCR cache."""

    def __init__(self, options: IngestOptions, warnings: list[str], sha256: str) -> None:
        self.options = options
        self.warnings = warnings
        self.sha256 = sha256
        self.cache = OcrCache(options.cache) if options.cache else None

    def pdf(self, path: Path) -> Iterator[Page]:
        try:
            count = raster.pdf_page_count(path)
        except ValueError as error:
            raise InputError(_pdf_reason(error)) from error
        if count == 0:
            raise InputError("PDF with no pages")
        if count > self.options.max_pages:
            raise InputError(f"PDF of {count} pages is longer than the {self.options.max_pages} pages allowed")
        layer: list[textlayer.PageText] | None = None
        if self.options.mode != "ocr":
            try:
                layer = textlayer.read_text_layer(path)
            except (ValueError, textlayer.ToolError) as error:
                raise InputError(_pdf_reason(error)) from error
        for index in range(count):
            number = index + 1
            if layer is not None and (self.options.mode == "text" or layer[index].verdict in ("good", "legacy")):
                yield self._from_layer(layer[index], number)
                continue
            if layer is not None:
                note = f" ({layer[index].note})" if layer[index].note else ""
                self.warnings.append(f"page {number}: text layer is {layer[index].verdict}{note}; read by OCR")
            yield self._cached(number, self.options.dpi) or self._ocr(
                self._render(path, index), self.options.dpi, number
            )

    def _render(self, path: Path, index: int) -> np.ndarray:
        try:
            return raster.render_pdf_page(path, index, self.options.dpi)
        except ValueError as error:
            raise InputError(f"page {index + 1}: {error}") from error

    def _from_layer(self, page: textlayer.PageText, number: int) -> Page:
        if page.verdict == "legacy":
            self.warnings.append(f"page {number}: legacy-font (Bijoy) text layer converted to Unicode")
        elif page.verdict != "good":
            self.warnings.append(f"page {number}: text layer is {page.verdict}, read as it is (mode text)")
        return Page(page.text, "pdf-text")

    def image(self, path: Path) -> Iterator[Page]:
        if self.options.mode == "text":
            raise InputError("an image has no text layer: it can only be read by OCR (mode auto or ocr)")
        try:
            dpi = raster.image_dpi(path)
            cached = [self._cached(number, dpi) for number in range(1, raster.image_page_count(path) + 1)]
            if cached and all(cached):  # every page known: no need to decode the image at all
                yield from (page for page in cached if page)
                return
            for number, image in enumerate(raster.image_pages(path), start=1):
                known = cached[number - 1] if number <= len(cached) else None
                yield known or self._ocr(image, dpi, number)
        except ValueError as error:
            raise InputError(str(error)) from error

    def _key(self, number: int, dpi: int | None) -> str | None:
        options = self.options
        return self.cache.key(self.sha256, number, options.ocr, options.cleanup, dpi) if self.cache else None

    def _cached(self, number: int, dpi: int | None) -> Page | None:
        key = self._key(number, dpi)
        result = self.cache.get(key) if self.cache and key else None
        return self._page(result, number) if result else None

    def _ocr(self, image: np.ndarray, dpi: int | None, number: int) -> Page:
        result = self._recognise(image, dpi, number)
        key = self._key(number, dpi)
        if self.cache and key:
            self.cache.put(key, result)
        return self._page(result, number)

    def _page(self, result: OcrPage, number: int) -> Page:
        self.warnings += [f"page {number}: {w}" for w in result.warnings]
        return Page(result.text, "ocr", result.confidence)

    def _recognise(self, image: np.ndarray, dpi: int | None, number: int) -> OcrPage:
        cleaned, _notes = clean(image, self.options.cleanup, dpi)
        try:
            return ocr_image(cleaned, self.options.ocr, dpi)
        except OcrError as error:
            raise InputError(f"page {number}: OCR failed: {error}") from error


def _pdf_reason(error: Exception) -> str:
    message = str(error)
    if "password" in message.lower() and "encrypt" not in message.lower():
        return f"encrypted PDF (a password is needed): {message}"
    return message
