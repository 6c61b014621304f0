"""The report's plots as inline SVG, built by hand: no plotting library, no script, no font file. Text stays
text (the browser shapes Bangla with the page's fonts), and every bar, lane and mark is a link into the page.

Colours are the Okabe-Ito palette, which stays distinct to readers with colour-blindness.
"""

from __future__ import annotations

import datetime as dt
from calendar import month_abbr
from collections.abc import Sequence
from dataclasses import dataclass, field
from html import escape
from typing import Literal

STATUS_COLOURS = {"open": "#999999", "in_progress": "#E69F00", "done": "#009E73", "dropped": "#56606B"}
OVERDUE = "#D55E00"
DUE = "#0072B2"
BAR = "#C9D6E3"
WIDTH = 900


@dataclass(frozen=True)
class Bar:
    """A bar of a bar chart: its length `value`, a highlighted `part` of it, a note at its end, a link."""

    label: str
    value: float
    href: str
    title: str
    part: float | None = None
    note: str = ""


@dataclass(frozen=True)
class Mark:
    day: dt.date
    colour: str
    href: str
    title: str
    shape: Literal["dot", "diamond"] = "dot"


@dataclass(frozen=True)
class Lane:
    """A row of a timeline: a span from the day a decision was taken to its due date, with marks on it."""

    label: str
    href: str
    title: str
    start: dt.date | None
    end: dt.date | None
    marks: list[Mark] = field(default_factory=list)


def _svg(width: int, height: int, title: str, body: list[str]) -> str:
    return (
        f'<svg class="plot" xmlns="http://www.w3.org/2000/svg" role="img" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}"><title>{escape(title)}</title>{"".join(body)}</svg>'
    )


def _text(x: float, y: float, text: str, *, anchor: str = "start", cls: str = "") -> str:
    klass = f' class="{cls}"' if cls else ""
    return f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}"{klass}>{escape(text)}</text>'


def _rect(x: float, y: float, width: float, height: float, fill: str) -> str:
    return f'<rect x="{x:.1f}" y="{y:.1f}" width="{width:.1f}" height="{height:.1f}" fill="{fill}"/>'


def _link(href: str, title: str, inner: str) -> str:
    return f'<a href="{escape(href)}"><title>{escape(title)}</title>{inner}</a>'


def short(text: str, most: int) -> str:
    """The text cut to at most `most` characters, with an ellipsis when cut."""
    text = " ".join(text.split())
    return text if len(text) <= most else text[: most - 1].rstrip() + "…"


def bars(items: Sequence[Bar], title: str, *, label_width: int = 320, row: int = 30) -> str:
    """Horizontal bars, one per item, the highlighted part drawn over the whole."""
    top, scale_width = 10, WIDTH - label_width - 150
    most = max((b.value for b in items), default=0) or 1
    body: list[str] = []
    for i, bar in enumerate(items):
        y = top + i * row
        length = scale_width * bar.value / most
        part = scale_width * (bar.part or 0) / most
        inner = [
            _text(label_width - 8, y + row * 0.62, short(bar.label, 42), anchor="end"),
            _rect(label_width, y + 5, max(length, 1), row - 10, BAR),
            _rect(label_width, y + 5, part, row - 10, STATUS_COLOURS["done"]) if part else "",
            _text(label_width + length + 6, y + row * 0.62, bar.note, cls="note"),
        ]
        body.append(_link(bar.href, bar.title, "".join(inner)))
    return _svg(WIDTH, top * 2 + row * max(len(items), 1), title, body)


def columns(items: Sequence[Bar], title: str, *, height: int = 220) -> str:
    """Vertical columns (a histogram), the value written over each."""
    left, bottom, gap = 40, height - 34, 24
    width = (WIDTH - left - gap * len(items)) / max(len(items), 1)
    most = max((b.value for b in items), default=0) or 1
    body = [f'<line x1="{left}" y1="{bottom}" x2="{WIDTH - 10}" y2="{bottom}" class="axis"/>']
    for i, bar in enumerate(items):
        x = left + gap / 2 + i * (width + gap)
        h = (bottom - 24) * bar.value / most
        inner = [
            _rect(x, bottom - h, width, max(h, 1), OVERDUE),
            _text(x + width / 2, bottom - h - 6, f"{bar.value:g}", anchor="middle"),
            _text(x + width / 2, bottom + 20, bar.label, anchor="middle"),
        ]
        body.append(_link(bar.href, bar.title, "".join(inner)))
    return _svg(WIDTH, height, title, body)


