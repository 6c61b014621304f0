"""The scan-corpus builder (scripts/make_scans.py) on one short page, and the committed sample it wrote."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from PIL import Image

from scripts import make_scans as ms

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "tests" / "data" / "scans"
FONT = "Noto Sans Bengali"
MEMO_LINE = "স্মারক নম্বর-৩৮.০১.০০০০.১০৭.১৮.০০৩.২২-৮৯২"
# The head of a real letter, with light markup the builder must strip (the two spaces are a Markdown line break).
HEADER = (
    "**গণপ্রজাতন্ত্রী বাংলাদেশ সরকার**\n"
    "প্রাথমিক শিক্ষা অধিদপ্তর  \n"
    f"{MEMO_LINE}\n"
    "<p>তারিখ: ২৪ বৈশাখ ১৪৩১</p>\n"
    "\n\n"
    "বিষয়: 'শেখ রাসেল পদক ২০২৪' এর জন্য আবেদন আহ্বান।\n"
)

needs_tools = pytest.mark.skipif(
    any(shutil.which(tool) is None for tool in ("pango-view", "pdftotext", "pdfunite")),
    reason="needs pango-view (pango1.0-tools) and pdftotext/pdfunite (poppler-utils)",
)


def test_clean_lines_strips_markup_and_keeps_tabs() -> None:
    text = "**বিষয়:** সভা\n<p>ক</p>\t<td style='x'>খ</td><td>গ</td>\n\n\n\neg\\_sec  এক  \n"
    assert ms.clean_lines(text) == ["বিষয়: সভা", "ক\t\tখ\tগ", "", "eg_sec এক"]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    """The builder run on a one-page document in one font."""
    corpus, out = tmp_path_factory.mktemp("corpus"), tmp_path_factory.mktemp("scans")
    (corpus / "letter.txt").write_text(HEADER, encoding="utf-8")
    return out, ms.build(corpus, out, [FONT], dpi=300, seed=0, jobs=1)


def _entry(manifest: dict[str, Any], variant: str) -> dict[str, Any]:
    return next(e for e in manifest["pages"] if e["variant"] == variant)


@needs_tools
def test_ground_truth_covers_the_text(built: tuple[Path, dict[str, Any]]) -> None:
    out, manifest = built
    (document,) = manifest["documents"]
    lines = [line for gt in document["gt"] for line in (out / gt).read_text(encoding="utf-8").splitlines()]
    assert lines == ms.clean_lines(HEADER)
    assert MEMO_LINE in lines


@needs_tools
def test_clean_page_is_a4_at_the_dpi(built: tuple[Path, dict[str, Any]]) -> None:
    out, manifest = built
    entry = _entry(manifest, "clean")
    with Image.open(out / entry["image"]) as page:
        assert page.size == ms.a4_pixels(300) == (2480, 3508)
        assert page.mode == "L"
        ink = np.asarray(page) < 128
    assert entry["dpi"] == 300 and entry["degradations"] == []
    assert ink.any() and not ink[:200].any()  # text, and a blank top margin


@needs_tools
def test_degraded_page_differs_and_lists_its_degradations(built: tuple[Path, dict[str, Any]]) -> None:
    out, manifest = built
    clean, degraded = _entry(manifest, "clean"), _entry(manifest, "degraded")
    names = [step["name"] for step in degraded["degradations"]]
    assert len(names) >= 2 and set(names) <= set(ms.DEGRADATIONS)
    with Image.open(out / clean["image"]) as a, Image.open(out / degraded["image"]) as b:
        assert b.size == ms.a4_pixels(degraded["dpi"])
        assert (b.format == "JPEG") == ("jpeg" in names)
        assert b.size != a.size or not np.array_equal(np.asarray(a), np.asarray(b))


@needs_tools
def test_born_digital_pdf_has_the_bangla_text_layer(built: tuple[Path, dict[str, Any]]) -> None:
    out, manifest = built
    entry = _entry(manifest, "born-digital")
    text = ms.pdftotext(out / entry["pdf"], entry["pdf_page"])
    assert all(word in text for word in MEMO_LINE.split())
    assert entry["text_layer_cer"] < 0.02


@needs_tools
def test_image_only_pdfs_have_no_text_layer(built: tuple[Path, dict[str, Any]]) -> None:
    out, manifest = built
    for variant in ("clean", "degraded"):
        assert ms.pdftotext(out / _entry(manifest, variant)["pdf"]).strip() == ""


@needs_tools
def test_pages_fit_and_cover_the_text_when_it_is_split() -> None:
    lines = ms.clean_lines(HEADER) * 2
    pages = ms.paginate(lines, [FONT], dpi=300, height_pt=60)
    assert len(pages) > 1
    assert [line for page in pages for line in page] == lines
    assert all(ms.fits(page, FONT, 300, height_pt=60) for page in pages)


def test_degradation_plans_are_seeded() -> None:
    page = np.full(ms.a4_pixels(300)[::-1], 255, np.uint8)
    page[400:440, 300:1200] = 0
    plan = [ms.plan_degradations(ms.page_rng(0, "letter", 1, FONT), page, 300) for _ in range(2)]
    assert plan[0] == plan[1]
    assert plan[0] != ms.plan_degradations(ms.page_rng(1, "letter", 1, FONT), page, 300)


def test_committed_sample_is_complete_and_small() -> None:
    items = json.loads((SAMPLE / "manifest.json").read_text(encoding="utf-8"))
    assert {item["variant"] for item in items} == {"clean", "degraded", "image-only", "born-digital"}
    for item in items:
        gt = (SAMPLE / item["gt"]).read_text(encoding="utf-8")
        assert "স্মারক" in gt or "নং" in gt  # page 1: the memo-number line
        assert (SAMPLE / item["file"]).is_file()
        if item["file"].endswith(".png"):
            with Image.open(SAMPLE / item["file"]) as page:
                assert page.size == ms.a4_pixels(item["dpi"])
    assert sum(f.stat().st_size for f in SAMPLE.iterdir()) < 3_000_000


@needs_tools
def test_tab_separated_rows_render_as_a_ruled_table(tmp_path: Path) -> None:
    table = ["ক্রম\tআলোচনা\tসিদ্ধান্ত", "১\tসেবা সহজিকরণ ও ডিজিটাইজেশন\tবাস্তবায়ন করা হবে", "২\tতথ্য বাতায়ন\tহালনাগাদ করতে হবে"]
    lines = ["সভার সিদ্ধান্ত:", *table]
    (page,) = ms.paginate(lines, [FONT], dpi=150)
    assert page == lines  # the ground truth keeps the rows tab-separated
    gt = tmp_path / "page.gt.txt"
    gt.write_text("\n".join(page) + "\n", encoding="utf-8")
    ink = ms.render_image(gt, FONT, 150) < 128
    # Four horizontal rules (above, between and below the three rows), each nearly the text box wide.
    long_rows = np.flatnonzero(ink.sum(axis=1) > 0.9 * ms.TEXT_WIDTH_PT * 150 / 72)
    assert len(np.flatnonzero(np.diff(long_rows) > 1)) + 1 == 4
    # Four vertical rules (three columns) down the table.
    top, bottom = long_rows[0], long_rows[-1]
    assert (ink[top : bottom + 1].all(axis=0)).sum() == 4
