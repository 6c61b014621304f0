"""The real scans: CER per transcribed page against raw Tesseract and OCRmyPDF, and extraction F1 per
field next to the same fields read from text.

    python benchmarks/real_scans.py [--markdown] [--no-cache] [--no-ocrmypdf]

Reads shared/real-scans in the folder beside the repository (never copied into it) and says so, exiting 0,
when that folder is absent. Each transcribed page (truth/sNN-pK.txt) is rendered once at 300 dpi in
grayscale, the way the pipeline rasterises it, and read three ways on one thread: this pipeline with its
default settings (`pipeline.read_pages` on the file, as a user would call it), raw
`tesseract -l Bengali --psm 6` on the page image, and OCRmyPDF `-l ben+eng --sidecar` on the same image.
CER is `pipeline.ocr.metrics.cer` (NFC, joiners removed, ৰ→র, whitespace collapsed).

Extraction: every real scan with gold is scored per field with `pipeline.score`, as `benchmarks/accuracy.py`
scores its real-scans set, beside the same fields on the real documents read as text (corpus-original and
corpus-real2) and the ratio of the two. Then, per scan, whether the memo number and the date its gold
checks came out right.
"""

from __future__ import annotations

import argparse
import functools
import operator
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from PIL import Image

ROOT = Path(__file__).resolve().parent.parent
if __package__ in (None, ""):  # run as a script: the repository root is not on the path yet
    sys.path.insert(0, str(ROOT))

from benchmarks.accuracy import GoldSet, find_set, pipeline_records, predictions, real_scans  # noqa: E402
from benchmarks.ocrmypdf_compare import ocrmypdf_pages  # noqa: E402
from pipeline.ingest import IngestOptions, read_pages  # noqa: E402
from pipeline.ocr import raster  # noqa: E402
from pipeline.ocr.cache import default_cache_folder  # noqa: E402
from pipeline.ocr.metrics import cer  # noqa: E402
from pipeline.score import FIELDS, Counts, ScoreReport, file_key, score  # noqa: E402

DPI = 300
TEXT_SETS = ("corpus-original", "corpus-real2")
HEADER_FIELDS = ("memo_no", "date")
TOOLS = ("smarak", "tesseract", "ocrmypdf")
SUMMARY_ROWS = ("mean", "overall")  # set in bold in markdown


@dataclass(frozen=True)
class TruthPage:
    """A transcribed page: the scan it is in, its 1-based number, and its transcription."""

    file: Path
    page: int
    truth: str

    @property
    def name(self) -> str:
        return f"{file_key(self.file.name)} p{self.page}"


@dataclass(frozen=True)
class Reading:
    """One tool's CER on one page and the seconds it took."""

    cer: float
    seconds: float


def truth_pages(folder: Path) -> list[TruthPage]:
    """Every truth/sNN-pK.txt with the file it transcribes a page of."""
    found = []
    for path in sorted((folder / "truth").glob("*-p*.txt")):
        stem, _, number = path.stem.rpartition("-p")
        file = next((folder / "files").glob(f"{stem}.*"))
        found.append(TruthPage(file, int(number), path.read_text(encoding="utf-8")))
    return found


def page_image(file: Path, page: int) -> np.ndarray:
    """The page in grayscale, as the pipeline rasterises it: a PDF page at DPI, an image as it is."""
    data = file.read_bytes()
    if data.startswith(b"%PDF"):
        return raster.render_pdf_page(data, page - 1, DPI)
    return next(raster.image_pages(data, numbers=range(page, page + 1)))


def _timed(read: Callable[[], str], truth: str) -> Reading:
    started = time.perf_counter()
    text = read()
    return Reading(cer(text, truth), time.perf_counter() - started)


def read_page(page: TruthPage, options: IngestOptions, with_ocrmypdf: bool) -> dict[str, Reading]:
    """The page's CER by each tool. The pipeline reads the whole file (its time is per page of it)."""
    image = page_image(page.file, page.page)
    readings: dict[str, Reading] = {}
    started = time.perf_counter()
    pages = read_pages(page.file, options).pages
    seconds = (time.perf_counter() - started) / len(pages)
    readings["smarak"] = Reading(cer(pages[page.page - 1].text, page.truth), seconds)
    with tempfile.TemporaryDirectory(prefix="smarak-real-") as work:
        png = Path(work) / "page.png"
        Image.fromarray(image).save(png, dpi=(DPI, DPI))
        readings["tesseract"] = _timed(lambda: raw_tesseract(png, "Bengali", 6, DPI), page.truth)
        if with_ocrmypdf:
            readings["ocrmypdf"] = _timed(lambda: ocrmypdf_pages(png, Path(work))[0], page.truth)
    return readings


def raw_tesseract(page: Path, lang: str, psm: int, dpi: int | None = None) -> str:
    """The text of `tesseract PAGE stdout -l LANG --psm PSM [--dpi DPI]` on one thread: the plain program."""
    command = ["tesseract", str(page), "stdout", "-l", lang, "--psm", str(psm), *(["--dpi", str(dpi)] if dpi else [])]
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    return subprocess.run(command, check=True, capture_output=True, env=env).stdout.decode("utf-8")


