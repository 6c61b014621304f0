"""Read an input file into pages of text, recognising its kind from the content, not the name.

The file is read once: its sha256 and its pages come from the same bytes, so a file rewritten during a
run cannot give a record, or an OCR cache entry (keyed by the sha256), that mixes two versions. Text
files are decoded; a Word document's paragraphs and tables become lines of text; a PDF page is read
from its text layer when that layer passes the quality check (`pipeline.ocr.textlayer`) and by OCR
otherwise; an image (PNG, JPEG, WebP, TIFF, every frame of a multi-page TIFF) is read by OCR.
`IngestOptions.mode` overrides the choice, like OCRmyPDF's modes.
"""

from __future__ import annotations

import codecs
import hashlib
import io
import time
import warnings
import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from functools import cache, partial
from pathlib import Path
from typing import Literal

import docx
import numpy as np
from docx.table import Table, _Row
from PIL import features
from pydantic import BaseModel, ConfigDict, Field

from pipeline.models import Method
from pipeline.ocr import raster, textlayer
from pipeline.ocr.blank import is_blank
from pipeline.ocr.cache import OcrCache
from pipeline.ocr.cleanup import CleanPage, CleanupOptions, clean
from pipeline.ocr.layercheck import check_layer, has_bangla, judged
from pipeline.ocr.tesseract import OcrError, OcrPage, OcrSettings, OcrWord, ocr_image
from pipeline.warning_codes import note, on_page, warning

MAX_FILE_BYTES = 1 << 30  # the whole file is held in memory while it is read
MAX_TEXT_BYTES = 64 * 1024 * 1024
WORD_NOTE = note("word-document", "read from a Word document (.docx)")


@dataclass(frozen=True)
class Kind:
    """What a file's bytes are: the reader that takes them and, for messages, their name."""

    reader: Literal["text", "pdf", "image", "word", "unsupported"]
    name: str


_TEXT = Kind("text", "text")
_WORD = Kind("word", "a Word document (.docx)")
_WEBP = Kind("image", "a WebP image")
_ZIP = b"PK\x03\x04", b"PK\x05\x06"  # the second starts an empty archive
_MAGIC = {
    b"%PDF": Kind("pdf", "a PDF"),
    b"\x89PNG": Kind("image", "a PNG image"),
    b"\xff\xd8\xff": Kind("image", "a JPEG image"),
    b"II*\x00": Kind("image", "a TIFF image"),
    b"MM\x00*": Kind("image", "a TIFF image"),
    b"\x1f\x8b": Kind("unsupported", "a gzip archive"),
    b"7z\xbc\xaf\x27\x1c": Kind("unsupported", "a 7-Zip archive"),
    b"Rar!\x1a\x07": Kind("unsupported", "a RAR archive"),
    b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1": Kind("unsupported", "an old Microsoft Office file (.doc, .xls or .ppt)"),
    b"\x7fELF": Kind("unsupported", "an executable (ELF)"),
    b"MZ\x90\x00": Kind("unsupported", "an executable (Windows)"),
}
# A ZIP is told by the part that makes it an office file; the first match wins.
_ZIP_PARTS = {
    "word/document.xml": _WORD,
    "xl/workbook.xml": Kind("unsupported", "an Excel workbook (.xlsx)"),
    "ppt/presentation.xml": Kind("unsupported", "a PowerPoint presentation (.pptx)"),
    "content.xml": Kind("unsupported", "an OpenDocument file (.odt, .ods or .odp)"),
}
# What a file's name claims, for a file whose content is neither that nor text.
_CLAIMS = {".pdf": "PDF", ".png": "PNG", ".jpg": "JPEG", ".jpeg": "JPEG", ".tif": "TIFF", ".tiff": "TIFF"}
_CLAIMS |= {".webp": "WebP", ".docx": "Word document"}


class InputError(Exception):
    """A file that cannot be read as a document; the message says why, for the user."""


class ReadTimeout(InputError):
    """Reading the file took longer than `IngestOptions.timeout`; the OCR under way was stopped."""


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
    timeout: float | None = Field(
        default=None, gt=0, description="seconds reading one file (or the pages asked of it) may take; None: no limit"
    )


