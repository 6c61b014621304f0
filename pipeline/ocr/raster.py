"""Page images from PDFs (pypdfium2, in memory) and image files (Pillow), as grayscale uint8 arrays.

Oversized images are refused, not shrunk: Pillow can decode at a reduced size only for JPEG (``draft``);
a PNG or TIFF would have to be decoded at full size before it could be reduced, which is the very
allocation the check exists to avoid. One rule for every format is also easier to explain, and the
default limit (120 MP) already admits an A3 page scanned at 600 dpi (70 MP): anything larger is a poster,
a decompression bomb or a mistake, and the message tells the user to downscale it.
"""

from __future__ import annotations

import io
import itertools
import struct
import zlib
from collections.abc import Iterator
from pathlib import Path

import cv2
import numpy as np
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
from PIL import Image

POINTS_PER_INCH = 72
# A page claiming a resolution that makes it longer than this is carrying a placeholder (often 72 dpi).
_MAX_PAGE_INCHES = 20.0
# A scan's JPEG within this many pixels of the page's size at the asked resolution is that page, and
# rendering would only decode it. One a little larger is rendered (resampled) as before: s08's 2550×3300
# JPEG on a page of 2546×3296 at 300 dpi measured 2.56% CER rendered and 6.14% decoded (its title lost),
# so close is Tesseract to the edge on a page like it.
_SIZE_SLACK = 2
# Gray or RGB, by name or by an ICC profile (8 or 24 bits a pixel: not CMYK, whose JPEGs decode inverted).
_GRAY_OR_RGB = (
    pdfium_c.FPDF_COLORSPACE_DEVICEGRAY,
    pdfium_c.FPDF_COLORSPACE_DEVICERGB,
    pdfium_c.FPDF_COLORSPACE_ICCBASED,
)
# What Pillow raises on a damaged file, depending on the format and where the damage is.
_DECODE_ERRORS = (OSError, SyntaxError, EOFError, ValueError, struct.error, zlib.error)


def _open_pdf(pdf: Path | bytes) -> pdfium.PdfDocument:
    try:
        return pdfium.PdfDocument(pdf if isinstance(pdf, bytes) else str(pdf))
    except pdfium.PdfiumError as error:
        raise ValueError(f"cannot read the PDF: {error}") from error


def pdf_page_count(pdf: Path | bytes) -> int:
    """Number of pages of a PDF (a path or its bytes); ValueError if it cannot be read."""
    with PdfRaster(pdf) as document:
        return len(document)


def render_pdf_page(pdf: Path | bytes, index: int, dpi: int = 300, max_pixels: int = 120_000_000) -> np.ndarray:
    """Page ``index`` (0-based) rasterised in memory at ``dpi`` as grayscale uint8."""
    with PdfRaster(pdf) as document:
        return document.render(index, dpi, max_pixels)


class PdfRaster:
    """A PDF opened once for rasterising many of its pages (opening a long PDF costs ~5 ms each time)."""

    def __init__(self, pdf: Path | bytes) -> None:
        self.document = _open_pdf(pdf)

    def __enter__(self) -> PdfRaster:
        return self

    def __exit__(self, *_: object) -> None:
        self.document.close()

    def __len__(self) -> int:
        return len(self.document)

    def has_text(self, index: int) -> bool:
        """Whether page ``index`` (0-based) holds any text (of a text layer or not): ~0.3 ms, at any page of
        any PDF, where pdfminer walks the page tree to the page."""
        page = self.document[index]
        try:
            return bool(text_chars(page))
        finally:
            page.close()

    def render(self, index: int, dpi: int = 300, max_pixels: int = 120_000_000) -> np.ndarray:
        """Page ``index`` (0-based) at ``dpi`` as grayscale uint8; ValueError for a page too large or unrenderable."""
        if not 0 <= index < len(self.document):
            raise ValueError(f"page {index} asked of a PDF with {len(self.document)} pages")
        page = self.document[index]
        try:
            scale = dpi / POINTS_PER_INCH
            width, height = (round(side * scale) for side in page.get_size())
            if width * height > max_pixels:
                raise ValueError(
                    f"page {index} at {dpi} dpi would be {width}×{height} pixels, "
                    f"larger than the {max_pixels} pixels a page may have; render it at a lower dpi"
                )
            scan = _scanned_page(page, width, height)
            if scan is not None:
                return scan
            try:
                bitmap = page.render(scale=scale, grayscale=True)
            except pdfium.PdfiumError as error:
                raise ValueError(f"cannot render page {index} of the PDF: {error}") from error
            array = np.array(bitmap.to_numpy(), dtype=np.uint8)  # copy: the bitmap's buffer dies with the page
            return array.reshape(array.shape[0], array.shape[1], -1)[:, :, 0] if array.ndim == 3 else array
        finally:
            page.close()


def text_chars(page: pdfium.PdfPage) -> int:
    """Characters of a page's text (of a text layer or not), by pdfium: with the spaces and line ends it adds."""
    text = page.get_textpage()
    try:
        return int(text.count_chars())
    finally:
        text.close()


