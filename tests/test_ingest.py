"""Scans and PDFs in: the kind told by content, text layer or OCR per page, modes, cache, bad input.

Real Tesseract runs on the committed sample pages (tests/data/scans, made by scripts/make_scans.py).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image

from pipeline.api import process_file
from pipeline.ingest import IngestOptions, InputError, read_pages
from pipeline.ocr.metrics import cer
from pipeline.warning_codes import parse
from tests.conftest import ROOT

SCANS = ROOT / "tests" / "data" / "scans"
PDFS = ROOT / "tests" / "data" / "pdf"
CLEAN_PNG = SCANS / "letter-dpe-2024-05-07-award-applications.p1.noto-sans-bengali.clean.png"
DEGRADED_JPG = SCANS / "letter-dpe-2024-05-07-award-applications.p1.noto-serif-bengali.degraded.jpg"
IMAGE_PDF = SCANS / "letter-dpe-2025-03-17-school-land-record.p1.lohit-bengali.image-only.pdf"
BORN_DIGITAL = SCANS / "letter-dpe-2024-05-07-award-applications.p1.mukti.born-digital.pdf"
MEMO = "38.01.0000.107.18.003.22-892"


@pytest.fixture()
def options(tmp_path: Path) -> IngestOptions:
    return IngestOptions(cache=tmp_path / "cache")


def _truth(path: Path) -> str:
    return path.with_name(path.name.rsplit(".", 1)[0] + ".gt.txt").read_text(encoding="utf-8")


def test_clean_scan_is_read_by_ocr_into_the_same_record(options: IngestOptions, tmp_path: Path) -> None:
    renamed = tmp_path / "scan.dat"  # the kind comes from the content, not the name
    shutil.copy(CLEAN_PNG, renamed)
    pages = read_pages(renamed, options)
    assert [p.method for p in pages.pages] == ["ocr"]
    assert cer(pages.pages[0].text, _truth(CLEAN_PNG)) < 0.03
    (record,) = process_file(renamed, options)
    assert record.source.method == "ocr" and record.source.ocr_confidence is not None
    assert record.memo_no is not None and record.memo_no.value == MEMO
    assert record.date is not None and (str(record.date.value), record.date.bangla) == ("2024-05-07", "1431-01-24")


def test_degraded_scan(options: IngestOptions) -> None:
    page = read_pages(DEGRADED_JPG, options).pages[0]
    assert cer(page.text, _truth(DEGRADED_JPG)) < 0.06
    (record,) = process_file(DEGRADED_JPG, options)
    assert record.memo_no is not None and record.memo_no.value == MEMO


def test_born_digital_pdf_uses_its_text_layer(options: IngestOptions) -> None:
    pages = read_pages(BORN_DIGITAL, options)
    assert [p.method for p in pages.pages] == ["pdf-text"]
    assert cer(pages.pages[0].text, _truth(BORN_DIGITAL)) < 0.01
    (record,) = process_file(BORN_DIGITAL, options)
    assert record.source.method == "pdf-text" and record.memo_no is not None and record.memo_no.value == MEMO


def test_image_only_pdf_falls_back_to_ocr_with_a_note_not_a_warning(options: IngestOptions) -> None:
    pages = read_pages(IMAGE_PDF, options)
    assert [p.method for p in pages.pages] == ["ocr"]
    assert [parse(n).code for n in pages.notes] == ["textlayer-empty"]
    assert not any(parse(w).code == "textlayer-empty" for w in pages.warnings)
    assert cer(pages.pages[0].text, _truth(IMAGE_PDF)) < 0.05


def test_modes(options: IngestOptions) -> None:
    forced = read_pages(BORN_DIGITAL, options.model_copy(update={"mode": "ocr"}))
    assert [p.method for p in forced.pages] == ["ocr"]
    layer_only = read_pages(IMAGE_PDF, options.model_copy(update={"mode": "text"}))
    assert [p.method for p in layer_only.pages] == ["pdf-text"]
    assert any(w.startswith("textlayer-forced: page 1: text layer is empty") for w in layer_only.warnings)
    with pytest.raises(InputError, match="only be read by OCR"):
        read_pages(CLEAN_PNG, options.model_copy(update={"mode": "text"}))


def test_legacy_bijoy_text_layer_is_converted(options: IngestOptions) -> None:
    pages = read_pages(PDFS / "bijoy.pdf", options)
    assert pages.pages[0].method == "pdf-text"
    assert "গণপ্রজাতন্ত্রী বাংলাদেশ সরকার" in pages.pages[0].text
    assert [parse(w).code for w in pages.warnings] == ["textlayer-legacy"]


def test_cache_serves_the_second_run(options: IngestOptions) -> None:
    first = read_pages(CLEAN_PNG, options)
    assert options.cache is not None and any(options.cache.rglob("*.json"))
    assert read_pages(CLEAN_PNG, options).pages == first.pages


@pytest.mark.parametrize(
    ("make", "reason"),
    [
        (lambda p: p.write_bytes(b""), "empty file"),
        (lambda p: p.write_bytes(BORN_DIGITAL.read_bytes()[:600]), "PDF"),
        (lambda p: p.write_bytes(b"%PDF-1.7\n%%EOF\n"), "PDF"),
        (lambda p: p.write_bytes(CLEAN_PNG.read_bytes()[:2000]), "image"),
        (lambda p: shutil.copy(PDFS / "encrypted.pdf", p), "encrypt"),
    ],
    ids=["zero-byte", "truncated-pdf", "no-pages-pdf", "corrupt-image", "encrypted-pdf"],
)
def test_bad_input_is_a_clear_error(tmp_path: Path, options: IngestOptions, make: object, reason: str) -> None:
    bad = tmp_path / "bad.bin"
    make(bad)  # type: ignore[operator]
    with pytest.raises(InputError) as error:
        read_pages(bad, options)
    assert reason.lower() in str(error.value).lower()


def test_huge_image_is_refused_without_decoding_it(tmp_path: Path, options: IngestOptions) -> None:
    huge = tmp_path / "huge.png"
    Image.new("1", (20000, 20000), 1).save(huge, optimize=True)  # a few kB on disk, 400 Mpx decoded
    script = (
        "import resource, sys\n"
        "resource.setrlimit(resource.RLIMIT_AS, (2 << 30, 2 << 30))  # decoding 400 Mpx would need more\n"
        "from pipeline.ingest import InputError, read_pages\n"
        "from pathlib import Path\n"
        f"try: read_pages(Path({str(huge)!r}))\n"
        "except InputError as error: print(error)\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert "larger than" in result.stdout


def test_long_pdf_is_read_page_by_page(tmp_path: Path, options: IngestOptions) -> None:
    long = tmp_path / "long.pdf"
    subprocess.run(["pdfunite", *[str(BORN_DIGITAL)] * 300, str(long)], check=True)
    pages = read_pages(long, options)
    assert len(pages.pages) == 300 and {p.method for p in pages.pages} == {"pdf-text"}
