"""Tesseract in this process, through its C API (libtesseract 5 by ctypes): each model loads once per process.

The `tesseract` program loads its model at every start: 0.14 s for `Bengali`, 0.26 s for `Bengali+eng`,
0.12 s for `osd` (one core), paid two to four times a page (the page, its dropped lines, its Latin words,
sometimes its orientation). Here an engine per model stays loaded for the life of the process. Its words
are the program's byte for byte (TSV compared on the 9 pages of benchmarks/ocr_speed.py): the same library
reads the same pixels with the same settings.
"""

from __future__ import annotations

import ctypes
import os
import threading
import time
from dataclasses import dataclass, field
from functools import cache

import numpy as np

LIBRARY = "libtesseract.so.5"
# Leptonica's "resolution unknown" and the model cache's farewell would go to our stderr: Tesseract's own
# messages are not the pipeline's to print (a failure is reported by its return code).
_QUIET = {"debug_file": "/dev/null"}
_OSD_ONLY = 0  # page segmentation mode: orientation and script detection only


class OcrError(RuntimeError):
    """Tesseract is missing, failed, or ran out of time."""


def _function(library: ctypes.CDLL, name: str, result: object, *arguments: object) -> None:
    function = getattr(library, name)
    function.restype = result
    function.argtypes = arguments


@cache
def _library() -> ctypes.CDLL:
    """libtesseract with the signatures used here. Loaded with OMP_THREAD_LIMIT=1 in the environment and
    the environment then restored: OpenMP reads the limit once, as it loads, and Tesseract's threads fight
    each other on a small machine (OCR-NOTES)."""
    before = os.environ.get("OMP_THREAD_LIMIT")
    os.environ["OMP_THREAD_LIMIT"] = "1"
    try:
        library = ctypes.CDLL(LIBRARY)
    except OSError as error:
        raise OcrError("tesseract is not installed (Debian: apt-get install tesseract-ocr)") from error
    finally:
        if before is None:
            del os.environ["OMP_THREAD_LIMIT"]
        else:
            os.environ["OMP_THREAD_LIMIT"] = before
    handle, text, number = ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int
    _function(library, "TessVersion", text)
    _function(library, "TessBaseAPICreate", handle)
    _function(library, "TessBaseAPIInit2", number, handle, text, text, number)
    _function(library, "TessBaseAPISetVariable", number, handle, text, text)
    _function(library, "TessBaseAPISetPageSegMode", None, handle, number)
    _function(library, "TessBaseAPISetImage", None, handle, text, number, number, number, number)
    _function(library, "TessBaseAPISetSourceResolution", None, handle, number)
    _function(library, "TessBaseAPIRecognize", number, handle, handle)
    _function(library, "TessBaseAPIGetTsvText", handle, handle, number)
    _function(library, "TessDeleteText", None, handle)
    _function(library, "TessBaseAPIClear", None, handle)
    orientation = (ctypes.POINTER(number), ctypes.POINTER(ctypes.c_float), ctypes.POINTER(text))
    _function(
        library, "TessBaseAPIDetectOrientationScript", number, handle, *orientation, ctypes.POINTER(ctypes.c_float)
    )
    _function(library, "TessMonitorCreate", handle)
    _function(library, "TessMonitorDelete", None, handle)
    _function(library, "TessMonitorSetDeadlineMSecs", None, handle, number)
    return library


@dataclass
class _Engine:
    """One loaded model; the lock keeps two threads off it at once (an engine holds one page at a time)."""

    handle: int
    lock: threading.Lock = field(default_factory=threading.Lock)


@cache
def _engine(lang: str, oem: int, pid: int) -> _Engine:
    """The engine for `lang`, loaded once per process: `pid` gives a forked child engines of its own."""
    library = _library()
    handle = library.TessBaseAPICreate()
    for name, value in _QUIET.items():
        library.TessBaseAPISetVariable(handle, name.encode(), value.encode())
    if library.TessBaseAPIInit2(handle, None, lang.encode(), oem) != 0:
        raise OcrError(f"tesseract cannot load the model {lang!r} (is its traineddata installed?)")
    return _Engine(handle)


