"""Pages per minute of `run_batch` over scans: one worker, two workers, and a Dask LocalCluster of two.

The image-only PDFs (clean and degraded) of one font of the scan corpus are read by OCR, with the OCR
cache off, three times: local jobs=1, local jobs=2, and Dask with two single-threaded workers. Times are
end to end (worker start-up included). Peak memory per worker: its own maximum resident set (getrusage in
the worker: with forkserver and Dask workers are not this process's children, so RUSAGE_CHILDREN here
would not see them; and a child's ru_maxrss starts at its parent's size before exec, so Tesseract's cannot
be told from it), and, sampled with psutil every 0.1 s, the worker with the Tesseract it runs. Run:

    python scripts/make_scans.py                       # once: writes out/scans
    python benchmarks/batch_speed.py [out/scans] [--font "Noto Sans Bengali"] [--limit N]

One long file instead: `--long-scan N` makes an N-page image-only PDF of the committed sample scans
(tests/data/scans, over and over) and reads it with jobs=1 and jobs=2 (it is split by pages across the
workers: `pipeline.split`); `--blank N` makes a PDF of N blank pages and the letter scan as page 2, and reads
it with jobs=2 (blank pages are skipped without OCR).
"""

from __future__ import annotations

import argparse
import json
import tempfile
import threading
from pathlib import Path
from typing import Any

import psutil  # type: ignore[import-untyped]  # installed with dask.distributed
from PIL import Image

from pipeline.batch import BatchSummary, run_batch
from pipeline.ingest import IngestOptions
from pipeline.ocreval import load_manifest

KINDS = ("clean", "degraded")
SAMPLE = Path(__file__).resolve().parent.parent / "tests" / "data" / "scans"
RUNS: list[tuple[str, dict[str, Any]]] = [
    ("local, jobs=1", {"jobs": 1}),
    ("local, jobs=2", {"jobs": 2}),
    ("dask, 2 workers", {"jobs": 2, "executor": "dask"}),
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("scans", nargs="?", type=Path, default=Path("out/scans"), help="scan corpus folder")
    parser.add_argument("--font", help="font of the PDFs to read (default: the manifest's first)")
    parser.add_argument("--limit", type=int, help="only the first N documents")
    parser.add_argument("--long-scan", type=int, metavar="N", help="one image-only PDF of N pages instead")
    parser.add_argument("--blank", type=int, metavar="N", help="one PDF of N blank pages and a letter instead")
    args = parser.parse_args()
    if args.long_scan or args.blank:
        one_file(args.long_scan, args.blank)
        return
    files = scan_files(args.scans, args.font, args.limit)
    print(f"{len(files)} image-only PDFs from {args.scans}, OCR cache off")
    rates: dict[str, float] = {}
    records: dict[str, set[str]] = {}
    with tempfile.TemporaryDirectory() as folder:
        for label, settings in RUNS:
            output = Path(folder) / f"{len(records)}.jsonl"
            with PeakMemory() as memory:
                summary = run_batch(files, output, IngestOptions(cache=None), **settings)
            rates[label] = report(label, summary, memory)
            records[label] = {_canonical(line) for line in output.read_text(encoding="utf-8").splitlines()}
    first, second, dask = (rates[label] for label, _ in RUNS)
    print(f"scaling jobs=2 / jobs=1: {second / first:.2f}×; dask (2 workers) / jobs=1: {dask / first:.2f}×")
    same = all(lines == records[RUNS[0][0]] for lines in records.values())
    print(f"the same records from every run: {'yes' if same else 'NO'}")


def one_file(long_scan: int | None, blank: int | None) -> None:
    """Read one long PDF: an N-page scan with one and two workers, or N blank pages and a letter with two."""
    pages = [Image.open(path).convert("L") for path in sorted(SAMPLE.glob("*.png")) + sorted(SAMPLE.glob("*.jpg"))]
    with tempfile.TemporaryDirectory() as folder:
        pdf = Path(folder) / "long.pdf"
        if long_scan:
            made = [pages[i % len(pages)] for i in range(long_scan)]
        else:
            white = Image.new("1", pages[0].size, 1)
            made = [white, pages[0], *[white] * ((blank or 1) - 1)]
        made[0].save(pdf, save_all=True, append_images=made[1:], resolution=300)
        print(f"one image-only PDF of {len(made)} pages ({pdf.stat().st_size / 2**20:.1f} MB), OCR cache off")
        records = []
        for jobs in (1, 2) if long_scan else (2,):
            output = Path(folder) / f"{jobs}.jsonl"
            with PeakMemory() as memory:
                summary = run_batch([pdf], output, IngestOptions(cache=None), jobs=jobs)
            report(f"local, jobs={jobs}", summary, memory)
            share = ", ".join(f"{n}" for n in sorted(summary.worker_pages.values(), reverse=True))
            blanks = summary.codes.get("page-blank", 0)
            per_page = summary.elapsed / len(made)
            print(f"  pages read per worker: {share}; blank pages skipped: {blanks}; {per_page:.3f} s/page")
            records.append(output.read_text(encoding="utf-8"))
        print(f"the same records from every run: {'yes' if len(set(records)) == 1 else 'NO'}")


def scan_files(scans: Path, font: str | None, limit: int | None) -> list[Path]:
    """The clean and degraded image-only PDFs of one font, document by document."""
    documents = load_manifest(scans)[:limit]
    if not documents:
        raise SystemExit(f"{scans}: no documents")
    font = font or next(iter(documents[0].pdfs))
    return [document.pdfs[font][kind] for document in documents for kind in KINDS]


class PeakMemory:
    """Samples the descendants of this process: per process, the peak of its RSS plus its children's."""

    def __init__(self, interval: float = 0.1) -> None:
        self.interval = interval
        self.peak_mb: dict[int, float] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._watch, daemon=True)

    def __enter__(self) -> PeakMemory:
        self._thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._stop.set()
        self._thread.join()

    def _watch(self) -> None:
        while not self._stop.wait(self.interval):
            for process in psutil.Process().children(recursive=True):
                try:
                    family = [process, *process.children(recursive=True)]
                    rss = sum(member.memory_info().rss for member in family) / 2**20
                except psutil.Error:
                    continue  # ended while being looked at
                self.peak_mb[process.pid] = max(rss, self.peak_mb.get(process.pid, 0.0))


def report(label: str, summary: BatchSummary, memory: PeakMemory) -> float:
    """Print one run's figures; its pages per minute."""
    if summary.exit_code:
        raise SystemExit(f"{label}: {summary.stopped or f'{summary.failed} file(s) failed'}")
    rate = summary.pages / summary.elapsed * 60
    workers = []
    for worker, kb in sorted(summary.worker_peak_rss_kb.items()):
        sampled = memory.peak_mb.get(int(worker.rpartition(":")[2]))
        workers.append(f"{kb / 1024:.0f}" + (f" ({sampled:.0f} with Tesseract)" if sampled else ""))
    print(
        f"{label:16} {summary.done} files, {summary.pages} pages ({summary.pages_ocr} by OCR) in "
        f"{summary.elapsed:.1f} s: {rate:.1f} pages/min; peak memory per worker, MB: {', '.join(workers)}"
    )
    return rate


def _canonical(line: str) -> str:
    """A record line with its keys sorted, to compare runs."""
    return json.dumps(json.loads(line), sort_keys=True)


if __name__ == "__main__":
    main()
