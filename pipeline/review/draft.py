"""A document as the review form holds it, and the two ways it goes: into the form from a record (with what its
gold file already holds, when it has one), and out of the form as a gold document (contract §2) holding only
the fields a person checked.

The form works on plain strings ("" is empty) so that any half-typed value can travel between the browser
and the server; values are checked only on the way out, and only in the fields that are saved.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Callable, Mapping
from typing import Any, Literal, get_args

import regex
from pydantic import BaseModel, ConfigDict, Field

from pipeline.models import DocType, Record, Span
from pipeline.normalize.digits import to_ascii_digits

#: The fields a gold document holds (contract §2), in the order the form shows them.
Checkable = Literal["doc_type", "memo_no", "date", "subject", "references", "signatory", "meeting", "decisions"]
FIELDS: tuple[Checkable, ...] = get_args(Checkable)
DOC_TYPES: tuple[str, ...] = get_args(DocType)
DEADLINE_KINDS = ("date", "recurring", "asap")

_ISO_DATE = regex.compile(r"\d{4}-\d{2}-\d{2}")  # also the shape of a Bangla-calendar date
_TIME = regex.compile(r"\d{2}:\d{2}")
_PERIOD = regex.compile(r"P(?:\d+Y)?(?:\d+M)?(?:\d+W)?(?:\d+D)?")
_ANCHOR = regex.compile(r"--\d{2}-\d{2}")


class _Part(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_by_name=True, validate_by_alias=True, serialize_by_alias=True)


class MemoDraft(_Part):
    text: str = ""
    value: str = ""
    copy_: str = Field(default="", alias="copy")


class DateDraft(_Part):
    value: str = ""
    bangla: str = ""
    text: str = ""


class ReferenceDraft(_Part):
    memo_no: str = ""
    date: str = ""


class SignatoryDraft(_Part):
    name: str = ""
    designation: str = ""


class MeetingDraft(_Part):
    chair: str = ""
    date: str = ""
    time: str = ""
    venue: str = ""


class DeadlineDraft(_Part):
    kind: Literal["", "date", "recurring", "asap"] = ""
    value: str = ""
    text: str = ""
    anchor: str = ""


class DecisionDraft(_Part):
    """A decision in the form; `span` (where the record found it) is kept only to highlight it."""

    ref: str = ""
    text: str = ""
    responsible: list[str] = []
    deadline: DeadlineDraft = DeadlineDraft()
    responsible_checked: bool = False
    deadline_checked: bool = False
    span: Span | None = None


class Draft(_Part):
    """The form's state: every field's value and which fields a person checked."""

    doc_type: str = ""
    memo_no: MemoDraft = MemoDraft()
    date: DateDraft = DateDraft()
    subject: str = ""
    references: list[ReferenceDraft] = []
    signatory: SignatoryDraft = SignatoryDraft()
    meeting: MeetingDraft = MeetingDraft()
    decisions: list[DecisionDraft] = []
    checked: list[Checkable] = []


class DraftError(ValueError):
    """Checked fields that cannot be saved; `problems` says which and why, one line each."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("; ".join(problems))
        self.problems = problems


# --- into the form ----------------------------------------------------------------------------------------


def draft_from(record: Record, gold: Mapping[str, Any] | None) -> Draft:
    """The form for a record: each field the gold document holds (checked, with the gold value), the others as
    the record has them (not checked)."""
    predicted = record.model_dump(mode="json")
    gold = gold or {}
    checked = [name for name in FIELDS if name in gold]
    source = {name: gold[name] if name in gold else predicted.get(name) for name in FIELDS}
    return Draft(
        doc_type=_str(source["doc_type"]),
        memo_no=MemoDraft(**_strings(source["memo_no"], ("text", "value", "copy"))),
        date=DateDraft(**_strings(source["date"], ("value", "bangla", "text"))),
        subject=_str(source["subject"]),
        references=[ReferenceDraft(**_strings(r, ("memo_no", "date"))) for r in _dicts(source["references"])],
        signatory=SignatoryDraft(**_strings(source["signatory"], ("name", "designation"))),
        meeting=MeetingDraft(**_strings(source["meeting"], ("chair", "date", "time", "venue"))),
        decisions=[_decision(d, from_gold="decisions" in gold) for d in _dicts(source["decisions"])],
        checked=checked,
    )


def _decision(raw: Mapping[str, Any], from_gold: bool) -> DecisionDraft:
    deadline = raw.get("deadline")
    return DecisionDraft(
        ref=_str(raw.get("ref")),
        text=_str(raw.get("text")),
        responsible=[_str(r) for r in raw.get("responsible") or [] if _str(r)],
        deadline=DeadlineDraft(**_strings(deadline, ("kind", "value", "text", "anchor"))),
        responsible_checked=from_gold and "responsible" in raw,
        deadline_checked=from_gold and "deadline" in raw,
        span=raw.get("span"),  # only the record's decisions have one
    )


def _str(value: Any) -> str:
    return "" if value is None else str(value)


def _strings(value: Any, keys: tuple[str, ...]) -> dict[str, str]:
    """The keys of a JSON object as strings ("" for null or missing; a null object gives all "")."""
    value = value if isinstance(value, Mapping) else {}
    return {key: _str(value.get(key)) for key in keys}


def _dicts(value: Any) -> list[Mapping[str, Any]]:
    return [item for item in value if isinstance(item, Mapping)] if isinstance(value, list) else []


# --- out of the form --------------------------------------------------------------------------------------


