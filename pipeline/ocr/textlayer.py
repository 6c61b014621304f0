"""Page text from a PDF's text layer, and whether that text can be trusted or the page needs OCR.

Text comes from poppler's `pdftotext -layout`; pdfium supplies page geometry and says whether a
page holds a text layer at all (pdfminer, by pdfplumber, says why a file pdfium cannot open is
unreadable). Each page's text is assessed (`assess`), judged (`verdict`), and converted when it is
legacy Bijoy/SutonnyMJ ASCII (`convert_legacy`). This module never runs OCR:
pages judged `broken` or `empty` are handed back so that the caller can OCR them.

Why poppler: measured on born-digital pages that pango-view rendered from five corpus/*.txt
documents (15 pages of about 1,800 characters each, in Noto Sans Bengali 11 and Lohit Bengali 11):
character error rate after NFC, ZWJ/ZWNJ removal and whitespace collapsing, and seconds per page on
the 2-core machine.

| extractor | Noto Sans Bengali | Lohit Bengali | s/page |
| --- | --- | --- | --- |
| `pdftotext -layout` alone | 0.65% | 0.26% | 0.004 |
| `pdftotext_pages` (layout, split words joined by their boxes) | 0.04% | 0.07% | 0.012-0.018 |
| pdfplumber `extract_text` | 20.0% | 20.2% | 0.10-0.12 |
| pypdfium2 `get_text_range` | 0.19% | 0.18% | 0.004-0.005 |

`read_text_layer` (both pdftotext runs, pdfium's geometry, assessment) takes 0.10 s/page.
pdfplumber returns glyphs in visual order (ে before its consonant) and U+FFFD for conjuncts.
Poppler and pdfium both split words where a mark's glyph stands apart (সার্ভি স, অনুর োধ); pdfium
also runs words together. What is left in `pdftotext_pages` is mostly line breaks at `/` that the
renderer made, and a few ু that poppler puts after the next letter in Lohit (দল ু for দুল).
"""

from __future__ import annotations

import html
import io
import re
import subprocess
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import pdfplumber
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
from unicodeconverter import convert_bijoy_to_unicode

from pipeline.ocr.raster import text_chars

__all__ = [
    "LayerQuality",
    "PageInfo",
    "PageText",
    "ToolError",
    "Verdict",
    "assess",
    "check_pdf_file",
    "convert_legacy",
    "page_count",
    "page_geometry",
    "pdftotext_pages",
    "read_text_layer",
    "verdict",
]

Verdict = Literal["good", "legacy", "broken", "empty"]

PDFTOTEXT_TIMEOUT_S = 300.0  # a few hundred pages take seconds; a hang must not stall a batch


class ToolError(RuntimeError):
    """An external tool is missing, timed out, or failed for a reason that is not the PDF's."""


def _at(pdf: Path | bytes) -> str:
    """The prefix that names the PDF in a message: its path, or nothing for bytes (the caller knows the file)."""
    return "" if isinstance(pdf, bytes) else f"{pdf}: "


# ---------------------------------------------------------------------------------------------
# Verdict thresholds, all in one place. The yardstick is OCR: Tesseract reads rendered Bangla
# letters at 2-3% CER (shared/design/OCR-NOTES.md), so a text layer is kept only while the damage
# we can see in it stays well under that; past it, OCR is the better source.

