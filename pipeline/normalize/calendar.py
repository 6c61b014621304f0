"""The Bangla calendar (বঙ্গাব্দ) as reckoned in Bangladesh, and its conversion to and from Gregorian.

Every year starts on 14 April (১ বৈশাখ) of Gregorian year `bangla_year + 593`. Two revisions of the
month lengths have been in force:

- 1987 (before 1426): বৈশাখ–ভাদ্র 31 days, the rest 30, ফাল্গুন 31 in a leap year;
- 2019 (from 1426): বৈশাখ–আশ্বিন 31, কার্তিক–মাঘ and চৈত্র 30, ফাল্গুন 29 (30 in a leap year).

The leap year is the Gregorian year in which that ফাল্গুন falls (`bangla_year + 594`), so the leap day
lands next to 29 February and every year starts on 14 April under both revisions.
"""

from __future__ import annotations

import calendar as _gregorian
import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

_NEW_YEAR_MONTH, _NEW_YEAR_DAY = 4, 14
_GREGORIAN_OFFSET = 593  # Gregorian year in which a Bangla year starts
_FALGUN = 11
_REVISION_2019_FROM = 1426


class Revision(StrEnum):
    """Which month-length rule a date is reckoned under."""

    R1987 = "1987"
    R2019 = "2019"


@dataclass(frozen=True, order=True)
class BanglaDate:
    """A day of the Bangla calendar; months are numbered বৈশাখ=1 … চৈত্র=12.

    Not validated on construction, since whether a day exists depends on the revision: call `validate`.
    """

    year: int
    month: int
    day: int

    def iso(self) -> str:
        """`YYYY-MM-DD`, as the record contract writes the Bangla half of a date."""
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"

    def is_valid(self, revision: Revision | None = None) -> bool:
        """Whether this day exists under `revision` (None: the revision in force in that year)."""
        if not 1 <= self.month <= 12 or self.day < 1:
            return False
        return self.day <= month_lengths(self.year, revision)[self.month - 1]

    def validate(self, revision: Revision | None = None) -> BanglaDate:
        """Return self, or raise ValueError when the day does not exist under `revision`."""
        if not self.is_valid(revision):
            rev = revision or revision_in_force(self.year)
            raise ValueError(f"no Bangla date {self.iso()} under the {rev} revision")
        return self


def revision_in_force(bangla_year: int) -> Revision:
    """The revision Bangladesh used for that Bangla year."""
    return Revision.R2019 if bangla_year >= _REVISION_2019_FROM else Revision.R1987


def is_leap(bangla_year: int) -> bool:
    """Whether ফাল্গুন of that year takes the leap day."""
    return _gregorian.isleap(bangla_year + _GREGORIAN_OFFSET + 1)


def month_lengths(bangla_year: int, revision: Revision | None = None) -> tuple[int, ...]:
    """The twelve month lengths of `bangla_year` (None: the revision in force in that year)."""
    revision = revision or revision_in_force(bangla_year)
    leap = int(is_leap(bangla_year))
    if revision == Revision.R1987:
        return (31,) * 5 + (30,) * 5 + (30 + leap, 30)
    return (31,) * 6 + (30,) * 4 + (29 + leap, 30)


def _new_year(bangla_year: int) -> dt.date:
    return dt.date(bangla_year + _GREGORIAN_OFFSET, _NEW_YEAR_MONTH, _NEW_YEAR_DAY)


def to_gregorian(bd: BanglaDate, revision: Revision | None = None) -> dt.date:
    """The Gregorian day of `bd` (None: the revision in force); ValueError when `bd` does not exist."""
    bd.validate(revision)
    days_before = sum(month_lengths(bd.year, revision)[: bd.month - 1]) + bd.day - 1
    return _new_year(bd.year) + dt.timedelta(days=days_before)


def from_gregorian(d: dt.date, revision: Revision | None = None) -> BanglaDate:
    """The Bangla date of `d` (None: the revision in force for the Bangla year `d` falls in)."""
    year = d.year - _GREGORIAN_OFFSET
    if d < _new_year(year):
        year -= 1
    remaining = (d - _new_year(year)).days
    for month, length in enumerate(month_lengths(year, revision), start=1):
        if remaining < length:
            return BanglaDate(year, month, remaining + 1)
        remaining -= length
    raise AssertionError("unreachable: a Bangla year covers every day up to the next 14 April")


def matching_revisions(bd: BanglaDate, d: dt.date) -> list[Revision]:
    """The revisions under which `bd` and `d` name the same day (possibly none, possibly both)."""
    return [rev for rev in Revision if bd.is_valid(rev) and to_gregorian(bd, rev) == d]
