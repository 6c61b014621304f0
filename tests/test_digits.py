"""Bangla ↔ ASCII digits."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from pipeline.normalize.digits import to_ascii_digits, to_bangla_digits

# Text drawn from ASCII, the Bengali block (digits, letters, signs) and punctuation seen in memo numbers.
_TEXT = st.text(alphabet=st.characters(min_codepoint=0x20, max_codepoint=0x7E) | st.sampled_from("০১২৩৪৫৬৭৮৯কখ়ঃ।"))


def test_bangla_digits_to_ascii() -> None:
    assert to_ascii_digits("০১২৩৪৫৬৭৮৯") == "0123456789"


def test_ascii_digits_to_bangla() -> None:
    assert to_bangla_digits("0123456789") == "০১২৩৪৫৬৭৮৯"


def test_mixed_memo_number_keeps_everything_but_the_digits() -> None:
    # The corpus memo number typed with ASCII zeros among Bangla digits.
    assert to_ascii_digits("স্মারক নম্বর: ৩৮,০১.0000,৭00,0১") == "স্মারক নম্বর: 38,01.0000,700,01"


def test_bracketed_words_untouched() -> None:
    assert to_ascii_digits("…২৩(অংশ-১)-৫৮৭") == "…23(অংশ-1)-587"
    assert to_bangla_digits("23(অংশ-1)") == "২৩(অংশ-১)"


def test_other_scripts_digits_untouched() -> None:
    # Only Bangla and ASCII digits are mapped; Devanagari digits are not ours to change.
    assert to_ascii_digits("१२") == "१२"


@given(_TEXT)
def test_ascii_output_has_no_bangla_digits(s: str) -> None:
    out = to_ascii_digits(s)
    assert not any("০" <= ch <= "৯" for ch in out)
    assert len(out) == len(s)


@given(st.text(alphabet=st.sampled_from("০১২৩৪৫৬৭৮৯কখ.,/-ঃ ")))
def test_round_trip_from_bangla(s: str) -> None:
    assert to_bangla_digits(to_ascii_digits(s)) == s


@given(st.text(alphabet=st.characters(min_codepoint=0x20, max_codepoint=0x7E)))
def test_round_trip_from_ascii(s: str) -> None:
    assert to_ascii_digits(to_bangla_digits(s)) == s