# Fewer letters than this is no page text (a page number, a stray initial): OCR the page.
MIN_LETTERS = 10
# On a page mostly covered by images, a layer this thin is a watermark, a scanner's label or a
# stamp number, not the text of the page image.
MIN_LETTERS_ON_IMAGE_PAGE = 200
# (cid:N), U+FFFD and private-use characters, per non-space character. Each is a glyph the PDF did
# not map to Unicode, often a whole conjunct (2-4 letters), so 0.5% of them is already 1-2% CER.
MAX_LOST_GLYPH_SHARE = 0.005
# Broken Bangla sequences per Bangla letter. The corpus, OCR'd documents included, has 0-0.03%;
# pdfplumber's visual order 6.5% (one for every ি ে ৈ). Each is at least one wrong character.
MAX_INVALID_PER_BANGLA_LETTER = 0.01
# Legacy Bijoy ASCII needs two signs at once, on a page of mostly non-Bangla letters:
# - its letter frequencies: v is া and w is ি, the commonest vowel signs, so v + w are 27% of the
#   Latin letters of the Bijoy test letter, 1.8% of the English one (under 5% in the published
#   letter frequencies of English and other European languages);
# - its words: at least this share of the Latin words look like Bijoy (see `_looks_bijoy`), and at
#   least this many: 86% of the Bijoy test letter's words, 2% of the English one's (iPhone,
#   McDonald's, 30°C). Either sign alone misfires: a line of acronyms and brand names (eNothi,
#   myGov, PhD) has 27% such words; a list of web addresses is full of w.
LEGACY_MAX_BANGLA_SHARE = 0.5
LEGACY_MIN_LATIN_LETTERS = 20
LEGACY_MIN_VW_SHARE = 0.10
LEGACY_MIN_WORD_SHARE = 0.25
LEGACY_MIN_WORDS = 3
# Images covering at least this share of the page make it a scanned (or image-only) page.
IMAGE_PAGE_COVER = 0.5
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PageInfo:
    """One page as pdfium sees it; `number` counts from 1, sizes are in PDF points."""

    number: int
    width: float
    height: float
    chars: int  # characters in the text layer (pdfium's count, with the spaces and line ends it adds)
    image_cover: float  # image area over page area, capped at 1 (overlapping images add up)

    @property
    def mostly_image(self) -> bool:
        """A scan (possibly with an invisible OCR layer) or an image-only page."""
        return self.image_cover >= IMAGE_PAGE_COVER


@dataclass(frozen=True)
class LayerQuality:
    """What can be told about a page's text without knowing what the page says."""

    chars: int  # non-space characters
    letters: int  # letters and combining marks, any script
    bangla_share: float  # Bangla letters and signs over all letters (0 when there are none)
    invalid_sequences: int  # broken Bangla sequences, see `_INVALID`
    cid_glyphs: int  # `(cid:N)`: glyphs pdfminer-based tools could not map to Unicode
    replacement_chars: int  # U+FFFD
    private_use: int  # private-use code points: glyph ids of fonts without a Unicode map
    legacy_ascii: bool  # looks like Bijoy/SutonnyMJ ASCII


@dataclass(frozen=True)
class PageText:
    """A page's text with its verdict; `note` says what was done to it or what is odd about it;
    `image_page`: images cover most of the page, so its layer may be a scanner's OCR of them."""

    number: int
    text: str
    verdict: Verdict
    note: str | None = None
    image_page: bool = False


# ---------------------------------------------------------------------------------------------
# pdftotext


def pdftotext_pages(
    pdf: Path | bytes, first: int | None = None, last: int | None = None, *, timeout: float = PDFTOTEXT_TIMEOUT_S
) -> list[str]:
    """Text of each page (from `first` to `last`, 1-based, inclusive) by `pdftotext -layout`.

    Lines lose the layout's left indentation and trailing spaces; runs of 3+ spaces inside a line,
    which is how layout mode aligns table columns, become one TAB. Words that poppler split where
    a Bangla mark's glyph sits apart from its base (সার্ভি স, কর্ত া: 0.3-0.7% CER on rendered
    pages) are joined again, by the word boxes of `pdftotext -bbox-layout`. An empty page gives "".
    `pdf` is a path or the PDF's bytes (given to poppler on stdin). Raises ValueError for a PDF poppler
    cannot open, ToolError if pdftotext is missing or fails.
    """
    layout = _run_pdftotext(pdf, ["-layout"], first, last, timeout).split("\f")
    boxes = _run_pdftotext(pdf, ["-bbox-layout"], first, last, timeout)
    # Every page, the last and empty ones included, ends with a form feed.
    if layout and not layout[-1].strip():
        layout.pop()
    joins = _split_words(boxes)
    if len(joins) != len(layout):  # never seen; the text is still right without the repair
        joins = [[] for _ in layout]
    return [_tidy_layout(_join_words(page, groups)) for page, groups in zip(layout, joins, strict=True)]


