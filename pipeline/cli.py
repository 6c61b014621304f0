"""The `smarak` command: run the pipeline, score records against gold, print the record schema."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import os
import sys
from collections.abc import Callable, Sequence
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
from pipeline.ocr.cache import default_cache_folder
from pipeline.ocr.cleanup import CleanupOptions
from pipeline.store import export as store_export
from pipeline.store.records import read_records

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
) -> None:
    """Extract one record per document from each file (text, PDF, PNG, JPEG, TIFF) as JSON Lines.

    Folders are read recursively, following symlinks. Names starting with a dot are skipped, and so are
    the run's own output and errors file. A FIFO, socket or device, a symlink loop, a broken link and a
    folder that cannot be listed are failures. Files are read in parallel. Each record is written whole as
    soon as its file is done. Failures go to the output's errors file (records.jsonl →
    records.errors.jsonl; with -o -, stderr only). Exit status: 0 when every file was processed; 1 when
    some failed (each is named on stderr with its reason, and the other files' records are still
    written); 2 for a usage error or an output that cannot be written.
    """
    options = IngestOptions(
        mode=mode.value,
        cleanup=_cleanup(cleanup),
        dpi=dpi,
        cache=None if no_cache else (cache_dir or default_cache_folder()),
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
DbUrl = Annotated[
    str, typer.Option("--db", help="Database URL, e.g. sqlite:///decisions.db or postgresql://u:p@host/db.")
]
AsJson = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")]


@db_app.command("load")
def db_load(
    records: Annotated[Path, typer.Argument(help="JSON Lines records.", exists=True, dir_okay=False)],
    db: DbUrl = store.DEFAULT_URL,
) -> None:
    """Load records: keyed by record id, loading the same records again changes nothing, and a re-extracted
    document replaces its rows in one transaction. Exit status 1 when a line was not a valid record (the
    others are loaded) or a record could not be stored."""
    good, skipped = _good_records(records)
    try:
        result = store.load(store.connect(db), good)
    except store.StoreError as error:
        _err.print(f"[red]error[/red] {error}")
        raise typer.Exit(1) from error
    _err.print(f"{result.inserted} inserted, {result.replaced} replaced, {result.unchanged} unchanged")
    if skipped:
        _err.print(f"[red]error[/red] {skipped} corrupt line{'s' if skipped > 1 else ''} skipped (named above)")
        raise typer.Exit(1)


@db_app.command("overdue")
def db_overdue(
    as_of: Annotated[str, typer.Option("--as-of", help="The day to judge by (YYYY-MM-DD); default today.")] = "",
    asap_days: Annotated[int, typer.Option(help="Days an 'as soon as possible' decision may take.", min=0)] = 30,
    db: DbUrl = store.DEFAULT_URL,
    as_json: AsJson = False,
) -> None:
    """Decisions whose deadline has passed (recurring deadlines at their latest due date)."""
    try:
        day = dt.date.fromisoformat(as_of) if as_of else dt.date.today()
    except ValueError as error:
        raise typer.BadParameter(f"not a date: {as_of!r} (use YYYY-MM-DD)", param_hint="--as-of") from error
    rows = _query(lambda engine: store.overdue(engine, day, asap_days), db)
    columns = ("memo_no", "date", "ref", "text", "responsible", "kind", "value", "due", "days_overdue")
    _show(rows, columns, f"Overdue as of {day}", as_json)


@db_app.command("assigned")
def db_assigned(
    name: Annotated[str, typer.Argument(help="An office or officer, matched fuzzily.")],
    threshold: Annotated[float, typer.Option(help="Lowest match score (0–100).", min=0, max=100)] = 80,
    db: DbUrl = store.DEFAULT_URL,
    as_json: AsJson = False,
) -> None:
    """Decisions assigned to an office or officer, best match first."""
    rows = _query(lambda engine: store.assigned(engine, name, threshold), db)
    columns = ("score", "matched", "memo_no", "date", "ref", "text", "deadline_kind", "deadline_value")
    _show(rows, columns, f"Assigned to {name}", as_json)


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
    _show(rows, ("relation", "memo_no", "date", "doc_type", "subject", "decisions"), f"Thread of {memo}", as_json)


def _query(run: Callable[[Engine], Sequence[object]], url: str) -> Sequence[object]:
    try:
        return run(store.connect(url))
    except store.StoreError as error:
        _err.print(f"[red]error[/red] {error}")
        raise typer.Exit(1) from error


def _show(rows: Sequence[object], columns: Sequence[str], title: str, as_json: bool) -> None:
    if as_json:
        payload = [dataclasses.asdict(row) for row in rows]  # type: ignore[call-overload]
        sys.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2, default=str) + "\n")
        return
    table = Table(*columns, title=title)
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
