"""`smarak run --pages-out`: each file's page texts as the spans index them, and for a scan its page image
and word boxes, written once per file content, whole, beside the records; real Tesseract, real workers."""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from PIL import Image
from rapidfuzz import fuzz

from pipeline.models import Record
from pipeline.pages import (
    IMAGE_WIDTH,
    Sidecar,
    SidecarFiles,
    SidecarPage,
    image_path,
    read_sidecar,
    sidecar_path,
    write_sidecar,
)
from tests.conftest import CORPUS, ROOT

SMARAK = str(ROOT / ".venv" / "bin" / "smarak")
SCAN = ROOT / "tests" / "data" / "scans" / "forwarding-letter-lgd-2017-10-31.p1.noto-sans-bengali.clean.png"


def _run(*args: str | Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    return subprocess.run([SMARAK, "run", *map(str, args)], capture_output=True, text=True, env=env, check=False)


def _records(path: Path) -> list[Record]:
    return [Record.model_validate_json(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_page_text_is_what_the_spans_index(tmp_path: Path) -> None:
    """For every decision of every corpus document, the span cut from the sidecar's page text is the
    decision's text (the extractor joins a decision's lines with one space, so white space is compared
    collapsed)."""
    out, pages = tmp_path / "records.jsonl", tmp_path / "pages"
    done = _run(*sorted(CORPUS.glob("*.txt")), "-o", out, "--pages-out", pages, "-j", "2")
    assert done.returncode == 0, done.stderr
    records = _records(out)
    checked = 0
    for record in records:
        sidecar = read_sidecar(pages, record.source.sha256)
        assert sidecar is not None and sidecar.file == record.source.file
        for decision in record.decisions:
            text = sidecar.pages[decision.span.page - 1].text
            assert " ".join(text[decision.span.start : decision.span.end].split()) == decision.text
            checked += 1
    assert checked >= 40
    assert len(list(pages.glob("*.json"))) == len({r.source.sha256 for r in records}) == len(list(CORPUS.glob("*.txt")))
    assert not list(pages.glob(".*")), "no temporary file is left"


@pytest.fixture(scope="module")
def scan_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, Path]:
    """A folder with a scan, a copy of it, a text file, and the pages folder inside it, run with 2 workers."""
    base = tmp_path_factory.mktemp("scan")
    inputs = base / "in"
    inputs.mkdir()
    shutil.copy(SCAN, inputs / "scan.png")
    shutil.copy(SCAN, inputs / "scan-copy.png")
    shutil.copy(CORPUS / "r01.txt", inputs / "r01.txt")
    out, pages, cache = base / "records.jsonl", inputs / "pages", base / "cache"
    done = _run(inputs, "-o", out, "--pages-out", pages, "--cache-dir", cache, "-j", "2")
    assert done.returncode == 0, done.stderr
    return out, pages, cache


def test_scan_has_its_image_and_word_boxes(scan_run: tuple[Path, Path, Path]) -> None:
    out, pages, _ = scan_run
    records = _records(out)
    assert {Path(r.source.file).name for r in records} <= {"scan.png", "scan-copy.png", "r01.txt"}
    assert not any("pages" in Path(r.source.file).parts for r in records), "the pages folder is not read as input"
    scan = next(r for r in records if r.source.method == "ocr")
    sidecar = read_sidecar(pages, scan.source.sha256)
    assert sidecar is not None
    page = sidecar.pages[0]
    assert page.method == "ocr" and page.image and page.width and page.height and page.words
    image = Image.open(io.BytesIO((pages / page.image).read_bytes()))
    assert image.size == (page.width, page.height) and page.width <= IMAGE_WIDTH
    for word in page.words:
        assert 0 <= word.left < word.left + word.width <= page.width
        assert 0 <= word.top < word.top + word.height <= page.height
    # the words are the page's text: the text was built from them (and then normalised)
    words = " ".join(word.text for word in page.words)
    assert fuzz.ratio(" ".join(words.split()), " ".join(page.text.split())) > 90
    for decision in scan.decisions:
        cut = page.text[decision.span.start : decision.span.end]
        assert " ".join(cut.split()) == decision.text


def test_written_once_per_content(scan_run: tuple[Path, Path, Path]) -> None:
    out, pages, _ = scan_run
    shas = {r.source.sha256 for r in _records(out)}
    assert len(shas) == 2  # the copy of the scan has the same content: its records and sidecar are not repeated
    assert sorted(p.name for p in pages.glob("*.json")) == sorted(f"{sha}.json" for sha in shas)
    assert len(list(pages.glob("*.png"))) == 1
    assert not list(pages.glob(".*"))


def test_a_run_served_from_the_ocr_cache_writes_the_same_sidecar(
    scan_run: tuple[Path, Path, Path], tmp_path: Path
) -> None:
    """The second run reads the page from the OCR cache, but the image is still rendered for the sidecar, and
    it is the same image with the same boxes."""
    _, pages, cache = scan_run
    again = tmp_path / "pages"
    done = _run(SCAN, "-o", tmp_path / "again.jsonl", "--pages-out", again, "--cache-dir", cache)
    assert done.returncode == 0, done.stderr
    sha = _records(tmp_path / "again.jsonl")[0].source.sha256
    first, second = read_sidecar(pages, sha), read_sidecar(again, sha)
    assert first is not None and second is not None
    assert second.pages[0].image == first.pages[0].image  # named by the digest of its bytes
    assert second.pages[0].words == first.pages[0].words
    assert second.pages[0].text == first.pages[0].text


def test_rewriting_a_sidecar_replaces_it_whole(tmp_path: Path) -> None:
    """A new sidecar for the same content replaces the JSON and removes the images it no longer names."""
    sha = "ab" * 32
    image = Image.new("L", (40, 60), 255)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    old, new = f"{sha}.p1.{'1' * 16}.png", f"{sha}.p1.{'2' * 16}.png"
    page = SidecarPage(page=1, method="ocr", text="x", image=old, width=40, height=60)
    write_sidecar(tmp_path, SidecarFiles(Sidecar(file="a.png", sha256=sha, pages=[page]), {old: buffer.getvalue()}))
    assert (tmp_path / old).exists()
    page = page.model_copy(update={"image": new})
    write_sidecar(tmp_path, SidecarFiles(Sidecar(file="b.png", sha256=sha, pages=[page]), {new: buffer.getvalue()}))
    assert not (tmp_path / old).exists() and (tmp_path / new).exists()
    saved = read_sidecar(tmp_path, sha)
    assert saved is not None and saved.file == "b.png" and saved.pages[0].image == new
    assert json.loads((tmp_path / f"{sha}.json").read_text())["schema"] == "pages/1"
    assert read_sidecar(tmp_path, "cd" * 32) is None
    assert read_sidecar(tmp_path, "../x") is None
    with pytest.raises(ValueError):
        sidecar_path(tmp_path, "../" + sha[3:])
    with pytest.raises(ValueError):
        image_path(tmp_path, f"../{old}")
