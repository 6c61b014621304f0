"""Header fields that OCR damaged, repaired where the document's structure allows it, never guessed.

Each damage shape is one seen in OCR output of real scans or of the rendered scan corpus: the dots of an
e-Nothi memo number read as commas and spaces, as a danda or not at all, its zeros as Latin O; the rule
between the halves of a stacked dual date read as a row of marks; a handwritten or stamped header date
that reads as no date, printed again beside the signature.
"""

from __future__ import annotations

import datetime as dt

import pytest

from pipeline.api import process_text
from pipeline.extract.memo import labelled_memo
from pipeline.extract.segment import split_lines
from pipeline.models import Record

BODY = (
    "এতদ্বারা অত্র ইউনিয়নের সর্বসাধারণের অবগতির জন্য জানানো যাচ্ছে যে, আগামী মাস থেকে হোল্ডিং ট্যাক্স আদায় "
    "কার্যক্রম শুরু হবে। সকলকে যথাসময়ে ট্যাক্স পরিশোধ করার জন্য অনুরোধ করা হলো।"
)
HEAD = "গণপ্রজাতন্ত্রী বাংলাদেশ সরকার\nসমবায় অধিদপ্তর\n"


def one(text: str) -> Record:
    records = process_text(text)
    assert len(records) == 1
    return records[0]


def repaired(record: Record) -> list[str]:
    return [w for w in record.warnings if w.startswith("header-repaired: ")]


# --- e-Nothi memo numbers ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "printed",
    [
        "০৫, ৪৭, ০০০০, ০১০, ১৮, ০০১, ১৭-১৫৫",  # dots read as commas, each with its space
        "০৫ ৪৭ ০০০০ ০১০ ১৮ ০০১ ১৭-১৫৫",  # dots lost, the spaces left
        "০৫.৪৭.০০০০।০১০.১৮.০০১.১৭-১৫৫",  # a dot read as a danda
        "০৫.৪৭০০০০.০১০.১৮.০০১.১৭-১৫৫",  # a dot lost: two groups run together
        "০৫.৪৭.OO০০.০১০.১৮.০০১.১৭-১৫৫",  # zeros read as Latin O under a stamp
    ],
)
def test_damaged_enothi_number_is_rebuilt_from_its_groups(printed: str) -> None:
    record = one(f"{HEAD}স্মারক নং- {printed}\tতারিখ: ১২/০৩/২০১৭\nবিষয়: সভা আহ্বান।\n{BODY}\n")
    assert record.memo_no is not None and record.memo_no.value == "05.47.0000.010.18.001.17-155"
    [warning] = repaired(record)
    assert printed in warning and "05.47.0000.010.18.001.17-155" in warning
    assert record.date is not None and record.date.value == dt.date(2017, 3, 12)


@pytest.mark.parametrize(
    "line",
    [
        "স্মারক নং- ০৫.৪৭.০০০০.০১০.১৮.০০১.১৭-১৫৫",  # sound: read as printed, no warning
        "নং- ০৪.৪২২.০২২.০০.০০.০১৫.২০১৫-২৪৫",  # an older shape: left as it is, not forced into e-Nothi's
    ],
)
def test_sound_and_older_numbers_are_not_repaired(line: str) -> None:
    memo = labelled_memo(split_lines(line)[0])
    assert memo is not None and memo.warning is None
    assert memo.value in ("05.47.0000.010.18.001.17-155", "04.422.022.00.00.015.2015-245")


@pytest.mark.parametrize(
    "line",
    [
        "স্মারক নং: ০১৭১১৬১৮৩৬৮",  # one run of digits: a phone number, not a damaged memo number
        "স্মারক নং: ৩০৪৪",  # a receipt stamp's serial
        "নং ০৫, ৪৭ তারিখ",  # two groups: too little to rebuild
        "স্মারক নং- ১২ ৩৪ ৫৬ ৭৮",  # groups that do not open like an e-Nothi number
    ],
)
def test_numbers_that_do_not_fit_the_shape_are_not_invented(line: str) -> None:
    assert labelled_memo(split_lines(line)[0]) is None


# --- dates ---------------------------------------------------------------------------------------


def test_stacked_dual_date_with_its_rule_read_as_marks_is_one_date() -> None:
    record = one(
        f"{HEAD}স্মারক নং- ০৫.৪৭.০০০০.০১০.১৮.০০১.২০-১৫৫\tতারিখ: ২৫ জ্যৈষ্ঠ ১৪২৭\n\t______ —\n\t০৮ জুন ২০২০\n"
        f"বিষয়: সভা আহ্বান।\n{BODY}\n"
    )
    assert record.date is not None
    assert (record.date.value, record.date.bangla, record.date.consistent) == (dt.date(2020, 6, 8), "1427-02-25", True)


def test_damaged_header_date_is_taken_from_beside_the_signature() -> None:
    # s01's shape: the issue date written by hand beside তারিখ- reads as digits and marks, not a date.
    record = one(
        f"{HEAD}নং-....&0..-এ/ও\tতারিখ- 25৬২০০৫ র\nপুন:নিয়োগ বিজ্ঞপ্তি\n{BODY}\n"
        "২৬/০৩/২০২৫\nউপনিবন্ধক (প্রশাসন)\nসমবায় অধিদপ্তর, ঢাকা\n"
    )
    assert record.date is not None and record.date.value == dt.date(2025, 3, 26)
    [warning] = repaired(record)
    assert "25৬২০০৫" in warning and "২৬/০৩/২০২৫" in warning


def test_signature_date_is_not_taken_when_the_header_has_no_damaged_date() -> None:
    # No date label before unreadable digits: nothing says the document's date was lost.
    record = one(f"{HEAD}পুন:নিয়োগ বিজ্ঞপ্তি\n{BODY}\n২৬/০৩/২০২৫\nউপনিবন্ধক (প্রশাসন)\n")
    assert record.date is None and not repaired(record)
