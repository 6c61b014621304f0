"""Run the pipeline over many files in parallel, writing every document's record exactly once.

Workers read files (one file per task) in a process pool or on a Dask cluster; only the parent writes. A
long PDF or multi-page image is read in parts of its pages, one per task (`pipeline.split`); the parent
merges the parts in page order and extracts the file's records once the last is in, so a split file is
written like any other. Progress counts pages. Exactly once, also across a kill -9 and `resume`:

* A file's records are one block, written by the single writer with one `os.write` on an O_APPEND
  descriptor (looping only on a short write). Blocks follow one another, so only the LAST block of the
  output can be cut short (a kill or a full disk in the middle of that write).
* A failed write cuts the output back to where its block began, so a full disk leaves whole lines.
* `resume` reads the output, cuts a torn last line and then the whole last block (the records of the last
  file, which may be partial), and skips the input files whose sha256 (`source.sha256`) has records in
  what is left. The file of the cut block is read again: at most one file's work is redone.
* A file whose content was already written (resumed, or an identical copy under another name) is
  skipped, so no record id appears twice.

Inputs: each file given, and every file below each folder given, following symlinks. Names starting with a
dot are skipped in folders, and so are the run's own output and errors file. Include and exclude globs
choose files in folders. An entry that cannot be read is a failure, never a silent gap: a FIFO, socket or
device (opening one could block forever), a symlink loop, a broken link, a folder that cannot be listed.

Failures go to the output's errors file (`records.jsonl` → `records.errors.jsonl`, one object per file:
file, stage, message); with stdout or a device as output, to stderr only. The errors file is replaced
with the output, or on `resume` keeps the failures of files outside the paths given. A worker that dies
in the middle of a file (killed, out of memory, a crash) is retried once, alone, in a fresh worker, then
reported with stage "worker".

Nothing is written through a link planted beside the output. A symlink at the output is followed only to
a device, a pipe or our own stdout. The errors file is created exclusively (O_EXCL), or rewritten through
an exclusively created temporary file and a rename.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import io
import json
import logging
import multiprocessing
import os
import resource
import select
import signal
import stat
import sys
import threading
import time
from collections import Counter, deque
from collections.abc import Callable, Generator, Iterable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field, replace
from fnmatch import fnmatchcase
from pathlib import Path, PurePath
from typing import Any, Literal, NamedTuple, Protocol

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.table import Table

from pipeline import split
from pipeline.api import process_pages
from pipeline.files import temporary_beside
from pipeline.ingest import IngestOptions, InputError, Pages, read_pages
from pipeline.pages import ImageCollector, PageImage, SidecarFiles, build_sidecar, write_sidecar
from pipeline.warning_codes import LEVELS, count_codes, registry

Stage = Literal["read", "extract", "worker"]
Executor = Literal["local", "dask"]
Results = Generator["FileResult", None, None]

#: Fault injection for tests: a worker exits at once (os._exit) on a file of one of these names
#: (os.pathsep-separated), appending the name to the file named by CRASH_LOG_ENV first when it is set.
CRASH_ENV = "SMARAK_BATCH_CRASH_ON"
CRASH_LOG_ENV = "SMARAK_BATCH_CRASH_LOG"
_CPUS = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
_DIED = "the worker process died while reading this file (killed, out of memory or a crash), in both attempts"


class Task(NamedTuple):
    """A file to read: its name as given (recorded in `source.file`), the absolute path workers open, whether
    to send back its page sidecar too, and the page numbers to read of a file split by pages (`pipeline.split`;
    None: the whole file)."""

    file: str
    path: str
    sidecar: bool = False
    pages: range | None = None


@dataclass(frozen=True)
class FileResult:
    """What a worker sends back for one file: its record lines, or why it failed; for a part of a file split by
    pages, the pages it read (`part`), to be merged with the others before extraction. `pages`: pages by how
    they were read; `codes`: the records' warnings and the file's notes, by code."""

    file: str
    sha256: str | None = None
    lines: tuple[str, ...] = ()
    pages: dict[str, int] = field(default_factory=dict)
    codes: dict[str, int] = field(default_factory=dict)
    stage: Stage | None = None
    message: str = ""
    worker: str = ""
    peak_rss_kb: int = 0
    sidecar: SidecarFiles | None = None
    part: split.Part | None = None


@dataclass(frozen=True)
class Failure:
    """A file that gave no records: the line written to the errors file."""

    file: str
    stage: Stage
    message: str

    def to_json(self) -> str:
        return json.dumps({"file": self.file, "stage": self.stage, "message": self.message}, ensure_ascii=False)


@dataclass
class BatchSummary:
    """What a batch did. `exit_code`: 0 every file read, 1 some failed, 2 stopped (see `stopped`)."""

    files: int
    done: int = 0
    failed: int = 0
    skipped: int = 0
    records: int = 0
    pages_ocr: int = 0
    pages_pdf_text: int = 0
    pages_text: int = 0
    #: Record warnings (one per record they are in) and file notes, by code (`pipeline.warning_codes`).
    codes: Counter[str] = field(default_factory=Counter)
    elapsed: float = 0.0
    failures: list[Failure] = field(default_factory=list)
    stopped: str | None = None
    errors_file: Path | None = None
    #: Peak resident memory (KiB) of each worker process ("host:pid"), its subprocesses (Tesseract) not counted.
    worker_peak_rss_kb: dict[str, int] = field(default_factory=dict)
    #: Pages each worker process read (of the files and parts it returned).
    worker_pages: Counter[str] = field(default_factory=Counter)

    @property
    def pages(self) -> int:
        return self.pages_ocr + self.pages_pdf_text + self.pages_text

    @property
    def warnings(self) -> int:
        """Warnings in the records written (notes are not warnings)."""
        return sum(n for code, n in self.codes.items() if _level(code) != "note")

    @property
    def exit_code(self) -> int:
        return 2 if self.stopped else 1 if self.failed else 0

    def add(self, result: FileResult) -> None:
        """Count a file whose records were written."""
        self.done += 1
        self.records += len(result.lines)
        self.pages_ocr += result.pages.get("ocr", 0)
        self.pages_pdf_text += result.pages.get("pdf-text", 0)
        self.pages_text += result.pages.get("text", 0)
        self.codes.update(result.codes)

    def note_worker(self, result: FileResult) -> None:
        if result.worker:
            peak = self.worker_peak_rss_kb.get(result.worker, 0)
            self.worker_peak_rss_kb[result.worker] = max(peak, result.peak_rss_kb)
            self.worker_pages[result.worker] += sum(result.pages.values())

    def render(self, max_failures: int = 20) -> Table:
        """The summary as a rich table (with the first failures, and why the batch stopped)."""
        table = Table(title="Batch", show_header=False, title_justify="left")
        rows = [
            ("files done", self.done),
            ("failed", self.failed),
            ("skipped (already in the output)", self.skipped),
            ("records written", self.records),
            ("pages read by OCR", self.pages_ocr),
            ("pages from PDF text layers", self.pages_pdf_text),
            ("pages of text files", self.pages_text),
            ("warnings", self.warnings),
        ]
        for label, value in rows:
            table.add_row(label, str(value))
        for code, count in sorted(self.codes.items(), key=lambda item: (LEVELS.index(_level(item[0])), -item[1])):
            table.add_row(f"  {code} ({_level(code)})", str(count))
        table.add_row("elapsed", f"{self.elapsed:.1f} s")
        for failure in self.failures[:max_failures]:
            table.add_row(f"[red]failed[/red] ({failure.stage})", f"{failure.file}: {failure.message}")
        if len(self.failures) > max_failures:
            more = f"{len(self.failures) - max_failures} more"
            table.add_row("[red]failed[/red]", f"{more} in {self.errors_file}" if self.errors_file else more)
        if self.stopped:
            table.add_row("[red]stopped[/red]", self.stopped)
        return table


def _level(code: str) -> str:
    known = registry().get(code)
    return known.level if known else "warning"


class OutputError(Exception):
    """The output cannot be written (bad path, full disk, closed pipe); the message says which and why."""


class WorkerStartError(RuntimeError):
    """Worker processes die as they start, before reading any file."""


def run_batch(
    paths: Sequence[Path],
    output: Path | None,
    options: IngestOptions,
    *,
    include: Sequence[str] = (),
    exclude: Sequence[str] = (),
    jobs: int = _CPUS,
    resume: bool = False,
    executor: Executor = "local",
    scheduler: str | None = None,
    progress: bool = True,
    pages_out: Path | None = None,
) -> BatchSummary:
    """Read the files at `paths` with `jobs` workers and write their records as JSON Lines to `output` (None:
    stdout). Folders are read recursively (see the module docstring); `include` and `exclude` are globs
    matched against each path below a folder given, relative to it, and against its name: only the files
    matching an `include` (when there is one) and no `exclude` are read, and an excluded folder is not entered.

    `resume` keeps an existing output and reads only the files not yet in it (see the module docstring).
    `executor="dask"` runs one task per file on a dask.distributed cluster: a LocalCluster of `jobs`
    single-threaded worker processes, or the cluster whose scheduler address (tcp://host:8786) is
    `scheduler`. Workers are sent file PATHS, not contents: on a cluster of several machines the files
    must be on storage every worker sees under the same path. Progress goes to stderr when `progress`
    and stderr is a terminal (or rich is forced: TTY_COMPATIBLE=1 or FORCE_COLOR). Output errors do not
    raise: they stop the batch and are in `stopped` (exit_code 2); the records already written stay whole.
    `pages_out`: a folder for each file's page sidecar (`pipeline.pages`), written once per file content,
    before its records; it is never read as input.
    Raises ValueError for bad arguments and WorkerStartError when no worker can start: workers import the
    main module again, so a script must call this under `if __name__ == "__main__":`.
    """
    _check(jobs, resume, output, executor, scheduler)
    started = time.perf_counter()
    summary = BatchSummary(files=0)
    try:
        with _Output.open(output, resume) as sink:
            summary.errors_file = sink.errors.path
            sink.pages = _pages_folder(pages_out)
            sink.errors.start(resume, paths)
            found = list(_Finder(include, exclude, sink.own()).find(paths))
            summary.files = len(found)
            unreadable = [entry for entry in found if isinstance(entry, FileResult)]
            tasks, planned = _to_run([entry for entry in found if isinstance(entry, Path)], sink, summary, jobs)
            results = _results(executor, tasks, options, jobs, scheduler)
            _write_results(_after(unreadable, results), sink, summary, progress, _Tracker(tasks, planned))
    except OutputError as error:
        summary.stopped = str(error)
    summary.elapsed = time.perf_counter() - started
    return summary


def _check(jobs: int, resume: bool, output: Path | None, executor: str, scheduler: str | None) -> None:
    """Usage errors, raised before the output is touched."""
    if jobs < 1:
        raise ValueError("jobs must be at least 1")
    if resume and output is None:
        raise ValueError("resume needs an output file")
    if executor not in ("local", "dask"):
        raise ValueError(f"unknown executor {executor!r}")
    if scheduler is not None and executor != "dask":
        raise ValueError("a scheduler address needs executor='dask'")


def read_file(
    file: str, path: str, options: IngestOptions, sidecar: bool = False, numbers: range | None = None
) -> FileResult:
    """The worker's task: one file's records as JSON lines (and its page sidecar when asked), or the stage
    that failed and why; for a part (the pages `numbers`), the pages read, to be merged (`split.merge`)."""
    os.environ["OMP_THREAD_LIMIT"] = "1"  # Tesseract: one thread per worker, the workers fill the cores
    _crash_if_asked(file)
    return replace(_read(file, path, options, sidecar, numbers), **_usage())


def _read(file: str, path: str, options: IngestOptions, sidecar: bool, numbers: range | None) -> FileResult:
    images = ImageCollector() if sidecar else None
    try:
        pages = read_pages(Path(path), options, images, numbers)
    except InputError as error:  # a ReadTimeout too: "timed out after N s"
        return _failed(file, "read", str(error))
    except Exception as error:  # a bug must cost this file only
        return _failed(file, "read", f"internal error: {type(error).__name__}: {error}")
    if numbers is not None:
        part = split.Part(numbers, pages, images.images if images else None)
        return FileResult(file, pages.sha256, pages=_methods(pages), part=part)
    return _extract(file, pages, images.images if images else None)


def _extract(file: str, pages: Pages, images: dict[int, PageImage] | None) -> FileResult:
    """A file's records from its pages (and its page sidecar, given the page images); the failure of a bug."""
    try:
        records = process_pages(pages.pages, file=file, sha256=pages.sha256, warnings=pages.warnings)
        lines = tuple(record.to_json() for record in records)
        pages_found = build_sidecar(file, pages, images) if images is not None else None
    except Exception as error:
        return _failed(file, "extract", f"internal error: {type(error).__name__}: {error}")
    codes = count_codes(warning for record in records for warning in record.warnings) + count_codes(pages.notes)
    return FileResult(file, pages.sha256, lines, _methods(pages), dict(codes), sidecar=pages_found)


def _methods(pages: Pages) -> dict[str, int]:
    return dict(Counter(page.method for page in pages.pages))


def _failed(file: str, stage: Stage, message: str) -> FileResult:
    return FileResult(file, stage=stage, message=message)


def _usage() -> dict[str, Any]:
    """This worker's name and peak memory, for the summary and the benchmark."""
    return {
        "worker": f"{os.uname().nodename}:{os.getpid()}",
        "peak_rss_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
    }


def _crash_if_asked(file: str) -> None:
    names = os.environ.get(CRASH_ENV)
    if names and Path(file).name in names.split(os.pathsep):
        log = os.environ.get(CRASH_LOG_ENV)
        if log:
            with open(log, "a", encoding="utf-8") as handle:
                handle.write(Path(file).name + "\n")
        os._exit(1)


# --- inputs -----------------------------------------------------------------------------------------------


#: A file to read, or the failure of an entry that cannot be read.
Found = Path | FileResult
FileId = tuple[int, int]
_KINDS = {
    stat.S_IFIFO: "a FIFO (named pipe)",
    stat.S_IFSOCK: "a socket",
    stat.S_IFCHR: "a character device",
    stat.S_IFBLK: "a block device",
}


class _Finder:
    """The files to read at the paths given, depth first in name order, with a failure for every entry that
    cannot be read (see the module docstring). `own`: device and inode of the files the run writes."""

    def __init__(self, include: Sequence[str], exclude: Sequence[str], own: set[FileId]) -> None:
        self.include = include
        self.exclude = exclude
        self.own = own
        self.listed: set[FileId] = set()

    def find(self, paths: Iterable[Path]) -> Iterator[Found]:
        for path in paths:
            yield from self._entry(path, None, {})

    def _entry(self, path: Path, below: PurePath | None, ancestors: dict[FileId, Path]) -> Iterator[Found]:
        """`below`: the path relative to the folder given (None for a path given)."""
        try:
            info = path.stat()
        except OSError as error:
            yield _unreachable(path, error)
            return
        key = (info.st_dev, info.st_ino)
        if stat.S_ISDIR(info.st_mode):
            yield from self._folder(path, below, key, ancestors)
        elif key not in self.own and (below is None or not self.include or _matches(below, self.include)):
            # only a regular file: opening anything else (a FIFO above all) may wait forever
            yield path if stat.S_ISREG(info.st_mode) else _not_read(path, _not_regular(info.st_mode))

    def _folder(
        self, path: Path, below: PurePath | None, key: FileId, ancestors: dict[FileId, Path]
    ) -> Iterator[Found]:
        if key in ancestors:
            yield _not_read(path, f"symlink loop: leads back to the folder {ancestors[key]}")
            return
        if key in self.listed:
            return  # reached again through another link: its files are found already
        if key in self.own:
            return  # the run's page sidecar folder
        self.listed.add(key)
        try:
            with os.scandir(path) as entries:
                names = sorted(entry.name for entry in entries)
        except OSError as error:
            denied = error.errno in (errno.EACCES, errno.EPERM)
            yield _not_read(
                path,
                "permission denied: cannot list the folder" if denied else f"cannot list the folder: {error.strerror}",
            )
            return
        for name in names:
            child = PurePath(name) if below is None else below / name
            if not name.startswith(".") and not _matches(child, self.exclude):
                yield from self._entry(path / name, child, {**ancestors, key: path})


def _matches(below: PurePath, patterns: Sequence[str]) -> bool:
    return any(fnmatchcase(str(below), pattern) or fnmatchcase(below.name, pattern) for pattern in patterns)


def _unreachable(path: Path, error: OSError) -> FileResult:
    """Why `path` cannot even be looked at."""
    if error.errno == errno.ELOOP:
        return _not_read(path, "symlink loop")
    if error.errno in (errno.EACCES, errno.EPERM):
        return _not_read(path, "permission denied: a file in an unreadable folder")
    if error.errno in (errno.ENOENT, errno.ENOTDIR) and path.is_symlink():
        return _not_read(path, f"broken symlink: its target {os.readlink(path)} is not there")
    return _not_read(path, f"cannot read: {error.strerror}")


def _not_regular(mode: int) -> str:
    return f"not a regular file: {_KINDS.get(stat.S_IFMT(mode), 'an unknown kind of file')}"


def _not_read(path: Path, message: str) -> FileResult:
    return FileResult(str(path), stage="read", message=message)


# --- output -----------------------------------------------------------------------------------------------


class _Output:
    """The record output: whole blocks appended by one writer, and its errors file."""

    def __init__(
        self, write: Callable[[bytes], None], name: str, fd: int | None, errors: _Errors, target: int | None
    ) -> None:
        self.write = write
        self.name = name
        self.fd = fd  # ours, closed at the end
        self.target = target  # the descriptor written to (also stdout), to tell our own output among the inputs
        self.errors = errors
        self.written: set[str] = set()  # sha256 of the files whose records are in the output
        self.pages: Path | None = None  # the page sidecar folder

    @classmethod
    def open(cls, output: Path | None, resume: bool) -> _Output:
        if output is None:
            out = _stdout_fd()
            write = _text_writer(sys.stdout) if out is None else _block_writer(out, "<stdout>", False)
            return cls(write, "<stdout>", None, _Errors(None), out)
        fd, linked = _open_output(output, resume)
        regular = stat.S_ISREG(os.fstat(fd).st_mode)
        if resume and not regular:
            os.close(fd)
            raise OutputError(f"cannot resume {output}: not a regular file")
        if regular and not resume:
            os.ftruncate(fd, 0)
        # an errors file only beside a file named as such (not beside /dev/stdout or /dev/full)
        errors = _Errors(errors_path(output) if regular and not linked else None)
        sink = cls(_block_writer(fd, str(output), regular), str(output), fd, errors, fd)
        if resume:
            try:
                sink.written = _recover(fd)
            except OSError as error:
                os.close(fd)
                raise OutputError(f"cannot resume {output}: {error.strerror}") from error
        return sink

    def __enter__(self) -> _Output:
        return self

    def __exit__(self, *_: object) -> None:
        if self.fd is not None:
            os.close(self.fd)

    def own(self) -> set[FileId]:
        """Device and inode of the regular files this run writes, which it must never read as inputs."""
        ids = (_file_id(self.target), _file_id(self.errors.fd), _folder_id(self.pages))
        return {key for key in ids if key is not None}

    def put(self, result: FileResult) -> bool:
        """Write a file's records as one block; False when this content is already in the output."""
        assert result.sha256 is not None
        if result.sha256 in self.written:
            return False
        if result.sidecar is not None and self.pages is not None:
            try:  # before the records: a file whose records are written has its sidecar (resume skips it)
                write_sidecar(self.pages, result.sidecar)
            except OSError as error:
                raise OutputError(f"cannot write the page sidecar in {self.pages}: {error.strerror}") from error
        if result.lines:
            self.write("".join(line + "\n" for line in result.lines).encode("utf-8"))
        self.written.add(result.sha256)
        return True


def _pages_folder(folder: Path | None) -> Path | None:
    """The page sidecar folder, created if missing."""
    if folder is not None:
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise OutputError(f"cannot write the page sidecar in {folder}: {error.strerror}") from error
    return folder


def _folder_id(folder: Path | None) -> FileId | None:
    if folder is None:
        return None
    info = folder.stat()
    return info.st_dev, info.st_ino


def errors_path(output: Path) -> Path:
    """Where the failures of a run writing `output` go: records.jsonl → records.errors.jsonl."""
    return output.with_name(output.name.removesuffix(".jsonl") + ".errors.jsonl")


def _open_output(output: Path, resume: bool) -> tuple[int, bool]:
    """The output's descriptor, and whether a symlink led to it. A link planted at the output must not make
    the run replace or resume a file elsewhere: it is followed only to a device, a pipe or our own stdout."""
    flags = os.O_APPEND | (os.O_RDWR if resume else os.O_WRONLY)
    try:
        try:
            return os.open(output, flags | os.O_CREAT | os.O_NOFOLLOW, 0o644), False
        except OSError as error:
            if error.errno != errno.ELOOP:  # ELOOP: the output is a symlink
                raise
        fd = os.open(output, flags)
    except OSError as error:
        raise OutputError(f"cannot write {output}: {error.strerror}") from error
    target = _file_id(fd)
    if target is not None and (resume or target != _file_id(_stdout_fd())):
        os.close(fd)
        raise OutputError(f"cannot write {output}: it is a symbolic link to a file, which is not followed")
    return fd, True


def _file_id(fd: int | None) -> FileId | None:
    """Device and inode of the regular file open at `fd` (None for anything else)."""
    if fd is None:
        return None
    try:
        info = os.fstat(fd)
    except OSError:
        return None
    return (info.st_dev, info.st_ino) if stat.S_ISREG(info.st_mode) else None


def _block_writer(fd: int, name: str, regular: bool) -> Callable[[bytes], None]:
    return lambda data: _write_block(fd, data, name, regular)


def _write_block(fd: int, data: bytes, name: str, regular: bool) -> None:
    """Append `data`; on any failure cut the output back to where it was, so no partial line stays."""
    start = os.fstat(fd).st_size if regular else None
    view = memoryview(data)
    try:
        while view:
            view = view[os.write(fd, view) :]
    except BaseException as error:  # also Ctrl-C between two parts of a short write
        if start is not None:
            with contextlib.suppress(OSError):
                os.ftruncate(fd, start)
        if isinstance(error, OSError):
            raise OutputError(f"cannot write {name}: {error.strerror}") from error
        raise


def _stdout_fd() -> int | None:
    """The descriptor of stdout, None when it has none (captured by tests or a notebook)."""
    sys.stdout.flush()
    try:
        return sys.stdout.fileno()
    except (AttributeError, OSError, io.UnsupportedOperation):
        return None


def _text_writer(stream: Any) -> Callable[[bytes], None]:
    def write(data: bytes) -> None:
        try:
            stream.write(data.decode("utf-8"))
            stream.flush()
        except OSError as error:
            raise OutputError(f"cannot write <stdout>: {error.strerror or error}") from error

    return write


def _recover(fd: int) -> set[str]:
    """Cut a torn last line and the last file's block (perhaps partial); the sha256 of the files left whole."""
    complete: set[str] = set()
    last: str | None = None
    block_start = end = 0
    with os.fdopen(os.dup(fd), "rb") as handle:  # the file opened, not its name again
        handle.seek(0)
        for line in handle:
            if not line.endswith(b"\n"):
                break  # a torn last line
            sha = _record_sha(line)
            if sha != last or sha is None:
                if last is not None:
                    complete.add(last)
                last, block_start = sha, end
            end += len(line)
    cut = block_start if last is not None else end
    if cut != os.fstat(fd).st_size:
        os.ftruncate(fd, cut)
    return complete


def _record_sha(line: bytes) -> str | None:
    try:
        sha = json.loads(line)["source"]["sha256"]
    except (ValueError, KeyError, TypeError):
        return None
    return sha if isinstance(sha, str) else None


class _Errors:
    """The errors file: replaced with the output; on resume, keeps the failures of files outside the paths
    given. Never written through a link: created with O_EXCL, or rewritten through a temporary file."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self.fd: int | None = None

    def start(self, resume: bool, roots: Sequence[Path]) -> None:
        if self.path is None:
            return
        kept = self._kept(roots) if resume else []
        try:
            if kept:
                self.fd = _replace(self.path, "".join(line + "\n" for line in kept).encode("utf-8"))
            else:
                self.path.unlink(missing_ok=True)
        except OSError as error:
            raise OutputError(f"cannot write {self.path}: {error.strerror}") from error

    def _kept(self, roots: Sequence[Path]) -> list[str]:
        try:
            text = _read_regular(self.path).decode("utf-8") if self.path else ""
        except (OSError, UnicodeDecodeError):
            return []
        kept = []
        for line in text.splitlines(keepends=True):
            with contextlib.suppress(ValueError, TypeError, AttributeError):
                file = Path(json.loads(line).get("file"))
                if line.endswith("\n") and not any(file.is_relative_to(root) for root in roots):
                    kept.append(line.rstrip("\n"))
        return kept

    def put(self, failure: Failure) -> None:
        if self.path is None:
            return
        if self.fd is None:  # created at the first failure: no errors file when nothing failed
            try:
                self.fd = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_APPEND, 0o644)
            except OSError as error:
                raise OutputError(f"cannot write {self.path}: {error.strerror}") from error
        _write_block(self.fd, (failure.to_json() + "\n").encode("utf-8"), str(self.path), True)

    def close(self) -> None:
        if self.fd is not None:
            os.close(self.fd)
            self.fd = None


def _read_regular(path: Path) -> bytes:
    """The content of a regular file, not read through a symlink (ELOOP) nor waited for (a FIFO)."""
    fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    with os.fdopen(fd, "rb") as handle:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise OSError(errno.EINVAL, f"{path} is not a regular file")
        return handle.read()


def _replace(path: Path, data: bytes) -> int:
    """Replace `path` (a link itself, not its target) by a file holding `data`; its descriptor, for appending.
    Written through a `temporary_beside` it: never a planted link."""
    temporary, fd = temporary_beside(path, append=True)
    try:
        _write_block(fd, data, str(temporary), True)
        os.replace(temporary, path)
    except BaseException:
        os.close(fd)
        with contextlib.suppress(OSError):
            temporary.unlink()
        raise
    return fd


def _to_run(
    files: Iterable[Path], sink: _Output, summary: BatchSummary, jobs: int
) -> tuple[list[Task], dict[str, int]]:
    """The tasks for the files whose content is not yet in the output (those that are, and a file given twice,
    are counted as skipped): a long PDF or image in parts (`pipeline.split`); and each file's pages as far as
    its header tells (1 when it does not)."""
    tasks: list[Task] = []
    planned: dict[str, int] = {}
    for path in files:
        if str(path) in planned or (sink.written and _file_sha(path) in sink.written):
            summary.skipped += 1
            continue
        count = split.page_count(path)
        parts = split.plan(count, jobs) if count else []
        whole = [Task(str(path), os.path.abspath(path), sink.pages is not None)]
        tasks += whole if len(parts) <= 1 else [whole[0]._replace(pages=numbers) for numbers in parts]
        planned[str(path)] = count or 1
    return tasks, planned


def _file_sha(path: Path) -> str | None:
    try:
        with path.open("rb") as handle:
            return hashlib.file_digest(handle, "sha256").hexdigest()
    except OSError:
        return None  # the worker will say why it cannot be read


def _after(failed: list[FileResult], results: Results) -> Results:
    """The failures found while choosing the files, then the workers' results."""
    yield from failed
    yield from results


def _write_results(results: Results, sink: _Output, summary: BatchSummary, progress: bool, tracker: _Tracker) -> None:
    """The single writer: each file's records as one block, failures to the errors file, progress shown by pages."""
    files = summary.files - summary.skipped
    with contextlib.closing(results), _progress_bar(progress) as bar:
        task = bar.add_task("reading", total=tracker.pages_total, files=0, all_files=files, rate=0.0)
        started = time.perf_counter()
        try:
            for result in results:
                summary.note_worker(result)
                done = tracker.take(result)
                if done is not None:
                    _take(done, sink, summary, bar)
                rate = tracker.pages_done / max(time.perf_counter() - started, 1e-9) * 60
                bar.update(
                    task, completed=tracker.pages_done, total=tracker.pages_total, files=tracker.files_done, rate=rate
                )
        finally:
            sink.errors.close()


class _Tracker:
    """A run's files and pages as the workers' results come in: the pages read against those planned (for the
    progress bar), and each split file's parts merged into the file's result once the last is in."""

    def __init__(self, tasks: list[Task], planned: dict[str, int]) -> None:
        self.parts = Counter(task.file for task in tasks if task.pages is not None)
        self.received: dict[str, list[split.Part]] = {}
        self.failed: set[str] = set()
        self.planned = planned
        self.read: Counter[str] = Counter()
        self.finished: set[str] = set()
        self.pages_done = 0
        self.pages_total = sum(planned.values())
        self.files_done = 0

    def take(self, result: FileResult) -> FileResult | None:
        """Count a worker's result; the file's result when the file is done, else None."""
        before = self._share(result.file)
        self.read[result.file] += sum(result.pages.values())
        self.pages_done += sum(result.pages.values())
        done = self._whole(result)
        if done is not None:
            self.finished.add(result.file)
            self.files_done += 1
        self.pages_total += self._share(result.file) - before
        return done

    def _share(self, file: str) -> int:
        """The file's pages in the total: those read of a finished file, else at least those planned."""
        return self.read[file] if file in self.finished else max(self.planned.get(file, 0), self.read[file])

    def _whole(self, result: FileResult) -> FileResult | None:
        """A file read whole as it came; a split file's merged result once its last part is in, or its first
        failure at once (and nothing for its later parts)."""
        if result.file not in self.parts:
            return result
        if result.file in self.failed:
            return None
        if result.stage is not None or result.part is None:
            self.failed.add(result.file)
            return result
        received = self.received.setdefault(result.file, [])
        received.append(result.part)
        if len(received) < self.parts[result.file]:
            return None
        del self.received[result.file]
        try:
            pages, images = split.merge(received)
        except ValueError as error:
            return _failed(result.file, "read", str(error))
        return _extract(result.file, pages, images)


def _take(result: FileResult, sink: _Output, summary: BatchSummary, bar: Progress) -> None:
    if result.stage is not None:
        failure = Failure(result.file, result.stage, result.message)
        summary.failed += 1
        summary.failures.append(failure)
        sink.errors.put(failure)
        if not bar.disable:
            bar.console.print(f"[red]failed[/red] {failure.file} ({failure.stage}): {failure.message}")
    elif sink.put(result):
        summary.add(result)
    else:
        summary.skipped += 1  # the same content under another name: its ids are already written


def _progress_bar(enabled: bool) -> Progress:
    console = Console(stderr=True, highlight=False)
    return Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("pages · {task.fields[files]}/{task.fields[all_files]} files · {task.fields[rate]:.1f} pages/min ·"),
        TimeElapsedColumn(),
        TextColumn("elapsed ·"),
        TimeRemainingColumn(),
        TextColumn("left"),
        console=console,
        disable=not (enabled and console.is_terminal),
        transient=False,
    )


