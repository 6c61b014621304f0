"""Ingest's faults from the tracker, on real files: a file rewritten while it is read, formats named in
messages, Word documents, string paths."""

from __future__ import annotations

import contextlib
import fcntl
import gzip
import hashlib
import io
import os
import struct
import subprocess
import sys
import termios
import threading
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path

import docx
import openpyxl
import pypdfium2 as pdfium
import pytest
from PIL import Image

from pipeline.api import process_file
from pipeline.ingest import IngestOptions, InputError, read_pages
from pipeline.ocr import textlayer
from tests.conftest import CORPUS, ROOT

SCANS = ROOT / "tests" / "data" / "scans"
CLEAN_PNG = SCANS / "letter-dpe-2024-05-07-award-applications.p1.noto-sans-bengali.clean.png"
OTHER_PNG = SCANS / "forwarding-letter-lgd-2017-10-31.p1.noto-sans-bengali.clean.png"
BORN_DIGITAL = SCANS / "letter-dpe-2024-05-07-award-applications.p1.mukti.born-digital.pdf"
OTHER_PDF = SCANS / "letter-dpe-2025-03-17-school-land-record.p1.lohit-bengali.image-only.pdf"
AWARD = CORPUS / "letter-dpe-2024-05-07-award-applications.txt"
LAND = CORPUS / "letter-dpe-2025-03-17-school-land-record.txt"
SID = CORPUS / "minutes-sid-2022-10-08.txt"
MEMO = "38.01.0000.107.18.003.22-892"


# --- 1. A file rewritten during a run ---------------------------------------------------------------


def _serve(fifo: Path, first: bytes, then: bytes, stop: threading.Event) -> None:
    """Feed the FIFO: the first open reads all of `first`; an open after it gets something else (`then`, or
    what a reader that stopped early left of `first`)."""
    version = first
    while not stop.is_set():
        with contextlib.suppress(BrokenPipeError), fifo.open("wb") as handle:  # a reader may stop early
            handle.write(version)
            handle.flush()
            while _unread(handle.fileno()) and not stop.is_set():  # so the reader is surely there
                time.sleep(0.001)
        while _held_open(fifo) and not stop.is_set():  # the next version is for the next open
            time.sleep(0.001)
        version = then


def _unread(descriptor: int) -> int:
    """Bytes written to a pipe that its reader has not read yet."""
    return int(struct.unpack("i", fcntl.ioctl(descriptor, termios.FIONREAD, b"\0" * 4))[0])


def _held_open(fifo: Path) -> bool:
    """Whether this process still has the FIFO open (a reader that has not closed it yet)."""
    for descriptor in os.listdir("/proc/self/fd"):
        with contextlib.suppress(OSError):  # closed meanwhile
            if os.readlink(f"/proc/self/fd/{descriptor}") == str(fifo):
                return True
    return False


@pytest.fixture()
def changing_file(tmp_path: Path) -> Iterator[object]:
    """A file that is `first` when opened once and `then` when opened again: a FIFO fed by a thread."""
    fifo = tmp_path / "changing"
    os.mkfifo(fifo)
    stop = threading.Event()
    threads: list[threading.Thread] = []

    def make(first: bytes, then: bytes) -> Path:
        thread = threading.Thread(target=_serve, args=(fifo, first, then, stop), daemon=True)
        thread.start()
        threads.append(thread)
        return fifo

    yield make
    stop.set()
    for thread in threads:
        while thread.is_alive():  # release a writer waiting for a reader
            descriptor = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)
            thread.join(0.2)
            os.close(descriptor)


@pytest.mark.parametrize(
    ("first", "then", "mode"),
    [
        pytest.param(AWARD, LAND, "auto", id="text"),
        pytest.param(BORN_DIGITAL, OTHER_PDF, "auto", id="pdf-text-layer"),
        pytest.param(BORN_DIGITAL, OTHER_PDF, "ocr", id="pdf-ocr-cached"),
        pytest.param(CLEAN_PNG, OTHER_PNG, "auto", id="image-ocr-cached"),
    ],
)
def test_a_file_rewritten_while_it_is_read_gives_one_version(
    changing_file: object, tmp_path: Path, first: Path, then: Path, mode: str
) -> None:
    """Every open of the file gives the next version, so a reader that opens it twice (to hash it, then
    to read its pages) mixes versions; read once, the sha256 and the pages both come from `first`, and
    so do the OCR cache entries stored under that sha256."""
    options = IngestOptions(mode=mode, cache=tmp_path / "cache")  # type: ignore[arg-type]
    path = changing_file(first.read_bytes(), then.read_bytes())  # type: ignore[operator]
    pages = read_pages(path, options)
    assert pages.sha256 == hashlib.sha256(first.read_bytes()).hexdigest()
    assert pages.pages == read_pages(first, IngestOptions(mode=mode)).pages  # type: ignore[arg-type]
    assert read_pages(first, options).pages == pages.pages  # what the cache serves for `first` is `first`


def test_the_text_layer_reads_the_pdfs_bytes() -> None:
    assert textlayer.read_text_layer(BORN_DIGITAL.read_bytes()) == textlayer.read_text_layer(BORN_DIGITAL)
    with pytest.raises(ValueError, match="truncated PDF") as error:
        textlayer.read_text_layer(BORN_DIGITAL.read_bytes()[:-100])
    assert "b'" not in str(error.value)  # no bytes dumped into the message


# --- 2. Messages that name the format -------------------------------------------------------------


def _zero_page_pdf() -> bytes:
    buffer = io.BytesIO()
    pdfium.PdfDocument.new().save(buffer)  # a valid PDF whose page tree is empty
    return buffer.getvalue()


