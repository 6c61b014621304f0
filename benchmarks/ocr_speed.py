"""OCR speed on one core: the pipeline with its default settings against raw Tesseract on the same scanned
pages, as one ratio measured in one run; then a born-digital page read from its text layer and a cache hit.

    python benchmarks/ocr_speed.py [--runs 3] [--no-real]

Pages: the committed sample scans in tests/data/scans/ (page images and an image-only PDF), and the real
scans s01.pdf (4 pages, 300 dpi flatbed) and s08.pdf (1 page) from shared/real-scans/files in the folder
beside the repository when it is there (the benchmark says when it is not). Raw Tesseract
(`tesseract PAGE.pgm stdout -l <model> --psm <psm>`, the pipeline's model and page mode) is given ready
PGM files: each PDF page rasterised at the pipeline's dpi, each image decoded to grayscale, beforehand and
untimed. The pipeline is timed from the file on disk to its records (`read_pages` then `process_pages`,
which is `process_file`): rasterising, the text-layer check, clean-up, OCR and extraction included, no
cache. Raw and pipeline runs alternate file by file, so a change in the machine's load hits both. The
ratio is the pipeline's seconds over raw Tesseract's, each file timed by its fastest of `--runs` runs on
each side (load on a shared machine only ever adds time; `timeit` takes the minimum for the same reason);
the ratio of all runs summed is printed beside it. Everything runs on one core with
OMP_THREAD_LIMIT=1. CER (`pipeline.ocr.metrics.cer`) is printed for pages with a transcription, raw and
pipeline side by side, so that speed is not bought with accuracy. Last, where the pipeline's time goes: one
more pass over the files under cProfile, the cumulative seconds of each stage's function.
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from PIL import Image

ROOT = Path(__file__).resolve().parent.parent
if __package__ in (None, ""):  # run as a script: the repository root is not on the path yet
    sys.path.insert(0, str(ROOT))

from benchmarks.accuracy import real_scans  # noqa: E402
from benchmarks.real_scans import raw_tesseract, truth_pages  # noqa: E402
from pipeline.api import process_file, process_pages  # noqa: E402
from pipeline.ingest import IngestOptions, read_pages, sniff  # noqa: E402
from pipeline.ocr import raster  # noqa: E402
from pipeline.ocr.metrics import cer  # noqa: E402

SAMPLE = ROOT / "tests" / "data" / "scans"
REAL_FILES = ("s01.pdf", "s08.pdf")


@dataclass
class ScanFile:
    """A scanned file, its pages as ready PGM files for raw Tesseract, and the transcriptions there are."""

    path: Path
    group: str
    pgm: list[Path]
    truth: dict[int, str] = field(default_factory=dict)
    raw_runs: list[float] = field(default_factory=list)
    pipeline_runs: list[float] = field(default_factory=list)
    raw_text: dict[int, str] = field(default_factory=dict)
    pipeline_text: dict[int, str] = field(default_factory=dict)


def _sample_files() -> list[tuple[Path, dict[int, str]]]:
    """The committed scans (not the born-digital PDF), each with its page's transcription."""
    found = []
    for path in sorted(SAMPLE.iterdir()):
        if path.suffix in (".png", ".jpg", ".pdf") and "born-digital" not in path.name:
            truth = path.with_name(path.name.removesuffix(path.suffix) + ".gt.txt")
            found.append((path, {1: truth.read_text(encoding="utf-8")} if truth.exists() else {}))
    return found


def _real_files() -> list[tuple[Path, dict[int, str]]]:
    """The REAL_FILES among the real scans, each with its transcribed pages."""
    found: dict[Path, dict[int, str]] = {}
    for page in truth_pages(real_scans()):
        if page.file.name in REAL_FILES:
            found.setdefault(page.file, {})[page.page] = page.truth
    return list(found.items())


