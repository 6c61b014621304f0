"""Dates in running text: the corpus dates, every shape of GENRE.md, dual dates, and date roles."""

from __future__ import annotations

import datetime as dt
import itertools
import json
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pipeline.normalize.calendar import BanglaDate, Revision, from_gregorian
from pipeline.normalize.dates import (
    DateMention,
    DualDate,
    date_role,
    find_dates,
    find_day_months,
    pair_dates,
)
from pipeline.normalize.digits import to_bangla_digits

ROOT = Path(__file__).resolve().parents[1]


def corpus(name: str) -> str:
    return (ROOT / "corpus" / f"{name}.txt").read_text(encoding="utf-8")


def value(m: DateMention | DualDate) -> str:
    """A mention's date as a short string: ISO Gregorian, or `bn:` + ISO Bangla."""
    if isinstance(m, DateMention) and m.calendar == "bangla":
        assert m.bangla is not None and m.gregorian is None
        return f"bn:{m.bangla.iso()}"
    assert m.gregorian is not None
    return m.gregorian.isoformat()


def one(text: str) -> DateMention:
    found = find_dates(text)
    assert len(found) == 1, found
    return found[0]


# --- every date printed in the corpus, in reading order -----------------------------------------------------

CORPUS_DATES = {
    "do-letter-ptd-2016-10-26": [
        ("২৫/১০/১৬", "2016-10-25"),  # receipt stamp, repeated three times
        ("২৫/১০/১৬", "2016-10-25"),
        ("২৫/১০/১৬", "2016-10-25"),
        ("২৬/১০/২০১৬", "2016-10-26"),  # issue date
        ("৯ অক্টোবর ২০১৬", "2016-10-09"),  # গত … তারিখে
        ("২৬/১০/১৬", "2016-10-26"),
    ],
    "forwarding-letter-lgd-2017-10-31": [
        ("১৬ কার্তিক ১৪২৪ বঙ্গাব্দ", "bn:1424-07-16"),
        ("৩১ অক্টোবর ২০১৭ খ্রিস্টাব্দ", "2017-10-31"),
        ("১৮/১০/২০১৭ খ্রিঃ", "2017-10-18"),  # সূত্র
        ("১৮/১০/১৭", "2017-10-18"),  # receipt stamp
        ("৩ কার্তিক ১৪২৪", "bn:1424-07-03"),
        ("১৮ অক্টোবর ২০১৭", "2017-10-18"),
        ("১৪ সেপ্টেম্বর ২০১৭", "2017-09-14"),
        ("৩০/১০/১৭", "2017-10-30"),
        ("১৮-১০-১৭", "2017-10-18"),
        ("৩ কার্তিক ১৪২৪", "bn:1424-07-03"),
        ("১৮ অক্টোবর ২০১৭", "2017-10-18"),
        ("১৮-১০-২০১৭", "2017-10-18"),
    ],
    "letter-dpe-2023-10-16-polling-centre-repair": [("১৬ অক্টোবর ২০২৩", "2023-10-16")],
    "letter-dpe-2024-05-07-award-applications": [
        ("২৪ বৈশাখ ১৪৩১", "bn:1431-01-24"),
        ("০৭ মে ২০২৪", "2024-05-07"),
        ("২৭ মার্চ ২০২৪", "2024-03-27"),  # the সূত্র date, before its comma-written memo number
    ],
    "letter-dpe-2025-02-05-smaranika-call": [
        ("22-মাঘ ১৪৩১", "bn:1431-10-22"),
        ("০৫ ফেব্রুয়ারি ২০২৫", "2025-02-05"),
    ],
    "letter-dpe-2025-03-17-school-land-record": [
        ("০৪ চৈত্র, ১৪৩১", "bn:1431-12-04"),
        ("১৭ মার্চ ২০২৫", "2025-03-17"),
    ],
    "minutes-konakhali-union-parishad-monthly": [("২৫/০৪/২০১৫ ইং", "2015-04-25")],
    "minutes-rhdc-rangamati-2020-03-04": [("০৪/০৩/২০২০খ্রিঃ", "2020-03-04")],
    "minutes-sid-2022-10-08": [
        ("০৮/১০/২০২২ খ্রি", "2022-10-08"),
        ("১৫/৯/২০২২", "2022-09-15"),
        ("০৪/০৫/২০২৩", "2023-05-04"),
        ("০২/১০/২০২২", "2022-10-02"),
        ("১৯/৯/২০২২", "2022-09-19"),
        ("০২/১০/২০২২", "2022-10-02"),
        ("১০/০৮/২০২২ খ্রি", "2022-08-10"),
        ("২৯/৮/২০২২", "2022-08-29"),
        ("২৫ আশ্বিন ১৪২৯", "bn:1429-06-25"),
        ("১০ অক্টোবর ২০২২", "2022-10-10"),
    ],
    "notice-upazila-education-office-rajapur": [],
    "notification-mopa-2021-08-18-ashura-holiday": [
        ("১৮ আগস্ট ২০২১", "2021-08-18"),
        ("১৯ আগস্ট, ২০২১", "2021-08-19"),  # "April 2017" nearby is month + year only
    ],
    "r01": [("০৮ জুন ২০২০", "2020-06-08")],  # its Bangla half, ২৫ জট ১৪২৭, is OCR-damaged: no month
    "r03": [("০৮/১০/২০১৯খ্রিঃ", "2019-10-08")],
    "r05": [],
    "r07": [("১৭ সেপ্টেম্বর ২০২৩", "2023-09-17")],
    "r09": [],
    "r11": [("১৫-১০-২১ইং", "2021-10-15")],
    "r13": [],
    "r15": [  # ০৫ ফেব্রুয়ারি, without a year, is no full date
        ("০৪ জানুয়ারি ২০১৫", "2015-01-04"),
        ("২৫ জানুয়ারি ২০১৫", "2015-01-25"),
        ("১৫ ফেব্রুয়ারি ২০১৫", "2015-02-15"),
        ("২০ ফেব্রুয়ারি ২০১৫", "2015-02-20"),
    ],
    "r17": [("১৫ আগষ্ট ২০১৪খ্রিঃ", "2014-08-15"), ("১৫/০৮/২০১৪খ্রিঃ", "2014-08-15")],
    "r19": [],
    "r21": [],  # ২০১৩-২০১৪ are years
}


