#!/usr/bin/env python3
"""Build the scan corpus used to measure OCR: the corpus texts rendered to A4 pages with real Bangla shaping.

Each ``corpus/*.txt`` is stripped of light markup and split into pages whose text fits the A4 text box
(20 mm margins) in every chosen font, so one ground truth per page serves all fonts. pango-view (HarfBuzz
shaping) then renders every page in every font to:

* a ``clean`` grayscale PNG at ``--dpi``, padded to exactly A4;
* a ``degraded`` image: a seeded mix of a round stamp, skew, blur, downsampling, noise and JPEG
  compression, each with its parameters recorded in the manifest;
* one image-only PDF per document, font and variant, and one born-digital PDF per document and font
  (cairo's PDF output, one A4 page per page text, joined by pdfunite) whose text layer is checked
  against the ground truth with pdftotext.

In the page images (and so in the image-only PDFs), a run of consecutive tab-separated lines with the same
number of cells (3 to ``MAX_TABLE_CELLS``, e.g. a minutes' decision table and its header) is drawn as a ruled
table, as real scanned minutes show it: column widths proportional to the text of each column (at least
``MIN_COLUMN_PT``), every cell laid out by pango-view in its column, rows as tall as their tallest cell, black
rules around every cell. Pagination measures that layout, so a row that does not fit moves to the next page and
each page's ground truth holds exactly its lines (table lines stay tab-separated). Other lines, tab-separated
or not, stay plain text. The born-digital PDFs keep plain pango-view text (tabs as tab stops), no table.

Output tree (``manifest.json`` paths are relative to the output folder)::

    <stem>/<stem>.p<N>.gt.txt                     ground truth of page N, shared by all fonts
    <stem>/<font>/<stem>.p<N>.clean.png
    <stem>/<font>/<stem>.p<N>.degraded.jpg        (.png when JPEG compression was not drawn)
    <stem>/<font>/<stem>.{clean,degraded,born-digital}.pdf

``--sample DIR`` writes instead the small committed sample that tests/test_make_scans.py reads.
"""

from __future__ import annotations

import argparse
import html
import json
import math
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
import time
import zlib
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import groupby, pairwise
from pathlib import Path
from typing import Any

import cv2
import numpy as np
from numpy.typing import NDArray
from PIL import Image

from pipeline.ocr.metrics import cer

Gray = NDArray[np.uint8]

DEFAULT_FONTS = ("Noto Sans Bengali", "Noto Serif Bengali", "Lohit Bengali", "Mukti")
FONT_SIZE_PT = 12
A4_MM = (210.0, 297.0)
# pango-view takes whole points for --width/--height and whole pixels for --margin; at 72 dpi (where its
# pixels are PDF points) 57 + 481 + 57 = 595 and 57 + 728 + 57 = 842: the usual integer A4 page, ~20 mm margins.
MARGIN_PT = 57
TEXT_WIDTH_PT = 481
TEXT_HEIGHT_PT = 728
PDF_DPI = 72
POINTS_PER_INCH = 72
MM_PER_INCH = 25.4
PANGO_SCALE = 1024
# A page never holds more input lines than this at 12 pt; bounds the text laid out for the first estimate.
MAX_LINES_PER_PAGE = 80
STAMP_WORDS = ("গৃহীত", "জরুরি", "অনুমোদিত", "প্রাপ্তি", "নথিভুক্ত")
STAMP_FONT = "Noto Sans Bengali Bold"
# Tables in the page images: narrowest column, padding inside each cell, rule thickness in pixels (1 below 200 dpi).
MIN_COLUMN_PT = 56
MIN_TABLE_CELLS = 3
MAX_TABLE_CELLS = TEXT_WIDTH_PT // MIN_COLUMN_PT
CELL_PAD_PT = 3
CLEAN_PDF_QUALITY = 92  # Pillow stores grayscale PDF pages as JPEG; high quality keeps "clean" clean
SAMPLE_DIR = Path("tests/data/scans")


class ToolMissingError(RuntimeError):
    """An external program the script needs is not installed."""


# --- external tools: one wrapper each ------------------------------------------------------------------


def _run(tool: str, package: str, args: Sequence[str]) -> subprocess.CompletedProcess[bytes]:
    if shutil.which(tool) is None:
        raise ToolMissingError(f"{tool} not found: install the Debian package {package} (apt-get install {package})")
    done = subprocess.run([tool, *args], capture_output=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"{tool} {' '.join(args)} failed: {done.stderr.decode(errors='replace').strip()}")
    return done


def pango_view(*args: str) -> None:
    """Run pango-view (package pango1.0-tools) with ``args``."""
    _run("pango-view", "pango1.0-tools", args)


def pdfunite(pages: Sequence[Path], output: Path) -> None:
    """Join one-page PDFs into ``output`` with pdfunite (package poppler-utils)."""
    _run("pdfunite", "poppler-utils", [*map(str, pages), str(output)])


def pdftotext(pdf: Path, page: int | None = None) -> str:
    """Text layer of ``pdf`` (one page if given) by ``pdftotext -layout`` (package poppler-utils)."""
    pages = ["-f", str(page), "-l", str(page)] if page is not None else []
    return _run("pdftotext", "poppler-utils", ["-layout", "-enc", "UTF-8", *pages, str(pdf), "-"]).stdout.decode()


