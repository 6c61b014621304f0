"""The batch runner with real worker processes: same records in parallel, bad files and dead workers cost
only themselves, exactly once across kill -9 and resume, clear errors for bad outputs, and Dask."""

from __future__ import annotations

import contextlib
import errno
import json
import os
import random
import signal
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest

from pipeline.api import process_file
from pipeline.batch import CRASH_ENV, CRASH_LOG_ENV, BatchSummary, FileResult, errors_path, run_batch
from pipeline.ingest import IngestOptions
from tests.conftest import CORPUS, ROOT

OPTIONS = IngestOptions(cache=None)
FILES = sorted(CORPUS.glob("*.txt"))
LETTER = CORPUS / "letter-dpe-2024-05-07-award-applications.txt"
FORWARDING = CORPUS / "forwarding-letter-lgd-2017-10-31.txt"  # two documents in one file

# Runs run_batch in a child process: argv = output, resume (0/1), files...
CHILD = """
import sys
from pathlib import Path
from pipeline.api import process_file
from pipeline.batch import run_batch
from pipeline.ingest import IngestOptions
summary = run_batch([Path(p) for p in sys.argv[3:]], Path(sys.argv[1]), IngestOptions(cache=None), jobs=2,
                    resume=sys.argv[2] == "1", progress=False)
sys.exit(summary.exit_code)
"""


def _run(files: list[Path], output: Path | None, **kwargs: object) -> BatchSummary:
    return run_batch(files, output, OPTIONS, progress=False, **kwargs)  # type: ignore[arg-type]


def _lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines()


def _ids(lines: list[str]) -> Counter[str]:
    return Counter(json.loads(line)["id"] for line in lines)


def _errors(output: Path) -> list[dict[str, str]]:
    return [json.loads(line) for line in _lines(errors_path(output))]


@pytest.fixture(scope="module")
def reference(tmp_path_factory: pytest.TempPathFactory) -> set[str]:
    """The corpus's record lines from one worker: those of process_file, file by file."""
    output = tmp_path_factory.mktemp("reference") / "records.jsonl"
    summary = _run(FILES, output, jobs=1)
    assert summary.exit_code == 0 and summary.done == len(FILES)
    lines = _lines(output)
    assert lines == [record.to_json() for path in FILES for record in process_file(path, OPTIONS)]
    return set(lines)


def test_two_jobs_write_the_records_of_one(tmp_path: Path, reference: set[str]) -> None:
    output = tmp_path / "records.jsonl"
    summary = _run(FILES, output, jobs=2)
    lines = _lines(output)
    assert set(lines) == reference and len(lines) == len(reference) == summary.records
    assert summary.pages_text == len(FILES) and summary.pages_ocr == summary.pages_pdf_text == 0
    assert not errors_path(output).exists()  # nothing failed


def test_a_bad_file_costs_only_itself(tmp_path: Path, reference: set[str]) -> None:
    binary, empty = tmp_path / "binary.txt", tmp_path / "empty.txt"
    binary.write_bytes(b"\x00\x01 not text")
    empty.write_bytes(b"")
    output = tmp_path / "records.jsonl"
    summary = _run([*FILES[:5], binary, *FILES[5:], empty], output, jobs=2)
    assert set(_lines(output)) == reference
    assert (summary.done, summary.failed, summary.exit_code) == (len(FILES), 2, 1)
    errors = {Path(e["file"]).name: e for e in _errors(output)}
    assert errors["binary.txt"]["stage"] == "read" and "NUL" in errors["binary.txt"]["message"]
    assert errors["empty.txt"] == {"file": str(empty), "stage": "read", "message": "empty file"}


def test_without_resume_the_output_and_errors_are_replaced(tmp_path: Path) -> None:
    output = tmp_path / "records.jsonl"
    output.write_text('{"old": 1}\n{"torn', encoding="utf-8")
    errors_path(output).write_text('{"file": "old", "stage": "read", "message": "old"}\n', encoding="utf-8")
    _run([LETTER], output, jobs=1)
    assert [json.loads(line)["source"]["file"] for line in _lines(output)] == [str(LETTER)]
    assert not errors_path(output).exists()


def test_identical_copies_are_written_once(tmp_path: Path) -> None:
    copy = tmp_path / "copy.txt"
    copy.write_bytes(FORWARDING.read_bytes())
    output = tmp_path / "records.jsonl"
    summary = _run([FORWARDING, copy], output, jobs=2)
    assert set(_ids(_lines(output)).values()) == {1} and len(_lines(output)) == 2
    assert (summary.done, summary.skipped) == (1, 1)


