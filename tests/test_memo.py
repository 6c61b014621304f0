"""Memo numbers: the contract's normalisation examples and the shapes of GENRE.md."""

from __future__ import annotations

import pytest

from pipeline.api import process_text
from pipeline.extract.memo import cited_numbers, labelled_memo, normalise_number
from pipeline.extract.segment import split_lines


def _memo(line: str) -> tuple[str, str | None] | None:
    memo = labelled_memo(split_lines(line)[0])
    return (memo.value, memo.copy) if memo else None


@pytest.mark.parametrize(
    ("line", "value", "copy"),
    [
        ("নং- ৪৬. ০০. ০০০০. ০৩৯. ০১৮. ০০২. ২০১৫- ১৮৮-৫", "46.00.0000.039.018.002.2015-188-5", None),
        ("স্মারক নং: ৩৮,০১,০০০০,১৪৫", "38.01.0000.145", None),
        ("স্মারক নম্বর: ৫৬.০০.০০০০.০৪১.২৩(অংশ-১)-৫৮৭", "56.00.0000.041.23(অংশ-1)-587", None),
        ("স্মারক নম্বর: ০৪.০০.০০০০.৮৩১.৬৬.০০৩.১৭.২৮২/১(৫)", "04.00.0000.831.66.003.17.282", "1(5)"),
        ("স্মারক নং ৩৮.০১.০০০০.১০৭.২৪.০০৩.২৩ (পার্ট-১)- ২.১৬", "38.01.0000.107.24.003.23(পার্ট-1)-2.16", None),
        ("স্মারক নম্বর: ৩৮,০১.0000,৭00,0১,00১,২৩,৬২", "38.01.0000.700.01.001.23.62", None),
        ("স্মরক নং:- ০৫.৪৩.২৬০০.০১৫.১৬.০০২.২৪-১২৩", "05.43.2600.015.16.002.24-123", None),
        ("উপানুষ্ঠানিক পত্র নং- ৬৬.০০.০০০০.০০২.২১.০০৪.১৫-১৭৬", "66.00.0000.002.21.004.15-176", None),
        ("স্মারক নং-০৫.০০.০০০০.১৭৩.০৮.০১৪.০৭.১৪০; তারিখ: ১৮ আগস্ট ২০২১", "05.00.0000.173.08.014.07.140", None),
    ],
)
def test_labelled_memo_is_normalised(line: str, value: str, copy: str | None) -> None:
    assert _memo(line) == (value, copy)


@pytest.mark.parametrize(
    "line",
    [
        "স্মারক নং: ৩০৪৪",  # a receiving office's stamp: a short number
        "ডায়েরী নং ৬৬৮",
        "ডায়েরী নং: ৪৫.১২.৩৪",
        "নম্বরঃ..... তারিখঃ.....",
        "ফোন: ৯৫৮৮৩৯৫",
        "ক্রমিক নং ১.২.৩ অনুযায়ী",  # a bare নং before a short dotted number is a serial, not a memo
        "নম্বর: ১২.৩৪.৫৬",
    ],
)
def test_stamps_and_phones_are_not_memo_numbers(line: str) -> None:
    assert _memo(line) is None


def test_normalise_number_keeps_dots_and_hyphens() -> None:
    assert normalise_number("৫২.০০.০০০০.০২২.০৫.০০১.২২-৭৮") == "52.00.0000.022.05.001.22-78"


def test_cited_numbers_skip_dates_amounts_and_phones() -> None:
    text = "গত ১০.০৮.২০২২ তারিখে ১২,৩৪,৫৬৭ টাকা, ফোন ০১৭১১৬১৮৩৬৮, ৫৬,০৪,০০০০,০০৮,২৩,০৪৩.২৪.২১৩ নম্বর স্মারক"
    assert [m.value for m in cited_numbers(text)] == ["56.04.0000.008.23.043.24.213"]


def test_reference_in_running_text_with_its_date() -> None:
    text = (
        "প্রজ্ঞাপন\nস্মারক নং-০৫.০০.০০০০.১৭৩.০৮.০১৪.০৭.১৪০; তারিখ: ১৮ আগস্ট ২০২১\n"
        "এ বিভাগের ১০ জুন ২০২১ তারিখের ০৫.০০.০০০০.১৭৩.০৮.০১৪.০৭.১০০ নম্বর প্রজ্ঞাপন এতদ্বারা রহিত করা হলো।\n"
    )
    record = process_text(text)[0]
    assert [(r.memo_no, str(r.date)) for r in record.references] == [("05.00.0000.173.08.014.07.100", "2021-06-10")]