@dataclass(frozen=True)
class Page:
    """One page's text and how it was read (OCR confidence 0–1 and the words with their boxes, for OCR'd pages)."""

    text: str
    method: Method
    confidence: float | None = None
    words: tuple[OcrWord, ...] = ()


#: Receives each OCR'd page's number and image as Tesseract read it (after clean-up: the words' boxes are in
#: its pixels).
PageImages = Callable[[int, np.ndarray], None]


@dataclass(frozen=True)
class Pages:
    """The pages of a file, the file's sha256, what was doubted on the way (warnings, for its records) and
    what was routinely done (notes, for the run summary)."""

    pages: list[Page]
    sha256: str
    warnings: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def sniff(data: bytes) -> Kind:
    """What the bytes are, by their magic numbers (and a ZIP by its parts); text when nothing matches."""
    if data.startswith(_ZIP):
        return _zip_kind(data)
    if data.startswith(b"RIFF") and data[8:12] == b"WEBP":
        return _WEBP
    return next((kind for magic, kind in _MAGIC.items() if data.startswith(magic)), _TEXT)


def _zip_kind(data: bytes) -> Kind:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
    except zipfile.BadZipFile:
        return Kind("unsupported", "a damaged ZIP archive")
    return next((kind for part, kind in _ZIP_PARTS.items() if part in names), Kind("unsupported", "a ZIP archive"))


def read_pages(
    path: str | Path,
    options: IngestOptions | None = None,
    images: PageImages | None = None,
    pages: range | None = None,
) -> Pages:
    """Pages of a text file, Word document, PDF or image. Unreadable input raises InputError with the reason,
    ReadTimeout past `options.timeout`. `images`, when given, receives every OCR'd page's image, also of pages
    served from the OCR cache. `pages`: only these page numbers (1-based), for a file read in parts."""
    path = Path(path)
    options = options or IngestOptions()
    data = _read_file(path)
    sha = hashlib.sha256(data).hexdigest()
    kind = sniff(data)
    if kind.reader == "text":
        return Pages(_chosen(_text_pages(_decode_claimed(data, path.suffix)), pages), sha)
    if kind.reader == "word":
        return Pages(_chosen(_text_pages(_word_text(data)), pages), sha, notes=[WORD_NOTE])
    if kind.reader == "unsupported":
        raise InputError(f"{kind.name}: not a text document, Word document, PDF or image")
    reader = _Reader(options, sha, images, pages)
    if kind.reader == "pdf":
        return Pages(list(reader.pdf(data)), sha, reader.warnings, reader.notes)
    if kind is _WEBP and not features.check("webp"):
        raise InputError("a WebP image: not supported (this Pillow is built without WebP)")
    with _image_warnings(reader.warnings):
        read = list(reader.image(data))
    return Pages(read, sha, reader.warnings, reader.notes)


def _read_file(path: Path) -> bytes:
    """The whole file in one read, of at most MAX_FILE_BYTES."""
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_FILE_BYTES + 1)
    except OSError as error:
        raise InputError(f"cannot read the file: {error.strerror}") from error
    if not data:
        raise InputError("empty file")
    if len(data) > MAX_FILE_BYTES:
        raise InputError(f"file larger than the {MAX_FILE_BYTES} bytes an input may be")
    return data


def _text_pages(text: str) -> list[Page]:
    return [Page(page, "text") for page in text.split("\f")]


def _chosen(pages: list[Page], numbers: range | None) -> list[Page]:
    return pages if numbers is None else [page for number, page in enumerate(pages, start=1) if number in numbers]


def _decode_claimed(data: bytes, suffix: str) -> str:
    """Text, or an InputError that says so when the name claims a format the content is not."""
    try:
        return decode_text(data)
    except InputError as error:
        claim = _CLAIMS.get(suffix.lower())
        if claim:
            raise InputError(f"not a {claim} (the name says {claim}, the content is not)") from error
        raise


