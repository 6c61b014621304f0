"""The review app's gold writer, path checks, form and marks, on the corpus and its gold (no browser)."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from pipeline import score as scoring
from pipeline.api import normalise_pages
from pipeline.ingest import read_pages
from pipeline.models import Record
from pipeline.review.draft import FIELDS, DecisionDraft, DraftError, draft_from, to_gold
from pipeline.review.gold import NO_FILE, Conflict, GoldError, GoldFolder, version_of
from pipeline.review.locate import draft_marks, find, segments
from pipeline.review.triage import review_reasons
from tests.conftest import CORPUS, GOLD

SID = "minutes-sid-2022-10-08"
FORWARDING = "forwarding-letter-lgd-2017-10-31"  # two documents in one file


def _gold(name: str) -> list[dict[str, Any]]:
    documents: list[dict[str, Any]] = json.loads((GOLD / f"{name}.json").read_text(encoding="utf-8"))["documents"]
    return documents


def test_a_record_alone_checks_nothing(corpus_records: dict[str, list[Record]]) -> None:
    record = corpus_records[SID][0]
    draft = draft_from(record, None)
    assert draft.checked == []
    assert record.memo_no is not None and draft.memo_no.value == record.memo_no.value
    assert [d.text for d in draft.decisions] == [d.text for d in record.decisions]
    assert all(d.span is not None and not d.responsible_checked for d in draft.decisions)
    assert to_gold(draft) == {}


def test_only_checked_fields_are_saved_and_empty_ones_as_null(corpus_records: dict[str, list[Record]]) -> None:
    draft = draft_from(corpus_records[SID][0], None)
    draft.memo_no.value = "৫২.০০.০০০০.০২২.০৫.০০১.২২-৭৯"  # typed with Bangla digits
    draft.subject = ""
    draft.decisions[0].responsible = ["প্রোগ্রামার, আইসিটি শাখা"]
    draft.decisions[0].responsible_checked = True
    draft.checked = ["memo_no", "subject", "references"]
    gold = to_gold(draft)
    assert list(gold) == ["memo_no", "subject", "references", "decisions"]  # a checked responsible checks decisions
    assert gold["memo_no"]["value"] == "52.00.0000.022.05.001.22-79"
    assert gold["subject"] is None and gold["references"] == []
    assert gold["decisions"][0]["responsible"] == ["প্রোগ্রামার, আইসিটি শাখা"]
    assert all("responsible" not in d and "deadline" not in d for d in gold["decisions"][1:])
    assert "span" not in gold["decisions"][0]


def test_bad_values_in_checked_fields_are_refused_and_named(corpus_records: dict[str, list[Record]]) -> None:
    draft = draft_from(corpus_records[SID][0], None)
    draft.date.value = "2022-02-30"
    draft.meeting.time = "11.00"
    draft.decisions.append(DecisionDraft(text="নতুন", deadline_checked=True, deadline={"kind": "date", "value": ""}))
    draft.checked = ["date", "meeting"]
    with pytest.raises(DraftError) as error:
        to_gold(draft)
    problems = " | ".join(error.value.problems)
    assert "date.value: '2022-02-30' is not a day of the calendar" in problems
    assert "meeting.time: '11.00' is not a 24-hour time" in problems
    assert f"decisions[{len(draft.decisions) - 1}].deadline" in problems
    draft.date.value, draft.meeting.time, draft.checked = "", "", ["memo_no"]
    draft.decisions.pop()
    assert list(to_gold(draft)) == ["memo_no"]  # unchecked fields are not checked for errors either


@pytest.mark.parametrize("path", sorted(GOLD.glob("*.json")), ids=lambda p: p.stem)
def test_the_gold_set_survives_the_form(path: Path, corpus_records: dict[str, list[Record]]) -> None:
    """Every corpus gold document read into the form and saved again scores the same: the form keeps all
    that the scorer reads, and what was not checked stays unchecked."""
    records = corpus_records[path.stem]
    original = _gold(path.stem)
    again = [to_gold(draft_from(record, doc)) for record, doc in zip(records, original, strict=False)]
    again += original[len(again) :]
    predicted = {path.stem: [r.model_dump(mode="json") for r in records]}
    before = scoring.score({path.stem: original}, predicted)
    after = scoring.score({path.stem: again}, predicted)
    assert after.to_dict() == before.to_dict()
    for old, new in zip(original, again, strict=True):
        assert set(new) == set(old) & set(FIELDS)


def test_gold_file_is_saved_whole_with_a_version_check(tmp_path: Path) -> None:
    folder = GoldFolder(tmp_path / "gold")
    assert folder.read(FORWARDING).version == NO_FILE
    saved = folder.save(FORWARDING, "forwarding.txt", 1, {"memo_no": None}, NO_FILE)
    on_disk = (tmp_path / "gold" / f"{FORWARDING}.json").read_bytes()
    assert json.loads(on_disk) == {"file": "forwarding.txt", "documents": [{}, {"memo_no": None}]}
    assert saved.version == version_of(on_disk) != NO_FILE
    with pytest.raises(Conflict, match="changed since this page was loaded"):
        folder.save(FORWARDING, "forwarding.txt", 0, {"subject": "x"}, NO_FILE)  # a stale tab
    assert (tmp_path / "gold" / f"{FORWARDING}.json").read_bytes() == on_disk
    again = folder.save(FORWARDING, "other-name.txt", 0, {"subject": "x"}, saved.version)
    assert again.documents == [{"subject": "x"}, {"memo_no": None}] and again.file == "forwarding.txt"
    assert [p.name for p in (tmp_path / "gold").iterdir()] == [f"{FORWARDING}.json"]  # no temporary file left


@pytest.mark.parametrize("key", ["../gold", "..", "a/b", "/etc/passwd", ".hidden", "", "a\\b", "x\x00y"])
def test_keys_that_are_not_file_names_are_refused(tmp_path: Path, key: str) -> None:
    with pytest.raises(GoldError):
        GoldFolder(tmp_path).path(key)


def test_a_link_out_of_the_gold_folder_is_refused(tmp_path: Path) -> None:
    (tmp_path / "gold").mkdir()
    (tmp_path / "elsewhere.json").write_text("{}")
    os.symlink(tmp_path / "elsewhere.json", tmp_path / "gold" / "trap.json")
    folder = GoldFolder(tmp_path / "gold")
    with pytest.raises(GoldError, match="leads out of the gold folder"):
        folder.save("trap", "trap.txt", 0, {}, NO_FILE)
    assert (tmp_path / "elsewhere.json").read_text() == "{}"


def test_a_damaged_gold_file_is_an_error_not_a_blank(tmp_path: Path) -> None:
    (tmp_path / "x.json").write_text("[1, 2]")
    with pytest.raises(GoldError, match="not a gold file"):
        GoldFolder(tmp_path).read("x")


def test_reasons_to_review(corpus_records: dict[str, list[Record]]) -> None:
    record = corpus_records[SID][0]
    assert review_reasons(record.model_copy(update={"decisions": [], "warnings": []})) == ["minutes without decisions"]
    low = record.source.model_copy(update={"method": "ocr", "ocr_confidence": 0.41})
    date = record.date.model_copy(update={"consistent": False}) if record.date else None
    reasons = review_reasons(record.model_copy(update={"source": low, "date": date, "warnings": ["x: y"]}))
    assert reasons[:2] == ["low OCR confidence (0.41)", "date halves disagree"] and reasons[-1] == "has warnings"
    unassigned = sum(not d.responsible for d in record.decisions)
    assert (f"{unassigned} decision" in " ".join(review_reasons(record))) == bool(unassigned)


def test_fields_and_decisions_are_marked_on_the_page(corpus_records: dict[str, list[Record]]) -> None:
    record = corpus_records[SID][0]
    texts = dict(enumerate(normalise_pages([p.text for p in read_pages(CORPUS / f"{SID}.txt").pages]), start=1))
    draft = draft_from(record, None)
    marks = draft_marks(draft, texts, record)
    by_target = {m.target: m for m in marks}
    assert record.memo_no is not None
    memo = by_target["memo_no"]
    assert texts[memo.page][memo.start : memo.end] == record.memo_no.text
    for number, decision in enumerate(record.decisions):
        mark = by_target[f"dec-{number}"]
        assert (mark.page, mark.start, mark.end) == (decision.span.page, decision.span.start, decision.span.end)
    pieces = segments(texts[1], marks)
    assert "".join(piece.text for piece in pieces) == texts[1]
    assert any("dec-0" in piece.targets for piece in pieces)
    # a decision saved to gold has no span: it is found by its text, also with a few letters wrong
    first = by_target["dec-0"]
    text = record.decisions[0].text
    assert find(texts, text) == (first.page, first.start, first.end)
    found = find(texts, text[:20] + text[24:])
    assert found is not None and found[0] == first.page and abs(found[1] - first.start) < 5
    assert find(texts, "সম্পূর্ণ অন্য একটি বাক্য যা এখানে নেই কোথাও") is None
