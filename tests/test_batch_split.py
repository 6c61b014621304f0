"""Long files split by pages across workers, progress by pages, blank pages skipped, and the per-file time
limit — with real worker processes, real PDFs made from the committed page images, and real Tesseract."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from pipeline.batch import errors_path, run_batch
from pipeline.ingest import IngestOptions
from pipeline.ocr.blank import is_blank
from pipeline.ocr.raster import image_dpi, image_pages
from pipeline.split import PART_PAGES, plan
from pipeline.warning_codes import registry
from tests.conftest import CORPUS, ROOT

OCR_PAGES = sorted((ROOT / "tests" / "data" / "ocr").glob("*.png"))  # five short strips of letter text
SCANS = ROOT / "tests" / "data" / "scans"
LETTER = CORPUS / "letter-dpe-2024-05-07-award-applications.txt"
A4 = (2480, 3508)  # pixels at 300 dpi


def _pdf(path: Path, pages: list[Image.Image]) -> Path:
    """An image-only PDF of these pages at 300 dpi, as a scanner's software writes one."""
    pages[0].save(path, save_all=True, append_images=pages[1:], resolution=300)
    return path


def _lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines()


@pytest.fixture(scope="module")
def eight_pages(tmp_path_factory: pytest.TempPathFactory) -> Path:
    strips = [Image.open(path).convert("L") for path in OCR_PAGES]
    return _pdf(tmp_path_factory.mktemp("scan") / "eight.pdf", (strips * 2)[:8])


def test_pages_are_planned_in_parts_every_worker_can_take() -> None:
    assert plan(1, 2) == [range(1, 2)]
    assert plan(8, 1) == [range(1, 9)]  # one worker: read whole when short
    assert plan(8, 2) == [range(1, 5), range(5, 9)]
    assert plan(3, 2) == [range(1, 3), range(3, 4)]
    long = plan(200, 2)
    assert all(len(part) == PART_PAGES for part in long[:-1]) and long[-1].stop == 201
    assert [n for part in long for n in part] == list(range(1, 201))


def test_a_long_scan_is_split_across_workers_merged_in_page_order_and_written_once(
    tmp_path: Path, eight_pages: Path
) -> None:
    whole, split = tmp_path / "whole.jsonl", tmp_path / "split.jsonl"
    options = IngestOptions(cache=None)
    one = run_batch([eight_pages], whole, options, jobs=1, progress=False, pages_out=tmp_path / "whole")
    two = run_batch([eight_pages], split, options, jobs=2, progress=False, pages_out=tmp_path / "split")
    assert one.exit_code == two.exit_code == 0 and one.pages_ocr == two.pages_ocr == 8
    assert len(one.worker_pages) == 1  # read whole by one worker
    assert len(two.worker_pages) == 2 and sorted(two.worker_pages.values()) == [4, 4]  # a part each
    lines = _lines(split)
    assert lines == _lines(whole)  # the same records, in the same order, as the file read whole
    assert len(lines) == two.records == len({json.loads(line)["id"] for line in lines}) >= 2  # each once
    pages = [json.loads(line)["source"]["pages"] for line in lines]
    assert [n for record in pages for n in record] == sorted(n for record in pages for n in record)
    assert pages[0][0] == 1 and pages[-1][-1] == 8
    sidecars = {path.name: path.read_bytes() for path in (tmp_path / "split").iterdir()}
    assert sidecars == {path.name: path.read_bytes() for path in (tmp_path / "whole").iterdir()}
    assert len(sidecars) == 9  # the page sidecar too, with an image of every page


def test_a_multi_page_tiff_is_split_like_a_pdf(tmp_path: Path) -> None:
    strips = [Image.open(path).convert("L") for path in OCR_PAGES[:4]]
    tiff = tmp_path / "four.tif"
    strips[0].save(tiff, save_all=True, append_images=strips[1:], dpi=(300, 300))
    whole, split = tmp_path / "whole.jsonl", tmp_path / "split.jsonl"
    one = run_batch([tiff], whole, IngestOptions(cache=None), jobs=1, progress=False)
    two = run_batch([tiff], split, IngestOptions(cache=None), jobs=2, progress=False)
    assert one.exit_code == two.exit_code == 0 and sorted(two.worker_pages.values()) == [2, 2]
    assert _lines(split) == _lines(whole) and two.pages_ocr == 4


def test_progress_counts_pages(tmp_path: Path, eight_pages: Path) -> None:
    env = {**os.environ, "TTY_COMPATIBLE": "1", "COLUMNS": "200", "OMP_THREAD_LIMIT": "1"}
    command = [
        sys.executable,
        "-m",
        "pipeline.cli",
        "run",
        str(eight_pages),
        str(LETTER),
        "-o",
        str(tmp_path / "r.jsonl"),
    ]
    done = subprocess.run([*command, "--jobs", "2", "--no-cache"], capture_output=True, text=True, env=env, check=False)
    assert done.returncode == 0, done.stderr
    shown = re.sub(r"\x1b\[[0-9;?]*[a-zA-Z]", "", done.stderr)  # without the terminal's colours
    assert "9/9 pages · 2/2 files" in shown  # eight scanned pages and one text page