def decode_text(raw: bytes) -> str:
    """UTF-8 (or UTF-16 with a byte-order mark) text; binary or other encodings raise InputError."""
    if len(raw) > MAX_TEXT_BYTES:
        raise InputError(f"file of {len(raw)} bytes is larger than the {MAX_TEXT_BYTES} bytes a text input may be")
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return raw.decode("utf-16")
    if b"\x00" in raw:
        raise InputError("binary content of an unknown kind (it holds NUL bytes): not a text document")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise InputError(f"not UTF-8 text (invalid byte at offset {error.start})") from error
    if not text.strip():
        raise InputError("no text: the file holds only white space")
    return text


def _word_text(data: bytes) -> str:
    """A .docx's body in document order: a line per paragraph, and per table row with its cells tab-separated.

    Tab-separated rows are how the text corpus, and so the extractors, have tables; an empty paragraph
    gives an empty line.
    """
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        unpacked = sum(part.file_size for part in archive.infolist())
    if unpacked > MAX_FILE_BYTES:  # a ZIP bomb: the parts are unpacked in memory
        raise InputError(f"a Word document that unpacks to {unpacked} bytes, more than {MAX_FILE_BYTES}")
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as error:  # python-docx lets zipfile's, lxml's and its own errors through
        raise InputError(f"a damaged Word document ({type(error).__name__}: {error})") from error
    lines: list[str] = []
    for block in document.iter_inner_content():
        if isinstance(block, Table):
            lines += [_row_line(row) for row in block.rows]
        else:
            lines.append(block.text)
    text = "\n".join(lines)
    if not text.strip():
        raise InputError("a Word document with no text in its paragraphs or tables")
    return text


def _row_line(row: _Row) -> str:
    """A table row's cells, tab-separated; a merged cell once (python-docx repeats it per grid column)."""
    cells = [cell for i, cell in enumerate(row.cells) if i == 0 or cell._tc is not row.cells[i - 1]._tc]
    return "\t".join(" ".join(cell.text.split()) for cell in cells)


@contextmanager
def _image_warnings(into: list[str]) -> Iterator[None]:
    """Pillow's warnings about a damaged image become the file's warnings instead of nameless lines on stderr.

    (libtiff's own warnings never reach stderr: Pillow sets no-op handlers for them.)
    """
    with warnings.catch_warnings(record=True) as caught:
        warnings.filterwarnings("always", module="PIL")  # every one, not the first of each kind per process
        yield
    # a TIFF repeats them for every frame
    into.extend(dict.fromkeys(warning("image-damaged", str(w.message)) for w in caught))


@dataclass(frozen=True)
class _Read:
    """A page read by OCR or served from the cache, its warnings, notes and image kept apart until the page is
    taken (`_Reader._take`): a page read only to judge a text layer that is then kept leaves no trace."""

    number: int
    page: Page
    warnings: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    image: np.ndarray | None = None


def _recognised(result: OcrPage, number: int) -> _Read:
    doubts = [on_page(w, number) for w in result.warnings]
    notes = [on_page(n, number) for n in result.notes]
    return _Read(number, Page(result.text, "ocr", result.confidence, tuple(result.words)), doubts, notes)


