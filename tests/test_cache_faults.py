"""The OCR cache on real scans when its folder is edited, holds symlinks, or cannot be used at all."""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from pipeline.ingest import IngestOptions, Pages, read_pages

DATA = Path(__file__).resolve().parent / "data"
SCAN = DATA / "scans" / "forwarding-letter-lgd-2017-10-31.p1.noto-sans-bengali.clean.png"
THREE_PAGES = DATA / "pdf" / "three-pages.pdf"


def _read(path: Path, cache: Path, **options: object) -> Pages:
    return read_pages(path, IngestOptions(cache=cache, **options))  # type: ignore[arg-type]


def _entry(cache: Path) -> Path:
    (entry,) = cache.glob("*/*.json")
    return entry


def _texts(pages: Pages) -> list[str]:
    return [page.text for page in pages.pages]


@pytest.fixture(scope="module")
def truth() -> list[str]:
    """The scan's text, read without a cache."""
    return _texts(read_pages(SCAN, IngestOptions()))


def test_edited_entry_is_a_miss_and_is_replaced(tmp_path: Path, truth: list[str]) -> None:
    cache = tmp_path / "ocr"
    assert _texts(_read(SCAN, cache)) == truth
    entry = _entry(cache)
    first_word = truth[0].split()[0]
    entry.write_bytes(entry.read_bytes().replace(first_word.encode(), "জাল".encode(), 1))
    assert _texts(_read(SCAN, cache)) == truth
    assert "জাল".encode() not in entry.read_bytes()  # the bad entry was written again
    assert _texts(_read(SCAN, cache)) == truth


def test_symlinked_entry_is_not_followed(tmp_path: Path, truth: list[str]) -> None:
    cache = tmp_path / "ocr"
    _read(SCAN, cache)
    entry, outside = _entry(cache), tmp_path / "outside.json"
    # The genuine entry, moved out and linked to: had the link been followed, it would have been a hit.
    entry.rename(outside)
    entry.symlink_to(outside)
    kept = outside.read_bytes()
    assert _texts(_read(SCAN, cache)) == truth
    assert not entry.is_symlink() and entry.is_file()  # a miss, OCR'd again, and the link replaced by an entry
    assert outside.read_bytes() == kept


def test_symlinked_shard_folder_is_not_followed(tmp_path: Path, truth: list[str]) -> None:
    cache = tmp_path / "ocr"
    _read(SCAN, cache)
    shard, outside = _entry(cache).parent, tmp_path / "outside"
    shard.rename(outside)
    shard.symlink_to(outside, target_is_directory=True)
    kept = sorted(outside.iterdir())
    assert _texts(_read(SCAN, cache)) == truth
    assert not shard.is_symlink() and shard.is_dir()
    assert sorted(outside.iterdir()) == kept  # nothing read or written through the link


def _warnings(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.name == "pipeline.ocr.cache" and r.levelno == logging.WARNING]


def test_symlinked_cache_folder_is_refused(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    cache = tmp_path / "ocr"
    cache.symlink_to(outside, target_is_directory=True)
    pages = _read(THREE_PAGES, cache, mode="ocr", dpi=150)
    assert len(pages.pages) == 3 and pages.pages[0].text.strip()  # (its page 2 is blank)
    assert list(outside.iterdir()) == []
    assert len(_warnings(caplog)) == 1 and "symbolic link" in _warnings(caplog)[0]


@pytest.fixture
def unwritable(tmp_path: Path) -> Iterator[Path]:
    """A real folder that this process cannot write to: read-only by mode, or immutable when running as root
    (whom modes do not stop)."""
    folder = tmp_path / "readonly"
    folder.mkdir()
    if os.geteuid() != 0:
        folder.chmod(0o555)
        yield folder
        folder.chmod(0o755)
        return
    chattr = shutil.which("chattr")
    if not chattr or subprocess.run([chattr, "+i", str(folder)], capture_output=True, check=False).returncode:
        pytest.skip("running as root without chattr +i: no folder root cannot write to")
    try:
        yield folder
    finally:
        subprocess.run([chattr, "-i", str(folder)], check=True)


@pytest.mark.parametrize("kind", ["file", "unwritable folder"])
def test_unusable_cache_folder_runs_without_it_with_one_warning(
    kind: str, tmp_path: Path, request: pytest.FixtureRequest, caplog: pytest.LogCaptureFixture
) -> None:
    if kind == "file":
        cache = tmp_path / "ocr"
        cache.write_text("not a folder")
    else:
        cache = request.getfixturevalue("unwritable")
    pages = _read(THREE_PAGES, cache, mode="ocr", dpi=150)
    assert len(pages.pages) == 3 and pages.pages[0].text.strip()  # (its page 2 is blank)
    assert len(_read(SCAN, cache).pages) == 1  # a second file: the cache stays out of the way, silently
    assert len(_warnings(caplog)) == 1 and str(cache) in _warnings(caplog)[0]
