"""Image cleanup before OCR: borders, table rules, stamps, noise, skew, orientation, low resolution.

Defaults, by CER on 48 rendered A4 letters (see pipeline/ocr/tesseract.py for the table):
- deskew ON: 3° skew 10.9% → 3.9% (with the other defaults); costs ~0.1 s a page.
- denoise ON, and only on pages measured noisy (specks per megapixel): noisy 10.3% → 3.7%, 200 dpi JPEG
  11.3% → 3.7%; a clean page is not touched.
- rules ON: a ruled decision table reads as garbage (| [ ____) without it and cell for cell with it;
  no effect on pages without rules; ~0.03 s.
- orientation ON: a cheap ink-profile test (~0.02 s) passes upright Bangla pages; only the others pay for
  Tesseract's OSD (~0.5 s). Turned pages are unreadable without it.
- stamps ON: whitens mid-grey ink only on pages where much of the ink is mid-grey; a stamped 174 dpi
  scan (tests/data/scans) 28.7% → 1.3%; it did not fire on any of the 48 letters.
- border OFF: Tesseract read the bordered test pages as well with the border as without it.
- upscale OFF: 200 dpi pages 3.65% → 3.51% (8 pages better, 2 worse), within noise, against OCR-NOTES'
  measurement that it hurts, for ~20% more OCR time.
"""

from __future__ import annotations

import cv2
import numpy as np
from pydantic import BaseModel

from pipeline.ocr.tesseract import OcrError, detect_orientation


class CleanupOptions(BaseModel):
    """Which cleanup steps run."""

    deskew: bool = True
    orientation: bool = True
    denoise: bool = True
    upscale: bool = False
    border: bool = False
    rules: bool = True
    stamps: bool = True


def clean(image: np.ndarray, options: CleanupOptions, dpi: int | None) -> tuple[np.ndarray, list[str]]:
    """The page image after the chosen steps, and a note for each step that changed it.

    Order: border and rules first (they mislead the skew search and the noise count), then noise, skew,
    orientation. An upscaled page is at TARGET_DPI afterwards (the notes say so).
    """
    notes: list[str] = []
    if options.border:
        image, removed = remove_border(image)
        if removed:
            notes.append(f"removed a dark border ({removed} pixels)")
    if options.rules:
        image, lines = remove_rules(image, dpi or TARGET_DPI)
        if lines:
            notes.append(f"removed {lines} table rule(s)")
    if options.stamps:
        image, cut = remove_light_ink(image)
        if cut:
            notes.append(f"whitened ink lighter than {cut} (stamps)")
    if options.denoise:
        level = speckle_density(image)
        if level >= NOISY_SPECKLES:
            image = denoise(image)
            notes.append(f"denoised ({level:.0f} specks per megapixel)")
    if options.deskew:
        image, angle = deskew(image)
        if angle:
            notes.append(f"deskewed by {angle:.2f}°")
    if options.orientation:
        image, turned = orient(image, dpi)
        if turned:
            notes.append(f"turned by {turned}° clockwise (page was not upright)")
        if turned in (90, 270) and options.deskew:
            # The first skew search ran across the text lines; search again now that they run across.
            image, angle = deskew(image)
            if angle:
                notes.append(f"deskewed by {angle:.2f}°")
    if options.upscale and dpi is not None and dpi < UPSCALE_BELOW_DPI:
        image = upscale(image, dpi)
        notes.append(f"upscaled from {dpi} to {TARGET_DPI} dpi")
    return image, notes


# --- skew ----------------------------------------------------------------------------------------------

MAX_SKEW = 5.0
# Rotating resamples the whole page; below this angle it costs more than the tilt does.
MIN_SKEW = 0.15
_SKEW_WIDTH = 800  # the search runs on a copy this wide: 0.05° over 800 px is under a pixel


def _ink(image: np.ndarray) -> np.ndarray:
    _, binary = cv2.threshold(image, 0, 255, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)
    return binary


def _rotate(image: np.ndarray, angle: float, fill: int) -> np.ndarray:
    height, width = image.shape[:2]
    matrix = cv2.getRotationMatrix2D((width / 2, height / 2), angle, 1.0)
    return cv2.warpAffine(image, matrix, (width, height), flags=cv2.INTER_LINEAR, borderValue=fill)


def estimate_skew(image: np.ndarray) -> float:
    """The angle (degrees, counter-clockwise positive) the text lines are tilted by, within ±MAX_SKEW.

    Projection-profile search: the rotation that makes the row sums of the ink peakiest (sum of squared
    differences between neighbouring rows), on a 0.5° grid, then on a 0.05° grid within 0.25° of the best.
    """
    ink = _ink(image)
    scale = min(1.0, _SKEW_WIDTH / ink.shape[1])
    small = cv2.resize(ink, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA) if scale < 1 else ink
    height, width = small.shape

    def score(angle: float) -> float:
        matrix = cv2.getRotationMatrix2D((width / 2, height / 2), -angle, 1.0)
        rotated = cv2.warpAffine(small, matrix, (width, height), flags=cv2.INTER_NEAREST, borderValue=0)
        profile = rotated.sum(axis=1, dtype=np.float64)
        return float(np.sum(np.diff(profile) ** 2))

    coarse = np.arange(-MAX_SKEW, MAX_SKEW + 1e-9, 0.5)
    best = float(max(coarse, key=score))
    fine = np.arange(best - 0.25, best + 0.25 + 1e-9, 0.05)
    return round(float(max(fine, key=score)), 2)


