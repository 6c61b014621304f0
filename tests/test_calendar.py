"""The Bangla calendar under the Bangladesh revisions of 1987 and 2019."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pipeline.normalize.calendar import (
    BanglaDate,
    Revision,
    from_gregorian,
    matching_revisions,
    month_lengths,
    revision_in_force,
    to_gregorian,
)

# Checked by hand (the brief, and the dual dates printed in the corpus letters).
HAND_CHECKED = [
    ((1424, 7, 16), dt.date(2017, 10, 31)),  # forwarding letter, LGD
    ((1424, 7, 3), dt.date(2017, 10, 18)),  # the Cabinet Division letter it forwards
    ((1429, 6, 25), dt.date(2022, 10, 10)),  # SID minutes
    ((1431, 10, 22), dt.date(2025, 2, 5)),  # DPE, 22-মাঘ ১৪৩১
    ((1431, 1, 24), dt.date(2024, 5, 7)),  # DPE, ২৪ বৈশাখ ১৪৩১
    ((1431, 12, 4), dt.date(2025, 3, 18)),  # DPE prints 17 মার্চ ২০২৫ beside it: a slip
]

# The 2019 revision fixed these national days to the same Bangla dates every year.
NATIONAL_DAYS_2019 = [
    (dt.date(2022, 12, 16), (1429, 9, 1)),  # Victory Day = ১ পৌষ
    (dt.date(2023, 2, 21), (1429, 11, 8)),  # Language Martyrs' Day = ৮ ফাল্গুন
    (dt.date(2024, 2, 21), (1430, 11, 8)),
    (dt.date(2023, 3, 26), (1429, 12, 12)),  # Independence Day = ১২ চৈত্র
    (dt.date(2024, 3, 26), (1430, 12, 12)),  # ... also after a leap Falgun
    (dt.date(2025, 4, 14), (1432, 1, 1)),  # Pohela Boishakh
]


@pytest.mark.parametrize(("bangla", "gregorian"), HAND_CHECKED)
def test_hand_checked_to_gregorian(bangla: tuple[int, int, int], gregorian: dt.date) -> None:
    assert to_gregorian(BanglaDate(*bangla)) == gregorian


@pytest.mark.parametrize(("bangla", "gregorian"), HAND_CHECKED)
def test_hand_checked_from_gregorian(bangla: tuple[int, int, int], gregorian: dt.date) -> None:
    assert from_gregorian(gregorian) == BanglaDate(*bangla)


@pytest.mark.parametrize(("gregorian", "bangla"), NATIONAL_DAYS_2019)
def test_national_days_under_2019_revision(gregorian: dt.date, bangla: tuple[int, int, int]) -> None:
    assert from_gregorian(gregorian) == BanglaDate(*bangla)


def test_iso_and_order() -> None:
    assert BanglaDate(1424, 7, 3).iso() == "1424-07-03"
    assert BanglaDate(987, 1, 1).iso() == "0987-01-01"
    assert BanglaDate(1424, 7, 3) < BanglaDate(1424, 7, 16) < BanglaDate(1425, 1, 1)


def test_revision_switches_at_1426() -> None:
    assert revision_in_force(1425) == Revision.R1987
    assert revision_in_force(1426) == Revision.R2019
    assert revision_in_force(1431) == Revision.R2019
    assert Revision("1987") is Revision.R1987 and str(Revision.R2019) == "2019"


def test_month_lengths_each_revision() -> None:
    # 1425: its ফাল্গুন falls in 2019, not a leap year.
    assert month_lengths(1425) == (31, 31, 31, 31, 31, 30, 30, 30, 30, 30, 30, 30)
    assert month_lengths(1425, Revision.R2019) == (31, 31, 31, 31, 31, 31, 30, 30, 30, 30, 29, 30)
    # 1426: ফাল্গুন falls in 2020, a leap year.
    assert month_lengths(1426) == (31, 31, 31, 31, 31, 31, 30, 30, 30, 30, 30, 30)
    assert month_lengths(1426, Revision.R1987) == (31, 31, 31, 31, 31, 30, 30, 30, 30, 30, 31, 30)
    assert month_lengths(1426, "1987") == month_lengths(1426, Revision.R1987)  # type: ignore[arg-type]


def test_falgun_leap_day_2019_revision() -> None:
    # 1430's ফাল্গুন falls in 2024: the leap day 29 February is ১৬ ফাল্গুন, and ফাল্গুন has 30 days.
    assert from_gregorian(dt.date(2024, 2, 29)) == BanglaDate(1430, 11, 16)
    assert to_gregorian(BanglaDate(1430, 11, 30)) == dt.date(2024, 3, 14)
    assert to_gregorian(BanglaDate(1430, 12, 1)) == dt.date(2024, 3, 15)
    # 1431's ফাল্গুন falls in 2025: 29 days, so ৩০ ফাল্গুন ১৪৩১ does not exist.
    assert to_gregorian(BanglaDate(1431, 11, 29)) == dt.date(2025, 3, 14)
    with pytest.raises(ValueError, match="1431-11-30"):
        to_gregorian(BanglaDate(1431, 11, 30))


def test_falgun_leap_day_1987_revision() -> None:
    # 1422's ফাল্গুন falls in 2016 (leap): 31 days; চৈত্র starts on 15 March in 2016 and 2017 alike.
    assert month_lengths(1422)[10] == 31
    assert to_gregorian(BanglaDate(1422, 11, 31)) == dt.date(2016, 3, 14)
    assert to_gregorian(BanglaDate(1423, 11, 30)) == dt.date(2017, 3, 14)
    with pytest.raises(ValueError):
        to_gregorian(BanglaDate(1423, 11, 31))


def test_validate_depends_on_revision() -> None:
    ashwin_31 = BanglaDate(1424, 6, 31)
    assert not ashwin_31.is_valid()  # in force for 1424: the 1987 revision, আশ্বিন has 30 days
    assert ashwin_31.is_valid(Revision.R2019)
    with pytest.raises(ValueError, match="1987"):
        ashwin_31.validate()
    assert BanglaDate(1426, 6, 31).validate() == BanglaDate(1426, 6, 31)
    # ৩১ আশ্বিন under 2019 is the day the 1987 revision calls ১ কার্তিক.
    assert to_gregorian(ashwin_31, Revision.R2019) == to_gregorian(BanglaDate(1424, 7, 1)) == dt.date(2017, 10, 16)


@pytest.mark.parametrize("bad", [BanglaDate(1431, 13, 1), BanglaDate(1431, 0, 5), BanglaDate(1431, 1, 0)])
def test_impossible_dates_raise(bad: BanglaDate) -> None:
    for rev in Revision:
        with pytest.raises(ValueError):
            to_gregorian(bad, rev)


def test_matching_revisions() -> None:
    # বৈশাখ–ভাদ্র are the same under both revisions.
    assert matching_revisions(BanglaDate(1431, 1, 24), dt.date(2024, 5, 7)) == [
        Revision.R1987,
        Revision.R2019,
    ]
    # An office still on the old calendar in 1427: ১ কার্তিক = 16 October, not 17.
    assert matching_revisions(BanglaDate(1427, 7, 1), dt.date(2020, 10, 16)) == [Revision.R1987]
    assert matching_revisions(BanglaDate(1427, 7, 1), dt.date(2020, 10, 17)) == [Revision.R2019]
    assert matching_revisions(BanglaDate(1424, 7, 16), dt.date(2017, 10, 31)) == [Revision.R1987]
    # The DPE slip: off by one under either revision.
    assert matching_revisions(BanglaDate(1431, 12, 4), dt.date(2025, 3, 17)) == []
    # A day that exists only under one revision matches only that one (and does not raise).
    assert matching_revisions(BanglaDate(1431, 11, 30), dt.date(2025, 3, 14)) == [Revision.R1987]


def test_from_gregorian_with_explicit_revision() -> None:
    assert from_gregorian(dt.date(2020, 10, 16), Revision.R1987) == BanglaDate(1427, 7, 1)
    assert from_gregorian(dt.date(2020, 10, 16)) == BanglaDate(1427, 6, 31)
    assert from_gregorian(dt.date(2019, 4, 13)) == BanglaDate(1425, 12, 30)
    assert from_gregorian(dt.date(2019, 4, 14)) == BanglaDate(1426, 1, 1)


@pytest.mark.parametrize("revision", [None, Revision.R1987, Revision.R2019])
def test_exhaustive_1400_to_1450(revision: Revision | None) -> None:
    """Every day of 1400–1450 round trips, days are consecutive, each year starts on 14 April."""
    expected = dt.date(1400 + 593, 4, 14)
    for year in range(1400, 1451):
        lengths = month_lengths(year, revision)
        assert sum(lengths) == (366 if (year + 594) % 4 == 0 and year + 594 != 2100 else 365)
        assert to_gregorian(BanglaDate(year, 1, 1), revision) == dt.date(year + 593, 4, 14)
        for month, length in enumerate(lengths, start=1):
            for day in range(1, length + 1):
                bd = BanglaDate(year, month, day)
                gregorian = to_gregorian(bd, revision)
                assert gregorian == expected
                assert from_gregorian(gregorian, revision) == bd
                expected += dt.timedelta(days=1)
            with pytest.raises(ValueError):
                to_gregorian(BanglaDate(year, month, length + 1), revision)


@given(st.dates(min_value=dt.date(1950, 1, 1), max_value=dt.date(2100, 12, 31)))
def test_gregorian_round_trip(d: dt.date) -> None:
    bd = from_gregorian(d)
    assert bd.is_valid()
    assert to_gregorian(bd) == d


@given(
    st.dates(min_value=dt.date(1950, 1, 1), max_value=dt.date(2100, 12, 31)),
    st.sampled_from(list(Revision)),
)
def test_gregorian_round_trip_each_revision(d: dt.date, revision: Revision) -> None:
    bd = from_gregorian(d, revision)
    assert to_gregorian(bd, revision) == d
    assert revision in matching_revisions(bd, d)