def test_every_corpus_file_is_covered() -> None:
    names = {p.stem for p in (ROOT / "corpus").glob("*.txt")}
    assert names == set(CORPUS_DATES)


@pytest.mark.parametrize("name", sorted(CORPUS_DATES))
def test_corpus_dates(name: str) -> None:
    text = corpus(name)
    found = find_dates(text)
    assert [(m.text, value(m)) for m in found] == CORPUS_DATES[name]
    for m in found:
        assert text[m.start : m.end] == m.text


# Header dual dates: (text of the DualDate, Gregorian, Bangla, consistent).
CORPUS_DUALS = {
    "forwarding-letter-lgd-2017-10-31": [
        ("১৬ কার্তিক ১৪২৪ বঙ্গাব্দ  \n৩১ অক্টোবর ২০১৭ খ্রিস্টাব্দ", "2017-10-31", "1424-07-16", True),
        ("৩ কার্তিক ১৪২৪\n\n১৮ অক্টোবর ২০১৭", "2017-10-18", "1424-07-03", True),
        ("৩ কার্তিক ১৪২৪  \n১৮ অক্টোবর ২০১৭", "2017-10-18", "1424-07-03", True),
    ],
    "letter-dpe-2024-05-07-award-applications": [("২৪ বৈশাখ ১৪৩১\n০৭ মে ২০২৪", "2024-05-07", "1431-01-24", True)],
    "letter-dpe-2025-02-05-smaranika-call": [("22-মাঘ ১৪৩১\n\n০৫ ফেব্রুয়ারি ২০২৫", "2025-02-05", "1431-10-22", True)],
    "letter-dpe-2025-03-17-school-land-record": [("০৪ চৈত্র, ১৪৩১ ১৭ মার্চ ২০২৫", "2025-03-17", "1431-12-04", False)],
    "minutes-sid-2022-10-08": [("২৫ আশ্বিন ১৪২৯\n\n১০ অক্টোবর ২০২২", "2022-10-10", "1429-06-25", True)],
    # The OCR-damaged month (জট for জ্যৈষ্ঠ) is read back from the Gregorian half beside it.
    "r01": [("২৫ জট ১৪২৭\n\n০৮ জুন ২০২০", "2020-06-08", "1427-02-25", True)],
}


@pytest.mark.parametrize("name", sorted(CORPUS_DATES))
def test_corpus_dual_dates(name: str) -> None:
    text = corpus(name)
    duals = [d for d in pair_dates(text, find_dates(text)) if d.consistent is not None]
    got = [(d.text, value(d), d.bangla.iso() if d.bangla else None, d.consistent) for d in duals]
    assert got == CORPUS_DUALS.get(name, [])
    for d in duals:
        assert text[d.start : d.end] == d.text


