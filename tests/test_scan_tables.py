"""Ruled tables on scanned pages read cell by cell by their rules, on real Tesseract.

The pages are rendered the way scripts/make_scans.py draws a minutes' decision table (pango-view cells,
black rules round every cell): rows without their header row, as on the pages a table runs on to; the
same page tilted and scanned at low resolution.
"""

from __future__ import annotations

import io
import shutil

import cv2
import numpy as np
import pytest
from PIL import Image

from pipeline.ocr.cleanup import CleanupOptions, clean
from pipeline.ocr.layout import Rule, page_text
from pipeline.ocr.metrics import cer
from pipeline.ocr.tesseract import OcrSettings, OcrWord, ocr_image
from scripts import make_scans as ms

ROWS = [
    "৩\tসার্বক্ষণিক ইন্টারনেট সংযোগ সচল রাখতে হবে। বিকল্প ইন্টারনেট সংযোগের ব্যবস্থা করতে হবে।"
    "\tই-নথির কার্যক্রম জোরদারকরণের সিদ্ধান্ত গৃহীত হয়।\tসহকারী মেইনটেন্যান্স ইঞ্জিনিয়ার, আইসিটি-২ শাখা",
    "৪\tতথ্য বাতায়ন হালনাগাদকরণের প্রক্রিয়া অব্যাহত রাখতে হবে।"
    "\tত্রৈমাসিক ভিত্তিতে মন্ত্রিপরিষদ বিভাগে প্রতিবেদন প্রেরণ নিশ্চিত করতে হবে।\tপ্রোগ্রামার, আইসিটি শাখা",
]
LETTER = "সভায় বিস্তারিত আলোচনার পর নিম্নোক্ত সিদ্ধান্তসমূহ গৃহীত হয়:"
FONT = "Noto Sans Bengali"

needs_pango = pytest.mark.skipif(shutil.which("pango-view") is None, reason="needs pango-view (pango1.0-tools)")


def rendered_page(dpi: int = 300) -> np.ndarray:
    """A line of text, then the table's rows without a header row, on white A4 width."""
    text = ms._text_image(LETTER, FONT, dpi)
    table = ms.render_table(ROWS, FONT, dpi)
    width = max(text.shape[1], table.shape[1]) + dpi // 2
    gap = np.full((dpi // 4, width), 255, np.uint8)
    text, table = (
        np.pad(b, ((0, 0), (dpi // 4, width - b.shape[1] - dpi // 4)), constant_values=255) for b in (text, table)
    )
    return ms.pad_to_a4(np.vstack([gap, text, gap, table, gap]), dpi)


def read(image: np.ndarray, dpi: int | None) -> tuple[list[str], tuple[str, ...]]:
    page = clean(image, CleanupOptions(), dpi)
    return ocr_image(page.image, OcrSettings(), page.dpi, page.rules).text.splitlines(), page.notes


def assert_rows(lines: list[str], limit: float) -> None:
    assert lines[0].startswith("সভায়")
    assert len(lines) == 1 + len(ROWS), lines
    for line, row in zip(lines[1:], ROWS, strict=True):
        cells, expected = line.split("\t"), row.split("\t")
        assert len(cells) == len(expected) == 4, line
        for cell, cell_expected in zip(cells[1:], expected[1:], strict=True):
            assert cer(cell, cell_expected) < limit, (cell, cell_expected)


@needs_pango
def test_ruled_rows_without_their_header_are_read_cell_by_cell() -> None:
    lines, notes = read(rendered_page(), 300)
    assert any("table rule" in note for note in notes)
    assert_rows(lines, 0.05)


@needs_pango
def test_tilted_ruled_table_is_levelled_before_its_rules_are_found() -> None:
    page = rendered_page()
    height, width = page.shape
    matrix = cv2.getRotationMatrix2D((width / 2, height / 2), 2.0, 1.0)
    tilted = cv2.warpAffine(page, matrix, (width, height), flags=cv2.INTER_LINEAR, borderValue=255)
    lines, notes = read(tilted, 300)
    assert any(note.startswith("deskewed") for note in notes)
    assert_rows(lines, 0.08)


@needs_pango
def test_low_resolution_table_comes_out_as_rows() -> None:
    # A 90 dpi JPEG without a resolution in it, like the real scans' holiday list and exam routine.
    small = cv2.resize(rendered_page(), None, fx=0.3, fy=0.3, interpolation=cv2.INTER_AREA)
    buffer = io.BytesIO()
    Image.fromarray(small).save(buffer, format="JPEG", quality=70)
    jpeg = np.asarray(Image.open(io.BytesIO(buffer.getvalue())).convert("L"))
    lines, notes = read(jpeg, None)
    assert any(note.startswith("upscaled") for note in notes)
    assert_rows(lines, 0.25)


def word(text: str, left: int, top: int, line: int) -> OcrWord:
    return OcrWord(text, left, top, 25 * len(text), 40, 95.0, 1, 1, line)


def test_words_go_to_the_cells_the_rules_draw() -> None:
    # Tesseract reads straight across the columns (one "line" per text row); the rules put each word in its cell.
    rules = [Rule(x, 100, x, 500) for x in (50, 200, 1000, 1600)]
    rules += [Rule(50, y, 1600, y) for y in (100, 300, 500)]
    words = [
        word("১", 100, 120, 1),
        word("সংযোগ", 250, 120, 1),
        word("সচল", 450, 120, 1),
        word("গৃহীত", 1050, 120, 1),
        word("রাখতে", 250, 180, 2),
        word("হয়।", 1050, 180, 2),
        word("২", 100, 320, 3),
        word("কমিটি", 250, 320, 3),
        word("গঠিত", 1050, 320, 3),
        word("শেষ", 100, 600, 4),
    ]
    assert page_text(words, 1700, rules).splitlines() == [
        "১\tসংযোগ সচল রাখতে\tগৃহীত হয়।",
        "২\tকমিটি\tগঠিত",
        "শেষ",
    ]


def test_a_frame_round_a_paragraph_is_not_a_table() -> None:
    rules = [Rule(40, 80, 40, 300), Rule(1600, 80, 1600, 300)]
    words = [word("বিষয়:", 100, 100, 1), word("সভা", 260, 100, 1), word("আহ্বান।", 380, 100, 1)]
    words += [word("উপর্যুক্ত", 100, 170, 2), word("বিষয়", 330, 170, 2)]
    assert page_text(words, 1700, rules) == "বিষয়: সভা আহ্বান।\nউপর্যুক্ত বিষয়"
