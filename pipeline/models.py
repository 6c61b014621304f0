"""The record contract (record/1) as pydantic models, and its JSON Schema."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_ID = "record/1"

DocType = Literal["letter", "do_letter", "minutes", "notification", "office_order", "circular", "other"]
Method = Literal["ocr", "pdf-text", "text"]


class _Model(BaseModel):
    # The contract's names (schema, copy) in every dump, so model_dump_json() writes what the CLI writes.
    model_config = ConfigDict(extra="forbid", validate_by_name=True, validate_by_alias=True, serialize_by_alias=True)


class Source(_Model):
    """Where a record came from."""

    file: str
    sha256: str = Field(pattern=r"^[0-9a-f]{64}$")
    pages: list[int]
    method: Method
    ocr_confidence: float | None = Field(default=None, ge=0.0, le=1.0)


class MemoNo(_Model):
    """The document's own number: as printed, normalised, and its copy-distribution suffix."""

    text: str
    value: str
    copy_: str | None = Field(default=None, alias="copy")


class DateField(_Model):
    """The issue date, with its Bangla-calendar half when printed."""

    value: dt.date | None
    bangla: str | None = Field(default=None, pattern=r"^\d{4}-\d{2}-\d{2}$")
    text: str
    consistent: bool | None = None


class Reference(_Model):
    """A memo the document cites by its full number."""

    memo_no: str
    date: dt.date | None = None


class Signatory(_Model):
    name: str | None = None
    designation: str | None = None
    phone: str | None = None
    email: str | None = None


class Meeting(_Model):
    chair: str | None = None
    date: dt.date | None = None
    time: str | None = Field(default=None, pattern=r"^\d{2}:\d{2}$")
    venue: str | None = None


class Deadline(_Model):
    """A date, an ISO 8601 period, or 'as soon as possible'."""

    kind: Literal["date", "recurring", "asap"]
    value: str | None  # an ISO date for kind "date", an ISO 8601 period for "recurring", None for "asap"
    text: str
    anchor: str | None = Field(default=None, pattern=r"^--\d{2}-\d{2}$")

    @property
    def due(self) -> dt.date | None:
        """The day a "date" deadline falls on, as a date (like `DateField.value`); None for the others."""
        return dt.date.fromisoformat(self.value) if self.kind == "date" and self.value else None


class Span(_Model):
    """Character offsets into the normalised text of one page (1-based page number)."""

    page: int = Field(ge=1)
    start: int = Field(ge=0)
    end: int = Field(ge=0)


class Decision(_Model):
    ref: str | None
    text: str
    responsible: list[str] = Field(default_factory=list)
    deadline: Deadline | None = None
    span: Span


class Record(_Model):
    """One document of an input file."""

    schema_: Literal["record/1"] = Field(default="record/1", alias="schema")
    id: str = Field(pattern=r"^[0-9a-f]{16}:\d+$")
    source: Source
    doc_type: DocType
    memo_no: MemoNo | None = None
    date: DateField | None = None
    subject: str | None = None
    references: list[Reference] = Field(default_factory=list)
    issuer: list[str] = Field(default_factory=list)
    signatory: Signatory | None = None
    meeting: Meeting | None = None
    decisions: list[Decision] = Field(default_factory=list)
    distribution: list[str] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list)

    def to_json(self) -> str:
        """One JSON Lines line, with the contract's field names (as `model_dump_json()`)."""
        return self.model_dump_json()


def record_json_schema() -> dict[str, Any]:
    """The JSON Schema of a record, as committed in schema/record.schema.json."""
    schema = Record.model_json_schema(by_alias=True, mode="serialization")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = SCHEMA_ID
    return schema


def render_json_schema() -> str:
    return json.dumps(record_json_schema(), ensure_ascii=False, indent=2, sort_keys=True) + "\n"