def gold_documents() -> list[tuple[str, dict[str, object]]]:
    docs = []
    for path in sorted((ROOT / "gold").glob("*.json")):
        for doc in json.loads(path.read_text(encoding="utf-8"))["documents"]:
            docs.append((path.stem, doc))
    return docs


@pytest.mark.parametrize(("name", "doc"), gold_documents())
def test_gold_dates_are_found(name: str, doc: dict[str, object]) -> None:
    """Each gold issue date (with its Bangla half), reference and meeting date is among the file's dates."""
    text = corpus(name)
    duals = pair_dates(text, find_dates(text))
    pairs = {(value(d), d.bangla.iso() if d.bangla else None) for d in duals}
    date = doc.get("date")
    if isinstance(date, dict):
        assert (date["value"], date.get("bangla")) in pairs
    values = {value(d) for d in duals}
    for ref in doc.get("references") or []:  # type: ignore[attr-defined]
        assert ref["date"] in values
    meeting = doc.get("meeting")
    if isinstance(meeting, dict) and meeting.get("date"):
        assert meeting["date"] in values


def test_gold_deadline_in_sid_minutes() -> None:
    text = corpus("minutes-sid-2022-10-08")
    deadlines = [m for m in find_dates(text) if date_role(text, m.start, m.end) == "deadline"]
    assert [(m.text, value(m)) for m in deadlines] == [("০৪/০৫/২০২৩", "2023-05-04")]


# --- shapes -------------------------------------------------------------------------------------------------

SHAPES = [
    ("১৮/১০/২০১৭", "2017-10-18"),
    ("২৬/১০/১৬", "2016-10-26"),  # two-digit year: 20xx
    ("৫/৩/২০২২ খ্রিঃ", "2022-03-05"),  # day-first always
    ("০৮/১০/২০২২", "2022-10-08"),
    ("০৪/০৩/২০২০খ্রিঃ", "2020-03-04"),
    ("১০/০৮/২০২২ খ্রি", "2022-08-10"),
    ("১৮-১০-১৭", "2017-10-18"),
    ("১০.০৮.২০২২", "2022-08-10"),
    ("২৫/০৪/২০১৫ ইং", "2015-04-25"),
    ("18/08/2021", "2021-08-18"),
    ("১৮/08/২০২1", "2021-08-18"),  # mixed digits
    ("২৯/০২/২০২৪", "2024-02-29"),
    ("৩১ অক্টোবর ২০১৭ খ্রিস্টাব্দ", "2017-10-31"),
    ("১৯ আগস্ট, ২০২১", "2021-08-19"),
    ("১৯ আগষ্ট ২০২১", "2021-08-19"),
    ("০১লা মার্চ ২০২৪", "2024-03-01"),
    ("১লা মার্চ, ২০২৪ খ্রি.", "2024-03-01"),
    ("৪ঠা জানুয়ারি ২০২৪", "2024-01-04"),
    ("৫ই জানুয়ারী ২০২৪", "2024-01-05"),
    ("২১শে ফেব্রুয়ারী ২০২৪", "2024-02-21"),
    ("১২ মার্চ 2024", "2024-03-12"),
    ("12 মার্চ ২০২৪", "2024-03-12"),
    ("18 August 2021", "2021-08-18"),
    ("1st January 2020", "2020-01-01"),
    ("30 june, 2024", "2024-06-30"),
    ("০৭ মে ২০২৪", "2024-05-07"),
    ("১৬ কার্তিক ১৪২৪ বঙ্গাব্দ", "bn:1424-07-16"),
    ("১৬ কার্ত্তিক ১৪২৪", "bn:1424-07-16"),
    ("০৪ চৈত্র, ১৪৩১", "bn:1431-12-04"),
    ("22-মাঘ ১৪৩১", "bn:1431-10-22"),
    ("৩ কার্তিক ১৪২৪", "bn:1424-07-03"),
    ("১লা বৈশাখ ১৪৩১", "bn:1431-01-01"),
    ("১০ জৈষ্ঠ ১৪৩০", "bn:1430-02-10"),
    ("১০ জ্যৈষ্ঠ ১৪৩০বঙ্গাব্দ", "bn:1430-02-10"),
    ("২ শ্রাবন ১৪৩০", "bn:1430-04-02"),
    ("১৫ অগ্রহায়ন ১৪৩০", "bn:1430-08-15"),
    ("১৫ অগ্রহায়ণ ১৪৩০", "bn:1430-08-15"),
    ("৩০ ফাল্গুন ১৪৩০", "bn:1430-11-30"),  # the leap day's year
    ("১৬/০৭/১৪২৪", "bn:1424-07-16"),  # a numeric date with a year 1300–1499 is Bangla
]


