"""The same document gives the same record whatever its surface form (tests/surface_forms.py).

Each corpus document's records, read from its plain text, are the gold; the records read from a
surface form are scored against them with the contract's scorer, and every field must match exactly
(no false positive, no false negative). Spans are left out: a form moves the text.
"""

from __future__ import annotations

from functools import cache
from typing import Any

import pytest

from pipeline.api import normalise_pages, process_text
from pipeline.score import score
from tests.conftest import CORPUS
from tests.surface_forms import FORMS, Form

_COMPUTED = ("id", "source", "warnings")  # what the pipeline says about itself, not what the page says
FILES = sorted(path.name for path in CORPUS.glob("*.txt"))


def _documents(text: str) -> list[dict[str, Any]]:
    """Records of `text` as scorer input: JSON data without computed fields or decision spans."""
    docs = []
    for record in process_text(text):
        doc = {k: v for k, v in record.model_dump(mode="json", by_alias=True).items() if k not in _COMPUTED}
        doc["decisions"] = [{k: v for k, v in d.items() if k != "span"} for d in doc["decisions"]]
        docs.append(doc)
    return docs


@cache
def _original(name: str) -> tuple[str, list[dict[str, Any]]]:
    text = (CORPUS / name).read_text(encoding="utf-8")
    return text, _documents(text)


@pytest.mark.parametrize("name", FILES)
@pytest.mark.parametrize("form", FORMS, ids=lambda form: form.__name__)
def test_same_record_in_every_surface_form(form: Form, name: str) -> None:
    text, gold = _original(name)
    predicted = _documents(form(text))
    report = score({name: gold}, {name: predicted})
    differing = {field: counts for field, counts in report.fields.items() if counts.fp or counts.fn}
    detail = ", ".join(f"{field} (FP {c.fp}, FN {c.fn})" for field, c in differing.items())
    assert not differing, f"{form.__name__} changes the record of {name}: {detail}"


def test_spaced_table_rows_get_their_tabs_back_and_prose_keeps_its_spaces() -> None:
    text = "ক্রম  সিদ্ধান্ত     বাস্তবায়নে\n১   প্রেরণ করতে হবে।  ইনোভেশন টিম\n\nসভায়  আলোচনা হয়।\nপরের লাইন।"
    (page,) = normalise_pages([text])
    assert page == "ক্রম\tসিদ্ধান্ত\tবাস্তবায়নে\n১\tপ্রেরণ করতে হবে।\tইনোভেশন টিম\n\nসভায়  আলোচনা হয়।\nপরের লাইন।"


def test_spaced_out_text_is_halved_and_plain_text_is_not() -> None:
    assert normalise_pages(["সভায়  আলোচনা  হয়।    শেষ"]) == ["সভায় আলোচনা হয়।  শেষ"]
    assert normalise_pages(["সভায় আলোচনা  হয়।"]) == ["সভায় আলোচনা  হয়।"]


def test_a_wrapped_cell_of_an_aligned_table_keeps_its_column() -> None:
    text = (
        "ক্রম  বিষয়          সিদ্ধান্ত             বাস্তবায়নে\n"
        "১     বাঁধ মেরামত।   তালিকা প্রেরণ         নির্বাহী প্রকৌশলী\n"
        "                    করতে হবে।\n"
        "                                        পাউবো"
    )
    (page,) = normalise_pages([text])
    assert page.split("\n")[2:] == ["\t\tকরতে হবে।", "\t\t\tপাউবো"]
