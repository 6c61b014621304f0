"""The text layer of real PDFs (tests/data/pdf/, made by its make.sh): text, verdicts and failures."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from pathlib import Path

import pytest
from rapidfuzz.distance import Levenshtein

from pipeline.ingest import read_pages
from pipeline.ocr.layercheck import MIN_SAMPLE_WORDS, misfit, sample_words
from pipeline.ocr.raster import render_pdf_page
from pipeline.ocr.tesseract import OcrSettings
from pipeline.ocr.textlayer import (
    LayerQuality,
    ToolError,
    assess,
    convert_legacy,
    page_geometry,
    pdftotext_pages,
    read_text_layer,
    verdict,
)

PDFS = Path(__file__).resolve().parent / "data" / "pdf"
# pdftotext_pages reads the committed Bangla pages without an error (0 of 623 and 324 characters);
# on 30 pages rendered from the corpus in two fonts, 0.04-0.07%. Without the repair of split words
# these pages have 3 errors each (0.5-0.9%), which this bound catches.
MAX_CER = 0.002


def gt(name: str) -> str:
    return (PDFS / f"{name}.gt.txt").read_text(encoding="utf-8")


def cer(truth: str, text: str) -> float:
    """Character error rate after NFC, without ZWJ/ZWNJ, with white space collapsed."""

    def norm(s: str) -> str:
        s = unicodedata.normalize("NFC", s).replace("\u200c", "").replace("\u200d", "")
        return re.sub(r"\s+", " ", s).strip()

    return Levenshtein.distance(norm(truth), norm(text)) / max(len(norm(truth)), 1)


# --- born-digital pages ------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["bangla-letter", "notice-lohit"])
def test_good_bangla_page(name: str) -> None:
    [page] = read_text_layer(PDFS / f"{name}.pdf")
    assert (page.number, page.verdict, page.note) == (1, "good", None)
    assert cer(gt(name), page.text) <= MAX_CER
    assert "গণপ্রজাতন্ত্রী বাংলাদেশ সরকার" in page.text


def test_words_split_by_poppler_are_joined() -> None:
    # pdftotext -layout alone writes সূত্রে র and ফজিলাতু ন্নেছা here, অনুর োধ on the Lohit page.
    letter = pdftotext_pages(PDFS / "bangla-letter.pdf")[0]
    notice = pdftotext_pages(PDFS / "notice-lohit.pdf")[0]
    assert "সূত্রের প্রেক্ষিতে" in letter and "ফজিলাতুন্নেছা" in letter
    assert "অনুরোধ রইল" in notice


def test_layout_indentation_stripped() -> None:
    lines = pdftotext_pages(PDFS / "bangla-letter.pdf")[0].split("\n")
    assert lines[0] == "গণপ্রজাতন্ত্রী বাংলাদেশ সরকার"
    assert all(line == line.strip() for line in lines)


def test_english_page_is_good_not_legacy() -> None:
    [page] = read_text_layer(PDFS / "english.pdf")
    assert page.verdict == "good"
    assert cer(gt("english"), page.text) <= MAX_CER
    quality = assess(page.text)
    assert not quality.legacy_ascii and quality.bangla_share == 0.0


def test_table_cells_are_tab_separated() -> None:
    [text] = pdftotext_pages(PDFS / "table.pdf")
    assert text.split("\n") == gt("table").rstrip("\n").split("\n")
    assert text.split("\n")[1].split("\t") == ["১", "বাজেট প্রণয়ন", "অনুমোদিত হলো", "অর্থ শাখা"]


# --- legacy Bijoy ASCII ------------------------------------------------------------------------


def test_legacy_bijoy_page_is_converted() -> None:
    [raw] = pdftotext_pages(PDFS / "bijoy.pdf")
    assert raw.startswith("MYcÖRvZš¿x evsjv‡`k miKvi")  # the text layer holds the ASCII
    quality = assess(raw)
    assert quality.legacy_ascii and verdict(quality) == "legacy"

    [page] = read_text_layer(PDFS / "bijoy.pdf")
    assert page.verdict == "legacy"
    assert page.note is not None and "Bijoy" in page.note
    assert "গণপ্রজাতন্ত্রী বাংলাদেশ সরকার" in page.text
    assert cer(gt("bijoy"), page.text) <= MAX_CER  # খ্রিস্টাব্দ and প্রেরণ need the repairs below


def test_convert_legacy_repairs_the_converter() -> None:
    # unicodeconverter alone: পি্রয়, পে্ররণ, খি্রঃ (vowel sign before র-ফলা) and র‌্যাব with ZWNJ.
    assert convert_legacy("wcÖq ‡cÖiY wLªt i¨ve") == "প্রিয় প্রেরণ খ্রিঃ র\u200d্যাব"
    assert convert_legacy("‡cÖvMÖvg") == "প্রোগ্রাম"  # ে + া composed to ো after the repair


def test_convert_legacy_keeps_layout_urls_and_bangla() -> None:
    text = "ZvwiL:\t12/03/2024\nwe`¨vjq  www.dpe.gov.bd dpe@mopme.gov.bd বাংলা\n"
    assert convert_legacy(text) == "তারিখ:\t১২/০৩/২০২৪\nবিদ্যালয়  www.dpe.gov.bd dpe@mopme.gov.bd বাংলা\n"


def test_convert_legacy_survives_words_the_library_cannot_convert() -> None:
    # A word ending in ‡ makes unicodeconverter raise IndexError; it is left as it is.
    assert convert_legacy("miKvi K‡") == "সরকার K‡"


# --- pages that need OCR -------------------------------------------------------------------------


def test_image_only_page_is_empty() -> None:
    [info] = page_geometry(PDFS / "image-only.pdf")
    assert info.mostly_image and info.chars == 0
    [page] = read_text_layer(PDFS / "image-only.pdf")
    assert (page.verdict, page.text) == ("empty", "")
    assert page.note is not None and "images cover 100%" in page.note


def test_scanned_page_with_ocr_layer_is_flagged() -> None:
    [info] = page_geometry(PDFS / "scanned-ocr.pdf")
    assert info.mostly_image and info.chars > 400
    [page] = read_text_layer(PDFS / "scanned-ocr.pdf")
    assert page.verdict == "good"  # Tesseract's layer on a clean image; the caller may still OCR again
    assert page.note is not None and "earlier OCR" in page.note


# --- a scanned page's layer checked against its image --------------------------------------------


def test_scanners_english_layer_on_a_bangla_scan_is_rejected_and_the_page_ocrd() -> None:
    [page] = read_text_layer(PDFS / "scanner-english-layer.pdf")
    assert (page.verdict, page.image_page) == ("good", True)  # clean Latin text: the text alone cannot tell
    read = read_pages(PDFS / "scanner-english-layer.pdf")
    assert read.pages[0].method == "ocr"
    [rejected] = [w for w in read.warnings if w.startswith("textlayer-rejected: page 1: ")]
    assert "the layer has no Bangla, the page does" in rejected
    assert cer(gt("scanner-english-layer"), read.pages[0].text) < 0.05


def test_a_kept_layer_without_bangla_leaves_no_trace_of_the_ocr_that_judged_it() -> None:
    # A layer without Bangla is judged by the page's own OCR; when the layer fits, that OCR's page image,
    # warnings and notes must not reach the file.
    images: list[int] = []
    read = read_pages(PDFS / "scanned-english-layer.pdf", images=lambda number, _image: images.append(number))
    assert [page.method for page in read.pages] == ["pdf-text"]
    assert (read.warnings, read.notes, images) == ([], [], [])
    assert cer(gt("scanned-english-layer"), read.pages[0].text) < 0.02


def test_earlier_bangla_ocr_layer_and_born_digital_pages_keep_their_layer() -> None:
    scanned = read_pages(PDFS / "scanned-bengali-layer.pdf")
    assert scanned.pages[0].method == "pdf-text"
    assert not any(w.startswith("textlayer-rejected") for w in scanned.warnings)
    [page] = read_text_layer(PDFS / "bangla-letter.pdf")
    assert not page.image_page  # never sampled: a born-digital page costs no OCR
    assert read_pages(PDFS / "bangla-letter.pdf").pages[0].method == "pdf-text"


def test_layer_of_another_page_disagrees_with_the_ocr_sample() -> None:
    image = render_pdf_page(PDFS / "scanned-bengali-layer.pdf", 0, 300)
    sample = sample_words(image, OcrSettings(), 300)
    assert len(sample) >= MIN_SAMPLE_WORDS
    assert misfit(gt("bangla-letter"), sample) is None
    reason = misfit(gt("notice-lohit"), sample)  # Bangla, but another document's
    assert reason is not None and reason.startswith("the layer disagrees with the page")


def test_thin_layer_on_an_image_page_is_empty() -> None:
    label = assess("Scanned with CamScanner")
    assert verdict(label) == "good"
    assert verdict(label, image_page=True) == "empty"


def test_visual_order_layer_is_broken() -> None:
    [page] = read_text_layer(PDFS / "visual-order.pdf")
    assert page.verdict == "broken"
    assert page.note is not None and "broken Bangla sequences" in page.note and "U+FFFD" in page.note


GOOD = "গণপ্রজাতন্ত্রী বাংলাদেশ সরকার প্রাথমিক শিক্ষা অধিদপ্তর সেকশন ২, মিরপুর, ঢাকা ১২১৬।"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (GOOD, "good"),
        ("রাব্বি র‍্যাব কৌশল প্রোগ্রাম চাঁদ উদ্‌যাপন ড়ে", "good"),  # joiners, ো ৌ, ঁ, nukta
        ("১২", "empty"),
        ("", "empty"),
        (GOOD.replace("্র", "(cid:12)"), "broken"),
        (GOOD.replace("ক্ষ", "\ufffd"), "broken"),
        (GOOD.replace("ক্ষ", "\ue01a"), "broken"),  # private use: a font without a Unicode map
        ("বাংলােদশ িশক্ষা অিধদপ্তর �সকশন িমরপুর প্রাথিমক", "broken"),  # visual order
        ("বাংলাদেশ সরকার প্রাথমিকি শিক্ষাা অধিদপ্তর েসকশন ২", "broken"),  # doubled and stray vowel signs
        ("MYcÖRvZš¿x evsjv‡`k miKvi cÖv_wgK wkÿv Awa`ßi", "legacy"),
    ],
)
def test_verdict_on_strings(text: str, expected: str) -> None:
    assert verdict(assess(text)) == expected


def test_assess_counts() -> None:
    q = assess("(cid:3)(cid:45) ক\ufffd ি্ক বাংলা abc")
    assert (q.cid_glyphs, q.replacement_chars, q.invalid_sequences) == (2, 1, 2)
    assert q.chars == 15  # a (cid:N) is one character and no letters
    assert q.letters == 12 and q.bangla_share == pytest.approx(9 / 12)


@pytest.mark.parametrize(
    "text",
    [
        "The iPhone and McDonald's vouchers are not eligible; write to dpe@mopme.gov.bd (Mrs. Rahman, Ltd.).",
        "© 2024 Ministry of Primary and Mass Education. Temperature 30°C. See § 12 — “quoted” text.",
        "NGO BTRC ICT URC DPEO e-GP eNothi myGov PhD strengths rhythms",
    ],
)
def test_english_is_not_legacy(text: str) -> None:
    assert assess(text).legacy_ascii is False


def test_quality_is_plain_data() -> None:
    q = assess(GOOD)
    assert isinstance(q, LayerQuality) and q.bangla_share == 1.0 and q.invalid_sequences == 0


# --- page counts and ranges -----------------------------------------------------------------------


def test_page_count_kept_with_an_empty_page() -> None:
    pages = pdftotext_pages(PDFS / "three-pages.pdf")
    assert len(pages) == 3 and pages[1] == ""
    truth = gt("three-pages").split("\f")
    assert [cer(t, p) <= MAX_CER for t, p in zip(truth, pages, strict=True)] == [True, True, True]
    assert [p.verdict for p in read_text_layer(PDFS / "three-pages.pdf")] == ["good", "empty", "good"]
    assert [g.number for g in page_geometry(PDFS / "three-pages.pdf")] == [1, 2, 3]


def test_page_range() -> None:
    assert pdftotext_pages(PDFS / "three-pages.pdf", first=2, last=3)[0] == ""
    [last] = pdftotext_pages(PDFS / "three-pages.pdf", first=3)
    assert last.startswith("Government of the People's Republic of Bangladesh")


# --- files that cannot be read ---------------------------------------------------------------------


def _pdf_without_pages() -> bytes:
    """A well-formed PDF whose page tree is empty."""
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [] /Count 0 >>"]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda good: good[: len(good) * 2 // 3], "truncated PDF"),
        (lambda good: good[:-20], "truncated PDF"),
        (lambda good: b"", "empty file"),
        (lambda good: b"hello, this is not a PDF\n%%EOF\n", "not a PDF"),
        (lambda good: good.replace(b"xref", b"xxxx").replace(b"obj", b"ojb"), "damaged or not a PDF"),
        (lambda good: _pdf_without_pages(), "no pages"),
    ],
    ids=["cut-in-the-middle", "cut-at-the-end", "zero-bytes", "not-a-pdf", "damaged", "no-pages"],
)
def test_unreadable_files_raise_value_error(make: Callable[[bytes], bytes], message: str, tmp_path: Path) -> None:
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(make((PDFS / "bangla-letter.pdf").read_bytes()))
    with pytest.raises(ValueError, match=message):
        read_text_layer(bad)


def test_missing_file_raises_value_error(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="no such file"):
        read_text_layer(tmp_path / "missing.pdf")


def test_encrypted_pdf_raises_value_error() -> None:
    pdf = PDFS / "encrypted.pdf"
    for read in (read_text_layer, page_geometry, pdftotext_pages):
        with pytest.raises(ValueError, match="encrypted PDF, a password is needed"):
            read(pdf)


def test_missing_pdftotext_names_the_debian_package(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", "")  # the subprocess finds no pdftotext
    with pytest.raises(ToolError, match="poppler-utils"):
        pdftotext_pages(PDFS / "bangla-letter.pdf")
    with pytest.raises(ToolError, match="poppler-utils"):
        read_text_layer(PDFS / "bangla-letter.pdf")