@pytest.mark.parametrize(("printed", "expected"), SHAPES)
def test_shape_alone_and_in_running_text(printed: str, expected: str) -> None:
    m = one(printed)
    assert (m.text, value(m)) == (printed, expected)
    text = f"উক্ত বিষয়ে {printed} তারিখে সভা"
    m = one(text)
    assert (m.text, value(m), m.start) == (printed, expected, len("উক্ত বিষয়ে "))


# Input is NFC, where য় ঢ় ড় are two code points; hand-typed text may hold the single composed one.
@pytest.mark.parametrize(
    ("printed", "expected"),
    [
        ("০৫ ফেব্রু\u09dfারি ২০২৫", "2025-02-05"),
        ("০৫ ফেব্রু\u09af\u09bcারি ২০২৫", "2025-02-05"),
        ("১ জানু\u09dfারী ২০২৫", "2025-01-01"),
        ("১০ আষা\u09dd ১৪৩০", "bn:1430-03-10"),
        ("১০ আষা\u09a2\u09bc ১৪৩০", "bn:1430-03-10"),
        ("৫ অগ্রহা\u09dfণ ১৪৩০", "bn:1430-08-05"),
    ],
)
def test_composed_and_decomposed_nukta(printed: str, expected: str) -> None:
    assert value(one(printed)) == expected
    assert value(one(unicodedata.normalize("NFC", printed))) == expected


@pytest.mark.parametrize(
    "text",
    [
        # memo numbers of the corpus
        "স্মারক নম্বর-৩৮.০১.০০০০.১০৭.১৮.০০৩.২২-৮৯২",
        "নং:-৫২.০০.০০০০.০২২.০৫.০০১.২২-৭৮",
        "স্মারক নং-০৫.০০.০০০০.১৭৩.০৮.০১৪.০৭.১৪০;",
        "নং- ৪৬. ০০. ০০০০. ০৩৯. ০১৮. ০০২. ২০১৫- ১৮৮-৫",
        "০৪.০০.০০০০.৮৩১.৬৬.০০৩.১৭.২৮২/১(৫)",
        "৩৮,০১.0000,৭00,0১,00১,২৩,৬২",
        "৫৬,০৪,০০০০,০০৮,২৩,০৪৩.২৪.২১৩ নম্বর স্মারক",
        "৩৮.০১.০০০০.১০৭.২৪.০০৩.২৩ (পার্ট-১)- ২.১৬",
        # date-like pieces of longer numbers
        "১২.১০.২২.৫",
        "৫.১২.১০.২০২২",
        "৫/১২/০৩/২০২২",
        "১২/০৩/২০২২/৫",
        "১২-১০-২২-৮৯২",
        "১২৩/০৫/২০২২",
        "১২/০৫/২০২২১",
        "৩.১৫ মার্চ ২০২৪",  # a decimal, not a day
        # phone numbers
        "(০১৭১১৬১৮৩৬৮ / ০১৭১০৮২৪৪০১, ই-মেইল",
        "ফোন- ৯৫৭৫৫৭৩",
        "+৮৮০-২-৯৫১৩৩০২",
        "০২-৯৫১-৩৩০২",
        # times, fiscal years, item numbers, month + year only, a month range
        "সকাল ১০.৩০ ঘটিকা",
        "সকাল ১১:০০ মিনিট",
        "কর্মপরিকল্পনা ২০২২-২৩-এর",
        "[১.২.২] ইতৎপূর্বে",
        "মার্চ 2024",
        "Revised up to April 2017",
        "ত্রৈমাসিক (জুলাই-সেপ্টেম্বর/২০২২) প্রতিবেদন",
        "৭ দিন ব্যাপী",
        "৫ মেগাওয়াট ২০২৪",
    ],
)
def test_not_a_date(text: str) -> None:
    assert find_dates(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "৩২ অক্টোবর ২০১৭",
        "৩১/০২/২০২২",
        "২৯/০২/২০২৩",
        "৩০ ফেব্রুয়ারি ২০২৪",
        "০০/১০/২০২২",
        "১৫/১৩/২০২২",
        "৩২ বৈশাখ ১৪৩১",
        "৩১ চৈত্র ১৪৩১",
        "৩১ ফাল্গুন ১৪৩১",  # 30 only under the 1987 revision, 29 under 2019
        "১৬ কার্তিক ২০১৭",  # a Bangla month with a Gregorian year
        "১৬ অক্টোবর ১৪২৪",  # a Gregorian month with a Bangla year
        "১২/০৩/১২৩৪",
    ],
)
def test_impossible_dates_are_rejected(text: str) -> None:
    assert find_dates(text) == []


