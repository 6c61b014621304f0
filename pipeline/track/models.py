"""What the tracker reads from a document besides its record: the agenda item of each decision and the
statuses it reports on earlier decisions. The record format (record/1) stays as it is: these live in the
database and its exports."""

from __future__ import annotations

import datetime as dt
from typing import Literal, get_args

from pydantic import BaseModel, ConfigDict, Field

Status = Literal["open", "in_progress", "done", "dropped"]
STATUSES: tuple[Status, ...] = get_args(Status)
# Where in a document a status report stands: a progress section's lines or table, a sentence anywhere,
# a row of a progress review meeting, a reply citing the memo, a reminder.
ReportKind = Literal["section", "table", "inline", "review", "reply", "reminder"]
REPORT_KINDS: tuple[ReportKind, ...] = get_args(ReportKind)


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class StatusReport(_Model):
    """A status a document reports on an earlier decision, with what it gives to find that decision."""

    kind: ReportKind
    status: Status
    on: dt.date | None = Field(description="the day the status held: a date the report states, else the document's")
    evidence: str = Field(description="the words that report the status")
    ref: str | None = Field(default=None, description="the decision's number as the report prints it (৩(খ))")
    quoted: str | None = Field(default=None, description="the decision's words as the report quotes them")
    cited_memo: str | None = Field(default=None, description="the memo of the earlier document, normalised")
    cited_meeting: dt.date | None = Field(default=None, description="the date of the earlier meeting it names")


class DocumentTracking(_Model):
    """A document's agenda item per decision (in record order) and its status reports."""

    agendas: list[str | None]
    reports: list[StatusReport]