# --- executors --------------------------------------------------------------------------------------------


#: A finished task: its result, None when its worker died, or the executor's message when it failed otherwise.
Outcome = FileResult | None | str


class _Backend(Protocol):
    """Runs tasks; `wait` blocks until some are finished and gives back their outcomes."""

    capacity: int

    def submit(self, task: Task) -> Any: ...

    def wait(self, handles: list[Any]) -> list[tuple[Any, Outcome]]: ...


def _results(
    executor: Executor, tasks: list[Task], options: IngestOptions, jobs: int, scheduler: str | None
) -> Results:
    if not tasks:
        return _nothing()
    if executor == "dask":
        return _run_dask(tasks, options, jobs, scheduler)
    return _run_local(_LocalPool(min(jobs, len(tasks)), options), tasks)


def _nothing() -> Results:
    yield from ()


def _run(backend: _Backend, tasks: list[Task]) -> Results:
    """Results as they finish. A task whose worker died is run again alone (so a second death is surely
    its own) and reported as failed if that worker dies too."""
    queue = deque(tasks)
    running: dict[Any, Task] = {}
    deaths: Counter[Task] = Counter()
    while queue or running:
        while queue and _may_start(queue[0], running, deaths, backend.capacity):
            task = queue.popleft()
            running[backend.submit(task)] = task
        for handle, outcome in backend.wait(list(running)):
            task = running.pop(handle)
            if isinstance(outcome, FileResult):
                yield outcome
            elif isinstance(outcome, str):
                yield FileResult(task.file, stage="worker", message=outcome)
            elif deaths[task]:
                yield FileResult(task.file, stage="worker", message=_DIED)
            else:
                deaths[task] += 1
                queue.appendleft(task)


