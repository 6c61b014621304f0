"""OCR steps made for what real scans show, on rendered pages that show the same thing (real Tesseract).

Latin words set in a serif Latin font inside Bangla lines (real scan s01: Online-এ, Submit, User ID, web
addresses), which the Bengali script model misreads; and pages scanned at 70–90 dpi (real scans s03, s04,
s10), whose small text needs upscaling and must not be denoised.
"""

from __future__ import annotations

import io
import shutil

import cv2
import numpy as np
import pytest
from PIL import Image

from pipeline.ocr.cleanup import CleanupOptions, clean
from pipeline.ocr.latin import latin_runs
from pipeline.ocr.metrics import cer
from pipeline.ocr.tesseract import OcrSettings, OcrWord, ocr_image
from scripts import make_scans as ms

needs_pango = pytest.mark.skipif(shutil.which("pango-view") is None, reason="needs pango-view (pango1.0-tools)")

MIXED = (
    "i. Online-এ আবেদনপত্র পূরণ ও পরীক্ষার ফি জমাদান শুরুর তারিখ ও সময়।\n"
    "উক্ত সময়সীমার মধ্যে User ID প্রাপ্ত প্রার্থীগণ Online-এ আবেদনপত্র Submit এর সময় থেকে\n"
    "SMS-এর মাধ্যমে পরীক্ষার ফি জমা দিবেন। Applicant's Copy তে কোনো তথ্য ভুল থাকে বা ছবি অস্পষ্ট\n"
    "হলে পুনরায় আবেদন করতে পারবেন।"
)
LETTER = (
    "গণপ্রজাতন্ত্রী বাংলাদেশ সরকার\nপ্রাথমিক শিক্ষা অধিদপ্তর\nসেকশন ২, মিরপুর, ঢাকা ১২১৬।\n"
    "স্মারক নম্বর-৩৮.০১.০০০০.১০৭.১৮.০০৩.২২-৮৯২\tতারিখ: ২৪ বৈশাখ ১৪৩১\n"
    "বিষয়: 'শেখ রাসেল পদক ২০২৪' এর জন্য আবেদন আহ্বান।\n"
    "উপর্যুক্ত বিষয় ও সূত্রের প্রেক্ষিতে জানানো যাচ্ছে যে, শিক্ষার্থী এবং শিশু-কিশোরদের মধ্যে শেখ রাসেলের "
    "অমর স্মৃতি জাগ্রত রাখার লক্ষ্যে প্রতি বছর পদক প্রদান করা হয়। আগামী ৩০/০৫/২০২৪ তারিখের মধ্যে নির্ধারিত "
    "ছকে আবেদন প্রেরণের জন্য সংশ্লিষ্ট সকলকে অনুরোধ করা হলো।"
)


@needs_pango
def test_latin_words_in_a_serif_font_are_read_again_with_a_latin_model() -> None:
    page = ms.pad_to_a4(ms._text_image(MIXED, "DejaVu Serif, Noto Sans Bengali", 300), 300)
    plain = ocr_image(page, OcrSettings(latin_lang=""), 300).text
    read = ocr_image(page, OcrSettings(), 300).text
    # The script model alone: U5er ID, 0nline-এ, 5ওubদেiচt, 5M5-এর, Applicant'5 €০py (4% CER).
    assert cer(plain, MIXED) > 0.03
    assert cer(read, MIXED) < 0.015
    for words in ("User ID", "Online-এ আবেদনপত্র Submit", "SMS-এর", "Applicant's Copy"):
        assert words in read


def word(text: str, conf: float, left: int) -> OcrWord:
    return OcrWord(text, left, 100, 30 * len(text), 40, conf, 1, 1, 1)


def test_only_latin_words_that_look_misread_are_read_again() -> None:
    words = [
        word("নিয়মাবলী", 95, 0),
        word("www.dpe.gov.bd", 72, 300),  # unsure, but read right: not worth a second Tesseract run
        word("এবং", 93, 800),
        word("0nline-এ", 77, 1000),  # a digit opening letters, a Bangla ending
        word("5ubmেiট", 3, 1300),
        word("এর", 95, 1600),
    ]
    assert [[words[i].text for i in run.indices] for run in latin_runs(words)] == [["0nline-এ", "5ubmেiট"]]


def low_resolution(page: np.ndarray, scale: float) -> np.ndarray:
    """The page scanned at `scale` of its resolution and saved as a JPEG without a resolution in it."""
    small = cv2.resize(page, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    buffer = io.BytesIO()
    Image.fromarray(small).save(buffer, format="JPEG", quality=70)
    return np.asarray(Image.open(io.BytesIO(buffer.getvalue())).convert("L"))


@needs_pango
def test_low_resolution_page_is_upscaled_and_not_denoised() -> None:
    scan = low_resolution(ms.pad_to_a4(ms._text_image(LETTER, "Noto Sans Bengali", 300), 300), 0.25)  # 75 dpi
    cleaned = clean(scan, CleanupOptions(), None)
    assert any(note.startswith("upscaled") for note in cleaned.notes)
    assert not any(note.startswith(("denoised", "whitened")) for note in cleaned.notes)
    upscaled = cer(ocr_image(cleaned.image, OcrSettings(), cleaned.dpi).text, LETTER)
    as_it_is = clean(scan, CleanupOptions(upscale=False), None)
    assert upscaled < 0.05
    assert upscaled < cer(ocr_image(as_it_is.image, OcrSettings(), as_it_is.dpi).text, LETTER)


@needs_pango
def test_page_at_scan_resolution_is_left_at_its_size() -> None:
    page = ms.pad_to_a4(ms._text_image(LETTER, "Noto Sans Bengali", 300), 300)
    cleaned = clean(low_resolution(page, 0.6), CleanupOptions(), None)  # 180 dpi
    assert cleaned.image.shape == low_resolution(page, 0.6).shape
    assert not any(note.startswith("upscaled") for note in cleaned.notes)


@needs_pango
def test_a_memo_number_read_unsurely_is_named_in_a_warning() -> None:
    text = LETTER.replace("স্মারক নম্বর-৩৮.০১.০০০০.১০৭.১৮.০০৩.২২-৮৯২", "স্মারক নং- আশিবো/প্রশা/২০১০/২১")
    page = ms.pad_to_a4(ms._text_image(text, "Noto Sans Bengali", 300), 300)
    found = {}
    for scale in (1.0, 0.18):  # 300 dpi, and 54 dpi, where the number reads at confidence 40
        cleaned = clean(low_resolution(page, scale) if scale < 1 else page, CleanupOptions(), None)
        found[scale] = [w for w in ocr_image(cleaned.image, OcrSettings(), cleaned.dpi).warnings if "unsure" in w]
    assert found[1.0] == []
    assert len(found[0.18]) == 1 and found[0.18][0].startswith("ocr-unsure-memo: the memo number 'আ")