def _run_pdftotext(pdf: Path | bytes, options: list[str], first: int | None, last: int | None, timeout: float) -> str:
    """stdout of `pdftotext OPTIONS -enc UTF-8 [-f first] [-l last] PDF -`; errors as ValueError/ToolError."""
    command = ["pdftotext", *options, "-enc", "UTF-8"]
    if first is not None:
        command += ["-f", str(first)]
    if last is not None:
        command += ["-l", str(last)]
    stdin = pdf if isinstance(pdf, bytes) else None
    command += ["-" if stdin else str(pdf), "-"]
    try:
        done = subprocess.run(command, input=stdin, capture_output=True, timeout=timeout, check=False)
    except FileNotFoundError as error:
        raise ToolError(
            "pdftotext not found on PATH: install the Debian package poppler-utils (apt-get install poppler-utils)"
        ) from error
    except subprocess.TimeoutExpired as error:
        raise ToolError(f"{_at(pdf)}pdftotext took longer than {timeout:g} s") from error
    message = _last_line(done.stderr)
    # pdftotext's exit codes: 1 the PDF could not be opened, 3 permissions; others are its own.
    if done.returncode == 1:
        if "password" in message.lower():
            raise ValueError(f"{_at(pdf)}encrypted PDF, a password is needed to open it ({message})")
        raise ValueError(f"{_at(pdf)}damaged or not a PDF, poppler cannot open it ({message})")
    if done.returncode == 3:
        raise ValueError(f"{_at(pdf)}the PDF's permissions forbid extracting its text ({message})")
    if done.returncode != 0:
        raise ToolError(f"{_at(pdf)}pdftotext failed (exit {done.returncode}): {message}")
    return done.stdout.decode("utf-8", errors="replace")


_COLUMN_GAP = re.compile(r" {3,}")
_BOX_PAGE = re.compile(r"<page\b.*?</page>|<page\b[^>]*/>", re.DOTALL)
_BOX_LINE = re.compile(r"<line\b.*?</line>", re.DOTALL)
_BOX_WORD = re.compile(r'<word xMin="([-\d.]+)" yMin="([-\d.]+)" xMax="([-\d.]+)" yMax="([-\d.]+)">(.*?)</word>')
# Poppler breaks a word where a Bangla mark's glyph sits apart from its base. Words of one line
# closer than this share of the line height are one word, unless the page's own spaces are that
# narrow. On rendered pages real spaces leave 0.16-1.1 line heights (median 0.19-0.22) and poppler's
# false breaks -0.3 to 0.14; the median rule keeps a font with narrow spaces from being run together.
JOIN_GAP = 0.15
JOIN_GAP_OF_MEDIAN = 0.75
MIN_GAPS_FOR_MEDIAN = 20