def _may_start(task: Task, running: dict[Any, Task], deaths: Counter[Task], capacity: int) -> bool:
    if any(deaths[other] for other in running.values()):
        return False  # a retried task runs alone
    return not running if deaths[task] else len(running) < capacity


class _LocalPool:
    """A process pool (forkserver), replaced by a fresh one after a worker dies."""

    def __init__(self, jobs: int, options: IngestOptions) -> None:
        self.capacity = jobs
        self.options = options
        self.pool: ProcessPoolExecutor | None = None

    def submit(self, task: Task) -> Future[FileResult]:
        if self.pool is None:
            self.pool = ProcessPoolExecutor(
                self.capacity, mp_context=_mp_context(), initializer=_start_worker, initargs=(os.getpid(),)
            )
            _check_start(self.pool)
        return self.pool.submit(read_file, task.file, task.path, self.options, task.sidecar, task.pages)

    def wait(self, handles: list[Future[FileResult]]) -> list[tuple[Future[FileResult], Outcome]]:
        done, _ = wait(handles, return_when=FIRST_COMPLETED)
        if any(isinstance(future.exception(), BrokenProcessPool) for future in done):
            done, _ = wait(handles)  # a broken pool fails all its tasks; keep those that finished
            self.close()
        return [(future, _local_outcome(future)) for future in done]

    def close(self, kill: bool = False) -> None:
        if self.pool is None:
            return
        if kill:  # stopping early: the files in flight would be lost anyway
            for process in list((getattr(self.pool, "_processes", None) or {}).values()):
                process.terminate()
        self.pool.shutdown(wait=True, cancel_futures=True)
        self.pool = None


