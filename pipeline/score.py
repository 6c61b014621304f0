"""Scoring records against gold (section 3 of the record contract).

Scoring works on plain dicts (parsed JSON), not on the pydantic models, so that it can score records
written by any version of the pipeline. A gold field that is absent was not checked and is not scored;
a gold field present as null (or as an empty list) was checked and is empty on the page.
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

from rapidfuzz import fuzz
from rich.table import Table

Doc = Mapping[str, Any]

FIELDS: tuple[str, ...] = (
    "doc_type",
    "memo_no",
    "date",
    "date_bangla",
    "subject",
    "references",
    "signatory",
    "chair",
    "meeting_date",
    "decisions",
    "responsible",
    "deadline",
)

NAME_SIM = 0.85  # subject, signatory.name, meeting.chair
DECISION_SIM = 0.70
RESPONSIBLE_SIM = 0.80
# Similarities are ratios of small integers; the epsilon only absorbs float rounding at the exact threshold.
_EPS = 1e-9

_BANGLA_DIGITS = str.maketrans("০১২৩৪৫৬৭৮৯", "0123456789")
_VISARGA = "ঃ"


# --- strings -------------------------------------------------------------------------------------


def file_key(path: str) -> str:
    """The key tying a record's source file to its gold file: the file name up to its first dot."""
    name = path.replace("\\", "/").rsplit("/", 1)[-1]
    return name.split(".", 1)[0]


def _is_edge(ch: str) -> bool:
    """Characters stripped from both ends: whitespace, any Unicode punctuation (P*), and ঃ."""
    return ch.isspace() or ch == _VISARGA or unicodedata.category(ch).startswith("P")


def normalise(s: str) -> str:
    """NFC, Bangla digits to ASCII, whitespace collapsed, edge punctuation and ঃ stripped."""
    s = " ".join(unicodedata.normalize("NFC", s).translate(_BANGLA_DIGITS).split())
    start, end = 0, len(s)
    while start < end and _is_edge(s[start]):
        start += 1
    while end > start and _is_edge(s[end - 1]):
        end -= 1
    return s[start:end]


def _ratio(a: str, b: str) -> float:
    """Indel similarity of two already-normalised strings, in [0, 1]."""
    return fuzz.ratio(a, b) / 100


def sim(a: str, b: str) -> float:
    """Normalised Indel similarity of two strings after normalisation."""
    return _ratio(normalise(a), normalise(b))


def _text(value: Any) -> str:
    """A JSON value as a normalised string; null (and anything that normalises to "") is empty."""
    if value is None:
        return ""
    return normalise(value if isinstance(value, str) else str(value))


# --- counts and report ---------------------------------------------------------------------------


@dataclass
class Counts:
    """True positives, false positives and false negatives of one field."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        # 2PR/(P+R) written in counts: exact, and defined whenever anything was counted.
        denominator = 2 * self.tp + self.fp + self.fn
        return 2 * self.tp / denominator if denominator else 0.0

    def __add__(self, other: Counts) -> Counts:
        return Counts(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)

    def to_dict(self) -> dict[str, int | float]:
        return {
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "precision": self.precision,
            "recall": self.recall,
            "f1": self.f1,
        }


@dataclass
class ScoreReport:
    """Per-field and overall counts of one scoring run."""

    fields: dict[str, Counts]
    overall: Counts
    documents: int  # gold documents scored
    files: int  # gold files scored
    unscored_files: list[str] = field(default_factory=list)  # prediction file keys with no gold

    def __add__(self, other: ScoreReport) -> ScoreReport:
        """Two runs' counts together (the same documents read two ways, say)."""
        return ScoreReport(
            fields={name: self.fields[name] + other.fields[name] for name in self.fields},
            overall=self.overall + other.overall,
            documents=self.documents + other.documents,
            files=self.files + other.files,
            unscored_files=[*self.unscored_files, *other.unscored_files],
        )

    def to_dict(self) -> dict[str, Any]:
        """The report as JSON-ready data, so a run can be compared with the last one."""
        return {
            "fields": {name: counts.to_dict() for name, counts in self.fields.items()},
            "overall": self.overall.to_dict(),
            "documents": self.documents,
            "files": self.files,
            "unscored_files": list(self.unscored_files),
        }


