"""Regression guard on the synthetic genre sets: the rules were developed against devset/ and generalised
against each blind set after its first run, so their scores are no measure of accuracy, only tripwires for
changes that break a shape of the genre. The floors sit a little under the scores the README reports."""

from __future__ import annotations

import pytest

from pipeline.api import process_file
from pipeline.score import load_gold, score
from tests.conftest import ROOT

FLOORS = {
    "devset": 0.98,
    "heldout": 0.96,
    "heldout2": 0.96,
    "heldout3": 0.96,
    "heldout4": 0.95,
    "heldout5": 0.93,
    "heldout6": 0.88,
    "heldout7": 0.95,
    "heldout8": 0.9,
    "heldout9": 0.93,
    "heldout10": 0.95,
    "heldout11": 0.95,
}


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_synthetic_set_does_not_regress(name: str) -> None:
    folder = ROOT / name
    predicted = {
        path.stem: [r.model_dump(mode="json", by_alias=True) for r in process_file(path)]
        for path in sorted((folder / "docs").glob("*.txt"))
    }
    report = score(load_gold(folder / "gold"), predicted)
    assert report.overall.f1 >= FLOORS[name]
    for field in ("memo_no", "date", "decisions", "deadline"):
        assert report.fields[field].f1 >= 0.9, field
