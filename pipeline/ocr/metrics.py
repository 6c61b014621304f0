"""Character and word error rates of OCR text against ground truth.

Both texts are compared after NFC, with ZWJ/ZWNJ removed, ৰ read as র, and whitespace collapsed
(OCR-NOTES' protocol), so that invisible joiners and line wrapping do not count as errors. A list bullet
opening a line (●, •, ➢, and the * Tesseract reads for a round bullet) is dropped on both sides: the real
pages' transcriptions leave bullet glyphs out, and the pipeline keeps them as list structure.
"""

from __future__ import annotations

import unicodedata

import regex
from rapidfuzz.distance import Levenshtein

_INVISIBLE = str.maketrans({"\u200c": None, "\u200d": None, "ৰ": "র"})
_BULLET = regex.compile(r"(?m)^[ \t]*[•●▪◦■◆❖➢➤►*][ \t]+")


def comparable(text: str) -> str:
    """Text as it is compared: NFC, joiners and line-opening bullets dropped, ৰ→র, whitespace runs made
    one space."""
    return " ".join(_BULLET.sub("", unicodedata.normalize("NFC", text)).translate(_INVISIBLE).split())


def cer(hypothesis: str, reference: str) -> float:
    """Character error rate: edit distance over the reference's length."""
    ref, hyp = comparable(reference), comparable(hypothesis)
    return Levenshtein.distance(hyp, ref) / max(len(ref), 1)


def wer(hypothesis: str, reference: str) -> float:
    """Word error rate: edit distance over word sequences, over the reference's word count."""
    ref, hyp = comparable(reference).split(), comparable(hypothesis).split()
    return Levenshtein.distance(hyp, ref) / max(len(ref), 1)
