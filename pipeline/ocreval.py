"""OCR and end-to-end evaluation on the scan corpus that scripts/make_scans.py writes.

Every scanned document is read the way `smarak run` reads it (`pipeline.ingest`): its page texts are
compared with the pages' ground truth (CER, WER), and its records are scored against the gold set next
to the records of the same documents read as text.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pipeline.api import process_file, process_pages
from pipeline.ingest import IngestOptions, read_pages
from pipeline.ocr.cleanup import CleanupOptions
from pipeline.ocr.metrics import cer, wer
from pipeline.score import ScoreReport, file_key, score

KINDS = ("born-digital", "clean", "degraded")
Progress = Callable[[str], None]


@dataclass(frozen=True)
class ScanDocument:
    """A corpus document's scans: its text source, page ground truths, and PDFs by font and kind."""

    name: str
    source: Path
    truths: list[Path]
    pdfs: dict[str, dict[str, Path]]


@dataclass(frozen=True)
class PageScore:
    document: str
    page: int
    font: str
    kind: str
    config: str
    cer: float
    wer: float
    seconds: float


@dataclass
class Evaluation:
    """Page scores, and records (as JSON dicts) by kind, then by file key."""

    pages: list[PageScore] = field(default_factory=list)
    records: dict[str, dict[str, list[dict[str, Any]]]] = field(default_factory=dict)


def load_manifest(folder: Path) -> list[ScanDocument]:
    """The documents of a scan corpus folder (its manifest.json)."""
    try:
        manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
        return [
            ScanDocument(
                name=entry["document"],
                source=Path(entry["source"]),
                truths=[folder / gt for gt in entry["gt"]],
                pdfs={
                    font: {kind: folder / path for kind, path in kinds.items()} for font, kinds in entry["pdfs"].items()
                },
            )
            for entry in manifest["documents"]
        ]
    except (OSError, KeyError, TypeError, json.JSONDecodeError) as error:
        raise ValueError(f"{folder}: not a scan corpus made by scripts/make_scans.py ({error})") from error


def evaluate(
    documents: Iterable[ScanDocument],
    fonts: list[str],
    kinds: Iterable[str],
    options: IngestOptions,
    config: str,
    progress: Progress,
) -> Evaluation:
    """Read every PDF of the given fonts and kinds; score its pages and keep its records."""
    result = Evaluation()
    for document in documents:
        truths = [path.read_text(encoding="utf-8") for path in document.truths]
        for font in fonts:
            for kind in kinds:
                pdf = document.pdfs[font][kind]
                progress(f"{document.name} {font} {kind}")
                mode = "auto" if kind == "born-digital" else "ocr"
                started = time.perf_counter()
                pages = read_pages(pdf, options.model_copy(update={"mode": mode}))
                seconds = (time.perf_counter() - started) / max(len(pages.pages), 1)
                for number, (page, truth) in enumerate(zip(pages.pages, truths, strict=False), start=1):
                    result.pages.append(
                        PageScore(
                            document.name,
                            number,
                            font,
                            kind,
                            config,
                            cer(page.text, truth),
                            wer(page.text, truth),
                            seconds,
                        )
                    )
                records = process_pages(pages.pages, file=str(pdf), sha256=pages.sha256, warnings=pages.warnings)
                by_file = result.records.setdefault(f"{kind}:{font}", {})
                by_file[file_key(str(pdf))] = [r.model_dump(mode="json", by_alias=True) for r in records]
    return result


def text_records(documents: Iterable[ScanDocument], root: Path) -> dict[str, list[dict[str, Any]]]:
    """Records of the same documents read from their text files."""
    return {
        file_key(str(d.source)): [r.model_dump(mode="json", by_alias=True) for r in process_file(root / d.source)]
        for d in documents
    }


def extraction_scores(
    gold: dict[str, list[dict[str, Any]]], text: dict[str, list[dict[str, Any]]], scans: Evaluation
) -> dict[str, ScoreReport]:
    """The score of each way of reading (text; each kind of scan, every font's copy counted), on the
    gold documents that were scanned."""
    scanned = {key: docs for key, docs in gold.items() if key in text}
    reports = {"text": score(scanned, text)}
    for label, by_file in scans.records.items():
        kind = label.split(":", 1)[0]
        report = score(scanned, by_file)
        reports[kind] = reports[kind] + report if kind in reports else report
    return reports


def ablations(base: CleanupOptions) -> list[tuple[str, CleanupOptions]]:
    """The base clean-up, and the base with each step switched the other way."""
    configs = [("default", base)]
    for step, value in base.model_dump().items():
        configs.append((f"{step} {'off' if value else 'on'}", base.model_copy(update={step: not value})))
    return configs


def summarise(pages: list[PageScore]) -> list[dict[str, Any]]:
    """Mean CER, WER and seconds per page by configuration, kind and font, then over fonts."""
    groups: dict[tuple[str, str, str], list[PageScore]] = {}
    for page in pages:
        groups.setdefault((page.config, page.kind, page.font), []).append(page)
        groups.setdefault((page.config, page.kind, "all fonts"), []).append(page)
    return [
        {
            "config": config,
            "kind": kind,
            "font": font,
            "pages": len(group),
            "cer": sum(p.cer for p in group) / len(group),
            "wer": sum(p.wer for p in group) / len(group),
            "seconds_per_page": sum(p.seconds for p in group) / len(group),
        }
        for (config, kind, font), group in groups.items()
    ]
