"""Long files read in parts: a PDF or multi-page image is split by pages across a batch's workers, and the
parts' pages are merged back in page order before extraction, so that its records are made, and written, once.

A part is at most PART_PAGES pages, and a file is cut into enough parts for every worker to get one when it
has pages for them: a 200-page scan keeps both workers of `--jobs 2` busy, and progress moves every few
pages instead of once at the end. A file is only split when its page count can be read from its header (a
PDF's page tree, an image's frames); any other file is read whole. Each part is read from the file again
(its sha256 included), so the parts are merged only when they all saw the same content.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from pipeline.ingest import Pages, sniff
from pipeline.ocr import raster
from pipeline.pages import PageImage

PART_PAGES = 16
MIN_PART_PAGES = 2
_MAGIC_BYTES = 16  # enough for every magic number `sniff` knows


@dataclass(frozen=True)
class Part:
    """What a worker read of a part of a file: its pages (numbered in `numbers`), and the images of its OCR'd
    pages for the page sidecar by page number (None: no sidecar asked for)."""

    numbers: range
    pages: Pages
    images: dict[int, PageImage] | None = None


def page_count(path: Path) -> int | None:
    """Pages of a PDF or image file, read from its header; None for any other file or one that cannot be read
    (the worker reading it whole says why)."""
    try:
        with path.open("rb") as handle:
            kind = sniff(handle.read(_MAGIC_BYTES))
        if kind.reader == "pdf":
            return raster.pdf_page_count(path)
        if kind.reader == "image":
            return raster.image_page_count(path)
    except (OSError, ValueError):
        return None
    return None


def plan(pages: int, jobs: int) -> list[range]:
    """The page ranges a file of `pages` pages is read in: one range for a file too short to share."""
    size = min(PART_PAGES, max(MIN_PART_PAGES, math.ceil(pages / jobs)))
    return [range(start, min(start + size, pages + 1)) for start in range(1, pages + 1, size)]


def merge(parts: Sequence[Part]) -> tuple[Pages, dict[int, PageImage] | None]:
    """The parts of one file, in any order, as the file's pages and page images (None: no sidecar asked for);
    ValueError when they were not read from the same content (the file changed while its parts were read)."""
    ordered = sorted(parts, key=lambda part: part.numbers.start)
    if len({part.pages.sha256 for part in ordered}) > 1:
        raise ValueError("the file changed while it was read (its parts have different contents)")
    pages = Pages(
        [page for part in ordered for page in part.pages.pages],
        ordered[0].pages.sha256,
        [text for part in ordered for text in part.pages.warnings],
        [text for part in ordered for text in part.pages.notes],
    )
    if any(part.images is None for part in ordered):
        return pages, None
    return pages, {number: image for part in ordered for number, image in (part.images or {}).items()}
