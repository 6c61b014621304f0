"""Text keys for comparing decision texts and names, and their similarity."""

from __future__ import annotations

import unicodedata

from rapidfuzz import fuzz

from pipeline.normalize.digits import to_ascii_digits


def text_key(s: str) -> str:
    """For matching: NFC, ASCII digits, case folded, punctuation and symbols as spaces, spaces collapsed."""
    s = to_ascii_digits(unicodedata.normalize("NFC", s)).casefold()
    kept = (" " if unicodedata.category(c)[0] in "PSZ" else c for c in s if unicodedata.category(c) != "Cf")
    return " ".join("".join(kept).split())


def similarity(a: str, b: str) -> float:
    """Indel similarity of the two texts' keys, 0-1 (rapidfuzz `ratio`, as the contract's scorer)."""
    return fuzz.ratio(text_key(a), text_key(b)) / 100


def containment(short: str, long: str) -> float:
    """How well the shorter text is found inside the longer one, 0-1: a quoted extract of a decision, or a
    decision quoted with a few words of its own around it (rapidfuzz `partial_ratio` on the keys)."""
    a, b = text_key(short), text_key(long)
    if not a or not b:
        return 0.0
    if len(a) > len(b):
        a, b = b, a
    return fuzz.partial_ratio(a, b) / 100
