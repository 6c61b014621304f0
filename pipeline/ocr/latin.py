"""Latin words in a Bangla page, read again with a model that knows Latin letters.

The `Bengali` script model reads a Bangla page best (OCR-NOTES: `ben+eng` reads Bangla as Latin), but the
Latin words a Bangla letter carries — web addresses, Online, Submit, User ID, often in a serif Latin font —
come out of it as mixtures of Latin letters, digits and Bangla signs: 0nline, 5ubmেiট, U5e7', €০PY,
॥ww.co০op.gov.bd. On real scan s01 p2 they were about half of the errors. Runs of such words that the model
was unsure of are cut out (the other words' boxes painted white, so that a neighbour is not read twice),
stacked one under another into one image and read in a single Tesseract run with `eng`; one run for all of
them, since a Tesseract start costs about 0.1 s. A run's new reading replaces the old one only when it holds
Latin letters and is the more confident; a Bangla case ending the script model read (SMS-এর) is kept. A run
ending in such an ending that `eng` misreads too unsurely (SMS-4a, confidence 6) is read once more, with
`Bengali+eng`, which reads the ending too.

s01 p2 CER (300 dpi, default clean-up): no re-read 2.88%; the defaults (`eng`, then `Bengali+eng` for an
ending) 1.13%. Every run re-read with `eng` alone 1.17%, with `Bengali+eng` 1.15% for about twice the time
(s01's 4 pages, in-process: 0.81–1.04 s against 1.43–1.85 s; both models' networks run on every line). The
sample pages and s08 read the same with either; the rendered corpus 0.66% clean with either, 1.45% degraded
with `eng` alone, 1.44% with `Bengali+eng`. Re-reading every Latin word under confidence 80 instead:
`Bengali+eng` 1.57%, `eng` 1.61%, `ben+eng` 1.73% (an older measure, at 1.59% for the defaults then), for
twice the re-reads. The whole page read with `Bengali+eng`, `ben+Bengali`
or `Bengali+ben` instead of `Bengali`: 3.1–3.9%.
"""

from __future__ import annotations

import statistics
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

import numpy as np
import regex

if TYPE_CHECKING:
    from pipeline.ocr.tesseract import OcrWord

#: Reads an image (a stack of crops) into words; the caller binds the model and the resolution.
Reader = Callable[[np.ndarray], "list[OcrWord]"]

# A run is read again when one of its words looks misread (see `misread`) or was read with less confidence
# than this (0–100). Not every unsure Latin word: the script model reads web addresses right at 60–80, and
# a second Tesseract run costs a fifth to a third of the page's OCR time.
REREAD_BELOW = 50.0
# Crops are padded by this share of their height, and stacked with this share of the tallest between them.
PAD = 0.3
GAP = 1.0

_LATIN_LETTER = regex.compile(r"[A-Za-z]")
# Signs of a misread Latin word: Latin letters with Bangla signs in one word (5ubmেiট), a digit inside
# letters or opening them (U5e7', 0nline), signs no Latin word has here (€০PY, ॥ww).
_MISREAD = regex.compile(
    r"[A-Za-z].*[\u0980-\u09FF]|[\u0980-\u09FF].*[A-Za-z]|[A-Za-z][0-9][A-Za-z]|^\W?[0-9][a-z]|[€£¥॥]"
)
_LATIN_SIGN = regex.compile(r"[A-Za-z0-9€£¥@]")
_BANGLA = regex.compile(r"[\u0980-\u09FF]")
# A Latin word with a Bangla case ending after a hyphen: Online-এ, SMS-এর.
_ENDING = regex.compile(r"-([\u0980-\u09FF]+)$")


@dataclass(frozen=True)
class _Run:
    """Consecutive Latin-looking words of one line: their indices in the page's words, and their box."""

    indices: list[int]
    left: int
    top: int
    right: int
    bottom: int


def latin_like(text: str) -> bool:
    """A word made mostly of Latin letters, ASCII digits and the signs a misread Latin word shows."""
    latin = len(_LATIN_SIGN.findall(text))
    return latin > 0 and latin >= len(_BANGLA.findall(text))


def misread(word: OcrWord) -> bool:
    """A Latin-looking word that shows signs of a misreading, or was read very unsurely."""
    return word.conf < REREAD_BELOW or _MISREAD.search(word.text) is not None


def latin_runs(words: list[OcrWord]) -> list[_Run]:
    """Runs of consecutive Latin-looking words on one line with at least one misread (see `misread`)."""
    groups: list[list[int]] = []
    for index, word in enumerate(words):
        if not latin_like(word.text):
            continue
        if groups and groups[-1][-1] == index - 1 and _line(words[index - 1]) == _line(word):
            groups[-1].append(index)
        else:
            groups.append([index])
    return [_box(words, group) for group in groups if any(misread(words[i]) for i in group)]


def _line(word: OcrWord) -> tuple[int, int, int]:
    return word.block, word.par, word.line


