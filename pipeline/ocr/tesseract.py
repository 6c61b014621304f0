"""The Tesseract wrapper: OCR of a page image into words and text, orientation detection, the version.

Measured (Tesseract 5.3.0, OMP_THREAD_LIMIT=1) on 48 A4 letters rendered from devset/ with pango-view in
Noto Sans, Noto Serif and Lohit Bengali, 12 pages a column; CER after NFC, joiners removed, ৰ→র,
whitespace collapsed. skew: 3°; noisy: 1.5° skew, blur, noise, specks; 200 dpi: noisy and JPEG q45.

| run                                            | clean | skew  | noisy | 200 dpi |
| ---------------------------------------------- | ----- | ----- | ----- | ------- |
| tesseract -l Bengali --psm 6 (raw CLI)         | 5.46  | 11.34 | 10.41 | 11.13   |
| tesseract -l ben+eng --psm 6                   | 6.02  | 15.42 | 16.74 | 13.43   |
| tesseract -l ben --psm 6                       | 7.51  | 15.55 | 17.84 | 14.67   |
| tesseract -l Bengali --psm 3                   | 5.20  | 29.63 | 22.79 | 8.47    |
| ocr_image, no cleanup, quirks fixed            | 5.25  | 10.86 | 10.19 | 11.21   |
| + dropped lines read again (psm 13)            | 3.80  | 10.34 | 9.90  | 10.70   |
| default cleanup, no line recovery              | 5.25  | 5.16  | 5.20  | 4.82    |
| default cleanup + recovery (the defaults)      | 3.80  | 3.82  | 3.70  | 3.58    |
| defaults, recovery with psm 7                  | 4.96  | 4.88  | 4.89  | 4.89    |

Hence: lang Bengali, psm 6 (psm 3 loses whole blocks on skewed and noisy pages); dropped lines re-read
with psm 13 (a raw line: psm 7 and 6 return nothing on many of the crops, as on the page).

Speed (one core): Tesseract runs in this process with its models loaded once (`pipeline.ocr.engine`); the
bands of a page are read in one run, as its pages. Tesseract's reading of unsure words inverted (white on
black, `tessedit_do_invert`) is off: 11–18% less time on 13 pages (real scans s01 and s08, the committed
samples), the same text on every rendered page and s08, and on real s01 p2 2.60% CER instead of 2.72%;
letters do not print white on black. Measured and not taken: cropping the white margins (1.5% faster, the
text changed), no dictionaries (no faster: the script model has none to load).
"""

from __future__ import annotations

import csv
import io
import statistics
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

import cv2
import numpy as np
import regex
from pydantic import BaseModel, Field

from pipeline.ocr import engine
from pipeline.ocr.doubt import unsure_memo_numbers
from pipeline.ocr.engine import OcrError as OcrError  # raised here too: callers catch it from this module
from pipeline.ocr.latin import reread_latin
from pipeline.ocr.layout import Rule, page_text
from pipeline.warning_codes import note, warning


class OcrSettings(BaseModel):
    """How Tesseract is run on a page and what is done with its output."""

    lang: str = "Bengali"
    psm: int = Field(default=6, ge=0, le=13)
    oem: int = Field(default=1, ge=0, le=3)
    inverted: bool = Field(
        default=False, description="let Tesseract also try each unsure word as white on black (tessedit_do_invert)"
    )
    timeout: float = Field(default=120.0, gt=0, description="seconds for one Tesseract run")
    fix_quirks: bool = True
    recover_lines: bool = True
    recover_psm: int = Field(default=13, ge=0, le=13)
    latin_lang: str = Field(default="eng", description="model unsure Latin words are read again with; '': none")
    latin_ending_lang: str = Field(
        default="Bengali+eng",
        description="model a Latin word with a Bangla case ending (SMS-এর) is read with when latin_lang's reading "
        "of it was not taken; '': none",
    )
    min_confidence: float = Field(default=0.7, ge=0, le=1, description="mean word confidence below which to warn")


@dataclass
class OcrWord:
    """One word as Tesseract found it; box in pixels of the page image, conf 0–100."""

    text: str
    left: int
    top: int
    width: int
    height: int
    conf: float
    block: int
    par: int
    line: int


