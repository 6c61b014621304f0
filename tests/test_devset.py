"""Regression guard on the synthetic genre dev set (devset/): the rules were developed against it, so
its score is no measure of accuracy, only a tripwire for changes that break a shape of the genre."""

from __future__ import annotations

from pipeline.api import process_file
from pipeline.score import load_gold, score
from tests.conftest import ROOT

DEVSET = ROOT / "devset"


def test_devset_does_not_regress() -> None:
    predicted = {
        path.stem: [r.model_dump(mode="json", by_alias=True) for r in process_file(path)]
        for path in sorted((DEVSET / "docs").glob("*.txt"))
    }
    report = score(load_gold(DEVSET / "gold"), predicted)
    assert report.overall.f1 >= 0.95
    for field in ("memo_no", "date", "decisions", "deadline"):
        assert report.fields[field].f1 >= 0.95, field
