"""Documents per second for extraction (text in, records out) on one core.

The corpus's text files are repeated until at least --documents documents have been processed; each
repetition is read from memory, so the figure is the core's speed, without disk reads. Run:

    python benchmarks/extract_speed.py [--documents 1000]
"""

from __future__ import annotations

import argparse
import hashlib
import os
import time
from pathlib import Path

from pipeline.api import process_pages
from pipeline.ingest import Page, decode_text

CORPUS = Path(__file__).resolve().parent.parent / "corpus"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=1000, help="at least this many documents (default 1000)")
    args = parser.parse_args()
    os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core
    files = []
    for path in sorted(CORPUS.glob("*.txt")):
        raw = path.read_bytes()
        files.append(
            (path.name, hashlib.sha256(raw).hexdigest(), [Page(t, "text") for t in decode_text(raw).split("\f")])
        )
    process_pages(files[0][2], file=files[0][0], sha256=files[0][1])  # load data, spaCy
    documents = 0
    started = time.perf_counter()
    while documents < args.documents:
        for name, sha, pages in files:
            documents += len(process_pages(pages, file=name, sha256=sha))
    elapsed = time.perf_counter() - started
    print(f"{documents} documents in {elapsed:.2f} s on one core: {documents / elapsed:.1f} documents/s")


if __name__ == "__main__":
    main()