def deskew(image: np.ndarray) -> tuple[np.ndarray, float]:
    """The page rotated level, and the angle it was tilted by (0.0 when left alone)."""
    angle = estimate_skew(image)
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


def _profiles(image: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    ink = cv2.resize(_ink(image), None, fx=0.5, fy=0.5, interpolation=cv2.INTER_AREA)
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


def orient(image: np.ndarray, dpi: int | None = None) -> tuple[np.ndarray, int]:
    """The page turned upright, and the clockwise turn applied (0 if none).

    Text lines make the row profile of the ink far more uneven than the column profile, and in upright
    Bangla each line's densest row is its headline (matra), in the upper half of the line. A page passing
    both tests is left alone without asking Tesseract (its OSD costs 0.3–0.8 s); the others are turned as
    Tesseract's OSD says, when it is confident and agrees with the profiles.
    """
    rows, columns = _profiles(image)
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


def speckle_density(image: np.ndarray) -> float:
    """Ink blobs of at most 4 pixels per megapixel of the page."""
    count, _, stats, _ = cv2.connectedComponentsWithStats(_ink(image), connectivity=8)
    small = int(np.count_nonzero(stats[1:count, cv2.CC_STAT_AREA] <= 4))
    return small * 1e6 / image.size


def denoise(image: np.ndarray) -> np.ndarray:
    """3×3 median blur: removes salt-and-pepper specks, keeps strokes wider than one pixel."""
    return cv2.medianBlur(image, 3)


# --- resolution ----------------------------------------------------------------------------------------

TARGET_DPI = 300
UPSCALE_BELOW_DPI = 250


def upscale(image: np.ndarray, dpi: int) -> np.ndarray:
    """The page resampled (bicubic) from ``dpi`` to TARGET_DPI."""
    factor = TARGET_DPI / dpi
    return cv2.resize(image, None, fx=factor, fy=factor, interpolation=cv2.INTER_CUBIC)


# --- borders -------------------------------------------------------------------------------------------


def remove_border(image: np.ndarray) -> tuple[np.ndarray, int]:
    """The page with dark regions touching its edge painted white, and how many pixels were painted.

    A scanner's border is one large ink component touching the edge and running along a good part of it;
    text never does, so only such components go.
    """
    ink = _ink(image)
    height, width = ink.shape
    count, labels, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    painted = np.zeros(count, dtype=bool)
    for label in range(1, count):
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


def remove_rules(image: np.ndarray, dpi: int) -> tuple[np.ndarray, int]:
    """The page with long horizontal and vertical lines (table rules, underlines) painted white, and their count.

    Tesseract reads rules as | [ _ and merges them into the words beside them.
    """
    # The search runs at half size (4× faster); a one-pixel rule keeps half its darkness there.
    ink = cv2.resize(_ink(image), None, fx=0.5, fy=0.5, interpolation=cv2.INTER_AREA)
    ink = np.where(ink > 60, 255, 0).astype(np.uint8)
    mask = np.zeros_like(ink)
    count = 0
    for width, height in ((round(RULE_INCHES_HORIZONTAL * dpi / 2), 1), (1, round(RULE_INCHES_VERTICAL * dpi / 2))):
        kernel = cv2.getStructuringElement(cv2.MORPH_RECT, (width, height))
        found = cv2.morphologyEx(ink, cv2.MORPH_OPEN, kernel)
        count += cv2.connectedComponents(found, connectivity=8)[0] - 1
        mask = cv2.bitwise_or(mask, found)
    if count == 0:
        return image, 0
    # Back to full size, one pixel more on each side: the rule's anti-aliased edge goes too.
    mask = cv2.resize(mask, (image.shape[1], image.shape[0]), interpolation=cv2.INTER_NEAREST)
    mask = cv2.dilate(mask, np.ones((3, 3), np.uint8))
    result = image.copy()
    result[mask > 0] = 255
    return result, count


# --- stamps --------------------------------------------------------------------------------------------

# Share of the ink that must be light (between the text's darkness and the paper) for the page to count
# as stamped: at most 0.21 on the 48 test letters (blurred 200 dpi ones the most), 0.38 on the stamped
# scan in tests/data/scans. Whitening fired on a blurred page costs 0.5–2.7 points of CER, so the gate.
STAMP_INK_SHARE = 0.3


def remove_light_ink(image: np.ndarray) -> tuple[np.ndarray, int]:
    """The page with ink lighter than halfway from the text's darkest ink to the paper painted white.

    A rubber stamp (blue, violet, red) is mid-grey on a grayscale scan, text cores near black: a stamp
    over a letter's lines took Tesseract from 1.3% to 29% CER, and whitening the grey took it back.
    The cut is relative to the page's own darkest ink, so a faint photocopy keeps its grey text; pages
    where little of the ink is light (no stamp) are left alone. Returns the cut (0 if nothing was done).
    """
    ink = image[_ink(image) > 0]
    if ink.size < 1000:
        return image, 0
    dark, paper = float(np.percentile(ink, 5)), float(np.percentile(image, 90))
    cut = int((dark + paper) / 2)
    if np.count_nonzero(ink > cut) < STAMP_INK_SHARE * ink.size:
        return image, 0
    result = image.copy()
    result[result > cut] = 255
    return result, cut
