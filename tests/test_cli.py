"""The `smarak` command: exit codes, bad input, and that one bad file never loses another's records."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
from typer.testing import CliRunner

from pipeline.cli import app
from tests.conftest import CORPUS, GOLD, ROOT

runner = CliRunner()
LETTER = CORPUS / "letter-dpe-2024-05-07-award-applications.txt"


def _lines(path: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_run_writes_one_record_per_document(tmp_path: Path) -> None:
    out = tmp_path / "records.jsonl"
    result = runner.invoke(app, ["run", str(CORPUS), "-o", str(out)])
    assert result.exit_code == 0, result.stderr
    records = _lines(out)
    schema = json.loads((ROOT / "schema" / "record.schema.json").read_text(encoding="utf-8"))
    for record in records:
        jsonschema.validate(record, schema)
    files = {Path(str(r["source"]["file"])).name for r in records}  # type: ignore[index]
    assert len(records) == 24  # 22 documents, the forwarding letter holds two, and SOURCES.md is a text too
    assert "forwarding-letter-lgd-2017-10-31.txt" in files


def test_run_to_stdout() -> None:
    result = runner.invoke(app, ["run", str(LETTER), "-o", "-"])
    assert result.exit_code == 0
    (record,) = [json.loads(line) for line in result.stdout.splitlines()]
    assert record["memo_no"]["value"] == "38.01.0000.107.18.003.22-892"


@pytest.fixture()
def bad_inputs(tmp_path: Path) -> Path:
    """A folder with a good letter among an empty, a binary, a Latin-1 and a PDF file."""
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(LETTER, folder / "good.txt")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 4)
    (folder / "latin1.txt").write_bytes("Café স্মারক".encode("utf-16-le").replace(b"\x00", b"") + b"\xe9\xff")
    (folder / "scan.pdf").write_bytes(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    return folder


def test_bad_files_are_named_and_good_records_kept(bad_inputs: Path, tmp_path: Path) -> None:
    out = tmp_path / "records.jsonl"
    result = runner.invoke(app, ["run", str(bad_inputs), "-o", str(out)])
    assert result.exit_code == 1
    assert "Traceback" not in result.stderr
    for name, reason in [
        ("empty.txt", "empty file"),
        ("binary.txt", "binary content"),
        ("latin1.txt", "not UTF-8"),
        ("scan.pdf", "cannot read the PDF"),
    ]:
        assert any(name in line and reason in line for line in result.stderr.splitlines()), name
    (record,) = _lines(out)
    assert str(record["source"]["file"]).endswith("good.txt")  # type: ignore[index]


def test_english_only_letter_gives_a_record_with_a_warning(tmp_path: Path) -> None:
    letter = tmp_path / "english.txt"
    letter.write_text(
        "Government of the People's Republic of Bangladesh\nMinistry of Planning\n"
        "Memo No. 52.00.0000.022.05.001.22-78\nDate: 10 October 2022\nSubject: Meeting notice\n"
        "You are requested to attend the meeting.\n",
        encoding="utf-8",
    )
    result = runner.invoke(app, ["run", str(letter)])
    assert result.exit_code == 0
    (record,) = [json.loads(line) for line in result.stdout.splitlines()]
    assert any(w.startswith("no-bangla-text: ") for w in record["warnings"])


def test_ten_megabyte_text_file(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    page = (CORPUS / "minutes-sid-2022-10-08.txt").read_text(encoding="utf-8")
    with big.open("w", encoding="utf-8") as sink:
        while sink.tell() < 10_000_000:
            sink.write(page + "\f")
    result = runner.invoke(app, ["run", str(big), "-o", str(tmp_path / "out.jsonl")])
    assert result.exit_code == 0, result.stderr
    records = _lines(tmp_path / "out.jsonl")
    assert len(records) >= 1
    assert all(r["memo_no"] is not None for r in records)


def test_usage_errors_exit_2(tmp_path: Path) -> None:
    assert runner.invoke(app, ["run", str(tmp_path / "missing.txt")]).exit_code == 2
    assert runner.invoke(app, ["run", str(LETTER), "-o", str(tmp_path / "no" / "dir" / "x.jsonl")]).exit_code == 2
    assert runner.invoke(app, ["score", str(tmp_path), str(LETTER), "--bogus"]).exit_code == 2


@pytest.mark.parametrize("command", [[], ["run"], ["score"], ["schema"]])
def test_help(command: list[str]) -> None:
    result = runner.invoke(app, [*command, "--help"])
    assert result.exit_code == 0
    assert "Usage" in result.stdout


def test_score_prints_the_table_and_writes_json(tmp_path: Path) -> None:
    out = tmp_path / "records.jsonl"
    runner.invoke(app, ["run", *map(str, sorted(CORPUS.glob("*.txt"))), "-o", str(out)])
    with out.open("a", encoding="utf-8") as sink:
        sink.write("{not json\n")
    table = tmp_path / "score.json"
    result = runner.invoke(app, ["score", str(GOLD), str(out), "--json", str(table)])
    assert result.exit_code == 0
    assert "decisions" in result.stdout and "overall" in result.stdout
    assert "LINE 24" in result.stderr  # after the 23 records
    assert json.loads(table.read_text())["overall"]["f1"] > 0.9


def test_console_script_end_to_end(tmp_path: Path) -> None:
    smarak = Path(sys.executable).with_name("smarak")
    done = subprocess.run([str(smarak), "run", str(LETTER)], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["date"]["bangla"] == "1431-01-24"


@pytest.fixture(scope="module")
def records_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The corpus's records, with one corrupt line in the middle."""
    out = tmp_path_factory.mktemp("records") / "records.jsonl"
    runner.invoke(app, ["run", *map(str, sorted(CORPUS.glob("*.txt"))), "-o", str(out)])
    lines = out.read_text(encoding="utf-8").splitlines()
    out.write_text("\n".join([*lines[:3], "{torn", *lines[3:]]) + "\n", encoding="utf-8")
    return out