def test_resume_cuts_a_torn_line_and_a_partly_written_file(tmp_path: Path) -> None:
    whole = tmp_path / "whole.jsonl"
    _run([LETTER, FORWARDING], whole, jobs=1)
    letter, forwarding = ([line for line in _lines(whole) if name in line] for name in (LETTER.name, FORWARDING.name))
    assert len(forwarding) == 2
    # the last whole file's records are cut too (it may be the same block as a torn line): read again
    tails = {forwarding[0] + "\n": 1, forwarding[0] + "\n" + forwarding[1][:40]: 1, forwarding[0][:40]: 0}
    for tail, skipped in tails.items():
        output = tmp_path / "records.jsonl"
        output.write_text(letter[0] + "\n" + tail, encoding="utf-8")
        summary = _run([LETTER, FORWARDING], output, jobs=1, resume=True)
        assert sorted(_lines(output)) == sorted(letter + forwarding), tail
        assert (summary.skipped, summary.done) == (skipped, 2 - skipped)


def test_resume_keeps_errors_of_other_files_and_drops_those_read_again(tmp_path: Path) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"")
    output = tmp_path / "records.jsonl"
    assert _run([LETTER, FORWARDING, bad], output, jobs=1).failed == 1
    errors = errors_path(output)
    errors.write_text(errors.read_text() + '{"file": "other.pdf", "stage": "read", "message": "x"}\n')
    bad.write_bytes(FILES[0].read_bytes())  # mended: read again on resume
    summary = _run([LETTER, FORWARDING, bad], output, jobs=1, resume=True)
    # the letter is skipped; the last file written (the forwarding letter) is always read again
    assert (summary.skipped, summary.done, summary.failed) == (1, 2, 0)
    assert [e["file"] for e in _errors(output)] == ["other.pdf"]
    assert len(_lines(output)) == 4


def test_resume_after_kill_9_writes_every_document_once(tmp_path: Path) -> None:
    files = _variants(tmp_path / "in", copies=20)  # ~1 s of writing to kill in
    expected = _ids(_lines(_reference_run(files, tmp_path / "expected.jsonl")))
    output = tmp_path / "records.jsonl"
    seed = random.randrange(1 << 30)
    chance = random.Random(seed)
    for attempt in range(5):
        child = subprocess.Popen(
            [sys.executable, "-c", CHILD, str(output), "1" if attempt else "0", *map(str, files)],
            cwd=ROOT,
            start_new_session=True,
            stderr=subprocess.DEVNULL,
        )
        _wait_for_records(output, child)
        time.sleep(chance.uniform(0, 0.15))
        child.send_signal(signal.SIGKILL)  # (does nothing when it has already finished)
        child.wait()
        _kill_group(child.pid)  # the pool's forkserver and workers, which a real kill -9 leaves to exit alone
        complete = output.read_text(encoding="utf-8").split("\n")[:-1]
        assert all(json.loads(line) for line in complete), f"seed {seed}: a whole line that is not JSON"
    summary = _run(files, output, jobs=2, resume=True)
    lines = _lines(output)
    assert output.read_bytes().endswith(b"\n"), f"seed {seed}"
    assert _ids(lines) == expected, f"seed {seed}"
    assert summary.exit_code == 0 and summary.skipped + summary.done == len(files)