FieldCounts = dict[str, Counts]


def _merge(parts: Iterable[Mapping[str, Counts]]) -> FieldCounts:
    """Sum per-field counts; every field of FIELDS is present in the result."""
    total = {name: Counts() for name in FIELDS}
    for part in parts:
        for name, counts in part.items():
            total[name] = total[name] + counts
    return total


# --- field access --------------------------------------------------------------------------------


def _get(doc: Doc, path: Sequence[str]) -> tuple[bool, Any]:
    """(checked, value) at a dotted path.

    A key missing on the way means the field was not checked; a null (or any non-object) on the way
    means it was checked and is empty, e.g. `date: null` empties both date.value and date.bangla.
    """
    node: Any = doc
    for key in path:
        if not isinstance(node, Mapping):
            return True, None
        if key not in node:
            return False, None
        node = node[key]
    return True, node


def _items(value: Any) -> list[Any]:
    """A JSON list, with null (or any non-list) read as empty."""
    return value if isinstance(value, list) else []


def _strings(values: Iterable[Any]) -> list[str]:
    """Normalised non-empty strings of a list."""
    return [t for t in map(_text, values) if t]


# --- single-valued fields ------------------------------------------------------------------------


Same = Callable[[str, str], bool]


def _equal(a: str, b: str) -> bool:
    return a == b


def _similar(a: str, b: str) -> bool:
    return _ratio(a, b) >= NAME_SIM - _EPS


class _Scalar(NamedTuple):
    name: str
    path: tuple[str, ...]
    same: Same


_SCALARS: tuple[_Scalar, ...] = (
    _Scalar("doc_type", ("doc_type",), _equal),
    _Scalar("memo_no", ("memo_no", "value"), _equal),
    _Scalar("date", ("date", "value"), _equal),
    _Scalar("date_bangla", ("date", "bangla"), _equal),
    _Scalar("subject", ("subject",), _similar),
    _Scalar("signatory", ("signatory", "name"), _similar),
    _Scalar("chair", ("meeting", "chair"), _similar),
    _Scalar("meeting_date", ("meeting", "date"), _equal),
)


def _compare_value(gold: str, pred: str, same: Same) -> Counts:
    """One value each side ("" = empty): match TP; wrong value FP + FN; one side only FP or FN."""
    if gold and pred:
        return Counts(tp=1) if same(gold, pred) else Counts(fp=1, fn=1)
    return Counts(fp=int(bool(pred)), fn=int(bool(gold)))


def _compare_scalars(gold: Doc, pred: Doc) -> FieldCounts:
    result: FieldCounts = {}
    for spec in _SCALARS:
        checked, gold_value = _get(gold, spec.path)
        if checked:
            result[spec.name] = _compare_value(_text(gold_value), _text(_get(pred, spec.path)[1]), spec.same)
    return result


# --- list fields ---------------------------------------------------------------------------------


def _list_counts(gold: int, pred: int, matched: int) -> Counts:
    return Counts(tp=matched, fp=pred - matched, fn=gold - matched)


def _compare_references(gold: Doc, pred: Doc) -> FieldCounts:
    """References compare as sets of normalised memo numbers."""
    checked, gold_refs = _get(gold, ("references",))
    if not checked:
        return {}

    def numbers(refs: Any) -> set[str]:
        return set(_strings(ref.get("memo_no") for ref in _items(refs) if isinstance(ref, Mapping)))

    gold_set, pred_set = numbers(gold_refs), numbers(_get(pred, ("references",))[1])
    return {"references": _list_counts(len(gold_set), len(pred_set), len(gold_set & pred_set))}


def _pair(gold: Sequence[str], pred: Sequence[str], threshold: float) -> list[tuple[int, int]]:
    """One-to-one pairs (gold index, predicted index) with similarity ≥ threshold.

    Greedy over all pairs by similarity descending; ties go to the earlier gold item, then the
    earlier prediction, so identical items pair off in reading order.
    """
    candidates = sorted(
        ((_ratio(g, p), i, j) for i, g in enumerate(gold) for j, p in enumerate(pred)),
        key=lambda c: (-c[0], c[1], c[2]),
    )
    used_gold: set[int] = set()
    used_pred: set[int] = set()
    pairs: list[tuple[int, int]] = []
    for similarity, i, j in candidates:
        if similarity < threshold - _EPS:
            break
        if i not in used_gold and j not in used_pred:
            used_gold.add(i)
            used_pred.add(j)
            pairs.append((i, j))
    return pairs