def test_day_valid_only_under_the_other_revision_is_kept() -> None:
    # An office still on the 1987 calendar prints ৩০ ফাল্গুন in a non-leap year.
    assert value(one("৩০ ফাল্গুন ১৪৩১")) == "bn:1431-11-30"
    assert value(one("৩১ আশ্বিন ১৪২৪")) == "bn:1424-06-31"


def test_adjacent_dates_and_ranges() -> None:
    text = "০১/০৩/২০২২-৩১/০৩/২০২২ পর্যন্ত; ১০.০৮.২০২২, ১২.০৮.২০২২।"
    assert [value(m) for m in find_dates(text)] == ["2022-03-01", "2022-03-31", "2022-08-10", "2022-08-12"]


def test_sentence_full_stop_after_a_dotted_date() -> None:
    assert value(one("The meeting was held on 10.08.2022.")) == "2022-08-10"


@given(
    st.dates(min_value=dt.date(1950, 1, 1), max_value=dt.date(2099, 12, 31)),
    st.sampled_from(["/", "-", "."]),
    st.booleans(),
    st.booleans(),
    st.sampled_from(["", " খ্রিঃ", "খ্রিঃ", " খ্রি", " ইং", " খ্রিস্টাব্দ"]),
)
def test_generated_numeric_dates(d: dt.date, sep: str, bangla: bool, padded: bool, era: str) -> None:
    day, month = (f"{d.day:02d}", f"{d.month:02d}") if padded else (str(d.day), str(d.month))
    printed = f"{day}{sep}{month}{sep}{d.year}{era}"
    printed = to_bangla_digits(printed) if bangla else printed
    m = one(f"বিগত {printed} তারিখে")
    assert (m.text, m.gregorian) == (printed, d)


MONTH_SPELLINGS = {
    1: ["জানুয়ারি", "জানুয়ারী", "January"],
    2: ["ফেব্রুয়ারি", "ফেব্রুয়ারী", "Feb"],
    3: ["মার্চ"],
    4: ["এপ্রিল"],
    5: ["মে"],
    6: ["জুন"],
    7: ["জুলাই"],
    8: ["আগস্ট", "আগষ্ট"],
    9: ["সেপ্টেম্বর"],
    10: ["অক্টোবর"],
    11: ["নভেম্বর"],
    12: ["ডিসেম্বর", "DECEMBER"],
}
BANGLA_MONTH_SPELLINGS = {
    1: ["বৈশাখ"],
    2: ["জ্যৈষ্ঠ", "জৈষ্ঠ"],
    3: ["আষাঢ়"],
    4: ["শ্রাবণ", "শ্রাবন"],
    5: ["ভাদ্র"],
    6: ["আশ্বিন"],
    7: ["কার্তিক", "কার্ত্তিক"],
    8: ["অগ্রহায়ণ", "অগ্রহায়ন"],
    9: ["পৌষ"],
    10: ["মাঘ"],
    11: ["ফাল্গুন"],
    12: ["চৈত্র"],
}


@given(
    st.dates(min_value=dt.date(1950, 1, 1), max_value=dt.date(2099, 12, 31)),
    st.data(),
    st.sampled_from(["{d} {m} {y}", "{d} {m}, {y}", "{d}-{m} {y}", "{d} {m} {y} খ্রিস্টাব্দ"]),
)
def test_generated_named_dates(d: dt.date, data: st.DataObject, layout: str) -> None:
    month = data.draw(st.sampled_from(MONTH_SPELLINGS[d.month]))
    printed = to_bangla_digits(layout.format(d=d.day, m=month, y=d.year))
    m = one(f"গত {printed} তারিখে")
    assert (m.text, m.gregorian) == (printed, d)


@given(st.dates(min_value=dt.date(1950, 1, 1), max_value=dt.date(2092, 12, 31)), st.data())
def test_generated_bangla_dates(d: dt.date, data: st.DataObject) -> None:
    bd = from_gregorian(d)
    month = data.draw(st.sampled_from(BANGLA_MONTH_SPELLINGS[bd.month]))
    era = data.draw(st.sampled_from(["", " বঙ্গাব্দ", "বঙ্গাব্দ"]))
    printed = to_bangla_digits(f"{bd.day} {month} {bd.year}{era}")
    m = one(f"তারিখঃ {printed}\n")
    assert (m.text, m.bangla) == (printed, bd)