def to_gold(draft: Draft) -> dict[str, Any]:
    """The gold document: the checked fields only (null or [] for a checked field that is empty), in the
    record's shape. A decision's responsible and deadline are saved where they were checked, and checking
    either checks the decisions. Raises DraftError for values that are not what the contract says."""
    problems: list[str] = []
    checked = set(draft.checked)
    if any(d.responsible_checked or d.deadline_checked for d in draft.decisions):
        checked.add("decisions")
    builders: dict[Checkable, Callable[[Draft, list[str]], Any]] = {
        "doc_type": _doc_type,
        "memo_no": _memo_no,
        "date": _date,
        "subject": lambda d, _: _text(d.subject),
        "references": _references,
        "signatory": _signatory,
        "meeting": _meeting,
        "decisions": _decisions,
    }
    document: dict[str, Any] = {name: builders[name](draft, problems) for name in FIELDS if name in checked}
    if problems:
        raise DraftError(problems)
    return document


def _text(value: str) -> str | None:
    """A text field as saved: NFC, trimmed; None when empty."""
    return unicodedata.normalize("NFC", value.strip()) or None


def _doc_type(draft: Draft, problems: list[str]) -> str | None:
    value = _text(draft.doc_type)
    if value is not None and value not in DOC_TYPES:
        problems.append(f"doc_type: {value!r} is not one of {', '.join(DOC_TYPES)}")
    return value


def _memo_no(draft: Draft, problems: list[str]) -> dict[str, Any] | None:
    memo = draft.memo_no
    value = _text(to_ascii_digits(memo.value).replace(" ", ""))
    if not value and not _text(memo.text):
        return None
    if not value:
        problems.append("memo_no: the normalised value is empty (write it with ASCII digits)")
    saved = {"value": value, "copy": _text(to_ascii_digits(memo.copy_))}
    return _with_text(saved, memo.text)


def _iso_date(value: str, where: str, problems: list[str]) -> str | None:
    text = _matching(value, _ISO_DATE, where, "a date (YYYY-MM-DD)", problems)
    if text is not None and _ISO_DATE.fullmatch(text):
        try:
            dt.date.fromisoformat(text)
        except ValueError:
            problems.append(f"{where}: {text!r} is not a day of the calendar")
    return text


def _matching(value: str, pattern: regex.Pattern[str], where: str, shape: str, problems: list[str]) -> str | None:
    text = _text(to_ascii_digits(value))
    if text is not None and not pattern.fullmatch(text):
        problems.append(f"{where}: {text!r} is not {shape}")
    return text


def _date(draft: Draft, problems: list[str]) -> dict[str, Any] | None:
    date = draft.date
    if not (_text(date.value) or _text(date.bangla) or _text(date.text)):
        return None
    saved = {
        "value": _iso_date(date.value, "date.value", problems),
        "bangla": _matching(date.bangla, _ISO_DATE, "date.bangla", "a Bangla-calendar date (YYYY-MM-DD)", problems),
    }
    return _with_text(saved, date.text)


def _with_text(saved: dict[str, Any], printed: str) -> dict[str, Any]:
    """A value with its text as printed first, when the form has it (gold files need not keep it)."""
    text = _text(printed)
    return {"text": text, **saved} if text else saved


def _references(draft: Draft, problems: list[str]) -> list[dict[str, Any]]:
    return [
        {
            "memo_no": _text(to_ascii_digits(ref.memo_no).replace(" ", "")),
            "date": _iso_date(ref.date, f"references[{number}].date", problems),
        }
        for number, ref in enumerate(draft.references)
        if _text(ref.memo_no)
    ]


def _signatory(draft: Draft, _: list[str]) -> dict[str, Any] | None:
    name, designation = _text(draft.signatory.name), _text(draft.signatory.designation)
    return {"name": name, "designation": designation} if name or designation else None


def _meeting(draft: Draft, problems: list[str]) -> dict[str, Any] | None:
    meeting = draft.meeting
    if not any(_text(v) for v in (meeting.chair, meeting.date, meeting.time, meeting.venue)):
        return None
    return {
        "chair": _text(meeting.chair),
        "date": _iso_date(meeting.date, "meeting.date", problems),
        "time": _matching(meeting.time, _TIME, "meeting.time", "a 24-hour time (HH:MM)", problems),
        "venue": _text(meeting.venue),
    }


def _decisions(draft: Draft, problems: list[str]) -> list[dict[str, Any]]:
    saved = []
    for number, decision in enumerate(draft.decisions):
        text = _text(decision.text)
        if text is None:
            continue
        item: dict[str, Any] = {"ref": _text(decision.ref), "text": text}
        if decision.responsible_checked:
            item["responsible"] = [r for r in map(_text, decision.responsible) if r]
        if decision.deadline_checked:
            item["deadline"] = _deadline(decision.deadline, f"decisions[{number}].deadline", problems)
        saved.append(item)
    return saved


def _deadline(deadline: DeadlineDraft, where: str, problems: list[str]) -> dict[str, Any] | None:
    if not deadline.kind:
        return None
    if deadline.kind == "date":
        value = _iso_date(deadline.value, where, problems)
        if value is None:
            problems.append(f"{where}: a date deadline needs its date (YYYY-MM-DD)")
    elif deadline.kind == "recurring":
        value = _matching(deadline.value, _PERIOD, where, "an ISO 8601 period (P1M, P3M, P1Y)", problems)
        if value in (None, "P"):
            problems.append(f"{where}: a recurring deadline needs its period (P1M, P3M, P1Y)")
    else:
        value = None
    item: dict[str, Any] = {"kind": deadline.kind, "value": value}
    if _text(deadline.text):
        item["text"] = _text(deadline.text)
    anchor = _matching(deadline.anchor, _ANCHOR, f"{where}.anchor", "a day in the year (--MM-DD)", problems)
    if anchor:
        item["anchor"] = anchor
    return item