# --- text and pagination -------------------------------------------------------------------------------

_CELL = re.compile(r"<td\b[^<>]*>", re.I)
_BLOCK = re.compile(r"</?(?:p|br|tr|table|tbody|thead|div)\b[^<>]*>", re.I)
_TAG = re.compile(r"</?[a-zA-Z][^<>\n]*>")
_ESCAPE = re.compile(r"\\([_*\[\]()#.\-])")


def clean_lines(text: str) -> list[str]:
    """Plain text lines of a corpus text: HTML tags and Markdown emphasis/escapes removed, tabs kept.

    ``<td>`` opens a tab-separated cell (tables are tab-separated already); block tags become spaces.
    Runs of spaces collapse, line ends are trimmed, blank runs become one blank line.
    """
    text = _TAG.sub("", _BLOCK.sub(" ", _CELL.sub("\t", text)))
    text = _ESCAPE.sub(r"\1", html.unescape(text).replace("**", ""))
    lines: list[str] = []
    for raw in text.splitlines():
        line = re.sub(r" *\t *", "\t", re.sub(r" {2,}", " ", raw)).strip(" ")
        if line.strip() or (lines and lines[-1]):
            lines.append(line if line.strip() else "")
    while lines and not lines[-1]:
        lines.pop()
    return lines


def a4_pixels(dpi: int) -> tuple[int, int]:
    """Width and height of an A4 page in pixels at ``dpi``."""
    return round(A4_MM[0] / MM_PER_INCH * dpi), round(A4_MM[1] / MM_PER_INCH * dpi)


def _layout_args(font: str, dpi: int) -> list[str]:
    # Shared by measuring and rendering so that the measured layout is the rendered one.
    # Subpixel positions: at 72 dpi (the PDF) pango would otherwise round every glyph to a whole point.
    font_args = ["--font", f"{font} {FONT_SIZE_PT}", "--dpi", str(dpi)]
    return [*font_args, "--width", str(TEXT_WIDTH_PT), "--wrap", "word", "--subpixel-positions"]


def measure(lines: Sequence[str], font: str, dpi: int) -> tuple[float, list[int]]:
    """Height in points of ``lines`` laid out in the text box, and how many wrapped lines each line takes."""
    with tempfile.TemporaryDirectory() as tmp:
        source, layout = Path(tmp, "page.txt"), Path(tmp, "layout.json")
        source.write_text("\n".join(lines), encoding="utf-8")
        pango_view(*_layout_args(font, dpi), "-q", "--serialize-to", str(layout), str(source))
        output = json.loads(layout.read_text(encoding="utf-8"))["output"]
    wrapped: list[int] = []
    for line in output["lines"]:
        if line.get("paragraph-start") or not wrapped:
            wrapped.append(0)
        wrapped[-1] += 1
    return output["height"] / PANGO_SCALE * POINTS_PER_INCH / dpi, wrapped


def image_height(lines: Sequence[str], font: str, dpi: int) -> float:
    """Height in points of ``lines`` in the page image at ``dpi``: one text layout, or text and tables stacked."""
    blocks = page_blocks(lines)
    if not any(table for table, _ in blocks):
        return measure(lines, font, dpi)[0]
    return sum(block.shape[0] for block in _block_images(blocks, font, dpi)) * POINTS_PER_INCH / dpi


def fits(lines: Sequence[str], font: str, dpi: int, height_pt: float = TEXT_HEIGHT_PT) -> bool:
    """Whether ``lines`` fit the text box both in the image (at ``dpi``) and in the PDF (at 72 dpi).

    Both are checked because pango rounds line heights to whole pixels, which at 72 dpi adds up to ~5 %,
    and because the image draws tables that the PDF keeps as text.
    """
    return measure(lines, font, PDF_DPI)[0] <= height_pt and image_height(lines, font, dpi) <= height_pt


def _estimate(lines: Sequence[str], font: str, height_pt: float) -> int:
    """How many of ``lines`` should fit, from one layout of them and its mean wrapped-line height."""
    height, wrapped = measure(lines, font, PDF_DPI)
    per_line, used = height / max(sum(wrapped), 1), 0
    for count, n in enumerate(wrapped):
        used += n
        if used * per_line > height_pt:
            return count
    return len(lines)


def _page_length(lines: Sequence[str], fonts: Sequence[str], dpi: int, height_pt: float) -> int:
    """How many of ``lines`` fit one page in every font (0 if not even the first).

    Wrapped lines are of (nearly) equal height, so the estimate is usually right and is checked with one
    more layout per font; a font that still fits the page set by the previous ones costs no estimate.
    """
    k = min(len(lines), MAX_LINES_PER_PAGE)
    for i, font in enumerate(fonts):
        if i > 0 and fits(lines[:k], font, dpi, height_pt):
            continue
        k = _estimate(lines[:k], font, height_pt)
        while k > 0 and not fits(lines[:k], font, dpi, height_pt):
            k -= 1
        if k == 0:
            break
    return k


def _split_overlong(line: str, fonts: Sequence[str], dpi: int, height_pt: float) -> tuple[str, str]:
    """Split a line too tall for one page at the last word boundary that fits in every font."""
    words = line.split(" ")
    lo, hi = 1, len(words) - 1  # the head keeps at least one word; a single word always fits
    while lo < hi:
        mid = (lo + hi + 1) // 2
        head = " ".join(words[:mid])
        lo, hi = (mid, hi) if all(fits([head], f, dpi, height_pt) for f in fonts) else (lo, mid - 1)
    return " ".join(words[:lo]), " ".join(words[lo:])