@dataclass
class OcrPage:
    """The OCR of one page: its text in reading order, its words, mean word confidence (0–1), warnings, and
    notes on what was routinely done (`pipeline.warning_codes`)."""

    text: str
    words: list[OcrWord]
    confidence: float
    warnings: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def tesseract_version() -> str:
    """Tesseract's version, `tesseract 5.3.0` (part of the cache key: a new engine reads differently)."""
    return engine.version()


def detect_orientation(image: np.ndarray, dpi: int | None = None) -> tuple[int, float] | None:
    """Tesseract's OSD: the clockwise turn (0/90/180/270) that makes the page upright, and its confidence;
    None when it cannot tell."""
    # OSD gives up under 50 "characters" by default; a Bangla word joined by its headline counts as one.
    return engine.orientation(image, dpi, min_characters=10)


_TSV_FIELDS = ["level", "page_num", "block_num", "par_num", "line_num", "word_num"]
_TSV_FIELDS += ["left", "top", "width", "height", "conf", "text"]


def parse_tsv_pages(tsv: str, count: int) -> list[list[OcrWord]]:
    """The words (level 5 rows with text) of each of `count` images read in one run (`engine.read_tsv`)."""
    pages: list[list[OcrWord]] = [[] for _ in range(count)]
    for row in csv.DictReader(io.StringIO(tsv), _TSV_FIELDS, delimiter="\t", quoting=csv.QUOTE_NONE):
        text = (row.get("text") or "").strip()
        if row.get("level") != "5" or not text:
            continue
        pages[int(row["page_num"]) - 1].append(
            OcrWord(
                text=text,
                left=int(row["left"]),
                top=int(row["top"]),
                width=int(row["width"]),
                height=int(row["height"]),
                conf=float(row["conf"]),
                block=int(row["block_num"]),
                par=int(row["par_num"]),
                line=int(row["line_num"]),
            )
        )
    return pages


def ocr_words(
    image: np.ndarray, settings: OcrSettings, psm: int | None = None, dpi: int | None = None
) -> list[OcrWord]:
    """Tesseract's words for ``image``, unfixed."""
    return ocr_words_pages([image], settings, psm, dpi)[0]


def ocr_words_pages(
    images: list[np.ndarray], settings: OcrSettings, psm: int | None = None, dpi: int | None = None
) -> list[list[OcrWord]]:
    """Tesseract's words for each image, unfixed, from one run."""
    invert = {"tessedit_do_invert": str(int(settings.inverted))}
    mode = settings.psm if psm is None else psm
    tsv = engine.read_tsv(images, settings.lang, settings.oem, mode, invert, dpi, settings.timeout)
    return parse_tsv_pages(tsv, len(images))


def ocr_image(image: np.ndarray, settings: OcrSettings, dpi: int | None = None, rules: Sequence[Rule] = ()) -> OcrPage:
    """OCR of one page image (grayscale uint8): words, text in reading order, confidence, warnings and notes.
    `rules`: the table rules clean-up took off the image, which the layout reads tables by."""
    warnings: list[str] = []
    notes: list[str] = []
    words = ocr_words(image, settings, dpi=dpi)
    if settings.recover_lines:
        found = recover_dropped_lines(image, words, settings, dpi)
        if found:
            words = merge_recovered(words, found)
            lines = len({(w.block, w.line) for w in found})
            notes.append(note("ocr-lines-recovered", f"recovered {lines} line(s) Tesseract had dropped"))
    if settings.latin_lang:
        latin = settings.model_copy(update={"lang": settings.latin_lang})
        ending = settings.model_copy(update={"lang": settings.latin_ending_lang})
        words = reread_latin(
            image,
            words,
            lambda stack: ocr_words(stack, latin, dpi=dpi),
            (lambda stack: ocr_words(stack, ending, dpi=dpi)) if settings.latin_ending_lang else None,
        )
    if settings.fix_quirks:
        words = [replace(word, text=fix_quirks(word.text)) for word in words]
    confidence = mean_confidence(words)
    if not words:
        warnings.append(warning("ocr-no-text", "no text found on the page"))
    elif confidence < settings.min_confidence:
        low = f"low OCR confidence {confidence:.2f} (under {settings.min_confidence:.2f})"
        warnings.append(warning("ocr-low-confidence", low))
    for number in unsure_memo_numbers(words):
        unsure = f"the memo number '{number.text}' read at confidence {number.conf:.0f} of 100: check it on the page"
        warnings.append(warning("ocr-unsure-memo", unsure))
    return OcrPage(page_text(words, image.shape[1], rules), words, confidence, warnings, notes)