@given(st.text(alphabet=st.sampled_from("০১২৩৪৫৬৭৮৯09/.-, মার্চকাতিক১৪ইংখ্রিঃ\n")))
def test_mentions_are_sorted_non_overlapping_and_exact(text: str) -> None:
    found = find_dates(text)
    for m in found:
        assert text[m.start : m.end] == m.text
        assert (m.gregorian is None) != (m.bangla is None)
    assert all(a.end <= b.start for a, b in itertools.pairwise(found))


# --- day + month without a year -----------------------------------------------------------------------------


def test_day_months_in_corpus() -> None:
    text = corpus("letter-dpe-2024-05-07-award-applications")
    ((start, end, month, day),) = find_day_months(text)
    assert (text[start:end], month, day) == ("১৮ অক্টোবর", 10, 18)
    # The table row ends mid-word (আগামী ১৭ মার), so only the narrative one counts.
    text = corpus("minutes-rhdc-rangamati-2020-03-04")
    assert [(text[s:e], m, d) for s, e, m, d in find_day_months(text)] == [("১৭ মার্চ", 3, 17)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("প্রতি বছর ৩০ জুন-এর মধ্যে", [("৩০ জুন", 6, 30)]),
        ("প্রতি বছর ৩০ জুনের মধ্যে", [("৩০ জুন", 6, 30)]),
        ("৩১ ডিসেম্বরের মধ্যে", [("৩১ ডিসেম্বর", 12, 31)]),
        ("২৯ ফেব্রুয়ারি", [("২৯ ফেব্রুয়ারি", 2, 29)]),
        ("by 30 June each year", [("30 June", 6, 30)]),
        ("৩১ জুন", []),
        ("৩০ ফেব্রুয়ারি", []),
        ("৫ মেগাওয়াট", []),
        ("৩০ দিন মেয়াদে", []),
        ("১৭ মার্চ ২০২৫ এবং ১৭ মার্চ", [("১৭ মার্চ", 3, 17)]),  # the full date is not a day-month
    ],
)
def test_day_months(text: str, expected: list[tuple[str, int, int]]) -> None:
    assert [(text[s:e], m, d) for s, e, m, d in find_day_months(text)] == expected


def test_day_months_do_not_overlap_full_dates() -> None:
    text = "১৭ মার্চ ২০২৫ এবং ১৭ মার্চ"
    ((start, _, _, _),) = find_day_months(text)
    assert start == text.rindex("১৭")


# --- dual dates ---------------------------------------------------------------------------------------------


def duals(text: str) -> list[DualDate]:
    return pair_dates(text, find_dates(text))


@pytest.mark.parametrize(
    "text",
    [
        "২৫ আশ্বিন ১৪২৯ / ১০ অক্টোবর ২০২২",
        "১০ অক্টোবর ২০২২ / ২৫ আশ্বিন ১৪২৯",  # Gregorian first
        "১০ অক্টোবর ২০২২ (২৫ আশ্বিন ১৪২৯)",
        "২৫ আশ্বিন ১৪২৯ | ১০ অক্টোবর ২০২২",
        "২৫ আশ্বিন ১৪২৯ বঙ্গাব্দ, ১০ অক্টোবর ২০২২ খ্রিস্টাব্দ",
        "তারিখঃ ২৫ আশ্বিন ১৪২৯\nতারিখঃ ১০ অক্টোবর ২০২২",
        "২৫ আশ্বিন ১৪২৯ - ১০/১০/২০২২",
        "২৫/০৬/১৪২৯\n১০/১০/২২ খ্রিঃ",
    ],
)
def test_pairs(text: str) -> None:
    (d,) = duals(text)
    assert (d.gregorian, d.bangla) == (dt.date(2022, 10, 10), BanglaDate(1429, 6, 25))
    assert (d.consistent, d.revision, d.warning) == (True, Revision.R2019, None)
    assert text[d.start : d.end] == d.text
    assert d.text.startswith(text.removeprefix("তারিখঃ ")[:2])