def paginate(
    lines: Sequence[str],
    fonts: Sequence[str],
    dpi: int,
    height_pt: float = TEXT_HEIGHT_PT,
    pages: int | None = None,
) -> list[list[str]]:
    """Split ``lines`` into pages that fit the A4 text box in every font; concatenated, the pages are the lines.

    The one exception: a line taller than a page is split at a space into two lines. ``pages`` stops early.
    """
    rest, done = list(lines), list[list[str]]()
    while rest and (pages is None or len(done) < pages):
        k = _page_length(rest, fonts, dpi, height_pt)
        if k == 0:
            rest[:1] = _split_overlong(rest[0], fonts, dpi, height_pt)
            k = 1
        done.append(rest[:k])
        rest = rest[k:]
    return done


# --- rendering ----------------------------------------------------------------------------------------


def _gray(image: NDArray[Any]) -> Gray:
    return np.asarray(image, dtype=np.uint8)


def pad_to_a4(image: Gray, dpi: int) -> Gray:
    """Pad a rendered page with white to exactly A4 at ``dpi`` (text stays at the top-left margins)."""
    width, height = a4_pixels(dpi)
    if image.shape[0] > height or image.shape[1] > width:
        raise ValueError(f"rendered page {image.shape[1]}x{image.shape[0]} exceeds A4 {width}x{height} at {dpi} dpi")
    page = np.full((height, width), 255, np.uint8)
    page[: image.shape[0], : image.shape[1]] = image
    return page


# Black on white, grayscale antialiasing (no colour fringes), no window (-q).
_PAINT = ("--background", "white", "--foreground", "black", "--antialias", "gray", "-q")
# The date in cairo's PDF info; replaced by one of the same length, so the xref offsets stay valid.
_PDF_DATE = re.compile(rb"/CreationDate \(D:\d{14}")


def _margin_px(dpi: int) -> str:
    return str(round(MARGIN_PT * dpi / POINTS_PER_INCH))


# --- tables in the page images -----------------------------------------------------------------------------


def table_cells(line: str) -> list[str] | None:
    """The cells of a line that belongs in a table (3 to MAX_TABLE_CELLS tab-separated cells), else None."""
    cells = line.split("\t")
    return cells if MIN_TABLE_CELLS <= len(cells) <= MAX_TABLE_CELLS else None


def page_blocks(lines: Sequence[str]) -> list[tuple[bool, list[str]]]:
    """Split a page into blocks (is_table, lines): runs of table lines with the same cell count, and text."""
    blocks: list[tuple[bool, list[str]]] = []
    for count, run in groupby(lines, key=lambda line: len(table_cells(line) or ())):
        if count or not blocks or blocks[-1][0]:
            blocks.append((bool(count), list(run)))
        else:
            blocks[-1][1].extend(run)
    return blocks


def column_widths(rows: Sequence[Sequence[str]], total: int = TEXT_WIDTH_PT, minimum: int = MIN_COLUMN_PT) -> list[int]:
    """Whole-point column widths summing to ``total``, proportional to each column's text, at least ``minimum``."""
    lengths = [max(1, sum(len(row[j]) for row in rows)) for j in range(len(rows[0]))]
    narrow: set[int] = set()
    while True:  # columns below the minimum get it; the others share the rest in proportion
        free = total - minimum * len(narrow)
        wide = sum(n for j, n in enumerate(lengths) if j not in narrow)
        more = {j for j, n in enumerate(lengths) if j not in narrow and free * n / wide < minimum}
        if not more:
            break
        narrow |= more
    widths = [minimum if j in narrow else free * n / wide for j, n in enumerate(lengths)]
    edges = [round(sum(widths[:j])) for j in range(len(widths) + 1)]
    return [b - a for a, b in pairwise(edges)]


def _rule_px(dpi: int) -> int:
    return 1 if dpi < 200 else 2


@lru_cache(maxsize=1024)
def _cell_image(text: str, width_pt: int, font: str, dpi: int) -> Gray:
    """One cell's text laid out by pango-view at ``width_pt`` (word wrap; a word too long for the column is
    broken without the hyphen pango would insert, so the image shows exactly the ground-truth characters)."""
    args = ["--font", f"{font} {FONT_SIZE_PT}", "--dpi", str(dpi), "--width", str(width_pt), "--wrap", "word-char"]
    args += ["--markup", "--subpixel-positions", "--margin", "0", *_PAINT]
    with tempfile.TemporaryDirectory() as tmp:
        source, png = Path(tmp, "cell.txt"), Path(tmp, "cell.png")
        source.write_text(f'<span insert_hyphens="false">{html.escape(text, quote=False)}</span>', encoding="utf-8")
        pango_view(*args, "--output", str(png), str(source))
        with Image.open(png) as rendered:
            return np.asarray(rendered.convert("L"))