def _xlsx() -> bytes:
    buffer = io.BytesIO()
    openpyxl.Workbook().save(buffer)
    return buffer.getvalue()


def _zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.write(AWARD, AWARD.name)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("empty.pdf", _zero_page_pdf, "a PDF with no pages"),
        ("random.pdf", lambda: os.urandom(4096), "not a PDF (the name says PDF, the content is not)"),
        ("random.bin", lambda: os.urandom(4096), "binary content of an unknown kind"),
        ("letter.txt.gz", lambda: gzip.compress(AWARD.read_bytes()), "a gzip archive: not a text document"),
        ("letters.zip", _zip, "a ZIP archive: not a text document"),
        ("table.xlsx", _xlsx, "an Excel workbook (.xlsx): not a text document"),
        ("program", lambda: Path(sys.executable).resolve().read_bytes(), "an executable (ELF)"),
    ],
    ids=["zero-page-pdf", "random-named-pdf", "random", "gzip", "zip", "xlsx", "elf"],
)
def test_messages_name_the_format(tmp_path: Path, name: str, content: object, message: str) -> None:
    path = tmp_path / name
    path.write_bytes(content())  # type: ignore[operator]
    with pytest.raises(InputError) as error:
        read_pages(path)
    assert str(error.value).startswith(message)


def test_a_webp_scan_is_read_by_ocr(tmp_path: Path) -> None:
    webp = tmp_path / "scan.webp"
    with Image.open(CLEAN_PNG) as image:
        image.save(webp, "WEBP", lossless=True)
    (record,) = process_file(webp, IngestOptions(cache=tmp_path / "cache"))
    assert record.source.method == "ocr"
    assert record.memo_no is not None and record.memo_no.value == MEMO


def _tiff_with_bad_metadata(path: Path) -> None:
    """A scan as TIFF whose XResolution holds two values: Pillow warns ("Metadata Warning") as it opens it."""
    with Image.open(CLEAN_PNG) as image:
        image.save(path, compression="tiff_lzw", dpi=(300, 300))
    data = bytearray(path.read_bytes())
    (directory,) = struct.unpack_from("<I", data, 4)
    (entries,) = struct.unpack_from("<H", data, directory)
    for entry in range(directory + 2, directory + 2 + 12 * entries, 12):
        if struct.unpack_from("<H", data, entry)[0] == 282:  # XResolution: count 1 → 2
            struct.pack_into("<I", data, entry + 4, 2)
    path.write_bytes(bytes(data))


def test_image_warnings_are_the_files_not_stderrs(tmp_path: Path) -> None:
    tiff = tmp_path / "scan.tif"
    _tiff_with_bad_metadata(tiff)
    script = (
        "import sys\n"
        "from pipeline.ingest import IngestOptions, read_pages\n"
        f"pages = read_pages({str(tiff)!r}, IngestOptions(cache=None))\n"
        "print(pages.warnings)\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=False, cwd=ROOT)
    assert done.returncode == 0 and done.stderr == ""
    assert "image-damaged: Metadata Warning, tag 282 had too many entries" in done.stdout


# --- 3. Word documents ----------------------------------------------------------------------------


def _word(text: Path, path: Path) -> None:
    """`text` as a Word document: tab-separated lines as table rows (a table per run of rows of one width),
    every other line a paragraph, empty lines empty paragraphs."""
    document = docx.Document()
    table = None
    for line in text.read_text(encoding="utf-8").rstrip("\n").split("\n"):
        if "\t" not in line:
            document.add_paragraph(line)
            table = None
            continue
        cells = line.split("\t")
        if table is None or len(table.columns) != len(cells):
            table = document.add_table(rows=0, cols=len(cells))
        for cell, value in zip(table.add_row().cells, cells, strict=True):
            cell.text = value
    document.save(str(path))


@pytest.mark.parametrize("source", [AWARD, SID], ids=["letter", "minutes-with-table"])
def test_a_word_document_is_read_like_its_text(tmp_path: Path, source: Path) -> None:
    word = tmp_path / "document.docx"
    _word(source, word)
    pages = read_pages(word)
    assert [p.text for p in pages.pages] == [source.read_text(encoding="utf-8").rstrip("\n")]
    assert pages.notes == ["word-document: read from a Word document (.docx)"] and pages.warnings == []
    (from_word,), (from_text,) = process_file(word), process_file(source)
    assert from_word.source.method == "text"
    assert from_word.memo_no == from_text.memo_no and from_word.date == from_text.date
    assert from_word.decisions == from_text.decisions


def test_a_word_tables_rows_are_lines_of_cells(tmp_path: Path) -> None:
    word = tmp_path / "minutes.docx"
    _word(SID, word)
    (record,) = process_file(word)
    assert record.memo_no is not None and record.memo_no.value == "52.00.0000.022.05.001.22-78"
    assert record.date is not None and str(record.date.value) == "2022-10-10"
    first = record.decisions[0]  # from the row ১ … | সিদ্ধান্ত | বাস্তবায়নে: ইনোভেশন টিম
    assert (first.ref, first.responsible) == ("১(ক)", ["ইনোভেশন টিম"])
    header = "ক্রম\tকর্মসম্পাদন সূচক ও আলোচনা\tসিদ্ধান্ত\tবাস্তবায়নে"
    assert header in read_pages(word).pages[0].text.split("\n")


# --- 4. A path given as a string ------------------------------------------------------------------


@pytest.mark.parametrize("path", [AWARD, BORN_DIGITAL], ids=["text", "pdf"])
def test_a_string_path_is_read(path: Path) -> None:
    assert read_pages(str(path)) == read_pages(path)