def test_words_between_halves_keep_them_apart() -> None:
    text = "২৫ আশ্বিন ১৪২৯ সালে, অর্থাৎ ১০ অক্টোবর ২০২২"
    assert [(d.consistent, d.text) for d in duals(text)] == [
        (None, "২৫ আশ্বিন ১৪২৯"),
        (None, "১০ অক্টোবর ২০২২"),
    ]


def test_two_gregorian_dates_are_not_a_pair() -> None:
    assert [d.text for d in duals("১০/১০/২০২২, ১১/১০/২০২২")] == ["১০/১০/২০২২", "১১/১০/২০২২"]


def test_lone_halves() -> None:
    bangla, gregorian = duals("তারিখ: ৩ কার্তিক ১৪২৪ … পত্র ১৮ অক্টোবর ২০১৭")
    assert (bangla.gregorian, bangla.bangla, bangla.consistent) == (
        dt.date(2017, 10, 18),
        BanglaDate(1424, 7, 3),
        None,
    )
    assert (bangla.revision, bangla.warning) == (Revision.R1987, None)
    assert (gregorian.gregorian, gregorian.bangla, gregorian.consistent) == (
        dt.date(2017, 10, 18),
        None,
        None,
    )


def test_lone_bangla_half_that_exists_only_under_the_old_revision() -> None:
    (d,) = duals("৩০ ফাল্গুন ১৪৩১")
    assert (d.gregorian, d.revision, d.consistent) == (dt.date(2025, 3, 14), Revision.R1987, None)
    assert d.warning is not None and "1987" in d.warning


def test_slip_of_the_hand_says_which_way() -> None:
    (d,) = duals(corpus("letter-dpe-2025-03-17-school-land-record"))
    assert (d.consistent, d.revision) == (False, None)
    assert d.warning is not None
    assert "2025-03-18" in d.warning and "2025-03-17" in d.warning and "1 day earlier" in d.warning
    (d,) = duals("০৪ চৈত্র, ১৪৩১ ২০ মার্চ ২০২৫")
    assert d.warning is not None and "2 days later" in d.warning


def test_office_still_on_the_old_calendar_in_1427() -> None:
    (d,) = duals("তারিখ: ১ কার্তিক ১৪২৭\n১৬ অক্টোবর ২০২০")
    assert (d.consistent, d.revision) == (False, Revision.R1987)
    assert d.warning is not None and "pre-2019" in d.warning and "still" in d.warning
    (d,) = duals("তারিখ: ১ কার্তিক ১৪২৭\n১৭ অক্টোবর ২০২০")
    assert (d.consistent, d.revision, d.warning) == (True, Revision.R2019, None)


def test_office_on_the_new_calendar_before_1426() -> None:
    (d,) = duals("১৬ কার্তিক ১৪২৪ / ১ নভেম্বর ২০১৭")
    assert (d.consistent, d.revision) == (False, Revision.R2019)
    assert d.warning is not None and "2019" in d.warning and "already" in d.warning


def test_run_of_three_pairs_the_agreeing_neighbours() -> None:
    first, second = duals("৩ কার্তিক ১৪২৪ / ১৮ অক্টোবর ২০১৭ / ৪ কার্তিক ১৪২৪")
    assert (first.bangla, first.gregorian, first.consistent) == (
        BanglaDate(1424, 7, 3),
        dt.date(2017, 10, 18),
        True,
    )
    assert (second.bangla, second.consistent) == (BanglaDate(1424, 7, 4), None)
    first, second = duals("৫ কার্তিক ১৪২৪ / ১৮ অক্টোবর ২০১৭ / ৩ কার্তিক ১৪২৪")
    assert (first.bangla, first.consistent) == (BanglaDate(1424, 7, 5), None)
    assert (second.bangla, second.gregorian, second.consistent) == (
        BanglaDate(1424, 7, 3),
        dt.date(2017, 10, 18),
        True,
    )


# --- roles --------------------------------------------------------------------------------------------------


def role_of(text: str, printed: str) -> str:
    start = text.index(printed)
    return date_role(text, start, start + len(printed))


