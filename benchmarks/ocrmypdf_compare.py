"""OCRmyPDF (`-l ben+eng --sidecar`, what a user would pick instead) against this pipeline on the same
image-only scan PDFs: character error rate and seconds per page, clean and degraded.

    python scripts/make_scans.py                      # once: the scan corpus in out/scans
    python benchmarks/ocrmypdf_compare.py [--scans out/scans] [--font "Noto Sans Bengali"] [--limit 3]

Both run on one core (OCRmyPDF with --jobs 1, Tesseract with OMP_THREAD_LIMIT=1), without caches.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import tempfile
import time
from pathlib import Path

from pipeline.ingest import IngestOptions, read_pages
from pipeline.ocr.metrics import cer
from pipeline.ocreval import load_manifest


def ocrmypdf_pages(pdf: Path, workdir: Path) -> list[str]:
    """Page texts of OCRmyPDF's sidecar (pages separated by form feeds)."""
    sidecar = workdir / "sidecar.txt"
    subprocess.run(
        ["ocrmypdf", "-l", "ben+eng", "--jobs", "1", "--sidecar", str(sidecar), "--output-type", "pdf",
         str(pdf), str(workdir / "out.pdf")],
        check=True,
        capture_output=True,
        env={**os.environ, "OMP_THREAD_LIMIT": "1"},
    )  # fmt: skip
    return sidecar.read_text(encoding="utf-8").split("\f")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scans", type=Path, default=Path("out/scans"))
    parser.add_argument("--font", default="Noto Sans Bengali")
    parser.add_argument("--limit", type=int, default=3, help="documents (default 3)")
    args = parser.parse_args()
    os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    options = IngestOptions(mode="ocr", cache=None)
    totals: dict[tuple[str, str], list[float]] = {}
    for document in load_manifest(args.scans)[: args.limit]:
        truths = [p.read_text(encoding="utf-8") for p in document.truths]
        for kind in ("clean", "degraded"):
            pdf = document.pdfs[args.font][kind]
            with tempfile.TemporaryDirectory() as work:
                started = time.perf_counter()
                theirs = ocrmypdf_pages(pdf, Path(work))
                their_time = time.perf_counter() - started
            started = time.perf_counter()
            ours = [page.text for page in read_pages(pdf, options).pages]
            our_time = time.perf_counter() - started
            for tool, texts, seconds in (("ocrmypdf", theirs, their_time), ("smarak", ours, our_time)):
                errors = [cer(text, truth) for text, truth in zip(texts, truths, strict=False)]
                entry = totals.setdefault((kind, tool), [0.0, 0.0, 0.0])
                entry[0] += len(truths)
                entry[1] += sum(errors)
                entry[2] += seconds
                rate, pace = sum(errors) / len(truths), seconds / len(truths)
                print(f"{document.name} {kind:8} {tool:8} CER {rate:6.2%}  {pace:5.2f} s/page")
    print(f"\n{'kind':8} {'tool':8} {'pages':>5} {'CER':>7} {'s/page':>7}")
    for (kind, tool), (pages, error, seconds) in sorted(totals.items()):
        print(f"{kind:8} {tool:8} {pages:5.0f} {error / pages:7.2%} {seconds / pages:7.2f}")


if __name__ == "__main__":
    main()