def mean_confidence(words: list[OcrWord]) -> float:
    """Mean word confidence on a 0–1 scale (0 for no words)."""
    values = [word.conf for word in words if word.conf >= 0]
    return statistics.fmean(values) / 100 if values else 0.0


# --- the script model's quirks -------------------------------------------------------------------------

_BANGLA_DIGITS = str.maketrans("08", "০৪")
# A run of digits with separators: its Latin 0 and 8 are misread ০ and ৪ when it holds a Bangla digit, or
# when it is made of 0 and 8 only and a danda follows (a list number: 8। → ৪।). A Latin year stays Latin.
_NUMBER = regex.compile(r"[০-৯0-9](?:[০-৯0-9]|[./,:\-](?=[০-৯0-9]))*")
_CONSONANT = r"[\u0995-\u09B9\u09CE\u09DC-\u09DF]\u09BC?"
# ৷ (U+09F7) or | stands for the vowel sign া when it closes a word after a consonant (ক৷ → কা), or after
# the sign ে, with which া makes ো (জানানে| → জানানো).
_AA_MISREAD = regex.compile(rf"(?<={_CONSONANT}|\u09C7)[\u09F7|](?![\u0980-\u09FF])")
# A word-final ৷ elsewhere is a danda.
_CURRENCY_FOUR_AS_DANDA = regex.compile(r"\u09F7(?![\u0980-\u09FF])")
# $ after a Bangla letter or sign is the visarga ঃ (তারিখ$ → তারিখঃ, মো$ → মোঃ).
_DOLLAR_AS_VISARGA = regex.compile(r"(?<=[\u0985-\u09B9\u09BC-\u09CC\u09CE\u09D7\u09DC-\u09DF])\$")


def _fix_number(match: regex.Match[str]) -> str:
    number = match.group()
    if regex.search(r"[০-৯]", number):
        return number.translate(_BANGLA_DIGITS)
    if not regex.search(r"[1-79]", number) and match.string.startswith("।", match.end()):
        return number.translate(_BANGLA_DIGITS)
    return number


def fix_quirks(text: str) -> str:
    """Undo the Bengali script model's known misreads, each only in the context where it is a misread."""
    text = text.replace("\u09f0", "\u09b0")  # ৰ (Assamese ra) is never right in Bangla text
    text = _AA_MISREAD.sub("\u09be", text)
    text = _CURRENCY_FOUR_AS_DANDA.sub("\u0964", text)
    text = _DOLLAR_AS_VISARGA.sub("\u0983", text)
    text = _NUMBER.sub(_fix_number, text)
    # ে followed by া is ো: compose it as a typed ো would be.
    return unicodedata.normalize("NFC", text) if "\u09c7\u09be" in text else text


# --- lines Tesseract dropped ---------------------------------------------------------------------------


# A band taller than this many line heights is not one line.
MAX_BAND_LINES = 2.5
# Share of ink above which a band is a solid shape (border, bar, photo) rather than text (text: 0.1–0.3).
MAX_TEXT_DENSITY = 0.45
MIN_RECOVERED_CONFIDENCE = 50.0
RECOVERED_BLOCK = 1000


@dataclass(frozen=True)
class Band:
    """A horizontal band of ink [top, bottom) with the x-range [left, right) that no OCR word covers."""

    top: int
    bottom: int
    left: int
    right: int


def ink_mask(image: np.ndarray) -> np.ndarray:
    """Ink as True (Otsu threshold)."""
    _, binary = cv2.threshold(image, 0, 255, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)
    return binary > 0


