"""The public Python API: what `import pipeline` offers, and records identical to the CLI's."""

from __future__ import annotations

import datetime as dt
import json

from typer.testing import CliRunner

import pipeline
from pipeline.cli import app
from tests.conftest import CORPUS

LETTER = CORPUS / "letter-dpe-2024-05-07-award-applications.txt"
SID = CORPUS / "minutes-sid-2022-10-08.txt"


def test_the_package_lists_its_public_api() -> None:
    names = dir(pipeline)
    for name in ("process_file", "process_text", "read_pages", "Record", "InputError", "score", "__version__"):
        assert name in names
    assert pipeline.Record is pipeline.process_file(LETTER)[0].__class__


def test_record_json_from_python_is_the_clis_line() -> None:
    (record,) = pipeline.process_file(LETTER)
    result = CliRunner().invoke(app, ["run", str(LETTER), "-o", "-"])
    assert result.exit_code == 0
    assert json.loads(record.model_dump_json()) == json.loads(result.stdout)
    dumped = record.model_dump(mode="json")
    assert dumped["schema"] == "record/1" and "copy" in dumped["memo_no"] and "schema_" not in dumped


def test_a_date_deadline_is_a_date_like_the_issue_date() -> None:
    (record,) = pipeline.process_file(SID)
    deadlines = [d.deadline for d in record.decisions if d.deadline and d.deadline.kind == "date"]
    assert deadlines and all(isinstance(d.due, dt.date) for d in deadlines)
    assert deadlines[0].due == dt.date.fromisoformat(str(deadlines[0].value))
    assert isinstance(record.date.value if record.date else None, dt.date)


def test_version_option() -> None:
    result = CliRunner().invoke(app, ["--version"])
    assert result.exit_code == 0 and result.stdout.strip() == f"smarak {pipeline.__version__}"
    assert pipeline.__version__ != "0+unknown"  # the package is installed, so its metadata is read


def test_a_text_with_no_sign_of_an_official_document_says_so() -> None:
    readme = "# Archive 2019\n\n- scanned by the records room\n- boxes 1 to 12\n- ask the clerk for keys\n"
    data = '{"box": 12, "items": ["ক", "খ"], "note": "অনুরোধ করা হলো"}\n'
    for text in (readme, data):
        (record,) = pipeline.process_text(text)
        assert any(w.startswith("not-official:") for w in record.warnings), text
    (letter,) = pipeline.process_file(LETTER)
    assert not any(w.startswith("not-official:") for w in letter.warnings)