def _check_start(pool: ProcessPoolExecutor) -> None:
    """A first trivial task, so that workers that cannot even start are not taken for files that kill them."""
    try:
        pool.submit(os.getpid).result()
    except BrokenProcessPool as error:
        raise WorkerStartError(
            "worker processes die as they start. In a script, call run_batch under "
            "`if __name__ == '__main__':` (each worker imports the main module again)"
        ) from error


def _start_worker(parent: int) -> None:
    """Pool initializer. A worker outlives a parent killed with -9: it waits forever on its task queue, whose
    write end it holds too, and keeps the forkserver alive. So it watches the parent and exits with it."""
    os.environ["OMP_THREAD_LIMIT"] = "1"
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C reaches the whole group: the parent stops the workers
    threading.Thread(target=_exit_with, args=(parent,), name="exit-with-parent", daemon=True).start()


def _exit_with(pid: int) -> None:
    try:
        watch = os.pidfd_open(pid)
    except (AttributeError, OSError):  # no pidfd (not Linux, or the parent is already gone): poll
        while _alive(pid):
            time.sleep(1)
    else:
        select.select([watch], [], [])  # readable when the process has ended
    os._exit(1)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _local_outcome(future: Future[FileResult]) -> Outcome:
    error = future.exception()
    if error is None:
        return future.result()
    return None if isinstance(error, BrokenProcessPool) else f"{type(error).__name__}: {error}"