def _compare_responsible(gold_decision: Doc, pred_decision: Doc) -> Counts:
    """Who must act, scored only where the gold decision has the key."""
    if "responsible" not in gold_decision:
        return Counts()
    gold = _strings(_items(gold_decision["responsible"]))
    pred = _strings(_items(pred_decision.get("responsible")))
    return _list_counts(len(gold), len(pred), len(_pair(gold, pred, RESPONSIBLE_SIM)))


def _deadline_key(deadline: Any) -> tuple[str, str] | None:
    """What a deadline is compared on: kind and value (asap's null value reads as "")."""
    if not isinstance(deadline, Mapping):
        return None
    return _text(deadline.get("kind")), _text(deadline.get("value"))


def _compare_deadline(gold_decision: Doc, pred_decision: Doc) -> Counts:
    """Scored only where the gold decision has the key; counted where either side has a deadline."""
    if "deadline" not in gold_decision:
        return Counts()
    gold = _deadline_key(gold_decision["deadline"])
    pred = _deadline_key(pred_decision.get("deadline"))
    if gold is not None and pred is not None:
        return Counts(tp=1) if gold == pred else Counts(fp=1, fn=1)
    return Counts(fp=int(pred is not None), fn=int(gold is not None))


def _compare_decisions(gold: Doc, pred: Doc) -> FieldCounts:
    """Decisions one-to-one by text; responsible and deadline inside the matched pairs only."""
    checked, gold_value = _get(gold, ("decisions",))
    if not checked:
        return {}
    gold_decisions = [d for d in _items(gold_value) if isinstance(d, Mapping)]
    pred_decisions = [d for d in _items(_get(pred, ("decisions",))[1]) if isinstance(d, Mapping)]
    pairs = _pair(
        [_text(d.get("text")) for d in gold_decisions],
        [_text(d.get("text")) for d in pred_decisions],
        DECISION_SIM,
    )
    matched = [(gold_decisions[i], pred_decisions[j]) for i, j in pairs]
    return {
        "decisions": _list_counts(len(gold_decisions), len(pred_decisions), len(pairs)),
        "responsible": sum((_compare_responsible(g, p) for g, p in matched), Counts()),
        "deadline": sum((_compare_deadline(g, p) for g, p in matched), Counts()),
    }


def compare_document(gold: Doc, pred: Doc) -> FieldCounts:
    """Counts of every field the gold document checks, for one aligned pair of documents."""
    return _merge([_compare_scalars(gold, pred), _compare_references(gold, pred), _compare_decisions(gold, pred)])


# --- alignment and scoring -----------------------------------------------------------------------


def _blank_gold() -> dict[str, Any]:
    """A gold document with every field checked and empty, so a stray prediction scores as all FP."""
    return {
        "doc_type": None,
        "memo_no": None,
        "date": None,
        "subject": None,
        "references": [],
        "signatory": None,
        "meeting": None,
        "decisions": [],
    }


def _memo_value(doc: Doc) -> str:
    return _text(_get(doc, ("memo_no", "value"))[1])


def align(gold: Sequence[Doc], pred: Sequence[Doc]) -> list[tuple[int | None, int | None]]:
    """One-to-one (gold index, predicted index) pairs; None on one side marks an unaligned document.

    First documents with equal memo_no.value (both non-empty), then the rest in reading order.
    """
    pred_memos = [_memo_value(p) for p in pred]
    by_memo: dict[int, int] = {}
    for i, g in enumerate(gold):
        memo = _memo_value(g)
        taken = by_memo.values()
        j = next((j for j, m in enumerate(pred_memos) if memo and m == memo and j not in taken), None)
        if j is not None:
            by_memo[i] = j
    rest_gold = [i for i in range(len(gold)) if i not in by_memo]
    rest_pred = [j for j in range(len(pred)) if j not in by_memo.values()]
    shared = min(len(rest_gold), len(rest_pred))
    pairs: list[tuple[int | None, int | None]] = sorted(by_memo.items())
    pairs += zip(rest_gold[:shared], rest_pred[:shared], strict=True)
    pairs += [(i, None) for i in rest_gold[shared:]]
    pairs += [(None, j) for j in rest_pred[shared:]]
    return pairs