def _scanned_page(page: pdfium.PdfPage, width: int, height: int) -> np.ndarray | None:
    """The page's own pixels when it is one scanned JPEG at the asked size and nothing else shows (an
    invisible OCR layer aside): decoded straight to grayscale, in a fifth of a render's time (0.03 s
    against 0.22 s for a 300 dpi A4 scan), and the scanner's pixels rather than a resampling of them."""
    if page.get_rotation() or pdfium_c.FPDFPage_GetAnnotCount(page.raw):
        return None
    images = []
    for item in page.get_objects(max_depth=1):
        if item.type == pdfium_c.FPDF_PAGEOBJ_IMAGE:
            images.append(item)
        elif not (
            item.type == pdfium_c.FPDF_PAGEOBJ_TEXT
            and pdfium_c.FPDFTextObj_GetTextRenderMode(item.raw) == pdfium_c.FPDF_TEXTRENDERMODE_INVISIBLE
        ):
            return None
    # A JPEG, perhaps deflated as well (s01 p4: FlateDecode, DCTDecode); pdfium undoes such simple filters.
    if len(images) != 1 or images[0].get_filters()[-1:] != ["DCTDecode"]:
        return None
    image = images[0]
    page_width, page_height = page.get_size()
    left, bottom, right, top = image.get_bounds()
    matrix = image.get_matrix()
    upright = matrix.a > 0 and matrix.d > 0 and not (matrix.b or matrix.c)
    if not upright or max(abs(left), abs(bottom), abs(right - page_width), abs(top - page_height)) > 1:
        return None  # turned, mirrored or not covering the page
    meta = image.get_metadata()
    near = max(abs(meta.width - width), abs(meta.height - height)) <= _SIZE_SLACK
    if meta.colorspace not in _GRAY_OR_RGB or meta.bits_per_pixel not in (8, 24) or not near:
        return None
    pixels = cv2.imdecode(np.frombuffer(bytes(image.get_data(decode_simple=True)), np.uint8), cv2.IMREAD_GRAYSCALE)
    return pixels if pixels is not None and pixels.shape == (meta.height, meta.width) else None


def _open_image(image: Path | bytes) -> Image.Image:
    return Image.open(io.BytesIO(image) if isinstance(image, bytes) else image)


def _name(image: Path | bytes) -> str:
    return "image" if isinstance(image, bytes) else image.name


def image_page_count(path: Path | bytes) -> int:
    """Number of pages (frames) of an image (a path or its bytes), read from its header without decoding pixels."""
    try:
        with _open_image(path) as image:
            return int(getattr(image, "n_frames", 1))
    except Image.DecompressionBombError:
        return 1  # image_pages reports the size
    except _DECODE_ERRORS as error:
        raise ValueError(f"{_name(path)}: not a readable image ({error})") from error


def image_pages(
    path: Path | bytes, max_pixels: int = 120_000_000, numbers: range | None = None
) -> Iterator[np.ndarray]:
    """Every page of a PNG/JPEG/TIFF (each frame of a multi-page TIFF) as grayscale uint8; only the pages
    whose 1-based numbers are in ``numbers`` when it is given (the others are not decoded).

    Raises ValueError, naming the file, for an image that is damaged or larger than ``max_pixels``; the size
    is checked from the header before any pixel is decoded. (Pillow itself refuses images over twice its
    MAX_IMAGE_PIXELS on opening; that is reported the same way.)
    """
    try:
        image = _open_image(path)
    except Image.DecompressionBombError as error:
        raise ValueError(
            f"{_name(path)}: image is larger than the {max_pixels} pixels a page may have ({error})"
        ) from error
    except _DECODE_ERRORS as error:
        raise ValueError(f"{_name(path)}: not a readable image ({error})") from error
    with image:
        for number in itertools.count():
            if numbers is not None and number + 1 >= numbers.stop:
                return
            try:
                image.seek(number)
            except EOFError:
                return  # no more frames
            except _DECODE_ERRORS as error:
                raise ValueError(f"{_name(path)}: damaged image, page {number + 1} ({error})") from error
            if numbers is not None and number + 1 not in numbers:
                continue
            width, height = image.size
            if width * height > max_pixels:
                raise ValueError(
                    f"{_name(path)}: image of {width}×{height} pixels is larger than the {max_pixels} pixels "
                    "a page may have; scale it down (300 dpi is enough for OCR)"
                )
            try:
                image.load()
                array = _grayscale(image)
            except _DECODE_ERRORS as error:
                raise ValueError(f"{_name(path)}: damaged or truncated image, page {number + 1} ({error})") from error
            yield array


def _grayscale(image: Image.Image) -> np.ndarray:
    """Grayscale uint8; transparency becomes white paper, 16-bit and float images are scaled to 0–255."""
    if image.mode in ("I;16", "I;16B", "I;16L", "I", "F"):
        values = np.asarray(image, dtype=np.float64)
        top = float(values.max()) or 1.0
        return np.clip(values * (255.0 / top), 0, 255).astype(np.uint8)
    if "A" in image.getbands() or "transparency" in image.info:
        rgba = image.convert("RGBA")
        paper = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        image = Image.alpha_composite(paper, rgba)
    return np.asarray(image.convert("L"), dtype=np.uint8).copy()


def image_dpi(path: Path | bytes) -> int | None:
    """Resolution recorded in the image's metadata, or None when absent or implausible for a page."""
    try:
        with _open_image(path) as image:
            dpi = image.info.get("dpi")
            size = image.size
    except (Image.DecompressionBombError, *_DECODE_ERRORS):
        return None
    if not isinstance(dpi, tuple) or len(dpi) < 1:
        return None
    try:
        value = round(float(dpi[0]))
    except (TypeError, ValueError):
        return None
    if value < 50 or max(size) / value > _MAX_PAGE_INCHES:
        return None
    return value