def _mp_context() -> multiprocessing.context.BaseContext:
    """forkserver: workers fork from a small server that has only imported the pipeline, not from the
    parent (whose progress, pool-manager and Dask threads, and any spaCy model, must not be forked). Measured:
    the first pool starts as fast as with spawn; a fresh pool after a crash in ~0.1 s instead of the ~0.9 s
    a spawned worker takes to import the pipeline. Spawn where forkserver is missing. The server
    keeps the environment of the moment it started (the first pool of the process): what workers need is
    set by the initializer or the task."""
    if "forkserver" not in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("spawn")
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["pipeline.api"])
    return context


def _run_local(backend: _LocalPool, tasks: list[Task]) -> Results:
    try:
        yield from _run(backend, tasks)
    finally:
        backend.close(kill=True)


class _DaskBackend:
    """Tasks on a dask.distributed cluster, results streamed back with as_completed."""

    def __init__(self, client: Any, options: IngestOptions, capacity: int) -> None:
        self.client = client
        self.options = options
        self.capacity = capacity
        self.completed = _distributed().as_completed()

    def submit(self, task: Task) -> Any:
        future = self.client.submit(read_file, task.file, task.path, self.options, task.sidecar, task.pages, pure=False)
        self.completed.add(future)
        return future

    def wait(self, handles: list[Any]) -> list[tuple[Any, Outcome]]:
        return [(future, _dask_outcome(future)) for future in self.completed.next_batch(block=True)]


