"""The audit report as one self-contained HTML page: inline CSS, inline SVG plots, no script, no file or font
fetched (Bangla is set in the fonts the system has: Noto Sans Bengali, Lohit Bengali, …). Every bar, lane and
mark links to the decisions it counts and to their source documents, further down the same page."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from functools import cache

import jinja2
from markupsafe import Markup

from pipeline.report import svg
from pipeline.report.snapshot import Snapshot
from pipeline.store.queries import DecisionRow
from pipeline.store.status import Event

MOST_OFFICES = 20
MOST_TIMELINES = 40


@dataclass(frozen=True)
class Timeline:
    document_id: str
    title: str
    plot: Markup


def decision_anchor(uid: str) -> str:
    return f"d-{uid}"


def document_anchor(document_id: str) -> str:
    return "doc-" + document_id.replace(":", "-")


def render_report(snapshot: Snapshot, database: str = "") -> str:
    """The report page (see the module docstring)."""
    by_document: dict[str, list[DecisionRow]] = defaultdict(list)
    for row in snapshot.rows:
        by_document[row.document_id].append(row)
    timelines = _timelines(snapshot, by_document)
    return _template().render(
        s=snapshot,
        database=database,
        generated=dt.date.today(),
        rows_by_id={r.id: r for r in snapshot.rows},
        counts=_status_counts(snapshot.rows),
        overdue=sum(r.overdue for r in snapshot.rows),
        offices=snapshot.offices[:MOST_OFFICES],
        offices_plot=Markup(_offices_plot(snapshot)),
        ages_plot=Markup(_ages_plot(snapshot)),
        quarters_plot=Markup(_quarters_plot(snapshot)),
        timelines=timelines,
        timeline_ids={t.document_id for t in timelines},
        timelines_left_out=max(0, len([d for d in by_document if _has_time(by_document[d])]) - len(timelines)),
        status_colours=svg.STATUS_COLOURS,
        decision_anchor=decision_anchor,
        document_anchor=document_anchor,
        short=svg.short,
    )


@cache
def _template() -> jinja2.Template:
    environment = jinja2.Environment(
        loader=jinja2.PackageLoader("pipeline.report", "."), autoescape=True, trim_blocks=True, lstrip_blocks=True
    )
    return environment.get_template("report.html.j2")


def _status_counts(rows: list[DecisionRow]) -> dict[str, int]:
    counts = dict.fromkeys(svg.STATUS_COLOURS, 0)
    for row in rows:
        counts[row.status] += 1
    return counts


def _offices_plot(snapshot: Snapshot) -> str:
    items = [
        svg.Bar(
            label=o.office,
            value=o.decisions,
            part=o.done_on_time,
            note=f"{o.done_on_time} of {o.decisions} done on time ({o.share_on_time:.0%})",
            href=f"#office-{i}",
            title=f"{o.office}: {o.decisions} decisions, {o.done_on_time} done on time, {o.overdue} overdue",
        )
        for i, o in enumerate(snapshot.offices[:MOST_OFFICES])
    ]
    return svg.bars(items, "Decisions per office (bar) and the part done on time (green)")


def _ages_plot(snapshot: Snapshot) -> str:
    items = [
        svg.Bar(
            label=b.label,
            value=len(b.ids),
            href=f"#age-{i}",
            title=f"{len(b.ids)} open or in-progress decisions taken {b.label} ago",
        )
        for i, b in enumerate(snapshot.ages)
    ]
    return svg.columns(items, "Open and in-progress decisions by the days since they were taken")


def _quarters_plot(snapshot: Snapshot) -> str:
    items = [
        (
            svg.Bar(
                label=q.quarter,
                value=q.taken,
                href=f"#q-{i}",
                title=f"{q.quarter} ({q.months}): {q.taken} taken, {q.implemented} implemented",
                note=q.months,
            ),
            svg.Bar(label=q.quarter, value=q.implemented, href=f"#q-{i}", title="", note=f"{q.share_implemented:.0%}"),
        )
        for i, q in enumerate(snapshot.quarters)
    ]
    return svg.paired_columns(items, "Decisions taken (grey) and implemented (green) per quarter, share implemented")


def _has_time(rows: list[DecisionRow]) -> bool:
    return any(r.decided_on for r in rows)


def _timelines(snapshot: Snapshot, by_document: dict[str, list[DecisionRow]]) -> list[Timeline]:
    """A timeline per document (meeting or letter) with decisions, the most recent MOST_TIMELINES."""
    chosen = [d for d in by_document if _has_time(by_document[d])]
    chosen.sort(key=lambda d: min(r.decided_on or dt.date.max for r in by_document[d]), reverse=True)
    timelines = []
    for document_id in chosen[:MOST_TIMELINES]:
        document = snapshot.documents[document_id]
        lanes = [_lane(row, snapshot.events.get(row.id, [])) for row in by_document[document_id]]
        day = document.meeting_date or document.date
        title = " · ".join(x for x in (document.memo_no, day.isoformat() if day else None, document.subject) if x)
        timelines.append(Timeline(document_id, title, Markup(svg.timeline(lanes, title, snapshot.as_of))))
    return timelines


def _lane(row: DecisionRow, events: list[Event]) -> svg.Lane:
    href = "#" + decision_anchor(row.id)
    marks = []
    if row.due:
        colour = svg.OVERDUE if row.overdue else svg.DUE
        marks.append(
            svg.Mark(row.due, colour, href, f"due {row.due}" + (" (overdue)" if row.overdue else ""), "diamond")
        )
    for event in events:
        if event.applied:
            source = "#" + document_anchor(event.document_id) if event.document_id else href
            by = event.memo_no or event.document_id or event.actor or "a person"
            marks.append(
                svg.Mark(event.on, svg.STATUS_COLOURS[event.status], source, f"{event.status} on {event.on} ({by})")
            )
    label = f"{row.ref or ''} {row.text}".strip()
    return svg.Lane(label, href, f"{row.id}: {row.text}", row.decided_on, row.due, marks)
