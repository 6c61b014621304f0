"""Header numbers OCR was unsure of, flagged rather than trusted in silence.

A memo number is the key a record is filed and linked by, and a low-resolution page can lose one letter
of it with nothing on the page to repair it from (real scan s04 at 75 dpi: আশিবো read as আপিবো, at
confidence 37 of 100, where the words around it read at 80–95). Reading the word again at other scales
was tried on that page: the readings flip between আশিবো, আপিবো and আলিবো with the scale and the padding,
so no vote among them is evidence. What Tesseract does give is its confidence: a number behind a memo
label read under UNSURE_BELOW is named in a warning, for a person to check against the page. A long dotted
e-Nothi number on a clean 300 dpi render reads right at 58 (tests/data/ocr/header-sans.png), s04's at 37
and a 54 dpi render's at 40: the line is drawn between.
"""

from __future__ import annotations

import unicodedata
from functools import cache
from typing import TYPE_CHECKING

import regex

from pipeline.data import load_yaml

if TYPE_CHECKING:
    from pipeline.ocr.tesseract import OcrWord

UNSURE_BELOW = 50.0
_DIGIT = regex.compile(r"[0-9০-৯]")


@cache
def _memo_label() -> regex.Pattern[str]:
    """A word that ends a memo label (স্মারক, নং-, নম্বর:), as labels.yaml lists them: পত্র alone is no label."""
    labels = load_yaml("labels")
    lasts = {unicodedata.normalize("NFC", item.split("\\s*")[-1]) for item in [*labels["memo"], *labels["memo_weak"]]}
    return regex.compile(rf"^(?:{'|'.join(sorted(lasts, key=len, reverse=True))})[-–:ঃ.]*$")


@cache
def _date_label() -> regex.Pattern[str]:
    """A word that opens with a date label (তারিখ:, Date:), as labels.yaml gives it."""
    return regex.compile(rf"(?:{load_yaml('labels')['date']})")


def unsure_memo_numbers(words: list[OcrWord]) -> list[OcrWord]:
    """The first word holding digits after a memo label on its line, before a date label (a blank memo
    number leaves the date next), where it was read unsurely."""
    label, date = _memo_label(), _date_label()
    found: list[OcrWord] = []
    for index, word in enumerate(words):
        if not label.match(word.text):
            continue
        line = (word.block, word.par, word.line)
        for after in words[index + 1 :]:
            if (after.block, after.par, after.line) != line or date.match(after.text):
                break
            if _DIGIT.search(after.text):
                if 0 <= after.conf < UNSURE_BELOW and after not in found:
                    found.append(after)
                break
    return found