def _dask_outcome(future: Any) -> Outcome:
    """The task's result; None when its worker died. result() waits for a result that was lost with its
    worker before it was fetched, which the scheduler computes again: by its status (pending again), such a
    task would be taken for failed."""
    try:
        result: FileResult = future.result()
    except _distributed().KilledWorker:
        return None
    except Exception as error:  # cancelled, or lost with the scheduler
        return f"{type(error).__name__}: {error}"
    return result


def _run_dask(tasks: list[Task], options: IngestOptions, jobs: int, scheduler: str | None) -> Results:
    with _dask_client(jobs, scheduler) as client:
        capacity = max(jobs, sum(client.nthreads().values())) if scheduler else jobs
        # closing the client on the way out (also when the writer stops early) releases its tasks
        yield from _run(_DaskBackend(client, options, capacity), tasks)


@contextlib.contextmanager
def _dask_client(jobs: int, scheduler: str | None) -> Iterator[Any]:
    import dask

    distributed = _distributed()
    if scheduler:
        with distributed.Client(scheduler) as client:
            yield client
        return
    # Our own cluster: a task is failed at its worker's first death (we retry it, alone, ourselves) and a
    # worker holds one task at a time, so a death names its file. Its logs would only repeat the errors file.
    settings = {"distributed.scheduler.allowed-failures": 0, "distributed.scheduler.worker-saturation": 1.0}
    with dask.config.set(settings), _quiet("distributed"):
        cluster = distributed.LocalCluster(
            n_workers=jobs,
            threads_per_worker=1,
            processes=True,
            host="127.0.0.1",
            dashboard_address=None,
            silence_logs=logging.CRITICAL,
        )
        with cluster, distributed.Client(cluster) as client:
            yield client


@contextlib.contextmanager
def _quiet(name: str) -> Iterator[None]:
    logger = logging.getLogger(name)
    level = logger.level
    logger.setLevel(logging.CRITICAL)
    try:
        yield
    finally:
        logger.setLevel(level)


def _distributed() -> Any:
    """dask.distributed, imported when first used (it takes a second); untyped, hence Any."""
    import distributed

    return distributed