def _blank_pdf(path: Path, blank: int) -> Path:
    """`blank` white A4 pages (1-bit, as a scanner stores them) and the committed letter scan as page 2."""
    white = Image.new("1", A4, 1)
    letter = Image.open(SCANS / "letter-dpe-2024-05-07-award-applications.p1.noto-sans-bengali.clean.png")
    return _pdf(path, [white, letter.convert("L"), *[white] * (blank - 1)])


def test_blank_pages_are_skipped_without_ocr(tmp_path: Path) -> None:
    pdf = _blank_pdf(tmp_path / "blank.pdf", 120)
    cache = tmp_path / "cache"
    started = time.perf_counter()
    summary = run_batch([pdf], tmp_path / "r.jsonl", IngestOptions(cache=cache), jobs=2, progress=False)
    elapsed = time.perf_counter() - started
    assert summary.exit_code == 0 and summary.pages_ocr == 121
    assert summary.codes["page-blank"] == 120 and summary.codes["textlayer-empty"] == 121
    assert len([entry for entry in cache.rglob("*") if entry.is_file()]) == 1  # only the letter was OCR'd
    (record,) = (json.loads(line) for line in _lines(tmp_path / "r.jsonl"))
    assert record["source"]["pages"] == [2] and record["memo_no"] is not None
    assert not any("page-blank" in warning for warning in record["warnings"])  # a note, not a warning
    assert elapsed < 60  # OCR'd, 121 pages take minutes on one core; skipped, ~0.1 s a blank page


def test_blank_is_no_mark_a_millimetre_large() -> None:
    for path in [*OCR_PAGES, *SCANS.glob("*.png"), *SCANS.glob("*.jpg")]:
        data = path.read_bytes()
        assert not any(is_blank(page, image_dpi(data)) for page in image_pages(data)), path
    rng = np.random.default_rng(7)
    paper = np.clip(232 + rng.normal(0, 8, (A4[1], A4[0])), 0, 255).astype(np.uint8)
    paper[rng.random(paper.shape) < 0.002] = 0  # scanner specks
    paper[:, :40] = 90  # a scanner's shadow along the edge
    assert is_blank(paper, 300)
    paper[1700:1712, 1200:1214] = 60  # one mark of a millimetre: a full stop of a heading, a digit
    assert not is_blank(paper, 300)


def test_a_file_over_the_time_limit_fails_and_the_run_goes_on(tmp_path: Path) -> None:
    page = Image.open(SCANS / "forwarding-letter-lgd-2017-10-31.p1.noto-sans-bengali.clean.png").convert("L")
    big = Image.new("L", (page.width * 2, page.height * 2), 255)
    for x in (0, page.width):
        for y in (0, page.height):
            big.paste(page, (x, y))
    big.save(tmp_path / "big.png", dpi=(300, 300))  # four pages of text on one: Tesseract needs seconds
    output = tmp_path / "r.jsonl"
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    command = [sys.executable, "-m", "pipeline.cli", "run", str(tmp_path / "big.png"), str(LETTER), "-o", str(output)]
    options = ["--file-timeout", "1.5", "--cleanup", "none", "--no-cache", "--jobs", "1"]
    started = time.perf_counter()
    done = subprocess.run([*command, *options], capture_output=True, text=True, env=env, check=False)
    elapsed = time.perf_counter() - started
    assert done.returncode == 1, done.stderr
    errors = [json.loads(line) for line in _lines(errors_path(output))]
    assert errors == [{"file": str(tmp_path / "big.png"), "stage": "read", "message": "timed out after 1.5 s"}]
    assert "timed out after 1.5 s" in done.stderr
    assert [json.loads(line)["source"]["file"] for line in _lines(output)] == [str(LETTER)]  # the run went on
    assert elapsed < 60  # a guard against a hang, not a measure


def test_summary_counts_warnings_and_notes_by_code(tmp_path: Path, eight_pages: Path) -> None:
    output = tmp_path / "r.jsonl"
    summary = run_batch(
        [eight_pages, *sorted(CORPUS.glob("*.txt"))[:6]], output, IngestOptions(cache=None), jobs=1, progress=False
    )
    written = Counter(w.split(": ", 1)[0] for line in _lines(output) for w in json.loads(line)["warnings"])
    notes = {code: n for code, n in summary.codes.items() if registry()[code].level == "note"}
    assert {code: n for code, n in summary.codes.items() if code not in notes} == written
    assert written and notes["textlayer-empty"] == 8 and not set(notes) & set(written)  # notes stay out of records
    assert summary.warnings == sum(written.values())
    rows = summary.render().columns[0]._cells
    assert "  textlayer-empty (note)" in rows and all(f"  {code} (warning)" in rows for code in written)