def _score_file(gold: Sequence[Doc], pred: Sequence[Doc]) -> FieldCounts:
    # One code path for all three cases: a missing side is an empty prediction or a blank gold.
    return _merge(
        compare_document(gold[i] if i is not None else _blank_gold(), pred[j] if j is not None else {})
        for i, j in align(gold, pred)
    )


def score(gold: Mapping[str, Sequence[Doc]], predicted: Mapping[str, Sequence[Doc]]) -> ScoreReport:
    """Score predictions against gold; both map file keys to documents in reading order.

    Only files with gold are scored; a gold file with no predictions has every checked field missed.
    """
    fields = _merge(_score_file(docs, predicted.get(key, ())) for key, docs in gold.items())
    return ScoreReport(
        fields=fields,
        overall=sum(fields.values(), Counts()),
        documents=sum(len(docs) for docs in gold.values()),
        files=len(gold),
        unscored_files=[key for key in predicted if key not in gold],
    )


# --- loading -------------------------------------------------------------------------------------


def _read_gold_file(path: Path) -> list[dict[str, Any]]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ValueError(f"{path}: cannot read gold file: {exc}") from exc
    documents = data.get("documents") if isinstance(data, dict) else None
    if not isinstance(documents, list) or not all(isinstance(d, dict) for d in documents):
        raise ValueError(f'{path}: a gold file is {{"file": ..., "documents": [objects]}}')
    return documents


def load_gold(gold_dir: Path) -> dict[str, list[dict[str, Any]]]:
    """Every gold/*.json, keyed by the file key of the gold file's own name."""
    if not gold_dir.is_dir():
        raise ValueError(f"{gold_dir}: not a directory")
    gold: dict[str, list[dict[str, Any]]] = {}
    for path in sorted(gold_dir.glob("*.json")):
        key = file_key(path.name)
        if key in gold:
            raise ValueError(f"{path}: a second gold file for {key!r}")
        gold[key] = _read_gold_file(path)
    return gold


def _parse_record(raw: bytes) -> tuple[str, dict[str, Any]]:
    """A record line's file key and record; ValueError says why the line cannot be used."""
    try:
        record = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise ValueError(f"not UTF-8 ({exc.reason})") from exc
    except json.JSONDecodeError as exc:
        raise ValueError(f"not valid JSON ({exc.msg})") from exc
    source = record.get("source") if isinstance(record, dict) else None
    path = source.get("file") if isinstance(source, dict) else None
    if not isinstance(path, str) or not path:
        raise ValueError("no source.file")
    return file_key(path), record


def load_records(path: Path) -> tuple[dict[str, list[dict[str, Any]]], list[str]]:
    """JSON Lines records grouped by file key in file order, plus "LINE N: reason" for unusable lines."""
    records: dict[str, list[dict[str, Any]]] = {}
    problems: list[str] = []
    # Read bytes so that one line of bad UTF-8 is reported like any other bad line, not a crash.
    for number, raw in enumerate(path.read_bytes().splitlines(), start=1):
        if not raw.strip():
            continue
        try:
            key, record = _parse_record(raw)
        except ValueError as exc:
            problems.append(f"LINE {number}: {exc}")
            continue
        records.setdefault(key, []).append(record)
    return records, problems


# --- display -------------------------------------------------------------------------------------


def render_table(report: ScoreReport) -> Table:
    """Per-field TP FP FN P R F1 and an overall row."""
    table = Table(title=f"Scores: {report.documents} gold documents in {report.files} files")
    table.add_column("field")
    for column in ("TP", "FP", "FN", "P", "R", "F1"):
        table.add_column(column, justify="right")

    def row(name: str, c: Counts) -> list[str]:
        return [name, str(c.tp), str(c.fp), str(c.fn), f"{c.precision:.3f}", f"{c.recall:.3f}", f"{c.f1:.3f}"]

    for name, counts in report.fields.items():
        table.add_row(*row(name, counts))
    table.add_section()
    table.add_row(*row("overall", report.overall), style="bold")
    return table