# --- extraction ----------------------------------------------------------------------------------


def checked_fields(report: ScoreReport) -> list[str]:
    """The fields the gold checks at least once."""
    counts = report.fields
    return [name for name in FIELDS if counts[name].tp + counts[name].fp + counts[name].fn]


def overall(report: ScoreReport, fields: list[str]) -> Counts:
    return sum((report.fields[name] for name in fields), Counts())


def header_checks(gold_set: GoldSet, predicted: dict[str, list[dict[str, object]]]) -> list[tuple[str, str, bool]]:
    """(scan, field, right?) for each memo number and date that a scan's gold checks."""
    checks = []
    for key, docs in gold_set.gold().items():
        report = score({key: docs}, {key: predicted.get(key, [])})
        for name in HEADER_FIELDS:
            if any(doc.get(name) for doc in docs):
                counts = report.fields[name]
                checks.append((key, name, counts.fp == counts.fn == 0))
    return checks


# --- output --------------------------------------------------------------------------------------


def _table(header: list[str], rows: list[list[str]], markdown: bool) -> str:
    if markdown:
        lines = ["| " + " | ".join(header) + " |", "|" + " --- |" * len(header)]
        bold = [[f"**{cell}**" for cell in row] if row[0] in SUMMARY_ROWS else row for row in rows]
        return "\n".join([*lines, *("| " + " | ".join(row) + " |" for row in bold)])
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]
    return "\n".join(
        "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)) for row in [header, *rows]
    )


def cer_rows(results: list[tuple[TruthPage, dict[str, Reading]]], tools: list[str]) -> list[list[str]]:
    """page | CER and s/page by tool | whether the pipeline is at or under raw Tesseract; then the mean."""
    rows = []
    for page, readings in results:
        ours, raw = readings["smarak"].cer, readings["tesseract"].cer
        cells = [f"{readings[tool].cer:.2%} ({readings[tool].seconds:.1f} s)" for tool in tools]
        rows.append([page.name, *cells, "yes" if ours <= raw else "NO"])
    means = [statistics.fmean(r[tool].cer for _, r in results) for tool in tools]
    wins = sum(r["smarak"].cer <= r["tesseract"].cer for _, r in results)
    rows.append(["mean", *(f"{m:.2%}" for m in means), f"{wins} of {len(results)}"])
    return rows


def f1_rows(scans: ScoreReport, text: ScoreReport, fields: list[str]) -> list[list[str]]:
    """field | F1 on scans | F1 on text | ratio, and the same over the fields together."""
    pairs = [(name, scans.fields[name], text.fields[name]) for name in fields]
    pairs.append(("overall", overall(scans, fields), overall(text, fields)))
    return [
        [name, f"{s.f1:.3f}", f"{t.f1:.3f}", f"{s.f1 / t.f1:.2f}" if t.f1 else "–", f"{s.tp}/{s.fp}/{s.fn}"]
        for name, s, t in pairs
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--markdown", action="store_true", help="print README-ready markdown tables")
    parser.add_argument("--no-cache", action="store_true", help="neither read nor write the OCR cache")
    parser.add_argument("--no-ocrmypdf", action="store_true", help="leave OCRmyPDF out (it takes ~4 s a page)")
    args = parser.parse_args()
    folder = real_scans()
    if not folder.is_dir():
        print(f"real scans: skipped, {folder} is not there")
        return
    os.environ["OMP_THREAD_LIMIT"] = "1"  # OCRmyPDF's Tesseract too; the pipeline sets it itself
    options = IngestOptions(cache=None if args.no_cache else default_cache_folder())
    tools = [tool for tool in TOOLS if tool != "ocrmypdf" or not args.no_ocrmypdf]
    print(f"real scans from {folder}\n")
    results = [(page, read_page(page, options, not args.no_ocrmypdf)) for page in truth_pages(folder)]
    header = ["page", *(f"{tool} CER" for tool in tools), "smarak ≤ tesseract"]
    print(_table(header, cer_rows(results, tools), args.markdown), end="\n\n")

    scans = find_set("real-scans")
    assert scans is not None
    predicted = predictions(scans, pipeline_records, options)
    scan_report = score(scans.gold(), predicted)
    text_sets = [s for s in map(find_set, TEXT_SETS) if s is not None]
    text_report = functools.reduce(
        operator.add, (score(s.gold(), predictions(s, pipeline_records, options)) for s in text_sets)
    )
    fields = checked_fields(scan_report)
    header = ["field", "F1 real scans", "F1 text", "scans ÷ text", "TP/FP/FN scans"]
    print(_table(header, f1_rows(scan_report, text_report, fields), args.markdown), end="\n\n")
    checks = header_checks(scans, predicted)
    print(_table(["scan", "field", "right"], [[k, f, "yes" if ok else "NO"] for k, f, ok in checks], args.markdown))


if __name__ == "__main__":
    main()
