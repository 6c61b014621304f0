"""Blank pages, told from the raster in a few milliseconds, so that they are not cleaned up and OCR'd.

A page is blank when no mark on it, away from its edges, is as large as a millimetre: paper texture, JPEG
noise and scanner specks are smaller, and the smallest letter a document prints (a 6 pt digit) is larger.
Marks touching the page's edge are a scanner's shadow or the paper's border, not writing. The test runs on
a copy at SAMPLE_DPI, each pixel the mean of a block (a lone speck fades in it, a stroke does not); ink is
what is INK_CONTRAST darker than the paper (the page's median). A page in doubt is not blank: OCR of a
blank page costs time, skipping a written one loses it.
"""

from __future__ import annotations

import cv2
import numpy as np

SAMPLE_DPI = 75
ASSUMED_DPI = 300
# A block crossed by a 2-pixel stroke of grey text (100 levels darker than the paper, a faint photocopy) is
# 50 levels darker; paper noise (σ 5–8) averages to σ 2–3 over a block, a one-pixel speck to ~15 levels.
INK_CONTRAST = 40
MIN_MARK_INCHES = 0.04  # a millimetre


def is_blank(image: np.ndarray, dpi: int | None) -> bool:
    """Whether a grayscale page has no mark a millimetre high or wide away from its edges."""
    step = max(1, round((dpi or ASSUMED_DPI) / SAMPLE_DPI))
    height, width = image.shape[0] // step, image.shape[1] // step
    if height == 0 or width == 0:
        return True
    small = cv2.resize(image, (width, height), interpolation=cv2.INTER_AREA)
    ink = (small < int(np.median(small)) - INK_CONTRAST).astype(np.uint8)
    count, _, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    if count <= 1:
        return True
    left, top = stats[1:, cv2.CC_STAT_LEFT], stats[1:, cv2.CC_STAT_TOP]
    w, h = stats[1:, cv2.CC_STAT_WIDTH], stats[1:, cv2.CC_STAT_HEIGHT]
    inside = (left > 0) & (top > 0) & (left + w < ink.shape[1]) & (top + h < ink.shape[0])
    mark = MIN_MARK_INCHES * (dpi or ASSUMED_DPI) / step
    return not np.any(inside & (np.maximum(w, h) >= mark))
