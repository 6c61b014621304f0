"""Image cleanup before OCR: borders, table rules, stamps, noise, skew, orientation, low resolution.

Every step runs only where the page shows the need for it (a measured skew, specks, grey ink with no dark
core, long straight lines, small text). Chosen by CER on the real transcribed pages (benchmarks/real_scans.py,
s01 p2 and s08 p1, also scaled down to 75–150 dpi) and on the rendered scan corpus (`smarak ocr-eval`);
figures in README, "Scans and PDFs":
- deskew ON: 3° skew 10.9% → 3.9% on rendered letters; ~0.1 s a page.
- denoise ON on pages measured noisy (specks per megapixel), never on small text: noisy 10.3% → 3.7%
  rendered; on real pages at 75–100 dpi the specks are parts of letters and the median filter took them
  to 27–65% CER.
- upscale ON for small text only (median ink blob under SMALL_TEXT_PX): real pages at 75–100 dpi
  13–65% → 1.4–13%; pages at 150 dpi and up are left at their size (upscaling a 200 dpi scan to 300 made
  it worse in OCR-NOTES, and costs OCR time).
- stamps ON: grey ink with no dark core, away from every letter, on a page where it is a good share of the
  ink; the rendered corpus's 13 stamped degraded pages (Noto Sans) 2.3–35% → 0.1–11% CER.
- rules ON: a ruled table reads as garbage (| [ ____) without it; the rules found become the table's
  column and row boundaries in the layout step (`pipeline.ocr.layout`); ~0.03 s.
- orientation ON: a cheap ink-profile test (~0.02 s) passes upright Bangla pages; only the others pay for
  Tesseract's OSD (~0.5 s). Turned pages are unreadable without it.
- border OFF: Tesseract read the bordered test pages as well with the border as without it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import cv2
import numpy as np
from pydantic import BaseModel

from pipeline.ocr.layout import Rule
from pipeline.ocr.tesseract import OcrError, detect_orientation

Point = Callable[[float, float], tuple[float, float]]


class CleanupOptions(BaseModel):
    """Which cleanup steps run (each only on a page that shows the need for it)."""

    deskew: bool = True
    orientation: bool = True
    denoise: bool = True
    upscale: bool = True
    border: bool = False
    rules: bool = True
    stamps: bool = True


@dataclass(frozen=True)
class CleanPage:
    """A page after clean-up: its pixels, their resolution (None: unknown), the rules taken off it (in its
    pixels, for the table layout) and a note for each step that changed it."""

    image: np.ndarray
    dpi: int | None
    rules: tuple[Rule, ...] = ()
    notes: tuple[str, ...] = ()


def clean(image: np.ndarray, options: CleanupOptions, dpi: int | None) -> CleanPage:
    """The page after the chosen steps, each run only where the page shows the need.

    Order: the size of the text first, on the pixels as they came: small text is upscaled, and gets neither
    denoising (its "specks" are dots and signs of letters) nor stamp removal (its strokes have no dark core
    to tell them from a stamp's). Then noise and skew, so that stamps and rules are searched for on a level
    page (a rule tilted by 2° leaves a straight kernel within an inch); stamps before rules (a stamp's round
    sides would pass for short rules) but keeping straight lines (a blurred rule is grey through, like a
    stamp's stroke); rules before the orientation test, whose ink profiles they would mislead. The rules
    found are moved with a later turn of the page.
    """
    notes: list[str] = []
    # The ink (Otsu) of the pixels as they stand, computed once for every step that reads them until one
    # changes them; one pass over the ink's blobs serves the border, the text height and the speckle count.
    ink = _Ink(image)
    components = ink_components(image, ink.full)
    if options.border:
        image, removed = remove_border(image, components)
        if removed:
            notes.append(f"removed a dark border ({removed} pixels)")
            ink = ink.of(image)
            components = ink_components(image, ink.full)
    blobs = components[1][1:]
    text = text_height(image, blobs)
    small = text is not None and text < SMALL_TEXT_PX
    if options.upscale and text is not None and small:
        factor = TARGET_TEXT_PX / text
        image = upscale(image, factor)
        dpi = round(dpi * factor) if dpi else None
        notes.append(f"upscaled ×{factor:.1f} (text {text:.0f} px high)")
        text = TARGET_TEXT_PX
    if options.denoise and not small:
        level = speckle_density(image, blobs)  # not small: not upscaled, so the blobs are still this image's
        if level >= NOISY_SPECKLES:
            image = denoise(image)
            notes.append(f"denoised ({level:.0f} specks per megapixel)")
    if options.deskew:
        ink = ink.of(image)
        image, angle = deskew(image, ink.full)
        if angle:
            notes.append(f"deskewed by {angle:.2f}°")
    if options.stamps and not small:
        ink = ink.of(image)
        image, share = remove_stamps(image, dpi or _dpi_of_text(text), ink.otsu)
        if share:
            notes.append(f"whitened a stamp's grey ink ({share:.0%} of the ink)")
    rules: list[Rule] = []
    if options.rules:
        ink = ink.of(image)
        image, rules = remove_rules(image, dpi or _dpi_of_text(text), ink.half)
        if rules:
            notes.append(f"removed {len(rules)} table rule(s)")
    if options.orientation:
        shape = image.shape
        image, turned = orient(image, dpi, ink.of(image).half)
        if turned:
            rules = [rule.moved(_turn_point(shape, turned)) for rule in rules]
            notes.append(f"turned by {turned}° clockwise (page was not upright)")
        if turned in (90, 270) and options.deskew:
            # The first skew search ran across the text lines; search again now that they run across.
            image, angle = deskew(image)
            if angle:
                rules = [rule.moved(_rotation_point(image.shape, -angle)) for rule in rules]
                notes.append(f"deskewed by {angle:.2f}°")
    return CleanPage(image, dpi, tuple(rules), tuple(notes))


# --- skew ----------------------------------------------------------------------------------------------

MAX_SKEW = 5.0
# Rotating resamples the whole page; below this angle it costs more than the tilt does.
MIN_SKEW = 0.15
_SKEW_WIDTH = 800  # the search runs on a copy this wide: 0.05° over 800 px is under a pixel


def _otsu(image: np.ndarray) -> tuple[float, np.ndarray]:
    """Otsu's threshold of the page and its ink: 255 where a pixel is at or under the threshold, else 0."""
    threshold, binary = cv2.threshold(image, 0, 255, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)
    return threshold, binary


def _ink(image: np.ndarray) -> np.ndarray:
    return _otsu(image)[1]


def _half(ink: np.ndarray) -> np.ndarray:
    """The ink at half size, each pixel the mean of a 2×2 block (what the rule search and the orientation test read)."""
    return cv2.resize(ink, None, fx=0.5, fy=0.5, interpolation=cv2.INTER_AREA)


class _Ink:
    """The ink of one state of the page's pixels, full and half size, each computed when first asked for (the
    Otsu threshold alone is ~7 ms on a 300 dpi page, and five steps read it)."""

    def __init__(self, image: np.ndarray) -> None:
        self.image = image
        self._otsu: tuple[float, np.ndarray] | None = None
        self._half: np.ndarray | None = None

    def of(self, image: np.ndarray) -> _Ink:
        """This ink while the step before left the pixels as they were (the same array), else the new pixels'."""
        return self if image is self.image else _Ink(image)

    @property
    def otsu(self) -> tuple[float, np.ndarray]:
        """The threshold and the ink (`_otsu`)."""
        if self._otsu is None:
            self._otsu = _otsu(self.image)
        return self._otsu

    @property
    def full(self) -> np.ndarray:
        return self.otsu[1]

    @property
    def half(self) -> np.ndarray:
        if self._half is None:
            self._half = _half(self.full)
        return self._half


def _rotation(shape: tuple[int, ...], angle: float) -> np.ndarray:
    height, width = shape[:2]
    return cv2.getRotationMatrix2D((width / 2, height / 2), angle, 1.0)


def _rotate(image: np.ndarray, angle: float, fill: int) -> np.ndarray:
    height, width = image.shape[:2]
    matrix = _rotation(image.shape, angle)
    return cv2.warpAffine(image, matrix, (width, height), flags=cv2.INTER_LINEAR, borderValue=fill)


def _rotation_point(shape: tuple[int, ...], angle: float) -> Point:
    """Where `_rotate` by `angle` takes a pixel of a page of this shape."""
    matrix = _rotation(shape, angle)
    return lambda x, y: (
        float(matrix[0, 0] * x + matrix[0, 1] * y + matrix[0, 2]),
        float(matrix[1, 0] * x + matrix[1, 1] * y + matrix[1, 2]),
    )


def _turn_point(shape: tuple[int, ...], turn: int) -> Point:
    """Where a clockwise turn by 90, 180 or 270 degrees takes a pixel of a page of this shape."""
    height, width = shape[:2]
    turns: dict[int, Point] = {
        90: lambda x, y: (height - 1 - y, x),
        180: lambda x, y: (width - 1 - x, height - 1 - y),
        270: lambda x, y: (y, width - 1 - x),
    }
    return turns[turn]


def estimate_skew(image: np.ndarray, ink: np.ndarray | None = None) -> float:
    """The angle (degrees, counter-clockwise positive) the text lines are tilted by, within ±MAX_SKEW.

    Projection-profile search: the rotation that makes the row sums of the ink peakiest (sum of squared
    differences between neighbouring rows), on a 0.5° grid, then on a 0.05° grid within 0.25° of the best.
    `ink`: the page's `_ink`, when known.
    """
    ink = _ink(image) if ink is None else ink
    scale = min(1.0, _SKEW_WIDTH / ink.shape[1])
    small = cv2.resize(ink, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA) if scale < 1 else ink
    height, width = small.shape

    def score(angle: float) -> float:
        matrix = cv2.getRotationMatrix2D((width / 2, height / 2), -angle, 1.0)
        rotated = cv2.warpAffine(small, matrix, (width, height), flags=cv2.INTER_NEAREST, borderValue=0)
        # Row sums as integers (exact, as the float64 sums were: under 2**31), in a fifth of numpy's time.
        profile = cv2.reduce(rotated, 1, cv2.REDUCE_SUM, dtype=cv2.CV_32S).ravel().astype(np.float64)
        return float(np.sum(np.diff(profile) ** 2))

    coarse = np.arange(-MAX_SKEW, MAX_SKEW + 1e-9, 0.5)
    best = float(max(coarse, key=score))
    fine = np.arange(best - 0.25, best + 0.25 + 1e-9, 0.05)
    return round(float(max(fine, key=score)), 2)


def deskew(image: np.ndarray, ink: np.ndarray | None = None) -> tuple[np.ndarray, float]:
    """The page rotated level, and the angle it was tilted by (0.0 when left alone: the same array).
    `ink`: the page's `_ink`, when known."""
    angle = estimate_skew(image, ink)
    if abs(angle) < MIN_SKEW:
        return image, 0.0
    return _rotate(image, -angle, 255), angle


# --- orientation ---------------------------------------------------------------------------------------

# Tesseract's OSD confidence from which its turn is taken (turned test pages at 150 dpi: 2–10); the turn
# must also agree with the ink profiles (a 90° turn for sideways lines, 180° for headlines at the bottom).
MIN_ORIENTATION_CONFIDENCE = 1.5
# OSD's character classifier works on small blobs: a Bangla word joined by its headline is one blob, too
# big at 300 dpi ("too few characters"); at half that size the confidences measured 2–5 times higher.
_OSD_DPI = 150


def _profiles(image: np.ndarray, half: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    ink = _half(_ink(image)) if half is None else half
    return ink.sum(axis=1, dtype=np.float64), ink.sum(axis=0, dtype=np.float64)


def _unevenness(profile: np.ndarray) -> float:
    """Coefficient of variation of a profile between its first and last inked position."""
    inked = np.flatnonzero(profile > 0)
    if inked.size == 0:
        return 0.0
    span = profile[inked[0] : inked[-1] + 1]
    return float(span.std() / span.mean())


def _headline_votes(rows: np.ndarray) -> tuple[int, int]:
    """Lines whose densest row (a Bangla headline) lies in their upper half, and those where it lies lower."""
    if rows.size == 0 or rows.max() <= 0:
        return 0, 0
    flags = np.concatenate(([0], (rows > 0.05 * rows.max()).astype(np.int8), [0]))
    edges = np.flatnonzero(np.diff(flags))
    up = down = 0
    for top, bottom in zip(edges[::2], edges[1::2], strict=True):
        if bottom - top >= 8:
            if (int(np.argmax(rows[top:bottom])) + 0.5) / (bottom - top) < 0.5:
                up += 1
            else:
                down += 1
    return up, down


def orient(image: np.ndarray, dpi: int | None = None, half: np.ndarray | None = None) -> tuple[np.ndarray, int]:
    """The page turned upright, and the clockwise turn applied (0 if none).

    Text lines make the row profile of the ink far more uneven than the column profile, and in upright
    Bangla each line's densest row is its headline (matra), in the upper half of the line. A page passing
    both tests is left alone without asking Tesseract (its OSD costs 0.3–0.8 s); the others are turned as
    Tesseract's OSD says, when it is confident and agrees with the profiles. `half`: the page's `_ink` at
    half size (`_half`), when known.
    """
    rows, columns = _profiles(image, half)
    sideways = _unevenness(columns) > _unevenness(rows)
    up, down = _headline_votes(rows)
    if not sideways and _unevenness(rows) > 1.2 * _unevenness(columns) and up >= 3 and up >= 3 * down:
        return image, 0
    scale = min(1.0, _OSD_DPI / (dpi or TARGET_DPI))
    small = cv2.resize(image, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA) if scale < 1 else image
    try:
        # No resolution given: Tesseract then assumes 70 dpi, and its OSD was right on every turned test
        # page (confidence 2–10); told 150 dpi, it fell to 1.5 on some and named the script Devanagari.
        found = detect_orientation(small)
    except OcrError:
        return image, 0  # too little text to tell: leave the page as it is
    if found is None:
        return image, 0
    turn, confidence = found
    agrees = turn in (90, 270) if sideways else (turn == 180 and down > up)
    if not agrees or confidence < MIN_ORIENTATION_CONFIDENCE:
        return image, 0
    return cv2.rotate(image, _TURNS[turn]), turn


_TURNS = {90: cv2.ROTATE_90_CLOCKWISE, 180: cv2.ROTATE_180, 270: cv2.ROTATE_90_COUNTERCLOCKWISE}


# --- noise ---------------------------------------------------------------------------------------------

# Specks (ink blobs of 1–4 pixels) per megapixel at which a page counts as noisy: clean renders and
# clean scans have a few dozen at most, a noisy scan thousands.
NOISY_SPECKLES = 200.0


def _components(mask: np.ndarray) -> tuple[int, np.ndarray, np.ndarray]:
    """`cv2.connectedComponentsWithStats` (8-connected): the count, labels and stats of the mask's blobs.

    16-bit labels: the same labels and stats in a third of the time (~30 ms on a 300 dpi page, not 90); OpenCV
    refuses a mask with 65,535 blobs or more, which is labelled in 32 bits.
    """
    try:
        count, labels, stats, _ = cv2.connectedComponentsWithStats(mask, connectivity=8, ltype=cv2.CV_16U)
    except cv2.error:
        count, labels, stats, _ = cv2.connectedComponentsWithStats(mask, connectivity=8, ltype=cv2.CV_32S)
    return count, labels, stats


def ink_components(image: np.ndarray, ink: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    """The labels and stats (`cv2.CC_STAT_*` columns, the background's first) of the page's 8-connected ink blobs.
    `ink`: the page's `_ink`, when known."""
    _, labels, stats = _components(_ink(image) if ink is None else ink)
    return labels, stats


def ink_blobs(image: np.ndarray) -> np.ndarray:
    """The stats of the page's ink blobs (see `ink_components`), background left out."""
    return ink_components(image)[1][1:]


def speckle_density(image: np.ndarray, blobs: np.ndarray | None = None) -> float:
    """Ink blobs of at most 4 pixels per megapixel of the page; `blobs`: its `ink_blobs`, when known."""
    stats = ink_blobs(image) if blobs is None else blobs
    small = int(np.count_nonzero(stats[:, cv2.CC_STAT_AREA] <= 4))
    return small * 1e6 / image.size


def denoise(image: np.ndarray) -> np.ndarray:
    """3×3 median blur: removes salt-and-pepper specks, keeps strokes wider than one pixel."""
    return cv2.medianBlur(image, 3)


# --- resolution ----------------------------------------------------------------------------------------

TARGET_DPI = 300  # assumed for a page whose resolution is not known, when sizes in inches are needed
TEXT_PX_AT_TARGET_DPI = 30.0  # the median text blob of letters at TARGET_DPI (see SMALL_TEXT_PX)
# Text whose median ink blob (a word joined by its headline, a letter, a sign) is under SMALL_TEXT_PX high is
# too small for Tesseract: such a page is upscaled to TARGET_TEXT_PX, and never denoised (its "specks" are
# dots and signs of letters). Median blob heights measured: 300 dpi scans and renders 25–35 px, 150–200 dpi
# renders 19–21, the real low-resolution JPEGs (70–90 dpi) 8–10. Real pages s01 p2 and s08 p1 scaled down
# and JPEG-compressed to 75 and 100 dpi (6–11 px) read at 13–65% CER as they are or after denoising, at
# 1.4–13% upscaled to 16–24 px; left at 150 dpi (12 px) they read as well as at 300.
SMALL_TEXT_PX = 13.0
TARGET_TEXT_PX = 20.0
_TEXT_BLOB_MIN_PX = 4  # smaller blobs are noise, not text
_TEXT_BLOB_MIN_AREA = 12
# Taller than this share of the page height (or than _TEXT_BLOB_MAX_PX on a short crop) is a picture, a
# border or a vertical rule.
_TEXT_BLOB_MAX_SHARE = 0.05
_TEXT_BLOB_MAX_PX = 200
_TEXT_BLOB_MAX_ASPECT = 30  # wider than this many heights is a rule
MIN_TEXT_BLOBS = 50


def text_height(image: np.ndarray, blobs: np.ndarray | None = None) -> float | None:
    """The median height in pixels of the ink blobs that can be text; None on a page with too few of them.
    `blobs`: the page's `ink_blobs`, when known."""
    stats = ink_blobs(image) if blobs is None else blobs
    heights = stats[:, cv2.CC_STAT_HEIGHT]
    widths = stats[:, cv2.CC_STAT_WIDTH]
    areas = stats[:, cv2.CC_STAT_AREA]
    text = heights[
        (heights >= _TEXT_BLOB_MIN_PX)
        & (heights <= max(_TEXT_BLOB_MAX_SHARE * image.shape[0], _TEXT_BLOB_MAX_PX))
        & (widths <= _TEXT_BLOB_MAX_ASPECT * heights)
        & (areas >= _TEXT_BLOB_MIN_AREA)
    ]
    return float(np.median(text)) if text.size >= MIN_TEXT_BLOBS else None


def _dpi_of_text(text: float | None) -> int:
    """The resolution a page of unknown resolution seems to have, by the height of its text."""
    return round(TARGET_DPI * text / TEXT_PX_AT_TARGET_DPI) if text else TARGET_DPI


def upscale(image: np.ndarray, factor: float) -> np.ndarray:
    """The page resampled (bicubic) by ``factor``."""
    return cv2.resize(image, None, fx=factor, fy=factor, interpolation=cv2.INTER_CUBIC)


# --- borders -------------------------------------------------------------------------------------------


def remove_border(image: np.ndarray, components: tuple[np.ndarray, np.ndarray] | None = None) -> tuple[np.ndarray, int]:
    """The page with dark regions touching its edge painted white, and how many pixels were painted.
    `components`: the page's `ink_components`, when known.

    A scanner's border is one large ink component touching the edge and running along a good part of it;
    text never does, so only such components go.
    """
    height, width = image.shape[:2]
    labels, stats = ink_components(image) if components is None else components
    painted = np.zeros(len(stats), dtype=bool)
    for label in range(1, len(stats)):
        left, top, w, h, _ = stats[label]
        touches = left == 0 or top == 0 or left + w == width or top + h == height
        if touches and (w >= width / 4 or h >= height / 4):
            painted[label] = True
    if not painted.any():
        return image, 0
    mask = painted[labels]
    # Grow the mask a little: the border's anti-aliased fringe is lighter than the threshold.
    mask = cv2.dilate(mask.astype(np.uint8), np.ones((5, 5), np.uint8)) > 0
    result = image.copy()
    result[mask] = 255
    return result, int(np.count_nonzero(mask))


# --- table rules ---------------------------------------------------------------------------------------

# Straight ink runs at least this long (inches) are rules, not letters: the longest Bangla headline (matra)
# of one word is about 1.2 in even in a 16 pt heading, the tallest letter stroke under 0.3 in.
RULE_INCHES_HORIZONTAL = 2.0
RULE_INCHES_VERTICAL = 0.4


def remove_rules(image: np.ndarray, dpi: int, half: np.ndarray | None = None) -> tuple[np.ndarray, list[Rule]]:
    """The page with long horizontal and vertical lines (table rules, underlines) painted white, and the rules.

    Tesseract reads rules as | [ _ and merges them into the words beside them; the layout step reads a
    table's cells by the rules instead. `half`: the page's `_ink` at half size (`_half`), when known.
    """
    # The search runs at half size (4× faster); a one-pixel rule keeps half its darkness there.
    ink = _half(_ink(image)) if half is None else half
    ink = cv2.threshold(ink, 60, 255, cv2.THRESH_BINARY)[1]
    mask = np.zeros_like(ink)
    rules: list[Rule] = []
    for width, height in ((round(RULE_INCHES_HORIZONTAL * dpi / 2), 1), (1, round(RULE_INCHES_VERTICAL * dpi / 2))):
        kernel = cv2.getStructuringElement(cv2.MORPH_RECT, (width, height))
        found = cv2.morphologyEx(ink, cv2.MORPH_OPEN, kernel)
        count, _, stats = _components(found)
        rules += [_rule(*(2 * float(v) for v in stats[label, :4]), vertical=height > 1) for label in range(1, count)]
        mask = cv2.bitwise_or(mask, found)
    if not rules:
        return image, []
    # Back to full size, one pixel more on each side: the rule's anti-aliased edge goes too.
    mask = cv2.resize(mask, (image.shape[1], image.shape[0]), interpolation=cv2.INTER_NEAREST)
    mask = cv2.dilate(mask, np.ones((3, 3), np.uint8))
    result = image.copy()
    result[mask > 0] = 255
    return result, rules


def _rule(left: float, top: float, width: float, height: float, *, vertical: bool) -> Rule:
    """The middle line of a rule's bounding box."""
    if vertical:
        return Rule(left + width / 2, top, left + width / 2, top + height)
    return Rule(left, top + height / 2, left + width, top + height / 2)


# --- stamps --------------------------------------------------------------------------------------------

# A rubber stamp (blue, violet, red) is mid-grey on a grayscale page all through its strokes; a letter's grey
# is only the edge round a dark core. Ink darker than STAMP_CORE of the way from the page's darkest ink to the
# paper is a core; grey lighter than that, STAMP_HALO_PX or more from any core and darker than STAMP_PAPER,
# is a stamp's. A page is stamped when that grey is at least STAMP_MIN_SHARE of its ink: on the rendered
# corpus's degraded pages 0.07–0.20 with a stamp (gray 111–156, over blur, noise and JPEG), under 0.002
# without one. The earlier test, ink lighter than halfway to the paper, missed stamps darker than that
# halfway (gray 111–133: 10 of the corpus's 13 stamped pages, up to 35% CER).
STAMP_CORE = 0.35
STAMP_PAPER = 0.85
STAMP_HALO_PX = 2
STAMP_MIN_SHARE = 0.05
STAMP_KEEPS_LINES_INCHES = 1.0


def _straight_lines(mask: np.ndarray, length: int) -> np.ndarray:
    """The pixels of `mask` on horizontal or vertical runs at least `length` long."""
    lines = np.zeros(mask.shape, dtype=bool)
    for size in ((length, 1), (1, length)):
        lines |= cv2.morphologyEx(mask, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, size)) > 0
    return lines


def _histogram(image: np.ndarray, mask: np.ndarray | None = None) -> np.ndarray:
    """The counts of the page's pixels (under `mask`) at each gray level."""
    return cv2.calcHist([image], [0], mask, [256], [0, 256]).ravel()


def _percentile_of(histogram: np.ndarray, q: float) -> float:
    """`np.percentile` (linear) of the pixels a `_histogram` counts, to the last bit: a fifth of the time of
    sorting millions of pixels."""
    counts = np.cumsum(histogram.astype(np.int64))
    share = q / 100
    position = counts[-1] * share + (1 - share) - 1  # numpy's arithmetic, to the last bit
    below = int(position)
    low, high = (int(v) for v in np.searchsorted(counts, [below, min(below + 1, counts[-1] - 1)], side="right"))
    weight = position - below
    return float(high - (high - low) * (1 - weight) if weight >= 0.5 else low + (high - low) * weight)


def remove_stamps(
    image: np.ndarray, dpi: int, otsu: tuple[float, np.ndarray] | None = None
) -> tuple[np.ndarray, float]:
    """The page with a stamp's grey ink painted white, and that ink's share of all ink (0 when left alone).

    A blurred table rule is grey through as well: grey that runs straight for STAMP_KEEPS_LINES_INCHES is
    kept (a stamp's round stroke stays within a straight kernel for half an inch at most). `otsu`: the page's
    `_otsu`, when known.
    """
    threshold, ink = _otsu(image) if otsu is None else otsu
    if cv2.countNonZero(ink) < 1000:
        return image, 0.0
    # The ink is the pixels at or under the threshold: its histogram is the page's cut there (one pass, not two).
    histogram = _histogram(image)
    under = histogram.copy()
    under[int(threshold) + 1 :] = 0
    dark, paper = _percentile_of(under, 5), _percentile_of(histogram, 90)
    core = (image <= dark + STAMP_CORE * (paper - dark)).astype(np.uint8)
    edges = cv2.dilate(core, np.ones((2 * STAMP_HALO_PX + 1, 2 * STAMP_HALO_PX + 1), np.uint8)) > 0
    inked = image < dark + STAMP_PAPER * (paper - dark)
    stamp = inked & ~edges
    inked_pixels = max(1, int(np.count_nonzero(inked)))
    if np.count_nonzero(stamp) < STAMP_MIN_SHARE * inked_pixels:
        return image, 0.0  # too little even before straight lines are kept: skip their costly search
    stamp &= ~_straight_lines(inked.astype(np.uint8) * 255, round(STAMP_KEEPS_LINES_INCHES * dpi))
    share = float(np.count_nonzero(stamp)) / inked_pixels
    if share < STAMP_MIN_SHARE:
        return image, 0.0
    result = image.copy()
    result[stamp] = 255
    return result, share
