"""Accuracy per field on every gold set: the pipeline against a naive regex baseline.

Each set's files are read by the pipeline (`pipeline.api.process_file`) and by the naive baseline
(`benchmarks/naive_baseline.py`, given the same normalised page text), and both are scored against the
set's gold with `pipeline.score`. The baseline is the floor: the pipeline should beat it on every field.

Sets: corpus-original and corpus-real2 (real documents as text), devset and heldout to heldout11 (synthetic),
real-scans (real scans and PDFs in shared/real-scans, the folder beside the repository, read by OCR; skipped when
that folder is absent, and never copied into the repository). OCR results go to the OCR cache
(`default_cache_folder()`), so the baseline reuses the pipeline's OCR instead of running it again. Run:

    python benchmarks/accuracy.py [--sets corpus-original,heldout] [--json FILE] [--markdown]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import regex
from rich.console import Console
from rich.table import Table

ROOT = Path(__file__).resolve().parent.parent
if __package__ in (None, ""):  # run as a script: the repository root is not on the path yet
    sys.path.insert(0, str(ROOT))

from benchmarks.naive_baseline import naive_records  # noqa: E402
from pipeline.api import normalise_pages, process_file  # noqa: E402
from pipeline.ingest import IngestOptions, read_pages  # noqa: E402
from pipeline.ocr.cache import default_cache_folder  # noqa: E402
from pipeline.score import FIELDS, Counts, ScoreReport, file_key, load_gold, score  # noqa: E402

SYNTHETIC = (
    "devset",
    "heldout",
    "heldout2",
    "heldout3",
    "heldout4",
    "heldout5",
    "heldout6",
    "heldout7",
    "heldout8",
    "heldout9",
    "heldout10",
    "heldout11",
)
SET_NAMES = ("corpus-original", "corpus-real2", *SYNTHETIC, "real-scans")
_REAL2 = regex.compile(r"r\d\d")

Extractor = Callable[[Path, IngestOptions], list[dict[str, Any]]]


@dataclass(frozen=True)
class GoldSet:
    """A named set of input files and the gold folder that scores them."""

    name: str
    kind: str  # what the documents are, for the reader of the table
    files: tuple[Path, ...]
    gold_dir: Path

    def gold(self) -> dict[str, list[dict[str, Any]]]:
        """The gold of this set's files only (corpus sets share one gold folder)."""
        keys = {file_key(path.name) for path in self.files}
        return {key: docs for key, docs in load_gold(self.gold_dir).items() if key in keys}


def _gold_set(name: str, kind: str, paths: Iterable[Path], gold_dir: Path) -> GoldSet:
    """A set of the given files that have a gold file."""
    files = tuple(p for p in sorted(paths) if (gold_dir / f"{file_key(p.name)}.json").is_file())
    return GoldSet(name, kind, files, gold_dir)


def real_scans(root: Path = ROOT) -> Path:
    """Where the real scans are expected: shared/real-scans in the folder beside the repository."""
    return root.parent / "shared" / "real-scans"


def find_set(name: str, root: Path = ROOT) -> GoldSet | None:
    """The set called `name`; None for real-scans when shared/real-scans is not beside the repo."""
    if name in ("corpus-original", "corpus-real2"):
        real2 = name == "corpus-real2"
        corpus = (p for p in (root / "corpus").glob("*.txt") if bool(_REAL2.fullmatch(p.stem)) == real2)
        return _gold_set(name, "real, text", corpus, root / "gold")
    if name in SYNTHETIC:
        return _gold_set(name, "synthetic, text", (root / name / "docs").glob("*.txt"), root / name / "gold")
    if name == "real-scans":
        scans = real_scans(root)
        return (
            _gold_set(name, "real, scans and PDFs", (scans / "files").iterdir(), scans / "gold")
            if scans.is_dir()
            else None
        )
    raise ValueError(f"unknown set {name!r}; known: {', '.join(SET_NAMES)}")


def pipeline_records(path: Path, options: IngestOptions) -> list[dict[str, Any]]:
    """The pipeline's records as JSON data (`Record.model_dump`, as the tests score them)."""
    return [r.model_dump(mode="json", by_alias=True) for r in process_file(path, options)]


def page_text(path: Path, options: IngestOptions) -> str:
    """The text the pipeline's extractors read: pages as ingested and normalised, joined by form feeds."""
    return "\f".join(normalise_pages([page.text for page in read_pages(path, options).pages]))


