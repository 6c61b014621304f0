"""The `smarak` command: run the pipeline, score records against gold, print the record schema."""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import json
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table
from sqlalchemy import Engine

from pipeline import __version__, ocreval, store
from pipeline import score as scoring
from pipeline.batch import run_batch
from pipeline.ingest import IngestOptions
from pipeline.models import Record, render_json_schema
from pipeline.normalize.dates import find_dates
from pipeline.ocr.cache import default_cache_folder
from pipeline.ocr.cleanup import CleanupOptions
from pipeline.report.html import render_report
from pipeline.report.snapshot import tracker_snapshot
from pipeline.store import export as store_export
from pipeline.store import summary
from pipeline.store.records import read_records
from pipeline.store.sources import track_records

app = typer.Typer(
    help="Structured JSON records from Bangladesh government letters, notifications and minutes.",
    no_args_is_help=True,
    add_completion=False,
)
_err = Console(stderr=True, highlight=False, soft_wrap=True)


def _print_version(value: bool) -> None:
    if value:
        typer.echo(f"smarak {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        bool, typer.Option("--version", callback=_print_version, is_eager=True, help="Print the version and exit.")
    ] = False,
) -> None:
    """Structured JSON records from Bangladesh government letters, notifications and minutes."""


class Format(StrEnum):
    csv = "csv"
    parquet = "parquet"
    xlsx = "xlsx"


class Executor(StrEnum):
    local = "local"
    dask = "dask"


class Mode(StrEnum):
    auto = "auto"
    ocr = "ocr"
    text = "text"


def input_paths(paths: list[Path]) -> list[Path]:
    """A usage error for a path with nothing there (a typo); a broken link, a loop or a FIFO is reported by
    the run, as a failure that says what it is."""
    missing = [str(path) for path in paths if not os.path.lexists(path)]
    if missing:
        raise typer.BadParameter(f"does not exist: {', '.join(missing)}")
    return paths


CLEANUP_STEPS = tuple(CleanupOptions.model_fields)


def _cleanup(value: str | None) -> CleanupOptions:
    """Cleanup options from a comma-separated list of steps to run ('none' for none; default: measured)."""
    if value is None:
        return CleanupOptions()
    steps = {s.strip() for s in value.split(",") if s.strip() and s.strip() != "none"}
    unknown = steps - set(CLEANUP_STEPS)
    if unknown:
        raise typer.BadParameter(f"unknown step(s) {', '.join(sorted(unknown))}; steps: {', '.join(CLEANUP_STEPS)}")
    return CleanupOptions(**{step: step in steps for step in CLEANUP_STEPS})


def _globs(help_text: str) -> Any:
    """A repeatable glob option (--include, --exclude)."""
    return typer.Option(metavar="GLOB", help=help_text)