def version() -> str:
    """Tesseract's version as its program's `--version` names it: `tesseract 5.3.0`."""
    return f"tesseract {_library().TessVersion().decode()}"


def _set_image(library: ctypes.CDLL, handle: int, image: np.ndarray, dpi: int | None) -> None:
    """Hand over the grayscale page (the library copies it) with its resolution; none: Tesseract's guess."""
    if image.ndim != 2 or image.dtype != np.uint8:
        raise ValueError(f"expected a grayscale uint8 image, got {image.dtype} of shape {image.shape}")
    height, width = image.shape
    library.TessBaseAPISetVariable(handle, b"user_defined_dpi", str(dpi or 0).encode())
    library.TessBaseAPISetImage(handle, np.ascontiguousarray(image).tobytes(), width, height, 1, width)
    if dpi:
        library.TessBaseAPISetSourceResolution(handle, dpi)


def read_tsv(
    images: list[np.ndarray], lang: str, oem: int, psm: int, variables: dict[str, str], dpi: int | None, timeout: float
) -> str:
    """Tesseract's TSV rows (no header) for the images read as the pages of one run: each row's `page_num` is
    its image's, from 1. OcrError when the run takes longer than `timeout` seconds in all."""
    library = _library()
    engine = _engine(lang, oem, os.getpid())
    deadline = time.monotonic() + timeout
    rows: list[str] = []
    with engine.lock:
        library.TessBaseAPISetPageSegMode(engine.handle, psm)
        for name, value in variables.items():
            library.TessBaseAPISetVariable(engine.handle, name.encode(), value.encode())
        monitor = library.TessMonitorCreate()
        try:
            for number, image in enumerate(images):
                _set_image(library, engine.handle, image, dpi)
                left = deadline - time.monotonic()
                # The deadline is checked word by word: a page past it stops early and fails.
                library.TessMonitorSetDeadlineMSecs(monitor, max(1, int(left * 1000)))
                if left <= 0 or library.TessBaseAPIRecognize(engine.handle, monitor) != 0:
                    raise OcrError(f"tesseract took longer than {timeout:g} s")
                rows.append(_text(library, library.TessBaseAPIGetTsvText(engine.handle, number)))
        finally:
            library.TessBaseAPIClear(engine.handle)
            library.TessMonitorDelete(monitor)
    return "".join(rows)


def _text(library: ctypes.CDLL, pointer: int | None) -> str:
    """A string Tesseract made, freed."""
    if not pointer:
        return ""
    try:
        return ctypes.string_at(pointer).decode("utf-8", "replace")
    finally:
        library.TessDeleteText(pointer)


def orientation(image: np.ndarray, dpi: int | None, min_characters: int) -> tuple[int, float] | None:
    """Tesseract's OSD: the clockwise turn (0/90/180/270) that makes the page upright, and its confidence;
    None when it finds fewer than `min_characters` characters to judge by."""
    library = _library()
    engine = _engine("osd", 3, os.getpid())
    degrees, confidence = ctypes.c_int(), ctypes.c_float()
    script, script_confidence = ctypes.c_char_p(), ctypes.c_float()
    with engine.lock:
        library.TessBaseAPISetPageSegMode(engine.handle, _OSD_ONLY)
        library.TessBaseAPISetVariable(engine.handle, b"min_characters_to_try", str(min_characters).encode())
        _set_image(library, engine.handle, image, dpi)
        try:
            found = library.TessBaseAPIDetectOrientationScript(
                engine.handle, degrees, confidence, ctypes.byref(script), script_confidence
            )
        finally:
            library.TessBaseAPIClear(engine.handle)
    if not found:
        return None
    # The page's text is turned `degrees` counter-clockwise: it is made upright by that turn clockwise back.
    return (360 - degrees.value) % 360, float(confidence.value)