def test_export_csv_and_xlsx(records_file: Path, tmp_path: Path) -> None:
    result = runner.invoke(app, ["export", str(records_file), "--to", "csv", str(tmp_path / "run")])
    assert result.exit_code == 0
    assert "line 4" in result.stderr  # the corrupt line, named and skipped
    decisions = (tmp_path / "run.decisions.csv").read_text(encoding="utf-8-sig")
    assert "52.00.0000.022.05.001.22-78" in decisions and "প্রোগ্রামার, আইসিটি শাখা" in decisions
    assert runner.invoke(app, ["export", str(records_file), "--to", "xlsx", str(tmp_path)]).exit_code == 0
    assert (tmp_path / "records.xlsx").stat().st_size > 0
    assert runner.invoke(app, ["export", str(records_file), "--to", "xlsx", "/no/such/dir/x"]).exit_code == 1


def test_db_load_twice_and_query(records_file: Path, tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'decisions.db'}"
    first = runner.invoke(app, ["db", "load", str(records_file), "--db", url])
    assert first.exit_code == 1 and "23 inserted" in first.stderr and "1 corrupt line skipped" in first.stderr
    again = runner.invoke(app, ["db", "load", str(records_file), "--db", url])
    assert "0 inserted, 0 replaced, 23 unchanged" in again.stderr
    overdue = runner.invoke(app, ["db", "overdue", "--as-of", "2023-06-01", "--db", url, "--json"])
    rows = json.loads(overdue.stdout)
    assert any(r["deadline_value"] == "2023-05-04" and r["days_overdue"] == 28 for r in rows)
    assigned = json.loads(runner.invoke(app, ["db", "assigned", "প্রোগ্রামার", "--db", url, "--json"]).stdout)
    assert assigned and all("প্রোগ্রামার" in r["matched"] for r in assigned)
    thread = json.loads(
        runner.invoke(app, ["db", "thread", "৪৬.০০.০০০০.০৩৯.০১৮.০০২.২০১৫-১৮৮-৫", "--db", url, "--json"]).stdout
    )
    assert [r["memo_no"] for r in thread] == ["04.00.0000.831.66.003.17.282", "46.00.0000.039.018.002.2015-188-5"]


def test_db_down_is_a_clear_error(records_file: Path) -> None:
    result = runner.invoke(app, ["db", "load", str(records_file), "--db", "postgresql://u:p@127.0.0.1:9/none"])
    assert result.exit_code == 1
    assert "cannot open database" in result.stderr and "Traceback" not in result.stderr
