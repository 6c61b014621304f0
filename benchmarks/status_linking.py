"""Status extraction and linking, scored on labelled follow-ups: python benchmarks/status_linking.py [--json OUT]

Two figures, which are not the same kind of thing:

1. Real: the SID minutes in corpus/ (a progress review of an action plan), labelled by hand in
   tracker/labels/real/. The plan it reviews is not in the corpus, so what is scored is the extraction: each
   reviewed indicator's status report (indicator number and status) against the labels.
2. Written chains: tracker/chains/ holds SYNTHETIC originals and follow-ups (tables, items, sentences,
   a progress review, a reminder and a reply), labelled in tracker/labels/. Each chain is run end to end:
   `smarak run`'s extraction, loading into a new SQLite database with the sources read, linking; an event
   counts when the status landed, applied, on the labelled decision. Candidates (links kept for a person to
   confirm) are not events; the number of labelled events found among them is printed beside. The chains
   marked `held_out` were written after the rules were frozen and are summed apart: the others were in view
   while the rules were written, so theirs is an in-sample figure.

Precision, recall and F1 are micro-averaged over events (real: over reports).
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pipeline.api import process_file  # noqa: E402
from pipeline.ingest import IngestOptions  # noqa: E402
from pipeline.score import Counts  # noqa: E402
from pipeline.store.db import StoredDecision, StoredEvent, connect, load  # noqa: E402
from pipeline.store.sources import source_text, track_records  # noqa: E402
from pipeline.store.status import relink  # noqa: E402
from pipeline.track.document import track_document  # noqa: E402
from pipeline.track.textkey import containment  # noqa: E402

CHAINS = ROOT / "tracker" / "chains"
LABELS = ROOT / "tracker" / "labels"
TARGET_MATCH = 0.8  # a label names its decision by a stretch of the decision's words


@dataclass
class Score:
    """Events (or reports) found, with how many of those found have the labelled day, and how many of those
    missed are among the candidates."""

    counts: Counts = field(default_factory=Counts)
    dates_right: int = 0
    in_candidates: int = 0

    def add(self, other: Score) -> None:
        self.counts += other.counts
        self.dates_right += other.dates_right
        self.in_candidates += other.in_candidates

    def row(self) -> dict[str, Any]:
        return self.counts.to_dict() | {"dates_right": self.dates_right, "in_candidates": self.in_candidates}


def score_real(path: Path) -> Score:
    """The SID minutes: reports (indicator, status) against the hand labels."""
    labels = json.loads(path.read_text(encoding="utf-8"))
    source = ROOT / labels["file"]
    (record,) = process_file(source)
    text = source_text(source.read_text(encoding="utf-8").split("\f"))
    start, end = text.documents[0]
    reports = track_document(text.text[start:end], start, text.page_starts, record).reports
    gold = {(g["ref"], g["status"]): g["on"] for g in labels["reports"]}
    found = {(r.ref, r.status): r.on.isoformat() if r.on else None for r in reports}
    hit = gold.keys() & found.keys()
    return Score(
        Counts(len(hit), len(found.keys() - gold.keys()), len(gold.keys() - found.keys())),
        dates_right=sum(gold[k] == found[k] for k in hit),
    )


def score_chain(labels_path: Path) -> Score:
    """One written chain, end to end in a new SQLite database."""
    labels = json.loads(labels_path.read_text(encoding="utf-8"))
    folder = CHAINS / labels["chain"]
    records = [r for path in sorted(folder.glob("*.txt")) for r in process_file(path)]
    with tempfile.TemporaryDirectory() as tmp:
        engine = connect(f"sqlite:///{tmp}/chain.db")
        load(engine, records, track_records(records, ROOT, IngestOptions()).tracking)
        relink(engine)
        with Session(engine) as session:
            decisions = session.scalars(select(StoredDecision)).all()
            events = session.scalars(select(StoredEvent).where(StoredEvent.source == "document")).all()
            files = {d.document_id: Path(d.document.file).name for d in decisions}
            predicted = {
                (Path(e.report.document.file).name, e.decision_uid, e.status): e.on_date.isoformat()
                for e in events
                if e.applied and e.report
            }
            candidates = {(Path(e.report.document.file).name, e.decision_uid, e.status) for e in events if e.report}
            gold = {(g["reported_in"], _target(g, decisions, files), g["status"]): g["on"] for g in labels["events"]}
        engine.dispose()
    hit = gold.keys() & predicted.keys()
    return Score(
        Counts(len(hit), len(predicted.keys() - gold.keys()), len(gold.keys() - predicted.keys())),
        dates_right=sum(gold[k] == predicted[k] for k in hit),
        in_candidates=len((gold.keys() - predicted.keys()) & candidates),
    )


def _target(label: dict[str, str], decisions: Iterable[StoredDecision], files: dict[str, str]) -> str:
    """The stable id of the decision a label names (its document's file and a stretch of its words)."""
    mine = [d for d in decisions if files[d.document_id] == label["decision_in"]]
    best = max(mine, key=lambda d: containment(label["decision"], d.text), default=None)
    if best is None or containment(label["decision"], best.text) < TARGET_MATCH:
        return f"<not extracted: {label['decision']}>"
    return best.uid


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--json", type=Path, help="also write the figures as JSON here")
    args = parser.parse_args()
    rows: dict[str, dict[str, Any]] = {}
    for path in sorted((LABELS / "real").glob("*.json")):
        rows[f"real: {path.stem} (extraction)"] = score_real(path).row()
    totals = {False: Score(), True: Score()}
    for path in sorted(LABELS.glob("*.json")):
        chain = score_chain(path)
        held_out = bool(json.loads(path.read_text(encoding="utf-8")).get("held_out"))
        totals[held_out].add(chain)
        rows[f"written{' (held out)' if held_out else ''}: {path.stem}"] = chain.row()
    rows["written chains in view of the rules, all (synthetic)"] = totals[False].row()
    rows["written chains held out, all (synthetic)"] = totals[True].row()
    print(f"{'set':56} {'TP':>3} {'FP':>3} {'FN':>3} {'P':>6} {'R':>6} {'F1':>6} {'dates':>6} {'in cand.':>8}")
    for name, r in rows.items():
        print(
            f"{name:56} {r['tp']:3} {r['fp']:3} {r['fn']:3} {r['precision']:6.3f} {r['recall']:6.3f} {r['f1']:6.3f}"
            f" {r['dates_right']:6} {r['in_candidates']:8}"
        )
    if args.json:
        args.json.write_text(json.dumps(rows, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