def render_table(lines: Sequence[str], font: str, dpi: int) -> Gray:
    """A ruled table of tab-separated lines (same cell count), as wide as the text box."""
    rows = [line.split("\t") for line in lines]
    rule, pad = _rule_px(dpi), round(CELL_PAD_PT * dpi / POINTS_PER_INCH)
    widths = column_widths(rows)
    edges = [round(sum(widths[:j]) * dpi / POINTS_PER_INCH) for j in range(len(widths) + 1)]
    cell_pt = [w - 2 * CELL_PAD_PT - math.ceil(rule * POINTS_PER_INCH / dpi) for w in widths]
    images = [[_cell_image(cell, w, font, dpi) for cell, w in zip(row, cell_pt, strict=True)] for row in rows]
    heights = [max(cell.shape[0] for cell in row) + 2 * pad for row in images]
    table = np.full((rule + sum(h + rule for h in heights), edges[-1] + rule), 255, np.uint8)
    y = 0
    for row, height in zip(images, heights, strict=True):
        table[y : y + rule] = 0
        for j, cell in enumerate(row):
            x = edges[j] + rule + pad
            cell = cell[:, : max(0, edges[j + 1] - pad - x)]  # never over the next rule
            window = table[y + rule + pad : y + rule + pad + cell.shape[0], x : x + cell.shape[1]]
            np.minimum(window, cell, out=window)
        y += rule + height
    table[y : y + rule] = 0
    for edge in edges:
        table[:, edge : edge + rule] = 0
    return table


@lru_cache(maxsize=8)
def _text_image(text: str, font: str, dpi: int) -> Gray:
    with tempfile.TemporaryDirectory() as tmp:
        source, png = Path(tmp, "block.txt"), Path(tmp, "block.png")
        source.write_text(text, encoding="utf-8")
        pango_view(*_layout_args(font, dpi), "--margin", "0", *_PAINT, "--output", str(png), str(source))
        with Image.open(png) as rendered:
            return np.asarray(rendered.convert("L"))


def _block_images(blocks: Sequence[tuple[bool, list[str]]], font: str, dpi: int) -> list[Gray]:
    return [render_table(b, font, dpi) if table else _text_image("\n".join(b), font, dpi) for table, b in blocks]


def render_image(text_file: Path, font: str, dpi: int) -> Gray:
    """A4 grayscale page image of a text file (pango-view PNG, padded); tables are drawn ruled."""
    blocks = page_blocks(text_file.read_text(encoding="utf-8").removesuffix("\n").split("\n"))
    if any(table for table, _ in blocks):
        width, height = a4_pixels(dpi)
        page, margin = np.full((height, width), 255, np.uint8), int(_margin_px(dpi))
        y = margin
        for block in _block_images(blocks, font, dpi):
            if y + block.shape[0] > height or margin + block.shape[1] > width:
                raise ValueError(f"page of {text_file} exceeds A4 at {dpi} dpi")
            window = page[y : y + block.shape[0], margin : margin + block.shape[1]]
            np.minimum(window, block, out=window)
            y += block.shape[0]
        return page
    with tempfile.TemporaryDirectory() as tmp:
        png = Path(tmp, "page.png")
        margin = ("--margin", _margin_px(dpi))
        pango_view(*_layout_args(font, dpi), *margin, *_PAINT, "--output", str(png), str(text_file))
        with Image.open(png) as rendered:
            return pad_to_a4(np.asarray(rendered.convert("L")), dpi)


def render_pdf(text_file: Path, font: str, output: Path) -> None:
    """One-page born-digital A4 PDF of a text file: cairo's PDF through pango-view at 72 dpi.

    pango-view sizes the page to the layout plus margins; ``--height`` fixes the layout box at the A4 text
    height (it only ellipsizes when --ellipsize is given), so every page is 595 x 842 pt. The creation date
    is fixed (cairo 1.16 ignores SOURCE_DATE_EPOCH) so that reruns give identical files.
    """
    box = ("--height", str(TEXT_HEIGHT_PT), "--margin", str(MARGIN_PT))
    pango_view(*_layout_args(font, PDF_DPI), *box, *_PAINT, "--output", str(output), str(text_file))
    output.write_bytes(_PDF_DATE.sub(b"/CreationDate (D:20000101000000", output.read_bytes()))


@lru_cache(maxsize=32)
def _stamp_text(text: str, size_pt: int, dpi: int) -> Gray:
    # pango-view shapes the Bangla whether or not Pillow was built with libraqm.
    font = ("--font", f"{STAMP_FONT} {size_pt}", "--dpi", str(dpi), "--align", "center")
    with tempfile.TemporaryDirectory() as tmp:
        png = Path(tmp, "stamp.png")
        pango_view(*font, *_PAINT, "--output", str(png), "--text", text)
        with Image.open(png) as rendered:
            return np.asarray(rendered.convert("L"))


# --- degradations ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Degradation:
    """One degradation step and its parameters."""

    name: str
    params: dict[str, Any] = field(default_factory=dict)

    def as_json(self) -> dict[str, Any]:
        """The step as a manifest entry."""
        return {"name": self.name, **self.params}


def page_rng(seed: int, *keys: str | int) -> np.random.Generator:
    """A generator seeded by ``seed`` and the page's identity (crc32, stable across runs unlike hash())."""
    return np.random.default_rng([seed, *(zlib.crc32(str(k).encode()) for k in keys)])


