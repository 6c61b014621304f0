"""Warnings carry a registered code and a level; notes never reach a record."""

from __future__ import annotations

import re

import pytest

from pipeline.models import Record
from pipeline.warning_codes import LEVELS, count_codes, note, on_page, parse, registry, warning
from tests.conftest import ROOT

# The codes other modules and the review app rely on, registered before their first use.
_RELIED_ON = ("textlayer-rejected", "header-repaired", "date-repaired", "table-columns", "not-official")


def test_registry_gives_every_code_a_level_and_a_meaning() -> None:
    codes = registry()
    assert set(_RELIED_ON) <= set(codes)
    for code, entry in codes.items():
        assert re.fullmatch(r"[a-z]+(-[a-z]+)*", code), code
        assert entry.level in LEVELS and entry.meaning.strip(), code


def test_a_warning_is_code_colon_message_and_parses_back() -> None:
    text = warning("ocr-low-confidence", "low OCR confidence 0.41 (under 0.70)")
    assert text == "ocr-low-confidence: low OCR confidence 0.41 (under 0.70)"
    assert on_page(text, 2) == "ocr-low-confidence: page 2: low OCR confidence 0.41 (under 0.70)"
    assert parse(on_page(text, 2)) == ("ocr-low-confidence", "warning", "page 2: low OCR confidence 0.41 (under 0.70)")
    assert parse(note("page-blank", "page 3")) == ("page-blank", "note", "page 3")


def test_unknown_codes_and_notes_as_warnings_are_refused() -> None:
    with pytest.raises(ValueError, match="unregistered"):
        warning("ocr-typo", "x")
    with pytest.raises(ValueError, match="is a note"):
        warning("textlayer-empty", "page 1")
    with pytest.raises(ValueError, match="is a warning"):
        note("textlayer-rejected", "page 1")


def test_a_string_without_a_registered_code_is_an_uncoded_warning() -> None:
    assert parse("no memo number found") == (None, "warning", "no memo number found")
    assert parse("page 2: text") == (None, "warning", "page 2: text")
    assert count_codes(["memo-missing: a", "memo-missing: b", "old text"]) == {"memo-missing": 2, "uncoded": 1}


def test_every_code_written_in_the_source_is_registered() -> None:
    used = set()
    for path in (ROOT / "pipeline").rglob("*.py"):
        used |= set(re.findall(r"\b(?:warning|note)\(\s*\"([a-z-]+)\"", path.read_text(encoding="utf-8")))
    assert used and used <= set(registry()), used - set(registry())


def test_every_corpus_record_warning_has_a_registered_code(corpus_records: dict[str, list[Record]]) -> None:
    warnings = [w for records in corpus_records.values() for record in records for w in record.warnings]
    assert warnings  # the corpus has doubtful documents: a disagreeing dual date, a table row too wide
    for text in warnings:
        code, level, message = parse(text)
        assert code is not None and level != "note" and message, text


def test_the_readme_lists_every_code_with_its_level() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    listed = dict(re.findall(r"^\| `([a-z-]+)` \| (error|warning|note) \|", readme, re.MULTILINE))
    assert listed == {code: entry.level for code, entry in registry().items()}