def _box(words: list[OcrWord], indices: list[int]) -> _Run:
    chosen = [words[i] for i in indices]
    return _Run(
        indices,
        min(w.left for w in chosen),
        min(w.top for w in chosen),
        max(w.left + w.width for w in chosen),
        max(w.top + w.height for w in chosen),
    )


def _crop(image: np.ndarray, words: list[OcrWord], run: _Run) -> tuple[np.ndarray, int, int]:
    """The run's crop with every other word painted white, and the page position of its top-left corner."""
    pad = max(2, round(PAD * (run.bottom - run.top)))
    top, left = max(0, run.top - pad), max(0, run.left - pad)
    bottom, right = min(image.shape[0], run.bottom + pad), min(image.shape[1], run.right + pad)
    crop = image[top:bottom, left:right].copy()
    inside = set(run.indices)
    for index, word in enumerate(words):
        overlaps = top < word.top + word.height and word.top < bottom and left < word.left + word.width
        if overlaps and word.left < right and index not in inside:
            crop[
                max(0, word.top - top) : max(0, word.top + word.height - top),
                max(0, word.left - left) : max(0, word.left + word.width - left),
            ] = 255
    return crop, top, left


def reread_latin(image: np.ndarray, words: list[OcrWord], read: Reader, again: Reader | None = None) -> list[OcrWord]:
    """The page's words with each unsure run of Latin-looking words replaced by a better reading of it.
    `again`: a reader for the runs ending in a Bangla case ending whose first new reading was not taken
    (the Latin model reads SMS-এর as SMS-4a, too unsure to replace 5M5-এর)."""
    runs = latin_runs(words)
    if not runs:
        return words
    chosen = _taken(words, runs, range(len(runs)), _read_runs(image, words, runs, read))
    ending = [n for n in range(len(runs)) if n not in chosen and _ENDING.search(words[runs[n].indices[-1]].text)]
    if again is not None and ending:
        chosen |= _taken(words, runs, ending, _read_runs(image, words, [runs[n] for n in ending], again))
    result = list(words)
    for number in sorted(chosen, key=lambda n: -runs[n].indices[0]):
        result[runs[number].indices[0] : runs[number].indices[-1] + 1] = chosen[number]
    return result


def _taken(
    words: list[OcrWord], runs: list[_Run], numbers: Sequence[int], readings: list[list[OcrWord]]
) -> dict[int, list[OcrWord]]:
    """The new readings of runs `numbers` (in that order) that replace the old, by run number."""
    taken: dict[int, list[OcrWord]] = {}
    for number, new in zip(numbers, readings, strict=True):
        better = _better([words[i] for i in runs[number].indices], new)
        if better is not None:
            taken[number] = better
    return taken


def _read_runs(image: np.ndarray, words: list[OcrWord], runs: list[_Run], read: Reader) -> list[list[OcrWord]]:
    """Each run's new words, in page position: the runs' crops stacked into one image, read in one run."""
    crops = [_crop(image, words, run) for run in runs]
    gap = round(GAP * max(crop.shape[0] for crop, _, _ in crops))
    width = max(crop.shape[1] for crop, _, _ in crops) + 2 * gap
    slots: list[int] = []  # the top of each crop in the stack
    height = gap
    for crop, _, _ in crops:
        slots.append(height)
        height += crop.shape[0] + gap
    stack = np.full((height, width), 255, dtype=np.uint8)
    for (crop, _, _), top in zip(crops, slots, strict=True):
        stack[top : top + crop.shape[0], gap : gap + crop.shape[1]] = crop
    found: list[list[OcrWord]] = [[] for _ in runs]
    for word in read(stack):
        middle = word.top + word.height / 2
        slot = next((i for i, top in enumerate(slots) if top <= middle < top + crops[i][0].shape[0]), None)
        if slot is not None:
            crop, top, left = crops[slot]
            found[slot].append(replace(word, left=word.left - gap + left, top=word.top - slots[slot] + top))
    return [sorted(new, key=lambda word: word.left) for new in found]


def _better(old: list[OcrWord], new: list[OcrWord]) -> list[OcrWord] | None:
    """The new reading in the old words' line, when it holds Latin letters and is the more confident."""
    if not new or not _LATIN_LETTER.search(" ".join(word.text for word in new)):
        return None
    if statistics.fmean(w.conf for w in new) <= statistics.fmean(w.conf for w in old):
        return None
    first = old[0]
    placed = [replace(word, block=first.block, par=first.par, line=first.line) for word in new]
    ending = _ENDING.search(old[-1].text)
    if ending and not _BANGLA.search(placed[-1].text):
        # The Latin model misreads a Bangla ending (Online-এ → Online-4): keep the one the script model read.
        stem = placed[-1].text.rsplit("-", 1)[0]
        placed[-1] = replace(placed[-1], text=f"{stem}-{ending.group(1)}")
    return placed
