"""`smarak run` on hostile folders, with real filesystem objects: FIFOs, sockets and devices, symlink loops and
broken links, unreadable folders, its own outputs inside an input folder, and symlinks planted where it writes."""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from pipeline.batch import errors_path
from pipeline.cli import app
from tests.conftest import CORPUS

runner = CliRunner()
SMARAK = Path(sys.executable).with_name("smarak")
LETTER = CORPUS / "letter-dpe-2024-05-07-award-applications.txt"
#: Every temporary name the runner has used or could plausibly use beside records.jsonl.
TEMP_NAMES = ("errors.jsonl.tmp", "records.errors.jsonl.tmp", ".records.errors.jsonl.tmp", "records.jsonl.tmp")


def _run(*args: str) -> Result:
    return runner.invoke(app, ["run", *args, "--jobs", "1", "--no-cache"])


def _smarak(*args: str, prefix: Sequence[str] = (), timeout: float = 60) -> subprocess.CompletedProcess[str]:
    """`smarak run` in a real process, in its own session so that a hang can be ended with its workers."""
    command = [*prefix, str(SMARAK), "run", *args, "--jobs", "1", "--no-cache"]
    child = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)
    try:
        out, err = child.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(child.pid, signal.SIGKILL)
        child.communicate()
        pytest.fail(f"{' '.join(command)} was still running after {timeout} s")
    return subprocess.CompletedProcess(command, child.returncode, out, err)


def _files(output: Path) -> list[str]:
    return [json.loads(line)["source"]["file"] for line in output.read_text(encoding="utf-8").splitlines()]


def _errors(output: Path) -> dict[str, str]:
    lines = errors_path(output).read_text(encoding="utf-8").splitlines()
    return {error["file"]: error["message"] for error in map(json.loads, lines)}


def _named_on_stderr(stderr: str, errors: dict[str, str]) -> bool:
    text = " ".join(stderr.split())  # rich may wrap long lines
    return all(f"{file}: {message}" in text for file, message in errors.items())


@pytest.fixture()
def folder(tmp_path: Path) -> Path:
    """An input folder holding one good letter."""
    path = tmp_path / "in"
    path.mkdir()
    shutil.copy(LETTER, path / "letter.txt")
    return path


def test_non_regular_files_are_failures_not_waited_for(folder: Path, tmp_path: Path) -> None:
    os.mkfifo(folder / "pipe")
    given = tmp_path / "given-pipe"
    os.mkfifo(given)
    output = tmp_path / "records.jsonl"
    with socket.socket(socket.AF_UNIX) as server:
        server.bind(str(folder / "socket"))
        done = _smarak(str(folder), str(given), "/dev/null", "-o", str(output))
    assert done.returncode == 1, done.stderr
    errors = _errors(output)
    assert errors == {
        "/dev/null": "not a regular file: a character device",
        str(given): "not a regular file: a FIFO (named pipe)",
        str(folder / "pipe"): "not a regular file: a FIFO (named pipe)",
        str(folder / "socket"): "not a regular file: a socket",
    }
    assert _named_on_stderr(done.stderr, errors)
    assert _files(output) == [str(folder / "letter.txt")]


def test_symlink_loops_and_broken_links_are_named_failures(folder: Path, tmp_path: Path) -> None:
    (folder / "sub").mkdir()
    shutil.copy(LETTER, folder / "sub" / "copy.txt")
    (folder / "self").symlink_to("self")
    (folder / "ping").symlink_to("pong")
    (folder / "pong").symlink_to("ping")
    (folder / "sub" / "up").symlink_to("..")  # a folder link back to its own parent
    (folder / "dangling.txt").symlink_to("missing.txt")
    output = tmp_path / "records.jsonl"
    result = _run(str(folder), "-o", str(output))
    assert result.exit_code == 1, result.stderr
    errors = _errors(output)
    assert errors == {
        str(folder / "dangling.txt"): "broken symlink: its target missing.txt is not there",
        str(folder / "ping"): "symlink loop",
        str(folder / "pong"): "symlink loop",
        str(folder / "self"): "symlink loop",
        str(folder / "sub" / "up"): f"symlink loop: leads back to the folder {folder}",
    }
    assert _named_on_stderr(result.stderr, errors)
    assert _files(output) == [str(folder / "letter.txt")]  # the copy has the same content: written once
    given = _run(str(folder / "self"), "-o", str(output))
    assert given.exit_code == 1 and _errors(output) == {str(folder / "self"): "symlink loop"}


def _without_root_override(locked: Path) -> list[str]:
    """A command prefix under which `locked` (mode 000) cannot be listed. Root ignores file modes through
    CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH, so as root the run drops them from its bounding set (setpriv)."""
    prefix = ["setpriv", "--bounding-set=-dac_override,-dac_read_search", "--"] if os.geteuid() == 0 else []
    probe = [*prefix, sys.executable, "-c", "import os, sys; os.listdir(sys.argv[1])", str(locked)]
    try:
        listed = subprocess.run(probe, capture_output=True, check=False).returncode == 0
    except FileNotFoundError:
        listed = True  # no setpriv
    if listed:
        pytest.skip("running as root and cannot drop CAP_DAC_OVERRIDE (setpriv): a mode-000 folder stays readable")
    return prefix


@pytest.fixture()
def locked(folder: Path) -> Iterator[tuple[Path, Path]]:
    """A folder that cannot be listed (mode 000) and one that can be listed but not entered (mode 600)."""
    unlistable, unsearchable = folder / "locked", folder / "unsearchable"
    for sub in (unlistable, unsearchable):
        sub.mkdir()
        (sub / "inside.txt").write_bytes(LETTER.read_bytes() + sub.name.encode())
    unlistable.chmod(0)
    unsearchable.chmod(0o600)
    yield unlistable, unsearchable
    for sub in (unlistable, unsearchable):
        sub.chmod(0o700)  # so that pytest can remove tmp_path