@app.command()
def run(
    paths: Annotated[list[Path], typer.Argument(help="Files and folders (read recursively).", callback=input_paths)],
    output: Annotated[str, typer.Option("-o", "--output", help="JSON Lines output file; - for stdout.")] = "-",
    include: Annotated[
        list[str] | None,
        _globs(
            "In folders, read only the files that match (repeatable). A glob is matched against the path "
            "relative to the folder given and against the file name: '*.pdf', 'letters/*'."
        ),
    ] = None,
    exclude: Annotated[
        list[str] | None,
        _globs(
            "In folders, skip the files and folders that match (repeatable; matched as --include): 'drafts', '*.jsonl'."
        ),
    ] = None,
    mode: Annotated[
        Mode,
        typer.Option(
            help="auto: a PDF page's text layer if it passes the check, else OCR; ocr: OCR every page; "
            "text: never OCR PDF pages."
        ),
    ] = Mode.auto,
    cleanup: Annotated[
        str | None,
        typer.Option(
            help=f"Image clean-up steps to run before OCR, comma-separated, or 'none' "
            f"(steps: {', '.join(CLEANUP_STEPS)}; default: those that lowered CER when measured)."
        ),
    ] = None,
    dpi: Annotated[int, typer.Option(help="Resolution PDF pages are rasterised at for OCR.", min=72, max=600)] = 300,
    cache_dir: Annotated[
        Path | None, typer.Option(help="OCR cache folder (default: ~/.cache/smarak/ocr, or under $XDG_CACHE_HOME).")
    ] = None,
    no_cache: Annotated[bool, typer.Option("--no-cache", help="Neither read nor write the OCR cache.")] = False,
    jobs: Annotated[int, typer.Option("--jobs", "-j", help="Parallel workers (default: the usable cores).", min=1)] = (
        len(os.sched_getaffinity(0))
    ),
    resume: Annotated[
        bool,
        typer.Option(
            "--resume", help="Keep the output and skip files whose content already has records in it (needs -o FILE)."
        ),
    ] = False,
    executor: Annotated[Executor, typer.Option(help="local: a process pool; dask: a Dask cluster.")] = Executor.local,
    scheduler: Annotated[
        str | None,
        typer.Option(help="Dask scheduler address (tcp://HOST:8786); without it a local cluster is started."),
    ] = None,
    file_timeout: Annotated[
        float,
        typer.Option(
            "--file-timeout",
            metavar="SECONDS",
            min=0.001,
            help="Give up on a file (or on one part of a long file split by pages) after this long: it is reported "
            "as failed, its OCR stopped, and the run goes on.",
        ),
    ] = 600.0,
    pages_out: Annotated[
        Path | None,
        typer.Option(
            "--pages-out",
            metavar="DIR",
            help="Also keep each file's page texts (what the spans index) and, for scans, page images and word "
            "boxes here, for `smarak review`.",
        ),
    ] = None,
) -> None:
    """Extract one record per document from each file (text, PDF, PNG, JPEG, TIFF) as JSON Lines.

    Folders are read recursively, following symlinks. Names starting with a dot are skipped, and so are
    the run's own output and errors file. A FIFO, socket or device, a symlink loop, a broken link and a
    folder that cannot be listed are failures. Files are read in parallel; a long PDF or multi-page image is
    split by pages across the workers, and progress counts pages. Each record is written whole as soon as its
    file is done. Failures go to the output's errors file (records.jsonl →
    records.errors.jsonl; with -o -, stderr only). Exit status: 0 when every file was processed; 1 when
    some failed (each is named on stderr with its reason, and the other files' records are still
    written); 2 for a usage error or an output that cannot be written.
    """
    options = IngestOptions(
        mode=mode.value,
        cleanup=_cleanup(cleanup),
        dpi=dpi,
        cache=None if no_cache else (cache_dir or default_cache_folder()),
        timeout=file_timeout,
    )
    try:
        summary = run_batch(
            paths,
            None if output == "-" else Path(output),
            options,
            include=include or (),
            exclude=exclude or (),
            jobs=jobs,
            resume=resume,
            executor=executor.value,
            scheduler=scheduler,
            pages_out=pages_out,
        )
    except ValueError as error:
        _err.print(f"[red]error[/red] {error}")
        raise typer.Exit(2) from error
    for failure in summary.failures:
        _err.print(f"[red]error[/red] {failure.file}: {failure.message}")
    if summary.stopped:
        _err.print(f"[red]error[/red] {summary.stopped}")
    _err.print(summary.render())
    raise typer.Exit(summary.exit_code)


@app.command()
def score(
    gold_dir: Annotated[Path, typer.Argument(help="Folder of gold files (<name>.json).", exists=True, file_okay=False)],
    records: Annotated[Path, typer.Argument(help="JSON Lines records to score.", exists=True, dir_okay=False)],
    json_out: Annotated[Path | None, typer.Option("--json", help="Also write the table as JSON here.")] = None,
) -> None:
    """Score records against the gold set (contract section 3) and print the per-field table."""
    try:
        gold = scoring.load_gold(gold_dir)
    except ValueError as error:
        _err.print(f"[red]error[/red] {error}")
        raise typer.Exit(2) from error
    predicted, problems = scoring.load_records(records)
    for problem in problems:
        _err.print(f"[yellow]skipped[/yellow] {records}: {problem}")
    report = scoring.score(gold, predicted)
    Console(highlight=False).print(scoring.render_table(report))
    if report.unscored_files:
        _err.print(f"not in the gold set, not scored: {', '.join(report.unscored_files)}")
    if json_out:
        json_out.write_text(json.dumps(report.to_dict(), indent=2) + "\n", encoding="utf-8")


