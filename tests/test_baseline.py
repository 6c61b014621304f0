"""The naive regex baseline (benchmarks/naive_baseline.py) is the floor: the pipeline must not score
below it on any field of the real corpus."""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks.accuracy import GoldSet, baseline_records, find_set, pipeline_records, score_set
from pipeline.ingest import IngestOptions
from pipeline.score import FIELDS, ScoreReport
from tests.conftest import ROOT

RECORD_KEYS = {"doc_type", "memo_no", "date", "subject", "references", "signatory", "meeting", "decisions"}


def _corpus_set(name: str) -> GoldSet:
    gold_set = find_set(name, ROOT)
    assert gold_set is not None
    return gold_set


@pytest.fixture(scope="module")
def corpus_scores() -> dict[str, ScoreReport]:
    """Pipeline and baseline scores on all of corpus/ (both corpus sets together)."""
    sets = [_corpus_set("corpus-original"), _corpus_set("corpus-real2")]
    return {
        "pipeline": score_set(sets[0], pipeline_records) + score_set(sets[1], pipeline_records),
        "baseline": score_set(sets[0], baseline_records) + score_set(sets[1], baseline_records),
    }


def test_corpus_sets_are_the_two_halves_of_the_corpus() -> None:
    original, real2 = _corpus_set("corpus-original"), _corpus_set("corpus-real2")
    assert len(original.files) == 11
    assert len(real2.files) == 11
    assert all(path.stem.startswith("r") for path in real2.files)
    assert not set(original.files) & set(real2.files)


def test_real_scans_are_skipped_when_absent(tmp_path: Path) -> None:
    assert find_set("real-scans", tmp_path / "repo") is None


def test_baseline_records_have_the_contract_shape() -> None:
    for path in _corpus_set("corpus-original").files:
        (record,) = baseline_records(path, IngestOptions())
        assert set(record) == RECORD_KEYS, path.name


def test_baseline_is_scored_and_finds_decisions() -> None:
    gold_set = _corpus_set("corpus-original")
    report = score_set(gold_set, baseline_records)
    assert report.files == 11
    assert report.unscored_files == []
    assert report.fields["decisions"].tp > 0
    assert report.fields["memo_no"].tp > 0
    assert report.fields["date"].tp > 0


@pytest.mark.parametrize("field", FIELDS)
def test_pipeline_is_not_below_the_baseline(corpus_scores: dict[str, ScoreReport], field: str) -> None:
    pipeline, baseline = corpus_scores["pipeline"].fields[field], corpus_scores["baseline"].fields[field]
    if baseline.tp + baseline.fn == 0:
        pytest.skip(f"{field}: the baseline counts nothing against gold")
    assert pipeline.f1 >= baseline.f1, f"{field}: pipeline F1 {pipeline.f1:.3f} < baseline {baseline.f1:.3f}"
