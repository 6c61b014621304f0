"""The page sidecar of a run (`smarak run --pages-out DIR`), like OCRmyPDF's: every page's text exactly as the
records' `span` offsets index it and, for an OCR'd page, its image and the boxes of its words, so that a
record can be shown against its source later (`smarak review`).

A file's sidecar is named by its content, never by its path: `DIR/<sha256>.json`, beside its page images
`DIR/<sha256>.p<page>.<digest>.png` (the digest of the image's bytes). The images are written first, then
the JSON by a rename over the old one: a reader sees the old sidecar or the new one, whole, and never a JSON
naming an image that is not there. Images the new JSON does not name (a run at another resolution) are then
removed. Each image is the page as Tesseract read it (after clean-up: deskewed, turned upright, table rules
and stamps taken out), downscaled to IMAGE_WIDTH; the word boxes are in its pixels.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

import numpy as np
import regex
from PIL import Image
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from pipeline.api import normalise_pages
from pipeline.files import replace_file
from pipeline.ingest import Pages
from pipeline.models import Method
from pipeline.ocr.tesseract import OcrWord

SCHEMA: Literal["pages/1"] = "pages/1"
#: Width (px) page images are downscaled to: an A4 page at 150 dpi, sharp enough for Bangla conjuncts at 100 %
#: zoom. Measured on the 300 dpi letter scan in tests/data/scans: 122 kB as 8-bit grayscale PNG, 0.2 s to
#: downscale and encode.
IMAGE_WIDTH = 1240
_SHA = regex.compile(r"[0-9a-f]{64}")
IMAGE_NAME = regex.compile(r"(?P<sha>[0-9a-f]{64})\.p(?P<page>[0-9]{1,5})\.[0-9a-f]{16}\.png")


class WordBox(BaseModel):
    """An OCR word and its box in the page image's pixels; `line` numbers the page's lines from 0."""

    text: str
    left: int
    top: int
    width: int
    height: int
    conf: int
    line: int


class SidecarPage(BaseModel):
    """One page: its text as spans index it, and for an OCR'd page its image (a file name in the folder)."""

    page: int
    method: Method
    text: str
    image: str | None = None
    width: int | None = None
    height: int | None = None
    words: list[WordBox] = []


class Sidecar(BaseModel):
    """A file's pages, named by the file's sha256 (`source.sha256` of its records)."""

    model_config = ConfigDict(validate_by_name=True, validate_by_alias=True, serialize_by_alias=True)

    schema_: Literal["pages/1"] = Field(default=SCHEMA, alias="schema")
    file: str
    sha256: str
    pages: list[SidecarPage]


@dataclass(frozen=True)
class PageImage:
    """A page image, downscaled and PNG-encoded, and the factor its word boxes are scaled by."""

    png: bytes
    width: int
    height: int
    scale: float


@dataclass
class ImageCollector:
    """Receives the page images `read_pages` hands over (`images=`) and keeps each one only downscaled and
    encoded, so a long scan's full-size pages are never held together."""

    images: dict[int, PageImage] = field(default_factory=dict)

    def __call__(self, number: int, image: np.ndarray) -> None:
        self.images[number] = encode_image(image)


@dataclass(frozen=True)
class SidecarFiles:
    """What is written for one file: the sidecar and its images by file name (a worker's result)."""

    sidecar: Sidecar
    images: dict[str, bytes]


def encode_image(image: np.ndarray) -> PageImage:
    """A grayscale page image as PNG, no wider than IMAGE_WIDTH."""
    height, width = image.shape[:2]
    scale = min(1.0, IMAGE_WIDTH / width)
    picture = Image.fromarray(image)
    if scale < 1.0:
        picture = picture.resize((IMAGE_WIDTH, max(1, round(height * scale))), Image.Resampling.LANCZOS)
    buffer = io.BytesIO()
    picture.save(buffer, format="PNG")
    return PageImage(buffer.getvalue(), picture.width, picture.height, scale)


def build_sidecar(file: str, pages: Pages, images: dict[int, PageImage]) -> SidecarFiles:
    """A file's sidecar from its pages as read and the images collected while reading them."""
    texts = normalise_pages([page.text for page in pages.pages])
    entries, files = [], {}
    for number, (page, text) in enumerate(zip(pages.pages, texts, strict=True), start=1):
        entry = SidecarPage(page=number, method=page.method, text=text)
        image = images.get(number)
        if image is not None:
            name = f"{pages.sha256}.p{number}.{hashlib.sha256(image.png).hexdigest()[:16]}.png"
            files[name] = image.png
            entry.image, entry.width, entry.height = name, image.width, image.height
            entry.words = _boxes(page.words, image.scale)
        entries.append(entry)
    return SidecarFiles(Sidecar(file=file, sha256=pages.sha256, pages=entries), files)


def _boxes(words: tuple[OcrWord, ...], scale: float) -> list[WordBox]:
    """The OCR words' boxes scaled to the stored image, their lines numbered in reading order."""
    lines: dict[tuple[int, int, int], int] = {}
    return [
        WordBox(
            text=word.text,
            left=round(word.left * scale),
            top=round(word.top * scale),
            width=max(1, round(word.width * scale)),
            height=max(1, round(word.height * scale)),
            conf=round(word.conf),
            line=lines.setdefault((word.block, word.par, word.line), len(lines)),
        )
        for word in words
    ]


def sidecar_path(folder: Path, sha256: str) -> Path:
    """Where the sidecar of the file with this sha256 is; ValueError for anything but a sha256."""
    if not _SHA.fullmatch(sha256):
        raise ValueError(f"not a sha256: {sha256!r}")
    return folder / f"{sha256}.json"


def image_path(folder: Path, name: str) -> Path:
    """Where the page image of this name is; ValueError for a name this module does not write."""
    if not IMAGE_NAME.fullmatch(name):
        raise ValueError(f"not a page image name: {name!r}")
    return folder / name


def write_sidecar(folder: Path, files: SidecarFiles) -> None:
    """Write a file's sidecar into `folder` (created if missing): its images, then its JSON, each through a new
    temporary file and a rename; then remove the images of this file that the JSON no longer names."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, data in files.images.items():
        replace_file(image_path(folder, name), data)
    target = sidecar_path(folder, files.sidecar.sha256)
    replace_file(target, files.sidecar.model_dump_json().encode("utf-8"))
    named = set(files.images)
    for stale in folder.glob(f"{files.sidecar.sha256}.p*.png"):
        if stale.name not in named and IMAGE_NAME.fullmatch(stale.name):
            with contextlib.suppress(FileNotFoundError):
                stale.unlink()


def read_sidecar(folder: Path, sha256: str) -> Sidecar | None:
    """The sidecar of a file, or None when there is none or it cannot be read as one."""
    try:
        data = sidecar_path(folder, sha256).read_bytes()
        sidecar = Sidecar.model_validate_json(data)
    except (OSError, ValueError, ValidationError):
        return None
    return sidecar if sidecar.sha256 == sha256 else None