@app.command()
def review(
    records: Annotated[Path, typer.Argument(help="JSON Lines records to review.", exists=True, dir_okay=False)],
    pages: Annotated[
        Path | None,
        typer.Option(help="The run's page folder (smarak run --pages-out DIR).", exists=True, file_okay=False),
    ] = None,
    gold: Annotated[
        Path, typer.Option(help="Gold folder the checked fields are saved to (made if missing).", file_okay=False)
    ] = Path("gold"),
    port: Annotated[int, typer.Option(help="Port to serve on, at 127.0.0.1 only.", min=1, max=65535)] = 8765,
) -> None:
    """Review records in the browser beside their pages, correct them, and save what you checked as gold."""
    import uvicorn  # the web stack is loaded for this command only

    from pipeline.review.app import create_app
    from pipeline.review.session import Session

    session = Session.open(records, pages, gold)
    for problem in session.skipped:
        _err.print(f"[yellow]skipped[/yellow] {records}: {problem}")
    _err.print(f"reviewing {len(session.entries)} documents at http://127.0.0.1:{port}/ (Ctrl+C stops)")
    uvicorn.run(create_app(session), host="127.0.0.1", port=port, log_level="warning")


@app.command("ocr-eval")
def ocr_eval(
    scans: Annotated[
        Path, typer.Argument(help="Scan corpus folder written by scripts/make_scans.py.", exists=True, file_okay=False)
    ] = Path("out/scans"),
    gold_dir: Annotated[Path, typer.Option("--gold", help="Gold folder.", exists=True, file_okay=False)] = Path("gold"),
    fonts: Annotated[str | None, typer.Option(help="Comma-separated fonts to read (default: all).")] = None,
    limit: Annotated[int | None, typer.Option(help="Only the first N documents.", min=1)] = None,
    ablate: Annotated[
        bool, typer.Option("--ablate", help="Also measure CER with each clean-up step switched (on the first font).")
    ] = False,
    per_page: Annotated[bool, typer.Option("--per-page", help="Print every page's CER and WER.")] = False,
    json_out: Annotated[Path | None, typer.Option("--json", help="Write every figure as JSON here.")] = None,
    no_cache: Annotated[bool, typer.Option("--no-cache", help="Neither read nor write the OCR cache.")] = False,
) -> None:
    """Character and word error rates per page and overall (clean, degraded, born-digital), with and
    without each clean-up step, and the extraction score on the scans next to the same documents as text."""
    try:
        documents = ocreval.load_manifest(scans)[:limit]
        gold = scoring.load_gold(gold_dir)
    except ValueError as error:
        _err.print(f"[red]error[/red] {error}")
        raise typer.Exit(2) from error
    available = list(documents[0].pdfs) if documents else []
    chosen = [f.strip() for f in fonts.split(",")] if fonts else available
    options = IngestOptions(cache=None if no_cache else default_cache_folder())
    with _progress() as progress:
        task = progress.add_task("reading scans", total=None)
        step: ocreval.Progress = lambda label: progress.update(task, description=label)  # noqa: E731
        result = ocreval.evaluate(documents, chosen, ocreval.KINDS, options, "default", step)
        if ablate:
            for label, cleanup in ocreval.ablations(options.cleanup)[1:]:
                variant = options.model_copy(update={"cleanup": cleanup})
                extra = ocreval.evaluate(documents, chosen[:1], ("clean", "degraded"), variant, label, step)
                result.pages += extra.pages
        text = ocreval.text_records(documents, Path.cwd())
    summary = ocreval.summarise(result.pages)
    reports = ocreval.extraction_scores(gold, text, result)
    console = Console(highlight=False)
    if per_page:
        console.print(_page_table(result.pages))
    console.print(_summary_table(summary))
    console.print(_extraction_table(reports))
    if json_out:
        payload = {
            "pages": [vars(p) for p in result.pages],
            "summary": summary,
            "extraction": {kind: report.to_dict() for kind, report in reports.items()},
        }
        json_out.write_text(json.dumps(payload, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def _progress() -> Progress:
    return Progress(
        SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn(), console=_err, transient=True
    )


def _page_table(pages: list[ocreval.PageScore]) -> Table:
    table = Table("document", "page", "font", "kind", "config", "CER", "WER", title="Pages")
    for p in pages:
        table.add_row(p.document, str(p.page), p.font, p.kind, p.config, f"{p.cer:.2%}", f"{p.wer:.2%}")
    return table


def _summary_table(summary: list[dict[str, Any]]) -> Table:
    table = Table("config", "kind", "font", "pages", "CER", "WER", "s/page", title="OCR and text layer")
    for row in summary:
        table.add_row(
            row["config"], row["kind"], row["font"], str(row["pages"]),
            f"{row['cer']:.2%}", f"{row['wer']:.2%}", f"{row['seconds_per_page']:.2f}",
        )  # fmt: skip
    return table


def _f1(counts: scoring.Counts) -> str:
    """F1, or a dash where the field had nothing to score."""
    return f"{counts.f1:.3f}" if counts.tp + counts.fp + counts.fn else "—"


def _extraction_table(reports: dict[str, scoring.ScoreReport]) -> Table:
    kinds = list(reports)
    table = Table("field", *[f"F1 {k}" for k in kinds], title="Extraction on the same documents")
    for name in scoring.FIELDS:
        table.add_row(name, *[_f1(reports[k].fields[name]) for k in kinds])
    table.add_row("overall", *[f"{reports[k].overall.f1:.3f}" for k in kinds], style="bold")
    base = reports["text"].overall.f1
    if base:
        table.caption = ", ".join(f"{k}/text = {reports[k].overall.f1 / base:.3f}" for k in kinds if k != "text")
    return table


@app.command()
def export(
    records: Annotated[Path, typer.Argument(help="JSON Lines records.", exists=True, dir_okay=False)],
    to: Annotated[Format, typer.Option("--to", help="Output format.")],
    out: Annotated[
        Path,
        typer.Argument(
            help="An existing folder (documents.EXT and decisions.EXT, or records.xlsx, go inside it) or a name "
            "prefix (OUT.documents.EXT and OUT.decisions.EXT, or OUT.xlsx)."
        ),
    ],
) -> None:
    """A documents table and a decisions table (one row per decision, with its document's memo number and
    date, responsible joined, deadline kind and date), ready for Excel or a notebook."""
    good, _skipped = _good_records(records)
    try:
        written = store_export.export(good, to.value, out)
    except OSError as error:
        _err.print(f"[red]error[/red] {error}")
        raise typer.Exit(1) from error
    for path in written:
        _err.print(f"wrote {path}")


def _good_records(path: Path) -> tuple[list[Record], int]:
    """The valid records of a JSON Lines file and how many lines were not; each is reported with its number."""
    good: list[Record] = []
    skipped = 0
    try:
        for number, item in read_records(path):
            if isinstance(item, str):
                _err.print(f"[yellow]skipped[/yellow] {path}: line {number}: {item}")
                skipped += 1
            else:
                good.append(item)
    except OSError as error:
        _err.print(f"[red]error[/red] cannot read {path}: {error.strerror}")
        raise typer.Exit(2) from error
    return good, skipped


db_app = typer.Typer(help="The decision-tracking database (SQLite by default, PostgreSQL with a postgresql:// URL).")
app.add_typer(db_app, name="db")


class TrackedStatus(StrEnum):
    """A decision's status (pipeline.track.models.STATUSES)."""

    open = "open"
    in_progress = "in_progress"
    done = "done"
    dropped = "dropped"


DbUrl = Annotated[
    str,
    typer.Option(
        "--db",
        envvar="SMARAK_DB",
        help="Database URL, e.g. sqlite:///decisions.db or postgresql://u:p@host/db (default: $SMARAK_DB).",
    ),
]
AsJson = Annotated[bool, typer.Option("--json", help="Print JSON (the same as --format json).")]


class OutputFormat(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"
    xlsx = "xlsx"


Fmt = Annotated[OutputFormat, typer.Option("--format", help="table, json, csv (stdout or -o) or xlsx (needs -o).")]
Output = Annotated[Path | None, typer.Option("-o", "--output", help="Write the rows to this file.")]
AsOf = Annotated[
    str | None, typer.Option("--as-of", help="The day to judge by (2024-06-30 or 30/06/2024); default today.")
]
AsapDays = Annotated[int, typer.Option(help="Days an 'as soon as possible' decision may take.", min=0)]
UndatedDays = Annotated[
    int | None,
    typer.Option(help="Count a decision without a deadline as due this many days after its document.", min=0),
]
StatusOption = Annotated[
    list[TrackedStatus] | None, typer.Option("--status", help="Only decisions in this status (repeatable).")
]
Office = Annotated[
    str | None, typer.Option(help="Only decisions of this office or officer (short forms such as ইউএনও work).")
]
DueWithin = Annotated[int | None, typer.Option(help="Only decisions due in the next DAYS days.", min=0)]
DecisionId = Annotated[str, typer.Argument(help="A decision id (or its first characters, at least 4).")]
DECISION_COLUMNS = ("id", "status", "due", "responsible", "text", "memo_no")
_MOST_NAMED = 5  # source files named when they cannot be read again; the rest are counted
_NARROW = frozenset({"id", "status", "due", "days_overdue", "decided_on", "date", "score", "relation", "decisions"})


def parse_day(value: str | None, option: str) -> dt.date:
    """A day typed as 2024-06-30 or 30/06/2024 (Bangla digits too); today when not given."""
    if not value:
        return dt.date.today()
    with contextlib.suppress(ValueError):
        return dt.date.fromisoformat(value.strip())
    found = find_dates(value.strip())
    if len(found) == 1 and found[0].gregorian and found[0].text == value.strip():
        return found[0].gregorian
    raise typer.BadParameter(f"not a date: {value!r} (use 2024-06-30 or 30/06/2024)", param_hint=option)


def _filters(
    as_of: str | None,
    status: list[TrackedStatus] | None = None,
    office: str | None = None,
    due_within: int | None = None,
    overdue: bool = False,
    asap_days: int = store.ASAP_DAYS,
    undated_days: int | None = None,
) -> store.Filters:
    return store.Filters(
        as_of=parse_day(as_of, "--as-of"),
        status=frozenset(s.value for s in status or []),
        office=office,
        due_within=due_within,
        overdue=overdue,
        asap_days=asap_days,
        undated_days=undated_days,
    )


@db_app.command("load")
def db_load(
    records: Annotated[Path, typer.Argument(help="JSON Lines records.", exists=True, dir_okay=False)],
    db: DbUrl = store.DEFAULT_URL,
    sources: Annotated[
        bool,
        typer.Option(
            help="Read the records' source files again (beside the records file, or where `run` found them) for "
            "agenda items and the statuses follow-up documents report."
        ),
    ] = True,
) -> None:
    """Load records: keyed by record id, loading the same records again changes nothing, and a re-extracted
    document replaces its rows in one transaction, its decisions keeping their ids. Then the status reports
    are linked to the decisions they are about. Exit status 1 when a line was not a valid record (the
    others are loaded) or a record could not be stored."""
    good, skipped = _good_records(records)
    tracking = None
    if sources:
        tracked = track_records(good, records.parent, IngestOptions(cache=default_cache_folder()))
        tracking = tracked.tracking
        for file, reason in list(tracked.missing.items())[:_MOST_NAMED]:
            _err.print(f"[yellow]no source text[/yellow] {file}: {reason} (no agenda items or status reports from it)")
        if len(tracked.missing) > _MOST_NAMED:
            _err.print(f"[yellow]no source text[/yellow] for {len(tracked.missing) - _MOST_NAMED} more files")
    with _failing_with_exit_1():
        engine = store.connect(db)
        result = store.load(engine, good, tracking)
        linked = store.relink(engine)
    _err.print(f"{result.inserted} inserted, {result.replaced} replaced, {result.unchanged} unchanged")
    _err.print(
        f"{linked.reports} status reports: {linked.applied} applied, {linked.candidates} kept as candidates, "
        f"{linked.unlinked} with no decision found"
    )
    if skipped:
        _err.print(f"[red]error[/red] {skipped} corrupt line{'s' if skipped > 1 else ''} skipped (named above)")
        raise typer.Exit(1)


@db_app.command("upgrade")
def db_upgrade(db: DbUrl = store.DEFAULT_URL) -> None:
    """Upgrade a database made by an earlier smarak to this one's schema (loading records does it too)."""
    with _failing_with_exit_1():
        before = store.upgrade(db)
    _err.print(f"upgraded from schema revision {before}" if before else "the schema is current")


@db_app.command("decisions")
def db_decisions(
    status: StatusOption = None,
    office: Office = None,
    due_within: DueWithin = None,
    overdue: Annotated[bool, typer.Option("--overdue", help="Only decisions past their due date.")] = False,
    as_of: AsOf = None,
    asap_days: AsapDays = store.ASAP_DAYS,
    undated_days: UndatedDays = None,
    db: DbUrl = store.DEFAULT_URL,
    fmt: Fmt = OutputFormat.table,
    output: Output = None,
) -> None:
    """Decisions with their status, due date and document (memo number, date, subject, meeting date, agenda
    item, file and page), soonest due first."""
    filters = _filters(as_of, status, office, due_within, overdue, asap_days, undated_days)
    rows = _query(lambda engine: store.decisions(engine, filters), db)
    _emit(rows, store.DecisionRow, DECISION_COLUMNS, f"Decisions as of {filters.as_of}", fmt, output)


@db_app.command("overdue")
def db_overdue(
    as_of: AsOf = None,
    asap_days: AsapDays = store.ASAP_DAYS,
    undated_days: UndatedDays = None,
    status: StatusOption = None,
    office: Office = None,
    db: DbUrl = store.DEFAULT_URL,
    as_json: AsJson = False,
    fmt: Fmt = OutputFormat.table,
    output: Output = None,
) -> None:
    """Decisions past their due date and neither done nor dropped; a recurring one only for its current period."""
    filters = _filters(as_of, status, office, None, True, asap_days, undated_days)
    rows = _query(lambda engine: store.decisions(engine, filters), db)
    columns = ("id", "due", "days_overdue", "responsible", "text")
    _emit(rows, store.DecisionRow, columns, f"Overdue as of {filters.as_of}", _format(fmt, as_json), output)


@db_app.command("assigned")
def db_assigned(
    name: Annotated[str, typer.Argument(help="An office or officer (short forms such as ইউএনও, ডিসি work).")],
    threshold: Annotated[float, typer.Option(help="Lowest match score (0–100).", min=0, max=100)] = 80,
    status: StatusOption = None,
    due_within: DueWithin = None,
    overdue: Annotated[bool, typer.Option("--overdue", help="Only decisions past their due date.")] = False,
    as_of: AsOf = None,
    asap_days: AsapDays = store.ASAP_DAYS,
    undated_days: UndatedDays = None,
    db: DbUrl = store.DEFAULT_URL,
    as_json: AsJson = False,
    fmt: Fmt = OutputFormat.table,
    output: Output = None,
) -> None:
    """Decisions assigned to an office or officer, best match first: a post is not taken for a longer post
    that contains it (জেলা প্রশাসক is not the অতিরিক্ত জেলা প্রশাসক)."""
    filters = _filters(as_of, status, None, due_within, overdue, asap_days, undated_days)
    rows = _query(lambda engine: store.assigned(engine, name, threshold, filters), db)
    columns = ("score", "matched", "id", "status", "due", "text")
    _emit(rows, store.AssignedRow, columns, f"Assigned to {name}", _format(fmt, as_json), output)


@db_app.command("summary")
def db_summary(
    as_of: AsOf = None,
    asap_days: AsapDays = store.ASAP_DAYS,
    db: DbUrl = store.DEFAULT_URL,
    fmt: Fmt = OutputFormat.table,
    output: Output = None,
) -> None:
    """Per office: decisions, done, done on time, overdue and the median delay (days late) of those done."""
    filters = _filters(as_of, asap_days=asap_days)
    rows = summary.by_office(_query(lambda engine: store.decisions(engine, filters), db))
    columns = ("office", "decisions", "done", "done_on_time", "overdue", "median_delay_days")
    _emit(rows, summary.OfficeSummary, columns, f"Offices as of {filters.as_of}", fmt, output, tabulate_only=True)


@db_app.command("status")
def db_status(
    decision: DecisionId,
    set_to: Annotated[TrackedStatus | None, typer.Option("--set", help="Record this status.")] = None,
    on: Annotated[str | None, typer.Option("--on", help="The day it took effect; default today.")] = None,
    note: Annotated[str | None, typer.Option(help="A note kept with the change.")] = None,
    by: Annotated[
        str | None, typer.Option("--by", envvar="USER", help="Who records it (default: $USER).", show_envvar=False)
    ] = None,
    db: DbUrl = store.DEFAULT_URL,
) -> None:
    """Show a decision's status, or record a change of it (--set done --on 2024-06-30 --note …)."""
    day = parse_day(on, "--on")
    with _failing_with_exit_1():
        engine = store.connect(db, mode="read")
        if set_to is not None:
            uid = store.set_status(engine, decision, set_to.value, day, note, by)
            _err.print(f"{uid}: {set_to.value} on {day}")
            return
        found = store.history(engine, decision)
    typer.echo(f"{found.id}\t{found.status}\t{found.memo_no or found.document_id}\t{found.ref or ''}\t{found.text}")


@db_app.command("history")
def db_history(
    decision: DecisionId,
    db: DbUrl = store.DEFAULT_URL,
    as_json: AsJson = False,
) -> None:
    """A decision's status events, oldest first: who or which document set each, and the candidates that a
    document's report may be about but that were not applied."""
    with _failing_with_exit_1():
        found = store.history(store.connect(db, mode="read"), decision)
    if as_json:
        sys.stdout.write(json.dumps(dataclasses.asdict(found), ensure_ascii=False, indent=2, default=str) + "\n")
        return
    table = Table("on", "status", "source", "applied", "confidence", "by / document", "note / words", title=found.text)
    for e in found.events:
        who = e.actor if e.source == "person" else e.memo_no or e.document_id
        applied = "yes" if e.applied else "candidate"
        confidence = "" if e.confidence is None else f"{e.confidence:.2f}"
        table.add_row(str(e.on), e.status, e.source, applied, confidence, who or "", e.note or e.evidence or "")
    Console(highlight=False).print(table)
    _err.print(f"{found.id}: {found.status}")


@db_app.command("thread")
def db_thread(
    memo: Annotated[str, typer.Argument(help="A memo number (Bangla or ASCII digits).")],
    db: DbUrl = store.DEFAULT_URL,
    as_json: AsJson = False,
) -> None:
    """The chain of documents linked by references, oldest first, with their decisions and deadlines."""
    rows = _query(lambda engine: store.thread(engine, memo), db)
    if not rows and not as_json:
        _err.print(f"no document with memo number {memo} in the database")
    columns = ("relation", "memo_no", "date", "doc_type", "subject", "decisions")
    _emit(rows, store.ThreadRow, columns, f"Thread of {memo}", _format(OutputFormat.table, as_json), None)


@app.command()
def report(
    output: Annotated[Path, typer.Option("-o", "--output", help="The HTML file to write.")] = Path("report.html"),
    as_of: AsOf = None,
    asap_days: AsapDays = store.ASAP_DAYS,
    db: DbUrl = store.DEFAULT_URL,
) -> None:
    """The audit report: one self-contained HTML file (works offline) with decisions per office and the share
    done on time, the age of open decisions, a timeline per meeting, the quarterly implementation rate, and
    every decision and document the figures link to."""
    filters = _filters(as_of, asap_days=asap_days)
    with _failing_with_exit_1():
        engine = store.connect(db, mode="read")
        page = render_report(tracker_snapshot(engine, filters), store.shown_url(db))
        store_export.write_text_atomic(output, page)
    _err.print(f"wrote {output}")


def _format(fmt: OutputFormat, as_json: bool) -> OutputFormat:
    return OutputFormat.json if as_json else fmt


@contextlib.contextmanager
def _failing_with_exit_1() -> Iterator[None]:
    """A database that cannot be used, or a file that cannot be written: said on stderr, exit status 1."""
    try:
        yield
    except (store.StoreError, OSError) as error:
        _err.print(f"[red]error[/red] {error}")
        raise typer.Exit(1) from error


def _query(run: Callable[[Engine], Sequence[Any]], url: str) -> Sequence[Any]:
    """Run a query on an existing database (never creating one)."""
    with _failing_with_exit_1():
        return run(store.connect(url, mode="read"))


def _emit(
    rows: Sequence[Any],
    row_type: type,
    columns: Sequence[str],
    title: str,
    fmt: OutputFormat,
    output: Path | None,
    *,
    tabulate_only: bool = False,
) -> None:
    """The rows as a table, JSON, CSV or a workbook, to stdout or to the output file: the table shows `columns`,
    CSV and workbooks every field (only `columns` with `tabulate_only`), JSON every field."""
    if fmt is OutputFormat.table:
        if output is not None:
            raise typer.BadParameter("a table is printed; use --format csv, xlsx or json to write a file")
        _show(rows, columns, title)
        return
    if fmt is OutputFormat.xlsx and output is None:
        raise typer.BadParameter("xlsx needs a file: -o FILE.xlsx", param_hint="--format")
    with _failing_with_exit_1():
        if fmt is OutputFormat.json:
            payload = json.dumps([dataclasses.asdict(r) for r in rows], ensure_ascii=False, indent=2, default=str)
            _write(payload + "\n", output)
            return
        frame = store_export.rows_frame(rows, row_type, columns if tabulate_only else None)
        if output is None:
            sys.stdout.write(store_export.csv_text(frame))
        else:
            store_export.write_table(frame, "csv" if fmt is OutputFormat.csv else "xlsx", output, sheet="rows")
    if output is not None:
        _err.print(f"wrote {len(rows)} rows to {output}")


def _write(text: str, output: Path | None) -> None:
    if output is None:
        sys.stdout.write(text)
    else:
        store_export.write_text_atomic(output, text)


def _show(rows: Sequence[object], columns: Sequence[str], title: str) -> None:
    table = Table(title=title)
    for column in columns:
        table.add_column(column, no_wrap=column in _NARROW)
    for row in rows:
        table.add_row(*(_cell(getattr(row, column)) for column in columns))
    Console(highlight=False).print(table)


def _cell(value: object) -> str:
    if isinstance(value, list):
        return "\n".join(_cell(v) for v in value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        decision = dataclasses.asdict(value)
        return " ".join(str(v) for v in decision.values() if v not in (None, "", []))
    if isinstance(value, float):
        return f"{value:.0f}"
    return "" if value is None else str(value)


@app.command()
def schema() -> None:
    """Print the JSON Schema of a record (schema/record.schema.json)."""
    sys.stdout.write(render_json_schema())


if __name__ == "__main__":
    app()