def test_unreadable_folders_are_named_failures(folder: Path, locked: tuple[Path, Path], tmp_path: Path) -> None:
    unlistable, unsearchable = locked
    output = tmp_path / "records.jsonl"
    done = _smarak(str(folder), "-o", str(output), prefix=_without_root_override(unlistable))
    assert done.returncode == 1, done.stderr
    errors = _errors(output)
    assert errors == {
        str(unlistable): "permission denied: cannot list the folder",
        str(unsearchable / "inside.txt"): "permission denied: a file in an unreadable folder",
    }
    assert _named_on_stderr(done.stderr, errors)
    assert _files(output) == [str(folder / "letter.txt")]


def test_own_outputs_in_an_input_folder_are_not_read_back(folder: Path) -> None:
    (folder / "empty.txt").write_bytes(b"")  # a failure, so that the errors file exists too
    output = folder / "records.jsonl"
    for resume in ([], [], ["--resume"]):
        result = _run(str(folder), "-o", str(output), *resume)
        assert result.exit_code == 1, result.stderr
        assert _errors(output) == {str(folder / "empty.txt"): "empty file"}
        assert _files(output) == [str(folder / "letter.txt")]
    assert sorted(path.name for path in folder.iterdir()) == [
        "empty.txt", "letter.txt", "records.errors.jsonl", "records.jsonl",
    ]  # fmt: skip


def test_include_and_exclude_choose_the_files_of_a_folder(folder: Path, tmp_path: Path) -> None:
    for name in ("notes.md", "sub/second.txt", "sub/old-draft.txt", "drafts/draft.txt"):
        (folder / name).parent.mkdir(exist_ok=True)
        (folder / name).write_bytes(LETTER.read_bytes() + name.encode())
    os.mkfifo(folder / "drafts" / "pipe")  # an excluded folder is not even looked into
    output = tmp_path / "records.jsonl"
    patterns = ["--include", "*.txt", "--exclude", "drafts", "--exclude", "sub/old-*"]
    result = _run(str(folder), "-o", str(output), *patterns)
    assert result.exit_code == 0, result.stderr
    assert _files(output) == [str(folder / "letter.txt"), str(folder / "sub" / "second.txt")]
    usage = " ".join(runner.invoke(app, ["run", "--help"]).stdout.split())
    assert "--include" in usage and "--exclude" in usage


def test_each_output_has_its_own_errors_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first, second = tmp_path / "first.txt", tmp_path / "second.txt"
    first.write_bytes(b"")
    second.write_bytes(b"")
    assert _run(str(first), "-o", str(tmp_path / "a.jsonl")).exit_code == 1
    assert _run(str(second), "-o", str(tmp_path / "b.jsonl")).exit_code == 1
    assert _errors(tmp_path / "a.jsonl") == {str(first): "empty file"}
    assert _errors(tmp_path / "b.jsonl") == {str(second): "empty file"}
    assert errors_path(tmp_path / "a.jsonl") == tmp_path / "a.errors.jsonl"
    cwd = tmp_path / "cwd"
    cwd.mkdir()
    monkeypatch.chdir(cwd)
    result = _run(str(first), "-o", "-")
    assert result.exit_code == 1 and _named_on_stderr(result.stderr, {str(first): "empty file"})
    assert not list(cwd.iterdir())  # with -o -, failures go to stderr only


def test_resume_writes_no_file_through_a_planted_symlink(folder: Path, tmp_path: Path) -> None:
    (folder / "empty.txt").write_bytes(b"")
    output = tmp_path / "records.jsonl"
    assert _run(str(folder / "letter.txt"), str(folder / "empty.txt"), "-o", str(output)).exit_code == 1
    victim = tmp_path / "victim.txt"
    victim.write_text("precious\n", encoding="utf-8")
    for name in TEMP_NAMES:
        (tmp_path / name).symlink_to(victim)
    # the letter only: the empty file's failure is kept, so the errors file is rewritten through a temporary
    result = _run(str(folder / "letter.txt"), "-o", str(output), "--resume")
    assert result.exit_code == 0, result.stderr
    assert victim.read_text(encoding="utf-8") == "precious\n"
    assert _files(output) == [str(folder / "letter.txt")]
    assert not errors_path(output).is_symlink() and _errors(output) == {str(folder / "empty.txt"): "empty file"}
    assert sorted(path.name for path in tmp_path.iterdir() if path.name.endswith(".tmp")) == sorted(TEMP_NAMES)


@pytest.mark.parametrize("resume", [[], ["--resume"]])
def test_symlinks_at_the_output_and_errors_file_are_not_followed(tmp_path: Path, resume: list[str]) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    secret = '{"file": "secret", "stage": "read", "message": "precious"}\n'
    victim = tmp_path / "victim.jsonl"
    victim.write_text(secret, encoding="utf-8")
    output = tmp_path / "records.jsonl"
    output.write_bytes(b"")
    errors_path(output).symlink_to(victim)
    result = _run(str(empty), "-o", str(output), *resume)
    assert result.exit_code == 1, result.stderr
    assert victim.read_text(encoding="utf-8") == secret
    assert not errors_path(output).is_symlink() and _errors(output) == {str(empty): "empty file"}
    link = tmp_path / "link.jsonl"
    link.symlink_to(victim)
    refused = _run(str(LETTER), "-o", str(link), *resume)
    assert refused.exit_code == 2 and "symbolic link" in refused.stderr
    assert victim.read_text(encoding="utf-8") == secret