def _split_words(bbox_xhtml: str) -> list[list[tuple[str, ...]]]:
    """For each page, the runs of words that poppler split apart although their boxes nearly touch."""
    pages: list[list[tuple[str, ...]]] = []
    for page in _BOX_PAGE.findall(bbox_xhtml):
        lines = [_gapped_words(line) for line in _BOX_LINE.findall(page)]
        gaps = sorted(gap for line in lines for _, gap in line[1:])
        limit = JOIN_GAP
        if len(gaps) >= MIN_GAPS_FOR_MEDIAN:
            limit = min(limit, JOIN_GAP_OF_MEDIAN * gaps[len(gaps) // 2])
        groups: set[tuple[str, ...]] = set()
        for line in lines:
            run: list[str] = []
            for text, gap in line:
                if run and gap >= limit:
                    if len(run) > 1:
                        groups.add(tuple(run))
                    run = []
                run.append(text)
            if len(run) > 1:
                groups.add(tuple(run))
        pages.append(sorted(groups, key=lambda g: (-len(g), g)))  # longer runs first: they hold shorter ones
    return pages


def _gapped_words(line: str) -> list[tuple[str, float]]:
    """The words of one bbox-layout line, each with its gap to the word before in line heights."""
    boxes = [
        (float(x0), float(y0), float(x1), float(y1), html.unescape(t)) for x0, y0, x1, y1, t in _BOX_WORD.findall(line)
    ]
    words: list[tuple[str, float]] = []
    for i, (x0, y0, _, y1, text) in enumerate(boxes):
        if i == 0:
            words.append((text, 0.0))
            continue
        before = boxes[i - 1]
        height = max(y1 - y0, before[3] - before[1], 1e-6)
        words.append((text, (x0 - before[2]) / height))
    return words


def _join_words(page: str, groups: list[tuple[str, ...]]) -> str:
    """`page` with each run of split words written without the spaces layout mode put between them."""
    for group in groups:
        spaced = re.compile(r"(?<!\S)" + " {1,2}".join(map(re.escape, group)) + r"(?!\S)")
        page = spaced.sub("".join(group).replace("\\", "\\\\"), page)
    return page


def _tidy_layout(page: str) -> str:
    """Layout text as this repo's text corpus has it: no indentation, table cells tab-separated."""
    lines = [_COLUMN_GAP.sub("\t", line.strip(" ")) for line in page.split("\n")]
    while lines and not lines[-1]:
        lines.pop()
    while lines and not lines[0]:
        lines.pop(0)
    return "\n".join(lines)


def _last_line(stderr: bytes) -> str:
    """poppler's last message: the reason it gave up (earlier lines are warnings it recovered from)."""
    lines = [line.strip() for line in stderr.decode("utf-8", errors="replace").splitlines() if line.strip()]
    return lines[-1] if lines else "no message"


# ---------------------------------------------------------------------------------------------
# pdfplumber


@contextmanager
def _plumber(pdf: Path | bytes) -> Iterator[pdfplumber.pdf.PDF]:
    """The PDF (a path or its bytes) opened by pdfplumber; what pdfminer raises for it becomes ValueError."""
    try:
        with pdfplumber.open(io.BytesIO(pdf) if isinstance(pdf, bytes) else pdf) as document:
            yield document
    except Exception as error:  # pdfminer raises many types, wrapped or not, for damaged files
        raise ValueError(f"{_at(pdf)}{_pdfminer_reason(error)}") from error


def page_count(pdf: Path | bytes) -> int:
    """Number of pages by pdfminer, which reads a PDF without pages (pdfium refuses to load one).

    Raises ValueError for a PDF pdfminer cannot read.
    """
    with _plumber(pdf) as document:
        return len(document.pages)


def page_geometry(pdf: Path | bytes, pages: range | None = None) -> list[PageInfo]:
    """Size, text-layer character count and image cover of every page (or those numbered in `pages`), by
    pdfium: on a scan under a scanner's OCR layer (real scan s01) a twentieth of pdfplumber's time, which
    parses every glyph in Python.

    Raises ValueError for a file that is missing, empty, truncated, encrypted, damaged or has no pages; the
    reason is pdfminer's when pdfium cannot open the file.
    """
    check_pdf_file(pdf)
    try:
        document = pdfium.PdfDocument(pdf if isinstance(pdf, bytes) else str(pdf))
    except pdfium.PdfiumError as error:
        if page_count(pdf) == 0:  # pdfminer reads what pdfium refuses, and names what is wrong with the rest
            raise ValueError(f"{_at(pdf)}the PDF has no pages") from error
        raise ValueError(f"{_at(pdf)}damaged PDF, pdfium cannot read it ({error})") from error
    try:
        count = len(document)
        numbers = range(1, count + 1) if pages is None else range(max(pages.start, 1), min(pages.stop, count + 1))
        infos = [_page_info(document, number) for number in numbers]
    finally:
        document.close()
    if not infos:
        raise ValueError(f"{_at(pdf)}the PDF has no pages")
    return infos


def _page_info(document: pdfium.PdfDocument, number: int) -> PageInfo:
    page = document[number - 1]
    try:
        width, height = page.get_size()
        return PageInfo(number, float(width), float(height), text_chars(page), _image_cover(page))
    finally:
        page.close()


def _image_cover(page: pdfium.PdfPage) -> float:
    """Share of the page (its crop box) under images, each clipped to it; tiled scans add up their strips."""
    left, bottom, right, top = page.get_cropbox()
    area = (right - left) * (top - bottom)
    if area <= 0:
        return 0.0
    covered = 0.0
    for image in page.get_objects(filter=(pdfium_c.FPDF_PAGEOBJ_IMAGE,)):
        x0, y0, x1, y1 = image.get_bounds()
        covered += max(min(x1, right) - max(x0, left), 0.0) * max(min(y1, top) - max(y0, bottom), 0.0)
    return float(min(covered / area, 1.0))


def _pdfminer_reason(error: Exception) -> str:
    """A user's reason for a pdfminer failure; pdfplumber wraps the original in PdfminerException."""
    inner: BaseException = error
    while inner.args and isinstance(inner.args[0], BaseException):
        inner = inner.args[0]
    name = type(inner).__name__
    if "Password" in name or "Encryption" in name:
        return "encrypted PDF, a password is needed to open it"
    return f"damaged or not a PDF, pdfminer cannot read it ({name}: {inner})"


_EOF_WINDOW = 4096  # readers look for %%EOF in the last 1 KB; some writers append padding after it


def check_pdf_file(pdf: Path | bytes) -> None:
    """Raise ValueError unless `pdf` (a path or the bytes) is non-empty, with a PDF header and an end-of-file marker.

    The tools recover from a missing end quietly, with pages or page content lost, so a truncated
    file (a broken download or upload) is refused here instead.
    """
    if isinstance(pdf, bytes):
        head, tail = pdf[:1024], pdf[-_EOF_WINDOW:]
    else:
        head, tail = _head_and_tail(pdf)
    if not head:
        raise ValueError(f"{_at(pdf)}empty file (0 bytes)")
    if b"%PDF-" not in head:
        raise ValueError(f"{_at(pdf)}not a PDF (no %PDF- header)")
    if b"%%EOF" not in tail:
        raise ValueError(f"{_at(pdf)}truncated PDF (no %%EOF marker at the end): the file was cut short")


def _head_and_tail(pdf: Path) -> tuple[bytes, bytes]:
    """The first KB and the last `_EOF_WINDOW` bytes of a file, without reading the rest."""
    if not pdf.is_file():
        raise ValueError(f"{pdf}: no such file")
    size = pdf.stat().st_size
    with pdf.open("rb") as handle:
        head = handle.read(1024)
        handle.seek(max(size - _EOF_WINDOW, 0))
        return head, handle.read()


# ---------------------------------------------------------------------------------------------
# Assessment

_CONSONANT = "\u0995-\u09b9\u09ce\u09dc\u09dd\u09df\u09f0\u09f1"
_VOWEL_SIGN = "\u09be-\u09c4\u09c7\u09c8\u09cb\u09cc\u09d7\u09e2\u09e3"
_MODIFIER = "\u0981-\u0983"  # candrabindu, anusvara, visarga
_HASANTA = "\u09cd"
_NUKTA = "\u09bc"
_BANGLA_BASE = "\u0985-\u0994\u09e0\u09e1" + _CONSONANT  # letters that can carry marks
_JOINERS = re.compile("[\u200c\u200d]")

# Sequences that no correct Bangla spelling has (after NFC and with ZWJ/ZWNJ removed). Matches do
# not overlap, so a damaged spot counts once or twice, not once per character.
_INVALID = re.compile(
    "|".join(
        [
            f"(?<![{_CONSONANT}{_NUKTA}])[{_VOWEL_SIGN}]",  # a vowel sign with no consonant: visual order, ি া
            f"(?<![{_CONSONANT}{_NUKTA}]){_HASANTA}",  # a hasanta with no consonant: ে্র, word-initial ্
            f"{_HASANTA}(?=[{_VOWEL_SIGN}{_MODIFIER}{_HASANTA}\u0985-\u0994])",  # a hasanta before a mark
            f"(?<![{_BANGLA_BASE}{_NUKTA}{_VOWEL_SIGN}{_MODIFIER}])[\u0981\u0982]",  # ঁ ং with no letter
            f"[{_MODIFIER}](?=[{_VOWEL_SIGN}])",  # ঁ typed before the vowel sign it sits on
            f"(?<![{_CONSONANT}]){_NUKTA}",  # a nukta with no consonant
        ]
    )
)
_CID = re.compile(r"\(cid:\d+\)")

# Bijoy (SutonnyMJ) maps Bangla glyphs onto Latin-1/cp1252 code points. These symbols stand inside
# its words (‡ ে, © reph, ¨ য-ফলা, Ö ্র, ¯ স্, š ন্, Í ত, … ৃ, | danda, ` দ) but never inside English
# ones. Letters with accents are left out: European names have them.
_BIJOY_SYMBOLS = frozenset("‡†ˆ‰©¨ª«¯®¤¦¥¢£§¬°±²³µ¶·¸»¼½¾¿¡×÷˜‹›ƒ„…•œŒšŠÿÍÎÖ`|")
_LATIN_WORD = re.compile(r"\S*[A-Za-z]\S*")
_CAMEL = re.compile(r"[a-z][A-ZÀ-ÖØ-Þ]")  # ক, জ, গ, ত, ণ... are capitals: miKvi, evsjv‡`k
_VOWEL = re.compile(r"[aeiouyAEIOUY]")
_URL_OR_MAIL = re.compile(r"(?:https?://|www\.)\S+|\S+@\S+\.\S+|\S+\.(?:gov|com|org|net|edu)\.?\S*", re.IGNORECASE)


def _looks_bijoy(word: str) -> bool:
    """A token with Latin letters that English would not write: a Bijoy symbol inside, a capital
    after a small letter, or four letters or more without a vowel (mfvcwZ; capitals-only acronyms aside)."""
    letters = "".join(c for c in word if c.isascii() and c.isalpha())
    if any(c in _BIJOY_SYMBOLS for c in word) and letters:
        return True
    if _CAMEL.search(word):
        return True
    return len(letters) >= 4 and not letters.isupper() and _VOWEL.search(letters) is None


def _legacy_ascii(text: str, bangla_share: float) -> bool:
    """Whether `text` looks like Bijoy/SutonnyMJ ASCII (see the LEGACY_ thresholds)."""
    if bangla_share > LEGACY_MAX_BANGLA_SHARE:
        return False
    words = [w for w in _LATIN_WORD.findall(text) if not _URL_OR_MAIL.fullmatch(w)]  # www. is no ি
    letters = [c for w in words for c in w if c.isascii() and c.isalpha()]
    if len(letters) < LEGACY_MIN_LATIN_LETTERS:
        return False
    if (letters.count("v") + letters.count("w")) < LEGACY_MIN_VW_SHARE * len(letters):
        return False
    bijoy_words = sum(map(_looks_bijoy, words))
    return bijoy_words >= LEGACY_MIN_WORDS and bijoy_words >= LEGACY_MIN_WORD_SHARE * len(words)


def assess(text: str) -> LayerQuality:
    """Measure `text` for the signs of a broken or legacy text layer (see LayerQuality)."""
    text = _JOINERS.sub("", unicodedata.normalize("NFC", text))
    cid_glyphs = len(_CID.findall(text))
    counted = _CID.sub("\ufffc", text)  # one character, and no letters, per (cid:N)
    chars = sum(not c.isspace() for c in counted)
    letters = bangla = 0
    for c in counted:
        if c.isalpha() or unicodedata.category(c).startswith("M"):
            letters += 1
            bangla += "\u0980" <= c <= "\u09ff"
    bangla_share = bangla / letters if letters else 0.0
    return LayerQuality(
        chars=chars,
        letters=letters,
        bangla_share=bangla_share,
        invalid_sequences=len(_INVALID.findall(text)),
        cid_glyphs=cid_glyphs,
        replacement_chars=text.count("\ufffd"),
        private_use=sum(unicodedata.category(c) == "Co" for c in text),
        legacy_ascii=_legacy_ascii(counted, bangla_share),
    )


def verdict(q: LayerQuality, *, image_page: bool = False) -> Verdict:
    """`empty`, `broken`, `legacy` or `good`, by the thresholds at the top of this module.

    `image_page`: the page is mostly covered by images, so a thin text layer does not count as its text.
    """
    if q.letters < (MIN_LETTERS_ON_IMAGE_PAGE if image_page else MIN_LETTERS):
        return "empty"
    lost = q.cid_glyphs + q.replacement_chars + q.private_use
    if lost > MAX_LOST_GLYPH_SHARE * q.chars:
        return "broken"
    if q.legacy_ascii:
        return "legacy"
    bangla_letters = q.bangla_share * q.letters
    if q.invalid_sequences > MAX_INVALID_PER_BANGLA_LETTER * max(bangla_letters, 1.0):
        return "broken"
    return "good"


# ---------------------------------------------------------------------------------------------
# Legacy conversion

_PRE_KAR_BEFORE_RA_PHALA = re.compile(f"([িেৈ]){_HASANTA}র")
_RA_ZWNJ_YA = "র\u200c\u09cdয"
# What the converter leaves behind when its table lacks a glyph: Latin-1 and Latin Extended
# characters, Bijoy's symbols, and the IPA/Greek/Cyrillic/Armenian placeholders it uses inside.
_LEFTOVER = re.compile("[\u00a1-\u00ac\u00ae-\u058f‡†ˆ‰‹›ƒ„…•˜]")


def convert_legacy(text: str) -> str:
    """Bijoy/SutonnyMJ ASCII to Unicode Bangla with unicodeconverter, word by word, NFC.

    Lines, tabs and spacing are kept: the library is given one word at a time, since it turns tabs
    into break marks of its own, collapses spaces and strips line ends. URLs and e-mail addresses are left alone; other
    English words come out as Bangla letters: the text layer cannot tell which font typed them.
    What unicodeconverter 0.1.0b12 gets wrong, and what is done about it:
    - ি ে ৈ before a consonant with র-ফলা (Ö, ª) lands between the two: wcÖq → পি্রয়, ‡cÖiY →
      পে্ররণ, wLª÷vã → খি্রস্টাব্দ. Repaired here (সে্র → স্রে, then NFC makes ে + া into ো).
    - র‌্য comes out with ZWNJ (U+200C) instead of ZWJ: repaired.
    - Some conjuncts are missing from its table and stay as Latin-1 symbols (wb¤œ → ন¤œি for নিম্ন).
      Left as they are; `assess` sees the damage.
    - A word ending in ‡ or † (a vowel sign with nothing after it) raises IndexError: such a word is
      left unconverted.
    """
    out: list[str] = []
    for piece in re.split(r"(\s+)", text):
        if not piece or piece.isspace() or _URL_OR_MAIL.fullmatch(piece) or _has_bangla(piece):
            out.append(piece)
            continue
        try:
            out.append(convert_bijoy_to_unicode(piece))
        except (IndexError, KeyError, ValueError):  # its rearranging indexes past the word's end
            out.append(piece)
    converted = _PRE_KAR_BEFORE_RA_PHALA.sub(rf"{_HASANTA}র\1", "".join(out))
    converted = converted.replace(_RA_ZWNJ_YA, "র\u200d\u09cdয")
    return unicodedata.normalize("NFC", converted)


def _has_bangla(text: str) -> bool:
    return any("\u0980" <= c <= "\u09ff" for c in text)


# ---------------------------------------------------------------------------------------------
# The pipeline step


def read_text_layer(pdf: Path | bytes, pages: range | None = None) -> list[PageText]:
    """Every page's text from the text layer (or the pages numbered in `pages`, 1-based, consecutive),
    judged; legacy pages converted and judged again.

    Pages whose verdict is `broken` or `empty` keep it (with whatever text there was) so that the
    caller can OCR them instead. `pdf` is a path or the PDF's bytes. Raises ValueError for a PDF that is
    missing, empty, truncated, encrypted, damaged or without pages; ToolError when pdftotext is missing or fails.
    """
    geometry = page_geometry(pdf, pages)
    texts = pdftotext_pages(pdf) if pages is None else pdftotext_pages(pdf, pages.start, pages.stop - 1)
    if len(texts) != len(geometry):
        raise ValueError(f"{_at(pdf)}damaged PDF: poppler reads {len(texts)} pages, pdfminer {len(geometry)}")
    return [_judge_page(info, text) for info, text in zip(geometry, texts, strict=True)]


def _judge_page(info: PageInfo, text: str) -> PageText:
    """One page's verdict and note; a legacy page is converted and judged again."""
    notes: list[str] = []
    if info.mostly_image:
        layer = "an earlier OCR, a label or a watermark" if text.strip() else "none"
        notes.append(f"images cover {info.image_cover:.0%} of the page; text layer: {layer}")
    quality = assess(text)
    found = verdict(quality, image_page=info.mostly_image)
    if found == "legacy":
        text = convert_legacy(text)
        quality = assess(text)
        after = verdict(quality, image_page=info.mostly_image)
        notes.append("converted from Bijoy/SutonnyMJ ASCII with unicodeconverter")
        leftover = sorted(set(_LEFTOVER.findall(text)))
        if leftover:
            notes.append(f"left unconverted: {' '.join(leftover)}")
        if after != "good":
            found = "broken"
            notes.append(f"the converted text is {after}")
    if found == "broken":
        notes.append(_damage(quality))
    elif found == "empty" and info.chars and not text.strip():
        notes.append(f"pdfium sees {info.chars} characters that pdftotext does not")
    return PageText(info.number, text, found, "; ".join(notes) or None, info.mostly_image)


def _damage(q: LayerQuality) -> str:
    """What makes a layer broken, for the note."""
    counts = {
        "broken Bangla sequences": q.invalid_sequences,
        "(cid:N) glyphs": q.cid_glyphs,
        "U+FFFD": q.replacement_chars,
        "private-use characters": q.private_use,
    }
    found = [f"{n} {what}" for what, n in counts.items() if n]
    return f"in {q.chars} characters: " + ", ".join(found) if found else "legacy text the converter left Latin"