def _pgm_pages(path: Path, dpi: int, folder: Path) -> list[Path]:
    """The file's pages as PGM files: what the pipeline OCRs, before its own clean-up."""
    data = path.read_bytes()
    if sniff(data).reader == "pdf":
        images = [raster.render_pdf_page(data, index, dpi) for index in range(raster.pdf_page_count(data))]
    else:
        images = list(raster.image_pages(data))
    pages = []
    for number, image in enumerate(images, start=1):
        pgm = folder / f"{path.stem}.{number}.pgm"
        Image.fromarray(image).save(pgm)
        pages.append(pgm)
    return pages


def _timed(action: Callable[[], object]) -> float:
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


def _run_once(scan: ScanFile, options: IngestOptions) -> None:
    """One raw pass over the file's pages and one pipeline pass over the file, each timed."""
    started = time.perf_counter()
    scan.raw_text = {
        n: raw_tesseract(pgm, options.ocr.lang, options.ocr.psm) for n, pgm in enumerate(scan.pgm, start=1)
    }
    scan.raw_runs.append(time.perf_counter() - started)
    started = time.perf_counter()
    pages = read_pages(scan.path, options)
    process_pages(pages.pages, file=str(scan.path), sha256=pages.sha256, warnings=pages.warnings)
    scan.pipeline_runs.append(time.perf_counter() - started)
    scan.pipeline_text = {n: page.text for n, page in enumerate(pages.pages, start=1)}


def _fastest(scans: list[ScanFile]) -> tuple[float, float]:
    """Raw and pipeline seconds over the files, each file's fastest run."""
    return sum(min(s.raw_runs) for s in scans), sum(min(s.pipeline_runs) for s in scans)


def _report(scans: list[ScanFile]) -> None:
    """Each file's fastest run of each side, group totals, and the ratio over all pages: of the fastest runs
    (the headline: the machine's load only ever adds time, so the fastest run is the cost of the work, as
    `timeit` reasons) and of all runs summed."""
    print(f"{'file':62} {'pages':>5} {'raw s':>8} {'smarak s':>9} {'ratio':>6}")
    for group in dict.fromkeys(scan.group for scan in scans):
        members = [scan for scan in scans if scan.group == group]
        for scan in members:
            raw, ours = min(scan.raw_runs), min(scan.pipeline_runs)
            print(f"{scan.path.name[:62]:62} {len(scan.pgm):5} {raw:8.2f} {ours:9.2f} {ours / raw:6.2f}")
        raw, ours = _fastest(members)
        pages = sum(len(s.pgm) for s in members)
        print(f"{'= ' + group:62} {pages:5} {raw:8.2f} {ours:9.2f} {ours / raw:6.2f}\n")
    pages = sum(len(s.pgm) for s in scans)
    raw, ours = _fastest(scans)
    print(f"pipeline (defaults) ÷ raw Tesseract, all {pages} pages, fastest run of each: {ours / raw:.2f}×")
    raw, ours = sum(sum(s.raw_runs) for s in scans), sum(sum(s.pipeline_runs) for s in scans)
    print(f"pipeline (defaults) ÷ raw Tesseract, all {pages} pages, all runs summed:     {ours / raw:.2f}×\n")
    print(f"{'page with a transcription':66} {'raw CER':>8} {'smarak CER':>10}")
    for scan in scans:
        for number, truth in sorted(scan.truth.items()):
            raw_cer, our_cer = cer(scan.raw_text[number], truth), cer(scan.pipeline_text[number], truth)
            print(f"{f'{scan.path.name} p{number}'[:66]:66} {raw_cer:8.2%} {our_cer:10.2%}")