def _line_height(words: list[OcrWord], image: np.ndarray) -> int:
    heights = [word.height for word in words if word.conf > 0]
    return int(statistics.median(heights)) if heights else max(20, image.shape[0] // 100)


def _runs(flags: np.ndarray, bridge: int) -> list[tuple[int, int]]:
    """[start, end) of the runs of True, runs closer than ``bridge`` joined."""
    edges = np.flatnonzero(np.diff(np.concatenate(([0], flags.astype(np.int8), [0]))))
    runs: list[list[int]] = []
    for start, end in zip(edges[::2].tolist(), edges[1::2].tolist(), strict=True):
        if runs and start - runs[-1][1] < bridge:
            runs[-1][1] = end
        else:
            runs.append([start, end])
    return [(start, end) for start, end in runs]


def uncovered_bands(image: np.ndarray, words: list[OcrWord]) -> list[Band]:
    """Line-like stretches of ink outside every OCR word box: where Tesseract dropped a line.

    The word boxes (grown a little: vowel signs and dots stick out of them) are taken off the ink; rows
    still holding ink form bands, and each band's inked columns, split at gaps wider than three line
    heights, give the stretches. Stretches shorter than two line heights, taller than MAX_BAND_LINES
    line heights (lines run together, a picture) or too solid for text (a border, a bar) are left out.
    """
    ink = ink_mask(image)
    height = _line_height(words, image)
    rest = ink.copy()
    grow_x, grow_y = height // 3, height // 6
    for word in words:
        rest[
            max(0, word.top - grow_y) : word.top + word.height + grow_y,
            max(0, word.left - grow_x) : word.left + word.width + grow_x,
        ] = False
    found = []
    for top, bottom in _runs(rest.sum(axis=1) >= max(2, height // 4), bridge=max(2, height // 4)):
        if not height // 2 <= bottom - top <= MAX_BAND_LINES * height:
            continue
        for left, right in _runs(np.asarray(rest[top:bottom].any(axis=0)), bridge=3 * height):
            density = float(ink[top:bottom, left:right].mean())
            if right - left >= 2 * height and density <= MAX_TEXT_DENSITY:
                found.append(Band(top, bottom, left, right))
    return found


def recover_dropped_lines(
    image: np.ndarray, words: list[OcrWord], settings: OcrSettings, dpi: int | None
) -> list[OcrWord]:
    """Words read again from crops of ink Tesseract found no line in, in page coordinates.

    In the crop the boxes of the words already read are painted white, so that the neighbouring lines'
    edges are not read again. A band's words are kept only if their mean confidence reaches
    MIN_RECOVERED_CONFIDENCE: re-reading a stamp, a signature or a scanner's edge gives garbage. All the
    crops are read in one Tesseract run.
    """
    page_height, page_width = image.shape
    origins, crops = [], []
    for band in uncovered_bands(image, words):
        pad = max(10, (band.bottom - band.top) // 2)
        top, left = max(0, band.top - pad), max(0, band.left - pad)
        bottom, right = min(page_height, band.bottom + pad), min(page_width, band.right + pad)
        crop = image[top:bottom, left:right].copy()
        for word in words:
            crop[
                max(0, word.top - top) : max(0, word.top + word.height - top),
                max(0, word.left - left) : max(0, word.left + word.width - left),
            ] = 255
        origins.append((top, left))
        crops.append(crop)
    if not crops:
        return []
    recovered: list[OcrWord] = []
    read = ocr_words_pages(crops, settings, psm=settings.recover_psm, dpi=dpi)
    for number, ((top, left), band_words) in enumerate(zip(origins, read, strict=True), start=1):
        found = [word for word in band_words if word.conf >= 0]
        if not found or mean_confidence(found) * 100 < MIN_RECOVERED_CONFIDENCE:
            continue
        # Block numbers past Tesseract's own mark the words as recovered; one line per band.
        recovered += [
            replace(word, left=word.left + left, top=word.top + top, block=RECOVERED_BLOCK + number, par=1, line=1)
            for word in found
        ]
    return recovered


def merge_recovered(words: list[OcrWord], recovered: list[OcrWord]) -> list[OcrWord]:
    """All words, the recovered lines placed before the first OCR line that lies below them."""
    result = list(words)
    by_line: dict[int, list[OcrWord]] = {}
    for word in recovered:
        by_line.setdefault(word.block, []).append(word)
    for line in sorted(by_line.values(), key=lambda line: min(word.top for word in line)):
        middle = statistics.fmean(word.top + word.height / 2 for word in line)
        index = next((i for i, word in enumerate(result) if word.top > middle), len(result))
        result[index:index] = sorted(line, key=lambda word: word.left)
    return result