def paired_columns(items: Sequence[tuple[Bar, Bar]], title: str, *, height: int = 260) -> str:
    """Two columns per group (decisions taken and implemented), the share implemented written over them."""
    left, bottom, gap = 40, height - 40, 30
    width = (WIDTH - left - gap * len(items)) / max(len(items), 1) / 2
    most = max((b.value for pair in items for b in pair), default=0) or 1
    body = [f'<line x1="{left}" y1="{bottom}" x2="{WIDTH - 10}" y2="{bottom}" class="axis"/>']
    for i, (taken, done) in enumerate(items):
        x = left + gap / 2 + i * (2 * width + gap)
        inner = []
        for j, (bar, colour) in enumerate(((taken, BAR), (done, STATUS_COLOURS["done"]))):
            h = (bottom - 30) * bar.value / most
            inner.append(_rect(x + j * width, bottom - h, width - 2, max(h, 1), colour))
        inner.append(_text(x + width, bottom - (bottom - 30) * taken.value / most - 8, done.note, anchor="middle"))
        inner.append(_text(x + width, bottom + 18, taken.label, anchor="middle"))
        inner.append(_text(x + width, bottom + 34, taken.note, anchor="middle", cls="note"))
        body.append(_link(taken.href, taken.title, "".join(inner)))
    return _svg(WIDTH, height + 6, title, body)


def timeline(lanes: Sequence[Lane], title: str, as_of: dt.date, *, label_width: int = 300, row: int = 26) -> str:
    """One lane per decision on a shared date axis: taken → due, its status events as dots, today as a line."""
    days = [d for lane in lanes for d in (lane.start, lane.end, *(m.day for m in lane.marks)) if d] + [as_of]
    first, last = min(days), max(days)
    span = max((last - first).days, 1)
    top, right = 28, WIDTH - 20
    scale = (right - label_width) / span

    def x(day: dt.date) -> float:
        return label_width + (day - first).days * scale

    height = top + row * len(lanes) + 10
    body = [
        _text(x(d), 16, f"{month_abbr[d.month]} {d.year}", anchor="middle", cls="note") for d in _ticks(first, last)
    ]
    body += [f'<line x1="{x(d):.1f}" y1="20" x2="{x(d):.1f}" y2="{height}" class="grid"/>' for d in _ticks(first, last)]
    body.append(f'<line x1="{x(as_of):.1f}" y1="20" x2="{x(as_of):.1f}" y2="{height}" class="today"/>')
    for i, lane in enumerate(lanes):
        y = top + i * row + row / 2
        inner = [_text(label_width - 8, y + 5, short(lane.label, 40), anchor="end")]
        if lane.start and lane.end:
            inner.append(f'<line x1="{x(lane.start):.1f}" y1="{y}" x2="{x(lane.end):.1f}" y2="{y}" class="span"/>')
        if lane.start:
            inner.append(f'<circle cx="{x(lane.start):.1f}" cy="{y}" r="3" fill="#333"/>')
        lane_part = _link(lane.href, lane.title, "".join(inner))
        marks = "".join(_link(m.href, m.title, _mark(x(m.day), y, m)) for m in lane.marks)
        body.append(f"<g>{lane_part}{marks}</g>")
    return _svg(WIDTH, height, title, body)


def _mark(cx: float, cy: float, mark: Mark) -> str:
    if mark.shape == "diamond":
        points = f"{cx:.1f},{cy - 7} {cx + 7:.1f},{cy} {cx:.1f},{cy + 7} {cx - 7:.1f},{cy}"
        return f'<polygon points="{points}" fill="{mark.colour}"/>'
    return f'<circle cx="{cx:.1f}" cy="{cy}" r="6" fill="{mark.colour}" stroke="#fff" stroke-width="1.5"/>'


def _ticks(first: dt.date, last: dt.date, most: int = 8) -> list[dt.date]:
    """Month starts between the two days, at most `most` of them, evenly stepped."""
    months = (last.year - first.year) * 12 + last.month - first.month
    step = max(1, -(-months // most))
    index = first.year * 12 + first.month - 1 + (first.day > 1)  # months since year 0 of the first month start
    ticks = []
    while index <= last.year * 12 + last.month - 1:
        ticks.append(dt.date(index // 12, index % 12 + 1, 1))
        index += step
    return ticks