def _stamp_params(rng: np.random.Generator, image: Gray, dpi: int) -> dict[str, Any]:
    # Centred on an ink pixel, so the stamp always lies partly over the text.
    ys, xs = np.nonzero(image < 128)
    i = int(rng.integers(len(ys))) if len(ys) else 0
    centre = [int(xs[i]), int(ys[i])] if len(ys) else [image.shape[1] // 2, image.shape[0] // 3]
    day, month = int(rng.integers(1, 29)), int(rng.integers(1, 13))
    date = f"{day:02d}/{month:02d}/2024".translate(str.maketrans("0123456789", "০১২৩৪৫৬৭৮৯"))
    radius = round(float(rng.uniform(0.75, 1.0)) * dpi)
    gray, degrees = int(rng.integers(110, 170)), round(float(rng.uniform(-30, 30)), 1)
    text = f"{rng.choice(STAMP_WORDS)}\n{date}"
    return {"text": text, "center_px": centre, "radius_px": radius, "gray": gray, "degrees": degrees}


Drawer = Callable[[np.random.Generator, Gray, int], dict[str, Any]]
# Random parameters of each degradation, in the order a page meets them: stamped, skewed on the scanner glass,
# optically blurred, sampled at the scanner's resolution, sensor noise, JPEG-compressed. Floats are rounded
# so that the manifest holds exactly the values applied.
_DRAWERS: dict[str, Drawer] = {
    "stamp": _stamp_params,
    "rotate": lambda rng, _, __: {"degrees": round(float(rng.uniform(0.5, 3.0) * rng.choice([-1, 1])), 2)},
    "blur": lambda rng, _, __: {"sigma": round(float(rng.uniform(0.6, 1.0)), 2)},
    "downsample": lambda rng, _, __: {"dpi": int(rng.integers(150, 201))},
    "noise": lambda rng, _, __: {"sigma": round(float(rng.uniform(4.0, 12.0)), 1), "seed": int(rng.integers(2**31))},
    "jpeg": lambda rng, _, __: {"quality": int(rng.integers(35, 61))},
}
DEGRADATIONS = tuple(_DRAWERS)


def plan_degradations(
    rng: np.random.Generator, image: Gray, dpi: int, names: Sequence[str] | None = None
) -> list[Degradation]:
    """A random mix (each step with probability ½, at least two) or the given steps, in scanning order."""
    if names is None:
        names = [n for n in DEGRADATIONS if rng.random() < 0.5]
        while len(names) < 2:
            names = [*names, str(rng.choice([n for n in DEGRADATIONS if n not in names]))]
    return [Degradation(name, _DRAWERS[name](rng, image, dpi)) for name in DEGRADATIONS if name in names]


def _apply_stamp(image: Gray, p: dict[str, Any], dpi: int) -> Gray:
    radius, gray = int(p["radius_px"]), int(p["gray"])
    size = 2 * radius + 8
    layer = np.full((size, size), 255, np.uint8)
    centre = (size // 2, size // 2)
    cv2.circle(layer, centre, radius, 0, max(3, radius // 14), cv2.LINE_AA)
    cv2.circle(layer, centre, int(radius * 0.82), 0, max(2, radius // 40), cv2.LINE_AA)
    text = _stamp_text(str(p["text"]), 20, dpi)
    scale = min(1.0, 1.3 * radius / text.shape[1], 1.1 * radius / text.shape[0])
    text = _gray(cv2.resize(text, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA))
    y, x = (size - text.shape[0]) // 2, (size - text.shape[1]) // 2
    window = layer[y : y + text.shape[0], x : x + text.shape[1]]
    np.minimum(window, text, out=window)
    turn = cv2.getRotationMatrix2D((size / 2, size / 2), float(p["degrees"]), 1.0)
    layer = _gray(cv2.warpAffine(layer, turn, (size, size), flags=cv2.INTER_LINEAR, borderValue=255))
    # Scale the ink (255 - value) so that full ink only reaches `gray`: a faint stamp, not a black one.
    layer = (255 - (255 - layer.astype(np.float32)) * (255 - gray) / 255).astype(np.uint8)
    return _overlay(image, layer, p["center_px"])


def _overlay(image: Gray, layer: Gray, centre: Sequence[int]) -> Gray:
    """Darken ``image`` with ``layer`` centred at ``centre`` (ink on paper: the darker value wins)."""
    out = image.copy()
    top, left = int(centre[1]) - layer.shape[0] // 2, int(centre[0]) - layer.shape[1] // 2
    y0, x0 = max(top, 0), max(left, 0)
    y1, x1 = min(top + layer.shape[0], out.shape[0]), min(left + layer.shape[1], out.shape[1])
    window = out[y0:y1, x0:x1]
    np.minimum(window, layer[y0 - top : y1 - top, x0 - left : x1 - left], out=window)
    return out


def degrade(image: Gray, steps: Sequence[Degradation], dpi: int) -> tuple[Gray, int]:
    """Apply the steps (except JPEG, which happens when saving); returns the image and its new dpi."""
    for step in steps:
        p = step.params
        if step.name == "stamp":
            image = _apply_stamp(image, p, dpi)
        elif step.name == "rotate":
            h, w = image.shape
            turn = cv2.getRotationMatrix2D((w / 2, h / 2), float(p["degrees"]), 1.0)
            image = _gray(cv2.warpAffine(image, turn, (w, h), flags=cv2.INTER_LINEAR, borderValue=255))
        elif step.name == "blur":
            image = _gray(cv2.GaussianBlur(image, (0, 0), float(p["sigma"])))
        elif step.name == "downsample":
            dpi = int(p["dpi"])
            image = _gray(cv2.resize(image, a4_pixels(dpi), interpolation=cv2.INTER_AREA))
        elif step.name == "noise":
            noise = np.random.default_rng(int(p["seed"])).normal(0.0, float(p["sigma"]), image.shape)
            image = np.clip(image + noise, 0, 255).astype(np.uint8)
    return np.ascontiguousarray(image, dtype=np.uint8), dpi


def _suffixed(path: Path, suffix: str) -> Path:
    """``path`` with ``suffix`` appended (Path.with_suffix would replace the ".p<N>" of page names)."""
    return path.with_name(path.name + suffix)


def save_image(
    image: Gray, path_stem: Path, dpi: int, steps: Sequence[Degradation] = (), optimize: bool = False
) -> Path:
    """Save as JPEG when the steps include JPEG compression (at its quality), else as lossless PNG."""
    jpeg = next((s for s in steps if s.name == "jpeg"), None)
    picture = Image.fromarray(image)  # uint8, 2-D: mode L
    if jpeg is not None:
        path = _suffixed(path_stem, ".jpg")
        picture.save(path, quality=int(jpeg.params["quality"]), dpi=(dpi, dpi), optimize=optimize)
    else:
        path = _suffixed(path_stem, ".png")
        picture.save(path, dpi=(dpi, dpi), optimize=optimize)
    return path


def write_image_pdf(pages: Sequence[tuple[Path, int]], output: Path) -> None:
    """Image-only PDF with one A4 page per (image, dpi); no text layer.

    Pages are appended one by one because Pillow's save_all takes one resolution for all pages, and
    degraded pages differ in dpi. JPEG pages keep their own quantisation ("keep"), so the PDF adds no loss.
    """
    for i, (path, dpi) in enumerate(pages):
        with Image.open(path) as picture:
            quality: int | str = "keep" if picture.format == "JPEG" else CLEAN_PDF_QUALITY
            # No dates, so that reruns give identical files.
            picture.save(
                output, "PDF", resolution=float(dpi), append=i > 0, quality=quality, creationDate=None, modDate=None
            )


# --- the corpus build -----------------------------------------------------------------------------------


def slug(font: str) -> str:
    """File-name form of a font family: "Noto Sans Bengali" → "noto-sans-bengali"."""
    return re.sub(r"[^a-z0-9]+", "-", font.lower()).strip("-")


def page_name(stem: str, page: int) -> str:
    """Base name of page ``page`` (1-based) of document ``stem``."""
    return f"{stem}.p{page}"


@dataclass(frozen=True)
class FontJob:
    """Render every page of one document in one font."""

    stem: str
    pages: tuple[tuple[str, ...], ...]
    font: str
    dpi: int
    seed: int
    out: Path


@dataclass(frozen=True)
class RenderedPage:
    """The image files of one page in one font."""

    clean: Path
    degraded: Path
    degraded_dpi: int
    steps: tuple[Degradation, ...]


def gt_path(out: Path, stem: str, page: int) -> Path:
    """Ground-truth file of page ``page`` (1-based) of document ``stem``."""
    return out / stem / f"{page_name(stem, page)}.gt.txt"


def render_page(job: FontJob, n: int, one_page_pdf: Path) -> RenderedPage:
    """Render page ``n`` of a job: clean and degraded images, and the born-digital page at ``one_page_pdf``."""
    gt, base = gt_path(job.out, job.stem, n), job.out / job.stem / slug(job.font) / page_name(job.stem, n)
    clean = render_image(gt, job.font, job.dpi)
    steps = plan_degradations(page_rng(job.seed, job.stem, n, job.font), clean, job.dpi)
    degraded, degraded_dpi = degrade(clean, steps, job.dpi)
    render_pdf(gt, job.font, one_page_pdf)
    clean_path = save_image(clean, _suffixed(base, ".clean"), job.dpi)
    degraded_path = save_image(degraded, _suffixed(base, ".degraded"), degraded_dpi, steps)
    return RenderedPage(clean_path, degraded_path, degraded_dpi, tuple(steps))


def render_document(job: FontJob) -> tuple[list[dict[str, Any]], dict[str, str]]:
    """Render a document in one font: page images, three PDFs; returns its manifest entries and PDF paths."""
    folder = job.out / job.stem / slug(job.font)
    folder.mkdir(parents=True, exist_ok=True)
    pdfs = {v: folder / f"{job.stem}.{v}.pdf" for v in ("clean", "degraded", "born-digital")}
    with tempfile.TemporaryDirectory() as tmp:
        one_page_pdfs = [Path(tmp, f"p{n}.pdf") for n in range(1, len(job.pages) + 1)]
        pages = [render_page(job, n, pdf) for n, pdf in enumerate(one_page_pdfs, 1)]
        pdfunite(one_page_pdfs, pdfs["born-digital"])
    write_image_pdf([(page.clean, job.dpi) for page in pages], pdfs["clean"])
    write_image_pdf([(page.degraded, page.degraded_dpi) for page in pages], pdfs["degraded"])
    entries = [e for n, page in enumerate(pages, 1) for e in _page_entries(job, n, page, pdfs)]
    return entries, {v: _relative(job.out, p) for v, p in pdfs.items()}


def _relative(out: Path, path: Path) -> str:
    return path.relative_to(out).as_posix()


def _page_entries(job: FontJob, n: int, page: RenderedPage, pdfs: dict[str, Path]) -> list[dict[str, Any]]:
    """Manifest entries of page ``n``: clean, degraded, and born-digital with its text layer's CER."""
    gt = gt_path(job.out, job.stem, n)
    common = {"document": job.stem, "page": n, "font": job.font, "gt": _relative(job.out, gt), "pdf_page": n}
    text_layer_cer = round(cer(pdftotext(pdfs["born-digital"], n), gt.read_text(encoding="utf-8")), 4)
    variants: list[tuple[str, int | None, tuple[Degradation, ...], Path | None, dict[str, Any]]] = [
        ("clean", job.dpi, (), page.clean, {}),
        ("degraded", page.degraded_dpi, page.steps, page.degraded, {}),
        ("born-digital", None, (), None, {"text_layer_cer": text_layer_cer}),
    ]
    return [
        {
            **common,
            "variant": variant,
            "dpi": dpi,
            "degradations": [s.as_json() for s in steps],
            "image": _relative(job.out, image) if image else None,
            "pdf": _relative(job.out, pdfs[variant]),
            **extra,
        }
        for variant, dpi, steps, image, extra in variants
    ]


def _paginate_job(args: tuple[Path, tuple[str, ...], int]) -> list[list[str]]:
    source, fonts, dpi = args
    return paginate(clean_lines(source.read_text(encoding="utf-8")), fonts, dpi)


def write_ground_truth(out: Path, stem: str, pages: Sequence[Sequence[str]]) -> list[str]:
    """Write each page's text as ``<stem>/<stem>.p<N>.gt.txt``; returns the paths relative to ``out``."""
    (out / stem).mkdir(parents=True, exist_ok=True)
    paths = []
    for n, lines in enumerate(pages, 1):
        path = gt_path(out, stem, n)
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        paths.append(path.relative_to(out).as_posix())
    return paths


def build(
    corpus: Path,
    out: Path,
    fonts: Sequence[str],
    dpi: int = 300,
    limit: int | None = None,
    seed: int = 0,
    jobs: int = 2,
) -> dict[str, Any]:
    """Build the scan corpus of ``corpus/*.txt`` in ``out``; writes and returns the manifest."""
    sources = sorted(corpus.glob("*.txt"))[:limit]
    if not sources:
        raise FileNotFoundError(f"no .txt documents in {corpus}")
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        paginated = list(pool.map(_paginate_job, [(s, tuple(fonts), dpi) for s in sources]))
        documents = []
        for source, pages in zip(sources, paginated, strict=True):
            gt = write_ground_truth(out, source.stem, pages)
            documents.append({"document": source.stem, "source": source.as_posix(), "pages": len(pages), "gt": gt})
        font_jobs = [
            FontJob(s.stem, tuple(map(tuple, p)), f, dpi, seed, out)
            for s, p in zip(sources, paginated, strict=True)
            for f in fonts
        ]
        results = list(pool.map(render_document, font_jobs))
    for document in documents:
        document["pdfs"] = {
            j.font: pdfs for j, (_, pdfs) in zip(font_jobs, results, strict=True) if j.stem == document["document"]
        }
    manifest = {
        "dpi": dpi,
        "seed": seed,
        "fonts": list(fonts),
        "font_size_pt": FONT_SIZE_PT,
        "page": "A4",
        "text_box_pt": [TEXT_WIDTH_PT, TEXT_HEIGHT_PT],
        "margin_pt": MARGIN_PT,
        "documents": documents,
        "pages": [e for entries, _ in results for e in entries],
    }
    (out / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return manifest


# --- the committed sample ------------------------------------------------------------------------------

# (document, font, kind): pages 1 hold the Bangla header lines (memo number, date, subject).
SAMPLE = (
    ("letter-dpe-2024-05-07-award-applications", "Noto Sans Bengali", "clean"),
    ("forwarding-letter-lgd-2017-10-31", "Noto Sans Bengali", "clean"),
    ("letter-dpe-2024-05-07-award-applications", "Noto Serif Bengali", "degraded"),
    ("letter-dpe-2025-03-17-school-land-record", "Lohit Bengali", "image-only"),
    ("letter-dpe-2024-05-07-award-applications", "Mukti", "born-digital"),
)


def _sample_item(corpus: Path, out: Path, stem: str, font: str, kind: str, seed: int, dpi: int) -> dict[str, Any]:
    lines = paginate(clean_lines((corpus / f"{stem}.txt").read_text(encoding="utf-8")), DEFAULT_FONTS, dpi, pages=1)[0]
    base = out / f"{page_name(stem, 1)}.{slug(font)}.{kind}"
    gt = _suffixed(base, ".gt.txt")
    gt.write_text("\n".join(lines) + "\n", encoding="utf-8")
    item: dict[str, Any] = {"document": stem, "page": 1, "font": font, "variant": kind, "gt": gt.name}
    if kind == "born-digital":
        render_pdf(gt, font, _suffixed(base, ".pdf"))
        return {**item, "dpi": None, "degradations": [], "file": base.name + ".pdf"}
    clean = render_image(gt, font, dpi)
    steps: list[Degradation] = []
    if kind == "degraded":  # every step, so the sample shows them all
        steps = plan_degradations(page_rng(seed, stem, 1, font), clean, dpi, DEGRADATIONS)
    image, image_dpi = degrade(clean, steps, dpi)
    path = save_image(image, base, image_dpi, steps, optimize=True)
    if kind == "image-only":
        write_image_pdf([(path, image_dpi)], _suffixed(base, ".pdf"))
        path.unlink()
        path = _suffixed(base, ".pdf")
    return {**item, "dpi": image_dpi, "degradations": [s.as_json() for s in steps], "file": path.name}


def write_sample(corpus: Path, out: Path, seed: int = 0, dpi: int = 300) -> list[dict[str, Any]]:
    """Write the committed test sample (deterministic for a seed) with its manifest and README."""
    out.mkdir(parents=True, exist_ok=True)
    items = [_sample_item(corpus, out, stem, font, kind, seed, dpi) for stem, font, kind in SAMPLE]
    (out / "manifest.json").write_text(json.dumps(items, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    command = f"python scripts/make_scans.py --sample {out.as_posix()}"
    for flag, value, default in (("--corpus", corpus.as_posix(), "corpus"), ("--seed", seed, 0), ("--dpi", dpi, 300)):
        command += f" {flag} {value}" if value != default else ""
    (out / "README.md").write_text(_sample_readme(items, command, dpi), encoding="utf-8")
    return items


def describe(step: dict[str, Any]) -> str:
    """A degradation step of the manifest in a few words."""
    name = step["name"]
    if name == "stamp":
        return f"stamp “{step['text'].replace(chr(10), ' ')}” (gray {step['gray']}, r {step['radius_px']} px)"
    return {
        "rotate": f"rotation {step.get('degrees')}°",
        "blur": f"Gaussian blur σ {step.get('sigma')}",
        "downsample": f"downsampling to {step.get('dpi')} dpi",
        "noise": f"Gaussian noise σ {step.get('sigma')}",
        "jpeg": f"JPEG quality {step.get('quality')}",
    }[name]


def _sample_readme(items: Sequence[dict[str, Any]], command: str, dpi: int) -> str:
    how = {
        "clean": f"pango-view PNG at {dpi} dpi, padded to A4, optimised 8-bit grayscale PNG",
        "degraded": "the clean page, then: ",
        "image-only": f"the clean {dpi} dpi page as a one-page PDF by Pillow (JPEG q{CLEAN_PDF_QUALITY}, no text)",
        "born-digital": "pango-view's cairo PDF output, one A4 page (595 x 842 pt) with a text layer",
    }
    rows = "\n".join(
        f"| `{i['file']}` | {i['font']} | {how[i['variant']]}{', '.join(map(describe, i['degradations']))} |"
        for i in items
    )
    image_flags = shlex.join(["pango-view", *_layout_args("<font>", dpi), "--margin", _margin_px(dpi), *_PAINT])
    pdf_flags = shlex.join(["--dpi", str(PDF_DPI), "--height", str(TEXT_HEIGHT_PT), "--margin", str(MARGIN_PT)])
    return f"""# Scan sample

Made by `{command}`; rerunning it rewrites the same bytes.
`scripts/make_scans.py` builds the full scan corpus into `out/scans/` (not committed). These files are page 1
of a few corpus documents, where the Bangla header lines are (memo number, date, subject).

Page images: `{image_flags} --output page.png page.gt.txt`, padded with white to A4.
Born-digital PDF: the same flags with `{pdf_flags}` and `--output page.pdf`.

Each file's ground truth is next to it (`<name>.gt.txt`): the text of the page, as the corpus text (markup
stripped) is split into pages that fit A4 in every one of {", ".join(DEFAULT_FONTS)}.
`manifest.json` lists each file's font, dpi and exact degradations.

| file | font | how it was made |
| --- | --- | --- |
{rows}
"""


# --- command line -----------------------------------------------------------------------------------------


def main(argv: Sequence[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=Path("corpus"), help="folder of .txt documents")
    parser.add_argument("--out", type=Path, default=Path("out/scans"), help="output folder")
    parser.add_argument("--fonts", nargs="+", default=list(DEFAULT_FONTS), help="font families")
    parser.add_argument("--dpi", type=int, default=300, help="resolution of the clean page images")
    parser.add_argument("--limit", type=int, default=None, help="only the first N documents (by name)")
    parser.add_argument("--seed", type=int, default=0, help="seed of the degradations")
    parser.add_argument("--jobs", type=int, default=2, help="worker processes")
    parser.add_argument("--sample", type=Path, default=None, help=f"write the test sample here instead ({SAMPLE_DIR})")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    try:
        if args.sample is not None:
            items = write_sample(args.corpus, args.sample, args.seed, args.dpi)
            print(f"{len(items)} sample files in {args.sample}")
        else:
            manifest = build(args.corpus, args.out, args.fonts, args.dpi, args.limit, args.seed, args.jobs)
            print(f"{len(manifest['pages'])} page entries for {len(manifest['documents'])} documents in {args.out}")
    except ToolMissingError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    print(f"done in {time.perf_counter() - started:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
