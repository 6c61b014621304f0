"""Bangla (০-৯) ↔ ASCII digits; every other character is left as it is."""

from __future__ import annotations

_BANGLA = "০১২৩৪৫৬৭৮৯"
_ASCII = "0123456789"
_TO_ASCII = str.maketrans(_BANGLA, _ASCII)
_TO_BANGLA = str.maketrans(_ASCII, _BANGLA)


def to_ascii_digits(s: str) -> str:
    """Bangla digits to ASCII (mixed strings too: `৩৮,০১.0000` → `38,01.0000`)."""
    return s.translate(_TO_ASCII)


def to_bangla_digits(s: str) -> str:
    """ASCII digits to Bangla."""
    return s.translate(_TO_BANGLA)
