"""Summaries of decision rows for researchers: per office, per quarter (the Cabinet Division's form), and the
age of what is still open. Plain functions of `queries.DecisionRow` lists.

- Per office: a decision counts once for each office named among its responsible (short forms expanded,
  `offices.office_key`); "done on time" is done on or before its due date; the delay of a done decision is
  the days from its due date to its done date, 0 when on time, and the median is over the done decisions
  that had a due date.
- Per quarter: decisions by the quarter of the financial year (July to June) they were taken in (the meeting
  date, else the issue date), with how many are implemented (done) and in progress, as the Cabinet Division
  reports the implementation of decisions (গৃহীত সিদ্ধান্ত, বাস্তবায়িত, বাস্তবায়নাধীন, বাস্তবায়নের হার).
- Ageing: open and in-progress decisions by the days since they were taken.
"""

from __future__ import annotations

import datetime as dt
import statistics
from calendar import month_abbr
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from pipeline.store.offices import office_key
from pipeline.store.queries import DecisionRow

UNNAMED = "(no one named)"
AGE_BINS: tuple[tuple[int, int | None], ...] = ((0, 30), (31, 90), (91, 180), (181, 365), (366, None))


@dataclass(frozen=True)
class OfficeSummary:
    office: str
    decisions: int
    done: int
    done_on_time: int
    overdue: int
    median_delay_days: float | None
    ids: list[str]  # the decisions, for links

    @property
    def share_on_time(self) -> float:
        return self.done_on_time / self.decisions if self.decisions else 0.0


@dataclass(frozen=True)
class QuarterRate:
    quarter: str  # financial year and quarter: 2023-24 Q2
    months: str  # Oct–Dec 2023
    start: dt.date
    taken: int
    implemented: int
    in_progress: int
    ids: list[str]

    @property
    def share_implemented(self) -> float:
        return self.implemented / self.taken if self.taken else 0.0


@dataclass(frozen=True)
class AgeBin:
    label: str
    low: int
    high: int | None
    ids: list[str]


def on_time(row: DecisionRow) -> bool:
    return row.status == "done" and row.done_on is not None and row.due is not None and row.done_on <= row.due


def delay(row: DecisionRow) -> int | None:
    """Days a done decision was late (0 when on time); None when it is not done or had no due date."""
    if row.status != "done" or row.done_on is None or row.due is None:
        return None
    return max(0, (row.done_on - row.due).days)


def by_office(rows: Sequence[DecisionRow]) -> list[OfficeSummary]:
    """One summary per office, most decisions first."""
    groups: dict[str, list[DecisionRow]] = defaultdict(list)
    printed: dict[str, Counter[str]] = defaultdict(Counter)
    for row in rows:
        for name in dict.fromkeys(row.responsible or [UNNAMED]):
            key = office_key(name) or name
            if row not in groups[key]:
                groups[key].append(row)
            printed[key][" ".join(name.split())] += 1
    summaries = [_office(printed[key].most_common(1)[0][0], members) for key, members in groups.items()]
    return sorted(summaries, key=lambda s: (-s.decisions, s.office))


def _office(name: str, rows: list[DecisionRow]) -> OfficeSummary:
    delays = [d for d in map(delay, rows) if d is not None]
    return OfficeSummary(
        office=name,
        decisions=len(rows),
        done=sum(r.status == "done" for r in rows),
        done_on_time=sum(map(on_time, rows)),
        overdue=sum(r.overdue for r in rows),
        median_delay_days=statistics.median(delays) if delays else None,
        ids=[r.id for r in rows],
    )


def quarter_of(day: dt.date) -> tuple[str, str, dt.date]:
    """The financial-year quarter of a day (July–June): its name, its months, its first day."""
    first_year = day.year if day.month >= 7 else day.year - 1
    index = (day.month - 7) % 12 // 3
    start = dt.date(first_year + (1 if index >= 2 else 0), (6 + 3 * index) % 12 + 1, 1)
    end_month = start.month + 2
    months = f"{month_abbr[start.month]}–{month_abbr[end_month]} {start.year}"
    return f"{first_year}-{(first_year + 1) % 100:02d} Q{index + 1}", months, start


def quarterly(rows: Sequence[DecisionRow]) -> list[QuarterRate]:
    """Decisions taken, implemented and in progress per financial-year quarter, oldest first."""
    groups: dict[tuple[str, str, dt.date], list[DecisionRow]] = defaultdict(list)
    for row in rows:
        if row.decided_on:
            groups[quarter_of(row.decided_on)].append(row)
    return [
        QuarterRate(
            quarter=name,
            months=months,
            start=start,
            taken=len(members),
            implemented=sum(r.status == "done" for r in members),
            in_progress=sum(r.status == "in_progress" for r in members),
            ids=[r.id for r in members],
        )
        for (name, months, start), members in sorted(groups.items(), key=lambda g: g[0][2])
    ]


def ageing(rows: Sequence[DecisionRow], as_of: dt.date) -> list[AgeBin]:
    """Open and in-progress decisions by the days since they were taken, in AGE_BINS."""
    bins = [AgeBin(_bin_label(low, high), low, high, []) for low, high in AGE_BINS]
    for row in rows:
        if row.status in ("open", "in_progress") and row.decided_on:
            age = max(0, (as_of - row.decided_on).days)
            next(b for b in bins if b.high is None or age <= b.high).ids.append(row.id)
    return bins


def _bin_label(low: int, high: int | None) -> str:
    return f"over {low - 1} days" if high is None else f"{low}–{high} days"