# Where the time goes: (module file, function) of each stage, as cProfile names them.
STAGES = (
    ("rasterise PDF pages", "raster.py", "render"),
    ("decode page images", "raster.py", "image_pages"),
    ("text layer (poppler, pdfium)", "textlayer.py", "read_text_layer"),
    ("text-layer check (OCR of a strip)", "layercheck.py", "check_layer"),
    ("blank-page test", "blank.py", "is_blank"),
    ("clean-up", "cleanup.py", "clean"),
    ("OCR, all Tesseract runs and layout", "tesseract.py", "ocr_image"),
    ("  of which dropped lines read again", "tesseract.py", "recover_dropped_lines"),
    ("  of which Latin words read again", "latin.py", "reread_latin"),
    ("extraction", "api.py", "process_pages"),
)


def _stages(scans: list[ScanFile], options: IngestOptions) -> None:
    """Seconds per stage in one pass over the files (cumulative: a stage includes what it calls)."""
    profile = cProfile.Profile()
    profile.enable()
    for scan in scans:
        pages = read_pages(scan.path, options)
        process_pages(pages.pages, file=str(scan.path), sha256=pages.sha256, warnings=pages.warnings)
    profile.disable()
    stats = pstats.Stats(profile).stats  # type: ignore[attr-defined]  # {(file, line, name): (…, cumulative, …)}
    total = sum(row[3] for (file, _, name), row in stats.items() if name in ("read_pages", "process_pages"))
    print(f"\nwhere the time goes, one pass over the {sum(len(s.pgm) for s in scans)} pages under cProfile:")
    for label, module, function in STAGES:
        seconds = sum(row[3] for (file, _, name), row in stats.items() if file.endswith(module) and name == function)
        print(f"{seconds:8.2f} s {seconds / total:6.1%}  {label}")
    print(f"{total:8.2f} s 100.0%  in all (read_pages and process_pages)")


def _other_rows(options: IngestOptions, raw_page_s: float) -> None:
    """A born-digital page from its text layer, and a page served from the OCR cache."""
    born = next(SAMPLE.glob("*born-digital*.pdf"))
    page = next(SAMPLE.glob("*clean*.png"))
    text_layer = min(_timed(lambda: process_file(born, options)) for _ in range(3))
    with tempfile.TemporaryDirectory() as cache:
        cached = options.model_copy(update={"cache": Path(cache)})
        process_file(page, cached)
        hit = min(_timed(lambda: process_file(page, cached)) for _ in range(3))
    print(f"\nborn-digital page from its text layer: {text_layer:.3f} s ({raw_page_s / text_layer:.0f}× faster)")
    print(f"OCR cache hit on a sample page:        {hit:.3f} s ({raw_page_s / hit:.0f}× faster)")
    print(f"(against {raw_page_s:.3f} s, raw Tesseract's mean per sample page)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="passes over the pages (each file's fastest counts)")
    parser.add_argument("--no-real", action="store_true", help="the committed samples only")
    args = parser.parse_args()
    os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core, for this process and its children
    os.environ["OMP_THREAD_LIMIT"] = "1"
    options = IngestOptions(cache=None)
    real = [] if args.no_real else _real_files()
    if not args.no_real and not real:
        print(f"(no real scans: {real_scans() / 'files'} is not there; the committed samples only)\n")
    with tempfile.TemporaryDirectory() as folder:
        scans = [
            ScanFile(p, "committed samples", _pgm_pages(p, options.dpi, Path(folder)), t) for p, t in _sample_files()
        ]
        scans += [ScanFile(p, "real scans", _pgm_pages(p, options.dpi, Path(folder)), t) for p, t in real]
        process_file(scans[0].path, options)  # warm up: the extractors' data and spaCy load once per process
        for _ in range(args.runs):
            for scan in scans:
                _run_once(scan, options)
    print(f"one core, OMP_THREAD_LIMIT=1, {args.runs} run(s) per file, seconds of the fastest run\n")
    _report(scans)
    _stages(scans, options)
    samples = [scan for scan in scans if scan.group == "committed samples"]
    _other_rows(options, _fastest(samples)[0] / sum(len(s.pgm) for s in samples))


if __name__ == "__main__":
    main()