def test_a_worker_that_dies_is_retried_once_then_reported(tmp_path: Path, reference: set[str]) -> None:
    crash = tmp_path / "crash.txt"
    crash.write_bytes(LETTER.read_bytes() + b"\n")
    output, log = tmp_path / "records.jsonl", tmp_path / "crashes.log"
    # a child process: the test's own pool server was started without the fault-injection variables
    env = {**os.environ, CRASH_ENV: crash.name, CRASH_LOG_ENV: str(log)}
    done = subprocess.run(
        [sys.executable, "-c", CHILD, str(output), "0", *map(str, [*FILES[:6], crash, *FILES[6:]])],
        cwd=ROOT,
        env=env,
        capture_output=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 1, done.stderr
    assert _lines(log) == ["crash.txt", "crash.txt"]  # the first attempt and one retry
    assert set(_lines(output)) == reference
    (error,) = _errors(output)
    assert error["file"] == str(crash) and error["stage"] == "worker" and "died" in error["message"]


def test_workers_that_cannot_start_are_not_blamed_on_files(tmp_path: Path) -> None:
    script = tmp_path / "unguarded.py"  # no `if __name__ == "__main__":`: every worker runs it again
    script.write_text(CHILD, encoding="utf-8")
    done = subprocess.run(
        [sys.executable, str(script), str(tmp_path / "out.jsonl"), "0", str(LETTER)],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 1 and "WorkerStartError" in done.stderr
    assert "if __name__ == '__main__':" in done.stderr.splitlines()[-1]
    assert not errors_path(tmp_path / "out.jsonl").exists()


def test_a_full_disk_stops_the_batch_with_a_clear_error() -> None:
    summary = _run(FILES[:3], Path("/dev/full"), jobs=1)
    assert summary.exit_code == 2
    assert summary.stopped == "cannot write /dev/full: No space left on device"
    assert summary.records == 0 and not errors_path(Path("/dev/full")).exists()


def test_an_unwritable_output_is_a_clear_error(tmp_path: Path) -> None:
    output = tmp_path / "missing" / "records.jsonl"
    summary = _run(FILES[:1], output)
    assert summary.exit_code == 2 and summary.stopped == f"cannot write {output}: No such file or directory"


def test_a_write_that_fails_halfway_leaves_whole_lines(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    output = tmp_path / "records.jsonl"
    real_write, calls = os.write, []

    def write(fd: int, data: bytes) -> int:
        """The third block to the output gets half written, then the disk is full."""
        if os.readlink(f"/proc/self/fd/{fd}") != str(output):
            return real_write(fd, data)
        calls.append(fd)
        if len(calls) == 3:
            return real_write(fd, bytes(data)[: len(data) // 2])
        if len(calls) > 3:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return real_write(fd, data)

    monkeypatch.setattr(os, "write", write)
    summary = _run(FILES, output, jobs=1)
    lines = _lines(output)
    assert summary.stopped == f"cannot write {output}: No space left on device"
    assert output.read_bytes().endswith(b"\n") and all(json.loads(line) for line in lines)
    assert summary.done == 2 and len(lines) == summary.records


def test_stdout(capsys: pytest.CaptureFixture[str]) -> None:
    summary = _run([LETTER, FORWARDING], None, jobs=2)
    assert summary.exit_code == 0
    assert len(_ids(capsys.readouterr().out.splitlines())) == 3


def test_dask_local_cluster_writes_the_records_of_a_local_run(
    tmp_path: Path, reference: set[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    crash = tmp_path / "crash.txt"
    crash.write_bytes(LETTER.read_bytes() + b"\n")
    log = tmp_path / "crashes.log"
    monkeypatch.setenv(CRASH_ENV, crash.name)  # the cluster's worker processes start with this environment
    monkeypatch.setenv(CRASH_LOG_ENV, str(log))
    output = tmp_path / "records.jsonl"
    summary = _run([*FILES[:6], crash, *FILES[6:]], output, jobs=2, executor="dask")
    assert (summary.done, summary.failed) == (len(FILES), 1), _errors(output)
    assert set(_lines(output)) == reference and len(_lines(output)) == len(reference)
    assert _lines(log) == ["crash.txt", "crash.txt"]
    assert [(e["file"], e["stage"]) for e in _errors(output)] == [(str(crash), "worker")]


def test_dask_result_lost_with_its_worker_before_it_was_fetched_is_computed_again() -> None:
    """Regression (a CI run): a file finished on a worker that died, running the next file, before the result
    was fetched; the task, "lost" while computed again, was reported failed."""
    from distributed import Client, LocalCluster

    from pipeline.batch import Task, _DaskBackend

    with (
        LocalCluster(n_workers=2, threads_per_worker=1, host="127.0.0.1", dashboard_address=None) as cluster,  # type: ignore[no-untyped-call]
        Client(cluster) as client,  # type: ignore[no-untyped-call]
    ):
        backend = _DaskBackend(client, OPTIONS, capacity=2)
        future = backend.submit(Task(str(LETTER), str(LETTER)))
        _until(lambda: future.status == "finished")
        (worker,) = client.who_has(future)[future.key]
        (other,) = set(client.scheduler_info()["workers"]) - {worker}
        busy = client.submit(time.sleep, 5, workers=[other])  # so that it stays pending a while
        os.kill(client.run(os.getpid, workers=[worker])[worker], signal.SIGKILL)
        _until(lambda: future.status == "lost")  # and being computed again
        [(handle, outcome)] = backend.wait([future])
        del busy
    assert handle is future
    assert isinstance(outcome, FileResult) and list(outcome.lines) == [
        record.to_json() for record in process_file(LETTER, OPTIONS)
    ]


def _until(condition: Callable[[], bool]) -> None:
    deadline = time.monotonic() + 60
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.01)


def test_dask_with_a_scheduler_address(tmp_path: Path, reference: set[str]) -> None:
    from distributed import LocalCluster

    with LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address=None
    ) as cluster:  # type: ignore[no-untyped-call]
        output = tmp_path / "records.jsonl"
        summary = _run(FILES, output, jobs=1, executor="dask", scheduler=cluster.scheduler_address)
    assert summary.exit_code == 0
    assert set(_lines(output)) == reference


def _variants(folder: Path, copies: int) -> list[Path]:
    """Copies of the corpus with a line added to each, so every copy has its own hash and ids."""
    folder.mkdir()
    files = []
    for n in range(copies):
        for path in FILES:
            variant = folder / f"{path.stem}.{n}.txt"
            variant.write_bytes(path.read_bytes() + f"\n{n}\n".encode())
            files.append(variant)
    return files


def _reference_run(files: list[Path], output: Path) -> Path:
    assert _run(files, output, jobs=2).exit_code == 0
    return output


def _wait_for_records(output: Path, child: subprocess.Popen[bytes]) -> None:
    """Until the child appends to the output (after its start-up and a resume's cut), or ends."""
    smallest = output.stat().st_size if output.exists() else 0
    deadline = time.monotonic() + 60
    while child.poll() is None and time.monotonic() < deadline:
        size = output.stat().st_size if output.exists() else 0
        if size > smallest:
            return
        smallest = min(smallest, size)
        time.sleep(0.005)


def _kill_group(pgid: int) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(pgid, signal.SIGKILL)
