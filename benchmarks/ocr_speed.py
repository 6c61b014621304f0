"""Seconds per page on one core: raw `tesseract` on a page image against the pipeline on the same page;
a born-digital page read from its text layer; a page served from the OCR cache.

    python benchmarks/ocr_speed.py [--image PAGE.png] [--pdf BORN_DIGITAL.pdf] [--runs 3]

Defaults are the committed sample pages in tests/data/scans/. Every run reads from disk; the pipeline
runs without the cache except in the cache-hit row.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from pipeline.api import process_file
from pipeline.ingest import IngestOptions
from pipeline.ocr.cleanup import CleanupOptions

SAMPLE = Path(__file__).resolve().parent.parent / "tests" / "data" / "scans"


def _timed(action: Callable[[], object], runs: int) -> float:
    """The median of `runs` timings, after one warm-up run."""
    action()
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def _raw_tesseract(image: Path, lang: str, psm: int) -> None:
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    subprocess.run(
        ["tesseract", str(image), "stdout", "-l", lang, "--psm", str(psm)],
        check=True,
        capture_output=True,
        env=env,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--image", type=Path, default=next(iter(sorted(SAMPLE.glob("*clean*.png"))), None))
    parser.add_argument("--pdf", type=Path, default=next(iter(sorted(SAMPLE.glob("*born-digital*.pdf"))), None))
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core, for this process and its children
    plain = IngestOptions(cache=None)
    settings = plain.ocr
    no_cleanup = plain.model_copy(
        update={"cleanup": CleanupOptions(**dict.fromkeys(CleanupOptions.model_fields, False))}
    )
    bare = no_cleanup.model_copy(update={"ocr": settings.model_copy(update={"recover_lines": False})})
    rows: list[tuple[str, float]] = []
    raw = _timed(lambda: _raw_tesseract(args.image, settings.lang, settings.psm), args.runs)
    rows.append((f"tesseract -l {settings.lang} --psm {settings.psm} (raw, on the page image)", raw))
    for label, options in (
        ("pipeline, no clean-up, no dropped-line recovery", bare),
        ("pipeline, no clean-up (dropped-line recovery on)", no_cleanup),
        ("pipeline, defaults (clean-up and recovery)", plain),
    ):
        rows.append((label, _timed(lambda o=options: process_file(args.image, o), args.runs)))  # type: ignore[misc]
    text_layer = _timed(lambda: process_file(args.pdf, plain), args.runs)
    rows.append(("pipeline, born-digital page (text layer)", text_layer))
    with tempfile.TemporaryDirectory() as cache:
        cached = IngestOptions(cache=Path(cache))
        process_file(args.image, cached)
        hit = _timed(lambda: process_file(args.image, cached), args.runs)
        rows.append(("pipeline, cache hit", hit))
    print(f"page image: {args.image}\nborn-digital page: {args.pdf}\nmedian of {args.runs} runs, one core\n")
    for label, seconds in rows:
        print(f"{seconds:8.3f} s/page  {seconds / raw:6.2f} × raw   {label}")
    ocr = rows[3][1]
    print(f"\ntext layer is {ocr / text_layer:.0f}× faster than OCR; a cache hit {ocr / hit:.0f}× faster")


if __name__ == "__main__":
    main()