def baseline_records(path: Path, options: IngestOptions) -> list[dict[str, Any]]:
    return naive_records(page_text(path, options))


def predictions(gold_set: GoldSet, extractor: Extractor, options: IngestOptions) -> dict[str, list[dict[str, Any]]]:
    """One extractor's records of every file in the set, by file key."""
    return {file_key(path.name): extractor(path, options) for path in gold_set.files}


def score_set(gold_set: GoldSet, extractor: Extractor, options: IngestOptions | None = None) -> ScoreReport:
    """Score one extractor's records of every file in the set against the set's gold."""
    return score(gold_set.gold(), predictions(gold_set, extractor, options or IngestOptions()))


def compare(gold_set: GoldSet, options: IngestOptions) -> tuple[ScoreReport, ScoreReport]:
    """The pipeline's and the baseline's scores on one set."""
    # Pipeline first: it fills the OCR cache that the baseline's page text is then read from.
    return score_set(gold_set, pipeline_records, options), score_set(gold_set, baseline_records, options)


# --- report --------------------------------------------------------------------------------------


def verdict(pipeline: Counts, baseline: Counts) -> str:
    """Whether the pipeline's F1 beats the baseline's; '-' when neither side counted anything."""
    if not any((pipeline.tp, pipeline.fp, pipeline.fn, baseline.tp, baseline.fp, baseline.fn)):
        return "-"
    if pipeline.f1 == baseline.f1:
        return "tie"
    return "yes" if pipeline.f1 > baseline.f1 else "NO"


def rows(pipeline: ScoreReport, baseline: ScoreReport) -> list[list[str]]:
    """field | TP FP FN F1 | baseline F1 | beats baseline?, per field and overall."""
    pairs = [(name, pipeline.fields[name], baseline.fields[name]) for name in FIELDS]
    pairs.append(("overall", pipeline.overall, baseline.overall))
    return [
        [name, str(p.tp), str(p.fp), str(p.fn), f"{p.f1:.3f}", f"{b.f1:.3f}", verdict(p, b)] for name, p, b in pairs
    ]


HEADER = ("field", "TP", "FP", "FN", "F1", "baseline F1", "beats baseline?")


def title(gold_set: GoldSet, report: ScoreReport) -> str:
    return f"{gold_set.name} ({gold_set.kind}): {report.documents} gold documents in {report.files} files"


def markdown(heading: str, table: list[list[str]]) -> str:
    lines = [f"### {heading}", "", "| " + " | ".join(HEADER) + " |", "|" + " --- |" * len(HEADER)]
    lines += ["| " + " | ".join(f"**{c}**" if r[0] == "overall" else c for c in r) + " |" for r in table]
    return "\n".join(lines)


def rich_table(heading: str, table: list[list[str]]) -> Table:
    out = Table(title=heading)
    for i, column in enumerate(HEADER):
        out.add_column(column, justify="left" if i == 0 else "right")
    for row in table[:-1]:
        out.add_row(*row)
    out.add_section()
    out.add_row(*table[-1], style="bold")
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sets", default=",".join(SET_NAMES), help=f"comma-separated (default: {','.join(SET_NAMES)})")
    parser.add_argument("--json", type=Path, help="write every set's counts to this file")
    parser.add_argument("--markdown", action="store_true", help="print README-ready markdown tables")
    args = parser.parse_args()
    names = [n.strip() for n in args.sets.split(",") if n.strip()]
    if unknown := [n for n in names if n not in SET_NAMES]:
        parser.error(f"unknown set(s) {', '.join(unknown)}; known: {', '.join(SET_NAMES)}")
    console = Console()
    options = IngestOptions(cache=default_cache_folder())
    results: dict[str, Any] = {}
    for name in names:
        gold_set = find_set(name)
        if gold_set is None:
            print(f"{name}: skipped, {real_scans()} is not there")
            continue
        started = time.perf_counter()
        pipeline, baseline = compare(gold_set, options)
        seconds = time.perf_counter() - started
        heading, table = title(gold_set, pipeline), rows(pipeline, baseline)
        if args.markdown:
            print(markdown(heading, table), end="\n\n")
        else:
            console.print(rich_table(heading, table))
        results[name] = {
            "kind": gold_set.kind,
            "seconds": round(seconds, 1),
            "pipeline": pipeline.to_dict(),
            "baseline": baseline.to_dict(),
        }
    if args.json:
        args.json.write_text(json.dumps(results, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
