"""Whether a scanned page's text layer is the text of its image: a quick OCR of one strip, compared.

`pipeline.ocr.textlayer` judges a layer by what can be seen in its text alone. On a page covered by an image
that is not enough: a flatbed scanner's software may put its own English OCR under a Bangla page (real scan
s01: `rrf r-5--+ <- i -:rr`, 80% CER read from it), which is clean Latin text to every test of the text. So
on such a page one strip of the image is read by OCR (an eighth of an A4 page: 0.3–0.5 s, not a page's
1.5–2 s) and the layer is rejected when it lacks the script the strip reads, or holds too few of its words.
A layer with no Bangla at all is judged by the page's full OCR instead (`judged`): such a page is nearly
always OCR'd whole anyway, so a strip would be one more Tesseract run for nothing.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import replace

import numpy as np
import regex

from pipeline.ocr.tesseract import OcrSettings, OcrWord, ink_mask, ocr_words
from pipeline.ocr.textlayer import PageText, assess

# The strip read: this many inches of the page (six to eight lines of letter text, an eighth of A4), where
# the most rows hold text-like ink.
STRIP_INCHES = 1.5
ASSUMED_DPI = 300
# Rows whose ink covers between these shares of the width look like text (not blank, not a bar or a photo).
TEXT_ROW_INK = (0.005, 0.3)
# Sample words read with at least this confidence (0–100), and of at least this many letters, are compared.
MIN_WORD_CONFIDENCE = 60.0
MIN_WORD_LETTERS = 3
# A layer with Bangla letters under this share of its letters has no Bangla, when the strip reads at least
# this many Bangla words.
LATIN_LAYER_SHARE = 0.05
MIN_BANGLA_WORDS = 5
# With at least this many sample words, under this share of them found in the layer means it is not the
# page's text. An earlier OCR of the same page (OCRmyPDF's) holds 80–100% of them; another page's text, or
# a scanner's junk, almost none.
MIN_SAMPLE_WORDS = 8
MIN_SHARED_WORDS = 0.3

_NOT_LETTER = regex.compile(r"[^\p{L}\p{M}\p{N}]+")
_BANGLA = regex.compile(r"[\u0980-\u09FF]")


def text_strip(image: np.ndarray, dpi: int | None) -> np.ndarray:
    """The band of the page, STRIP_INCHES high, with the most rows of text-like ink."""
    height = image.shape[0]
    band = max(1, round(STRIP_INCHES * (dpi or ASSUMED_DPI)))
    share = ink_mask(image).mean(axis=1)
    low, high = TEXT_ROW_INK
    texty = np.concatenate(([0], np.cumsum((share >= low) & (share <= high))))
    scores = texty[band:] - texty[:-band] if height > band else texty[-1:]
    top = int(np.argmax(scores))
    return image[top : top + band]


def _compact(text: str) -> str:
    """Letters, marks and digits only, NFC, case-folded: how words are matched across two OCRs."""
    return _NOT_LETTER.sub("", unicodedata.normalize("NFC", text)).casefold()


def sample_words(image: np.ndarray, settings: OcrSettings, dpi: int | None) -> list[str]:
    """The confident words OCR reads in the page's text strip, compacted (see `_compact`)."""
    return confident_words(ocr_words(text_strip(image, dpi), settings, dpi=dpi))


def confident_words(words: Iterable[OcrWord]) -> list[str]:
    """The words read with confidence and of enough letters, compacted (see `_compact`)."""
    found = (_compact(word.text) for word in words if word.conf >= MIN_WORD_CONFIDENCE)
    return [word for word in found if len(regex.findall(r"\p{L}", word)) >= MIN_WORD_LETTERS]


def has_bangla(layer: str) -> bool:
    """Whether the layer holds Bangla: at least LATIN_LAYER_SHARE of its letters."""
    return assess(layer).bangla_share >= LATIN_LAYER_SHARE


def misfit(layer: str, sample: list[str]) -> str | None:
    """Why the layer is not the text of the page the sample words were read from; None when it may be."""
    bangla = sum(bool(_BANGLA.search(word)) for word in sample)
    if bangla >= MIN_BANGLA_WORDS and not has_bangla(layer):
        return f"the layer has no Bangla, the page does (OCR reads {bangla} Bangla words on it)"
    if len(sample) >= MIN_SAMPLE_WORDS:
        compact = _compact(layer)
        shared = sum(word in compact for word in sample) / len(sample)
        if shared < MIN_SHARED_WORDS:
            return f"the layer disagrees with the page: it holds {shared:.0%} of {len(sample)} words OCR reads on it"
    return None


def check_layer(page: PageText, image: np.ndarray, settings: OcrSettings, dpi: int | None) -> PageText:
    """The page as it was, or judged `broken` with the reason in its note when its layer does not fit the image."""
    return _verdict(page, misfit(page.text, sample_words(image, settings, dpi)))


def judged(page: PageText, words: Iterable[OcrWord]) -> PageText:
    """`check_layer` by the words an OCR of the whole page read, instead of a strip's."""
    return _verdict(page, misfit(page.text, confident_words(words)))


def _verdict(page: PageText, reason: str | None) -> PageText:
    """The page as it was when there is no reason against its layer, else `broken` with the reason in its note."""
    if reason is None:
        return page
    return replace(page, verdict="broken", note="; ".join(filter(None, [page.note, reason])))