class _Reader:
    """Reads PDF and image pages one at a time (so memory stays bounded), with one OCR cache."""

    def __init__(
        self, options: IngestOptions, sha256: str, images: PageImages | None = None, pages: range | None = None
    ) -> None:
        self.options = options
        self.images = images
        self.pages = pages
        self.warnings: list[str] = []
        self.notes: list[str] = []
        self.sha256 = sha256
        self.cache = OcrCache(options.cache) if options.cache else None
        self.deadline = time.monotonic() + options.timeout if options.timeout else None

    def pdf(self, data: bytes) -> Iterator[Page]:
        count = _pdf_page_count(data)
        if count > self.options.max_pages:
            raise InputError(f"PDF of {count} pages is longer than the {self.options.max_pages} pages allowed")
        numbers = self._numbers(count)
        with raster.PdfRaster(data) as document:
            layer = self._layer(data, document, numbers) if self.options.mode != "ocr" else None
            for number in numbers:
                self._in_time()
                render = cache(partial(self._render, document, number))  # once, for the layer check and the OCR
                read = cache(partial(self._read_pdf_page, render, number))  # once, for the layer check and the page
                if layer is not None and self.options.mode == "auto":
                    layer[number] = self._checked(layer[number], render, read)
                if layer is not None and (self.options.mode == "text" or layer[number].verdict in ("good", "legacy")):
                    yield self._from_layer(layer[number], number)
                    continue
                if layer is not None:
                    self._rejected(layer[number], number)
                yield self._take(read())

    def _read_pdf_page(self, render: Callable[[], np.ndarray], number: int) -> _Read:
        """The PDF page by OCR, or from the cache, not yet taken."""
        return self._read(render, self.options.dpi, number, self._cached(number, self.options.dpi))

    def _layer(self, data: bytes, document: raster.PdfRaster, numbers: range) -> dict[int, textlayer.PageText]:
        """The pages' text layer, judged (`textlayer`). Pages pdfium finds no text on are judged empty without
        poppler and pdfminer: a scan's pages, whose layer pdfminer reaches by walking the page tree, ~1 ms for
        each page of the file, for every part of a long file read in parts."""
        try:
            if any(document.has_text(number - 1) for number in numbers):
                return {page.number: page for page in textlayer.read_text_layer(data, numbers)}
            textlayer.check_pdf_file(data)  # a truncated file is refused all the same
        except (ValueError, textlayer.ToolError) as error:
            raise InputError(_pdf_reason(error)) from error
        return {number: textlayer.PageText(number=number, text="", verdict="empty") for number in numbers}

    def _numbers(self, count: int) -> range:
        """The page numbers to read: those asked for (InputError when the file does not have them), or all."""
        if self.pages is None:
            return range(1, count + 1)
        if self.pages and (self.pages.start < 1 or self.pages.stop - 1 > count):
            raise InputError(f"pages {self.pages.start}–{self.pages.stop - 1} asked of a file of {count} pages")
        return self.pages

    def _in_time(self) -> None:
        if self.deadline is not None and time.monotonic() > self.deadline:
            raise ReadTimeout(f"timed out after {self.options.timeout:g} s")

    def _settings(self) -> OcrSettings:
        """The OCR settings, with Tesseract's time limit cut to what is left of the file's."""
        if self.deadline is None:
            return self.options.ocr
        self._in_time()
        left = self.deadline - time.monotonic()
        return self.options.ocr.model_copy(update={"timeout": max(min(self.options.ocr.timeout, left), 0.01)})

    def _checked(
        self, page: textlayer.PageText, render: Callable[[], np.ndarray], read: Callable[[], _Read]
    ) -> textlayer.PageText:
        """A scanned page's passing layer checked against its image (`layercheck`); other pages as they are.

        A layer without Bangla is judged by the words of the page's own OCR (`read`), not of a strip's: such a
        layer is nearly always a scanner's English OCR of a Bangla page, which is then read by that OCR.
        """
        if not page.image_page or page.verdict not in ("good", "legacy"):
            return page
        if not has_bangla(page.text):
            return judged(page, read().page.words)
        try:
            return check_layer(page, render(), self._settings(), self.options.dpi)
        except OcrError as error:
            self._in_time()
            raise InputError(f"page {page.number}: OCR of a sample of the page failed: {error}") from error

    def _render(self, document: raster.PdfRaster, number: int) -> np.ndarray:
        try:
            return document.render(number - 1, self.options.dpi)
        except ValueError as error:
            raise InputError(f"page {number}: {error}") from error

    def _rejected(self, page: textlayer.PageText, number: int) -> None:
        """Say why a page's text layer is not read: a note for a scan without one, a warning otherwise."""
        why = f"page {number}: text layer is {page.verdict}{f' ({page.note})' if page.note else ''}; read by OCR"
        if page.verdict == "empty":
            self.notes.append(note("textlayer-empty", why))
        else:
            self.warnings.append(warning("textlayer-rejected", why))

    def _from_layer(self, page: textlayer.PageText, number: int) -> Page:
        if page.verdict == "legacy":
            self.warnings.append(warning("textlayer-legacy", f"page {number}: Bijoy text layer converted to Unicode"))
        elif page.verdict != "good":
            forced = f"page {number}: text layer is {page.verdict}, read as it is (mode text)"
            self.warnings.append(warning("textlayer-forced", forced))
        return Page(page.text, "pdf-text")

    def image(self, data: bytes) -> Iterator[Page]:
        if self.options.mode == "text":
            raise InputError("an image has no text layer: it can only be read by OCR (mode auto or ocr)")
        try:
            dpi = raster.image_dpi(data)
            numbers = self._numbers(raster.image_page_count(data))
            cached = {number: self._cached(number, dpi) for number in numbers}
            if cached and all(cached.values()) and self.images is None:  # every page known: no need to decode
                yield from (self._take(_recognised(result, number)) for number, result in cached.items() if result)
                return
            for number, image in zip(numbers, raster.image_pages(data, numbers=numbers), strict=False):
                self._in_time()
                yield self._ocr(lambda: image, dpi, number, cached[number])  # noqa: B023 (called before the loop goes on)
        except ValueError as error:
            raise InputError(str(error)) from error

    def _key(self, number: int, dpi: int | None) -> str | None:
        options = self.options
        return self.cache.key(self.sha256, number, options.ocr, options.cleanup, dpi) if self.cache else None

    def _cached(self, number: int, dpi: int | None) -> OcrPage | None:
        key = self._key(number, dpi)
        return self.cache.get(key) if self.cache and key else None

    def _ocr(self, image: Callable[[], np.ndarray], dpi: int | None, number: int, known: OcrPage | None) -> Page:
        return self._take(self._read(image, dpi, number, known))

    def _read(self, image: Callable[[], np.ndarray], dpi: int | None, number: int, known: OcrPage | None) -> _Read:
        """The page by OCR of its image, or `known` (from the cache), with its image cleaned for `images`."""
        if known and self.images is None:
            return _recognised(known, number)  # neither OCR nor an image needed: the page is not rendered at all
        page = image()
        if not known and is_blank(page, dpi):
            blank = note("page-blank", f"page {number}: no mark on the page; not OCR'd")
            return _Read(number, Page("", "ocr"), notes=[blank], image=page)
        cleaned = clean(page, self.options.cleanup, dpi)
        result = known or self._recognise(cleaned, number)
        key = self._key(number, dpi)
        if not known and self.cache and key:
            self.cache.put(key, result)
        return replace(_recognised(result, number), image=cleaned.image)

    def _take(self, read: _Read) -> Page:
        """The page, its warnings and notes now the file's, and its image given to `images`."""
        self.warnings += read.warnings
        self.notes += read.notes
        if self.images is not None and read.image is not None:
            self.images(read.number, read.image)
        return read.page

    def _recognise(self, cleaned: CleanPage, number: int) -> OcrPage:
        try:
            return ocr_image(cleaned.image, self._settings(), cleaned.dpi, cleaned.rules)
        except OcrError as error:
            self._in_time()  # Tesseract stopped by the file's time limit: the file timed out
            raise InputError(f"page {number}: OCR failed: {error}") from error


def _pdf_page_count(data: bytes) -> int:
    """Pages of a PDF; InputError for a damaged one, or one without pages (which pdfium refuses to load)."""
    try:
        count = raster.pdf_page_count(data)
    except ValueError as error:
        if not _pdfminer_sees_no_pages(data):
            raise InputError(_pdf_reason(error)) from error
        count = 0
    if count == 0:
        raise InputError("a PDF with no pages")
    return count


def _pdfminer_sees_no_pages(data: bytes) -> bool:
    try:
        return textlayer.page_count(data) == 0
    except ValueError:
        return False


def _pdf_reason(error: Exception) -> str:
    message = str(error)
    if "password" in message.lower() and "encrypt" not in message.lower():
        return f"encrypted PDF (a password is needed): {message}"
    return message
