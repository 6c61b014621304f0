"""The committed JSON Schema matches the models, and records validate against it."""

from __future__ import annotations

import json

import jsonschema
import pytest
from pydantic import ValidationError

from pipeline.models import Record, render_json_schema
from tests.conftest import ROOT

SCHEMA = ROOT / "schema" / "record.schema.json"


def test_committed_schema_is_current() -> None:
    assert SCHEMA.read_text(encoding="utf-8") == render_json_schema(), "run `make schema` and commit it"


def test_every_corpus_record_validates(corpus_records: dict[str, list[Record]]) -> None:
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    for records in corpus_records.values():
        for record in records:
            jsonschema.validate(json.loads(record.to_json()), schema)


def test_record_uses_contract_field_names(corpus_records: dict[str, list[Record]]) -> None:
    line = json.loads(corpus_records["forwarding-letter-lgd-2017-10-31"][0].to_json())
    assert line["schema"] == "record/1"
    assert "copy" in line["memo_no"] and "copy_" not in line["memo_no"]


def test_bad_record_is_rejected() -> None:
    with pytest.raises(ValidationError):
        Record.model_validate({"id": "not-an-id", "doc_type": "letter"})


def test_package_api() -> None:
    import pipeline

    (record,) = pipeline.process_text(
        "স্মারক নং: ৩৮.০১.০০০০.১৪৫.৯৯.০২২.২৪ তারিখ: ০৪ চৈত্র, ১৪৩১ ১৭ মার্চ ২০২৫", source="x.txt"
    )
    assert record.source.file == "x.txt" and record.source.method == "text"
    assert record.memo_no is not None and record.memo_no.value == "38.01.0000.145.99.022.24"