@pytest.mark.parametrize(
    ("name", "printed", "role"),
    [
        ("minutes-sid-2022-10-08", "০৪/০৫/২০২৩", "deadline"),  # …তারিখের মধ্যে
        ("do-letter-ptd-2016-10-26", "৯ অক্টোবর ২০১৬", "past"),  # গত … তারিখে
        ("minutes-konakhali-union-parishad-monthly", "২৫/০৪/২০১৫ ইং", "past"),  # বিগত … তারিখে অনুষ্টিতব্য
        ("minutes-sid-2022-10-08", "২৯/৮/২০২২", "past"),  # …তারিখে অনুষ্ঠিত
        ("minutes-sid-2022-10-08", "১৫/৯/২০২২", "past"),  # …তারিখে … করা হয়েছিল।
        ("minutes-sid-2022-10-08", "১০/০৮/২০২২ খ্রি", "past"),  # …তারিখে … অনুষ্ঠিত হয়েছে।
        ("forwarding-letter-lgd-2017-10-31", "১৪ সেপ্টেম্বর ২০১৭", "past"),
        ("minutes-rhdc-rangamati-2020-03-04", "১৭ মার্চ", "deadline"),  # আগামী …
        ("minutes-sid-2022-10-08", "০৮/১০/২০২২ খ্রি", "plain"),  # তারিখ : … (meeting date)
        ("forwarding-letter-lgd-2017-10-31", "১৮/১০/২০১৭ খ্রিঃ", "plain"),  # সূত্রঃ … তারিখঃ …
        ("notification-mopa-2021-08-18-ashura-holiday", "১৯ আগস্ট, ২০২১", "plain"),  # …তারিখ পুন: নির্ধারণ
        ("letter-dpe-2024-05-07-award-applications", "১৮ অক্টোবর", "plain"),
    ],
)
def test_corpus_roles(name: str, printed: str, role: str) -> None:
    assert role_of(corpus(name), printed) == role


@pytest.mark.parametrize(
    ("text", "printed", "role"),
    [
        ("আগামী ৩০/০৬/২০২৪ তারিখ এর মধ্যে প্রেরণ করতে হবে।", "৩০/০৬/২০২৪", "deadline"),
        ("আগামী ৩০/০৬/২০২৪ তারিখে সভা অনুষ্ঠিত হবে।", "৩০/০৬/২০২৪", "deadline"),
        ("প্রতি বছর ৩০ জুন-এর মধ্যে দাখিল করতে হবে", "৩০ জুন", "deadline"),
        ("৩০ জুনের মধ্যে", "৩০ জুন", "deadline"),
        ("৩০/০৬/২০২৪ পর্যন্ত বহাল থাকবে", "৩০/০৬/২০২৪", "deadline"),
        ("৩০/০৬/২০২৪ তারিখ পর্যমত্ম", "৩০/০৬/২০২৪", "deadline"),  # Bijoy-converted পর্যন্ত
        ("within 30 June 2024", "30 June 2024", "deadline"),
        ("গত ১২ মার্চ ২০১৯ তারিখে", "১২ মার্চ ২০১৯", "past"),
        ("বিগত ১২/০৩/২০১৯ তারিখ পর্যন্ত", "১২/০৩/২০১৯", "past"),  # past wins over পর্যন্ত
        ("০১/০৭/২০১৯ তারিখ হতে কার্যকর করা হয়েছে।", "০১/০৭/২০১৯", "past"),
        ("০১/০৭/২০২৪ তারিখ হতে কার্যকর হবে।", "০১/০৭/২০২৪", "plain"),
        ("০১/০৭/২০২৪ তারিখে সভা অনুষ্ঠিত হবে।", "০১/০৭/২০২৪", "plain"),
        ("০১/০৭/২০২৪ তারিখে। সভা অনুষ্ঠিত হয়েছে।", "০১/০৭/২০২৪", "plain"),  # the past verb is in the next clause
        ("তারিখ: ০১/০৭/২০২৪", "০১/০৭/২০২৪", "plain"),
        ("সমাগত ০১/০৭/২০২৪", "০১/০৭/২০২৪", "plain"),  # ends in গত but is another word
    ],
)
def test_roles(text: str, printed: str, role: str) -> None:
    assert role_of(text, printed) == role


def test_an_era_word_wrapped_onto_the_next_line_stays_with_its_date_and_its_cue() -> None:
    text = "প্রতিবেদন ১৫ আষাঢ় ১৪৩২\n        বঙ্গাব্দের মধ্যে দাখিল করবেন।"
    (found,) = find_dates(text)
    assert text[found.start : found.end].endswith("বঙ্গাব্দের")
    assert date_role(text, found.start, found.end) == "deadline"


def test_an_era_word_a_page_break_kept_from_its_date_does_not_hide_the_cue() -> None:
    text = "প্রতিবেদন ১৫ আষাঢ় ১৪৩২\n\n\n" + " " * 40 + "\n\n        বঙ্গাব্দের মধ্যে দাখিল করবেন।"
    (found,) = find_dates(text)
    assert date_role(text, found.start, found.end) == "deadline"
