"""Deadline phrases: by a day, recurring periods with anchors, as soon as possible, and non-deadlines."""

from __future__ import annotations

import pytest

from pipeline.extract.deadlines import find_deadline
from pipeline.normalize.dates import find_dates, pair_dates


def _deadline(text: str) -> tuple[str, str | None, str | None] | None:
    found = find_deadline(text, 0, len(text), pair_dates(text, find_dates(text)))
    return (found.kind, found.value, found.anchor) if found else None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("তালিকা অনুযায়ী ০৪/০৫/২০২৩ তারিখের মধ্যে চালু করতে হবে।", ("date", "2023-05-04", None)),
        ("তথ্য আগামী ১৫/০৭/২০২৪ তারিখের মধ্যে প্রেরণ করতে হবে।", ("date", "2024-07-15", None)),
        ("প্রতিবেদন ৩১ ডিসেম্বর, ২০২৪ এর মধ্যে পাঠাতে হবে।", ("date", "2024-12-31", None)),
        ("ত্রৈমাসিক ভিত্তিতে প্রতিবেদন প্রেরণ নিশ্চিত করতে হবে।", ("recurring", "P3M", None)),
        ("প্রতি ০৩ মাস পর পর সভা আয়োজন করতে হবে।", ("recurring", "P3M", None)),
        ("প্রতি তিন মাস অন্তর হালনাগাদ করতে হবে।", ("recurring", "P3M", None)),
        ("প্রতি মাসের ১০ তারিখের মধ্যে প্রতিবেদন দিতে হবে।", ("recurring", "P1M", None)),
        ("প্রতি বছর ৩০ জুন-এর মধ্যে সিটিজেন চার্টার হালনাগাদ করতে হবে।", ("recurring", "P1Y", "--06-30")),
        ("সাপ্তাহিক ভিত্তিতে সভা করতে হবে।", ("recurring", "P1W", None)),
        ("গ্রাম আদালতের মাসিক প্রতিবেদন উপজেলা নির্বাহী অফিসার বরাবর প্রেরণ করতে হবে।", ("recurring", "P1M", None)),
        ("ত্রৈমাসিক প্রতিবেদন প্রেরণ করতে হবে।", ("recurring", "P3M", None)),
        ("প্রস্তাবটি পরবর্তী মাসিক সভায় উপস্থাপন করতে হবে।", None),
        ("প্রতি ৩ ঘণ্টা অন্তর ক্ষয়ক্ষতির তথ্য হালনাগাদ করবেন।", ("recurring", "PT3H", None)),
        ("প্রতি ১৫ দিন অন্তর হালনাগাদ করবেন।", ("recurring", "P15D", None)),
        ("১৫ শ্রাবণ ১৪৩২ বঙ্গাব্দের মধ্যে তালিকা দাখিল করতে হবে।", ("date", "2025-07-30", None)),
        ("জরুরি ভিত্তিতে কর্মপরিকল্পনা প্রণয়ন করতে হবে।", ("asap", None, None)),
        ("অবিলম্বে আইনানুগ ব্যবস্থা গ্রহণ করতে হবে।", ("asap", None, None)),
        ("দ্রুততম সময়ে ব্যাখ্যা তলব করতে হবে।", ("asap", None, None)),
    ],
)
def test_deadlines(text: str, expected: tuple[str, str | None, str | None]) -> None:
    assert _deadline(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "যথাসময়ে প্রেরণ করতে হবে।",  # in due time
        "৭ দিন ব্যাপী কর্মশালা সম্পন্ন করা যেতে পারে।",  # a duration
        "গত ১২ মার্চ ২০১৯ তারিখে অনুষ্ঠিত সভার সিদ্ধান্ত বাস্তবায়ন করতে হবে।",  # a past date
        "আগামী ২০ মার্চ ২০২২ তারিখ হতে প্রশিক্ষণ শুরু হবে।",  # a start date
        "মন্ত্রণালয়ের মাসিক সমন্বয় সভায় উপস্থাপন করতে হবে।",  # a monthly meeting, not a period
        "ই-সার্ভিসগুলো দ্রুত বাস্তবায়নের লক্ষ্যে কর্মশালায় অংশগ্রহণ;",  # দ্রুত alone is no deadline
    ],
)
def test_not_deadlines(text: str) -> None:
    assert _deadline(text) is None
